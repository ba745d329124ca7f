package kiez_test

import (
	"runtime"
	"testing"

	"github.com/kiez-go/kiez/internal/synth"
	"github.com/kiez-go/kiez/kiez"
)

// BenchmarkReadingCentres loads and validates the files "kiez gen" writes
// for 200 centres, the step of "kiez check" before the rules, and reports
// the time, the allocations and the heap the loaded dataset keeps, per
// centre. Compare two versions by building both test binaries with
// go test -c and running them alternately (README, "Reading data at
// state scale"):
//
//	go test ./kiez -run '^$' -bench ReadingCentres -benchtime 5x
func BenchmarkReadingCentres(b *testing.B) {
	const centres = 200
	tpl, diags := kiez.LoadFiles("../testdata/wiesbaden", "../testdata/bad-kreuznach", "../testdata/thueringen")
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	out, err := synth.Generate(tpl, synth.Options{Seed: 1, Centres: centres, Shortfalls: synth.DefaultShortfalls})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if _, err := out.Write(dir, synth.YAML); err != nil {
		b.Fatal(err)
	}
	var heap uint64
	b.ReportAllocs()
	for b.Loop() {
		ds, diags := kiez.LoadFiles(dir)
		if diags = append(diags, ds.Validate()...); diags.HasErrors() {
			b.Fatal(diags)
		}
		b.StopTimer()
		heap = liveHeap()
		runtime.KeepAlive(ds)
		ds = nil
		heap -= liveHeap()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/centres, "µs/centre")
	b.ReportMetric(float64(heap)/centres/1024, "heap-KiB/centre")
}

// liveHeap returns the bytes of the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
