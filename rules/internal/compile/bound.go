package compile

// A bound of an expression's text, checked before it is parsed: how
// deeply its brackets nest (package rules sets the bound, MaxNesting, and
// that of the text's length). cost.go estimates what it may do.

// Nesting returns the deepest nesting of (), [] and {} in an expression,
// ignoring quoted text.
func Nesting(s string) int {
	depth, deepest := 0, 0
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case quote != 0:
			if r == '\\' {
				escaped = true
			} else if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == '(' || r == '[' || r == '{':
			depth++
			deepest = max(deepest, depth)
		case r == ')' || r == ']' || r == '}':
			depth--
		}
	}
	return deepest
}
