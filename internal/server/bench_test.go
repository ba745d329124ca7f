package server

import (
	"bytes"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/internal/store/memstore"
)

// BenchmarkConcurrentChecks runs 50 checks of the Bad Kreuznach testdata
// at once through the API on the in-memory store, b.N times, and reports
// the requests per second and the 99th percentile of their latency. Every
// check must succeed: the ones beyond MaxChecks wait in the queue.
// BenchmarkConcurrentChecksSQLite does the same on the SQLite store.
func BenchmarkConcurrentChecks(b *testing.B) {
	benchmarkChecks(b, memstore.New())
}

// benchmarkChecks is BenchmarkConcurrentChecks on a store.
func benchmarkChecks(b *testing.B, st store.Store) {
	const concurrent = 50
	e := newAPIEnv(b, Config{Store: st})
	w := e.client("schreiber")
	w.json("PUT", "/api/v1/datasets/"+bk+"/2024", uploadJSONOf(testdataFiles(b, "bad-kreuznach")), http.StatusCreated, nil)
	w.hc.Transport = &http.Transport{MaxIdleConnsPerHost: concurrent}
	body := []byte(fmt.Sprintf(`{"programme":%q,"year":2024,"period":"2024"}`, bk))
	var (
		mu        sync.Mutex
		latencies []time.Duration
	)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		var wg sync.WaitGroup
		for range concurrent {
			wg.Go(func() {
				req, _ := http.NewRequest("POST", e.ts.URL+"/api/v1/evaluations", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-CSRF-Token", w.csrf)
				t0 := time.Now()
				resp, err := w.hc.Do(req)
				d := time.Since(t0)
				if err != nil {
					b.Error(err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					b.Errorf("check: status %d", resp.StatusCode)
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
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
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
