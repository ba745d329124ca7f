package compile

// Bounds of an expression's text, checked before it is parsed: its length
// and how deeply its brackets nest. cost.go bounds what it may do.

// MaxExpressionLength bounds the text of one expression, in bytes. Real
// expressions stay below a few hundred; the bound keeps expr's recursive
// parser from overflowing the stack on a hostile chain of prefix operators
// ("!!!…!true"), which no recover can catch.
const MaxExpressionLength = 20000

// MaxNesting bounds how deeply brackets may nest in an expression; real
// rules stay far below it, and the bound keeps a hostile file from making
// the parser recurse without end.
const MaxNesting = 64

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
