package schedule

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
)

func TestSupportedBounds(t *testing.T) {
	if got := date.NewOfDays(minDay); got != date.New(1, time.January, 1) {
		t.Errorf("minDay is %s, want 0001-01-01", got)
	}
	if got := date.NewOfDays(endDay); got != date.New(10000, time.January, 1) {
		t.Errorf("endDay is %s, want 10000-01-01", got)
	}
}

func TestEscapeText(t *testing.T) {
	tests := map[string]string{
		"Mütter, Väter; Großeltern": `Mütter\, Väter\; Großeltern`,
		`a\b`:                       `a\\b`,
		"eins\nzwei\r\ndrei\rvier":  `eins\nzwei\ndrei\nvier`,
		"tab\tbell\a\x00nul\x7f":    "tab\tbellnul",
		"bad \xff utf8":             "bad \uFFFD utf8",
		"":                          "",
	}
	for in, want := range tests {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []string
	}{
		{"short", "SUMMARY:Elterncafé", []string{"SUMMARY:Elterncafé"}},
		{"exactly 75", strings.Repeat("a", 75), []string{strings.Repeat("a", 75)}},
		{"76 ASCII", strings.Repeat("a", 76), []string{strings.Repeat("a", 75), " a"}},
		// "ä" is two octets: the first line may hold 37 of them (74 octets), as
		// the 38th would end at octet 76.
		{"umlauts", "X" + strings.Repeat("ä", 40), []string{"X" + strings.Repeat("ä", 37), " " + strings.Repeat("ä", 3)}},
		{"three-octet characters", strings.Repeat("€", 26), []string{strings.Repeat("€", 25), " €"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			fold(&buf, tt.line)
			got := strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fold (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzFold checks the folding and escaping invariants for any text: lines
// of at most 75 octets, whole UTF-8 characters, CRLF only, and unfolding
// gives back the content line.
func FuzzFold(f *testing.F) {
	f.Add("DESCRIPTION:", "Offenes Elterncafé für Mütter, Väter; Großeltern\nOrt: Süd\\2")
	f.Add("SUMMARY:", strings.Repeat("ä€𝄞", 40))
	f.Add("X:", "\xff\xfe\r\n\x00")
	f.Fuzz(func(t *testing.T, name, text string) {
		if !utf8.ValidString(name) || strings.ContainsAny(name, "\r\n") {
			return // property names are constants without line breaks
		}
		line := name + escapeText(text)
		var buf bytes.Buffer
		fold(&buf, line)
		out := buf.String()
		if !strings.HasSuffix(out, "\r\n") || strings.Count(out, "\n") != strings.Count(out, "\r\n") {
			t.Fatalf("bad line endings in %q", out)
		}
		physical := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, p := range physical {
			if len(p) > maxLine || !utf8.ValidString(p) {
				t.Fatalf("physical line %d = %q", i, p)
			}
		}
		if unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); unfolded != line {
			t.Fatalf("unfolded %q, want %q", unfolded, line)
		}
	})
}
