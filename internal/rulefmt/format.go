package rulefmt

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/kiez-go/kiez/internal/source"
)

// LongLine is the longest line, in characters, that an expression or a
// message written on the line of its key may make; a longer one becomes a
// block text (">-").
const LongLine = 100

// Kind is the kind of file Format formats.
type Kind int

// The kinds of file. The zero value is no file Format knows.
const (
	// Other is a file that is neither a rule file nor a rule test file,
	// such as a data file; Format refuses it.
	Other Kind = iota
	// RuleFile is a rule file: a mapping with rules, requirements, params
	// or manual.
	RuleFile
	// TestFile is a rule test file: a mapping with cases.
	TestFile
)

// String names the kind in German, for messages.
func (k Kind) String() string {
	switch k {
	case RuleFile:
		return "Regeldatei"
	case TestFile:
		return "Regeltestdatei"
	}
	return "weder Regel- noch Regeltestdatei"
}

// Error is a file that Format cannot format: a YAML syntax error, a file
// of another kind, or a construct the formatter does not write (anchors
// and aliases, keys that are not texts). Line and Column count from 1;
// they are 0 when the problem has no place.
type Error struct {
	Line, Column int
	Message      string
}

// Error returns "line:col: message", or the message alone without a place.
func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Message
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message)
}

// Detect returns the kind of the file src: TestFile when its top level
// has the key cases, RuleFile when it has rules, requirements, params or
// manual (and is not a data file with centres or programmes), Other
// otherwise, also when src is not YAML.
func Detect(src []byte) Kind {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) != 1 {
		return Other
	}
	return detect(doc.Content[0])
}

func detect(root *yaml.Node) Kind {
	if root.Kind != yaml.MappingNode {
		return Other
	}
	keys := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		keys[root.Content[i].Value] = true
	}
	switch {
	case keys["cases"]:
		return TestFile
	case keys["centres"] || keys["programmes"]:
		return Other
	case keys["rules"] || keys["requirements"] || keys["params"] || keys["manual"]:
		return RuleFile
	}
	return Other
}

// Format returns src, a rule file or a rule test file, in the canonical
// layout (see the package documentation). A formatted text ends in one
// newline. The error is an *Error; src is never changed.
func Format(src []byte) ([]byte, error) {
	if _, err := source.ParseYAML(src); err != nil {
		var se *source.SyntaxError
		if errors.As(err, &se) {
			return nil, &Error{Line: se.Pos.Line, Column: se.Pos.Column, Message: se.Message}
		}
		return nil, &Error{Message: err.Error()}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, &Error{Message: "YAML syntax: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, &Error{Line: 1, Column: 1, Message: "the file is empty"}
	}
	root := doc.Content[0]
	kind := detect(root)
	if kind == Other {
		return nil, &Error{Line: root.Line, Column: root.Column,
			Message: "not a rule file or a rule test file: its top level has none of the keys rules, requirements, params, manual (rule file) or cases (test file)"}
	}
	if err := refuse(root); err != nil {
		return nil, err
	}
	wantComments := comments(&doc)
	order(root, kind, section(kind))
	p := &printer{src: strings.Split(string(src), "\n"), kind: kind, opened: true}
	p.document(&doc)
	out := p.buf.Bytes()

	var got yaml.Node
	if err := yaml.Unmarshal(out, &got); err != nil || len(got.Content) != 1 {
		return nil, &Error{Message: fmt.Sprintf("internal error: the formatted text is not valid YAML (%v); the file is left as it is, please report this", err)}
	}
	if line := differ(root, got.Content[0]); line > 0 {
		return nil, &Error{Line: line, Column: 1, Message: "internal error: formatting would change the value here; the file is left as it is, please report this"}
	}
	if gotComments := comments(&got); !equalStrings(wantComments, gotComments) {
		return nil, &Error{Message: "internal error: formatting would lose or change a comment; the file is left as it is, please report this"}
	}
	return out, nil
}

// section returns the name of the root mapping's section.
func section(kind Kind) string {
	if kind == TestFile {
		return "test"
	}
	return "programme"
}

// KeyOrder returns the keys of a section of a file of the kind, in the
// canonical order, or nil for a section without a fixed order. The
// sections of a rule file are programme (the top level), source,
// requirement, cite (a source: of a requirement, param or rule), param,
// history, rule and manual; those of a test file are test (the top level),
// case and expect. The result is a fresh slice.
func KeyOrder(kind Kind, section string) []string {
	var keys string
	switch kind {
	case RuleFile:
		switch section {
		case "programme":
			keys = "programme name authority version land validFrom validUntil description sources requirements params rules manual"
		case "source":
			keys = "id title date file url"
		case "requirement":
			keys = "id text source check"
		case "cite":
			keys = "doc section"
		case "param":
			keys = "title type unit source requirements interpretation history"
		case "history":
			keys = "from value note"
		case "rule":
			keys = "id title description requirements source severity scope validFrom validUntil each subject when notApplicable let needs missing ifMissing assert message evidence translations"
		case "manual":
			keys = "requirement reason evidence"
		}
	case TestFile:
		switch section {
		case "test":
			keys = "programme period files cases"
		case "case":
			keys = "name period files replaceFiles data expect"
		case "expect":
			keys = "rule subject outcome"
		}
	}
	if keys == "" {
		return nil
	}
	return strings.Fields(keys)
}

// child returns the section of the value of key in a mapping of section
// sec, and whether that value is a list whose items have the section.
func child(sec, key string) (string, bool) {
	switch sec + "." + key {
	case "programme.sources":
		return "source", true
	case "programme.requirements":
		return "requirement", true
	case "programme.params":
		return "params", false
	case "programme.rules":
		return "rule", true
	case "programme.manual":
		return "manual", true
	case "requirement.source", "param.source", "rule.source":
		return "cite", false
	case "param.history":
		return "history", true
	case "rule.let":
		return "let", false
	case "rule.evidence":
		return "evidence", false
	case "test.cases":
		return "case", true
	case "case.expect":
		return "expect", true
	}
	if sec == "params" {
		return "param", false
	}
	return "", false
}

// isExpression reports whether the value of key in a mapping of section
// sec is an expression or a message, which a block text may hold.
func isExpression(sec, key string) bool {
	switch sec {
	case "let", "evidence":
		return true
	case "rule":
		switch key {
		case "each", "subject", "when", "needs", "assert", "message", "notApplicable", "missing":
			return true
		}
	}
	return false
}

// refuse rejects what the printer does not write: keys that are not
// texts.
func refuse(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		for i := 0; i < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind != yaml.ScalarNode {
				return &Error{Line: k.Line, Column: k.Column, Message: "a key is a list, a mapping or an alias; keys of rule files are texts"}
			}
		}
	}
	for _, c := range n.Content {
		if err := refuse(c); err != nil {
			return err
		}
	}
	return nil
}

// anchor writes the anchor of n, "&name ", or nothing.
func anchor(n *yaml.Node) string {
	if n.Anchor == "" {
		return ""
	}
	return "&" + n.Anchor + " "
}

// order sorts the keys of the mappings below n (of section sec) into the
// canonical order, keeping unknown keys after the known ones.
func order(n *yaml.Node, kind Kind, sec string) {
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			order(c, kind, sec)
		}
		return
	case yaml.MappingNode:
	default:
		return
	}
	rank := map[string]int{}
	for i, k := range KeyOrder(kind, sec) {
		rank[k] = i + 1
	}
	type pair struct{ k, v *yaml.Node }
	pairs := make([]pair, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, pair{n.Content[i], n.Content[i+1]})
	}
	if len(rank) > 0 {
		sort.SliceStable(pairs, func(i, j int) bool {
			ri, rj := rank[pairs[i].k.Value], rank[pairs[j].k.Value]
			if ri == 0 {
				ri = len(rank) + 1
			}
			if rj == 0 {
				rj = len(rank) + 1
			}
			return ri < rj
		})
	}
	if sec == section(kind) && len(pairs) > 0 && pairs[0].k != n.Content[0] {
		// The comment above the first key is the file's heading: it stays
		// at the top.
		first := n.Content[0]
		pairs[0].k.HeadComment, first.HeadComment = strings.Trim(first.HeadComment+"\n"+pairs[0].k.HeadComment, "\n"), ""
	}
	n.Content = n.Content[:0]
	for _, p := range pairs {
		n.Content = append(n.Content, p.k, p.v)
		cs, list := child(sec, p.k.Value)
		if list && p.v.Kind != yaml.SequenceNode {
			cs = ""
		}
		order(p.v, kind, cs)
	}
}

// comments returns every line of every comment below n, sorted.
func comments(n *yaml.Node) []string {
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, l := range strings.Split(c, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					out = append(out, l)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	sort.Strings(out)
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// differ returns the line in a where a and b first differ in kind, tag,
// value or number of children, or 0 when they are the same.
func differ(a, b *yaml.Node) int {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return max(a.Line, 1)
	}
	if a.Anchor != b.Anchor || (a.Kind == yaml.ScalarNode || a.Kind == yaml.AliasNode) && (a.Value != b.Value || a.ShortTag() != b.ShortTag()) {
		return max(a.Line, 1)
	}
	for i := range a.Content {
		if l := differ(a.Content[i], b.Content[i]); l > 0 {
			return l
		}
	}
	return 0
}

// printer writes the canonical layout.
type printer struct {
	src  []string // the lines of the source
	kind Kind
	buf  bytes.Buffer
	// opened is set when the last line written opens a block (or nothing
	// is written yet, or it ends a block text that keeps its final line
	// breaks): a blank line there is left out. pending is set when a blank
	// line is to come before the next line.
	opened, pending bool
}

// line writes a line without its trailing spaces.
func (p *printer) line(s string) { p.raw(strings.TrimRight(s, " ")) }

// raw writes a line as it is: a line of a block text, whose trailing
// spaces belong to the text.
func (p *printer) raw(s string) {
	if p.pending {
		p.buf.WriteByte('\n')
	}
	p.buf.WriteString(s)
	p.buf.WriteByte('\n')
	p.opened, p.pending = false, false
}

// blankLine asks for a blank line before the next line, unless the last
// line opens a block.
func (p *printer) blankLine() {
	if !p.opened {
		p.pending = true
	}
}

// comment writes a comment block at the indentation; an empty line in it
// is a blank line.
func (p *printer) comment(indent int, c string) {
	if c == "" {
		return
	}
	for _, l := range strings.Split(c, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			p.blankLine()
			continue
		}
		p.line(spaces(indent) + l)
	}
}

func spaces(n int) string { return strings.Repeat(" ", n) }

// blankBefore reports whether the source has a blank line before the node
// at line, above its head comment.
func (p *printer) blankBefore(line int, head string) bool {
	above := line - 1
	if head != "" {
		above -= strings.Count(head, "\n") + 1
	}
	// above is the 1-based number of the line before the head comment.
	if above < 1 || above > len(p.src) {
		return false
	}
	for l := above + 1; l < line && l <= len(p.src); l++ {
		if t := strings.TrimSpace(p.src[l-1]); t != "" && !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return strings.TrimSpace(p.src[above-1]) == ""
}

func (p *printer) document(doc *yaml.Node) {
	if doc.HeadComment != "" {
		p.comment(0, doc.HeadComment)
		p.opened = false
		p.blankLine()
	}
	root := doc.Content[0]
	p.opened = p.buf.Len() == 0
	p.comment(0, root.HeadComment)
	p.mapping(root, 0, section(p.kind), "")
	p.comment(0, strings.TrimSpace(doc.LineComment+"\n"+root.LineComment))
	p.comment(0, root.FootComment)
	if doc.FootComment != "" {
		p.blankLine()
		p.comment(0, doc.FootComment)
	}
}

// mapping writes the pairs of the block mapping n at indent. prefix, when
// set, begins the first line instead of the indentation (a list item's
// "- ").
func (p *printer) mapping(n *yaml.Node, indent int, sec, prefix string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		start := spaces(indent)
		if i == 0 && prefix != "" {
			start = prefix
			p.comment(len(prefix)-2, k.HeadComment)
		} else {
			if p.blankBefore(k.Line, k.HeadComment) {
				p.blankLine()
			}
			p.comment(indent, k.HeadComment)
		}
		p.pair(k, v, indent, sec, start)
		p.comment(indent, k.FootComment)
		p.comment(indent, v.FootComment)
	}
}

// pair writes "key: value" beginning with start, at indent.
func (p *printer) pair(k, v *yaml.Node, indent int, sec, start string) {
	key := p.scalar(k, false, true)
	cs, list := child(sec, k.Value)
	if list && v.Kind != yaml.SequenceNode {
		cs = ""
	}
	trail := lineComment(k.LineComment, v.LineComment)
	if v.Kind == yaml.ScalarNode || v.Kind == yaml.AliasNode || isFlow(v) {
		// A comment between the key and a value on one line goes above.
		p.comment(indent, v.HeadComment)
	}
	switch {
	case v.Kind == yaml.AliasNode:
		p.line(start + key + ": *" + v.Value + trail)
	case v.Kind == yaml.ScalarNode:
		head := start + key + ":"
		if text, ok := p.block(v, indent+2, isExpression(sec, k.Value), len([]rune(head))+1); ok {
			p.line(head + " " + text[0] + trail)
			p.blockText(text)
			return
		}
		p.line(head + " " + p.scalar(v, false, false) + trail)
	case isFlow(v):
		p.line(start + key + ": " + p.flow(v) + trail)
	case v.Kind == yaml.MappingNode:
		p.line(start + key + ": " + strings.TrimSpace(anchor(v)) + trail)
		p.opened = true
		p.comment(indent+2, v.HeadComment)
		p.mapping(v, indent+2, cs, "")
	default:
		p.line(start + key + ": " + strings.TrimSpace(anchor(v)) + trail)
		p.opened = true
		p.comment(indent+2, v.HeadComment)
		p.sequence(v, indent+2, cs)
	}
}

// blockText writes the lines of a block text after its header.
func (p *printer) blockText(text []string) {
	for _, l := range text[1:] {
		p.raw(l)
	}
	// After "|+" the blank lines are part of the text: none may follow.
	p.opened = strings.HasSuffix(text[0], "+")
}

func lineComment(cs ...string) string {
	var out string
	for _, c := range cs {
		if c = strings.TrimSpace(c); c != "" {
			out += "  " + c
		}
	}
	return out
}

// sequence writes the items of the block list n at indent; sec is the
// section of its items.
func (p *printer) sequence(n *yaml.Node, indent int, sec string) {
	for i, item := range n.Content {
		if (i > 0 && (sec == "rule" || sec == "case")) || p.blankBefore(item.Line, item.HeadComment) {
			p.blankLine()
		}
		dash := spaces(indent) + "- "
		switch {
		case item.Kind == yaml.AliasNode:
			p.comment(indent, item.HeadComment)
			p.line(dash + "*" + item.Value + lineComment(item.LineComment))
		case item.Kind == yaml.MappingNode && !isFlow(item) && item.Anchor == "":
			p.comment(indent, item.HeadComment)
			p.mapping(item, indent+2, sec, dash)
		case item.Kind == yaml.MappingNode && !isFlow(item):
			p.comment(indent, item.HeadComment)
			p.line(dash + strings.TrimSpace(anchor(item)) + lineComment(item.LineComment))
			p.opened = true
			p.mapping(item, indent+2, sec, "")
		case item.Kind == yaml.SequenceNode && !isFlow(item):
			p.comment(indent, item.HeadComment)
			p.line(dash + strings.TrimSpace(anchor(item)) + lineComment(item.LineComment))
			p.opened = true
			p.sequence(item, indent+2, "")
		case item.Kind == yaml.ScalarNode:
			p.comment(indent, item.HeadComment)
			if text, ok := p.block(item, indent+2, false, len(dash)); ok {
				p.line(dash + text[0] + lineComment(item.LineComment))
				p.blockText(text)
			} else {
				p.line(dash + p.scalar(item, false, false) + lineComment(item.LineComment))
			}
		default:
			p.comment(indent, item.HeadComment)
			p.line(dash + p.flow(item) + lineComment(item.LineComment))
		}
		p.comment(indent, item.FootComment)
	}
}

// isFlow reports whether the list or mapping n is written in flow style
// and can stay so: no comment inside it.
func isFlow(n *yaml.Node) bool {
	if n.Kind == yaml.ScalarNode || n.Kind == yaml.AliasNode || n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0 {
		return false
	}
	var inner func(n *yaml.Node) bool
	inner = func(n *yaml.Node) bool {
		for _, c := range n.Content {
			if c.HeadComment != "" || c.LineComment != "" || c.FootComment != "" || inner(c) {
				return true
			}
		}
		return false
	}
	return !inner(n)
}

// flow writes the list or mapping n in flow style on one line.
func (p *printer) flow(n *yaml.Node) string {
	switch n.Kind {
	case yaml.AliasNode:
		return "*" + n.Value
	case yaml.ScalarNode:
		return p.scalar(n, true, false)
	case yaml.SequenceNode:
		parts := make([]string, len(n.Content))
		for i, c := range n.Content {
			parts[i] = p.flow(c)
		}
		return anchor(n) + "[" + strings.Join(parts, ", ") + "]"
	}
	var parts []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		parts = append(parts, p.scalar(n.Content[i], true, true)+": "+p.flow(n.Content[i+1]))
	}
	return anchor(n) + "{" + strings.Join(parts, ", ") + "}"
}

// block returns the lines of n as a block text, the first being the
// header (">-", "|" …) and the others indented by indent, when n is one:
// when it was written so and can stay so, or when it is an expression
// whose line, beginning at column col, would be longer than LongLine.
func (p *printer) block(n *yaml.Node, indent int, expression bool, col int) ([]string, bool) {
	lines, ok := p.blockLines(n, indent, expression, col)
	if ok {
		lines[0] = anchor(n) + lines[0]
	}
	return lines, ok
}

func (p *printer) blockLines(n *yaml.Node, indent int, expression bool, col int) ([]string, bool) {
	if n.ShortTag() != "!!str" || n.Style&yaml.TaggedStyle != 0 || n.Value == "" || !printable(n.Value) {
		return nil, false
	}
	v := n.Value
	pad := spaces(indent)
	if n.Style&yaml.FoldedStyle != 0 {
		if lines, ok := p.foldedSource(n); ok {
			header := ">-"
			if strings.HasSuffix(v, "\n") {
				header = ">"
			}
			out := []string{header}
			for _, l := range lines {
				if l != "" {
					l = pad + l
				}
				out = append(out, l)
			}
			return out, true
		}
	}
	oneLine := !strings.Contains(v, "\n") && strings.TrimSpace(v) == v && !strings.ContainsAny(v, "\t")
	if n.Style&yaml.FoldedStyle != 0 && oneLine {
		return []string{">-", pad + v}, true
	}
	if n.Style&(yaml.FoldedStyle|yaml.LiteralStyle) != 0 {
		if lines, header, ok := literal(v); ok {
			out := []string{header}
			for _, l := range lines {
				if l == "" {
					out = append(out, "")
				} else {
					out = append(out, pad+l)
				}
			}
			return out, true
		}
		return nil, false
	}
	if expression && oneLine && col+utf8.RuneCountInString(p.scalar(n, false, false)) > LongLine {
		return []string{">-", pad + v}, true
	}
	return nil, false
}

// foldedSource returns the lines of the folded block text n as the source
// has them, without their indentation, when they fold to its value.
func (p *printer) foldedSource(n *yaml.Node) ([]string, bool) {
	var lines []string
	indent := -1
	for l := n.Line + 1; l <= len(p.src); l++ {
		text := p.src[l-1]
		if strings.TrimSpace(text) == "" {
			lines = append(lines, "")
			continue
		}
		ind := len(text) - len(strings.TrimLeft(text, " "))
		if indent < 0 {
			indent = ind
		}
		if ind < indent {
			break
		}
		lines = append(lines, strings.TrimRight(text[indent:], "\r"))
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if indent < 0 || len(lines) == 0 {
		return nil, false
	}
	folded, ok := fold(lines)
	if !ok || folded != strings.TrimSuffix(n.Value, "\n") {
		return nil, false
	}
	return lines, true
}

// fold joins the lines of a folded block text as YAML does: a line break
// between two lines becomes a space, each empty line a line break. It
// refuses lines that begin with a space or a tab (more indented lines
// keep their breaks) and lines that end in a space.
func fold(lines []string) (string, bool) {
	var b strings.Builder
	started, empty := false, 0
	for _, l := range lines {
		if l == "" {
			empty++
			continue
		}
		if l[0] == ' ' || l[0] == '\t' || strings.HasSuffix(l, " ") || strings.HasSuffix(l, "\t") {
			return "", false
		}
		switch {
		case !started:
			b.WriteString(strings.Repeat("\n", empty))
		case empty == 0:
			b.WriteByte(' ')
		default:
			b.WriteString(strings.Repeat("\n", empty))
		}
		b.WriteString(l)
		started, empty = true, 0
	}
	return b.String(), started
}

// literal returns the lines and header of v as a literal block text, when
// it can be one.
func literal(v string) ([]string, string, bool) {
	header := "|-"
	body := v
	switch {
	case strings.HasSuffix(v, "\n\n"):
		header = "|+"
		body = strings.TrimSuffix(v, "\n")
	case strings.HasSuffix(v, "\n"):
		header = "|"
		body = strings.TrimSuffix(v, "\n")
	}
	lines := strings.Split(body, "\n")
	for _, l := range lines {
		if strings.TrimSpace(l) == "" && l != "" {
			return nil, "", false
		}
		if l != "" {
			if l[0] == ' ' || l[0] == '\t' {
				return nil, "", false
			}
			break
		}
	}
	for _, l := range lines {
		if l != "" && strings.TrimLeft(l, " ") == "" {
			return nil, "", false
		}
	}
	return lines, header, true
}

// printable reports whether s holds only characters YAML writes as they
// are: printable ones, spaces, tabs and line breaks.
func printable(s string) bool {
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if r == utf8.RuneError || r == '\uFEFF' || !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// scalar writes n on one line: plain when YAML reads the plain text back
// as the same text, else quoted. flow is set inside a flow list or
// mapping, key for a key.
func (p *printer) scalar(n *yaml.Node, flow, key bool) string {
	tag := ""
	if n.Style&yaml.TaggedStyle != 0 {
		tag = n.Tag + " "
	}
	v := n.Value
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	tag = anchor(n) + tag
	switch {
	case (n.ShortTag() != "!!str" || n.Style&yaml.TaggedStyle != 0) && !quoted:
		// Written plain and read as a number, a date, a boolean, null,
		// or tagged: as it is.
		return tag + v
	case n.ShortTag() == "!!str" && n.Style&yaml.TaggedStyle == 0 && plain(v, flow, key):
		return tag + v
	}
	// Single quotes where the author chose them or where double quotes
	// would need escapes; double quotes otherwise and for what only they
	// can write (line breaks, tabs, unprintable characters).
	single := n.Style&yaml.SingleQuotedStyle != 0 || strings.ContainsAny(v, "\"\\")
	if single && printable(v) && !strings.ContainsAny(v, "\n\t") {
		return tag + "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return tag + doubleQuoted(v)
}

// plain reports whether YAML reads v written plain back as the text v.
func plain(v string, flow, key bool) bool {
	if v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\n\t\r") || !printable(v) ||
		strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
		return false
	}
	if flow && strings.ContainsAny(v, ",[]{}") {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(v); unicode.IsLetter(first) {
		// A text that begins with a letter is read as text, unless it is
		// a boolean or null; this spares most texts the trial reading.
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
			return false
		}
		return true
	}
	var doc string
	switch {
	case flow && key:
		doc = "{" + v + ": x}"
	case flow:
		doc = "[" + v + "]"
	case key:
		doc = v + ": x"
	default:
		doc = "k: " + v
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &n); err != nil || len(n.Content) != 1 {
		return false
	}
	c := n.Content[0]
	switch {
	case flow && key || !flow && !key:
		if c.Kind != yaml.MappingNode || len(c.Content) != 2 {
			return false
		}
		if key {
			c = c.Content[0]
		} else {
			c = c.Content[1]
		}
	case flow:
		if c.Kind != yaml.SequenceNode || len(c.Content) != 1 {
			return false
		}
		c = c.Content[0]
	default:
		if c.Kind != yaml.MappingNode || len(c.Content) != 2 {
			return false
		}
		c = c.Content[0]
	}
	return c.Kind == yaml.ScalarNode && c.Style == 0 && c.ShortTag() == "!!str" && c.Value == v &&
		c.HeadComment == "" && c.LineComment == "" && c.FootComment == ""
}

// doubleQuoted writes v in double quotes with YAML's escapes.
func doubleQuoted(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError || r == '\uFEFF' || !unicode.IsPrint(r) && r != ' ':
			if r <= 0xFFFF {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				fmt.Fprintf(&b, `\U%08X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
