package kiez_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
)

// The reading inputs: a minified JSON file (one line), a YAML file of one
// line with many aliases, and a minified JSON file with two problems in
// every session. Reading each must take time linear in its size; see
// BenchmarkReading and TestReadingBounded.
var readingKinds = []string{"minified-json", "one-line-yaml", "errors"}

// readingInput builds an input of the kind of at least size bytes.
func readingInput(kind string, size int) (string, []byte) {
	var b bytes.Buffer
	name := "big.json"
	yaml := kind == "one-line-yaml"
	if yaml {
		name = "big.yaml"
		b.WriteString(`{programmes: [{id: p, name: P, authority: A, land: DE-HE, providers: [{id: t, name: T}]}], centres: [`)
	} else {
		b.WriteString(`{"programmes":[{"id":"p","name":"P","authority":"A","land":"DE-HE","providers":[{"id":"t","name":"T"}]}],"centres":[`)
	}
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		switch {
		case yaml && i == 0:
			b.WriteString(`{id: c-0, name: Zentrum 0, programme: p, kind: family-centre, provider: t, offers: &o [{id: cafe, title: Elterncafé, kind: elterncafe}], ` +
				`staff: &s [{id: s-1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 2, from: 2023-01-01}], sessions: &ss [`)
			for j := 0; j < 20; j++ {
				if j > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{offer: cafe, date: 2024-01-%02d, attendance: {adults: %d, children: 3}}`, j+1, j)
			}
			b.WriteString(`]}`)
		case yaml:
			fmt.Fprintf(&b, `{id: c-%d, name: Zentrum %d, programme: p, kind: family-centre, provider: t, offers: *o, staff: *s, sessions: *ss}`, i, i)
		default:
			fmt.Fprintf(&b, `{"id":"c-%d","name":"Zentrum %d","programme":"p","kind":"family-centre","provider":"t","offers":[{"id":"cafe","title":"Elterncafé","kind":"elterncafe"}],`+
				`"staff":[{"id":"s-1","role":"leitung-familienzentrum","hoursPerWeek":39,"releaseHoursPerWeek":2,"from":"2023-01-01"}],"sessions":[`, i, i)
			for j := 0; j < 20; j++ {
				if j > 0 {
					b.WriteByte(',')
				}
				if kind == "errors" {
					fmt.Fprintf(&b, `{"offer":"cafe","date":"2024-13-%02d","hourz":1,"attendance":{"adults":%d}}`, j+1, j)
				} else {
					fmt.Fprintf(&b, `{"offer":"cafe","date":"2024-01-%02d","attendance":{"adults":%d,"children":3}}`, j+1, j)
				}
			}
			b.WriteString(`]}`)
		}
	}
	b.WriteString(`]}`)
	return name, b.Bytes()
}

// readAll loads, validates and prints the diagnostics of one file, as
// kiez validate does; it returns the number of diagnostics and the
// printed text.
func readAll(tb testing.TB, name string, data []byte, out io.Writer) int {
	ds, diags := kiez.Load(fstest.MapFS{name: {Data: data}}, name)
	diags = append(diags, ds.Validate()...)
	diags.Sort()
	if err := diag.WriteText(out, diags, ds.Source); err != nil {
		tb.Fatal(err)
	}
	return len(diags)
}

// withDeadline runs f and fails the test when it does not return within
// limit: a generous bound that only a super-linear cost exceeds (on main,
// the 1 MB minified JSON file took 18 s and the one-line YAML file with
// aliases did not finish in 2 minutes).
func withDeadline(t *testing.T, limit time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("not done after %v: reading is not linear", limit)
	}
}

// TestReadingBounded reads 1 MB of each kind (4 MB of minified JSON)
// within a deadline, and checks
// that the diagnostics of a file full of errors are capped and that no
// snippet prints the whole line.
func TestReadingBounded(t *testing.T) {
	for _, kind := range readingKinds {
		t.Run(kind, func(t *testing.T) {
			size := 1 << 20
			if kind == "minified-json" {
				// On main 1 MB took 18 s, so 4 MB, quadratic, took about
				// five minutes; linear, it takes about a second.
				size = 4 << 20
			}
			name, data := readingInput(kind, size)
			var out bytes.Buffer
			var n int
			withDeadline(t, 60*time.Second, func() { n = readAll(t, name, data, &out) })
			lines := strings.Split(out.String(), "\n")
			for _, l := range lines {
				if len(l) > 1000 {
					t.Fatalf("a printed line has %d bytes; snippets must be cut to a window: %.200s…", len(l), l)
				}
			}
			if kind != "errors" {
				if n != 0 {
					t.Errorf("%d diagnostics, want none; the first:\n%.2000s", n, out.String())
				}
				return
			}
			if n < 10000 {
				t.Errorf("%d diagnostics, want one or two per session", n)
			}
			// At most diag.MaxPerFile diagnostics of four lines
			// (message, snippet, caret, detail), then the count.
			if len(lines) > 4*diag.MaxPerFile+2 {
				t.Errorf("%d lines printed for %d diagnostics; want at most %d", len(lines), n, 4*diag.MaxPerFile+2)
			}
			want := fmt.Sprintf("%s: … and %d more problems in this file", name, n-diag.MaxPerFile)
			if !strings.Contains(out.String(), want) {
				t.Errorf("the output does not end with %q:\n%s", want, lines[len(lines)-2])
			}
		})
	}
}

// TestBadDataLongScalars: a number of a million digits, in every place a
// number or a date is read, is refused by its length without being parsed,
// and the diagnostic does not print it.
func TestBadDataLongScalars(t *testing.T) {
	digits := strings.Repeat("9", 1_000_000)
	for _, tt := range []struct{ name, value, want string }{
		{"hours.yaml", "hoursPerWeek: " + digits, "too large or too precise"},
		{"hours-quoted.yaml", `hoursPerWeek: "` + digits + `.5"`, "too large or too precise"},
		{"count.yaml", "hoursPerWeek: 1}]\n    sessions: [{offer: o, date: 2024-01-01, attendance: {adults: " + digits + "}}]\n    x: [{", "expected a whole number"},
		{"date.yaml", "from: 2024-01-01" + digits, "is not a date"},
		{"minus.json", "", "too large or too precise"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := "centres:\n  - id: c\n    name: C\n    programme: p\n    kind: family-centre\n    staff: [{id: s, role: r, " + tt.value + "}]\n"
			if strings.HasSuffix(tt.name, ".json") {
				data = `{"centres":[{"id":"c","name":"C","programme":"p","kind":"family-centre","staff":[{"id":"s","role":"r","hoursPerWeek":-` + digits + `}]}]}`
			}
			var out bytes.Buffer
			withDeadline(t, 30*time.Second, func() { readAll(t, tt.name, []byte(data), &out) })
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("no %q in:\n%.3000s", tt.want, out.String())
			}
			if out.Len() > 20000 {
				t.Errorf("%d bytes printed: the value is printed in full", out.Len())
			}
		})
	}
}

// BenchmarkReading reads 1 MB and 8 MB of each kind (load, validate, print
// the diagnostics). Reading is linear when the 8 MB case takes at most
// about 8 times (and never 10 times) as long as the 1 MB case:
//
//	go test ./kiez -run '^$' -bench Reading -benchtime 3x -benchmem
func BenchmarkReading(b *testing.B) {
	for _, kind := range readingKinds {
		for _, mb := range []int{1, 8} {
			name, data := readingInput(kind, mb<<20)
			b.Run(fmt.Sprintf("%s/%dMB", kind, mb), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					readAll(b, name, data, io.Discard)
				}
			})
		}
	}
}
