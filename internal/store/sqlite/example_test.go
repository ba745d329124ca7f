package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/internal/store/sqlite"
)

// A dataset stored in the database file is there again after the store is
// closed and opened anew.
func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "kiez-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "kiez.db")

	s, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := s.PutDataset(ctx, store.Dataset{
		Programme: "bad-kreuznach",
		Year:      2024,
		Files:     []store.File{{Name: "zentrum.yaml", Content: []byte("id: zentrum\n")}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("stored version", d.Version)
	s.Close()

	s, err = sqlite.Open(ctx, path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	again, err := s.Dataset(ctx, "bad-kreuznach", 2024, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("after reopening: version %d, %s: %q\n", again.Version, again.Files[0].Name, again.Files[0].Content)
	// Output:
	// stored version 1
	// after reopening: version 1, zentrum.yaml: "id: zentrum\n"
}
