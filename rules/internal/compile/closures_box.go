package compile

import "hash/maphash"

// Boxes kept from run to run. A text or whole number a closure hands on
// as an interface (the element of a map's result, a key of groupBy, an
// argument of a function of the table, the value of the expression) is
// copied into a new interface each time; the same texts (ids, kinds,
// names) come back in rule after rule. A frame keeps the last boxes it
// made in two small tables, by the text's contents and by the number's
// value, and hands such a box out again instead of making a new one:
// a box is never written to, so sharing it is safe. Go boxes whole
// numbers from 0 to 255, truth values and the empty text without
// allocating; the tables hold the others.

// textBoxes and intBoxes are the numbers of boxes the tables keep
// (powers of two); the two tables together take 2.5 KB of a frame.
const (
	textBoxes = 128
	intBoxes  = 32
)

// boxTables are a frame's boxes of texts and of whole numbers.
type boxTables struct {
	texts [textBoxes]any
	ints  [intBoxes]any
}

// boxSeed is the seed of the hashes of texts.
var boxSeed = maphash.MakeSeed()

// boxText returns s as an interface: a box of the same text made before,
// or a new one, which the table keeps.
func (f *Frame) boxText(s string) any {
	if len(s) == 0 {
		return s
	}
	e := &f.boxes.texts[maphash.String(boxSeed, s)&(textBoxes-1)]
	if x, ok := (*e).(string); ok && x == s {
		return *e
	}
	*e = s
	return *e
}

// boxInt returns x as an interface, as boxText does for texts.
func (f *Frame) boxInt(x int) any {
	if x >= 0 && x < 256 {
		return x
	}
	e := &f.boxes.ints[uint(x)&(intBoxes-1)]
	if y, ok := (*e).(int); ok && y == x {
		return *e
	}
	*e = x
	return *e
}
