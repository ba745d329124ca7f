package main

import (
	"fmt"
	"strings"
	"time"
)

// Wiesbaden KiEZ. Real: the programme's authority and legal basis (seed 001
// §1.3.2), the ten districts and their providers as the site map of seed
// 000 writes them (§1.2 near line 300 and §4 KiEZ-Standorte near lines
// 690-820), the full-time post (seed 002). Illustrative: everything a
// centre did in 2024.

const wiProgramme = "wiesbaden-kiez"

// wiProvider is a KiEZ-Träger as the site map names it.
type wiProvider struct {
	id, shortName, name, note string
}

var wiProviders = []wiProvider{
	{"xenia", "Xenia", "Xenia", "Name wie auf der Standortkarte (Seed 000 §4); eine ausgeschriebene Form nennen die Quellen nicht."},
	{"lhw", "LHW", "LHW", "Name wie auf der Standortkarte (Seed 000 §4); die Quellen schreiben die Abkürzung nicht aus."},
	{"ev-fb", "Ev. FB", "Ev. FB", "Name wie auf der Standortkarte (Seed 000 §4); die Quellen schreiben die Abkürzung nicht aus."},
	{"vbw-klarenthal", "vbw Klarenthal", "vbw Klarenthal", "Name wie auf der Standortkarte (Seed 000 §4); die Quellen schreiben die Abkürzung nicht aus."},
	{"kbs", "KBS", "KBS", "Name wie auf der Standortkarte (Seed 000 §4); die Quellen schreiben die Abkürzung nicht aus."},
	{"caritas", "Caritas", "Caritas", "Name wie auf der Standortkarte (Seed 000 §4); eine ausgeschriebene Form nennen die Quellen nicht."},
	{"casa", "CASA", "CASA", "Name wie auf der Standortkarte (Seed 000 §4); die Quellen schreiben die Abkürzung nicht aus."},
	{"dksb", "DKSB", "Kinderschutzbund Wiesbaden", "Karte (Seed 000 §4): „DKSB“; die Pressemitteilung (Seed 002) nennt den Träger des KiEZ Kastel/Kostheim „Kinderschutzbund Wiesbaden“."},
	{"awo-fbs", "AWO FBS", "AWO FBS", "Karte in Seed 000 §4: „AWO FBS“, Strukturbild in §1.2: „AWO“; die Quellen schreiben die Abkürzung nicht aus. Träger eines der beiden KiEZ Westend oder Gräselberg."},
	{"diakonisches-werk", "Diakonisches Werk", "Diakonisches Werk", "Name wie auf der Standortkarte (Seed 000 §4). Träger eines der beiden KiEZ Westend oder Gräselberg."},
}

// wiCentre is one KiEZ district with the parameters of its illustrative
// year.
type wiCentre struct {
	id, district, provider string
	unresolved             bool // provider left open: Westend, Gräselberg
	cafeDay, babyDay       time.Weekday
	schoolDay              time.Weekday
	babyEquivalent         bool // a parent-education group stands in for the Babycafé
	schoolEquivalent       bool // parent evenings stand in for the Schulelterncafé
	summerFrom             time.Time
	summerWeeks            int
	hosted                 []string // partner kinds with consultation hours at the KiEZ
	kvQualification        string
	kvFrom, kvBasic        time.Time
	sprechDay              time.Weekday
}

var wiCentres = []wiCentre{
	{id: "kiez-bergkirchenviertel", district: "Bergkirchenviertel", provider: "xenia",
		cafeDay: time.Tuesday, babyDay: time.Thursday, schoolDay: time.Wednesday,
		summerFrom: day(2024, 7, 22), summerWeeks: 3, hosted: []string{"erziehungsberatungsstelle", "hebammen"},
		kvQualification: "sozialpaedagogik", kvFrom: day(2018, 3, 1), kvBasic: day(2018, 11, 20), sprechDay: time.Monday},
	{id: "kiez-biebrich", district: "Biebrich", provider: "lhw",
		cafeDay: time.Wednesday, babyDay: time.Friday, schoolDay: time.Monday, schoolEquivalent: true,
		summerFrom: day(2024, 7, 29), summerWeeks: 2, hosted: []string{"erziehungsberatungsstelle", "jobcenter"},
		kvQualification: "sozialarbeit", kvFrom: day(2020, 9, 1), kvBasic: day(2021, 3, 10), sprechDay: time.Thursday},
	{id: "kiez-schelmengraben", district: "Schelmengraben", provider: "ev-fb",
		cafeDay: time.Monday, babyDay: time.Wednesday, schoolDay: time.Thursday,
		summerFrom: day(2024, 8, 5), summerWeeks: 3, hosted: []string{"hebammen", "fruehfoerderstelle"},
		kvQualification: "sozialpaedagogik", kvFrom: day(2016, 1, 1), kvBasic: day(2016, 10, 5), sprechDay: time.Tuesday},
	{id: "kiez-klarenthal", district: "Klarenthal", provider: "vbw-klarenthal",
		cafeDay: time.Thursday, babyDay: time.Tuesday, schoolDay: time.Wednesday, babyEquivalent: true,
		summerFrom: day(2024, 7, 15), summerWeeks: 3, hosted: []string{"erziehungsberatungsstelle", "bezirkssozialarbeit"},
		kvQualification: "sozialarbeit", kvFrom: day(2021, 2, 1), kvBasic: day(2021, 9, 22), sprechDay: time.Monday},
	{id: "kiez-sauerland", district: "Sauerland", provider: "kbs",
		cafeDay: time.Tuesday, babyDay: time.Monday, schoolDay: time.Thursday,
		summerFrom: day(2024, 7, 22), summerWeeks: 2, hosted: []string{"hebammen", "jobcenter"},
		kvQualification: "sozialpaedagogik", kvFrom: day(2019, 5, 1), kvBasic: day(2019, 11, 13), sprechDay: time.Wednesday},
	{id: "kiez-erbenheim", district: "Erbenheim", provider: "caritas",
		cafeDay: time.Wednesday, babyDay: time.Tuesday, schoolDay: time.Monday,
		summerFrom: day(2024, 8, 12), summerWeeks: 2, hosted: []string{"erziehungsberatungsstelle", "hebammen"},
		kvQualification: "sozialarbeit", kvFrom: day(2017, 8, 15), kvBasic: day(2018, 2, 7), sprechDay: time.Thursday},
	{id: "kiez-hollerborn-waldstrasse", district: "Hollerborn/Waldstraße", provider: "casa",
		cafeDay: time.Friday, babyDay: time.Wednesday, schoolDay: time.Tuesday,
		summerFrom: day(2024, 7, 29), summerWeeks: 3, hosted: []string{"erziehungsberatungsstelle", "jobcenter"},
		kvQualification: "sozialpaedagogik", kvFrom: day(2022, 4, 1), kvBasic: day(2022, 10, 19), sprechDay: time.Monday},
	{id: "kiez-kastel-kostheim", district: "Kastel/Kostheim", provider: "dksb",
		cafeDay: time.Thursday, babyDay: time.Monday, schoolDay: time.Wednesday,
		summerFrom: day(2024, 7, 15), summerWeeks: 2, hosted: []string{"erziehungsberatungsstelle", "hebammen", "fruehfoerderstelle"},
		kvQualification: "sozialpaedagogik", kvFrom: day(2015, 1, 1), kvBasic: day(2015, 6, 17), sprechDay: time.Tuesday},
	{id: "kiez-westend", district: "Westend", unresolved: true,
		cafeDay: time.Tuesday, babyDay: time.Friday, schoolDay: time.Thursday,
		summerFrom: day(2024, 8, 5), summerWeeks: 2, hosted: []string{"erziehungsberatungsstelle", "jobcenter"},
		kvQualification: "sozialarbeit", kvFrom: day(2019, 10, 1), kvBasic: day(2020, 2, 26), sprechDay: time.Wednesday},
	{id: "kiez-graeselberg", district: "Gräselberg", unresolved: true,
		cafeDay: time.Monday, babyDay: time.Thursday, schoolDay: time.Tuesday,
		summerFrom: day(2024, 7, 22), summerWeeks: 3, hosted: []string{"hebammen", "bezirkssozialarbeit"},
		kvQualification: "sozialpaedagogik", kvFrom: day(2020, 1, 1), kvBasic: day(2020, 6, 10), sprechDay: time.Friday},
}

const unresolvedNote = "Die Standortkarte (Seed 000 §4 KiEZ-Standorte, ebenso das Strukturbild in §1.2) nennt für Westend und Gräselberg die Träger „AWO FBS“ und „Diakonisches Werk“, ihre Textebene ordnet sie aber keinem der beiden Stadtteile zu. Bis eine Quelle das klärt, bleibt der Träger offen (Anforderungskatalog, docs/anforderungen.md, WI-26)."

// Themes of the Elterncafé, used in turn.
var cafeThemes = []string{
	"Gut ins neue Jahr: Rituale im Familienalltag",
	"Schlafen und Einschlafen",
	"Gesunde Ernährung mit kleinem Budget",
	"Medienzeit in der Familie",
	"Wenn Geschwister streiten",
	"Übergang Kita – Grundschule",
	"Zahngesundheit von Anfang an",
	"Mehrsprachig aufwachsen",
	"Grenzen setzen mit Gefühl",
	"Sonnen- und Hitzeschutz für Kinder",
	"Leistungen für Familien: Bildung und Teilhabe, Kinderzuschlag",
	"Vorlesen und Erzählen",
	"Unfallverhütung im Haushalt",
	"Wut und Trotz verstehen",
	"Advent ohne Stress",
}

var babyThemes = []string{"Beikost", "Babyschlaf", "Tragen und Bewegung", "Erste Hilfe am Baby", "Zähne", "Sprechen mit Babys"}

func wiesbaden(files map[string]*doc) {
	prog := newDoc(`Wiesbaden KiEZ (KinderElternZentren): the programme with its provider registry and the
programme-wide bodies (Qualitäts-AG, AG KiEZ, AG § 78).
Real: authority, legal basis (seed 001 §1.3.2), the ten providers as the site map of seed 000 writes
them (§1.2 and §4 KiEZ-Standorte), full-time post (seed 002). Illustrative: the 2024 meetings.`)
	c := &cal{holidays: holidays("DE-HE")}
	var providers L
	for _, p := range wiProviders {
		providers = append(providers, M{{"id", p.id}, {"name", p.name}, {"shortName", p.shortName}, {"note", p.note}})
	}
	var ms []meeting
	kvs := func() []participant {
		var ps []participant
		for _, ce := range wiCentres {
			ps = append(ps, participant{role: "kiez-verantwortliche", centre: ce.id})
		}
		return ps
	}
	sachgebiet := "Amt für Soziale Arbeit, Sachgebiet Elternbildung und Frühe Hilfen"
	for i, d := range c.monthly(periodStart, periodEnd, time.Wednesday, 2) {
		ps := append(kvs(), participant{role: "jugendamt", organisation: sachgebiet + " (Koordination und Moderation)"})
		ms = append(ms, meeting{id: fmt.Sprintf("qualitaets-ag-2024-%02d", i+1), kind: "qualitaets-ag", date: d, participants: ps, minutes: true,
			place: "Amt für Soziale Arbeit", topic: []string{"Jahresplanung 2024", "Bedarfsanalyse: Vorlage und Vorgehen", "Kollegiale Beratung",
				"Sprachförderung im Elterncafé", "Kooperation mit der Abteilung Jugendarbeit", "Willkommen Baby und KiEZ", "Sommerangebote",
				"Austausch über die Schließzeiten", "Weltkindertag", "Qualitätsstandards Elternbildung", "Geschäftsbericht: Kennzahlen", "Jahresrückblick"}[i]})
	}
	agKiez := []participant{
		{role: "traeger", organisation: "Vertretung der KiEZ-Träger"},
		{role: "netzwerkpartner", organisation: "Vertretung der Familienbildung"},
		{role: "netzwerkpartner", organisation: "Vertretung der freien Träger der Gemeinwesenarbeit"},
		{role: "jugendamt", organisation: sachgebiet + ", zuständige Mitarbeitende KiEZ"},
		{role: "jugendamt", organisation: "Amt für Soziale Arbeit, Abteilung Sozialdienst"},
		{role: "sozialplanung", organisation: "Amt für Soziale Arbeit, Abteilung Grundsatz und Planung"},
		{role: "kommune", organisation: "Abteilung Kindertagesstätten"},
		{role: "netzwerkpartner", organisation: "Vertretung aus dem Bereich Kinder im Grundschulalter"},
	}
	for i, d := range []time.Time{day(2024, 3, 6), day(2024, 6, 5), day(2024, 9, 4), day(2024, 11, 27)} {
		ms = append(ms, meeting{id: fmt.Sprintf("ag-kiez-2024-q%d", i+1), kind: "ag-kiez", date: d, participants: agKiez, minutes: true,
			place: "Amt für Soziale Arbeit", topic: []string{"Umsetzung des Grundlagenkonzepts 2022", "Fortbildungsbedarfe", "KiEZ-Klausurtagung: Themen", "Rückblick und Planung 2025"}[i]})
	}
	ag78 := []participant{
		{role: "traeger", organisation: "Träger der Elternbildung und Frühen Hilfen", count: 14},
		{role: "jugendamt", organisation: sachgebiet + " (Geschäftsführung)"},
		{role: "sozialplanung", organisation: "Amt für Soziale Arbeit, Abteilung Grundsatz und Planung"},
	}
	for i, d := range []time.Time{day(2024, 2, 21), day(2024, 5, 15), day(2024, 9, 25), day(2024, 11, 20)} {
		ms = append(ms, meeting{id: fmt.Sprintf("ag-78-2024-%d", i+1), kind: "ag-78", date: d, participants: ag78, minutes: true,
			place: "Amt für Soziale Arbeit", topic: []string{"Standards der Arbeit", "Strategische Planung", "Aktuelle Forschungsergebnisse", "Gemeinsame Öffentlichkeitsarbeit"}[i]})
	}
	qag := append(kvs(), participant{role: "jugendamt", organisation: sachgebiet + " (Koordination und Moderation)"})
	prog.top("programmes", L{M{
		{"id", wiProgramme},
		{"name", "KiEZ – KinderElternZentren Wiesbaden"},
		{"authority", "Landeshauptstadt Wiesbaden, Amt für Soziale Arbeit, Sachgebiet Elternbildung und Frühe Hilfen"},
		{"legalBasis", strs("§ 16 SGB VIII")},
		{"land", raw("DE-HE")},
		{"fullTimeHours", N("39")},
		{"#", "KiEZ-Träger wie auf der Standortkarte (Seed 000 §1.2 und §4 KiEZ-Standorte)"},
		{"providers", providers},
		{"#", "Programmweite Gremien 2024 (illustrativ; Rhythmus nach Seed 001 §1.2.1–1.2.3)"},
		{"meetings", meetingList(ms)},
		{"committees", L{
			M{{"kind", "qualitaets-ag"}, {"members", participants(qag)}},
			M{{"kind", "ag-kiez"}, {"members", participants(agKiez)}},
			M{{"kind", "ag-78"}, {"members", participants(ag78)}},
		}},
		{"note", "Quellen: Grundlagenkonzept KiEZ 2022 (Seeds 000/001), Pressemitteilung 2020 (Seed 002). Registry real, Sitzungstermine 2024 illustrativ."},
	}})
	files["wiesbaden/programme.yaml"] = prog
	for _, ce := range wiCentres {
		files["wiesbaden/"+ce.id+".yaml"] = wiCentreDoc(ce)
	}
}

func wiCentreDoc(ce wiCentre) *doc {
	r := rng(ce.id)
	d := newDoc(fmt.Sprintf(`KiEZ %s (Wiesbaden). Real: district and provider from the site map of seed 000
(§4 KiEZ-Standorte). Illustrative: staff, partners, rooms, offers, sessions, meetings, evidence,
budget and targets of 2024. See testdata/README.md for the deliberate shortfalls.`, ce.district))
	summerUntil := addDays(ce.summerFrom, 7*ce.summerWeeks-1)
	closures := []closure{
		{ce.summerFrom, summerUntil, "Sommerschließzeit (in den hessischen Sommerferien 15.07.–23.08.2024)"},
		{day(2024, 12, 23), day(2025, 1, 5), "Weihnachtsschließzeit"},
	}
	c := &cal{holidays: holidays("DE-HE"), closures: closures}
	employer := ce.provider
	dist := ce.district

	// Partners: generic, illustrative names.
	partners := []partner{
		{id: "kita-stadtteil", name: "Kita im Stadtteil " + dist + " (illustrativ)", kind: "kita"},
		{id: "grundschule-stadtteil", name: "Grundschule im Stadtteil " + dist + " (illustrativ)", kind: "grundschule"},
		{id: "schulsozialarbeit", name: "Schulsozialarbeit an der Grundschule (illustrativ)", kind: "schulsozialarbeit"},
		{id: "familienbildungsstaette", name: "Familienbildungsstätte (illustrativ)", kind: "familienbildungsstaette"},
		{id: "kirchengemeinde", name: "Kirchengemeinde im Stadtteil " + dist + " (illustrativ)", kind: "kirchengemeinde"},
		{id: "jugendarbeit", name: "Amt für Soziale Arbeit, Abteilung Jugendarbeit (Jugendzentrum im Stadtteil)", kind: "abteilung-jugendarbeit"},
	}
	hostedName := map[string]string{
		"erziehungsberatungsstelle": "Erziehungsberatungsstelle (illustrativ)",
		"hebammen":                  "Hebammen im Stadtteil (illustrativ)",
		"jobcenter":                 "Sozialleistungs- und Jobcenter",
		"fruehfoerderstelle":        "Frühförderstelle (illustrativ)",
		"bezirkssozialarbeit":       "Amt für Soziale Arbeit, Abteilung Sozialdienst (Bezirkssozialarbeit)",
	}
	for _, k := range ce.hosted {
		partners = append(partners, partner{id: k, name: hostedName[k], kind: k})
	}
	rooms := []room{
		{id: "elterncafe-kita", name: "Elterncafé-Raum der Kita", kinds: []string{"cafe", "gruppenraum"}, owner: "partner", partner: "kita-stadtteil"},
		{id: "mehrzweckraum-schule", name: "Mehrzweckraum der Grundschule", kinds: []string{"gruppenraum"}, owner: "partner", partner: "grundschule-stadtteil"},
		{id: "gemeindesaal", name: "Gemeindesaal", kinds: []string{"gruppenraum", "cafe"}, owner: "partner", partner: "kirchengemeinde"},
		{id: "beratungsraum-gemeindehaus", name: "Beratungsraum im Gemeindehaus", kinds: []string{"beratungsraum"}, owner: "partner", partner: "kirchengemeinde"},
		{id: "jugendzentrum", name: "Jugendzentrum im Stadtteil", kinds: []string{"gruppenraum"}, owner: "partner", partner: "jugendarbeit"},
		{id: "nachbarschaftsraum", name: "Nachbarschaftsraum im Stadtteil (öffentlich zugänglich)", kinds: []string{"gruppenraum", "cafe"}, owner: "public"},
	}

	// Staff: pseudonymous ids only.
	staff := []position{
		{id: "kv-1", role: "kiez-verantwortliche", hours: 390, from: &ce.kvFrom, employer: employer, qualification: ce.kvQualification,
			basicQualification: &ce.kvBasic, funding: "personal-kiez-verantwortliche"},
		{id: "kb-1", role: "honorarkraft", hours: 60, from: dp(2022, 9, 1), employer: employer, qualification: "erzieherin",
			basicQualification: dp(2022, 11, 16), funding: "programmgeld-personal"},
		{id: "kb-2", role: "honorarkraft", hours: 40, from: dp(2023, 2, 1), employer: employer, qualification: "kinderpflege",
			basicQualification: dp(2023, 5, 10), funding: "programmgeld-personal"},
		{id: "kl-1", role: "kursleitung", hours: 30, from: dp(2021, 1, 1), employer: employer, qualification: "sozialpaedagogik",
			basicQualification: dp(2021, 4, 21), funding: "programmgeld-personal"},
		{id: "kl-2", role: "kursleitung", hours: 40, from: dp(2023, 9, 1), employer: employer, qualification: "deutsch-als-zweitsprache",
			basicQualification: dp(2023, 11, 8), funding: "programmgeld-personal"},
	}

	// Offers.
	aud := []string{"sozialraum"}
	offers := []offer{
		{id: "elterncafe", title: "Elterncafé mit Kinderbetreuung", kind: "elterncafe", topics: []string{"begegnung", "aktivierung"}, childcare: true,
			format: "in-person", room: "elterncafe-kita", partner: "kita-stadtteil", funding: "programmgeld", audience: aud, rrule: "FREQ=WEEKLY;BYDAY=" + rruleDay(ce.cafeDay)},
	}
	if ce.babyEquivalent {
		offers = append(offers, offer{id: "eltern-baby-gruppe", title: "Eltern-Baby-Gruppe mit Geschwisterbetreuung (Elternbildung anstelle des Babycafés)", kind: "elternbildung",
			equivalentTo: "babycafe", topics: []string{"begegnung", "gesundheit", "praevention"}, childcare: true, format: "in-person", room: "gemeindesaal",
			partner: "familienbildungsstaette", funding: "programmgeld", audience: aud, rrule: "FREQ=WEEKLY;BYDAY=" + rruleDay(ce.babyDay)})
	} else {
		offers = append(offers, offer{id: "babycafe", title: "Babycafé mit Kinderbetreuung", kind: "babycafe", topics: []string{"begegnung", "gesundheit", "praevention"},
			childcare: true, format: "in-person", room: "gemeindesaal", partner: "kirchengemeinde", funding: "programmgeld", audience: aud,
			rrule: "FREQ=WEEKLY;BYDAY=" + rruleDay(ce.babyDay)})
	}
	if ce.schoolEquivalent {
		offers = append(offers, offer{id: "elternabende-schule", title: "Elternabende „Gut ankommen in der Grundschule“ mit Kinderbetreuung (anstelle des Schulelterncafés)",
			kind: "elternbildung", equivalentTo: "schulelterncafe", topics: []string{"aktivierung", "erziehung"}, childcare: true, format: "in-person",
			room: "mehrzweckraum-schule", partner: "grundschule-stadtteil", funding: "programmgeld", audience: aud, rrule: "FREQ=MONTHLY;BYDAY=1" + rruleDay(ce.schoolDay)})
	} else {
		offers = append(offers, offer{id: "schulelterncafe", title: "Schulelterncafé mit Kinderbetreuung", kind: "schulelterncafe", topics: []string{"begegnung", "aktivierung"},
			childcare: true, format: "in-person", room: "mehrzweckraum-schule", partner: "grundschule-stadtteil", funding: "programmgeld", audience: aud,
			rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + rruleDay(ce.schoolDay)})
	}
	springFrom, springUntil := day(2024, 2, 5), day(2024, 4, 26)
	autumnFrom, autumnUntil := day(2024, 9, 9), day(2024, 11, 29)
	offers = append(offers,
		offer{id: "elternkurs-fruehjahr", title: "Elternkurs „Starke Eltern – starke Kinder“ (Frühjahr)", kind: "elternbildung", topics: []string{"erziehung", "aktivierung"},
			childcare: true, format: "in-person", room: "gemeindesaal", partner: "familienbildungsstaette", funding: "programmgeld", audience: aud,
			rrule: "FREQ=WEEKLY;COUNT=8;BYDAY=" + rruleDay(ce.schoolDay), from: &springFrom, until: &springUntil},
		offer{id: "elternkurs-herbst", title: "Elternkurs „Kinder stärken – Grenzen setzen“ (Herbst)", kind: "elternbildung", topics: []string{"erziehung", "praevention"},
			childcare: true, format: "in-person", room: "gemeindesaal", partner: "familienbildungsstaette", funding: "programmgeld", audience: aud,
			rrule: "FREQ=WEEKLY;COUNT=8;BYDAY=" + rruleDay(ce.schoolDay), from: &autumnFrom, until: &autumnUntil},
		offer{id: "deutschkurs-muetter", title: "Deutsch im Alltag – Sprachkurs für Eltern mit Kinderbetreuung", kind: "sprachfoerderung", topics: []string{"sprachfoerderung", "aktivierung"},
			childcare: true, format: "in-person", room: "nachbarschaftsraum", funding: "programmgeld", audience: aud, rrule: "FREQ=WEEKLY;BYDAY=" + rruleDay(ce.sprechDay)},
		offer{id: "familiennachmittag-jugendzentrum", title: "Familiennachmittag im Jugendzentrum (mit der Abteilung Jugendarbeit)", kind: "jugendarbeit",
			topics: []string{"begegnung", "vernetzung"}, format: "in-person", room: "jugendzentrum", partner: "jugendarbeit", funding: "programmgeld", audience: aud,
			rrule: "FREQ=MONTHLY;BYDAY=3FR"},
		offer{id: "sprechstunde-kiez", title: "Sprechstunde der KiEZ-Verantwortlichen", kind: "sprechstunde", topics: []string{"beratung", "aktivierung"},
			format: "in-person", room: "beratungsraum-gemeindehaus", audience: aud, rrule: "FREQ=WEEKLY;BYDAY=" + rruleDay(ce.sprechDay)},
	)
	hostedTitle := map[string]string{
		"erziehungsberatungsstelle": "Offene Sprechstunde der Erziehungsberatungsstelle im KiEZ",
		"hebammen":                  "Hebammensprechstunde im KiEZ",
		"jobcenter":                 "Sprechstunde des Sozialleistungs- und Jobcenters im KiEZ",
		"fruehfoerderstelle":        "Sprechstunde der Frühförderstelle im KiEZ",
		"bezirkssozialarbeit":       "Sprechstunde der Bezirkssozialarbeit im KiEZ",
	}
	hostedTopics := map[string][]string{
		"erziehungsberatungsstelle": {"beratung", "praevention", "erziehung"},
		"hebammen":                  {"beratung", "gesundheit", "praevention"},
		"jobcenter":                 {"beratung"},
		"fruehfoerderstelle":        {"beratung", "praevention", "gesundheit"},
		"bezirkssozialarbeit":       {"beratung", "praevention"},
	}
	for _, k := range ce.hosted {
		offers = append(offers, offer{id: "sprechstunde-" + k, title: hostedTitle[k], kind: "sprechstunde", topics: hostedTopics[k],
			format: "in-person", room: "beratungsraum-gemeindehaus", partner: k, audience: aud, rrule: "FREQ=MONTHLY;BYDAY=1TH"})
	}
	offers = append(offers,
		offer{id: "infoboerse", title: "Infobörse für Eltern und Fachkräfte: Angebote im Stadtteil", kind: "information", topics: []string{"vernetzung", "aktivierung"},
			format: "in-person", room: "nachbarschaftsraum", funding: "programmgeld", audience: aud},
		offer{id: "weltkindertag", title: "Fest zum Weltkindertag mit den Netzwerkpartnern", kind: "fest", topics: []string{"begegnung", "vernetzung"},
			format: "in-person", room: "nachbarschaftsraum", funding: "programmgeld", audience: aud},
	)

	// Sessions.
	var ss []session
	cafe := c.weekly(periodStart, periodEnd, ce.cafeDay, 1)
	var cafeSessions []session
	for _, t := range cafe {
		s := session{offer: "elterncafe", date: t, adults: between(r, 6, 14), children: between(r, 4, 12)}
		switch {
		case ce.id == "kiez-sauerland" && key(mondayOf(t)) == "2024-03-04":
			continue // deliberate shortfall WI-12: no Elterncafé this week
		case ce.id == "kiez-sauerland" && key(mondayOf(t)) == "2024-11-11":
			s = session{offer: "elterncafe", date: t, cancelled: true} // deliberate shortfall WI-12
		}
		cafeSessions = append(cafeSessions, s)
	}
	markThemes(cafeSessions, cafeThemes, ce.id == "kiez-erbenheim")
	ss = append(ss, cafeSessions...)

	babyID := "babycafe"
	if ce.babyEquivalent {
		babyID = "eltern-baby-gruppe"
	}
	for i, t := range c.weekly(periodStart, periodEnd, ce.babyDay, 1) {
		s := session{offer: babyID, date: t, adults: between(r, 4, 10), children: between(r, 4, 11)}
		if i%5 == 2 {
			s.themed, s.theme = true, babyThemes[(i/5)%len(babyThemes)]
		}
		ss = append(ss, s)
	}
	if ce.schoolEquivalent {
		for _, t := range c.monthly(periodStart, periodEnd, ce.schoolDay, 1) {
			if t.Month() == time.August {
				continue
			}
			ss = append(ss, session{offer: "elternabende-schule", date: t, adults: between(r, 7, 16), children: between(r, 3, 9)})
		}
	} else {
		for _, t := range c.weekly(periodStart, periodEnd, ce.schoolDay, 2) {
			ss = append(ss, session{offer: "schulelterncafe", date: t, adults: between(r, 5, 12), children: between(r, 3, 10)})
		}
	}
	for _, course := range []struct {
		id          string
		from, until time.Time
	}{{"elternkurs-fruehjahr", springFrom, springUntil}, {"elternkurs-herbst", autumnFrom, autumnUntil}} {
		ds := c.weekly(course.from, course.until, ce.schoolDay, 1)
		if len(ds) > 8 {
			ds = ds[:8]
		}
		for _, t := range ds {
			ss = append(ss, session{offer: course.id, date: t, adults: between(r, 6, 11), children: between(r, 4, 10)})
		}
	}
	for _, t := range c.weekly(periodStart, periodEnd, ce.sprechDay, 1) {
		ss = append(ss, session{offer: "deutschkurs-muetter", date: t, adults: between(r, 6, 13), children: between(r, 3, 9)})
		ss = append(ss, session{offer: "sprechstunde-kiez", date: t, hours: 20, families: between(r, 1, 5)})
	}
	for _, t := range c.monthly(periodStart, periodEnd, time.Friday, 3) {
		ss = append(ss, session{offer: "familiennachmittag-jugendzentrum", date: t, adults: between(r, 8, 18), children: between(r, 10, 25)})
	}
	for _, k := range ce.hosted {
		for _, t := range c.monthly(periodStart, periodEnd, time.Thursday, 1) {
			ss = append(ss, session{offer: "sprechstunde-" + k, date: t, hours: 20, families: between(r, 2, 6)})
		}
	}
	for _, t := range []time.Time{day(2024, 3, 13), day(2024, 6, 19), day(2024, 10, 16)} {
		ss = append(ss, session{offer: "infoboerse", date: c.openOnOrAfter(t), adults: between(r, 15, 30)})
	}
	ss = append(ss, session{offer: "weltkindertag", date: day(2024, 9, 20), adults: between(r, 40, 80), children: between(r, 60, 120)})

	// Self-checks against the promises of testdata/README.md.
	heldCafe := held(ss, "elterncafe")
	missed := missedWeeks(heldCafe, closures)
	wantMissed := 0
	if ce.id == "kiez-sauerland" {
		wantMissed = 2
	}
	if len(missed) != wantMissed {
		problemf("%s: Elterncafé missing in %d weeks %v, want %d", ce.id, len(missed), missed, wantMissed)
	}
	gap := maxThemedGap(heldCafe)
	if (ce.id == "kiez-erbenheim") != (gap > 42) {
		problemf("%s: longest gap between themed Elterncafés is %d days", ce.id, gap)
	}
	if w := missedWeeks(held(ss, babyID), closures); len(w) > 0 {
		problemf("%s: Babycafé missing in weeks %v", ce.id, w)
	}
	if m := monthsWithout(held(ss, "sprechstunde-kiez")); len(m) > 0 {
		problemf("%s: no KiEZ Sprechstunde in %v", ce.id, m)
	}

	// Network meetings, quarterly.
	var ms []meeting
	for i, t := range []time.Time{day(2024, 2, 15), day(2024, 5, 16), day(2024, 9, 12), day(2024, 11, 14)} {
		t = c.openOnOrAfter(t)
		ps := []participant{{role: "kiez-verantwortliche", centre: ce.id}}
		for j, p := range partners {
			if j < 4 || r.IntN(4) > 0 {
				ps = append(ps, participant{role: "netzwerkpartner", organisation: p.name, count: between(r, 1, 2)})
			}
		}
		ms = append(ms, meeting{id: fmt.Sprintf("netzwerktreffen-2024-q%d", i+1), kind: "netzwerktreffen", date: t,
			participants: ps, minutes: true, place: "Gemeindesaal",
			topic: []string{"Bedarfsanalyse 2024 mit den Netzwerkpartnern", "Angebote im Sommer und Schulstart", "Rückblick Weltkindertag, Planung Herbst", "Jahresauswertung und Angebotsplanung 2025"}[i]})
	}

	// Evidence.
	ev := []evidence{
		{id: "zuschussvertrag-2023-2025", kind: "zuschussvertrag", date: day(2022, 11, 24), from: dp(2023, 1, 1), until: dp(2025, 12, 31),
			by: "Amt für Soziale Arbeit", reference: "ZV-KiEZ-" + strings.ToUpper(slug(dist))[:3] + "-2023 (illustrativ)",
			note: "Verpflichtet auf die Qualitätsstandards Elternbildung und Frühe Hilfen und die Basisqualifizierung der Mitarbeitenden."},
		{id: "zielvereinbarung-2024", kind: "zielvereinbarung", date: day(2023, 12, 6), from: dp(2024, 1, 1), until: dp(2024, 12, 31), year: 2024,
			by: "Sachgebiet Elternbildung und Frühe Hilfen / KiEZ-Träger", note: "Ziele siehe targets."},
		{id: "bedarfsanalyse-2023", kind: "bedarfsanalyse", date: day(2023, 3, 22), year: 2023, by: "KiEZ-Netzwerk " + dist,
			note: "Nach der Vorlage zur Bedarfsanalyse des Sachgebiets Elternbildung und Frühe Hilfen."},
		{id: "bedarfsanalyse-2024", kind: "bedarfsanalyse", date: day(2024, 2, 15), year: 2024, by: "KiEZ-Netzwerk " + dist,
			note: "Im Netzwerktreffen Februar 2024 mit den Netzwerkpartnern, nach der Vorlage des Sachgebiets Elternbildung und Frühe Hilfen."},
		{id: "informationsstand-2023-11", kind: "informationsstand", date: day(2023, 11, 29), by: "kiez-verantwortliche", note: "Angebotsübersicht Winter 2023/24 für Eltern und Fachkräfte (Stand zu Beginn des Jahres 2024)."},
		{id: "informationsstand-2024-02", kind: "informationsstand", date: day(2024, 2, 28), by: "kiez-verantwortliche", note: "Angebotsübersicht Frühjahr für Eltern und Fachkräfte."},
		{id: "informationsstand-2024-08", kind: "informationsstand", date: day(2024, 8, 28), by: "kiez-verantwortliche", note: "Angebotsübersicht Herbst, mit zentralen Angeboten der Elternbildung."},
		{id: "informationsstand-2024-11", kind: "informationsstand", date: day(2024, 11, 27), by: "kiez-verantwortliche", note: "Aktualisierung nach dem Netzwerktreffen im November."},
		{id: "jahresauswertung-2023", kind: "jahresauswertung", date: day(2024, 2, 29), year: 2023, by: "kiez-verantwortliche"},
		{id: "geschaeftsbericht-2023", kind: "geschaeftsbericht", date: day(2024, 3, 27), year: 2023, by: "kiez-verantwortliche"},
		{id: "jahresauswertung-2024", kind: "jahresauswertung", date: day(2025, 2, 27), year: 2024, by: "kiez-verantwortliche"},
		{id: "geschaeftsbericht-2024", kind: "geschaeftsbericht", date: day(2025, 3, 26), year: 2024, by: "kiez-verantwortliche"},
	}
	// Self-check WI-22: at every month end of the period the latest
	// information is at most six months old.
	for m := periodStart; !m.After(periodEnd); m = m.AddDate(0, 1, 0) {
		end := m.AddDate(0, 1, -1)
		var latest time.Time
		for _, e := range ev {
			if e.kind == "informationsstand" && !e.date.After(end) && e.date.After(latest) {
				latest = e.date
			}
		}
		if latest.IsZero() || latest.Before(end.AddDate(0, -6, 0)) {
			problemf("%s: information older than six months at %s", ce.id, key(end))
		}
	}
	if ce.unresolved {
		ev[0].by = "Amt für Soziale Arbeit (Vertragspartner: der KiEZ-Träger, in den Quellen nicht zugeordnet)"
	}

	// Targets of the Zielvereinbarung, with the delivered values.
	count := func(ids ...string) int { return len(held(ss, ids...)) }
	attendance := func(ids ...string) int {
		n := 0
		for _, s := range held(ss, ids...) {
			n += s.adults + s.children
		}
		return n
	}
	type tgt struct {
		id, title, metric, kind string
		value, reported         int
	}
	cafeN := count("elterncafe")
	tg := []tgt{
		{"elterncafe-termine", "Elterncafé mit Kinderbetreuung: Termine", "sessions", "elterncafe", 44, cafeN},
		{"elterncafe-teilnahmen", "Elterncafé: Teilnahmen (Erwachsene und Kinder)", "attendance", "elterncafe", roundDown(attendance("elterncafe")*85/100, 50), attendance("elterncafe")},
		{"elternbildung-termine", "Elternbildung: Termine", "sessions", "elternbildung", roundDown(count(offerIDs(offers, "elternbildung")...)*9/10, 5), count(offerIDs(offers, "elternbildung")...)},
		{"angebote", "Angebote im KiEZ", "offers", "", 10, len(offers)},
	}
	if !ce.babyEquivalent {
		tg = append(tg, tgt{"babycafe-termine", "Babycafé: Termine", "sessions", "babycafe", 44, count("babycafe")})
	}
	var targets L
	for _, t := range tg {
		if t.reported < t.value {
			problemf("%s: target %s not met (%d < %d)", ce.id, t.id, t.reported, t.value)
		}
		targets = append(targets, M{{"id", t.id}, {"title", t.title}, {"year", 2024}, {"metric", t.metric}, {"offerKind", t.kind},
			{"value", N(fmt.Sprint(t.value))}, {"reported", N(fmt.Sprint(t.reported))}})
	}

	pk := int64(7150000 + between(r, 0, 250000))
	budget := []budgetLine{
		{2024, "personal-kiez-verantwortliche", pk, pk - int64(between(r, 0, 90000)), "Vollzeitstelle (39 Std./Woche) einschließlich Arbeitgeberanteile"},
		{2024, "programmgeld-personal", 1850000, 1850000 - int64(between(r, 0, 60000)), "Kursleitungen und Kinderbetreuung"},
		{2024, "programmgeld-sachkosten", 620000, 620000 - int64(between(r, 0, 40000)), "Material, Verpflegung Elterncafé, Fest zum Weltkindertag"},
		{2024, "programmgeld-fortbildung", 150000, 150000 - int64(between(r, 0, 30000)), "Basisqualifizierung und Fortbildungen"},
	}

	centre := M{
		{"id", ce.id},
		{"name", "KiEZ " + dist},
		{"programme", wiProgramme},
		{"kind", "district-network"},
	}
	if ce.unresolved {
		centre = append(centre, KV{"providerCandidates", strs("awo-fbs", "diakonisches-werk")}, KV{"providerNote", unresolvedNote})
	} else {
		centre = append(centre, KV{"provider", ce.provider})
	}
	centre = append(centre,
		KV{"location", M{{"district", dist}, {"municipality", "Wiesbaden"}, {"county", "Landeshauptstadt Wiesbaden (kreisfreie Stadt)"}}},
		KV{"legalBasis", strs("§ 16 SGB VIII")},
		KV{"#", "Räume von Netzwerkpartnern und öffentliche Räume (illustrativ): ein KiEZ ist keine eigene Einrichtung"},
		KV{"rooms", listOf(rooms)},
		KV{"partners", listOf(partners)},
		KV{"#", "Personal mit pseudonymen Kennungen"},
		KV{"staff", listOf(staff)},
		KV{"offers", withEntry(offerList(offers, rooms), "sprechstunde-kiez", KV{"role", "kiez-verantwortliche"})},
		KV{"#", "Termine 2024 mit aggregierten Teilnahmezahlen (keine Namen)"},
		KV{"sessions", sessionList(ss)},
		KV{"meetings", meetingList(ms)},
		KV{"evidence", withEntry(evidenceList(ev), "zuschussvertrag-2023-2025", KV{"clauses", strs("qualitaetsstandards", "basisqualifizierung")})},
		KV{"budget", listOf(budget)},
		KV{"targets", targets},
		KV{"closures", listOf(closures)},
	)
	note := "Registry real (Seed 000 §4); Aktivitäten 2024 illustrativ."
	if ce.unresolved {
		note += " Träger offen (siehe providerNote); darum ist bei allen Stellen kein Anstellungsträger (employer) eingetragen."
	}
	switch ce.id {
	case "kiez-sauerland":
		note += " Absichtliche Lücke (WI-12): in den Wochen ab 04.03. und 11.11.2024 fand kein Elterncafé statt."
	case "kiez-erbenheim":
		note += " Absichtliche Lücke (WI-13): zwischen dem thematischen Elterncafé am 10.04. und dem am 29.05.2024 liegen 49 Tage."
	}
	centre = append(centre, KV{"note", note})
	d.top("centres", L{centre})
	return d
}

func offerList(os []offer, rooms []room) L {
	out := make(L, len(os))
	for i, o := range os {
		out[i] = o.yaml(rooms)
	}
	return out
}

// withEntry adds an entry to the mapping with the given id in a list of
// mappings, for fields the shared record types do not write (an offer's
// role, a contract's clauses).
func withEntry(list L, id string, kv KV) L {
	found := false
	for i, it := range list {
		if m, ok := it.(M); ok && len(m) > 0 && m[0].K == "id" && m[0].V == id {
			list[i] = append(m, kv)
			found = true
		}
	}
	if !found {
		problemf("withEntry: no entry %q", id)
	}
	return list
}

func offerIDs(os []offer, kind string) []string {
	var ids []string
	for _, o := range os {
		if o.kind == kind {
			ids = append(ids, o.id)
		}
	}
	return ids
}

func roundDown(n, step int) int { return n / step * step }

func rruleDay(wd time.Weekday) string {
	return []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[wd]
}

// markThemes gives the Elterncafé a thematic focus at the first session of
// the year and then whenever four weeks have passed, or earlier when the
// next session would come more than five weeks after the last themed one
// (a margin below the six weeks of WI-13, so that no gap is a borderline 42).
// With gap set (the deliberate shortfall of kiez-erbenheim), no session
// between 2024-04-11 and 2024-05-28 is themed.
func markThemes(ss []session, themes []string, gap bool) {
	last := periodStart
	n := 0
	for i := range ss {
		s := &ss[i]
		if s.cancelled {
			continue
		}
		next := addDays(periodEnd, 1)
		for j := i + 1; j < len(ss); j++ {
			if !ss[j].cancelled {
				next = ss[j].date
				break
			}
		}
		want := n == 0 || daysBetween(last, s.date) >= 28 || daysBetween(last, next) > 35
		if gap && s.date.After(day(2024, 4, 10)) && s.date.Before(day(2024, 5, 29)) {
			want = false
		}
		if gap && key(s.date) == "2024-04-10" || gap && key(s.date) == "2024-05-29" {
			want = true
		}
		if want {
			s.themed, s.theme = true, themes[n%len(themes)]
			last = s.date
			n++
		}
	}
}
