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
	fs := newFlags("gen", "gen.synopsis", "gen.about")
	var from pathFlag
	fs.Var(&from, "from", "gen.flag.from")
	out := fs.String("out", "", "gen.flag.out")
	seed := fs.Uint64("seed", 1, "gen.flag.seed")
	centres := fs.Int("centres", 100, "gen.flag.centres")
	shortfalls := fs.Float64("shortfalls", synth.DefaultShortfalls, "gen.flag.shortfalls")
	year := fs.Int("year", 0, "gen.flag.year")
	format := fs.String("format", "yaml", "gen.flag.format")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(rest) > 0:
		return fs.fail(stderr, "gen.unexpectedArg", rest[0])
	case *out == "":
		return fs.fail(stderr, "gen.needOut")
	case *centres < 0 || *centres > synth.MaxCentres:
		return fs.fail(stderr, "gen.badCentres", synth.MaxCentres)
	case *shortfalls < 0 || *shortfalls > 1:
		return fs.fail(stderr, "gen.badShortfalls")
	case *format != "yaml" && *format != "json":
		return fs.fail(stderr, "err.format", *format, fs.tx.or("yaml", "json"))
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
		fmt.Fprintln(stderr, fs.tx.t("gen.templatesBad", countLine(diags)))
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
	writeGenSummary(fs.tx, stdout, res)
	fmt.Fprintf(stdout, "\n%s\n", fs.tx.t("gen.written", fs.tx.count(len(files), "word.file"), *out, filepath.Join(*out, synth.ShortfallsFile)))
	if len(res.Excluded) > 0 {
		fmt.Fprintln(stdout, fs.tx.t("gen.excluded", res.Excluded))
	}
	return exitOK
}

// writeGenSummary prints one line per programme: centres, regions and
// centres with shortfalls, then the seed, the year and the shortfalls, in
// the language.
func writeGenSummary(tx *texts, w io.Writer, res *synth.Output) {
	with := map[string]bool{}
	for _, s := range res.Shortfalls {
		with[s.Centre] = true
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, tx.t("gen.header"))
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
	fmt.Fprintf(w, "\n%s\n", tx.t("gen.summary", res.Options.Seed, res.Year,
		tx.count(len(with), "word.centre"), tx.count(len(res.Shortfalls), "word.shortfall")))
}
