package rules

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAuthorTypesComplete: every type an expression can reach has the
// authors' words in authorTypes, so that no message names a Go type.
func TestAuthorTypesComplete(t *testing.T) {
	for _, typ := range modelTypes() {
		for _, s := range []string{typ.String(), "*" + typ.String(), "[]*" + typ.String(), reflect.SliceOf(typ).String()} {
			if _, ok := typeWordsOf(s); !ok {
				t.Errorf("%s has no words for rule authors in authorTypes", s)
			}
		}
	}
	seen := map[string]bool{}
	for _, e := range authorTypes() {
		if seen[e.t.String()] {
			t.Errorf("%s is in authorTypes twice", e.t)
		}
		seen[e.t.String()] = true
	}
}

func TestAuthorWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"type Zentrum has no field nmae", "type Zentrum has no field nmae"},
		{"invalid operation: <= (mismatched types unknown and date.Date)", "invalid operation: <= (mismatched types beliebiger Wert and Datum)"},
		{"invalid operation: + (mismatched types decimal.Decimal and bool)", "invalid operation: + (mismatched types Dezimalzahl and Wahrheitswert)"},
		{"invalid operation: == (mismatched types time.Month and int)", "invalid operation: == (mismatched types Monat im Jahr (1–12) and Ganzzahl)"},
		{"invalid operation: == (mismatched types schedule.Unit and int)", "invalid operation: == (mismatched types Zeiteinheit and Ganzzahl)"},
		{"cannot use []*kiez.Session as argument (type []date.Date) to call cadence ", "cannot use Liste von Terminen as argument (type Liste von Datumsangaben) to call cadence "},
		{"cannot use float64 as argument (type int) to call repeat ", "cannot use Zahl as argument (type Ganzzahl) to call repeat "},
		{"type *date.Date has no field year", "type optionales Datum has no field year"},
		{"cannot use string as type int in map key", "cannot use Text as type Ganzzahl in map key"},
		{"invalid argument for len (type []interface {})", "invalid argument for len (type Liste von beliebigen Werten)"},
		{"type map[string][]string has no field x", "type Tabelle von Texten zu Listen von Texten has no field x"},
		{"type struct { P_releaseHours decimal.Decimal \"expr:\\\"releaseHours\\\"\" } has no field x", "type Parameter has no field x"},
		{"interface conversion: interface {} is rules.Period, not kiez.Centre", "interface conversion: beliebiger Wert is Zeitraum, not Zentrum"},
		// Words that are no types stay.
		{"unknown name sesionsOf", "unknown name sesionsOf"},
		{"invalid argument for int (type string)", "invalid argument for int (type Text)"},
		{"sortBy order argument must be a string (got bool)", "sortBy order argument must be a string (got Wahrheitswert)"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, authorWords(tt.in)); diff != "" {
			t.Errorf("authorWords(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestAuthorTypesNamedValues shows that every named type of a field that
// is no record (a month number, a calendar unit) has words for rule
// authors too: expr names it in its messages ("mismatched types
// time.Month and int").
func TestAuthorTypesNamedValues(t *testing.T) {
	for _, typ := range modelTypes() {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() || f.Tag.Get("expr") == "-" {
				continue
			}
			ft := f.Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct || ft.PkgPath() == "" {
				continue
			}
			if _, ok := typeWordsOf(ft.String()); !ok {
				t.Errorf("%s (field %s.%s) has no words for rule authors in authorTypes", ft, typ.Name(), f.Name)
			}
		}
	}
}
