package main

import (
	"fmt"
	"time"
)

// Thüringen ThEKiZ. Real: the programme's authority and the rules of seed
// 004 (Fachliche Empfehlungen, August 2021). The document names no
// centres: the three ThEKiZ here, their providers, towns and everything
// they did are fictional ("fiktiv"); only the Landkreis name is real.

const thProgramme = "thueringen-thekiz"

const thCounty = "Ilm-Kreis"

// thKita is a member Kita of a fictional ThEKiZ Verbund, with its own
// operating licence (each Kita of a Verbund is a licensed Kita, TH-01).
type thKita struct {
	id, name, municipality, providerKind, note string
	licence                                    time.Time
}

// thCentre is one fictional ThEKiZ.
type thCentre struct {
	id, name, town, provider, providerName string
	forms                                  []string
	phases                                 []KV // phase id → start date
	lsz                                    []int
	licence                                time.Time
	listed                                 time.Time
	verbund                                []thKita
	consultation                           bool
	change                                 *time.Time // Leitungswechsel
	facilitation                           func(m time.Month, y int) int
	facilitator                            string
	coordination                           []int // tenths per week
	steeringCancelled                      int   // index of a cancelled steering meeting, or -1
	cafeDay                                time.Weekday
	summerFrom                             time.Time
	note                                   string
}

var thCentres = []thCentre{
	{id: "thekiz-sonnenblume", name: "ThEKiZ Kita Sonnenblume (fiktiv)", town: "Musterhausen (fiktiv)",
		provider: "musterhausener-kita-traeger", providerName: "Musterhausener Kita-Träger e. V. (fiktiv)",
		forms:  []string{"unter-einem-dach"},
		phases: []KV{{"auf-dem-weg", day(2023, 9, 1)}}, lsz: []int{3},
		licence: day(2011, 8, 1), listed: day(2023, 7, 1),
		facilitation: func(m time.Month, y int) int {
			switch {
			case y == 2024 && m == time.July:
				return 60 // deliberate shortfall TH-07
			case y == 2024 && m == time.August:
				return 40 // deliberate shortfall TH-07
			case m%3 == 0:
				return 120
			}
			return 100
		},
		facilitator:  "Freiberufliche ThEKiZ-Prozessbegleitung, Honorarvereinbarung mit dem Landkreis (fiktiv)",
		coordination: []int{300}, steeringCancelled: -1, cafeDay: time.Wednesday, summerFrom: day(2024, 7, 15),
		note: "Fiktiv: das Dokument (Seed 004) nennt keine Einrichtungen. Kita auf dem Weg zum ThEKiZ seit 01.09.2023, Organisationsform „Unter einem Dach“. " +
			"Absichtliche Lücke (TH-07): Prozessbegleitung im Juli 2024 nur 6 Std., im August 2024 nur 4 Std. statt 10 Std./Monat."},
	{id: "thekiz-regenbogen", name: "ThEKiZ Kita Regenbogen (fiktiv)", town: "Beispielstadt (fiktiv)",
		provider: "beispielstaedter-familienwerk", providerName: "Beispielstädter Kinder- und Familienwerk gGmbH (fiktiv)",
		forms:  []string{"lotse", "galerie"},
		phases: []KV{{"auf-dem-weg", day(2019, 9, 1)}, {"thekiz", day(2021, 9, 1)}}, lsz: []int{3, 4},
		licence: day(2006, 3, 1), listed: day(2019, 6, 1), change: dp(2024, 6, 1),
		facilitation: func(m time.Month, y int) int {
			if m >= time.June {
				return 100 // 10 h for 12 months after the Leitungswechsel
			}
			return 60
		},
		facilitator:  "Kita-Fachberatung des Landkreises, als ThEKiZ-Prozessbegleitung qualifiziert (fiktiv)",
		coordination: []int{400}, steeringCancelled: 1, cafeDay: time.Tuesday, summerFrom: day(2024, 7, 8),
		note: "Fiktiv: das Dokument (Seed 004) nennt keine Einrichtungen. Auf dem Weg 2019–2021, ThEKiZ seit 01.09.2021, Organisationsform Mischung aus „Lotse“ und „Galerie“; Leitungswechsel zum 01.06.2024. " +
			"Absichtliche Lücke (TH-14): das Steuerungsteam tagte 2024 nur dreimal (die Sitzung im Mai fiel wegen des Leitungswechsels aus)."},
	{id: "thekiz-verbund-tannengrund", name: "ThEKiZ-Verbund Tannengrund (fiktiv)", town: "Tannengrund (fiktiv)",
		provider: "gemeinde-tannengrund", providerName: "Gemeinde Tannengrund (fiktiv)",
		forms:  []string{"verbund"},
		phases: []KV{{"auf-dem-weg", day(2016, 8, 1)}, {"thekiz", day(2018, 9, 1)}, {"konsultationseinrichtung", day(2022, 9, 1)}}, lsz: []int{3, 5, 6},
		licence: day(1998, 1, 1), listed: day(2016, 6, 1), consultation: true,
		verbund: []thKita{
			{id: "kita-tannenzapfen-fiktiv", name: "Kita Tannenzapfen (fiktiv)", municipality: "Tannengrund (fiktiv)", providerKind: "kommunal", note: "Fiktiv; Hauptstandort des Verbunds.", licence: day(1998, 1, 1)},
			{id: "kita-wiesenweg-fiktiv", name: "Kita Wiesenweg (fiktiv)", municipality: "Tannengrund-Unterdorf (fiktiv)", providerKind: "kommunal", note: "Fiktiv.", licence: day(2003, 8, 1)},
			{id: "kita-am-muehlbach-fiktiv", name: "Kita Am Mühlbach (fiktiv)", municipality: "Mühlbach (fiktiv)", providerKind: "kommunal", note: "Fiktiv.", licence: day(2009, 3, 1)},
		},
		facilitation: func(m time.Month, y int) int {
			switch m {
			case time.February:
				return 40
			case time.June:
				return 30
			case time.October:
				return 50
			}
			return 0
		},
		facilitator:  "Freiberufliche ThEKiZ-Prozessbegleitung, nach Bedarf (fiktiv)",
		coordination: []int{200, 150}, steeringCancelled: -1, cafeDay: time.Thursday, summerFrom: day(2024, 7, 22),
		note: "Fiktiv: das Dokument (Seed 004) nennt keine Einrichtungen. Verbund dreier kleiner Kitas im ländlichen Raum; ThEKiZ-Konsultationseinrichtung seit 01.09.2022, Prozessbegleitung nach Bedarf."},
}

func thueringen(files map[string]*doc) {
	prog := newDoc(`Thüringen, Thüringer Eltern-Kind-Zentren (ThEKiZ): the programme. Real: authority and legal
basis (seed 004 §1.1, §1.6). Seed 004 names no centres: the providers and the three centres of
this folder are fictional ("fiktiv").`)
	var providers L
	for _, ce := range thCentres {
		m := M{{"id", ce.provider}, {"name", ce.providerName}}
		if ce.provider == "gemeinde-tannengrund" {
			m = append(m, KV{"kind", "kommune"})
		} else {
			m = append(m, KV{"kind", "freier-traeger"})
		}
		m = append(m, KV{"note", "Fiktiver Träger für die Testdaten."})
		providers = append(providers, m)
	}
	prog.top("programmes", L{M{
		{"id", thProgramme},
		{"name", "Thüringer Eltern-Kind-Zentren (ThEKiZ)"},
		{"authority", "Thüringer Ministerium für Arbeit, Soziales, Gesundheit, Frauen und Familie (TMASGFF)"},
		{"legalBasis", strs("§ 16 SGB VIII")},
		{"land", raw("DE-TH")},
		{"fullTimeHours", N("40")},
		{"providers", providers},
		{"note", "Quelle: Fachliche Empfehlungen „Entwicklung von Kitas zu Thüringer Eltern-Kind-Zentren (ThEKiZ)“, TMASGFF, Stand August 2021 (Seed 004). Die Einrichtungen und Träger in diesen Testdaten sind fiktiv."},
	}})
	files["thueringen/programme.yaml"] = prog
	consultations := 0
	for _, ce := range thCentres {
		files["thueringen/"+ce.id+".yaml"] = thCentreDoc(ce)
		if ce.consultation {
			consultations++
		}
		for _, kt := range ce.verbund {
			if kt.licence.IsZero() {
				problemf("Thüringen: Verbund-Kita %s of %s has no licence (TH-01)", kt.id, ce.id)
			}
		}
	}
	if consultations != 1 {
		problemf("Thüringen: %d consultation centres in %s, want one", consultations, thCounty)
	}
}

func thCentreDoc(ce thCentre) *doc {
	r := rng(ce.id)
	d := newDoc(fmt.Sprintf(`%s: a FICTIONAL ThEKiZ (seed 004 names no centres). Everything in this file is
illustrative; only the Landkreis (%s) is a real name. See testdata/README.md for the deliberate
shortfalls.`, ce.name, thCounty))
	closures := []closure{
		{ce.summerFrom, addDays(ce.summerFrom, 13), "Schließzeit der Kita (Sommerferien)"},
		{day(2024, 12, 23), day(2024, 12, 31), "Schließzeit der Kita (zwischen den Jahren)"},
	}
	c := &cal{holidays: holidays("DE-TH"), closures: closures}
	first := ce.phases[0].V.(time.Time)

	partners := []partner{
		{id: "erziehungsberatung", name: "Erziehungs- und Familienberatungsstelle " + ce.town, kind: "erziehungsberatungsstelle",
			signed: dp(maxInt(first.Year(), 2019), 10, 1), from: dp(maxInt(first.Year(), 2019), 10, 1), reference: "KV-EB (fiktiv)"},
		{id: "familienbildung", name: "Familienbildungsstätte " + ce.town, kind: "familienbildungsstaette",
			signed: dp(maxInt(first.Year(), 2020), 11, 15), from: dp(maxInt(first.Year(), 2020)+1, 1, 1), reference: "KV-FBS (fiktiv)"},
		{id: "sportverein", name: "Sportverein " + ce.town, kind: "verein",
			signed: dp(maxInt(first.Year(), 2021), 12, 1), from: dp(maxInt(first.Year(), 2021)+1, 1, 1), until: dp(2026, 12, 31), reference: "KV-Verein (fiktiv)"},
		{id: "hebammenpraxis", name: "Hebammenpraxis " + ce.town, kind: "hebammen",
			signed: dp(maxInt(first.Year(), 2022), 3, 1), from: dp(maxInt(first.Year(), 2022), 4, 1), reference: "KV-Hebammen (fiktiv)"},
		{id: "grundschule", name: "Grundschule " + ce.town, kind: "grundschule",
			signed: dp(maxInt(first.Year(), 2020), 9, 1), from: dp(maxInt(first.Year(), 2020), 9, 1), reference: "KV-GS (fiktiv)"},
	}
	if first.Year() == 2023 {
		for i := range partners {
			partners[i].signed = dp(2023, time.Month(9+i%3), 1+7*i)
			partners[i].from = partners[i].signed
		}
	}
	rooms := []room{
		{id: "familienraum", name: "Familienraum (Elterncafé)", kinds: []string{"cafe", "gruppenraum"}, owner: "centre", inLicence: true, available: true},
		{id: "beratungszimmer", name: "Beratungszimmer", kinds: []string{"beratungsraum"}, owner: "centre", inLicence: true, available: true},
		{id: "turnhalle-sportverein", name: "Turnhalle des Sportvereins", kinds: []string{"gruppenraum"}, owner: "partner", partner: "sportverein", licenceKnown: true, available: true},
		{id: "kursraum-familienbildung", name: "Kursraum der Familienbildungsstätte", kinds: []string{"gruppenraum"}, owner: "partner", partner: "familienbildung", licenceKnown: true, available: true},
	}

	staff := []position{}
	if ce.change != nil {
		until := addDays(*ce.change, -1)
		staff = append(staff,
			position{id: "ltg-1", role: "kita-leitung", hours: 400, from: dp(2012, 4, 1), until: &until, employer: ce.provider, qualification: "kindheitspaedagogik"},
			position{id: "ltg-2", role: "kita-leitung", hours: 400, from: ce.change, employer: ce.provider, qualification: "sozialpaedagogik"})
	} else {
		staff = append(staff, position{id: "ltg-1", role: "kita-leitung", hours: 400, from: dp(2014, 2, 1), employer: ce.provider, qualification: "kindheitspaedagogik"})
	}
	for i, h := range ce.coordination {
		staff = append(staff, position{id: fmt.Sprintf("koord-%d", i+1), role: "thekiz-koordination", hours: h, from: &first, employer: ce.provider,
			qualification: []string{"kindheitspaedagogik", "sozialpaedagogik"}[i%2], lineSup: "kita-leitung", funding: "lsz"})
	}
	pbHours := 25
	if ce.consultation {
		pbHours = 10
	}
	staff = append(staff, position{id: "pb-1", role: "prozessbegleitung", hours: pbHours, from: &first, employer: ce.facilitator,
		qualification: "prozessbegleitung-thekiz", external: true, funding: "lsz"})

	// Offers across the four fields.
	aud := []string{"kita", "sozialraum"}
	offers := []offer{
		{id: "elterncafe", title: "Elterncafé für Familien der Kita und des Ortes", kind: "elterncafe", fields: []string{"begegnung"}, topics: []string{"begegnung"},
			childcare: true, format: "in-person", room: "familienraum", audience: aud, rrule: "FREQ=WEEKLY;BYDAY=" + rruleDay(ce.cafeDay)},
		{id: "sprechstunde-erziehungsberatung", title: "Sprechstunde der Erziehungs- und Familienberatung in der Kita", kind: "sprechstunde",
			fields: []string{"beratung"}, topics: []string{"beratung", "erziehung"}, format: "in-person", room: "beratungszimmer", partner: "erziehungsberatung",
			audience: aud, rrule: "FREQ=MONTHLY;BYDAY=2TU"},
		{id: "elternkurs", title: "Elternkurs „Gemeinsam wachsen“", kind: "elternbildung", fields: []string{"bildung"}, topics: []string{"erziehung"},
			childcare: true, format: "in-person", room: "kursraum-familienbildung", partner: "familienbildung", audience: aud},
		{id: "familienlotsin", title: "Begleitung bei Anträgen und Behördengängen (Familienlotsin)", kind: "beratung", fields: []string{"begleitung", "beratung"},
			topics: []string{"beratung", "praevention"}, format: "in-person", room: "beratungszimmer", audience: aud, rrule: "FREQ=WEEKLY;BYDAY=TH"},
		{id: "eltern-kind-turnen", title: "Eltern-Kind-Turnen mit dem Sportverein", kind: "eltern-kind-gruppe", fields: []string{"begegnung", "bildung"},
			topics: []string{"gesundheit", "begegnung"}, format: "in-person", room: "turnhalle-sportverein", partner: "sportverein", audience: aud, rrule: "FREQ=WEEKLY;BYDAY=MO"},
		{id: "hebammensprechstunde", title: "Hebammensprechstunde in der Kita", kind: "sprechstunde", fields: []string{"beratung", "begleitung"},
			topics: []string{"gesundheit", "beratung"}, format: "in-person", room: "beratungszimmer", partner: "hebammenpraxis", audience: []string{"sozialraum"},
			rrule: "FREQ=MONTHLY;BYDAY=1WE"},
		{id: "online-elternabend", title: "Online-Elternabend", kind: "information", fields: []string{"bildung"}, topics: []string{"erziehung"},
			format: "digital", venueName: "Videokonferenzdienst (Kanal videokonferenz)", audience: aud},
	}
	if ce.consultation {
		offers = append(offers, offer{id: "konsultation", title: "Konsultation für Fachkräfte: Hospitation und Fachgespräch", kind: "information",
			fields: []string{"bildung"}, format: "in-person", room: "familienraum", rrule: "FREQ=MONTHLY;BYDAY=1TU"})
	}

	var ss []session
	kitaOf := func(i int) string {
		if len(ce.verbund) == 0 {
			return ""
		}
		return ce.verbund[i%len(ce.verbund)].id
	}
	for i, t := range c.weekly(periodStart, periodEnd, ce.cafeDay, 1) {
		s := session{offer: "elterncafe", date: t, adults: between(r, 5, 13), children: between(r, 3, 10), kita: kitaOf(i)}
		if i%6 == 3 {
			s.themed, s.theme = true, []string{"Gesunde Brotdose", "Schlafen", "Mediennutzung", "Schulstart", "Sprache im Alltag", "Draußen spielen", "Feste feiern", "Familienzeit"}[(i/6)%8]
		}
		ss = append(ss, s)
	}
	for _, t := range c.monthly(periodStart, periodEnd, time.Tuesday, 2) {
		ss = append(ss, session{offer: "sprechstunde-erziehungsberatung", date: t, hours: 30, families: between(r, 2, 5)})
	}
	for _, t := range append(c.weekly(day(2024, 3, 4), day(2024, 4, 26), time.Wednesday, 1), c.weekly(day(2024, 10, 7), day(2024, 11, 29), time.Wednesday, 1)...) {
		ss = append(ss, session{offer: "elternkurs", date: t, adults: between(r, 6, 12), children: between(r, 3, 8)})
	}
	for i, t := range c.weekly(periodStart, periodEnd, time.Thursday, 1) {
		ss = append(ss, session{offer: "familienlotsin", date: t, hours: 20, families: between(r, 1, 4), kita: kitaOf(i + 1)})
	}
	for _, t := range c.weekly(periodStart, periodEnd, time.Monday, 1) {
		ss = append(ss, session{offer: "eltern-kind-turnen", date: t, adults: between(r, 5, 11), children: between(r, 6, 14)})
	}
	for _, t := range c.monthly(periodStart, periodEnd, time.Wednesday, 1) {
		ss = append(ss, session{offer: "hebammensprechstunde", date: t, hours: 20, families: between(r, 1, 4)})
	}
	for _, t := range []time.Time{day(2024, 2, 6), day(2024, 5, 7), day(2024, 9, 10), day(2024, 11, 12)} {
		ss = append(ss, session{offer: "online-elternabend", date: c.openOnOrAfter(t), adults: between(r, 8, 22)})
	}
	if ce.consultation {
		for _, t := range c.monthly(periodStart, periodEnd, time.Tuesday, 1) {
			ss = append(ss, session{offer: "konsultation", date: t, hours: 20, adults: between(r, 2, 8)})
		}
	}

	// Steering team.
	members := []participant{
		{role: "kita-leitung", centre: ce.id},
		{role: "kita-team", centre: ce.id, count: 2},
		{role: "thekiz-koordination", centre: ce.id},
		{role: "fachberatung", organisation: "Kita-Fachberatung des Trägers (fiktiv)"},
		{role: "prozessbegleitung", organisation: ce.facilitator},
		{role: "elternvertretung", organisation: "Elternbeirat", count: 2},
		{role: "traeger", organisation: ce.providerName},
		{role: "kommune", organisation: "Gemeinde- bzw. Stadtverwaltung " + ce.town},
		{role: "sozialplanung", organisation: "Integrierte Sozialplanung " + thCounty + " (LSZ; illustrativ)"},
		{role: "jugendamt", organisation: "Jugendamt " + thCounty + " (illustrativ)"},
		{role: "netzwerkpartner", organisation: "Erziehungs- und Familienberatungsstelle, Familienbildungsstätte, Sportverein " + ce.town, count: 3},
	}
	var ms []meeting
	for i, t := range []time.Time{day(2024, 2, 20), day(2024, 5, 14), day(2024, 9, 17), day(2024, 11, 26)} {
		m := meeting{id: fmt.Sprintf("steuerungsteam-2024-%d", i+1), kind: "steuerungsteam", date: c.openOnOrAfter(t), participants: members, minutes: true,
			place: "Familienraum", topic: []string{"Jahresplanung und Wirkungsziele", "Bedarfe der Familien, Angebote Sommer", "Auswertung erstes Halbjahr", "Rückblick, Konzeption, Planung 2025"}[i]}
		if i == ce.steeringCancelled {
			m.participants, m.minutes, m.cancelled = nil, false, true
			m.topic = "Abgesagt wegen des Leitungswechsels"
		}
		ms = append(ms, m)
	}

	// Evidence.
	ev := []evidence{}
	add := func(e evidence) { ev = append(ev, e) }
	add(evidence{id: "elternbeteiligung", kind: "elternbeteiligung", date: addDays(first, -100), by: "elternvertretung",
		note: "Der Elternbeirat wurde in die Entscheidung einbezogen, die Kita zum ThEKiZ zu entwickeln (§ 12 Abs. 2 Nr. 1 ThürKigaG)."})
	var analyses []time.Time
	// Repeated every 22 months: inside the two years of TH-15 with a margin.
	for t := addDays(first, 60); !t.After(periodEnd); t = t.AddDate(1, 10, 0) {
		analyses = append(analyses, t)
	}
	if ce.change != nil {
		analyses = append(analyses, day(2024, 10, 8))
	}
	for i, t := range analyses {
		add(evidence{id: fmt.Sprintf("ausgangsanalyse-%d", t.Year()), kind: "ausgangsanalyse", date: t, by: "prozessbegleitung",
			note: []string{"Erste Ausgangsanalyse: Ist-Stand, Bedarfe der Familien, Sozialraum.", "Wiederholung der Ausgangsanalyse."}[minInt(i, 1)]})
	}
	if len(analyses) > 1 && ce.change != nil {
		ev[len(ev)-1].id = "ausgangsanalyse-2024-nach-leitungswechsel"
		ev[len(ev)-1].note = "Wiederholung nach dem Leitungswechsel."
	}
	// The Konzeption is extended once the centre is on its way and then
	// updated every 20 months (inside the two years of TH-17 with a margin).
	konz := []time.Time{day(2024, 4, 30)}
	if first.Year() < 2023 {
		konz = nil
		for t := day(2024, 11, 28); !t.Before(first.AddDate(1, 0, 0)); t = t.AddDate(-1, -8, 0) {
			konz = append([]time.Time{t}, konz...)
		}
	}
	for _, t := range konz {
		add(evidence{id: "konzeption-" + key(t), kind: "konzeption", date: t, by: "kita-leitung", note: "Konzeption um das ThEKiZ-Profil ergänzt bzw. fortgeschrieben."})
	}
	for _, y := range []int{2023, 2024} {
		add(evidence{id: fmt.Sprintf("sachbericht-%d", y), kind: "sachbericht", date: day(y+1, 3, 14), year: y, by: "thekiz-koordination",
			note: "Jährlicher Sachbericht zum Verwendungsnachweis (LSZ)."})
		add(evidence{id: fmt.Sprintf("taetigkeitsbericht-%d", y), kind: "taetigkeitsbericht", date: day(y+1, 2, 28), year: y, by: "thekiz-koordination"})
	}
	add(evidence{id: "taetigkeitsnachweis-prozessbegleitung-2024", kind: "taetigkeitsnachweis", date: day(2025, 1, 15), year: 2024, by: "prozessbegleitung",
		note: "Dokumentation des Entwicklungsprozesses nach dem Aufgabenprofil Prozessbegleitung (Seed 004 Anhang 1)."})
	add(evidence{id: "taetigkeitsnachweis-koordination-2024", kind: "taetigkeitsnachweis", date: day(2025, 1, 15), year: 2024, by: "thekiz-koordination",
		note: "Tätigkeitsnachweis nach dem Aufgabenprofil Koordination (Seed 004 Anhang 2): Bedarfserhebung, Auswertung der Angebote, Sozialraumerkundung, Netzwerkveranstaltungen."})

	// Digital channels with their data-protection checks.
	type channel struct {
		id, name, kind string
		checked        time.Time
	}
	channels := []channel{
		{"website", "Internetseite des ThEKiZ", "website", maxDate(addDays(first, 45), day(2023, 11, 6))},
		{"eltern-app", "Kita-App für Elterninformationen", "app", maxDate(addDays(first, 75), day(2024, 1, 22))},
		{"videokonferenz", "Videokonferenzdienst für Online-Elternabende", "video", day(2024, 1, 29)},
	}
	var chs L
	for _, ch := range channels {
		chs = append(chs, M{{"id", ch.id}, {"name", ch.name}, {"kind", ch.kind}, {"privacyChecked", ch.checked}})
		add(evidence{id: "datenschutzpruefung-" + ch.id, kind: "datenschutzpruefung", date: ch.checked, subject: ch.id, by: "traeger",
			note: "Prüfung durch den Datenschutzbeauftragten des Trägers."})
	}

	// Impact goals, set after the first analysis.
	set := maxDate(addDays(analyses[0], 45), day(2023, 12, 12))
	if first.Year() < 2023 {
		set = day(2023, 1, 24)
	}
	goals := L{
		M{{"id", "sozialraum-erreichen"}, {"title", "Familien aus dem Ort, deren Kinder nicht die Kita besuchen, nutzen die Angebote"}, {"set", set}, {"reviewed", day(2024, 11, 26)},
			{"indicators", L{M{{"name", "Anteil der Familien aus dem Sozialraum an den Teilnehmenden des Elterncafés"}, {"unit", "%"},
				{"baseline", N("5")}, {"target", N("20")}, {"measured", N(fmt.Sprint(12 + between(r, 0, 10)))}, {"measuredOn", day(2024, 11, 15)}}}}},
		M{{"id", "beratung-nutzen"}, {"title", "Familien kennen und nutzen die Beratung im ThEKiZ"}, {"set", set}, {"reviewed", day(2024, 11, 26)},
			{"indicators", L{
				M{{"name", "Familien, die die Sprechstunde der Erziehungs- und Familienberatung genutzt haben"}, {"unit", "Familien"},
					{"baseline", N("0")}, {"target", N("25")}, {"measured", N(fmt.Sprint(len(held(ss, "sprechstunde-erziehungsberatung")) * 3))}, {"measuredOn", day(2024, 12, 16)}},
				M{{"name", "Eltern, die in der Befragung angeben, die Angebote des ThEKiZ zu kennen"}, {"unit", "%"},
					{"baseline", N("40")}, {"target", N("75")}, {"measured", N(fmt.Sprint(60 + between(r, 0, 25)))}, {"measuredOn", day(2024, 10, 31)}},
			}}},
	}

	// Facilitation per month.
	var fac L
	for m := day(first.Year(), first.Month(), 1); !m.After(periodEnd); m = m.AddDate(0, 1, 0) {
		if m.Year() < 2023 {
			continue
		}
		h := ce.facilitation(m.Month(), m.Year())
		if m.Year() == 2023 && !ce.consultation {
			h = maxInt(h, 100)
			if ce.change != nil {
				h = 60
			}
		}
		if h == 0 {
			continue
		}
		fac = append(fac, F{{"month", Mon(fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month())))}, {"hours", hours(h)}, {"by", "pb-1"}})
	}

	var budget []budgetLine
	coordHours := 0
	for _, h := range ce.coordination {
		coordHours += h
	}
	budget = append(budget,
		budgetLine{2024, "koordination", int64(coordHours) * 5200 * 30 / 10, int64(coordHours)*5200*30/10 - int64(between(r, 0, 90000)), "Personalkosten ThEKiZ-Koordination (LSZ)"},
		budgetLine{2024, "prozessbegleitung", 660000, 0, "Honorar Prozessbegleitung"},
		budgetLine{2024, "sachkosten", 350000, 350000 - int64(between(r, 0, 50000)), "Material, Öffentlichkeitsarbeit, Lizenzen"},
	)
	spentPB := int64(0)
	for _, f := range fac {
		row := f.(F)
		if m := string(row[0].V.(Mon)); m[:4] == "2024" {
			spentPB += parseTenths(string(row[1].V.(N))) * 5500 / 10
		}
	}
	budget[1].spent = spentPB
	if ce.consultation {
		budget[1].planned = 100000 // by need: a small reserve
		budget[1].note = "Honorar Prozessbegleitung nach Bedarf"
	}
	budget[1].planned = maxInt64(spentPB, budget[1].planned)

	var phases L
	for _, p := range ce.phases {
		phases = append(phases, M{{"phase", p.K}, {"from", p.V}})
	}
	centre := M{
		{"id", ce.id},
		{"name", ce.name},
		{"programme", thProgramme},
		{"kind", "thekiz"},
		{"provider", ce.provider},
		{"since", first},
		{"location", M{{"municipality", ce.town}, {"county", thCounty}}},
		{"legalBasis", strs("§ 16 SGB VIII")},
		{"organisationForms", strs(ce.forms...)},
		{"phases", phases},
		{"licence", M{{"granted", ce.licence}, {"authority", "Landesjugendamt (fiktive Angabe)"}, {"reference", "BE-" + slug(ce.town)[:4] + "-fiktiv"}}},
		{"planListing", M{{"plan", "Integrierte Sozialplanung " + thCounty + " im LSZ, Leistung nach § 16 SGB VIII (fiktiver Eintrag)"}, {"since", ce.listed}}},
		{"lszFields", lszList(ce.lsz)},
	}
	if ce.consultation {
		centre = append(centre, KV{"consultation", M{
			{"focus", strs("Verbundmodell im ländlichen Raum", "Steuerungsteam und Elternbeteiligung", "Digitale Zugänge zu Familien")},
			{"contact", "Feste Konsultationszeit am ersten Dienstag im Monat, 14–16 Uhr; Hospitationen und Fachgespräche nach Terminvereinbarung"},
			{"published", day(2022, 10, 4)},
		}})
	}
	var verbund L
	for i, kt := range ce.verbund {
		verbund = append(verbund, M{{"id", kt.id}, {"name", kt.name}, {"municipality", kt.municipality}, {"providerKind", kt.providerKind},
			{"licence", M{{"granted", kt.licence}, {"authority", "Landesjugendamt (fiktive Angabe)"}, {"reference", fmt.Sprintf("BE-%s-%d-fiktiv", slug(ce.town)[:4], i+1)}}},
			{"note", kt.note}})
	}
	centre = append(centre,
		KV{"verbundKitas", verbund},
		KV{"rooms", listOf(rooms)},
		KV{"partners", listOf(partners)},
		KV{"#", "Personal mit pseudonymen Kennungen"},
		KV{"staff", listOf(staff)},
		KV{"offers", offerList(offers, rooms)},
		KV{"#", "Termine 2024 mit aggregierten Teilnahmezahlen (keine Namen)"},
		KV{"sessions", sessionList(ss)},
		KV{"meetings", meetingList(ms)},
		KV{"committees", L{M{{"kind", "steuerungsteam"}, {"members", participants(members)}}}},
		KV{"evidence", evidenceList(ev)},
		KV{"facilitation", fac},
	)
	if ce.change != nil {
		centre = append(centre, KV{"changes", L{M{{"kind", "leitungswechsel"}, {"date", *ce.change}, {"note", "Neue Kita-Leitung; Prozessbegleitung wieder 10 Std./Monat."}}}})
	}
	centre = append(centre,
		KV{"budget", listOf(budget)},
		KV{"impactGoals", goals},
		KV{"channels", chs},
		KV{"closures", listOf(closures)},
		KV{"note", ce.note},
	)
	d.top("centres", L{centre})
	return d
}

func lszList(xs []int) FL {
	out := make(FL, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func parseTenths(s string) int64 {
	var whole, frac int64
	fmt.Sscanf(s, "%d", &whole)
	for i := 0; i < len(s); i++ {
		if s[i] == '.' && i+1 < len(s) {
			frac = int64(s[i+1] - '0')
		}
	}
	return whole*10 + frac
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func maxInt64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}
