package rules

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
)

// scanSessions is sessionsOf on offer ids written plainly: every session
// of the centre, held in the period, of one of the offers.
func scanSessions(c *kiez.Centre, ids []string, p Period) []*kiez.Session {
	out := []*kiez.Session{}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if !s.Cancelled && !s.Date.Before(p.From) && !s.Date.After(p.Until) && slices.Contains(ids, s.Offer) {
			out = append(out, s)
		}
	}
	return out
}

// TestSessionsForAgreesWithScan checks sessionsOf on offer ids, lists of
// offers and expr's untyped lists, memoised by the ids' hash, against a
// plain scan on every centre of the testdata, for each of the first offers alone, for
// all of them, for none and for an unknown id, asked twice (the second
// answer from the memo) and in another order (another hash).
func TestSessionsForAgreesWithScan(t *testing.T) {
	ds, dd := kiez.LoadFiles("../testdata/bad-kreuznach", "../testdata/wiesbaden", "../testdata/thueringen")
	if dd.HasErrors() {
		t.Fatal(dd)
	}
	periods := []Period{Year(2024), {From: date.New(2024, 3, 1), Until: date.New(2024, 3, 31)}, {From: date.New(2023, 7, 1), Until: date.New(2025, 6, 30)}}
	ec := newEvalCtx(context.Background(), newSharedCache(nil, 0, nil))
	checked, found := 0, 0
	var boxed func(...any) (any, error)
	for _, f := range recordFunctions() {
		if f.name == "sessionsOf" {
			boxed = f.fn
		}
	}
	for i := range ds.Centres {
		c := &ds.Centres[i]
		ec.reset()
		var all []string
		var lists [][]string
		for j, o := range c.Offers {
			all = append(all, o.ID)
			if j < 4 {
				lists = append(lists, []string{o.ID})
			}
		}
		reversed := slices.Clone(all)
		slices.Reverse(reversed)
		lists = append(lists, all, reversed, nil, []string{"gibt-es-nicht"})
		for _, p := range periods {
			for _, ids := range lists {
				want := scanSessions(c, ids, p)
				found += len(want)
				offers := []*kiez.Offer{}
				untyped := []any{}
				for _, id := range ids {
					untyped = append(untyped, id)
					if j := slices.IndexFunc(c.Offers, func(o kiez.Offer) bool { return o.ID == id }); j >= 0 {
						offers = append(offers, &c.Offers[j])
					}
				}
				for round := range 2 {
					for name, got := range map[string]func() (any, error){
						"ids":    func() (any, error) { return sessionsOfIDs(ec, c, ids, p) },
						"offers": func() (any, error) { return sessionsOfOffers(ec, c, offers, p) },
						"any":    func() (any, error) { return sessionsOfAny(ec, c, untyped, p) },
						"boxed":  func() (any, error) { return boxed(ec, c, ids, p) },
					} {
						if name == "offers" && len(offers) != len(ids) {
							continue // an unknown id has no offer
						}
						v, err := got()
						if err != nil {
							t.Fatalf("%s %s: %v", c.ID, name, err)
						}
						if l, ok := v.([]*kiez.Session); ok && l != nil && slices.Equal(l, want) {
							checked++
							continue
						}
						if diff := cmp.Diff(want, v); diff != "" {
							t.Errorf("%s, %v, %v, %s, round %d (-scan +sessionsOf):\n%s", c.ID, ids, p, name, round, diff)
						}
						checked++
					}
				}
			}
		}
	}
	if checked == 0 || found == 0 {
		t.Errorf("checked %d calls that found %d sessions", checked, found)
	}
}

// TestSessionsByIDsHashCollision shows that two lists of ids under one
// hash are told apart: a memo entry of another list is not taken.
func TestSessionsByIDsHashCollision(t *testing.T) {
	c := &kiez.Centre{ID: "c", Sessions: []kiez.Session{{Offer: "a", Date: date.New(2024, 2, 1)}, {Offer: "b", Date: date.New(2024, 3, 1)}}}
	p := Year(2024)
	ec := newEvalCtx(context.Background(), newSharedCache(nil, 0, nil))
	sessionsByIDs(ec, c, []string{"a"}, false, p)
	// Forge a collision: b's key holding a's answer.
	var keys []memoKey
	for k := range ec.memo {
		keys = append(keys, k)
	}
	for _, k := range keys {
		v := ec.memo[k]
		k.hash = idsHash([]string{"b"})
		ec.memo[k] = v
	}
	got := sessionsByIDs(ec, c, []string{"b"}, false, p)
	if diff := cmp.Diff([]*kiez.Session{&c.Sessions[1]}, got); diff != "" {
		t.Errorf("sessions of b under a's memo entry (-want +got):\n%s", diff)
	}
}

// TestSessionsOfAllocatesTheList checks that sessionsOf by kind allocates
// only its answer when the kind has few offers.
func TestSessionsOfAllocatesTheList(t *testing.T) {
	c := &kiez.Centre{ID: "c", Offers: []kiez.Offer{{ID: "o1", Kind: "elterncafe"}, {ID: "o2", Kind: "beratung", EquivalentTo: "elterncafe"}},
		Sessions: []kiez.Session{{Offer: "o1", Date: date.New(2024, 2, 1)}, {Offer: "o2", Date: date.New(2024, 3, 1)}, {Offer: "o3", Date: date.New(2024, 3, 1)}}}
	p := Year(2024)
	if got := sessionsOf(c, "elterncafe", p); len(got) != 2 || got[0] != &c.Sessions[0] || got[1] != &c.Sessions[1] {
		t.Errorf("sessionsOf = %v", got)
	}
	if n := testing.AllocsPerRun(100, func() { sessionsOf(c, "elterncafe", p) }); n != 1 {
		t.Errorf("sessionsOf: %v allocations, want 1", n)
	}
}
