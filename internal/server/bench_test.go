package server

import (
	"bytes"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/internal/store/memstore"
	"github.com/kiez-go/kiez/rules"
)

// BenchmarkConcurrentChecks runs 50 checks of the Bad Kreuznach testdata
// at once through the API on the in-memory store, b.N times, and reports
// the requests per second and the 99th percentile of their latency. Every
// check must succeed: the ones beyond MaxChecks wait in the queue.
// BenchmarkConcurrentChecksSQLite does the same on the SQLite store;
// BenchmarkConcurrentEvaluations is the baseline: the same 50 checks
// through the library alone (no HTTP, no store), as many at once as the
// server runs (MaxChecks, one per processor).
func BenchmarkConcurrentChecks(b *testing.B) {
	benchmarkChecks(b, memstore.New())
}

// BenchmarkConcurrentEvaluations is the library's baseline of
// BenchmarkConcurrentChecks: each check evaluates the embedded rule set
// on the dataset loaded and validated once, and stores nothing.
func BenchmarkConcurrentEvaluations(b *testing.B) {
	ds, diags := loadFiles(b.Context(), testdataFiles(b, "bad-kreuznach"))
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	rs, diags := rules.LoadEmbedded(bk)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{rs}, rules.WithoutValidation()) // validated by loadFiles, as on upload
	if err != nil {
		b.Fatal(err)
	}
	turns := make(chan struct{}, runtime.NumCPU())
	measureConcurrent(b, func() error {
		turns <- struct{}{}
		defer func() { <-turns }()
		_, err := eng.Evaluate(b.Context(), ds, rules.Year(2024))
		return err
	})
}

// concurrentChecks is how many checks the benchmarks start at once.
const concurrentChecks = 50

// benchmarkChecks is BenchmarkConcurrentChecks on a store.
func benchmarkChecks(b *testing.B, st store.Store) {
	e := newAPIEnv(b, Config{Store: st})
	w := e.client("schreiber")
	w.json("PUT", "/api/v1/datasets/"+bk+"/2024", uploadJSONOf(testdataFiles(b, "bad-kreuznach")), http.StatusCreated, nil)
	w.hc.Transport = &http.Transport{MaxIdleConnsPerHost: concurrentChecks}
	body := []byte(fmt.Sprintf(`{"programme":%q,"year":2024,"period":"2024"}`, bk))
	measureConcurrent(b, func() error {
		req, err := http.NewRequest("POST", e.ts.URL+"/api/v1/evaluations", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", w.csrf)
		resp, err := w.hc.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("check: status %d", resp.StatusCode)
		}
		return nil
	})
}

// measureConcurrent runs check concurrentChecks times at once, b.N
// times, and reports the checks per second and the 99th percentile of
// their latency; an error fails the benchmark.
func measureConcurrent(b *testing.B, check func() error) {
	var (
		mu        sync.Mutex
		latencies []time.Duration
	)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		var wg sync.WaitGroup
		for range concurrentChecks {
			wg.Go(func() {
				t0 := time.Now()
				err := check()
				d := time.Since(t0)
				if err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				latencies = append(latencies, d)
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(latencies)
	if len(latencies) == 0 {
		return
	}
	p99 := latencies[(len(latencies)*99+99)/100-1]
	b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(p99.Milliseconds()), "p99-ms")
	b.ReportMetric(0, "ns/op")
}

// TestAPIBusy: a check beyond the running ones and the queue is refused
// with 503 and Retry-After, as the OpenAPI document says.
func TestAPIBusy(t *testing.T) {
	e := newAPIEnv(t, Config{MaxChecks: 1, MaxQueue: 1})
	w := e.client("schreiber")
	w.json("PUT", "/api/v1/datasets/"+bk+"/2024", uploadJSONOf(testdataFiles(t, "bad-kreuznach")), http.StatusCreated, nil)
	for range cap(e.srv.queue) {
		e.srv.queue <- struct{}{}
	}
	resp, b := w.request("POST", "/api/v1/evaluations", "application/json", []byte(`{"programme":"`+bk+`","year":2024}`))
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("full queue: %d, Retry-After %q\n%s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	for range cap(e.srv.queue) {
		<-e.srv.queue
	}
	w.json("POST", "/api/v1/evaluations", map[string]any{"programme": bk, "year": 2024}, http.StatusCreated, nil)
}
