package compile

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
)

// TestEstimateTakesConfigSizes checks that the estimate takes the
// declared sizes of the model's lists from the Config, and nowhere else:
// a loop costs its list's declared size times its predicate.
func TestEstimateTakesConfigSizes(t *testing.T) {
	env := map[string]any{"sessions": []kiez.Session{}, "rooms": []kiez.Room{}, "texts": []string{}}
	texts := []string{"sessions", "rooms", "texts", "all(sessions, true)", "all(rooms, true)"}
	estimate := func(sizes Sizes) []uint64 {
		cache := NewCache(func() *Config { return &Config{Sizes: sizes} })
		s := cache.Session(1000)
		defer s.Close()
		var got []uint64
		for _, text := range texts {
			prog, err := s.Compile(text, env)
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			c := s.Estimate()
			got = append(got, c.Size(prog.Node()), c.Cost(prog.Node()))
		}
		return got
	}
	// all(xs, true): the node, its list, and the predicate (a closure
	// and its constant) once for each of the list's declared n elements.
	loop := func(n uint64) uint64 { return 1 + 1 + 2*n }
	for _, sizes := range []Sizes{{Sessions: 7, Members: 3, List: 5}, {Sessions: 2000, Members: 100, List: 1000}} {
		want := []uint64{sizes.Sessions, 1, sizes.Members, 1, sizes.List, 1, 1, loop(sizes.Sessions), 1, loop(sizes.Members)}
		if diff := cmp.Diff(want, estimate(sizes)); diff != "" {
			t.Errorf("sizes %+v: (size, cost) of %q (-want +got):\n%s", sizes, texts, diff)
		}
	}
}
