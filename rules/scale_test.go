package rules_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/synth"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The benchmarks of this file measure the engine at scale on synthetic
// data (package internal/synth, cloned from the shipped testdata):
//
//	go test ./rules -run '^$' -bench . -benchmem
//
// The runs over 10,000 and 20,000 centres are skipped with -short.

// scaleSeed is the seed of every synthetic dataset of the benchmarks.
const scaleSeed = 2024

var (
	templatesOnce sync.Once
	templatesDS   *kiez.Dataset
	templatesErr  error

	synthMu    sync.Mutex
	synthCache = map[int]*synth.Output{}
)

// scaleTemplates loads the shipped testdata as the generator's templates,
// or skips the benchmark when it is missing.
func scaleTemplates(tb testing.TB) *kiez.Dataset {
	tb.Helper()
	templatesOnce.Do(func() {
		dirs := []string{"../testdata/wiesbaden", "../testdata/bad-kreuznach", "../testdata/thueringen"}
		for _, d := range dirs {
			if _, err := os.Stat(d); err != nil {
				templatesErr = err
				return
			}
		}
		ds, diags := kiez.LoadFiles(dirs...)
		if diags.HasErrors() {
			templatesErr = diags
			return
		}
		templatesDS = ds
	})
	if templatesErr != nil {
		tb.Skipf("generator templates missing: %v", templatesErr)
	}
	return templatesDS
}

// largeDataset is the number of centres above which a synthetic dataset
// is large: only one of those is kept at a time (10,000 centres take
// half a gigabyte).
const largeDataset = 1000

// synthetic returns the synthetic dataset of n centres (generated once;
// a large one until another large one is asked for).
func synthetic(tb testing.TB, n int) *synth.Output {
	tb.Helper()
	tpl := scaleTemplates(tb)
	synthMu.Lock()
	defer synthMu.Unlock()
	if out, ok := synthCache[n]; ok {
		return out
	}
	if n > largeDataset {
		for m := range synthCache {
			if m > largeDataset {
				delete(synthCache, m)
			}
		}
	}
	out, err := synth.Generate(tpl, synth.Options{Seed: scaleSeed, Centres: n, Shortfalls: synth.DefaultShortfalls})
	if err != nil {
		tb.Fatal(err)
	}
	synthCache[n] = out
	return out
}

// embeddedProgrammes loads and compiles every embedded programme.
func embeddedProgrammes(tb testing.TB) []*rules.RuleSet {
	tb.Helper()
	var progs []*rules.RuleSet
	for _, id := range rules.Embedded() {
		p, diags := rules.LoadEmbedded(id)
		if diags.HasErrors() {
			tb.Fatalf("%s: %v", id, diags)
		}
		progs = append(progs, p)
	}
	return progs
}

// BenchmarkEvaluate evaluates the three embedded programmes on a year of
// 10, 1,000 and 10,000 synthetic centres with the default number of
// workers (one per CPU), keeping every result. It reports the time per
// centre (ms/centre), the processor time of the process per evaluation
// (cpu-ms/op: user and system time of all threads, the collector's
// included; it varies less than the time on a shared machine), the
// results per evaluation, the heap the dataset takes (MB-data) and the
// most heap the evaluations took on top of it (MB-peak-over-data, sampled
// every 20 ms).
func BenchmarkEvaluate(b *testing.B) {
	benchmarkScale(b, []int{10, 1000, 10000}, nil, func(eng *rules.Engine, data *synth.Output) (int, error) {
		evRes, err := eng.Evaluate(context.Background(), data.Dataset, data.Period())
		res := evRes.Results()
		return len(res), err
	})
}

// BenchmarkStream is BenchmarkEvaluate with Engine.Stream: the results
// are counted by outcome as they come instead of kept, as a state-wide
// run that aggregates them would, on 20,000 centres too, to show the cost
// per centre stays the same. The sub-benchmarks under
// details=problems do the same with an engine made
// WithDetailsForProblemsOnly, which is what such a run, reading only the
// outcomes and the problems' details, should use:
//
//	go test ./rules -run '^$' -bench 'Stream/details=problems/centres=10000$' -benchmem
func BenchmarkStream(b *testing.B) {
	stream := func(eng *rules.Engine, data *synth.Output) (int, error) {
		var count [8]int
		results := 0
		_, err := eng.Stream(context.Background(), data.Dataset, data.Period(), func(r rules.Result) error {
			count[r.Outcome]++
			results++
			return nil
		})
		return results, err
	}
	sizes := []int{10, 1000, 10000, 20000}
	benchmarkScale(b, sizes, nil, stream)
	b.Run("details=problems", func(b *testing.B) {
		benchmarkScale(b, sizes, []rules.EngineOption{rules.WithDetailsForProblemsOnly()}, stream)
	})
}

// benchmarkScale runs an evaluation of the embedded programmes, by an
// engine made with opts (and without validation), on each number of
// synthetic centres in sizes (those over 1,000 skipped with -short); run
// returns the number of results.
func benchmarkScale(b *testing.B, sizes []int, opts []rules.EngineOption, run func(*rules.Engine, *synth.Output) (int, error)) {
	eng, err := rules.NewEngine(embeddedProgrammes(b), append([]rules.EngineOption{rules.WithoutValidation()}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("centres=%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("skipped with -short")
			}
			data := synthetic(b, n)
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			peak := samplePeakHeap()
			reportCPU := cpuPerOp(b)
			b.ReportAllocs()
			b.ResetTimer()
			var results int
			for b.Loop() {
				if results, err = run(eng, data); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/centre")
			reportCPU()
			b.ReportMetric(float64(results), "results")
			b.ReportMetric(float64(before.HeapInuse)/(1<<20), "MB-data")
			b.ReportMetric(float64(peak()-before.HeapInuse)/(1<<20), "MB-peak-over-data")
		})
	}
}

// cpuPerOp starts counting the processor time of the process (user and
// system time of all threads, the collector's included); the function it
// returns reports it per iteration as cpu-ms/op, which varies less than
// the time on a shared machine.
func cpuPerOp(b *testing.B) (report func()) {
	start, ok := processCPU()
	return func() {
		if end, endOK := processCPU(); ok && endOK {
			b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
		}
	}
}

// samplePeakHeap samples the heap in use every 20 ms until the returned
// function is called, which stops the sampling and returns the largest
// value seen.
func samplePeakHeap() func() uint64 {
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var peak uint64
		var m runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// BenchmarkEvaluateOneCentre evaluates one centre of each programme of the
// 1,000 synthetic centres, with the programme's record of all of them (its
// programme-wide meetings name every centre): what a service does that
// checks the centre a user just edited. Its cost should be the centre's,
// not the programme record's.
func BenchmarkEvaluateOneCentre(b *testing.B) {
	data := synthetic(b, 1000)
	for _, p := range embeddedProgrammes(b) {
		one := oneCentre(data.Dataset, p.ID)
		eng, err := rules.NewEngine([]*rules.RuleSet{p}, rules.WithWorkers(1), rules.WithoutValidation())
		if err != nil {
			b.Fatal(err)
		}
		b.Run(p.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eng.Evaluate(context.Background(), one, data.Period()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// oneCentre returns the dataset with only the first centre of the
// programme, and every programme record as it is: the programme-wide
// meetings name centres the dataset no longer holds, so that it is to be
// evaluated without validation.
func oneCentre(ds *kiez.Dataset, programme string) *kiez.Dataset {
	one := *ds
	one.Centres = nil
	for _, c := range ds.Centres {
		if c.Programme == programme {
			one.Centres = []kiez.Centre{c}
			break
		}
	}
	return &one
}

// BenchmarkLoadEmbedded loads and compiles every embedded programme: the
// cost of starting an engine. Besides the time it reports the processor
// time per load (cpu-ms/op: user and system time of all threads), which
// varies less than the time on a shared machine.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.Run("each", func(b *testing.B) {
		b.ReportAllocs()
		reportCPU := cpuPerOp(b)
		for b.Loop() {
			for _, id := range rules.Embedded() {
				if _, diags := rules.LoadEmbedded(id); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		}
		reportCPU()
	})
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		reportCPU := cpuPerOp(b)
		for b.Loop() {
			if _, diags := rules.LoadEmbeddedAll(); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
		reportCPU()
	})
}

// TestEvaluateWorkersAgree evaluates the same synthetic year with one and
// with eight workers: the results are the same, in the same order (the
// workers share the programme's indexes and centre-independent values;
// run it with -race).
func TestEvaluateWorkersAgree(t *testing.T) {
	data := synthetic(t, 120)
	progs := embeddedProgrammes(t)
	var lines [2][]string
	for i, w := range []int{1, 8} {
		eng, err := rules.NewEngine(progs, rules.WithWorkers(w))
		if err != nil {
			t.Fatal(err)
		}
		evRes, err := eng.Evaluate(context.Background(), data.Dataset, data.Period())
		res := evRes.Results()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			lines[i] = append(lines[i], resultLine(r))
		}
	}
	if len(lines[0]) != len(lines[1]) {
		t.Fatalf("%d results with one worker, %d with eight", len(lines[0]), len(lines[1]))
	}
	for i := range lines[0] {
		if lines[0][i] != lines[1][i] {
			t.Fatalf("result %d differs:\none worker    %s\neight workers %s", i, lines[0][i], lines[1][i])
		}
	}
}

// TestProgrammeIndexAgrees evaluates the same synthetic year with the
// programmes' records indexed for all centres and without the index (each
// centre builds the views it reads and searches the participant lists),
// and single centres with the engine's default (no index for so few) and
// with the index: the results are the same, in the same order.
func TestProgrammeIndexAgrees(t *testing.T) {
	data := synthetic(t, 120)
	progs := embeddedProgrammes(t)
	evaluate := func(ds *kiez.Dataset, opts ...rules.EngineOption) []string {
		t.Helper()
		eng, err := rules.NewEngine(progs, append(opts, rules.WithWorkers(2))...)
		if err != nil {
			t.Fatal(err)
		}
		evRes, err := eng.Evaluate(context.Background(), ds, data.Period())
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, r := range evRes.Results() {
			lines = append(lines, resultLine(r))
		}
		return lines
	}
	indexed := evaluate(data.Dataset, rules.WithProgrammeIndexFrom(0))
	if diff := cmp.Diff(indexed, evaluate(data.Dataset, rules.WithProgrammeIndexFrom(math.MaxInt))); diff != "" {
		t.Errorf("120 centres (-indexed +not):\n%s", diff)
	}
	for _, p := range progs {
		one := oneCentre(data.Dataset, p.ID)
		if diff := cmp.Diff(evaluate(one, rules.WithoutValidation(), rules.WithProgrammeIndexFrom(0)), evaluate(one, rules.WithoutValidation())); diff != "" {
			t.Errorf("one centre of %s (-indexed +default):\n%s", p.ID, diff)
		}
	}
}

// TestStreamAgrees streams the same synthetic year with one, two and
// eight workers: the results are those of Evaluate, in the same order.
func TestStreamAgrees(t *testing.T) {
	data := synthetic(t, 120)
	progs := embeddedProgrammes(t)
	eng, err := rules.NewEngine(progs, rules.WithWorkers(1))
	if err != nil {
		t.Fatal(err)
	}
	evRes, err := eng.Evaluate(context.Background(), data.Dataset, data.Period())
	res := evRes.Results()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range res {
		want = append(want, resultLine(r))
	}
	for _, w := range []int{1, 2, 8} {
		eng, err := rules.NewEngine(progs, rules.WithWorkers(w))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		_, err = eng.Stream(context.Background(), data.Dataset, data.Period(), func(r rules.Result) error {
			got = append(got, resultLine(r))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("workers=%d: Stream differs from Evaluate (-want +got):\n%s", w, diff)
		}
	}
}

// TestStreamStops stops a stream from fn and by cancelling its context:
// Stream returns the error and leaves no goroutine behind.
func TestStreamStops(t *testing.T) {
	data := synthetic(t, 120)
	eng, err := rules.NewEngine(embeddedProgrammes(t), rules.WithWorkers(4))
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	stop := errors.New("genug")
	n := 0
	_, err = eng.Stream(context.Background(), data.Dataset, data.Period(), func(rules.Result) error {
		if n++; n == 500 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 500 {
		t.Errorf("stopped by fn: err %v after %d results, want %v after 500", err, n, stop)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	_, err = eng.Stream(ctx, data.Dataset, data.Period(), func(rules.Result) error {
		if n++; n == 500 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err %v, want context.Canceled", err)
	}
	if n < 500 {
		t.Errorf("cancelled: %d results, want at least 500", n)
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines after the streams, %d before", runtime.NumGoroutine(), before)
}
