package rules

import (
	"fmt"
	"hash/maphash"
	"slices"

	"github.com/kiez-go/kiez/kiez"
)

// The sessions of a centre by the offers they belong to: sessionsOf by a
// kind of offer or by a list of offers or offer ids.

// sessionsOf lists the held sessions in the period of the offers that
// count as the kind.
func sessionsOf(c *kiez.Centre, kind string, p Period) []*kiez.Session {
	if c == nil {
		return nil
	}
	var buf [8]string // the ids of the few offers a kind usually has, without an allocation
	match := buf[:0]
	for i := range c.Offers {
		if offerCounts(&c.Offers[i], kind) {
			match = append(match, c.Offers[i].ID)
		}
	}
	return heldSessions(c, match, p)
}

// heldSessions lists the sessions of a centre in the period, not
// cancelled, of the offers with the given ids, in a list of their exact
// number (never nil).
func heldSessions(c *kiez.Centre, ids []string, p Period) []*kiez.Session {
	if c == nil || len(ids) == 0 {
		return []*kiez.Session{}
	}
	return pick(c.Sessions, func(s *kiez.Session) bool { return !s.Cancelled && p.Contains(s.Date) && slices.Contains(ids, s.Offer) })
}

// sessionsByIDs is sessionsOf(centre, offers or ids, period), memoised per
// centre by a hash of the ids (idsHash), which the memo keeps with the
// answer to tell two lists of one hash apart: the list itself when owned
// (made for the call), else a copy.
func sessionsByIDs(ec *evalCtx, c *kiez.Centre, ids []string, owned bool, p Period) any {
	if ec == nil {
		return heldSessions(c, ids, p)
	}
	type answer struct {
		ids  []string
		list any
	}
	k := memoKey{fn: memoSessionsByIDs, centre: c, per: p, hash: idsHash(ids)}
	if v, ok := ec.memo[k]; ok {
		if a := v.(answer); slices.Equal(a.ids, ids) {
			return a.list
		}
		return heldSessions(c, ids, p) // another list of the same hash
	}
	list := any(heldSessions(c, ids, p))
	if !owned {
		ids = slices.Clone(ids)
	}
	ec.memo[k] = answer{ids, list}
	return list
}

// idsHash is the hash of a list of ids, each ended by a zero byte, with
// the standard library's maphash (idsSeed: one seed for the process, so
// that the memo finds a list's entry again).
func idsHash(ids []string) uint64 {
	var h maphash.Hash
	h.SetSeed(idsSeed)
	for _, id := range ids {
		h.WriteString(id)
		h.WriteByte(0)
	}
	return h.Sum64()
}

var idsSeed = maphash.MakeSeed()

// idsOfOffers returns the ids of a list of offers.
func idsOfOffers(l []*kiez.Offer) []string {
	ids := make([]string, len(l))
	for i, o := range l {
		ids[i] = o.ID
	}
	return ids
}

// idsOfAny returns the ids of a list of offers and offer ids as expr's
// filter and map give it.
func idsOfAny(l []any) ([]string, error) {
	ids := make([]string, 0, len(l))
	for _, x := range l {
		switch o := x.(type) {
		case string:
			ids = append(ids, o)
		case *kiez.Offer:
			if o != nil {
				ids = append(ids, o.ID)
			}
		case kiez.Offer:
			ids = append(ids, o.ID)
		default:
			return nil, fmt.Errorf("sessionsOf: %T is neither an offer nor an offer id", x)
		}
	}
	return ids, nil
}
