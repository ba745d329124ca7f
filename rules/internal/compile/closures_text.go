package compile

// Texts without interfaces. A message of a rule is written from the
// values of its parts, most of them texts (a name, an id, a choice of
// words); RunText gives such a value as the text it is, without copying
// it into an interface only to take it out again.

// Text reports whether the closure's value is a text whatever the
// variables (its checked type, kept typed by the closures).
func (c *Closure) Text() bool { return c.root.s != nil }

// RunText is Run for a closure whose value is a text (Text); ok is false
// when it failed in any way, or when its value is not kept as a text.
func (c *Closure) RunText(f *Frame, env map[string]any, memoryBudget uint) (out string, ok bool) {
	if c.root.s == nil {
		return "", false
	}
	defer func() {
		if recover() != nil {
			out, ok = "", false
		}
	}()
	c.begin(f, env, memoryBudget)
	s, err := c.root.s(f)
	c.end(f)
	if err != nil {
		return "", false
	}
	return s, true
}
