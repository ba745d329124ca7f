package sheet

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
)

// programmes are the shipped testdata folders, as seen from this package.
var programmes = []string{"../../testdata/wiesbaden", "../../testdata/bad-kreuznach", "../../testdata/thueringen"}

// loadValid loads data and fails the test unless it validates.
func loadValid(t *testing.T, paths ...string) (*kiez.Dataset, diag.Diagnostics) {
	t.Helper()
	ds, diags := kiez.Load(osFS{}, paths...)
	diags = append(diags, ds.Validate()...)
	if diags.HasErrors() {
		t.Fatalf("the data does not validate:\n%v", diags)
	}
	return ds, diags
}

func reloader(paths ...string) Reloader {
	return func(file string, text []byte) (*kiez.Dataset, diag.Diagnostics) {
		return kiez.LoadContext(context.Background(), Overlay(nil, file, text), paths...)
	}
}

// withoutSessions is the text of the file holding the centre with the
// centre's sessions removed (an empty sheet merged with Replace).
func withoutSessions(t *testing.T, ds *kiez.Dataset, i int) (string, []byte) {
	t.Helper()
	tg := &target{index: i}
	merge(&ds.Centres[i], tg, true)
	file := ds.Where(fmtIndex(i)).Filename
	text, _ := ds.Source(file)
	out, err := rewrite(file, text, ds, map[string]*target{ds.Centres[i].ID: tg})
	if err != nil {
		t.Fatal(err)
	}
	return file, out
}

func fmtIndex(i int) string { return "centres[" + strconv.Itoa(i) + "]" }

var ignoreSource = cmpopts.IgnoreUnexported(kiez.Dataset{})

// TestRoundTrip exports each centre's sessions of the shipped testdata to
// XLSX (and one centre's per programme to CSV), imports them into the centre's file with its sessions
// removed, validates the result, and compares it with the data as
// shipped: the same dataset. Imported into the unchanged file, the sheet
// changes nothing, to the byte.
func TestRoundTrip(t *testing.T) {
	for _, dir := range programmes {
		ds, base := loadValid(t, dir)
		for i := range ds.Centres {
			ce := &ds.Centres[i]
			formats := []Format{FormatXLSX}
			if i == 0 {
				// CSV for one centre per programme: the reader's dialects
				// are tested on their own.
				formats = append(formats, FormatCSV)
			}
			for _, format := range formats {
				name := map[Format]string{FormatXLSX: "termine.xlsx", FormatCSV: "termine.csv"}[format]
				t.Run(ce.ID+"/"+name, func(t *testing.T) {
					var b bytes.Buffer
					if err := Export(&b, format, []*kiez.Centre{ce}); err != nil {
						t.Fatal(err)
					}
					tb, diags := Read(name, b.Bytes())
					if len(diags) > 0 {
						t.Fatalf("reading the export: %v", diags)
					}
					if len(tb.Rows) != len(ce.Sessions) {
						t.Fatalf("%d rows, want %d", len(tb.Rows), len(ce.Sessions))
					}
					orig, _ := ds.Source(ds.Where(fmtIndex(i)).Filename)

					// Into the file as shipped: nothing changes.
					res, diags := Import(ds, base, tb, Options{}, reloader(dir))
					if diags.HasErrors() {
						t.Fatalf("import: %v", diags)
					}
					if diff := cmp.Diff(string(orig), string(res.Text)); diff != "" {
						t.Errorf("importing the centre's own sessions changed the file (-want +got):\n%s", diff)
					}
					if c := res.Counts[0]; c.Unchanged != len(ce.Sessions) || c.Added+c.Changed+c.Removed != 0 {
						t.Errorf("counts %+v, want all %d unchanged", c, len(ce.Sessions))
					}

					// Into the file without sessions: the same dataset.
					file, empty := withoutSessions(t, ds, i)
					dsEmpty, diags := kiez.LoadContext(context.Background(), Overlay(nil, file, empty), dir)
					diags = append(diags, dsEmpty.Validate()...)
					if diags.HasErrors() {
						t.Fatalf("the data without sessions: %v", diags)
					}
					res, diags = Import(dsEmpty, diags, tb, Options{}, reloader(dir))
					if diags.HasErrors() {
						t.Fatalf("import: %v", diags)
					}
					if c := res.Counts[0]; c.Added != len(ce.Sessions) {
						t.Errorf("counts %+v, want %d added", c, len(ce.Sessions))
					}
					got, diags := kiez.LoadContext(context.Background(), Overlay(nil, file, res.Text), dir)
					diags = append(diags, got.Validate()...)
					if diags.HasErrors() {
						t.Fatalf("the imported data: %v", diags)
					}
					if diff := cmp.Diff(ds, got, ignoreSource); diff != "" {
						t.Errorf("the imported dataset differs (-shipped +imported):\n%s", diff)
					}
				})
			}
		}
	}
}
