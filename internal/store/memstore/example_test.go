package memstore_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/internal/store/memstore"
)

// Each upload of a programme's data for a year is a new version; version 0
// asks for the newest.
func ExampleNew() {
	ctx := context.Background()
	s := memstore.New()
	defer s.Close()

	for _, content := range []string{"erste Fassung", "zweite Fassung"} {
		d, err := s.PutDataset(ctx, store.Dataset{
			Programme: "bad-kreuznach",
			Year:      2024,
			Files:     []store.File{{Name: "zentrum.yaml", Content: []byte(content)}},
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("stored version", d.Version)
	}
	newest, err := s.Dataset(ctx, "bad-kreuznach", 2024, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("newest: version %d, %s\n", newest.Version, newest.Files[0].Content)
	_, err = s.Dataset(ctx, "bad-kreuznach", 2023, 0)
	fmt.Println(errors.Is(err, store.ErrNotFound))
	// Output:
	// stored version 1
	// stored version 2
	// newest: version 2, zweite Fassung
	// true
}
