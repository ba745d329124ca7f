package main

import (
	"fmt"
	"log"
	"strings"
	"time"
)

// Landkreis Bad Kreuznach, Familienzentren. Real: the eight
// Familienzentren with their Verbandsgemeinde and every Kita of annex 5 of
// seed 003 ("Anhang: Zuordnung der einzelnen Kitas im Landkreis Bad
// Kreuznach zu den acht Familienzentren", Stand Januar 2024), transcribed
// as written; Hüffelsheim's start date (seed 003 §1). Illustrative: the
// providers' names where the seed does not give them, and everything a
// centre did in 2024.

const bkProgramme = "bad-kreuznach-familienzentren"

// bkKita is one entry of annex 5.
type bkKita struct {
	id, name, municipality, providerKind, note string
}

// k builds a Kita from the annex name: the prefix gives the provider kind,
// the rest the municipality.
func k(name string) bkKita {
	prefixes := []struct{ prefix, kind, suffix string }{
		{"Kom. Kita ", "kommunal", "kom"},
		{"Kath. Kita ", "katholisch", "kath"},
		{"Ev. Kita ", "evangelisch", "ev"},
		{"Prot. Kita ", "protestantisch", "prot"},
		{"Städt. Kita ", "staedtisch", "staedt"},
		{"Waldorfkita ", "waldorf", "waldorf"},
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(name, p.prefix); ok {
			return bkKita{id: "kita-" + slug(rest) + "-" + p.suffix, name: name, municipality: municipalityOf(rest), providerKind: p.kind}
		}
	}
	log.Fatalf("annex 5 entry %q has a provider prefix the generator does not know", name)
	return bkKita{}
}

// municipalityOf returns the place of a Kita name: "Kirn, Steinenberg"
// lies in Kirn.
func municipalityOf(rest string) string {
	place, _, _ := strings.Cut(rest, ",")
	return place
}

func (kt bkKita) with(f func(*bkKita)) bkKita { f(&kt); return kt }

// bkCentre is one Familienzentrum with its catchment (annex 5) and the
// parameters of its illustrative year.
type bkCentre struct {
	id, name, annexName  string
	vg, municipality     string
	address              string
	provider             string
	since                *time.Time
	kitas                []bkKita
	note                 string
	summerFrom           time.Time
	ebDay                time.Weekday
	ksaHours             []int // tenths per week, one per Kita-Sozialarbeit position
	ksaLineSup           string
	release              int             // tenths per week
	releaseChange        *positionChange // a mid-year change of the Leitung's release time
	skipPlanningH2       bool
	absentAustauschH2    bool
	sharedIsNeutral      bool
	digital              bool
	leitungQualification string
}

var bkCentres = []bkCentre{
	{id: "fz-fuerfeld", name: "Familienzentrum Fürfeld", annexName: "Fürfeld", vg: "VG Bad Kreuznach", municipality: "Fürfeld",
		provider: "traeger-fz-fuerfeld",
		kitas: []bkKita{
			k("Kom. Kita Altenbamberg"), k("Kom. Kita Biebelsheim"), k("Prot. Kita Feilbingert"), k("Kom. Kita Frei-Laubersheim"),
			k("Kath. Kita Hackenheim"), k("Kom. Kita Hackenheim"), k("Kom. Kita Hallgarten"), k("Kom. Kita Neu-Bamberg"),
			k("Kom. Kita Pfaffen-Schwabenheim"), k("Kom. Kita Volxheim"),
		},
		note:       "Seed 003 §1 schreibt den Ort „Füfeld“, Anhang 5 „Fürfeld“; übernommen ist „Fürfeld“.",
		summerFrom: day(2024, 7, 22), ebDay: time.Tuesday, ksaHours: []int{390, 195}, ksaLineSup: "leitung-familienzentrum", release: 20,
		releaseChange: &positionChange{from: day(2024, 9, 1), hours: -1, release: 30,
			note: "Freistellung ab dem Kita-Jahr 2024/25 auf 3 Std./Woche erhöht (fiktiv)"},
		leitungQualification: "kindheitspaedagogik"},
	{id: "fz-kirn", name: "Familienzentrum Kirn, Kirner Straße", annexName: "Kirn, Kirner Straße", vg: "VG Kirner Land", municipality: "Kirn",
		address: "Kirner Straße", provider: "traeger-fz-kirn",
		kitas: []bkKita{
			k("Kom. Kita Becherbach bei Kirn"), k("Kom. Kita Hennweiler"), k("Kom. Kita Hochstetten-Dhaun"), k("Kom. Kita Kellenbach"),
			k("Kath. Kita Kirn"), k("Ev. Kita Kirn"), k("Kom. Kita Kirn, Steinenberg"), k("Kom. Kita Kirn, Ohlmannstraße"),
			k("Kom. Kita Oberhausen bei Kirn"), k("Kom. Kita Simmertal"),
			{id: "kita-simmertal-foeki", name: "Föki Simmertal", municipality: "Simmertal",
				note: "Anhang 5 schreibt „Föki Simmertal“ ohne Trägerpräfix; die Trägerart ist darum nicht angegeben."},
		},
		summerFrom: day(2024, 7, 15), ebDay: time.Wednesday, ksaHours: []int{390, 295}, ksaLineSup: "traeger", release: 20,
		leitungQualification: "erzieherin"},
	{id: "fz-langenlonsheim", name: "Familienzentrum Langenlonsheim (kom. Kitas)", annexName: "Langenlonsheim (kom. Kitas)",
		vg: "VG Langenlonsheim-Stromberg", municipality: "Langenlonsheim", provider: "kommunaler-traeger-langenlonsheim",
		kitas: []bkKita{
			k("Kom. Kita Laubenheim"),
			k("Kom. Kita Bretzenheim I").with(func(x *bkKita) {
				x.id, x.municipality = "kita-bretzenheim-1-kom", "Bretzenheim"
				x.note = "Anhang 5 nennt „Kom. Kitas Bretzenheim I+II“ in einem Eintrag; als zwei Kitas erfasst (I und II)."
			}),
			k("Kom. Kita Bretzenheim II").with(func(x *bkKita) {
				x.id, x.municipality = "kita-bretzenheim-2-kom", "Bretzenheim"
				x.note = "Anhang 5 nennt „Kom. Kitas Bretzenheim I+II“ in einem Eintrag; als zwei Kitas erfasst (I und II)."
			}),
			k("Ev. Kita Guldental"), k("Kath. Kita Guldental"), k("Kom. Kita Windesheim"), k("Kom. Kita Rümmelsheim"),
			k("Ev. Kita Langenlonsheim"),
		},
		note:       "Seed 003 §1: „Langenlonsheim (kommunale Kitas)“, Anhang 5: „Langenlonsheim (kom. Kitas)“ – das Familienzentrum bilden die kommunalen Kitas in Langenlonsheim; das Modell führt es als ein Zentrum.",
		summerFrom: day(2024, 7, 29), ebDay: time.Monday, ksaHours: []int{390}, ksaLineSup: "traeger", release: 20, skipPlanningH2: true,
		leitungQualification: "erzieherin"},
	{id: "fz-stromberg", name: "Familienzentrum Stromberg (städt. Kita)", annexName: "Stromberg (städt. Kita)",
		vg: "VG Langenlonsheim-Stromberg", municipality: "Stromberg", provider: "stadt-stromberg",
		kitas: []bkKita{
			{id: "kita-stromberg-krippe", name: "Krippe Stromberg", municipality: "Stromberg",
				note: "Anhang 5 schreibt „Krippe Stromberg“ ohne Trägerpräfix; die Trägerart ist darum nicht angegeben. Ob es die Krippe der städtischen Kita ist, die das Familienzentrum bildet, sagt die Quelle nicht."},
			k("Kath. Kita Seibersbach"), k("Kath. Kita Dörrebach"), k("Kath. Kita Daxweiler"),
			k("Kom. Kita Schweppenhausen").with(func(x *bkKita) {
				x.note = "Die Textebene trennt den Namen über den Zeilenumbruch („Schweppenhau- sen“)."
			}),
			k("Kom. Kita Waldlaubersheim"),
		},
		summerFrom: day(2024, 7, 22), ebDay: time.Thursday, ksaHours: []int{295}, ksaLineSup: "leitung-familienzentrum", release: 20,
		leitungQualification: "sozialpaedagogik"},
	{id: "fz-bad-sobernheim", name: "Familienzentrum Bad Sobernheim, Kapellenstraße", annexName: "Bad Sobernheim, Kapellenstraße",
		vg: "VG Nahe-Glan", municipality: "Bad Sobernheim", address: "Kapellenstraße", provider: "traeger-fz-bad-sobernheim",
		kitas: []bkKita{
			k("Städt. Kita Bad Sobernheim").with(func(x *bkKita) {
				x.id = "kita-bad-sobernheim-staedt-1"
				x.note = "Anhang 5 führt „Städt. Kita Bad Sobernheim“ zweimal untereinander; als zwei Kitas erfasst; dies ist Eintrag 1."
			}),
			k("Städt. Kita Bad Sobernheim").with(func(x *bkKita) {
				x.id = "kita-bad-sobernheim-staedt-2"
				x.note = "Anhang 5 führt „Städt. Kita Bad Sobernheim“ zweimal untereinander; als zwei Kitas erfasst; dies ist Eintrag 2."
			}),
			k("Kom. Kita Bad Sobernheim"), k("Kom. Kita Meddersheim"), k("Kom. Kita Merxheim"), k("Kom. Kita Monzingen"),
			k("Kom. Kita Seesbach"),
			k("Kom. Kita Staudernheim").with(func(x *bkKita) {
				x.note = "Die Spaltenstruktur der Textebene ist hier verschoben (Eintrag ohne Einrückung); gelesen als Kita des Familienzentrums Bad Sobernheim (Anforderungskatalog, docs/anforderungen.md, BK-21)."
			}),
		},
		summerFrom: day(2024, 8, 5), ebDay: time.Tuesday, ksaHours: []int{390}, ksaLineSup: "leitung-familienzentrum", release: 20,
		leitungQualification: "kindheitspaedagogik"},
	{id: "fz-meisenheim", name: "Familienzentrum Meisenheim", annexName: "Meisenheim", vg: "VG Nahe-Glan", municipality: "Meisenheim",
		provider: "traeger-fz-meisenheim",
		kitas: []bkKita{
			k("Kom. Kita Becherbach/Pfalz").with(func(x *bkKita) { x.id = "kita-becherbach-pfalz-kom" }),
			k("Kom. Kita Lauschied"),
			k("Kom. Kita Odernheim").with(func(x *bkKita) {
				x.note = "Die Spaltenstruktur der Textebene ist hier verschoben (Eintrag ohne Einrückung); der Eintrag steht zwischen Meisenheim und der VG Rüdesheim und ist als Kita des Familienzentrums Meisenheim gelesen."
			}),
		},
		summerFrom: day(2024, 7, 29), ebDay: time.Wednesday, ksaHours: []int{195}, ksaLineSup: "traeger", release: 15, sharedIsNeutral: true,
		leitungQualification: "erzieherin"},
	{id: "fz-hargesheim", name: "Familienzentrum Hargesheim", annexName: "Hargesheim", vg: "VG Rüdesheim", municipality: "Hargesheim",
		provider: "traeger-fz-hargesheim",
		kitas: []bkKita{
			k("Kom. Kita Braunweiler"), k("Kom. Kita Gutenberg"), k("Kom. Kita Mandel"), k("Kom. Kita Roxheim"),
			k("Kom. Kita Rüdesheim"), k("Kath. Kita Spabrücken"), k("Kath. Kita Wallhausen"), k("Kom. Kita Winterbach"),
		},
		note:       "Seit 01.06.2023 unterstützt durch das zweite Familienzentrum der VG Rüdesheim in Hüffelsheim (Seed 003 §1).",
		summerFrom: day(2024, 7, 15), ebDay: time.Thursday, ksaHours: []int{390}, ksaLineSup: "leitung-familienzentrum", release: 20,
		absentAustauschH2: true, leitungQualification: "sozialpaedagogik"},
	{id: "fz-hueffelsheim", name: "Familienzentrum Hüffelsheim", annexName: "Hüffelsheim", vg: "VG Rüdesheim", municipality: "Hüffelsheim",
		provider: "traeger-fz-hueffelsheim", since: dp(2023, 6, 1),
		kitas: []bkKita{
			k("Kom. Kita Bockenau"), k("Kath. Kita Norheim"),
			k("Kom. Kita Oberhausen/Nahe").with(func(x *bkKita) { x.id = "kita-oberhausen-nahe-kom" }),
			k("Kom. Kita Sponheim"), k("Ev. Kita Waldböckelheim"), k("Kath. Kita Waldböckelheim"), k("Kom. Kita Weinsheim"),
			k("Waldorfkita Traisen").with(func(x *bkKita) {
				x.note = "Die Spaltenstruktur der Textebene ist hier verschoben (Eintrag ohne Einrückung am Tabellenende); gelesen als Kita des Familienzentrums Hüffelsheim (Anforderungskatalog, docs/anforderungen.md, BK-21)."
			}),
		},
		note: "Familienzentrum seit 01.06.2023; bis dahin digitale Zweigstelle (Seed 003 §1: das Familienzentrum Hargesheim wird „seit dem 01.06.2023 durch ein zweites Familienzentrum in Hüffelsheim, das bis dahin als digitale Zweigestelle diente, unterstützt“). " +
			"Die Kita in Hüffelsheim war bis 2020 Konsultationskita und bringt ihre Erfahrung mit digitalen Angeboten ein.",
		summerFrom: day(2024, 8, 5), ebDay: time.Monday, ksaHours: []int{295}, ksaLineSup: "traeger", release: 20, digital: true,
		leitungQualification: "kindheitspaedagogik"},
}

var bkProviders = []M{
	{{"id", "traeger-fz-fuerfeld"}, {"name", "Träger der Kita Fürfeld (in Seed 003 nicht genannt)"},
		{"note", "Platzhalter: Seed 003 §4.1 sagt nur, dass der Träger des Familienzentrums der Träger der ausgewählten Kita ist, nennt ihn aber nicht."}},
	{{"id", "traeger-fz-kirn"}, {"name", "Träger der Kita Kirn, Kirner Straße (in Seed 003 nicht genannt)"},
		{"note", "Platzhalter: Seed 003 nennt den Träger nicht."}},
	{{"id", "kommunaler-traeger-langenlonsheim"}, {"name", "Kommunaler Träger der Kitas in Langenlonsheim (in Seed 003 nicht namentlich genannt)"}, {"kind", "kommune"},
		{"note", "Seed 003 §1: „Langenlonsheim (kommunale Kitas)“, Anhang 5: „Langenlonsheim (kom. Kitas)“; welche Kommune Träger ist, steht dort nicht."}},
	{{"id", "stadt-stromberg"}, {"name", "Stadt Stromberg"}, {"kind", "kommune"},
		{"note", "Seed 003 §1: „Stromberg (städtische Kita)“, Anhang 5: „Stromberg (städt. Kita)“; Träger einer städtischen Kita ist die Stadt (Schluss aus der Quelle, nicht wörtlich genannt)."}},
	{{"id", "traeger-fz-bad-sobernheim"}, {"name", "Träger der Kita Bad Sobernheim, Kapellenstraße (in Seed 003 nicht genannt)"},
		{"note", "Platzhalter: Seed 003 nennt den Träger nicht."}},
	{{"id", "traeger-fz-meisenheim"}, {"name", "Träger der Kita Meisenheim (in Seed 003 nicht genannt)"},
		{"note", "Platzhalter: Seed 003 nennt den Träger nicht."}},
	{{"id", "traeger-fz-hargesheim"}, {"name", "Träger der Kita Hargesheim (in Seed 003 nicht genannt)"},
		{"note", "Platzhalter: Seed 003 nennt den Träger nicht."}},
	{{"id", "traeger-fz-hueffelsheim"}, {"name", "Träger der Kita Hüffelsheim (in Seed 003 nicht genannt)"},
		{"note", "Platzhalter: Seed 003 nennt den Träger nicht."}},
}

const koordinierungsstelle = "Kreisverwaltung Bad Kreuznach, Kreisjugendamt, Koordinierungsstelle Sozialraumbudget und Familienzentren"

func badKreuznach(files map[string]*doc) {
	prog := newDoc(`Landkreis Bad Kreuznach, Familienzentren zur Umsetzung des Sozialraumbudgets: the programme
with its provider registry and the programme-wide exchange meetings with the Kreisjugendamt.
Real: authority, the eight Familienzentren (seed 003 §1, annex 5). The providers are placeholders
where seed 003 names none (see their notes). Illustrative: the 2024 meetings and reports.`)
	c := &cal{holidays: holidays("DE-RP")}
	var ms []meeting
	for i, t := range []time.Time{day(2024, 3, 13), day(2024, 9, 18)} {
		var ps []participant
		for _, ce := range bkCentres {
			if i == 1 && ce.absentAustauschH2 {
				continue // deliberate shortfall BK-06
			}
			ps = append(ps, participant{role: "leitung-familienzentrum", centre: ce.id})
		}
		ps = append(ps,
			participant{role: "koordinierungsstelle-sozialraumbudget", organisation: koordinierungsstelle},
			participant{role: "jugendamt", organisation: "Kreisverwaltung Bad Kreuznach, Kreisjugendamt, Referat 50"})
		m := meeting{id: fmt.Sprintf("austauschtreffen-jugendamt-2024-h%d", i+1), kind: "austauschtreffen-jugendamt", date: c.openOnOrAfter(t),
			participants: ps, minutes: true, place: "Kreisverwaltung Bad Kreuznach",
			topic: []string{"Umsetzung der Einzelkonzeption Januar 2024", "Jahresbericht Sozialraumbudget, Planung 2025"}[i]}
		ms = append(ms, m)
	}
	prog.top("programmes", L{M{
		{"id", bkProgramme},
		{"name", "Familienzentren zur Umsetzung des Sozialraumbudgets im Landkreis Bad Kreuznach"},
		{"authority", "Kreisverwaltung Bad Kreuznach, Kreisjugendamt"},
		{"legalBasis", strs("§ 16 SGB VIII")},
		{"land", raw("DE-RP")},
		{"fullTimeHours", N("39")},
		{"providers", L{bkProviders[0], bkProviders[1], bkProviders[2], bkProviders[3], bkProviders[4], bkProviders[5], bkProviders[6], bkProviders[7]}},
		{"#", "Austauschtreffen der Familienzentren mit dem Jugendamt, halbjährlich (Seed 003 §2.3, §4.3); 2024 illustrativ"},
		{"meetings", meetingList(ms)},
		{"evidence", bkPublished(evidenceList([]evidence{
			{id: "jahresbericht-sozialraumbudget-2023", kind: "jahresbericht-sozialraumbudget", date: day(2024, 6, 28), year: 2023,
				by: "koordinierungsstelle-sozialraumbudget", note: "Aus den Jahresberichten der Kita-Sozialarbeit und der Elternberatung zusammengeführt und in den Sozialraum veröffentlicht (Seed 003 §4.4)."},
			{id: "jahresbericht-sozialraumbudget-2024", kind: "jahresbericht-sozialraumbudget", date: day(2025, 6, 27), year: 2024,
				by: "koordinierungsstelle-sozialraumbudget", note: "Aus den Jahresberichten der Kita-Sozialarbeit und der Elternberatung zusammengeführt und in den Sozialraum veröffentlicht (Seed 003 §4.4)."},
		}), map[string]time.Time{
			// Illustrative publication dates (BK-20: "Der Jahresbericht wird in den Sozialraum hinein veröffentlicht").
			"jahresbericht-sozialraumbudget-2023": day(2024, 7, 15),
			"jahresbericht-sozialraumbudget-2024": day(2025, 7, 14),
		})},
		{"note", "Quelle: Einzelkonzeption Familienzentren zur Umsetzung des Sozialraumbudgets, Kreisjugendamt, Januar 2024 (Seed 003). Registry real, Aktivitäten 2024 illustrativ."},
	}})
	files["bad-kreuznach/programme.yaml"] = prog
	total := 0
	for _, ce := range bkCentres {
		files["bad-kreuznach/"+ce.id+".yaml"] = bkCentreDoc(ce)
		total += len(ce.kitas)
	}
	if total != 62 {
		problemf("Bad Kreuznach: %d catchment Kitas, want 62 (61 annex entries, Bretzenheim I+II counted as two)", total)
	}
}

func bkCentreDoc(ce bkCentre) *doc {
	r := rng(ce.id)
	d := newDoc(fmt.Sprintf(`%s (Landkreis Bad Kreuznach). Real: the centre, its Verbandsgemeinde and its
catchment of %d Kitas as annex 5 of seed 003 lists them ("%s"). Illustrative: provider name (unless
the note says otherwise), staff, rooms, offers, sessions, meetings, evidence and budget of 2024.`, ce.name, len(ce.kitas), ce.annexName))
	closures := []closure{
		{ce.summerFrom, addDays(ce.summerFrom, 20), "Schließzeit der Kita (Sommer, in den rheinland-pfälzischen Sommerferien)"},
		{day(2024, 12, 23), day(2025, 1, 3), "Schließzeit der Kita (Weihnachten)"},
	}
	c := &cal{holidays: holidays("DE-RP"), closures: closures}
	kitaIDs := make([]string, len(ce.kitas))
	for i, kt := range ce.kitas {
		kitaIDs[i] = kt.id
	}
	start := day(2023, 1, 1)
	if ce.since != nil {
		start = *ce.since
	}

	// Catchment with the two records BK-10 asks of each Kita.
	var catchment L
	for i, kt := range ce.kitas {
		konz := addDays(maxDate(day(2023, 8, 1), start), 3*i)
		vertrag := addDays(maxDate(day(2023, 9, 1), addDays(start, 92)), 2*i)
		m := M{{"id", kt.id}, {"name", kt.name}, {"municipality", kt.municipality}, {"providerKind", kt.providerKind},
			{"profileInKonzeption", konz}, {"profileInContract", vertrag}, {"note", kt.note}}
		catchment = append(catchment, m)
	}

	rooms := []room{
		{id: "gemeinsamer-raum", name: "Gemeinsamer Raum des Familienzentrums", kinds: []string{"gemeinsamer-raum", "gruppenraum", "cafe"}, owner: "provider", available: true},
		{id: "beratungsraum-ksa", name: "Beratungsraum der Kita-Sozialarbeit", kinds: []string{"beratungsraum", "buero"}, owner: "provider", available: true},
	}
	neutral := "neutraler-raum"
	if ce.sharedIsNeutral {
		rooms[0].kinds = append(rooms[0].kinds, "neutraler-raum")
		neutral = "gemeinsamer-raum"
	} else {
		rooms = append(rooms, room{id: "neutraler-raum", name: "Neutraler Besprechungsraum für die Elternberatung", kinds: []string{"neutraler-raum", "beratungsraum"}, owner: "provider", available: true})
	}

	partners := []partner{
		{id: "kreisjugendamt", name: "Kreisverwaltung Bad Kreuznach, Kreisjugendamt", kind: "jugendamt"},
		{id: "kita-fachberatung", name: "Kreisjugendamt Bad Kreuznach, Kommunale Kita-Fachberatung", kind: "kita-fachberatung"},
		{id: "grundschule", name: "Grundschule in " + ce.municipality + " (illustrativ)", kind: "grundschule"},
		{id: "familienbildung", name: "Familienbildungsstätte im Landkreis (illustrativ)", kind: "familienbildungsstaette"},
	}

	// Staff.
	leitungFrom := start
	staff := []position{{id: "lfz-1", role: "leitung-familienzentrum", hours: 390, release: ce.release, from: &leitungFrom, employer: ce.provider,
		qualification: ce.leitungQualification, lineSup: "traeger", techSup: "kreisjugendamt", funding: "sozialraumbudget"}}
	if ce.releaseChange != nil {
		staff[0].history = []positionChange{*ce.releaseChange}
	}
	ksaIDs := []string{}
	for i, h := range ce.ksaHours {
		id := fmt.Sprintf("ksa-%d", i+1)
		ksaIDs = append(ksaIDs, id)
		var kitas []string
		for j, kid := range kitaIDs {
			if j%len(ce.ksaHours) == i {
				kitas = append(kitas, kid)
			}
		}
		from := start.AddDate(0, i+1, 0)
		staff = append(staff, position{id: id, role: "kita-sozialarbeit", hours: h, from: &from, employer: ce.provider, qualification: "sozialarbeit",
			lineSup: ce.ksaLineSup, techSup: "koordinierungsstelle-sozialraumbudget", funding: "sozialraumbudget", kitas: kitas})
	}
	ebFrom := start.AddDate(0, 2, 0)
	staff = append(staff, position{id: "eb-1", role: "elternberatung", hours: 195, from: &ebFrom, employer: ce.provider, qualification: "psychologie",
		lineSup: "traeger", techSup: "koordinierungsstelle-sozialraumbudget", funding: "sozialraumbudget", kitas: kitaIDs})

	// Offers.
	aud := []string{"kita", "sozialraum"}
	srb := "sozialraumbudget"
	offers := []offer{
		{id: "offene-sprechstunde-elternberatung", title: "Offene Sprechstunde der Elternberatung", kind: "offene-sprechstunde", topics: []string{"beratung", "erziehung"},
			format: "in-person", room: neutral, funding: srb, audience: aud, rrule: "FREQ=WEEKLY;BYDAY=" + rruleDay(ce.ebDay)},
		{id: "beratung-kita-sozialarbeit", title: "Beratung der Kita-Sozialarbeit in den Kitas des Einzugsbereichs", kind: "beratung", topics: []string{"beratung", "praevention"},
			format: "in-person", venueName: "Räume der jeweiligen Kita im Einzugsbereich", funding: srb, audience: []string{"kita"}},
		{id: "elterncafe-kitauebergreifend", title: "Kitaübergreifendes Elterncafé im gemeinsamen Raum", kind: "elterncafe", topics: []string{"begegnung"},
			childcare: true, format: "in-person", room: "gemeinsamer-raum", funding: srb, audience: aud, rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"},
		{id: "eltern-kind-gruppe", title: "Eltern-Kind-Gruppe für Familien mit Kindern unter drei Jahren", kind: "eltern-kind-gruppe", topics: []string{"begegnung", "erziehung"},
			format: "in-person", room: "gemeinsamer-raum", funding: srb, audience: aud, rrule: "FREQ=WEEKLY;BYDAY=MO"},
		{id: "themenelternabende", title: "Themenelternabende für den Einzugsbereich", kind: "elternbildung", topics: []string{"erziehung", "aktivierung"},
			format: "hybrid", room: "gemeinsamer-raum", funding: srb, audience: aud},
		{id: "digitaler-elternabend", title: "Digitaler Elternabend", kind: "information", topics: []string{"aktivierung"},
			format: "digital", venueName: "Online (Videokonferenz)", funding: srb, audience: aud},
	}
	if ce.digital {
		offers = append(offers, offer{id: "digitale-sprechstunde-elternberatung", title: "Digitale Sprechstunde der Elternberatung (Video)", kind: "offene-sprechstunde",
			topics: []string{"beratung"}, format: "digital", venueName: "Online (Videosprechstunde)", funding: srb, audience: aud, rrule: "FREQ=WEEKLY;BYDAY=TH"})
	}

	// Sessions.
	var ss []session
	sessStart := maxDate(periodStart, start)
	for _, t := range c.weekly(sessStart, periodEnd, ce.ebDay, 1) {
		ss = append(ss, session{offer: "offene-sprechstunde-elternberatung", date: t, hours: 20, families: between(r, 1, 4)})
	}
	if ce.digital {
		for _, t := range c.weekly(sessStart, periodEnd, time.Thursday, 1) {
			ss = append(ss, session{offer: "digitale-sprechstunde-elternberatung", date: t, hours: 15, families: between(r, 1, 3)})
		}
	}
	// Kita-Sozialarbeit: two visits a week per position, rotating through
	// its Kitas.
	for i := range ce.ksaHours {
		var mine []string
		for j, kid := range kitaIDs {
			if j%len(ce.ksaHours) == i {
				mine = append(mine, kid)
			}
		}
		n := 0
		for _, wd := range []time.Weekday{time.Tuesday, time.Thursday} {
			for _, t := range c.weekly(sessStart, periodEnd, wd, 1) {
				ss = append(ss, session{offer: "beratung-kita-sozialarbeit", date: t, hours: 30, families: between(r, 1, 5), kita: mine[n%len(mine)]})
				n++
			}
		}
	}
	for _, t := range c.weekly(sessStart, periodEnd, time.Friday, 2) {
		ss = append(ss, session{offer: "elterncafe-kitauebergreifend", date: t, adults: between(r, 5, 14), children: between(r, 3, 12)})
	}
	for _, t := range c.weekly(sessStart, periodEnd, time.Monday, 1) {
		ss = append(ss, session{offer: "eltern-kind-gruppe", date: t, adults: between(r, 4, 9), children: between(r, 4, 10)})
	}
	abende := []struct {
		t     time.Time
		theme string
	}{
		{day(2024, 2, 20), "Kinder stärken – Resilienz"}, {day(2024, 4, 16), "Sprachentwicklung begleiten"},
		{day(2024, 6, 11), "Medien im Familienalltag"}, {day(2024, 9, 24), "Übergang in die Grundschule"}, {day(2024, 11, 19), "Geschwister"},
	}
	for _, a := range abende {
		ss = append(ss, session{offer: "themenelternabende", date: c.openOnOrAfter(a.t), themed: true, theme: a.theme, adults: between(r, 12, 35)})
	}
	for _, t := range []time.Time{day(2024, 3, 6), day(2024, 10, 9), day(2024, 12, 4)} {
		ss = append(ss, session{offer: "digitaler-elternabend", date: c.openOnOrAfter(t), adults: between(r, 8, 25)})
	}

	// Meetings.
	team := func() []participant {
		ps := []participant{{role: "leitung-familienzentrum", centre: ce.id}}
		for range ksaIDs {
			ps = append(ps, participant{role: "kita-sozialarbeit", centre: ce.id})
		}
		return append(ps, participant{role: "elternberatung", centre: ce.id})
	}
	withKitas := func(ps []participant) []participant {
		for _, kid := range kitaIDs {
			ps = append(ps, participant{role: "kita-leitung", kita: kid})
		}
		return ps
	}
	gem := "Gemeinsamer Raum (" + ce.name + ")"
	var ms []meeting
	plan := []time.Time{day(2024, 2, 6), day(2024, 9, 10)}
	for i, t := range plan {
		if i == 1 && ce.skipPlanningH2 {
			continue // deliberate shortfall BK-07
		}
		ms = append(ms, meeting{id: fmt.Sprintf("planungstreffen-team-2024-h%d", i+1), kind: "planungstreffen-team", date: c.openOnOrAfter(t),
			participants: team(), minutes: true, agreements: true, place: gem, topic: []string{"Angebotsplanung erstes Halbjahr", "Angebotsplanung zweites Halbjahr und Jahresbericht"}[i]})
	}
	for i, t := range []time.Time{day(2024, 3, 19), day(2024, 10, 15)} {
		ps := withKitas(team())
		ps = append(ps, participant{role: "koordinierungsstelle-sozialraumbudget", organisation: koordinierungsstelle})
		ms = append(ms, meeting{id: fmt.Sprintf("sozialraumtreffen-2024-h%d", i+1), kind: "sozialraumtreffen", date: c.openOnOrAfter(t),
			participants: ps, kitas: kitaIDs, minutes: true, agreements: true, place: gem,
			topic: []string{"Bedarfe im Einzugsbereich, Angebotsplanung", "Rückblick, Bedarfe 2025, Vereinbarungen"}[i]})
	}
	for i, t := range []time.Time{day(2024, 1, 16), day(2024, 4, 23), day(2024, 7, 9), day(2024, 10, 22)} {
		ps := []participant{{role: "leitung-familienzentrum", centre: ce.id}}
		for range ksaIDs {
			ps = append(ps, participant{role: "kita-sozialarbeit", centre: ce.id})
		}
		t = c.openOnOrAfter(t)
		ms = append(ms, meeting{id: fmt.Sprintf("feedback-kita-sozialarbeit-2024-q%d", i+1), kind: "feedback-kita-sozialarbeit", date: t,
			participants: ps, minutes: true, agreements: true, place: "Büro der Leitung Familienzentrum", topic: "Feedbackschleife mit dokumentierten Absprachen"})
	}
	for i, t := range []time.Time{day(2024, 1, 25), day(2024, 4, 25), day(2024, 6, 27), day(2024, 11, 21)} {
		ms = append(ms, meeting{id: fmt.Sprintf("kita-leitungen-austausch-2024-%d", i+1), kind: "kita-leitungen-austausch", date: c.openOnOrAfter(t),
			participants: withKitas(team()), kitas: kitaIDs, minutes: true, place: gem, topic: "Austausch mit allen Kita-Leitungen des Einzugsbereichs"})
	}
	for i, kid := range kitaIDs {
		t := c.openOnOrAfter(addDays(day(2024, 2, 1), i*250/len(kitaIDs)))
		ms = append(ms, meeting{id: "vorstellung-kita-sozialarbeit-2024-" + strings.TrimPrefix(kid, "kita-"), kind: "vorstellung-kita-sozialarbeit", date: t,
			participants: []participant{
				{role: "kita-sozialarbeit", centre: ce.id},
				{role: "leitung-familienzentrum", centre: ce.id},
				{role: "kita-leitung", kita: kid},
				{role: "elternvertretung", kita: kid, organisation: "Elternausschuss", count: between(r, 2, 5)},
			}, kitas: []string{kid}, minutes: true, place: ce.kitas[i].name, topic: "Die Kita-Sozialarbeit stellt sich vor (Team und Elternausschuss)"})
	}

	// Evidence.
	ev := []evidence{
		{id: "vereinbarung-8a", kind: "vereinbarung-8a", date: maxDate(day(2023, 3, 1), start), by: "traeger",
			note: "Vereinbartes Verfahren nach § 8a SGB VIII mit Hinzuziehung einer insoweit erfahrenen Fachkraft (Seed 003 §2.6)."},
		{id: "homepage-2024-01", kind: "homepage", date: day(2024, 1, 15), by: "leitung-familienzentrum",
			note: "Profil und Angebot des Familienzentrums mit dem multiprofessionellen Team auf der Homepage."},
		{id: "taetigkeitsnachweis-leitung-2024", kind: "taetigkeitsnachweis", date: day(2025, 1, 17), year: 2024, by: "leitung-familienzentrum",
			note: "Nachweis über die Nutzung der zusätzlichen Leitungsfreistellung für die Vernetzungsarbeit im Sozialraum (BK-05, manuelle Prüfung)."},
		{id: "homepage-2024-09", kind: "homepage", date: day(2024, 9, 2), by: "leitung-familienzentrum", note: "Aktualisierung für das zweite Halbjahr."},
	}
	for i, kid := range kitaIDs {
		for j, t := range []time.Time{day(2024, 2, 5), day(2024, 9, 2)} {
			ev = append(ev, evidence{id: fmt.Sprintf("aushang-2024-%d-%s", j+1, strings.TrimPrefix(kid, "kita-")), kind: "aushang",
				date: c.openOnOrAfter(addDays(t, i%5)), subject: kid, by: "leitung-familienzentrum", note: "Aushang zu Profil und Angebot des Familienzentrums und seinem Team."})
		}
	}
	years := []int{2023, 2024}
	for _, y := range years {
		for _, by := range []string{"kita-sozialarbeit", "elternberatung"} {
			ev = append(ev,
				evidence{id: fmt.Sprintf("verwendungsnachweis-%d-%s", y, by), kind: "verwendungsnachweis", date: day(y+1, 3, 14), year: y, by: by},
				evidence{id: fmt.Sprintf("jahresbericht-%d-%s", y, by), kind: "jahresbericht", date: day(y+1, 3, 28), year: y, by: by},
			)
		}
	}
	// Case exchanges: anonymous as a rule; one with the family's consent.
	var cases L
	for _, t := range []time.Time{day(2024, 2, 13), day(2024, 5, 14), day(2024, 10, 8)} {
		cases = append(cases, F{{"date", c.openOnOrAfter(t)}, {"anonymous", true}})
	}
	if r.IntN(3) > 0 || ce.id == "fz-fuerfeld" {
		ev = append(ev, evidence{id: "schweigepflichtsentbindung-2024-1", kind: "schweigepflichtsentbindung", date: day(2024, 6, 3), by: "elternberatung",
			reference: "SE-2024-01", note: "Einwilligung der Eltern zum Austausch mit der Kita-Sozialarbeit (Formular der Kreisverwaltung); keine Namen in diesen Daten."})
		cases = append(cases, F{{"date", day(2024, 6, 11)}, {"consent", "schweigepflichtsentbindung-2024-1"}})
	}

	relCost := int64(ce.release) * 52 * 385 // tenths of an hour × weeks × 38.50 €/h
	budget := []budgetLine{
		{2024, "sozialraumbudget-leitungsfreistellung", relCost / 10 * 10, relCost / 10 * 10,
			fmt.Sprintf("Zusätzliche Leitungsfreistellung %s Std./Woche", strings.Replace(string(hours(ce.release)), ".", ",", 1))},
		{2024, "sozialraumbudget-angebote", 650000, 650000 - int64(between(r, 0, 80000)), "Referent:innen, Material, Kinderbetreuung, Lizenz Videokonferenz"},
	}

	centre := M{
		{"id", ce.id},
		{"name", ce.name},
		{"programme", bkProgramme},
		{"kind", "family-centre"},
		{"provider", ce.provider},
	}
	if ce.since != nil {
		centre = append(centre, KV{"since", *ce.since})
	}
	loc := M{{"municipality", ce.municipality}, {"verbandsgemeinde", ce.vg}, {"county", "Landkreis Bad Kreuznach"}, {"address", ce.address}}
	note := ce.note
	if note != "" {
		note += " "
	}
	note += "Einzugsbereich wie Anhang 5 (Stand Januar 2024); die Kita des Familienzentrums selbst steht dort nicht in der Spalte der zugeordneten Kitas und ist darum nicht im Einzugsbereich aufgeführt."
	switch {
	case ce.release < 20:
		note += " Absichtliche Lücke (BK-04): Leitungsfreistellung nur 1,5 statt 2 Std./Woche."
	case ce.skipPlanningH2:
		note += " Absichtliche Lücke (BK-07): im zweiten Halbjahr 2024 kein Planungstreffen mit dem Team."
	case ce.absentAustauschH2:
		note += " Absichtliche Lücke (BK-06): die Leitung fehlte beim Austauschtreffen mit dem Jugendamt am 18.09.2024."
	}
	centre = append(centre,
		KV{"location", loc},
		KV{"legalBasis", strs("§ 16 SGB VIII")},
		KV{"#", "Zugeordnete Kitas laut Anhang 5 von Seed 003, Namen wie dort geschrieben; Daten der Konzeptions- und Vertragsaufnahme illustrativ"},
		KV{"catchment", catchment},
		KV{"rooms", listOf(rooms)},
		KV{"partners", listOf(partners)},
		KV{"#", "Personal mit pseudonymen Kennungen"},
		KV{"staff", listOf(staff)},
		KV{"offers", bkOfferRoles(offerList(offers, rooms))},
		KV{"#", "Termine 2024 mit aggregierten Teilnahmezahlen (keine Namen)"},
		KV{"sessions", sessionList(ss)},
		KV{"meetings", meetingList(ms)},
		KV{"evidence", evidenceList(ev)},
		KV{"budget", listOf(budget)},
		KV{"caseExchanges", cases},
		KV{"closures", listOf(closures)},
		KV{"note", note},
	)

	// Self-checks.
	if len(held(ss, "offene-sprechstunde-elternberatung")) < 40 {
		problemf("%s: too few open consultation hours", ce.id)
	}
	for _, kid := range kitaIDs {
		seen := false
		for _, s := range ss {
			if s.kita == kid {
				seen = true
			}
		}
		if !seen {
			problemf("%s: Kita-Sozialarbeit never in %s", ce.id, kid)
		}
	}
	d.top("centres", L{centre})
	return d
}

func maxDate(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// bkRoles names the staff role that runs an offer (Offer.role): the open
// consultation hours are the Elternberatung's (seed 003 §3.2), the
// counselling in the Kitas the Kita-Sozialarbeit's (§3.1).
var bkRoles = map[string]string{
	"offene-sprechstunde-elternberatung":   "elternberatung",
	"digitale-sprechstunde-elternberatung": "elternberatung",
	"beratung-kita-sozialarbeit":           "kita-sozialarbeit",
}

// bkOfferRoles writes the role of each offer that bkRoles names.
func bkOfferRoles(offers L) L {
	for i, o := range offers {
		m := o.(M)
		for _, kv := range m {
			if kv.K == "id" {
				if role, ok := bkRoles[kv.V.(string)]; ok {
					offers[i] = bkSet(m, "role", role)
				}
			}
		}
	}
	return offers
}

// bkPublished writes the date each listed evidence record was published
// (Evidence.published).
func bkPublished(evidence L, published map[string]time.Time) L {
	for i, e := range evidence {
		m := e.(M)
		for _, kv := range m {
			if t, ok := published[fmt.Sprint(kv.V)]; ok && kv.K == "id" {
				evidence[i] = bkSet(m, "published", t)
			}
		}
	}
	return evidence
}

// bkSet sets key k of m to v, in place when m has it, else at the end.
func bkSet(m M, k string, v any) M {
	for i := range m {
		if m[i].K == k {
			m[i].V = v
			return m
		}
	}
	return append(m, KV{k, v})
}
