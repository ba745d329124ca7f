package kiez

import (
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// Dataset is everything the library evaluates at once: the programmes, their
// centres and the waivers granted to them. A Dataset is usually built by
// Load from files, but may as well be built in Go; call Validate before
// evaluating one built by hand.
//
// A Dataset is plain data. It is not safe to modify while another
// goroutine reads it; reading it from many goroutines is safe.
type Dataset struct {
	Programmes []Programme `json:"programmes,omitempty" validate:"dive"`
	Centres    []Centre    `json:"centres,omitempty" validate:"dive"`
	Waivers    []Waiver    `json:"waivers,omitempty" validate:"dive"`

	src *sourceMap // where each value was read from, when it came from files
}

// Programme is a funding programme (Förderprogramm) with the records that
// belong to it as a whole rather than to one centre: its provider registry,
// the programme-wide meetings and committees, programme-wide evidence and
// closure periods.
type Programme struct {
	ID        string `json:"id" validate:"required,id"`
	Name      string `json:"name" validate:"required"`
	Authority string `json:"authority" validate:"required"`
	// LegalBasis lists the statutes the programme funds under, such as
	// "§ 16 SGB VIII".
	LegalBasis []string `json:"legalBasis,omitempty"`
	// Land is the ISO 3166-2 code of the federal state, e.g. DE-HE; it
	// selects the public holidays.
	Land string `json:"land" validate:"required"`
	// FullTimeHours is the full-time week of the programme's collective
	// agreement, used for full-time equivalents in summaries. Rule files
	// carry their own dated parameter for it.
	FullTimeHours decimal.Decimal `json:"fullTimeHours,omitempty" validate:"nonneg"`
	Providers     []Provider      `json:"providers,omitempty" validate:"dive"`
	Meetings      []Meeting       `json:"meetings,omitempty" validate:"dive"`
	Committees    []Committee     `json:"committees,omitempty" validate:"dive"`
	Evidence      []Evidence      `json:"evidence,omitempty" validate:"dive"`
	Closures      []Closure       `json:"closures,omitempty" validate:"dive"`
	Note          string          `json:"note,omitempty"`
}

// Provider is a Träger: the organisation that runs a centre and employs
// its staff.
type Provider struct {
	ID   string `json:"id" validate:"required,id"`
	Name string `json:"name" validate:"required"`
	// ShortName is the name used on maps and lists, e.g. "DKSB".
	ShortName string `json:"shortName,omitempty"`
	// Kind is the provider's kind, e.g. freier-traeger, kommune, kirche.
	Kind string `json:"kind,omitempty" validate:"omitempty,id"`
	Note string `json:"note,omitempty"`
}

// Centre is one funded centre: a Wiesbaden KiEZ district network, a Bad
// Kreuznach Familienzentrum with its catchment of Kitas, or a Thüringen
// ThEKiZ. Fields that a programme does not use stay empty.
type Centre struct {
	ID        string `json:"id" validate:"required,id"`
	Name      string `json:"name" validate:"required"`
	Programme string `json:"programme" validate:"required,id"`
	// Kind is district-network, family-centre or thekiz.
	Kind string `json:"kind" validate:"required" vocab:"centre-kind"`
	// Provider is the id of the centre's Träger in its programme's
	// provider registry.
	Provider string `json:"provider,omitempty" validate:"omitempty,id"`
	// ProviderCandidates lists the possible providers when the source
	// does not say which one runs the centre; Provider is then empty and
	// ProviderNote says why.
	ProviderCandidates []string `json:"providerCandidates,omitempty" validate:"dive,id"`
	ProviderNote       string   `json:"providerNote,omitempty"`
	// Since is the date the centre joined the programme.
	Since    *date.Date `json:"since,omitempty"`
	Location Location   `json:"location"`
	// LegalBasis lists the statutes the centre's service is funded
	// under, e.g. "§ 16 SGB VIII".
	LegalBasis []string `json:"legalBasis,omitempty"`
	// OrganisationForms holds the ThEKiZ organisation form(s): one of
	// unter-einem-dach, lotse, galerie, verbund, or several for a mix.
	OrganisationForms []string `json:"organisationForms,omitempty" vocab:"organisation-form"`
	// Phases is the development history, oldest first.
	Phases      []Phase      `json:"phases,omitempty" validate:"dive"`
	Licence     *Licence     `json:"licence,omitempty"`
	PlanListing *PlanListing `json:"planListing,omitempty"`
	// LSZFields lists the Handlungsfelder of the Thüringen Landesprogramm
	// Solidarisches Zusammenleben (LSZ) the centre is funded under.
	LSZFields []int `json:"lszFields,omitempty" validate:"dive,min=1,max=9"`
	// Consultation describes a Konsultationseinrichtung's profile.
	Consultation *Consultation `json:"consultation,omitempty"`
	Rooms        []Room        `json:"rooms,omitempty" validate:"dive"`
	// Catchment is the Kitas assigned to a Familienzentrum
	// (Einzugsbereich); every Kita belongs to one catchment at most.
	Catchment []Kita `json:"catchment,omitempty" validate:"dive"`
	// VerbundKitas names the member Kitas of a ThEKiZ organised as a
	// Verbund.
	VerbundKitas  []Kita              `json:"verbundKitas,omitempty" validate:"dive"`
	Partners      []Partner           `json:"partners,omitempty" validate:"dive"`
	Staff         []Position          `json:"staff,omitempty" validate:"dive"`
	Offers        []Offer             `json:"offers,omitempty" validate:"dive"`
	Sessions      []Session           `json:"sessions,omitempty" validate:"dive"`
	Meetings      []Meeting           `json:"meetings,omitempty" validate:"dive"`
	Committees    []Committee         `json:"committees,omitempty" validate:"dive"`
	Evidence      []Evidence          `json:"evidence,omitempty" validate:"dive"`
	Facilitation  []FacilitationHours `json:"facilitation,omitempty" validate:"dive"`
	Changes       []ChangeEvent       `json:"changes,omitempty" validate:"dive"`
	Budget        []BudgetLine        `json:"budget,omitempty" validate:"dive"`
	Targets       []Target            `json:"targets,omitempty" validate:"dive"`
	ImpactGoals   []ImpactGoal        `json:"impactGoals,omitempty" validate:"dive"`
	Channels      []Channel           `json:"channels,omitempty" validate:"dive"`
	CaseExchanges []CaseExchange      `json:"caseExchanges,omitempty" validate:"dive"`
	Closures      []Closure           `json:"closures,omitempty" validate:"dive"`
	Note          string              `json:"note,omitempty"`
}

// Location places a centre: the names the three programmes use for where
// a centre is.
type Location struct {
	// District is the Stadtteil (Wiesbaden) or Sozialraum.
	District string `json:"district,omitempty"`
	// Municipality is the town or Ortsgemeinde.
	Municipality string `json:"municipality,omitempty"`
	// Verbandsgemeinde is the Rhineland-Palatinate association of
	// municipalities.
	Verbandsgemeinde string `json:"verbandsgemeinde,omitempty"`
	// County is the Landkreis or kreisfreie Stadt.
	County string `json:"county,omitempty"`
	// Address is the street address of the centre's main site.
	Address string `json:"address,omitempty"`
}

// Phase is a development phase of a ThEKiZ (auf dem Weg, ThEKiZ,
// Konsultationseinrichtung) and the date it began.
type Phase struct {
	Phase string    `json:"phase" validate:"required" vocab:"phase"`
	From  date.Date `json:"from" validate:"required"`
}

// Licence is a Kita's operating licence (Betriebserlaubnis, § 45 SGB VIII).
type Licence struct {
	Granted   date.Date `json:"granted" validate:"required"`
	Authority string    `json:"authority,omitempty"`
	Reference string    `json:"reference,omitempty"`
}

// PlanListing records that the centre is listed as a § 16 SGB VIII service
// in the local youth-welfare or integrated social plan.
type PlanListing struct {
	Plan  string    `json:"plan" validate:"required"`
	Since date.Date `json:"since" validate:"required"`
}

// Consultation is the published profile of a Konsultationseinrichtung.
type Consultation struct {
	Focus []string `json:"focus,omitempty"`
	// Contact says how visitors reach it: fixed times or appointments.
	Contact   string     `json:"contact,omitempty"`
	Published *date.Date `json:"published,omitempty"`
}

// Room is a room the centre uses or provides.
type Room struct {
	ID   string `json:"id" validate:"required,id"`
	Name string `json:"name,omitempty"`
	// Kinds says what the room serves: gemeinsamer-raum (the shared room
	// of a Familienzentrum), beratungsraum, neutraler-raum, gruppenraum …
	Kinds []string `json:"kinds,omitempty" validate:"dive,id" vocab:"room-kind"`
	// Owner is centre, provider, partner or public; Partner names the
	// partner when Owner is partner.
	Owner   string `json:"owner,omitempty" validate:"omitempty,id" vocab:"owner"`
	Partner string `json:"partner,omitempty" validate:"omitempty,id"`
	// InLicence reports whether the room is part of the Kita's operating
	// licence.
	InLicence bool `json:"inLicence,omitempty"`
	// Available says whether the room is reliably available for offers.
	Available bool `json:"available,omitempty"`
}

// Kita is a day-care centre in a Familienzentrum's catchment or a ThEKiZ
// Verbund, with the two records Bad Kreuznach asks of each.
type Kita struct {
	ID           string `json:"id" validate:"required,id"`
	Name         string `json:"name" validate:"required"`
	Municipality string `json:"municipality,omitempty"`
	// ProviderKind is the kind of provider as the annex writes it:
	// kommunal, katholisch, evangelisch, staedtisch, waldorf, frei …
	ProviderKind string `json:"providerKind,omitempty" validate:"omitempty,id"`
	// ProfileInKonzeption is the date from which the Familienzentrum's
	// profile is part of this Kita's Konzeption.
	ProfileInKonzeption *date.Date `json:"profileInKonzeption,omitempty"`
	// ProfileInContract is the date from which the profile is part of the
	// care contract (Betreuungsvertrag).
	ProfileInContract *date.Date `json:"profileInContract,omitempty"`
	Note              string     `json:"note,omitempty"`
}

// Partner is a network partner of a centre.
type Partner struct {
	ID   string `json:"id" validate:"required,id"`
	Name string `json:"name" validate:"required"`
	// Kind is one of the partner kinds of the glossary (kita,
	// grundschule, erziehungsberatungsstelle, jobcenter, …); the set is
	// open, unknown kinds draw a warning.
	Kind      string     `json:"kind" validate:"required,id" vocab:"partner-kind"`
	Agreement *Agreement `json:"agreement,omitempty"`
}

// Agreement is a cooperation agreement (Kooperationsvereinbarung).
type Agreement struct {
	Signed    date.Date  `json:"signed" validate:"required"`
	From      *date.Date `json:"from,omitempty"`
	Until     *date.Date `json:"until,omitempty"`
	Reference string     `json:"reference,omitempty"`
}

// Offer is something the centre offers families: an Elterncafé, a course,
// consultation hours.
type Offer struct {
	ID    string `json:"id" validate:"required,id"`
	Title string `json:"title" validate:"required"`
	// Kind is one of the offer kinds of the glossary (elterncafe,
	// babycafe, elternbildung, sprechstunde, …).
	Kind string `json:"kind" validate:"required,id" vocab:"offer-kind"`
	// EquivalentTo names the offer kind this offer stands in for, e.g.
	// an Elternbildung course run instead of a Babycafé.
	EquivalentTo string `json:"equivalentTo,omitempty" validate:"omitempty,id" vocab:"offer-kind"`
	// Fields are the ThEKiZ fields served: begegnung, beratung, bildung,
	// begleitung.
	Fields []string `json:"fields,omitempty" vocab:"field"`
	// Topics are the themes served, e.g. sprachfoerderung, praevention.
	Topics    []string `json:"topics,omitempty" validate:"dive,id" vocab:"topic"`
	Childcare bool     `json:"childcare,omitempty"`
	// Format is in-person, digital or hybrid.
	Format string `json:"format,omitempty" vocab:"format"`
	Venue  *Venue `json:"venue,omitempty"`
	// Partner is the id of the cooperation partner running the offer
	// with the centre.
	Partner string `json:"partner,omitempty" validate:"omitempty,id"`
	// Funding names the budget that pays for the offer, e.g.
	// sozialraumbudget, programmgeld.
	Funding string `json:"funding,omitempty" validate:"omitempty,id"`
	// Audience says whom the offer is for: kita (families of the Kita),
	// sozialraum (families of the neighbourhood), or both.
	Audience []string `json:"audience,omitempty" validate:"dive,id"`
	// Recurrence is the planned rhythm as an RFC 5545 RRULE text, e.g.
	// FREQ=WEEKLY;BYDAY=TU.
	Recurrence string     `json:"recurrence,omitempty"`
	From       *date.Date `json:"from,omitempty"`
	Until      *date.Date `json:"until,omitempty"`
}

// Venue is where an offer takes place.
type Venue struct {
	// Room is the id of one of the centre's rooms.
	Room string `json:"room,omitempty" validate:"omitempty,id"`
	// Name describes a venue that is not one of the centre's rooms.
	Name string `json:"name,omitempty"`
	// Owner is centre, provider, partner or public.
	Owner   string `json:"owner,omitempty" validate:"omitempty,id" vocab:"owner"`
	Partner string `json:"partner,omitempty" validate:"omitempty,id"`
}

// Session is one dated occurrence of an offer with its aggregated
// attendance. It never holds names of families or children.
type Session struct {
	Offer     string    `json:"offer" validate:"required,id"`
	Date      date.Date `json:"date" validate:"required"`
	Themed    bool      `json:"themed,omitempty"`
	Theme     string    `json:"theme,omitempty"`
	Cancelled bool      `json:"cancelled,omitempty"`
	// Hours is the session's length, for offers counted in hours such as
	// consultation hours.
	Hours      decimal.Decimal `json:"hours,omitempty" validate:"nonneg"`
	Attendance Attendance      `json:"attendance,omitempty"`
	// Kita is the catchment Kita the session took place in or served.
	Kita string `json:"kita,omitempty" validate:"omitempty,id"`
}

// Attendance is an aggregated head count.
type Attendance struct {
	Adults   int `json:"adults,omitempty" validate:"min=0"`
	Children int `json:"children,omitempty" validate:"min=0"`
	Families int `json:"families,omitempty" validate:"min=0"`
}

// Meeting is a dated meeting of a kind the programmes prescribe.
type Meeting struct {
	ID   string    `json:"id,omitempty" validate:"omitempty,id"`
	Kind string    `json:"kind" validate:"required,id" vocab:"meeting-kind"`
	Date date.Date `json:"date" validate:"required"`
	// Participants lists who took part, by role and organisation.
	Participants []Participant `json:"participants,omitempty" validate:"dive"`
	// Kitas lists the catchment Kitas the meeting concerned or took place
	// in.
	Kitas []string `json:"kitas,omitempty" validate:"dive,id"`
	// Minutes reports that minutes (who, what, when, where) were recorded.
	Minutes bool `json:"minutes,omitempty"`
	// Agreements reports that agreements were documented.
	Agreements bool   `json:"agreements,omitempty"`
	Place      string `json:"place,omitempty"`
	Topic      string `json:"topic,omitempty"`
	Cancelled  bool   `json:"cancelled,omitempty"`
}

// Participant is a role taking part in a meeting or sitting on a
// committee, with the organisation it comes from. Centre and Kita refer to
// ids in the dataset; Organisation describes anything else.
type Participant struct {
	Role         string `json:"role" validate:"required,id" vocab:"role"`
	Centre       string `json:"centre,omitempty" validate:"omitempty,id"`
	Kita         string `json:"kita,omitempty" validate:"omitempty,id"`
	Organisation string `json:"organisation,omitempty"`
	Count        int    `json:"count,omitempty" validate:"min=0"`
}

// Committee is a standing body such as the Qualitäts-AG or a ThEKiZ
// steering team, with its members by role.
type Committee struct {
	Kind    string        `json:"kind" validate:"required,id" vocab:"meeting-kind"`
	Members []Participant `json:"members,omitempty" validate:"dive"`
}

// Evidence is a dated record that a document or act exists: a grant
// contract, a needs analysis, a business report, a § 8a agreement.
type Evidence struct {
	ID   string    `json:"id,omitempty" validate:"omitempty,id"`
	Kind string    `json:"kind" validate:"required,id" vocab:"evidence-kind"`
	Date date.Date `json:"date" validate:"required"`
	// From and Until bound the record's validity, e.g. a contract's term.
	From  *date.Date `json:"from,omitempty"`
	Until *date.Date `json:"until,omitempty"`
	// Year is the reporting year a report covers.
	Year int `json:"year,omitempty" validate:"min=0"`
	// Subject is the id of what the record is about, e.g. a Kita or a
	// digital channel.
	Subject string `json:"subject,omitempty"`
	// By names the role or organisation that produced it.
	By        string `json:"by,omitempty"`
	Reference string `json:"reference,omitempty"`
	Note      string `json:"note,omitempty"`
}

// FacilitationHours is the process facilitation (Prozessbegleitung) a
// ThEKiZ received in one month.
type FacilitationHours struct {
	Month Month           `json:"month" validate:"required"`
	Hours decimal.Decimal `json:"hours" validate:"nonneg"`
	// By is the id of the facilitator's staff position.
	By string `json:"by,omitempty" validate:"omitempty,id"`
}

// ChangeEvent is a fundamental change in a centre: a new Kita-Leitung or
// provider, new staff, a new team constellation.
type ChangeEvent struct {
	Kind string    `json:"kind" validate:"required,id" vocab:"change-kind"`
	Date date.Date `json:"date" validate:"required"`
	Note string    `json:"note,omitempty"`
}

// BudgetLine is an amount in euros for one budget category and year.
type BudgetLine struct {
	Year     int             `json:"year" validate:"required,min=1900,max=9999"`
	Category string          `json:"category" validate:"required,id" vocab:"budget-category"`
	Planned  decimal.Decimal `json:"planned" validate:"nonneg"`
	Spent    decimal.Decimal `json:"spent,omitempty" validate:"nonneg"`
	Note     string          `json:"note,omitempty"`
}

// Target is a measurable target of a target agreement (Zielvereinbarung).
type Target struct {
	ID    string `json:"id" validate:"required,id"`
	Title string `json:"title" validate:"required"`
	Year  int    `json:"year" validate:"required,min=1900,max=9999"`
	// Metric is what is counted: sessions, attendance, families or offers.
	Metric string `json:"metric" validate:"required,id" vocab:"target-metric"`
	// OfferKind restricts the count to offers of that kind.
	OfferKind string          `json:"offerKind,omitempty" validate:"omitempty,id" vocab:"offer-kind"`
	Value     decimal.Decimal `json:"value" validate:"nonneg"`
	// Reported is the delivered value the centre reported, if any.
	Reported *decimal.Decimal `json:"reported,omitempty"`
}

// ImpactGoal is a Wirkungsziel with its indicators.
type ImpactGoal struct {
	ID         string      `json:"id" validate:"required,id"`
	Title      string      `json:"title" validate:"required"`
	Set        date.Date   `json:"set" validate:"required"`
	Reviewed   *date.Date  `json:"reviewed,omitempty"`
	Indicators []Indicator `json:"indicators,omitempty" validate:"dive"`
}

// Indicator is a measurable indicator of an impact goal.
type Indicator struct {
	Name       string           `json:"name" validate:"required"`
	Unit       string           `json:"unit,omitempty"`
	Baseline   *decimal.Decimal `json:"baseline,omitempty"`
	Target     decimal.Decimal  `json:"target"`
	Measured   *decimal.Decimal `json:"measured,omitempty"`
	MeasuredOn *date.Date       `json:"measuredOn,omitempty"`
}

// Channel is a digital channel used to reach families.
type Channel struct {
	ID   string `json:"id" validate:"required,id"`
	Name string `json:"name" validate:"required"`
	// Kind is website, messenger, video, social-media, app, email …
	Kind string `json:"kind" validate:"required,id"`
	// PrivacyChecked is the date of the last data-protection check.
	PrivacyChecked *date.Date `json:"privacyChecked,omitempty"`
}

// CaseExchange records that a case was discussed with others: either
// anonymously, or with the family's consent on file.
type CaseExchange struct {
	Date      date.Date `json:"date" validate:"required"`
	Anonymous bool      `json:"anonymous,omitempty"`
	// Consent is the id of the evidence record of the family's consent
	// (Schweigepflichtsentbindung).
	Consent string `json:"consent,omitempty" validate:"omitempty,id"`
}

// Closure is a period in which a centre or programme is closed
// (Schließzeit, school holidays); both dates are included.
type Closure struct {
	From  date.Date `json:"from" validate:"required"`
	Until date.Date `json:"until" validate:"required"`
	Label string    `json:"label,omitempty"`
}

// Waiver is an exception granted by the authority: the named rule's failure
// for the named subject is waived within the validity range.
type Waiver struct {
	ID        string `json:"id" validate:"required,id"`
	Programme string `json:"programme" validate:"required,id"`
	Rule      string `json:"rule" validate:"required"`
	// Subject is the id of the centre or item the waiver is for; empty
	// for a programme-wide rule.
	Subject   string     `json:"subject,omitempty"`
	Reason    string     `json:"reason" validate:"required"`
	GrantedBy string     `json:"grantedBy" validate:"required"`
	Granted   date.Date  `json:"granted" validate:"required"`
	From      date.Date  `json:"from" validate:"required"`
	Until     *date.Date `json:"until,omitempty"`
}
