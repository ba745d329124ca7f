package whatif

import (
	"strconv"
	"strings"

	"github.com/kiez-go/kiez/rules"
)

// yearShift returns n when the new period is the old one shifted by n
// whole years (n ≠ 0), else 0.
func yearShift(old, new rules.Period) int {
	n := new.From.Year() - old.From.Year()
	if n == 0 || !old.From.AddDate(n, 0, 0).Equal(new.From) || !old.Until.AddDate(n, 0, 0).Equal(new.Until) {
		return 0
	}
	return n
}

// shifter rewrites the years of the old period in a text: every number
// of four digits standing alone (not part of a longer number) between
// the year before the period and the year after it is shifted by n.
// Dates ("31.12.2024", "2024-03-04"), bucket labels ("2024-H2") and ids
// that carry a year ("austauschtreffen-2024-h2") are so matched with
// their counterparts a year on.
type shifter struct {
	n      int
	lo, hi int
}

func newShifter(old rules.Period, n int) shifter {
	return shifter{n: n, lo: old.From.Year() - 1, hi: old.Until.Year() + 1}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// text returns s with its years shifted; s itself when nothing is to be
// shifted.
func (s shifter) text(t string) string {
	if s.n == 0 {
		return t
	}
	var b *strings.Builder
	last := 0
	for i := 0; i+4 <= len(t); i++ {
		if !isDigit(t[i]) || (i > 0 && isDigit(t[i-1])) {
			continue
		}
		j := i
		for j < len(t) && isDigit(t[j]) {
			j++
		}
		if j-i != 4 {
			i = j
			continue
		}
		y, _ := strconv.Atoi(t[i:j])
		if y < s.lo || y > s.hi {
			i = j
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.Grow(len(t))
		}
		b.WriteString(t[last:i])
		b.WriteString(strconv.Itoa(y + s.n))
		last, i = j, j
	}
	if b == nil {
		return t
	}
	b.WriteString(t[last:])
	return b.String()
}
