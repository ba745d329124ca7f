package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/kiez-go/kiez/internal/store"
)

// BenchmarkPutDataset stores versions of a dataset of three 64 KiB files,
// each in its own transaction synced to disk.
func BenchmarkPutDataset(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "kiez.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	d := crashDataset(1)
	d.Version = 0
	b.SetBytes(3 * 64 << 10)
	for b.Loop() {
		if _, err := s.PutDataset(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluationParallel reads one evaluation with 100 KiB of
// results from all processors at once.
func BenchmarkEvaluationParallel(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "kiez.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	d, err := s.PutDataset(ctx, crashDataset(1))
	if err != nil {
		b.Fatal(err)
	}
	results := []byte("[" + fmt.Sprintf("%0102400d", 0) + "]")
	e, err := s.PutEvaluation(ctx, store.Evaluation{DatasetID: d.ID, Programme: d.Programme, Year: d.Year, Period: "2024",
		Counts: map[string]int{"pass": 1}, Results: results, Duration: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Evaluation(ctx, e.ID); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
