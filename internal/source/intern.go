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
	// nodes and ptrs are the blocks of the node trees of the fast YAML
	// path, handed out again after Recycle: the trees of the files one
	// worker reads in turn then cost no new memory.
	nodes blocks[Node]
	ptrs  blocks[*Node]
}

// Recycle tells the Interner that no node tree it helped to parse is used
// any more: their memory is reused by the next parse. Values decoded
// from the trees do not point into them and stay valid.
func (in *Interner) Recycle() {
	if in == nil {
		return
	}
	in.nodes.recycle()
	in.ptrs.recycle()
}

// blocks hands out slices of T cut from blocks made in bulk, and the
// same memory again after recycle.
type blocks[T any] struct {
	list [][]T
	// next is the index of the next block to cut from; rest is what is
	// left of the block being cut.
	next int
	rest []T
}

// The size of a block, and how many blocks are kept for reuse; a file
// whose tree needs more gets new ones, which recycle drops.
const (
	blockLen   = 1024
	keptBlocks = 64
)

// take returns a slice of n values, zero or reused, whose capacity is its
// length; n is at most blockLen.
func (b *blocks[T]) take(n int) []T {
	if len(b.rest) < n {
		if b.next == len(b.list) {
			b.list = append(b.list, make([]T, blockLen))
		}
		b.rest = b.list[b.next]
		b.next++
	}
	out := b.rest[:n:n]
	b.rest = b.rest[n:]
	return out
}

func (b *blocks[T]) recycle() {
	if len(b.list) > keptBlocks {
		clear(b.list[keptBlocks:])
		b.list = b.list[:keptBlocks]
	}
	b.next, b.rest = 0, nil
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
