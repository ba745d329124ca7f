package source

import "github.com/shopspring/decimal"

// Interner lets the files that one goroutine reads share the values that
// repeat in them: the text of keys and of short scalars (ids, kinds,
// roles, the offer of every session), and the decimals decoded from the
// same text. A dataset decoded from many files then holds each repeated
// text once, as a dataset built in memory from shared values does, and
// reading allocates far less. Long texts (names, notes) are not shared;
// the tables are bounded and start afresh when full, so that a file of
// unique values costs no more than without an Interner.
//
// An Interner is not safe for concurrent use: give each goroutine its
// own. A nil *Interner shares nothing.
type Interner struct {
	strs map[string]string
	decs map[string]decimal.Decimal
}

const (
	// maxInternLen is the longest text shared.
	maxInternLen = 128
	// maxInterned bounds the entries of each table.
	maxInterned = 1 << 15
)

// NewInterner returns an empty Interner.
func NewInterner() *Interner {
	return &Interner{strs: map[string]string{}, decs: map[string]decimal.Decimal{}}
}

// str returns b as a string, shared with an earlier equal one when b is
// short.
func (in *Interner) str(b []byte) string {
	if in == nil || len(b) == 0 || len(b) > maxInternLen {
		return string(b)
	}
	if s, ok := in.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in.strs) >= maxInterned {
		clear(in.strs)
	}
	in.strs[s] = s
	return s
}

// decimal parses s as ParseDecimal does, sharing the value of an earlier
// equal text. A decimal is immutable, so sharing its coefficient is safe.
func (in *Interner) decimal(s string) (decimal.Decimal, error) {
	if in == nil || len(s) > maxInternLen {
		return ParseDecimal(s)
	}
	if d, ok := in.decs[s]; ok {
		return d, nil
	}
	d, err := ParseDecimal(s)
	if err != nil {
		return d, err
	}
	if len(in.decs) >= maxInterned {
		clear(in.decs)
	}
	in.decs[s] = d
	return d, nil
}
