package rules

import "strings"

// paramRefs returns the names x of every "params.x" in an expression
// text, in order, where params starts a word and x is a letter followed
// by letters and digits: what the regular expression
// \bparams\.([A-Za-z][A-Za-z0-9]*) finds, without its cost (it was a
// twentieth of loading a programme).
func paramRefs(t string) []string {
	const prefix = "params."
	var out []string
	for i := 0; ; {
		j := strings.Index(t[i:], prefix)
		if j < 0 {
			return out
		}
		start := i + j
		i = start + 1
		if start > 0 && isWordByte(t[start-1]) {
			continue
		}
		k := start + len(prefix)
		if k >= len(t) || !isLetterByte(t[k]) {
			continue
		}
		end := k + 1
		for end < len(t) && (isLetterByte(t[end]) || isDigitByte(t[end])) {
			end++
		}
		out = append(out, t[k:end])
		i = end
	}
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isDigitByte(b byte) bool  { return b >= '0' && b <= '9' }

// isWordByte reports whether b is a word character of a regular
// expression's \b: a letter, a digit or the underscore.
func isWordByte(b byte) bool { return isLetterByte(b) || isDigitByte(b) || b == '_' }
