package source

import (
	"encoding"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/schedule"
)

// Problem is one thing wrong with a decoded value.
type Problem struct {
	Pos     diag.Pos // where the value (or the unknown key) starts
	End     diag.Pos // and where it ends, as Node.End
	Path    string   // data path such as centres[3].staff[1].hoursPerWeek
	Summary string
	Detail  string
}

// Range returns where the problem is in the file named filename.
func (p Problem) Range(filename string) diag.Range {
	return diag.Range{Filename: filename, Start: p.Pos, End: p.End}
}

// Positions maps data paths to the range of the value written there, with
// an empty file name. The empty path is the root.
type Positions map[string]diag.Range

// Decode decodes the node tree into v, which must be a non-nil pointer. It
// returns the position of every decoded value and every problem found;
// decoding goes on after a problem so that all are reported at once.
func Decode(n *Node, v any) (Positions, []Problem) {
	return decodeInto(n, v, Positions{}, nil)
}

// DecodeValues is Decode without the positions: it keeps no data path of
// a value that decodes without a problem, so that decoding a large file
// costs memory only for its values. A caller that needs the position of a
// value later finds it in the node tree (Node.Find), parsed again if need
// be.
func DecodeValues(n *Node, v any) []Problem {
	_, problems := decodeInto(n, v, nil, nil)
	return problems
}

// DecodeValues is the package's DecodeValues, sharing decimals decoded
// from the same text through in.
func (in *Interner) DecodeValues(n *Node, v any) []Problem {
	_, problems := decodeInto(n, v, nil, in)
	return problems
}

func decodeInto(n *Node, v any, pos Positions, in *Interner) (Positions, []Problem) {
	d := &decoder{pos: pos, fields: map[reflect.Type]map[string]fieldInfo{}, in: in}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, []Problem{{Summary: "internal: Decode needs a non-nil pointer"}}
	}
	d.decode(n, rv.Elem(), nil)
	return d.pos, d.problems
}

type decoder struct {
	pos      Positions // nil: positions are not kept
	problems []Problem
	fields   map[reflect.Type]map[string]fieldInfo
	in       *Interner
	// recent are the struct types decoded last with their fields, and
	// next the entry to replace.
	recent [4]typeFields
	next   int
	// slots hold the path of the value being decoded at each depth.
	slots [MaxDepth + 8]dataPath
}

// dataPath is the data path of a value being decoded, built as a chain so
// that its text is made only when a problem or a position needs it. The
// root is nil.
type dataPath struct {
	parent *dataPath
	key    string // a mapping key or field name, or "" for a list item
	index  int
	depth  int // 0 for a part below the root
}

// field and item return the path of a field or list item below p. The
// path of a value is needed only while the value is decoded, and the
// values below p one after the other, so each depth has one slot in the
// decoder, reused by the next value at that depth: paths cost no
// allocation. A problem keeps the path's text, never the path.
func (d *decoder) field(p *dataPath, key string) *dataPath { return d.child(p, key, 0) }

func (d *decoder) item(p *dataPath, i int) *dataPath { return d.child(p, "", i) }

func (d *decoder) child(p *dataPath, key string, index int) *dataPath {
	depth := 0
	if p != nil {
		depth = p.depth + 1
	}
	if depth < len(d.slots) {
		d.slots[depth] = dataPath{parent: p, key: key, index: index, depth: depth}
		return &d.slots[depth]
	}
	return &dataPath{parent: p, key: key, index: index, depth: depth}
}

func (p *dataPath) String() string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	p.write(&b)
	return b.String()
}

// write writes the path to b, the root's part first. It recurses rather
// than collecting the parts, so that a path does not escape to the heap
// and the parts of a value being decoded stay on the stack.
func (p *dataPath) write(b *strings.Builder) {
	if p == nil {
		return
	}
	p.parent.write(b)
	WritePathPart(b, p.key, p.index)
}

// WritePathPart appends one step of a data path to b: ".key" (no dot at
// the start), or "[index]" for a list item when key is empty; the data
// paths of decoding and of validation are written the same way.
func WritePathPart(b *strings.Builder, key string, index int) {
	if key == "" {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(index))
		b.WriteByte(']')
		return
	}
	if b.Len() > 0 {
		b.WriteByte('.')
	}
	b.WriteString(key)
}

func (d *decoder) addf(n *Node, path *dataPath, detail, format string, args ...any) {
	d.problems = append(d.problems, Problem{Pos: n.Pos, End: n.End, Path: path.String(), Summary: fmt.Sprintf(format, args...), Detail: detail})
}

var (
	dateType     = reflect.TypeOf(date.Date{})
	decimalType  = reflect.TypeOf(decimal.Decimal{})
	textType     = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
	textNodeType = reflect.TypeOf(Text{})
	nodePtrType  = reflect.TypeOf((*Node)(nil))
	isoDate      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	wholeNumber  = regexp.MustCompile(`^[-+]?[0-9]+$`)
)

func (d *decoder) decode(n *Node, v reflect.Value, path *dataPath) {
	if d.pos != nil {
		d.pos[path.String()] = n.Range("")
	}
	t := v.Type()
	if n.Kind == KindNull {
		v.Set(reflect.Zero(t))
		return
	}
	switch {
	case t == textNodeType:
		d.decodeTextNode(n, v, path)
		return
	case t == nodePtrType:
		v.Set(reflect.ValueOf(n))
		return
	case t == entriesType:
		d.decodeEntries(n, v, path)
		return
	case t == dateType:
		d.decodeDate(n, v, path)
		return
	case t == decimalType:
		d.decodeDecimal(n, v, path)
		return
	case t.Kind() == reflect.Pointer:
		e := reflect.New(t.Elem())
		d.decode(n, e.Elem(), path)
		v.Set(e)
		return
	case reflect.PointerTo(t).Implements(textType):
		d.decodeText(n, v, path)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind != KindSeq {
			d.addf(n, path, "Write the values as a list, one per line starting with \"- \", or as [a, b].",
				"expected a list, found %s", n.describe())
			return
		}
		s := reflect.MakeSlice(t, len(n.Items), len(n.Items))
		for i, item := range n.Items {
			d.decode(item, s.Index(i), d.item(path, i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != KindMap || t.Key().Kind() != reflect.String {
			d.addf(n, path, "", "expected a mapping of names to values, found %s", n.describe())
			return
		}
		m := reflect.MakeMapWithSize(t, len(n.Keys))
		for i, k := range n.Keys {
			if !d.checkText(k, d.field(path, k.Value)) {
				continue
			}
			e := reflect.New(t.Elem()).Elem()
			d.decode(n.Values[i], e, d.field(path, k.Value))
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(t.Key()), e)
		}
		v.Set(m)
	case reflect.String:
		if n.Kind != KindScalar || n.Type == TypeBool {
			d.addf(n, path, "Quote the value if it is meant as text.", "expected text, found %s", n.describe())
			return
		}
		if !d.checkText(n, path) {
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != KindScalar || n.Type != TypeBool {
			d.addf(n, path, "Write true or false.", "expected true or false, found %s", n.describe())
			return
		}
		v.SetBool(n.Value == "true")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n.Kind == KindScalar && (n.Type == TypeInt || n.Type == TypeFloat) && len(n.Value) > maxIntText {
			// Refused by its length before any parsing.
			d.addf(n, path, "", "the number %s is out of range", n.describe())
			return
		}
		if n.Kind == KindScalar && n.Type == TypeFloat && wholeNumber.MatchString(n.Value) {
			// YAML types a whole number too large for 64 bits as a float.
			d.addf(n, path, "", "the number %s is out of range", n.Value)
			return
		}
		if n.Kind != KindScalar || n.Type != TypeInt {
			d.addf(n, path, "Write a whole number without quotes.", "expected a whole number, found %s", n.describe())
			return
		}
		i, err := strconv.ParseInt(n.Value, 0, t.Bits())
		if err != nil {
			d.addf(n, path, "", "the number %s is out of range", n.Value)
			return
		}
		v.SetInt(i)
	default:
		d.addf(n, path, "", "internal: cannot decode into Go type %s", t)
	}
}

func (d *decoder) decodeText(n *Node, v reflect.Value, path *dataPath) {
	if n.Kind != KindScalar {
		d.addf(n, path, "", "expected text, found %s", n.describe())
		return
	}
	u := v.Addr().Interface().(encoding.TextUnmarshaler)
	if err := u.UnmarshalText([]byte(n.Value)); err != nil {
		d.addf(n, path, "", "%v", err)
	}
}

func (d *decoder) decodeDate(n *Node, v reflect.Value, path *dataPath) {
	if n.Kind != KindScalar || !(n.Type == TypeDate || n.Type == TypeString) {
		d.addf(n, path, "Write dates as YYYY-MM-DD, e.g. 2024-03-15.", "expected a date, found %s", n.describe())
		return
	}
	dt, err := ParseDate(n.Value)
	if err != nil {
		d.addf(n, path, "Write dates as YYYY-MM-DD, e.g. 2024-03-15.", "%v", err)
		return
	}
	if v.CanAddr() {
		// Through the address: boxing the value would allocate.
		*v.Addr().Interface().(*date.Date) = dt
		return
	}
	v.Set(reflect.ValueOf(dt))
}

// MinYear is the earliest year a date in a file may have; the records of
// family centres never reach further back, and the bound catches typing
// mistakes such as 0024-01-01.
const MinYear = 1900

// ParseDate parses a calendar date written as YYYY-MM-DD, strictly: a day
// that does not exist in its month (2023-02-29) is an error, and so is a
// year before MinYear.
func ParseDate(s string) (date.Date, error) {
	if len(s) != len("2006-01-02") || !isoDate.MatchString(s) {
		s = clip(s, 40)
		return date.Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	if y, _ := strconv.Atoi(s[:4]); y < MinYear {
		return date.Date{}, fmt.Errorf("%q is out of range: dates must lie in the years %d to 9999", s, MinYear)
	}
	d, err := schedule.ParseDate(s)
	if err != nil {
		return date.Date{}, fmt.Errorf("%q is not a valid date (no such day)", s)
	}
	return d, nil
}

// MaxDecimalDigits bounds the digits of a decimal value in a file; hours and
// euros never need more, and the bound keeps absurd input from costing time
// or memory later.
const MaxDecimalDigits = 24

func (d *decoder) decodeDecimal(n *Node, v reflect.Value, path *dataPath) {
	if n.Kind != KindScalar || !(n.Type == TypeInt || n.Type == TypeFloat || n.Type == TypeString) {
		d.addf(n, path, "Write a number such as 19.5 (a decimal point, not a comma).", "expected a number, found %s", n.describe())
		return
	}
	dec, err := d.in.decimal(n.Value)
	if err != nil {
		d.addf(n, path, "Write a number such as 19.5 (a decimal point, not a comma).", "%v", err)
		return
	}
	if v.CanAddr() {
		*v.Addr().Interface().(*decimal.Decimal) = dec
		return
	}
	v.Set(reflect.ValueOf(dec))
}

// ParseDecimal parses a decimal number written with a decimal point. It
// rejects values with more than MaxDecimalDigits digits or an exponent that
// would make them so.
func ParseDecimal(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if len(t) > maxDecimalText {
		// Refused by its length before any parsing: a number of a
		// million digits costs nothing.
		return decimal.Decimal{}, fmt.Errorf("the number %q (%d characters) is too large or too precise (at most %d digits)", clip(t, 20), len(t), MaxDecimalDigits)
	}
	if strings.Contains(t, ",") && !strings.Contains(t, ".") {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number: use a decimal point, not a comma", s)
	}
	dec, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number", s)
	}
	exp := dec.Exponent()
	if exp > MaxDecimalDigits || exp < -MaxDecimalDigits || dec.NumDigits() > MaxDecimalDigits {
		return decimal.Decimal{}, fmt.Errorf("the number %q is too large or too precise (at most %d digits)", s, MaxDecimalDigits)
	}
	return dec, nil
}

func (d *decoder) decodeStruct(n *Node, v reflect.Value, path *dataPath) {
	if n.Kind != KindMap {
		d.addf(n, path, "", "expected a mapping with the fields of %s, found %s", typeLabel(v.Type()), n.describe())
		return
	}
	fields := d.structFields(v.Type())
	for i, k := range n.Keys {
		f, ok := fields[k.Value]
		if !ok {
			names := fieldNames(v.Type())
			detail := "Known fields: " + strings.Join(names, ", ") + "."
			summary := fmt.Sprintf("unknown field %q in %s", k.Value, typeLabel(v.Type()))
			if s := Suggest(k.Value, names); s != "" {
				summary += fmt.Sprintf("; did you mean %q?", s)
			}
			d.problems = append(d.problems, Problem{Pos: k.Pos, End: k.End, Path: d.field(path, k.Value).String(), Summary: summary, Detail: detail})
			continue
		}
		d.decode(n.Values[i], fieldByIndex(v, f.index), d.field(path, k.Value))
	}
}

// typeFields is a struct type with its decodable fields.
type typeFields struct {
	t      reflect.Type
	fields map[string]fieldInfo
}

// structFields returns the fields of a struct type. The few types decoded
// last are compared first: mappings of a few types follow each other (a
// session and its attendance, then the next session), and comparing a
// type is cheaper than hashing it.
func (d *decoder) structFields(t reflect.Type) map[string]fieldInfo {
	for i := range d.recent {
		if d.recent[i].t == t {
			return d.recent[i].fields
		}
	}
	fields, ok := d.fields[t]
	if !ok {
		fields = structFields(t)
		d.fields[t] = fields
	}
	d.recent[d.next] = typeFields{t: t, fields: fields}
	d.next = (d.next + 1) % len(d.recent)
	return fields
}

// fieldByIndex returns the field at index, allocating embedded pointers.
func fieldByIndex(v reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

type fieldInfo struct {
	index []int
}

// structFields returns the decodable fields of a struct type by their JSON
// name, following embedded structs.
func structFields(t reflect.Type) map[string]fieldInfo {
	out := map[string]fieldInfo{}
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			idx := append(append([]int(nil), index...), i)
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft, idx)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			out[name] = fieldInfo{index: idx}
		}
	}
	walk(t, nil)
	return out
}

// FieldNames returns the sorted JSON field names of a struct type; rules
// and the schema generator use it to list what may be written.
func FieldNames(t reflect.Type) []string { return fieldNames(t) }

func fieldNames(t reflect.Type) []string {
	fs := structFields(t)
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// typeLabel names a Go struct type for a user: "Centre" becomes "centre".
func typeLabel(t reflect.Type) string {
	// Unexported mirrors of a file format are named fileX; the user knows
	// them as X.
	name := strings.TrimPrefix(t.Name(), "file")
	if name == "" {
		return "this object"
	}
	var b strings.Builder
	for i, r := range name {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte(' ')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	label := b.String()
	if strings.ContainsRune("aeiou", rune(label[0])) {
		return "an " + label
	}
	return "a " + label
}

// Text is a scalar kept with where and how it was written, for values such
// as expressions whose own error positions must be translated into file
// positions.
type Text struct {
	Value string
	Pos   diag.Pos // where the scalar starts
	End   diag.Pos // and where it ends, as Node.End
	Style Style
}

// Range returns where the text is written in the file named filename.
func (t Text) Range(filename string) diag.Range {
	return diag.Range{Filename: filename, Start: t.Pos, End: t.End}
}

func (d *decoder) decodeTextNode(n *Node, v reflect.Value, path *dataPath) {
	if n.Kind != KindScalar || n.Type == TypeBool {
		d.addf(n, path, "Quote the value if it is meant as text.", "expected text, found %s", n.describe())
		return
	}
	if !d.checkText(n, path) {
		return
	}
	v.Set(reflect.ValueOf(Text{Value: n.Value, Pos: n.Pos, End: n.End, Style: n.Style}))
}

// Locate returns the file position of the rune at offset runes into t's
// value, given the text of the file t was read from. It aligns the value
// with the file text from t's start, skipping what the value does not
// hold (quotes, escapes, line breaks and indentation of block scalars), so
// that it is exact for plain, quoted and block scalars alike.
func Locate(src []byte, t Text, offset int) diag.Pos {
	li := newLineIndex(src)
	off := t.Pos.Byte
	if off < 0 || off > len(src) {
		return t.Pos
	}
	value := []rune(t.Value)
	if offset > len(value) {
		offset = len(value)
	}
	if t.Style == StyleDouble {
		return li.posAt(locateDouble(src, off, offset))
	}
	// Block scalars start on the line after their indicator.
	if t.Style == StyleLiteral || t.Style == StyleFolded {
		for off < len(src) && src[off] != '\n' {
			off++
		}
	}
	for i := 0; i < offset && off < len(src); {
		r, size := utf8.DecodeRune(src[off:])
		if r == value[i] {
			i++
		}
		off += size
	}
	// Skip what the file has before the value's rune at offset.
	if offset < len(value) {
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == value[offset] {
				break
			}
			off += size
		}
	}
	return li.posAt(off)
}

// Entry is one key and value of a mapping whose order matters.
type Entry struct {
	Key   Text
	Value Text
}

// Entries is a mapping of text keys to text values decoded in file order.
type Entries []Entry

var entriesType = reflect.TypeOf(Entries(nil))

func (d *decoder) decodeEntries(n *Node, v reflect.Value, path *dataPath) {
	if n.Kind != KindMap {
		d.addf(n, path, "Write name: value pairs, one per line.", "expected a mapping of names to values, found %s", n.describe())
		return
	}
	out := make(Entries, 0, len(n.Keys))
	for i, k := range n.Keys {
		val := n.Values[i]
		p := d.field(path, k.Value)
		if d.pos != nil {
			d.pos[p.String()] = val.Range("")
		}
		if val.Kind != KindScalar || val.Type == TypeBool {
			d.addf(val, p, "", "expected text, found %s", val.describe())
			continue
		}
		if !d.checkText(k, p) || !d.checkText(val, p) {
			continue
		}
		out = append(out, Entry{Key: Text{Value: k.Value, Pos: k.Pos, End: k.End, Style: k.Style}, Value: Text{Value: val.Value, Pos: val.Pos, End: val.End, Style: val.Style}})
	}
	v.Set(reflect.ValueOf(out))
}

// locateDouble walks a double-quoted scalar from its opening quote, decoding
// escape sequences and line folding the way YAML and JSON do, and returns
// the byte offset of the source text that produced the rune at offset of
// the value.
func locateDouble(src []byte, off, offset int) int {
	if off < len(src) && src[off] == '"' {
		off++
	}
	skipIndent := func() {
		for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
			off++
		}
	}
	for produced := 0; off < len(src) && produced < offset; {
		switch c := src[off]; {
		case c == '"':
			return off
		case c == '\\' && off+1 < len(src):
			switch src[off+1] {
			case '\n', '\r':
				// An escaped line break produces nothing.
				off += 2
				skipIndent()
				continue
			case 'x':
				off += 4
			case 'u':
				off += 6
			case 'U':
				off += 10
			default:
				off += 2
			}
			produced++
		case c == '\n':
			// A line break folds into one space.
			off++
			skipIndent()
			produced++
		default:
			_, size := utf8.DecodeRune(src[off:])
			off += size
			produced++
		}
	}
	if off > len(src) {
		off = len(src)
	}
	return off
}
