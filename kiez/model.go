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
	Programmes []Programme `json:"programmes,omitempty" validate:"dive" expr:"programmes"`
	Centres    []Centre    `json:"centres,omitempty" validate:"dive" expr:"centres"`
	Waivers    []Waiver    `json:"waivers,omitempty" validate:"dive" expr:"waivers"`

	src *sourceMap // where each value was read from, when it came from files
}

// Programme is a funding programme (Förderprogramm) with the records that
// belong to it as a whole rather than to one centre: its provider registry,
// the programme-wide meetings and committees, programme-wide evidence and
// closure periods.
type Programme struct {
	ID        string `json:"id" validate:"required,id" expr:"id"`
	Name      string `json:"name" validate:"required" expr:"name"`
	Authority string `json:"authority" validate:"required" expr:"authority"`
	// LegalBasis lists the statutes the programme funds under, such as
	// "§ 16 SGB VIII".
	LegalBasis []string `json:"legalBasis,omitempty" expr:"legalBasis"`
	// Land is the ISO 3166-2 code of the federal state, e.g. DE-HE; it
	// selects the public holidays.
	Land string `json:"land" validate:"required" expr:"land"`
	// FullTimeHours is the full-time week of the programme's collective
	// agreement, used for full-time equivalents in summaries. Rule files
	// carry their own dated parameter for it.
	FullTimeHours decimal.Decimal `json:"fullTimeHours,omitempty" validate:"nonneg,upto=168" expr:"fullTimeHours"`
	Providers     []Provider      `json:"providers,omitempty" validate:"dive" expr:"providers"`
	Meetings      []Meeting       `json:"meetings,omitempty" validate:"dive" expr:"meetings"`
	Committees    []Committee     `json:"committees,omitempty" validate:"dive" expr:"committees"`
	Evidence      []Evidence      `json:"evidence,omitempty" validate:"dive" expr:"evidence"`
	Closures      []Closure       `json:"closures,omitempty" validate:"dive" expr:"closures"`
	Note          string          `json:"note,omitempty" expr:"note"`
}

// Provider is a Träger: the organisation that runs a centre and employs
// its staff.
type Provider struct {
	ID   string `json:"id" validate:"required,id" expr:"id"`
	Name string `json:"name" validate:"required" expr:"name"`
	// ShortName is the name used on maps and lists, e.g. "DKSB".
	ShortName string `json:"shortName,omitempty" expr:"shortName"`
	// Kind is the provider's kind, e.g. freier-traeger, kommune, kirche.
	Kind string `json:"kind,omitempty" validate:"omitempty,id" expr:"kind"`
	Note string `json:"note,omitempty" expr:"note"`
}

// Centre is one funded centre: a Wiesbaden KiEZ district network, a Bad
// Kreuznach Familienzentrum with its catchment of Kitas, or a Thüringen
// ThEKiZ. Fields that a programme does not use stay empty.
type Centre struct {
	ID        string `json:"id" validate:"required,id" expr:"id"`
	Name      string `json:"name" validate:"required" expr:"name"`
	Programme string `json:"programme" validate:"required,id" expr:"programme"`
	// Kind is district-network, family-centre or thekiz.
	Kind string `json:"kind" validate:"required" vocab:"centre-kind" expr:"kind"`
	// Provider is the id of the centre's Träger in its programme's
	// provider registry.
	Provider string `json:"provider,omitempty" validate:"omitempty,id" expr:"provider"`
	// ProviderCandidates lists the possible providers when the source
	// does not say which one runs the centre; Provider is then empty and
	// ProviderNote says why.
	ProviderCandidates []string `json:"providerCandidates,omitempty" validate:"dive,id" expr:"providerCandidates"`
	ProviderNote       string   `json:"providerNote,omitempty" expr:"providerNote"`
	// Since is the date the centre joined the programme.
	Since    *date.Date `json:"since,omitempty" expr:"since"`
	Location Location   `json:"location" expr:"location"`
	// LegalBasis lists the statutes the centre's service is funded
	// under, e.g. "§ 16 SGB VIII".
	LegalBasis []string `json:"legalBasis,omitempty" expr:"legalBasis"`
	// OrganisationForms holds the ThEKiZ organisation form(s): one of
	// unter-einem-dach, lotse, galerie, verbund, or several for a mix.
	OrganisationForms []string `json:"organisationForms,omitempty" vocab:"organisation-form" expr:"organisationForms"`
	// Phases is the development history, oldest first.
	Phases      []Phase      `json:"phases,omitempty" validate:"dive" expr:"phases"`
	Licence     *Licence     `json:"licence,omitempty" expr:"licence"`
	PlanListing *PlanListing `json:"planListing,omitempty" expr:"planListing"`
	// LSZFields lists the Handlungsfelder of the Thüringen Landesprogramm
	// Solidarisches Zusammenleben (LSZ) the centre is funded under.
	LSZFields []int `json:"lszFields,omitempty" validate:"dive,min=1,max=9" expr:"lszFields"`
	// Consultation describes a Konsultationseinrichtung's profile.
	Consultation *Consultation `json:"consultation,omitempty" expr:"consultation"`
	Rooms        []Room        `json:"rooms,omitempty" validate:"dive" expr:"rooms"`
	// OwnKita is the Kita chosen as Familienzentrum (Bad Kreuznach), with
	// its own provider, when it is recorded apart from the centre.
	OwnKita *Kita `json:"ownKita,omitempty" expr:"ownKita"`
	// Catchment is the Kitas assigned to a Familienzentrum
	// (Einzugsbereich); every Kita belongs to one catchment at most.
	Catchment []Kita `json:"catchment,omitempty" validate:"dive" expr:"catchment"`
	// VerbundKitas names the member Kitas of a ThEKiZ organised as a
	// Verbund.
	VerbundKitas  []Kita              `json:"verbundKitas,omitempty" validate:"dive" expr:"verbundKitas"`
	Partners      []Partner           `json:"partners,omitempty" validate:"dive" expr:"partners"`
	Staff         []Position          `json:"staff,omitempty" validate:"dive" expr:"staff"`
	Offers        []Offer             `json:"offers,omitempty" validate:"dive" expr:"offers"`
	Sessions      []Session           `json:"sessions,omitempty" validate:"dive" expr:"sessions"`
	Meetings      []Meeting           `json:"meetings,omitempty" validate:"dive" expr:"meetings"`
	Committees    []Committee         `json:"committees,omitempty" validate:"dive" expr:"committees"`
	Evidence      []Evidence          `json:"evidence,omitempty" validate:"dive" expr:"evidence"`
	Facilitation  []FacilitationHours `json:"facilitation,omitempty" validate:"dive" expr:"facilitation"`
	Changes       []ChangeEvent       `json:"changes,omitempty" validate:"dive" expr:"changes"`
	Budget        []BudgetLine        `json:"budget,omitempty" validate:"dive" expr:"budget"`
	Targets       []Target            `json:"targets,omitempty" validate:"dive" expr:"targets"`
	ImpactGoals   []ImpactGoal        `json:"impactGoals,omitempty" validate:"dive" expr:"impactGoals"`
	Channels      []Channel           `json:"channels,omitempty" validate:"dive" expr:"channels"`
	CaseExchanges []CaseExchange      `json:"caseExchanges,omitempty" validate:"dive" expr:"caseExchanges"`
	Closures      []Closure           `json:"closures,omitempty" validate:"dive" expr:"closures"`
	Note          string              `json:"note,omitempty" expr:"note"`
}

// Location places a centre: the names the three programmes use for where
// a centre is.
type Location struct {
	// District is the Stadtteil (Wiesbaden) or Sozialraum.
	District string `json:"district,omitempty" expr:"district"`
	// Municipality is the town or Ortsgemeinde.
	Municipality string `json:"municipality,omitempty" expr:"municipality"`
	// Verbandsgemeinde is the Rhineland-Palatinate association of
	// municipalities.
	Verbandsgemeinde string `json:"verbandsgemeinde,omitempty" expr:"verbandsgemeinde"`
	// County is the Landkreis or kreisfreie Stadt.
	County string `json:"county,omitempty" expr:"county"`
	// Address is the street address of the centre's main site.
	Address string `json:"address,omitempty" expr:"address"`
}

// Phase is a development phase of a ThEKiZ (auf dem Weg, ThEKiZ,
// Konsultationseinrichtung) and the date it began.
type Phase struct {
	Phase string    `json:"phase" validate:"required" vocab:"phase" expr:"phase"`
	From  date.Date `json:"from" validate:"required" expr:"from"`
}

// Licence is a Kita's operating licence (Betriebserlaubnis, § 45 SGB VIII).
type Licence struct {
	Granted   date.Date `json:"granted" validate:"required" expr:"granted"`
	Authority string    `json:"authority,omitempty" expr:"authority"`
	Reference string    `json:"reference,omitempty" expr:"reference"`
}

// PlanListing records that the centre is listed as a § 16 SGB VIII service
// in the local youth-welfare or integrated social plan.
type PlanListing struct {
	Plan  string    `json:"plan" validate:"required" expr:"plan"`
	Since date.Date `json:"since" validate:"required" expr:"since"`
}

// Consultation is the published profile of a Konsultationseinrichtung.
type Consultation struct {
	Focus []string `json:"focus,omitempty" expr:"focus"`
	// Contact says how visitors reach it: fixed times or appointments.
	Contact   string     `json:"contact,omitempty" expr:"contact"`
	Published *date.Date `json:"published,omitempty" expr:"published"`
}

// Room is a room the centre uses or provides.
type Room struct {
	ID   string `json:"id" validate:"required,id" expr:"id"`
	Name string `json:"name,omitempty" expr:"name"`
	// Kinds says what the room serves: gemeinsamer-raum (the shared room
	// of a Familienzentrum), beratungsraum, neutraler-raum, gruppenraum …
	Kinds []string `json:"kinds,omitempty" validate:"dive,id" vocab:"room-kind" expr:"kinds"`
	// Owner is centre, provider, partner or public; Partner names the
	// partner when Owner is partner.
	Owner   string `json:"owner,omitempty" validate:"omitempty,id" vocab:"owner" expr:"owner"`
	Partner string `json:"partner,omitempty" validate:"omitempty,id" expr:"partner"`
	// InLicence reports whether the room is part of the Kita's operating
	// licence.
	InLicence bool `json:"inLicence,omitempty" expr:"inLicence"`
	// Available says whether the room is reliably available for offers.
	Available bool `json:"available,omitempty" expr:"available"`
}

// Kita is a day-care centre in a Familienzentrum's catchment or a ThEKiZ
// Verbund, with the two records Bad Kreuznach asks of each.
type Kita struct {
	ID           string `json:"id" validate:"required,id" expr:"id"`
	Name         string `json:"name" validate:"required" expr:"name"`
	Municipality string `json:"municipality,omitempty" expr:"municipality"`
	// ProviderKind is the kind of provider as the annex writes it:
	// kommunal, katholisch, evangelisch, staedtisch, waldorf, frei …
	ProviderKind string `json:"providerKind,omitempty" validate:"omitempty,id" expr:"providerKind"`
	// ProfileInKonzeption is the date from which the Familienzentrum's
	// profile is part of this Kita's Konzeption.
	ProfileInKonzeption *date.Date `json:"profileInKonzeption,omitempty" expr:"profileInKonzeption"`
	// ProfileInContract is the date from which the profile is part of the
	// care contract (Betreuungsvertrag).
	ProfileInContract *date.Date `json:"profileInContract,omitempty" expr:"profileInContract"`
	// Licence is the Kita's own operating licence, e.g. for a member of
	// a ThEKiZ Verbund.
	Licence *Licence `json:"licence,omitempty" expr:"licence"`
	Note    string   `json:"note,omitempty" expr:"note"`
}

// Partner is a network partner of a centre.
type Partner struct {
	ID   string `json:"id" validate:"required,id" expr:"id"`
	Name string `json:"name" validate:"required" expr:"name"`
	// Kind is one of the partner kinds of the glossary (kita,
	// grundschule, erziehungsberatungsstelle, jobcenter, …); the set is
	// open, unknown kinds draw a warning.
	Kind      string     `json:"kind" validate:"required,id" vocab:"partner-kind" expr:"kind"`
	Agreement *Agreement `json:"agreement,omitempty" expr:"agreement"`
}

// Agreement is a cooperation agreement (Kooperationsvereinbarung).
type Agreement struct {
	Signed    date.Date  `json:"signed" validate:"required" expr:"signed"`
	From      *date.Date `json:"from,omitempty" expr:"from"`
	Until     *date.Date `json:"until,omitempty" expr:"until"`
	Reference string     `json:"reference,omitempty" expr:"reference"`
}

// Offer is something the centre offers families: an Elterncafé, a course,
// consultation hours.
type Offer struct {
	ID    string `json:"id" validate:"required,id" expr:"id"`
	Title string `json:"title" validate:"required" expr:"title"`
	// Kind is one of the offer kinds of the glossary (elterncafe,
	// babycafe, elternbildung, sprechstunde, …).
	Kind string `json:"kind" validate:"required,id" vocab:"offer-kind" expr:"kind"`
	// EquivalentTo names the offer kind this offer stands in for, e.g.
	// an Elternbildung course run instead of a Babycafé.
	EquivalentTo string `json:"equivalentTo,omitempty" validate:"omitempty,id" vocab:"offer-kind" expr:"equivalentTo"`
	// Fields are the ThEKiZ fields served: begegnung, beratung, bildung,
	// begleitung.
	Fields []string `json:"fields,omitempty" vocab:"field" expr:"fields"`
	// Topics are the themes served, e.g. sprachfoerderung, praevention.
	Topics    []string `json:"topics,omitempty" validate:"dive,id" vocab:"topic" expr:"topics"`
	Childcare bool     `json:"childcare,omitempty" expr:"childcare"`
	// Format is in-person, digital or hybrid.
	Format string `json:"format,omitempty" vocab:"format" expr:"format"`
	Venue  *Venue `json:"venue,omitempty" expr:"venue"`
	// Role is the staff role that runs the offer, e.g.
	// kiez-verantwortliche for her consultation hours.
	Role string `json:"role,omitempty" validate:"omitempty,id" vocab:"role" expr:"role"`
	// Partner is the id of the cooperation partner running the offer
	// with the centre.
	Partner string `json:"partner,omitempty" validate:"omitempty,id" expr:"partner"`
	// Funding names the budget that pays for the offer, e.g.
	// sozialraumbudget, programmgeld.
	Funding string `json:"funding,omitempty" validate:"omitempty,id" expr:"funding"`
	// Audience says whom the offer is for: kita (families of the Kita),
	// sozialraum (families of the neighbourhood), or both.
	Audience []string `json:"audience,omitempty" validate:"dive,id" expr:"audience"`
	// Recurrence is the planned rhythm as an RFC 5545 RRULE text, e.g.
	// FREQ=WEEKLY;BYDAY=TU.
	Recurrence string     `json:"recurrence,omitempty" expr:"recurrence"`
	From       *date.Date `json:"from,omitempty" expr:"from"`
	Until      *date.Date `json:"until,omitempty" expr:"until"`
}

// Venue is where an offer takes place.
type Venue struct {
	// Room is the id of one of the centre's rooms.
	Room string `json:"room,omitempty" validate:"omitempty,id" expr:"room"`
	// Name describes a venue that is not one of the centre's rooms.
	Name string `json:"name,omitempty" expr:"name"`
	// Owner is centre, provider, partner or public.
	Owner   string `json:"owner,omitempty" validate:"omitempty,id" vocab:"owner" expr:"owner"`
	Partner string `json:"partner,omitempty" validate:"omitempty,id" expr:"partner"`
}

// Session is one dated occurrence of an offer with its aggregated
// attendance. It never holds names of families or children.
type Session struct {
	Offer     string    `json:"offer" validate:"required,id" expr:"offer"`
	Date      date.Date `json:"date" validate:"required" expr:"date"`
	Themed    bool      `json:"themed,omitempty" expr:"themed"`
	Cancelled bool      `json:"cancelled,omitempty" expr:"cancelled"`
	Theme     string    `json:"theme,omitempty" expr:"theme"`
	// Hours is the session's length, for offers counted in hours such as
	// consultation hours.
	Hours      decimal.Decimal `json:"hours,omitempty" validate:"nonneg,upto=24" expr:"hours"`
	Attendance Attendance      `json:"attendance,omitempty" expr:"attendance"`
	// Kita is the catchment Kita the session took place in or served.
	Kita string `json:"kita,omitempty" validate:"omitempty,id" expr:"kita"`
}

// Attendance is an aggregated head count.
type Attendance struct {
	Adults   int `json:"adults,omitempty" validate:"min=0,max=100000" expr:"adults"`
	Children int `json:"children,omitempty" validate:"min=0,max=100000" expr:"children"`
	Families int `json:"families,omitempty" validate:"min=0,max=100000" expr:"families"`
}

// Meeting is a dated meeting of a kind the programmes prescribe.
type Meeting struct {
	ID   string    `json:"id,omitempty" validate:"omitempty,id" expr:"id"`
	Kind string    `json:"kind" validate:"required,id" vocab:"meeting-kind" expr:"kind"`
	Date date.Date `json:"date" validate:"required" expr:"date"`
	// Participants lists who took part, by role and organisation.
	Participants []Participant `json:"participants,omitempty" validate:"dive" expr:"participants"`
	// Kitas lists the catchment Kitas the meeting concerned or took place
	// in.
	Kitas []string `json:"kitas,omitempty" validate:"dive,id" expr:"kitas"`
	// Minutes reports that minutes (who, what, when, where) were recorded.
	Minutes bool `json:"minutes,omitempty" expr:"minutes"`
	// Agreements reports that agreements were documented.
	Agreements bool   `json:"agreements,omitempty" expr:"agreements"`
	Place      string `json:"place,omitempty" expr:"place"`
	Topic      string `json:"topic,omitempty" expr:"topic"`
	Cancelled  bool   `json:"cancelled,omitempty" expr:"cancelled"`
}

// Participant is a role taking part in a meeting or sitting on a
// committee, with the organisation it comes from. Centre and Kita refer to
// ids in the dataset; Organisation describes anything else.
type Participant struct {
	Role   string `json:"role" validate:"required,id" vocab:"role" expr:"role"`
	Centre string `json:"centre,omitempty" validate:"omitempty,id" expr:"centre"`
	Kita   string `json:"kita,omitempty" validate:"omitempty,id" expr:"kita"`
	// Partner is the id of one of the centre's network partners.
	Partner      string `json:"partner,omitempty" validate:"omitempty,id" expr:"partner"`
	Organisation string `json:"organisation,omitempty" expr:"organisation"`
	Count        int    `json:"count,omitempty" validate:"min=0" expr:"count"`
}

// Committee is a standing body such as the Qualitäts-AG or a ThEKiZ
// steering team, with its members by role.
type Committee struct {
	Kind    string        `json:"kind" validate:"required,id" vocab:"meeting-kind" expr:"kind"`
	Members []Participant `json:"members,omitempty" validate:"dive" expr:"members"`
}

// Evidence is a dated record that a document or act exists: a grant
// contract, a needs analysis, a business report, a § 8a agreement.
type Evidence struct {
	ID   string    `json:"id,omitempty" validate:"omitempty,id" expr:"id"`
	Kind string    `json:"kind" validate:"required,id" vocab:"evidence-kind" expr:"kind"`
	Date date.Date `json:"date" validate:"required" expr:"date"`
	// From and Until bound the record's validity, e.g. a contract's term.
	From  *date.Date `json:"from,omitempty" expr:"from"`
	Until *date.Date `json:"until,omitempty" expr:"until"`
	// Year is the reporting year a report covers.
	Year int `json:"year,omitempty" validate:"min=0,max=9999" expr:"year"`
	// Subject is the id of what the record is about, e.g. a Kita or a
	// digital channel.
	Subject string `json:"subject,omitempty" expr:"subject"`
	// Published is the date the record was made public, e.g. the
	// Jahresbericht Sozialraumbudget published into the Sozialraum.
	Published *date.Date `json:"published,omitempty" expr:"published"`
	// Clauses lists obligations a contract or agreement contains, as ids,
	// e.g. qualitaetsstandards, basisqualifizierung.
	Clauses []string `json:"clauses,omitempty" validate:"dive,id" expr:"clauses"`
	// By names the role or organisation that produced it.
	By        string `json:"by,omitempty" expr:"by"`
	Reference string `json:"reference,omitempty" expr:"reference"`
	Note      string `json:"note,omitempty" expr:"note"`
}

// FacilitationHours is the process facilitation (Prozessbegleitung) a
// ThEKiZ received in one month.
type FacilitationHours struct {
	Month Month           `json:"month" validate:"required" expr:"month"`
	Hours decimal.Decimal `json:"hours" validate:"nonneg,upto=744" expr:"hours"`
	// By is the id of the facilitator's staff position.
	By string `json:"by,omitempty" validate:"omitempty,id" expr:"by"`
}

// ChangeEvent is a fundamental change in a centre: a new Kita-Leitung or
// provider, new staff, a new team constellation.
type ChangeEvent struct {
	Kind string    `json:"kind" validate:"required,id" vocab:"change-kind" expr:"kind"`
	Date date.Date `json:"date" validate:"required" expr:"date"`
	Note string    `json:"note,omitempty" expr:"note"`
	// Derived marks a change the rules derived from other records (e.g.
	// a Leitungswechsel the staff records show) rather than one typed in.
	// It is written in results and never read from data: validation
	// rejects a record that sets it.
	Derived bool `json:"derived,omitempty" expr:"derived"`
}

// BudgetLine is an amount in euros for one budget category and year.
type BudgetLine struct {
	Year     int             `json:"year" validate:"required,min=1900,max=9999" expr:"year"`
	Category string          `json:"category" validate:"required,id" vocab:"budget-category" expr:"category"`
	Planned  decimal.Decimal `json:"planned" validate:"nonneg,upto=1000000000" expr:"planned"`
	Spent    decimal.Decimal `json:"spent,omitempty" validate:"nonneg,upto=1000000000" expr:"spent"`
	// ManagedBy is the id of the provider that manages the budget line.
	ManagedBy string `json:"managedBy,omitempty" validate:"omitempty,id" expr:"managedBy"`
	Note      string `json:"note,omitempty" expr:"note"`
}

// Target is a measurable target of a target agreement (Zielvereinbarung).
type Target struct {
	ID    string `json:"id" validate:"required,id" expr:"id"`
	Title string `json:"title" validate:"required" expr:"title"`
	Year  int    `json:"year" validate:"required,min=1900,max=9999" expr:"year"`
	// Metric is what is counted: sessions, attendance, families or offers.
	Metric string `json:"metric" validate:"required,id" vocab:"target-metric" expr:"metric"`
	// OfferKind restricts the count to offers of that kind.
	OfferKind string          `json:"offerKind,omitempty" validate:"omitempty,id" vocab:"offer-kind" expr:"offerKind"`
	Value     decimal.Decimal `json:"value" validate:"nonneg,upto=1000000000" expr:"value"`
	// Reported is the delivered value the centre reported, if any.
	Reported *decimal.Decimal `json:"reported,omitempty" expr:"reported"`
}

// ImpactGoal is a Wirkungsziel with its indicators.
type ImpactGoal struct {
	ID    string    `json:"id" validate:"required,id" expr:"id"`
	Title string    `json:"title" validate:"required" expr:"title"`
	Set   date.Date `json:"set" validate:"required" expr:"set"`
	// Reviewed is the date of the latest review; Reviews lists every
	// review, oldest first, for the plan–analyse–improve cycle.
	Reviewed   *date.Date  `json:"reviewed,omitempty" expr:"reviewed"`
	Reviews    []date.Date `json:"reviews,omitempty" expr:"reviews"`
	Indicators []Indicator `json:"indicators,omitempty" validate:"dive" expr:"indicators"`
}

// Indicator is a measurable indicator of an impact goal.
type Indicator struct {
	Name       string           `json:"name" validate:"required" expr:"name"`
	Unit       string           `json:"unit,omitempty" expr:"unit"`
	Baseline   *decimal.Decimal `json:"baseline,omitempty" expr:"baseline"`
	Target     decimal.Decimal  `json:"target" expr:"target"`
	Measured   *decimal.Decimal `json:"measured,omitempty" expr:"measured"`
	MeasuredOn *date.Date       `json:"measuredOn,omitempty" expr:"measuredOn"`
}

// Channel is a digital channel used to reach families.
type Channel struct {
	ID   string `json:"id" validate:"required,id" expr:"id"`
	Name string `json:"name" validate:"required" expr:"name"`
	// Kind is website, messenger, video, social-media, app, email …
	Kind string `json:"kind" validate:"required,id" expr:"kind"`
	// PrivacyChecked is the date of the last data-protection check.
	PrivacyChecked *date.Date `json:"privacyChecked,omitempty" expr:"privacyChecked"`
}

// CaseExchange records that a case was discussed with others: either
// anonymously, or with the family's consent on file.
type CaseExchange struct {
	Date      date.Date `json:"date" validate:"required" expr:"date"`
	Anonymous bool      `json:"anonymous,omitempty" expr:"anonymous"`
	// Consent is the id of the evidence record of the family's consent
	// (Schweigepflichtsentbindung).
	Consent string `json:"consent,omitempty" validate:"omitempty,id" expr:"consent"`
}

// Closure is a period in which a centre or programme is closed
// (Schließzeit, school holidays); both dates are included.
type Closure struct {
	From  date.Date `json:"from" validate:"required" expr:"from"`
	Until date.Date `json:"until" validate:"required" expr:"until"`
	Label string    `json:"label,omitempty" expr:"label"`
}

// Waiver is an exception granted by the authority: the named rule's failure
// for the named subject is waived within the validity range.
type Waiver struct {
	ID        string `json:"id" validate:"required,id" expr:"id"`
	Programme string `json:"programme" validate:"required,id" expr:"programme"`
	Rule      string `json:"rule" validate:"required" expr:"rule"`
	// Subject says which results the waiver is for, matched exactly:
	// empty or the programme's id for every result of the rule, a
	// centre's id for that centre's results, or "centre/item" for exactly
	// that result (as kiez check shows it in the subject column).
	Subject   string     `json:"subject,omitempty" expr:"subject"`
	Reason    string     `json:"reason" validate:"required" expr:"reason"`
	GrantedBy string     `json:"grantedBy" validate:"required" expr:"grantedBy"`
	Granted   date.Date  `json:"granted" validate:"required" expr:"granted"`
	From      date.Date  `json:"from" validate:"required" expr:"from"`
	Until     *date.Date `json:"until,omitempty" expr:"until"`
}
