package rules

import (
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// typeWords name a type of the expression environment the way a rule
// author reads it: one value, and several after "Liste von" (dative
// plural).
type typeWords struct{ one, many string }

// authorTypes is the one table of the names rule authors read for the
// types of the expression environment, instead of Go's names: every
// diagnostic and message that names a type takes its words from here (see
// authorWords). TestAuthorTypesComplete checks that every type an
// expression can reach has an entry; the reference shows the German name
// beside the model's.
func authorTypes() []struct {
	t reflect.Type
	w typeWords
} {
	type entry = struct {
		t reflect.Type
		w typeWords
	}
	e := func(v any, one, many string) entry { return entry{reflect.TypeOf(v), typeWords{one, many}} }
	return []entry{
		e(date.Date{}, "Datum", "Datumsangaben"),
		e(decimal.Decimal{}, "Dezimalzahl", "Dezimalzahlen"),
		e(period.Period{}, "Dauer", "Dauern"),
		e(timespan.DateRange{}, "Datumsbereich", "Datumsbereichen"),
		e(Period{}, "Zeitraum", "Zeiträumen"),
		e(kiez.Programme{}, "Förderprogramm", "Förderprogrammen"),
		e(kiez.Provider{}, "Träger", "Trägern"),
		e(kiez.Meeting{}, "Besprechung", "Besprechungen"),
		e(kiez.Participant{}, "Teilnehmende", "Teilnehmenden"),
		e(kiez.Committee{}, "Gremium", "Gremien"),
		e(kiez.Evidence{}, "Nachweis", "Nachweisen"),
		e(kiez.Closure{}, "Schließzeit", "Schließzeiten"),
		e(kiez.Centre{}, "Zentrum", "Zentren"),
		e(kiez.Location{}, "Standort", "Standorten"),
		e(kiez.Phase{}, "Entwicklungsphase", "Entwicklungsphasen"),
		e(kiez.Licence{}, "Betriebserlaubnis", "Betriebserlaubnissen"),
		e(kiez.PlanListing{}, "Aufnahme in die Jugendhilfeplanung", "Aufnahmen in die Jugendhilfeplanung"),
		e(kiez.Consultation{}, "Profil als Konsultationseinrichtung", "Profilen als Konsultationseinrichtung"),
		e(kiez.Room{}, "Raum", "Räumen"),
		e(kiez.Kita{}, "Kita", "Kitas"),
		e(kiez.Partner{}, "Netzwerkpartner", "Netzwerkpartnern"),
		e(kiez.Agreement{}, "Kooperationsvereinbarung", "Kooperationsvereinbarungen"),
		e(kiez.Position{}, "Stelle", "Stellen"),
		e(kiez.PositionChange{}, "Stellenänderung", "Stellenänderungen"),
		e(kiez.Offer{}, "Angebot", "Angeboten"),
		e(kiez.Venue{}, "Veranstaltungsort", "Veranstaltungsorten"),
		e(kiez.Session{}, "Termin", "Terminen"),
		e(kiez.Attendance{}, "Teilnahmezahl", "Teilnahmezahlen"),
		e(kiez.FacilitationHours{}, "Prozessbegleitung eines Monats", "Monaten der Prozessbegleitung"),
		e(kiez.Month{}, "Monat", "Monaten"),
		e(kiez.ChangeEvent{}, "Änderung", "Änderungen"),
		e(kiez.BudgetLine{}, "Haushaltsposten", "Haushaltsposten"),
		e(kiez.Target{}, "Ziel der Zielvereinbarung", "Zielen der Zielvereinbarung"),
		e(kiez.ImpactGoal{}, "Wirkungsziel", "Wirkungszielen"),
		e(kiez.Indicator{}, "Indikator", "Indikatoren"),
		e(kiez.Channel{}, "digitaler Kanal", "digitalen Kanälen"),
		e(kiez.CaseExchange{}, "Fallaustausch", "Fallaustauschen"),
		e(Cadence{}, "Ergebnis einer Rhythmusprüfung", "Ergebnissen von Rhythmusprüfungen"),
		e(GapCheck{}, "Ergebnis einer Lückenprüfung", "Ergebnissen von Lückenprüfungen"),
		e(HoursCheck{}, "Ergebnis einer Stundenprüfung", "Ergebnissen von Stundenprüfungen"),
		e(Stretch{}, "Abschnitt oder Zeitraum einer Rhythmusprüfung", "Abschnitten oder Zeiträumen von Rhythmusprüfungen"),
		e(HoursShort{}, "Abschnitt mit zu wenig Stunden", "Abschnitten mit zu wenig Stunden"),
		e(DayCoverage{}, "Tagesabdeckung", "Tagesabdeckungen"),
		e(Span{}, "Zeitspanne", "Zeitspannen"),
		e(ClosedDays{}, "Kalender", "Kalendern"),
		e(schedule.CountResult{}, "Zählergebnis", "Zählergebnissen"),
		e(schedule.Target{}, "Soll", "Sollwerten"),
		e(schedule.BucketCount{}, "Zählung eines Abschnitts", "Zählungen von Abschnitten"),
		e(schedule.WindowResult{}, "Ergebnis eines Zeitfensters", "Ergebnissen von Zeitfenstern"),
		e(schedule.Gap{}, "Lücke", "Lücken"),
		e(schedule.GapResult{}, "Lückenergebnis", "Lückenergebnissen"),
		e(schedule.SumResult{}, "Summenergebnis", "Summenergebnissen"),
		e(schedule.BucketSum{}, "Summe eines Abschnitts", "Summen von Abschnitten"),
		e(schedule.Quantity{}, "datierte Menge", "datierten Mengen"),
		e(schedule.Bucket{}, "Abschnitt", "Abschnitten"),
		e(time.January, "Monat im Jahr (1–12)", "Monaten im Jahr"),
		e(schedule.Unit(0), "Zeiteinheit", "Zeiteinheiten"),
	}
}

// basicWords names Go's basic types and expr's "unknown".
var basicWords = map[string]typeWords{
	"int":          {"Ganzzahl", "Ganzzahlen"},
	"int64":        {"Ganzzahl", "Ganzzahlen"},
	"float64":      {"Zahl", "Zahlen"},
	"string":       {"Text", "Texten"},
	"bool":         {"Wahrheitswert", "Wahrheitswerten"},
	"uint8":        {"Byte", "Bytes"},
	"interface {}": {"beliebiger Wert", "beliebigen Werten"},
	"unknown":      {"beliebiger Wert", "beliebigen Werten"},
}

// typeWordsOf names a Go type written as reflect.Type.String() or as
// expr's checker writes it: pointers are invisible to authors (an optional
// date is "optionales Datum"), slices are lists, maps are tables from
// texts, the params are "Parameter". ok is false for a text that is no
// type this table knows.
func typeWordsOf(s string) (w typeWords, ok bool) {
	switch {
	case s == "*date.Date":
		return typeWords{"optionales Datum", "optionalen Datumsangaben"}, true
	case strings.HasPrefix(s, "*"):
		return typeWordsOf(s[1:])
	case strings.HasPrefix(s, "[]"):
		if e, ok := typeWordsOf(s[2:]); ok {
			return typeWords{"Liste von " + e.many, "Listen von " + e.many}, true
		}
		return typeWords{}, false
	case strings.HasPrefix(s, "map["):
		k, v, found := strings.Cut(s[len("map["):], "]")
		kw, kok := typeWordsOf(k)
		vw, vok := typeWordsOf(v)
		if !found || !kok || !vok {
			return typeWords{}, false
		}
		return typeWords{"Tabelle von " + kw.many + " zu " + vw.many, "Tabellen von " + kw.many + " zu " + vw.many}, true
	case strings.HasPrefix(s, "struct {"):
		return typeWords{"Parameter", "Parametern"}, true // the params: the only struct without a name
	}
	if w, ok := basicWords[s]; ok {
		return w, true
	}
	for _, e := range authorTypes() {
		if e.t.String() == s {
			return e.w, true
		}
	}
	return typeWords{}, false
}

// goType matches a Go type as Go and expr write it in a message: a
// qualified name (kiez.Centre), an anonymous struct (the params) or
// interface, or any of these or a basic type after pointers, slices and
// maps ([]string).
var goType = regexp.MustCompile(`(?:\*|\[\]|map\[[^\]]+\])+(?:[a-z][a-z0-9]*\.[A-Z][A-Za-z0-9_]*|struct \{[^{}]*\}|interface \{\}|(?:int64|int|float64|string|bool|uint8)\b)|` +
	`(?:[a-z][a-z0-9]*\.[A-Z][A-Za-z0-9_]*|struct \{[^{}]*\}|interface \{\})`)

// basicType matches a basic type where expr's messages name a type: after
// "type", "types", "got", "use", "and", "from" and in "(type …)".
var basicType = regexp.MustCompile(`\b(type|types|got|use|and|from|of) ((?:\*|\[\])*(?:int64|int|float64|string|bool|unknown))\b`)

// authorWords puts the authors' names of types in place of Go's in a
// message of expr or of the library: "type kiez.Centre has no field nmae"
// becomes "type Zentrum has no field nmae", "mismatched types unknown and
// date.Date" becomes "mismatched types beliebiger Wert and Datum". A type
// the table does not know keeps its name; TestAuthorTypesComplete keeps
// the table complete.
func authorWords(msg string) string {
	msg = goType.ReplaceAllStringFunc(msg, func(s string) string {
		if w, ok := typeWordsOf(s); ok {
			return w.one
		}
		return s
	})
	return basicType.ReplaceAllStringFunc(msg, func(s string) string {
		m := basicType.FindStringSubmatch(s)
		if w, ok := typeWordsOf(m[2]); ok {
			return m[1] + " " + w.one
		}
		return s
	})
}
