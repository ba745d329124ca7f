package whatif_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/internal/synth"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// The benchmarks of this file measure a comparison against one
// evaluation of the same data, on 1,000 synthetic centres (package
// internal/synth, cloned from the shipped testdata, as in the rules
// package's scale benchmarks):
//
//	go test ./whatif -run '^$' -bench . -count 5
//
// BenchmarkCompare/…/BenchmarkEvaluate is the cost of a comparison as a
// ratio of one evaluation; the target is at most 2.2. Both report the
// process's CPU time per operation (cpu-ms/op) beside the wall time: on
// a machine shared with other work the CPU time is the steadier measure.

const benchCentres = 1000

func benchData(b *testing.B) *synth.Output {
	b.Helper()
	out, err := synth.Generate(shipped(b), synth.Options{Seed: 2024, Centres: benchCentres, Shortfalls: synth.DefaultShortfalls})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkEvaluate is the baseline: one evaluation of the three embedded
// programmes, keeping every result.
func BenchmarkEvaluate(b *testing.B) {
	data := benchData(b)
	eng, err := rules.NewEngine(embedded(b), rules.WithoutValidation())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := eng.Evaluate(context.Background(), data.Dataset, data.Period()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompare compares the three embedded programmes with a copy
// whose Bad Kreuznach Leitungsfreistellung is 3 h/week from the first
// day of the year.
func BenchmarkCompare(b *testing.B) {
	data := benchData(b)
	old := embedded(b)
	changed := append([]*rules.RuleSet(nil), old...)
	for i, p := range changed {
		if p.ID == "bad-kreuznach-familienzentren" {
			from := data.Period().From
			q, err := p.WithParams(rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(from.Year(), 1, 1), Value: "3"})
			if err != nil {
				b.Fatal(err)
			}
			changed[i] = q
		}
	}
	per := data.Period()
	b.ReportAllocs()
	b.ResetTimer()
	var changes int
	stop := reportCPU(b)
	for b.Loop() {
		c, err := whatif.Compare(context.Background(), data.Dataset,
			whatif.Side{Label: "bisher", RuleSets: old, Period: per},
			whatif.Side{Label: "neu", RuleSets: changed, Period: per})
		if err != nil {
			b.Fatal(err)
		}
		changes = len(c.Changes)
	}
	stop()
	b.ReportMetric(float64(changes), "changes")
}

// reportCPU starts measuring the process's CPU time (user and system);
// the returned function reports it per operation as cpu-ms/op.
func reportCPU(b *testing.B) func() {
	start := cpuTime(b)
	return func() {
		b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
