package main

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/synth"
	"github.com/kiez-go/kiez/kiez"
)

func runGen(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("gen", "kiez gen [flags] --out DIR", `
Generates a synthetic dataset for load tests and benchmarks: clones of the
template centres (--from, by default the shipped testdata) with new ids,
varied attendance and shifted sessions, grouped in regions, with one or two
shortfalls in a share of the centres. The same seed and size give the same
files. See internal/synth for how the data is built.

Writes into DIR, per programme, a folder with programme.yaml and one file
per centre, and shortfalls.txt, the list of injected shortfalls (centre,
the rule that fails, what was changed). Never overwrites a file: when one
exists, nothing is written. Synthetic data is not real: never ship it.

Exit code: 0 when the files are written, 1 when the templates do not load
cleanly or a file exists, 2 on wrong usage.`)
	var from pathFlag
	fs.Var(&from, "from", "template data `file or directory` (repeatable; default: testdata/wiesbaden, testdata/bad-kreuznach, testdata/thueringen)")
	out := fs.String("out", "", "the `directory` to write into (created if need be)")
	seed := fs.Uint64("seed", 1, "the random `seed`")
	centres := fs.Int("centres", 100, "the `number` of centres, shared out evenly between the programmes")
	shortfalls := fs.Float64("shortfalls", synth.DefaultShortfalls, "the `share` of centres (0 to 1) with one or two shortfalls")
	year := fs.Int("year", 0, "the `year` of activity of the templates (default: the year most of their sessions fall in)")
	format := fs.String("format", "yaml", "file `format`: yaml or json")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(rest) > 0:
		return fs.usageError(stderr, "unexpected argument %q; name the templates with --from", rest[0])
	case *out == "":
		return fs.usageError(stderr, "--out: name the directory to write into")
	case *centres < 0 || *centres > synth.MaxCentres:
		return fs.usageError(stderr, "--centres: give a number from 0 to %d", synth.MaxCentres)
	case *shortfalls < 0 || *shortfalls > 1:
		return fs.usageError(stderr, "--shortfalls: give a share from 0 to 1, e.g. 0.15")
	case *format != "yaml" && *format != "json":
		return fs.usageError(stderr, "--format: unknown format %q (use yaml or json)", *format)
	}
	if len(from) == 0 {
		from = pathFlag{"testdata/wiesbaden", "testdata/bad-kreuznach", "testdata/thueringen"}
	}
	tpl, diags := kiez.LoadFiles(from...)
	diags = append(diags, tpl.Validate()...)
	if diags.HasErrors() {
		diags.Sort()
		if err := diag.WriteText(stderr, diags, tpl.Source); err != nil {
			fmt.Fprintf(stderr, "kiez gen: %v\n", err)
		}
		fmt.Fprintf(stderr, "kiez gen: the templates do not load cleanly (%s)\n", countLine(diags))
		return exitProblems
	}
	res, err := synth.Generate(tpl, synth.Options{Seed: *seed, Centres: *centres, Shortfalls: *shortfalls, Year: *year})
	if err != nil {
		fmt.Fprintf(stderr, "kiez gen: %v\n", err)
		return exitProblems
	}
	files, err := res.Write(*out, synth.Format(*format))
	if err != nil {
		fmt.Fprintf(stderr, "kiez gen: %v\n", err)
		return exitProblems
	}
	writeGenSummary(stdout, res)
	fmt.Fprintf(stdout, "\n%s written to %s; the shortfalls are listed in %s.\n",
		plural(len(files), "file", "files"), *out, filepath.Join(*out, synth.ShortfallsFile))
	if len(res.Excluded) > 0 {
		fmt.Fprintf(stdout, "Templates not cloned (they fail a rule no repair fixes): %v\n", res.Excluded)
	}
	return exitOK
}

// writeGenSummary prints one line per programme: centres, regions and
// centres with shortfalls.
func writeGenSummary(w io.Writer, res *synth.Output) {
	with := map[string]bool{}
	for _, s := range res.Shortfalls {
		with[s.Centre] = true
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "Programm\tZentren\tVorlagen\tmit Mängeln\t\n")
	for _, p := range res.Dataset.Programmes {
		var n, short int
		tpls := map[string]bool{}
		for _, c := range res.Dataset.Centres {
			if c.Programme != p.ID {
				continue
			}
			n++
			tpls[res.Template[c.ID]] = true
			if with[c.ID] {
				short++
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", p.ID, n, len(tpls), short)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nSeed %d, year %d, %s with shortfalls (%s).\n", res.Options.Seed, res.Year,
		plural(len(with), "centre", "centres"), plural(len(res.Shortfalls), "shortfall", "shortfalls"))
}
