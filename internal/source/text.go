package source

import (
	"unicode"
	"unicode/utf8"
)

// maxIntText is the longest text of a whole number that is parsed at all:
// a 64-bit integer has at most 20 characters, so anything longer is out of
// range without looking at its digits.
const maxIntText = 40

// maxDecimalText is the longest text of a decimal number that is parsed at
// all: MaxDecimalDigits digits with sign, point, leading zeros and an
// exponent fit easily.
const maxDecimalText = 2*MaxDecimalDigits + 16

// ForbiddenRune returns the first character of s that no text field may
// hold, its index in characters (from 0), and whether there is one. Tab
// and line feed are allowed; every other control character (C0, DEL, C1)
// and the invisible marks that change the direction of text (U+061C,
// U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) are not: they would
// move the cursor, recolour a terminal or reorder what a report shows.
func ForbiddenRune(s string) (rune, int, bool) {
	i := 0
	for _, r := range s {
		if Forbidden(r) {
			return r, i, true
		}
		i++
	}
	return 0, 0, false
}

// Forbidden reports whether no text field may hold the character r (see
// ForbiddenRune).
func Forbidden(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case unicode.IsControl(r):
		return true
	case r == 0x061C || r == 0x200E || r == 0x200F,
		r >= 0x202A && r <= 0x202E,
		r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// checkText reports a scalar holding a forbidden character; it returns
// whether the text is fine.
func (d *decoder) checkText(n *Node, path *dataPath) bool {
	r, i, bad := ForbiddenRune(n.Value)
	if !bad {
		return true
	}
	d.addf(n, path, "Remove it: control characters (other than tab and line break) and direction marks would change how the text appears in a terminal, a report or a spreadsheet.",
		"the text holds the control character %U at character %d", r, i+1)
	return false
}

// clip shortens s to at most n bytes without cutting a character, marking
// the cut with "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
