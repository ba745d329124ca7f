package kiez

// Term is one value of a vocabulary: its stable kebab-case id as written in
// data and rule files, its German label for reports, and an English gloss.
type Term struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	English string `json:"english"`
}

// Vocabulary is a named list of terms, such as the staff roles or the offer
// kinds. A closed vocabulary admits only its terms; an open one admits
// other kebab-case ids too, with a warning, so that a programme can grow
// without a library release.
type Vocabulary struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Closed bool   `json:"closed"`
	Terms  []Term `json:"terms"`
}

// IDs returns the ids of the vocabulary's terms in order.
func (v Vocabulary) IDs() []string {
	ids := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		ids[i] = t.ID
	}
	return ids
}

// Has reports whether id is a term of the vocabulary.
func (v Vocabulary) Has(id string) bool {
	for _, t := range v.Terms {
		if t.ID == id {
			return true
		}
	}
	return false
}

// The names of the vocabularies.
const (
	VocabCentreKind       = "centre-kind"
	VocabOrganisationForm = "organisation-form"
	VocabPhase            = "phase"
	VocabRole             = "role"
	VocabPartnerKind      = "partner-kind"
	VocabOfferKind        = "offer-kind"
	VocabField            = "field"
	VocabTopic            = "topic"
	VocabFormat           = "format"
	VocabOwner            = "owner"
	VocabMeetingKind      = "meeting-kind"
	VocabEvidenceKind     = "evidence-kind"
	VocabChangeKind       = "change-kind"
	VocabBudgetCategory   = "budget-category"
	VocabRoomKind         = "room-kind"
	VocabTargetMetric     = "target-metric"
)

// glossary and labels are built once from vocabularies and never changed;
// the exported functions hand out copies.
var (
	glossary = vocabularies()
	labels   = labelIndex(glossary)
)

func labelIndex(vs []Vocabulary) map[string]map[string]string {
	out := make(map[string]map[string]string, len(vs))
	for _, v := range vs {
		m := make(map[string]string, len(v.Terms))
		for _, t := range v.Terms {
			m[t.ID] = t.Label
		}
		out[v.Name] = m
	}
	return out
}

// Vocabularies returns every vocabulary of the model, the library's
// glossary. The result is a fresh copy; changing it changes nothing else.
func Vocabularies() []Vocabulary {
	src := glossary
	out := make([]Vocabulary, len(src))
	for i, v := range src {
		out[i] = v
		out[i].Terms = append([]Term(nil), v.Terms...)
	}
	return out
}

// LookupVocabulary returns a copy of the vocabulary with the given name.
func LookupVocabulary(name string) (Vocabulary, bool) {
	for _, v := range glossary {
		if v.Name == name {
			v.Terms = append([]Term(nil), v.Terms...)
			return v, true
		}
	}
	return Vocabulary{}, false
}

// Label returns the German label of a term, or the id itself when the
// vocabulary does not know it.
func Label(vocabulary, id string) string {
	if l, ok := labels[vocabulary][id]; ok {
		return l
	}
	return id
}

// vocabularies builds the glossary.
func vocabularies() []Vocabulary {
	return []Vocabulary{
		{Name: VocabCentreKind, Title: "Art des Zentrums", Closed: true, Terms: []Term{
			{"district-network", "KinderElternZentrum (Stadtteilnetzwerk)", "district network (Wiesbaden KiEZ)"},
			{"family-centre", "Familienzentrum (Kita-basiert)", "Kita-based family centre (Bad Kreuznach)"},
			{"thekiz", "Thüringer Eltern-Kind-Zentrum (ThEKiZ)", "Thuringian parent-child centre"},
		}},
		{Name: VocabOrganisationForm, Title: "Organisationsform (ThEKiZ)", Closed: true, Terms: []Term{
			{"unter-einem-dach", "Unter einem Dach", "all offers under one roof"},
			{"lotse", "Lotse", "pilot: guides families to partners' offers"},
			{"galerie", "Galerie", "gallery: partners present offers in the Kita"},
			{"verbund", "Verbund", "alliance of several Kitas"},
		}},
		{Name: VocabPhase, Title: "Entwicklungsphase (ThEKiZ)", Closed: true, Terms: []Term{
			{"auf-dem-weg", "Kita auf dem Weg zum ThEKiZ", "Kita on the way to a ThEKiZ"},
			{"thekiz", "ThEKiZ", "established ThEKiZ"},
			{"konsultationseinrichtung", "ThEKiZ-Konsultationseinrichtung", "consultation centre"},
		}},
		{Name: VocabRole, Title: "Rolle", Terms: []Term{
			{"kiez-verantwortliche", "KiEZ-Verantwortliche", "KiEZ coordinator"},
			{"leitung-familienzentrum", "Leitung Familienzentrum", "head of family centre"},
			{"kita-leitung", "Kita-Leitung", "head of Kita"},
			{"thekiz-koordination", "ThEKiZ-Koordination", "ThEKiZ coordination"},
			{"kita-sozialarbeit", "Kita-Sozialarbeit", "Kita social work"},
			{"elternberatung", "Elternberatung", "parent counselling"},
			{"fachkraft-ebp", "Fachkraft für Erziehungs- und Bildungspartnerschaft", "specialist for educational partnership"},
			{"fachberatung", "Fachberatung", "specialist advisor"},
			{"prozessbegleitung", "Prozessbegleitung", "process facilitator"},
			{"kursleitung", "Kursleitung", "course leader"},
			{"honorarkraft", "Honorarkraft", "freelancer"},
			{"ehrenamt", "Ehrenamt", "volunteer"},
			{"koordinierungsstelle-sozialraumbudget", "Koordinierungsstelle Sozialraumbudget", "coordination office of the social-space budget"},
			{"jugendamt", "Jugendamt", "youth welfare office"},
			{"traeger", "Träger", "provider"},
			{"elternvertretung", "Elternvertretung / Elternausschuss", "parents' representatives"},
			{"sozialplanung", "Sozialplanung", "social planning"},
			{"kommune", "Kommune", "municipality"},
			{"netzwerkpartner", "Netzwerkpartner", "network partner"},
			{"kita-team", "Kita-Team", "Kita team"},
		}},
		{Name: VocabPartnerKind, Title: "Art des Netzwerkpartners", Terms: []Term{
			{"kita", "Kita", "day-care centre"},
			{"grundschule", "Grundschule", "primary school"},
			{"betreuende-grundschule", "Betreuende Grundschule", "primary school with after-school care"},
			{"schulsozialarbeit", "Schulsozialarbeit", "school social work"},
			{"familienbildungsstaette", "Familienbildungsstätte", "family education centre"},
			{"erziehungsberatungsstelle", "Erziehungsberatungsstelle", "child guidance centre"},
			{"bezirkssozialarbeit", "Bezirkssozialarbeit", "district social work"},
			{"jobcenter", "Sozialleistungs- und Jobcenter", "job centre"},
			{"fruehfoerderstelle", "Frühförderstelle", "early intervention centre"},
			{"hebammen", "Hebammen", "midwives"},
			{"kirchengemeinde", "Kirchengemeinde", "parish"},
			{"stadtteilbibliothek", "Stadtteilbibliothek", "district library"},
			{"stadtteilzentrum", "Stadtteilzentrum", "community centre"},
			{"abteilung-jugendarbeit", "Abteilung Jugendarbeit", "youth work department"},
			{"gesundheitsamt", "Gesundheitsamt", "public health office"},
			{"migrationsberatung", "Migrationsberatung", "migration counselling"},
			{"verein", "Verein", "association"},
			{"kita-fachberatung", "Kita-Fachberatung", "Kita specialist advisory service"},
			{"jugendamt", "Jugendamt", "youth welfare office"},
		}},
		{Name: VocabOfferKind, Title: "Angebotsart", Terms: []Term{
			{"elterncafe", "Elterncafé", "parents' café"},
			{"babycafe", "Babycafé", "baby café"},
			{"schulelterncafe", "Schulelterncafé", "school parents' café"},
			{"elternbildung", "Elternbildung", "parent education"},
			{"sprechstunde", "Sprechstunde", "consultation hours"},
			{"offene-sprechstunde", "Offene Sprechstunde", "open consultation hours"},
			{"beratung", "Beratung", "counselling"},
			{"eltern-kind-gruppe", "Eltern-Kind-Gruppe", "parent-child group"},
			{"kurs", "Kurs", "course"},
			{"sprachfoerderung", "Sprachförderung", "language support"},
			{"familienfreizeit", "Familienfreizeit / Ausflug", "family outing"},
			{"fest", "Fest / Veranstaltung", "festival or event"},
			{"information", "Informationsveranstaltung", "information event"},
			{"jugendarbeit", "Angebot mit der Jugendarbeit", "offer with youth work"},
		}},
		{Name: VocabField, Title: "Handlungsfeld (ThEKiZ)", Closed: true, Terms: []Term{
			{"begegnung", "Begegnung", "encounter"},
			{"beratung", "Beratung", "counselling"},
			{"bildung", "Bildung", "education"},
			{"begleitung", "Begleitung", "support"},
		}},
		{Name: VocabTopic, Title: "Thema", Terms: []Term{
			{"vernetzung", "Vernetzung der Akteure vor Ort", "networking of local actors"},
			{"aktivierung", "Aktivierung zur Nutzung von Elternbildung", "activating parents to use parent education"},
			{"begegnung", "Begegnung und eigene Netzwerke", "encounter and parents' own networks"},
			{"sprachfoerderung", "Sprachförderung", "language support"},
			{"beratung", "Beratungsangebote", "counselling services"},
			{"praevention", "Prävention und Einzelfallhilfe", "prevention including individual help"},
			{"gesundheit", "Gesundheit", "health"},
			{"erziehung", "Erziehung", "parenting"},
		}},
		{Name: VocabFormat, Title: "Format", Closed: true, Terms: []Term{
			{"in-person", "Präsenz", "in person"},
			{"digital", "Digital", "digital"},
			{"hybrid", "Hybrid", "hybrid"},
		}},
		{Name: VocabOwner, Title: "Träger des Raums", Closed: true, Terms: []Term{
			{"centre", "Zentrum selbst", "the centre"},
			{"provider", "Träger", "the provider"},
			{"partner", "Netzwerkpartner", "a network partner"},
			{"public", "Öffentlicher Raum", "a public venue"},
		}},
		{Name: VocabMeetingKind, Title: "Besprechungsart", Terms: []Term{
			{"qualitaets-ag", "Qualitäts-AG", "quality working group (monthly)"},
			{"ag-kiez", "AG KiEZ", "KiEZ working group (quarterly)"},
			{"ag-78", "AG § 78 Elternbildung und Frühe Hilfen", "§ 78 working group"},
			{"netzwerktreffen", "Netzwerktreffen", "network meeting"},
			{"austauschtreffen-jugendamt", "Austauschtreffen der Familienzentren mit dem Jugendamt", "exchange of all family centres with the youth office"},
			{"planungstreffen-team", "Planungstreffen mit dem multiprofessionellen Team", "planning meeting with the team"},
			{"sozialraumtreffen", "Sozialraumtreffen", "social-space meeting"},
			{"feedback-kita-sozialarbeit", "Feedbackgespräch mit der Kita-Sozialarbeit", "feedback loop with Kita social work"},
			{"kita-leitungen-austausch", "Austausch mit den Kita-Leitungen", "exchange with the catchment Kita heads"},
			{"vorstellung-kita-sozialarbeit", "Vorstellung der Kita-Sozialarbeit", "Kita social work introduces itself"},
			{"steuerungsteam", "Steuerungsteam", "steering team"},
			{"fallbesprechung", "Fallbesprechung", "case conference"},
		}},
		{Name: VocabEvidenceKind, Title: "Nachweisart", Terms: []Term{
			{"zuschussvertrag", "Zuschussvertrag", "grant contract"},
			{"zielvereinbarung", "Zielvereinbarung", "target agreement"},
			{"jahresauswertung", "Jahresauswertung der Angebote", "annual evaluation of offers"},
			{"geschaeftsbericht", "Geschäftsbericht", "business report"},
			{"bedarfsanalyse", "Bedarfsanalyse", "needs analysis"},
			{"informationsstand", "Aktualisierte Information über Angebote", "updated information on offers"},
			{"verwendungsnachweis", "Verwendungsnachweis", "proof of use of funds"},
			{"jahresbericht", "Jahresbericht", "annual report"},
			{"jahresbericht-sozialraumbudget", "Jahresbericht Sozialraumbudget", "merged annual report of the social-space budget"},
			{"vereinbarung-8a", "Vereinbarung nach § 8a SGB VIII", "child-protection procedure agreement"},
			{"schweigepflichtsentbindung", "Schweigepflichtsentbindung", "consent to share information"},
			{"aushang", "Aushang", "notice"},
			{"homepage", "Veröffentlichung auf der Homepage", "homepage publication"},
			{"konzeption", "Konzeption (fortgeschrieben)", "updated concept"},
			{"ausgangsanalyse", "Ausgangsanalyse", "initial analysis"},
			{"elternbeteiligung", "Beteiligung der Eltern an der Entscheidung", "parents' involvement in the decision"},
			{"sachbericht", "Sachbericht", "annual narrative report"},
			{"taetigkeitsbericht", "Tätigkeitsbericht", "activity report"},
			{"taetigkeitsnachweis", "Tätigkeitsnachweis", "activity log"},
			{"datenschutzpruefung", "Datenschutzprüfung", "data-protection check"},
			{"kooperationsvertrag", "Kooperationsvertrag", "cooperation contract"},
		}},
		{Name: VocabChangeKind, Title: "Art der Veränderung", Terms: []Term{
			{"leitungswechsel", "Wechsel der Kita-Leitung", "change of Kita head"},
			{"traegerwechsel", "Trägerwechsel", "change of provider"},
			{"neues-personal", "Neues Personal", "new staff"},
			{"teamkonstellation", "Neue Teamkonstellation", "new team constellation"},
			{"elternfluktuation", "Ständige Fluktuation der Eltern", "constant turnover of parents"},
		}},
		{Name: VocabBudgetCategory, Title: "Haushaltskategorie", Terms: []Term{
			{"personal-kiez-verantwortliche", "Personalkosten KiEZ-Verantwortliche", "staff costs of the KiEZ coordinator"},
			{"programmgeld-personal", "Programmgeld: Personal", "programme money: staff"},
			{"programmgeld-sachkosten", "Programmgeld: Sachkosten", "programme money: material"},
			{"programmgeld-fortbildung", "Programmgeld: Fortbildung", "programme money: training"},
			{"sozialraumbudget-leitungsfreistellung", "Sozialraumbudget: Leitungsfreistellung", "social-space budget: release time"},
			{"sozialraumbudget-angebote", "Sozialraumbudget: Angebote", "social-space budget: offers"},
			{"koordination", "Koordination", "coordination"},
			{"prozessbegleitung", "Prozessbegleitung", "process facilitation"},
			{"sachkosten", "Sachkosten", "material costs"},
		}},
		{Name: VocabRoomKind, Title: "Raumart", Terms: []Term{
			{"gemeinsamer-raum", "Gemeinsamer Raum", "shared room"},
			{"beratungsraum", "Beratungsraum", "counselling room"},
			{"neutraler-raum", "Neutraler Raum", "neutral room"},
			{"gruppenraum", "Gruppenraum", "group room"},
			{"cafe", "Café", "café"},
			{"buero", "Büro", "office"},
		}},
		{Name: VocabTargetMetric, Title: "Messgröße", Closed: true, Terms: []Term{
			{"sessions", "Termine", "sessions held"},
			{"attendance", "Teilnahmen", "attendances (adults and children)"},
			{"families", "Familien", "families reached"},
			{"offers", "Angebote", "offers run"},
		}},
	}
}
