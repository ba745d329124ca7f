package compile

import (
	"github.com/rickb777/date"
)

// Boxes kept from run to run. A text or whole number a closure hands on
// as an interface (the element of a map's result, a key of groupBy, an
// argument of a function of the table, the value of the expression) is
// copied into a new interface each time; the same texts (ids, kinds,
// names) come back in rule after rule. A frame keeps the last boxes it
// made in small tables, by the text's contents, the number's value and
// the date's day, and hands such a box out again instead of making a
// new one:
// a box is never written to, so sharing it is safe. Go boxes whole
// numbers from 0 to 255, truth values and the empty text without
// allocating; the tables hold the others, and the dates read from
// records (a subject, a message and the evidence of a rule box the same
// date of the same meeting).

// textBoxes, intBoxes and dateBoxes are the numbers of boxes the tables
// keep (powers of two; textSlot takes the top textBoxBits bits of its
// hash); the tables together take 9.5 KB of a frame.
const (
	textBoxBits = 9
	textBoxes   = 1 << textBoxBits
	intBoxes    = 32
	dateBoxes   = 64
)

// boxTables are a frame's boxes of texts, whole numbers and dates.
type boxTables struct {
	texts [textBoxes]any
	ints  [intBoxes]any
	dates [dateBoxes]any
}

// textSlot is the place of a text in the table of texts: a hash of its
// length and its first and last eight bytes (all of a text up to sixteen
// bytes, and where ids of one kind differ: their prefix and their
// number), which is cheaper than hashing every byte and, unlike a hash
// with a random seed, the same in every process, so that which texts
// share a place, and so which runs reuse their boxes, does not change
// from run to run (a seeded hash made a run allocate now and then, where
// two of its texts happened to share a place). Two texts in one place
// cost a box, never a wrong value: reuseBox compares the texts.
func textSlot(s string) uint {
	const mul = 0x9e3779b97f4a7c15 // 2⁶⁴ divided by the golden ratio
	n := len(s)
	h := uint64(n)
	if n >= 8 {
		h ^= (load64(s)*mul ^ load64(s[n-8:])) * mul
	} else {
		for i := range n {
			h = h<<8 | uint64(s[i])
		}
	}
	h *= mul
	return uint(h >> (64 - textBoxBits))
}

// load64 reads the first eight bytes of s as a number (little-endian);
// s has at least eight.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// boxText returns s as an interface: a box of the same text made before,
// or a new one, which the table keeps.
func (f *Frame) boxText(s string) any {
	if len(s) == 0 {
		return s
	}
	return reuseBox(&f.boxes.texts[textSlot(s)], s)
}

// boxInt returns x as an interface, as boxText does for texts.
func (f *Frame) boxInt(x int) any {
	if x >= 0 && x < 256 {
		return x
	}
	return reuseBox(&f.boxes.ints[uint(x)&(intBoxes-1)], x)
}

// boxDate returns d as an interface, as boxText does for texts.
func (f *Frame) boxDate(d date.Date) any {
	return reuseBox(&f.boxes.dates[uint(d.DaysSinceEpoch())&(dateBoxes-1)], d)
}

// reuseBox returns the box in the table's entry e when it holds x, and
// otherwise boxes x and keeps the box there.
func reuseBox[T comparable](e *any, x T) any {
	if y, ok := (*e).(T); ok && y == x {
		return *e
	}
	*e = x
	return *e
}
