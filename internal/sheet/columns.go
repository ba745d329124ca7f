package sheet

import (
	"strings"
	"unicode"
)

// Column is one column a session sheet may have.
type Column struct {
	// Key is the stable kebab-case name of the column; a header cell may
	// hold it instead of the German header.
	Key string
	// Header is the German header written into exported sheets and
	// templates.
	Header string
	// Field is the data path of the value below a session, such as
	// "attendance.adults"; empty for the centre.
	Field string
	// Required columns must be present in every sheet.
	Required bool
	// Explanation says in German what a cell holds, for the template's
	// explanation sheet.
	Explanation string
	// Example is a cell value as a person types it.
	Example string
	// Width is the column's width in characters in written workbooks.
	Width float64
}

// The keys of the columns.
const (
	colCentre    = "zentrum"
	colDate      = "datum"
	colOffer     = "angebot"
	colKita      = "kita"
	colHours     = "stunden"
	colAdults    = "erwachsene"
	colChildren  = "kinder"
	colFamilies  = "familien"
	colThemed    = "themenschwerpunkt"
	colTheme     = "thema"
	colCancelled = "abgesagt"
)

// columnList returns the columns in the order they are written; a
// function, not a variable, so that no caller can change them.
func columnList() []Column {
	return []Column{
		{Key: colCentre, Header: "Zentrum", Width: 26,
			Explanation: "Kennung des Zentrums (z. B. kiez-biebrich). Darf fehlen, wenn die Tabelle nur ein Zentrum betrifft oder beim Import --centre angegeben wird.",
			Example:     "kiez-biebrich"},
		{Key: colDate, Header: "Datum", Field: "date", Required: true, Width: 12,
			Explanation: "Tag des Termins: TT.MM.JJJJ (auch T.M.JJJJ) oder JJJJ-MM-TT; in XLSX auch eine Datumszelle. Pflichtfeld.",
			Example:     "03.01.2024"},
		{Key: colOffer, Header: "Angebot", Field: "offer", Required: true, Width: 30,
			Explanation: "Kennung des Angebots, wie sie in den Daten des Zentrums steht (kleine Buchstaben, Ziffern, Bindestriche). Pflichtfeld.",
			Example:     "elterncafe"},
		{Key: colKita, Header: "Kita", Field: "kita", Width: 30,
			Explanation: "Kennung der Kita des Einzugsbereichs oder Verbunds, in der der Termin stattfand; leer, wenn keine.",
			Example:     "kita-am-park"},
		{Key: colHours, Header: "Stunden", Field: "hours", Width: 9,
			Explanation: "Dauer in Stunden für Angebote, die in Stunden zählen (Sprechstunden, Beratung); Dezimalkomma oder -punkt, höchstens 24.",
			Example:     "1,5"},
		{Key: colAdults, Header: "Erwachsene", Field: "attendance.adults", Width: 11,
			Explanation: "Zahl der teilnehmenden Erwachsenen (ganze Zahl, leer = 0). Keine Namen.",
			Example:     "8"},
		{Key: colChildren, Header: "Kinder", Field: "attendance.children", Width: 9,
			Explanation: "Zahl der teilnehmenden Kinder (ganze Zahl, leer = 0). Keine Namen.",
			Example:     "6"},
		{Key: colFamilies, Header: "Familien", Field: "attendance.families", Width: 9,
			Explanation: "Zahl der Familien, z. B. in Sprechstunden (ganze Zahl, leer = 0). Keine Namen.",
			Example:     "3"},
		{Key: colThemed, Header: "Themenschwerpunkt", Field: "themed", Width: 18,
			Explanation: "ja, wenn der Termin einen Themenschwerpunkt hatte; sonst nein oder leer.",
			Example:     "ja"},
		{Key: colTheme, Header: "Thema", Field: "theme", Width: 40,
			Explanation: "Titel des Themenschwerpunkts in einer Zeile (höchstens 200 Zeichen). Keine Namen, keine Notizen.",
			Example:     "Schlafen und Einschlafen"},
		{Key: colCancelled, Header: "Abgesagt", Field: "cancelled", Width: 10,
			Explanation: "ja, wenn der Termin ausgefallen ist; sonst nein oder leer.",
			Example:     "nein"},
	}
}

// Columns returns the columns of a session sheet in the order export
// writes them. The caller may modify the returned slice.
func Columns() []Column { return columnList() }

// columnByKey returns the column with the key.
func columnByKey(key string) (Column, bool) {
	for _, c := range columnList() {
		if c.Key == key {
			return c, true
		}
	}
	return Column{}, false
}

// columnByField returns the column of a session's data path suffix, such
// as "attendance.adults"; the zero Column when none.
func columnByField(field string) (Column, bool) {
	for _, c := range columnList() {
		if c.Field != "" && (field == c.Field || strings.HasPrefix(field, c.Field+".")) {
			return c, true
		}
	}
	return Column{}, false
}

// matchHeader finds the column a header cell names: its German header or
// its key, in any case, with surrounding and repeated spaces ignored and
// a trailing remark in parentheses dropped ("Themenschwerpunkt (ja/nein)").
func matchHeader(text string) (Column, bool) {
	norm := normalizeHeader(text)
	for _, c := range columnList() {
		if norm == c.Key || norm == normalizeHeader(c.Header) {
			return c, true
		}
	}
	return Column{}, false
}

func normalizeHeader(s string) string {
	if i := strings.Index(s, "("); i > 0 {
		s = s[:i]
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// headerNames lists the German headers, for suggestions and messages.
func headerNames() []string {
	cols := columnList()
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Header
	}
	return out
}
