package source

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// parseYAMLFast parses the plain subset of YAML that data files are
// written in (kiez gen writes nothing else): block mappings and lists
// indented with spaces, flow mappings and lists on one line, plain and
// quoted scalars on one line, comments. It builds the same tree, with the
// same positions and scalar types, as ParseYAML's general path through
// go.yaml.in/yaml/v3, at several times its speed, and needs no second
// tree. Whenever it meets anything else (anchors, tags, block scalars, a
// scalar over several lines, an empty value, a duplicate key, a syntax
// error, a character YAML treats specially) it gives up and reports false,
// and the general path reads the file: it is an optimisation only, never a
// second definition of YAML. TestFastYAMLAgrees and FuzzFastYAML compare
// the two.
func parseYAMLFast(data []byte, in *Interner) (*Node, bool) {
	if fastYAMLDisabled || !fastYAMLText(data) {
		return nil, false
	}
	p := &fastYAML{data: data, li: newLineIndex(data), in: in}
	if !p.skipBlank() || p.indent() != 0 {
		return nil, false
	}
	n, ok := p.block(0, 0)
	if !ok || p.skipBlank() {
		// Text after the root node (a dedent to nowhere) is for the
		// general path to report.
		return nil, false
	}
	return n, true
}

// fastYAMLText reports whether data holds only characters the fast path
// reads the way YAML does: valid UTF-8 without a byte-order mark, line
// feeds as the only line breaks, no tabs and no characters YAML refuses
// or treats as breaks.
func fastYAMLText(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if (i == 0 || data[i-1] == '\n') && (c == '-' || c == '.') && len(data)-i >= 3 && data[i+1] == c && data[i+2] == c &&
			(len(data)-i == 3 || data[i+3] == ' ' || data[i+3] == '\n') {
			return false // a document marker, --- or ...
		}
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || r < 0xA0 || r == 0x2028 || r == 0x2029 || r == 0xFEFF ||
			(r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}

// maxSimpleKey is the longest key the fast path reads; YAML allows
// at most 1024 characters from a key's start to its colon.
const maxSimpleKey = 1000

// fastYAMLDisabled turns the fast path off, for tests that compare it
// with the general one.
var fastYAMLDisabled bool

type fastYAML struct {
	data []byte
	li   *lineIndex
	off  int
	// slab holds nodes made in bulk: one allocation per 256 nodes
	// instead of one per node.
	slab []Node
	// in shares repeated texts with other files; nil shares nothing.
	in *Interner
	// stack holds the children of the collections being parsed, nested
	// ones above their parents', until each collection is complete and
	// gets them in lists of its exact length, cut from pslab.
	stack []*Node
	pslab []*Node
}

// children returns the nodes on the stack from mark as a list of their
// exact length, and takes them off the stack; nil when there are none.
func (p *fastYAML) children(mark int) []*Node {
	n := len(p.stack) - mark
	if n == 0 {
		return nil
	}
	out := p.ptrs(n)
	copy(out, p.stack[mark:])
	p.stack = p.stack[:mark]
	return out
}

// pairs splits the keys and values on the stack from mark, pushed in
// turn, into two lists, and takes them off the stack.
func (p *fastYAML) pairs(mark int) (keys, values []*Node) {
	n := (len(p.stack) - mark) / 2
	if n == 0 {
		return nil, nil
	}
	keys, values = p.ptrs(n), p.ptrs(n)
	for i := range n {
		keys[i], values[i] = p.stack[mark+2*i], p.stack[mark+2*i+1]
	}
	p.stack = p.stack[:mark]
	return keys, values
}

// ptrs returns a list of n node pointers, cut from a block made in bulk;
// its capacity is its length, so that appending to it copies.
func (p *fastYAML) ptrs(n int) []*Node {
	const block = 1024
	if n > block/4 {
		return make([]*Node, n)
	}
	if p.in != nil {
		return p.in.ptrs.take(n)
	}
	if len(p.pslab) < n {
		p.pslab = make([]*Node, block)
	}
	out := p.pslab[:n:n]
	p.pslab = p.pslab[n:]
	return out
}

// dupKey reports whether the mapping whose keys and values stand on the
// stack from mark already has the key k. A mapping of many keys is
// looked up in seen, which dupKey fills on first need.
func (p *fastYAML) dupKey(mark int, k string, seen *map[string]bool) bool {
	const linear = 16
	pairs := p.stack[mark:]
	if *seen == nil {
		if len(pairs) < 2*linear {
			for i := 0; i < len(pairs); i += 2 {
				if pairs[i].Value == k {
					return true
				}
			}
			return false
		}
		*seen = make(map[string]bool, len(pairs))
		for i := 0; i < len(pairs); i += 2 {
			(*seen)[pairs[i].Value] = true
		}
	}
	return (*seen)[k]
}

// node returns a new node.
func (p *fastYAML) node(n Node) *Node {
	if p.in != nil {
		m := &p.in.nodes.take(1)[0]
		*m = n
		return m
	}
	if len(p.slab) == 0 {
		p.slab = make([]Node, 256)
	}
	m := &p.slab[0]
	p.slab = p.slab[1:]
	*m = n
	return m
}

// lineStart returns the offset of the start of the line holding off.
func (p *fastYAML) lineStart(off int) int {
	for off > 0 && p.data[off-1] != '\n' {
		off--
	}
	return off
}

// indent returns the column (from 0) of p.off in its line; the line holds
// only spaces before it.
func (p *fastYAML) indent() int { return p.off - p.lineStart(p.off) }

// skipBlank moves to the first character of the next line with content,
// past spaces, line ends and comments; it reports false at the end.
func (p *fastYAML) skipBlank() bool {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case ' ', '\n':
			p.off++
		case '#':
			if p.off > 0 && p.data[p.off-1] != ' ' && p.data[p.off-1] != '\n' {
				return true
			}
			for p.off < len(p.data) && p.data[p.off] != '\n' {
				p.off++
			}
		default:
			return true
		}
	}
	return false
}

// endOfLine skips spaces and a comment to the end of the line; it
// reports false when anything else follows.
func (p *fastYAML) endOfLine() bool {
	start := p.off
	for p.off < len(p.data) && p.data[p.off] == ' ' {
		p.off++
	}
	if p.off == len(p.data) || p.data[p.off] == '\n' {
		return true
	}
	if p.data[p.off] == '#' && (p.off > start || (p.off > 0 && p.data[p.off-1] == ' ')) {
		for p.off < len(p.data) && p.data[p.off] != '\n' {
			p.off++
		}
		return true
	}
	return false
}

func (p *fastYAML) at(s string) bool {
	return len(p.data)-p.off >= len(s) && string(p.data[p.off:p.off+len(s)]) == s
}

// dash reports whether p.off starts a list item: "-" then a space or the
// end of the line.
func (p *fastYAML) dash() bool {
	return p.at("-") && (p.off+1 == len(p.data) || p.data[p.off+1] == ' ' || p.data[p.off+1] == '\n')
}

// block parses the block node at p.off, whose line is indented by ind.
func (p *fastYAML) block(ind, depth int) (*Node, bool) {
	if depth > MaxDepth {
		return nil, false
	}
	if p.dash() {
		return p.sequence(ind, depth)
	}
	if c := p.data[p.off]; c == '{' || c == '[' {
		n, ok := p.flow(depth)
		return n, ok && p.endOfLine()
	}
	return p.mapping(ind, depth)
}

// sequence parses a block list whose dashes are in column ind.
func (p *fastYAML) sequence(ind, depth int) (*Node, bool) {
	n := p.node(Node{Kind: KindSeq, Pos: p.li.posAt(p.off)})
	mark := len(p.stack)
	for {
		p.off++ // the dash
		item, ok := p.afterIndicator(ind, depth+1)
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, item)
		if !p.skipBlank() {
			n.Items = p.children(mark)
			n.End = blockEnd(n)
			return n, true
		}
		switch in := p.indent(); {
		case in < ind:
			n.Items = p.children(mark)
			n.End = blockEnd(n)
			return n, true
		case in > ind:
			return nil, false
		case !p.dash():
			n.Items = p.children(mark)
			n.End = blockEnd(n)
			return n, true // a key of the mapping this list is the value of
		}
	}
}

// afterIndicator parses the value after a dash or a key's colon, on the
// same line or, when the line ends there, on the lines below indented
// more than ind.
func (p *fastYAML) afterIndicator(ind, depth int) (*Node, bool) {
	if p.off < len(p.data) && p.data[p.off] != ' ' && p.data[p.off] != '\n' {
		return nil, false
	}
	for p.off < len(p.data) && p.data[p.off] == ' ' {
		p.off++
	}
	if p.endOfLine() {
		if !p.skipBlank() || p.indent() <= ind {
			return nil, false // an empty value
		}
		return p.block(p.indent(), depth)
	}
	if p.dash() {
		return nil, false // a list in a list on one line
	}
	col := p.indent()
	if p.keyAhead() {
		// "- id: a": a mapping whose keys stand in this column.
		return p.mapping(col, depth)
	}
	n, ok := p.inline(depth)
	return n, ok && p.endOfLine()
}

// keyAhead reports whether the line from p.off starts with a key and its
// colon.
func (p *fastYAML) keyAhead() bool {
	save := p.off
	defer func() { p.off = save }()
	_, ok := p.key()
	return ok
}

// key parses a mapping key and its colon.
func (p *fastYAML) key() (*Node, bool) {
	var k *Node
	var ok bool
	switch p.data[p.off] {
	case '"', '\'':
		k, ok = p.quoted()
	default:
		k, ok = p.plain(false)
	}
	if !ok || !p.at(":") || (p.off+1 < len(p.data) && p.data[p.off+1] != ' ' && p.data[p.off+1] != '\n') ||
		p.off-k.Pos.Byte > maxSimpleKey {
		return nil, false
	}
	p.off++
	return k, true
}

// mapping parses a block mapping whose keys stand in column ind; p.off is
// at its first key.
func (p *fastYAML) mapping(ind, depth int) (*Node, bool) {
	n := p.node(Node{Kind: KindMap, Pos: p.li.posAt(p.off)})
	mark := len(p.stack)
	var seen map[string]bool
	for {
		k, ok := p.key()
		if !ok || k.Kind != KindScalar || k.Value == "<<" || p.dupKey(mark, k.Value, &seen) {
			return nil, false
		}
		if seen != nil {
			seen[k.Value] = true
		}
		var v *Node
		if p.off < len(p.data) && p.data[p.off] != '\n' {
			for p.off < len(p.data) && p.data[p.off] == ' ' {
				p.off++
			}
		}
		if p.endOfLine() {
			// The value is below: indented more, or a list whose
			// dashes stand in the keys' column.
			if !p.skipBlank() {
				return nil, false
			}
			switch in := p.indent(); {
			case in > ind:
				v, ok = p.block(in, depth+1)
			case in == ind && p.dash():
				v, ok = p.sequence(in, depth+1)
			default:
				return nil, false
			}
		} else {
			if p.dash() {
				return nil, false
			}
			v, ok = p.inline(depth + 1)
			ok = ok && p.endOfLine()
		}
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, k, v)
		if !p.skipBlank() {
			n.Keys, n.Values = p.pairs(mark)
			n.End = blockEnd(n)
			return n, true
		}
		switch in := p.indent(); {
		case in < ind:
			n.Keys, n.Values = p.pairs(mark)
			n.End = blockEnd(n)
			return n, true
		case in > ind, p.dash():
			return nil, false
		}
	}
}

// inline parses a value that starts and ends on this line: a flow
// collection or a scalar.
func (p *fastYAML) inline(depth int) (*Node, bool) {
	switch p.data[p.off] {
	case '{', '[':
		return p.flow(depth)
	case '"', '\'':
		return p.quoted()
	}
	return p.plain(false)
}

// flow parses a flow mapping or list that closes on the same line.
func (p *fastYAML) flow(depth int) (*Node, bool) {
	if depth > MaxDepth {
		return nil, false
	}
	open := p.data[p.off]
	n := p.node(Node{Kind: KindSeq, Pos: p.li.posAt(p.off)})
	closer := byte(']')
	if open == '{' {
		n.Kind, closer = KindMap, '}'
	}
	p.off++
	p.spaces()
	if p.at(string(closer)) {
		p.off++
		n.End = p.li.posAt(p.off)
		return n, true
	}
	mark := len(p.stack)
	var seen map[string]bool
	for {
		if p.off >= len(p.data) {
			return nil, false
		}
		if open == '{' {
			var k *Node
			var ok bool
			quoted := p.data[p.off] == '"' || p.data[p.off] == '\''
			if quoted {
				k, ok = p.quoted()
			} else {
				k, ok = p.plain(true)
			}
			if !ok || k.Kind != KindScalar || k.Value == "<<" || p.dupKey(mark, k.Value, &seen) {
				return nil, false
			}
			if seen != nil {
				seen[k.Value] = true
			}
			p.spaces()
			if p.off-k.Pos.Byte > maxSimpleKey {
				return nil, false
			}
			// A plain key needs ": "; after a quoted one the value may
			// follow the colon at once, as in JSON.
			if !p.at(":") || (!quoted && !p.at(": ")) {
				return nil, false
			}
			p.off++
			p.spaces()
			v, ok := p.flowValue(depth + 1)
			if !ok {
				return nil, false
			}
			p.stack = append(p.stack, k, v)
		} else {
			v, ok := p.flowValue(depth + 1)
			if !ok {
				return nil, false
			}
			p.spaces()
			if p.at(":") {
				return nil, false // a single-pair mapping in a list
			}
			p.stack = append(p.stack, v)
		}
		p.spaces()
		switch {
		case p.at(string(closer)):
			p.off++
			if open == '{' {
				n.Keys, n.Values = p.pairs(mark)
			} else {
				n.Items = p.children(mark)
			}
			n.End = p.li.posAt(p.off)
			return n, true
		case p.at(","):
			p.off++
			p.spaces()
			if p.at(string(closer)) {
				return nil, false // a trailing comma
			}
		default:
			return nil, false
		}
	}
}

func (p *fastYAML) spaces() {
	for p.off < len(p.data) && p.data[p.off] == ' ' {
		p.off++
	}
}

func (p *fastYAML) flowValue(depth int) (*Node, bool) {
	if p.off >= len(p.data) {
		return nil, false
	}
	switch p.data[p.off] {
	case '{', '[':
		return p.flow(depth)
	case '"', '\'':
		return p.quoted()
	}
	return p.plain(true)
}

// plain parses a plain scalar on this line. In a flow collection it ends
// before ",", "[", "]", "{", "}"; everywhere before ": ", " #" or the end
// of the line. A scalar that would need more care is refused.
func (p *fastYAML) plain(inFlow bool) (*Node, bool) {
	start := p.off
	if p.off >= len(p.data) {
		return nil, false
	}
	switch c := p.data[p.off]; c {
	case '-', '?', ':':
		if p.off+1 >= len(p.data) || p.data[p.off+1] == ' ' || p.data[p.off+1] == '\n' || c != '-' {
			return nil, false
		}
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\n':
		return nil, false
	}
	end := p.off
	for p.off < len(p.data) {
		c := p.data[p.off]
		if c == '\n' {
			break
		}
		if c == ':' && (p.off+1 == len(p.data) || p.data[p.off+1] == ' ' || p.data[p.off+1] == '\n' ||
			(inFlow && isFlowIndicator(p.data[p.off+1]))) {
			break
		}
		if c == '#' && p.data[p.off-1] == ' ' {
			break
		}
		if inFlow && (isFlowIndicator(c) || c == '?') {
			break
		}
		p.off++
		if c != ' ' {
			end = p.off
		}
	}
	p.off = end
	return p.scalar(start, p.in.str(p.data[start:end]))
}

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}

// digits reports whether s is a non-empty run of ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// fastInt reports whether s is a whole number of at most 18 digits without
// leading zeros: one that yaml.v3 reads as an integer.
func fastInt(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return digits(s) && len(s) <= 18 && (s == "0" || s[0] != '0')
}

// fastFloat reports whether s is a decimal of at most 9 digits before and
// after the point, without leading zeros: one yaml.v3 reads as a float.
func fastFloat(s string) bool {
	whole, frac, ok := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	return ok && digits(whole) && len(whole) <= 9 && (whole == "0" || whole[0] != '0') && digits(frac) && len(frac) <= 9
}

// fastDate reports whether s has the form YYYY-MM-DD, and fastMonth
// whether it has the form YYYY-M or YYYY-MM.
func fastDate(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s[:4]) && digits(s[5:7]) && digits(s[8:])
}

func fastMonth(s string) bool {
	return (len(s) == 6 || len(s) == 7) && s[4] == '-' && digits(s[:4]) && digits(s[5:])
}

// scalar types a plain scalar the way yaml.v3 resolves it, or refuses it
// when that is not sure; p.off is just after the scalar.
func (p *fastYAML) scalar(start int, v string) (*Node, bool) {
	n := p.node(Node{Kind: KindScalar, Type: TypeString, Style: StylePlain, Value: v, Pos: p.li.posAt(start)})
	n.End = p.li.posAt(p.off)
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		n.Type = TypeBool
		return n, true
	case "", "~", "null", "Null", "NULL":
		n.Kind = KindNull
		return n, true
	case "<<":
		return nil, false
	}
	switch c := v[0]; {
	case c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9'):
		switch {
		case fastInt(v):
			n.Type = TypeInt
		case fastFloat(v):
			n.Type = TypeFloat
		case fastDate(v):
			if _, err := time.Parse("2006-1-2", v); err == nil {
				n.Type = TypeDate
			}
		case fastMonth(v):
			// A month such as 2024-03: no timestamp (it has no day) and
			// no number, so text.
		case !numberLike(v):
			// A letter no number or timestamp holds: text.
		default:
			return nil, false
		}
	}
	return n, true
}

// numberLike reports whether s holds only characters that some number or
// timestamp yaml.v3 reads may hold.
func numberLike(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
		case c == '+' || c == '-' || c == '.' || c == '_' || c == ':' || c == ' ':
		case c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'n' || c == 'N' || c == 'i' || c == 'I':
		case c == 't' || c == 'T' || c == 'z' || c == 'Z':
		default:
			return false
		}
	}
	return true
}

// quoted parses a single- or double-quoted scalar that ends on this line.
func (p *fastYAML) quoted() (*Node, bool) {
	start := p.off
	q := p.data[p.off]
	p.off++
	// b collects the value once it differs from the text between the
	// quotes (an escape or a doubled quote); until then it is nil.
	var b []byte
	copied := false
	from := p.off
	for {
		if p.off >= len(p.data) || p.data[p.off] == '\n' {
			return nil, false
		}
		c := p.data[p.off]
		switch {
		case c == q && q == '\'' && p.off+1 < len(p.data) && p.data[p.off+1] == '\'':
			if !copied {
				b, copied = append([]byte(nil), p.data[from:p.off]...), true
			}
			b = append(b, '\'')
			p.off += 2
			continue
		case c == q:
			value := p.in.str(b)
			if !copied {
				value = p.in.str(p.data[from:p.off])
			}
			p.off++
			n := p.node(Node{Kind: KindScalar, Type: TypeString, Style: StyleDouble, Value: value, Pos: p.li.posAt(start)})
			n.End = p.li.posAt(p.off)
			if q == '\'' {
				n.Style = StyleSingle
			}
			return n, true
		case c == '\\' && q == '"':
			r, size, ok := fastEscape(p.data[p.off:])
			if !ok {
				return nil, false
			}
			if !copied {
				b, copied = append([]byte(nil), p.data[from:p.off]...), true
			}
			b = utf8.AppendRune(b, r)
			p.off += size
			continue
		}
		if copied {
			b = append(b, c)
		}
		p.off++
	}
}

// yamlEscapes are the one-character escapes of double-quoted YAML
// scalars that yaml.v3 knows.
var yamlEscapes = map[byte]rune{'0': 0, 'a': 7, 'b': 8, 't': 9, 'n': 10, 'v': 11, 'f': 12, 'r': 13, 'e': 0x1B,
	' ': ' ', '"': '"', '\'': '\'', '\\': '\\', 'N': 0x85, '_': 0xA0, 'L': 0x2028, 'P': 0x2029}

// fastEscape decodes an escape sequence of a double-quoted scalar.
func fastEscape(s []byte) (rune, int, bool) {
	if len(s) < 2 {
		return 0, 0, false
	}
	if r, ok := yamlEscapes[s[1]]; ok {
		return r, 2, true
	}
	var width int
	switch s[1] {
	case 'x':
		width = 2
	case 'u':
		width = 4
	case 'U':
		width = 8
	}
	if width == 0 || len(s) < 2+width {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(string(s[2:2+width]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, 0, false
	}
	return rune(v), 2 + width, true
}
