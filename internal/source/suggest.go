package source

import "unicode/utf8"

// Suggest returns the candidate closest to name by edit distance, or "" when
// none is close enough to be a likely misspelling.
func Suggest(name string, candidates []string) string {
	best, bestDist := "", -1
	limit := utf8.RuneCountInString(name)/3 + 1
	if limit < 2 {
		limit = 2
	}
	for _, c := range candidates {
		dist := editDistance(lower(name), lower(c))
		// Of equally close candidates the first in sort order wins, so
		// that the suggestion does not depend on the candidates' order
		// (often a map's).
		if dist <= limit && (bestDist < 0 || dist < bestDist || dist == bestDist && c < best) {
			best, bestDist = c, dist
		}
	}
	return best
}

func lower(s string) []rune {
	r := []rune(s)
	for i, c := range r {
		if c >= 'A' && c <= 'Z' {
			r[i] = c + 'a' - 'A'
		}
	}
	return r
}

// editDistance is the Levenshtein distance between two rune slices.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
