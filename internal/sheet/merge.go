package sheet

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rickb777/date"
	yaml "go.yaml.in/yaml/v3"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// Options says how Import merges a sheet.
type Options struct {
	// Centre imports only the rows of this centre; a row with an empty
	// zentrum cell counts as its. When empty, each row's zentrum cell
	// names its centre, or the data's only centre is meant.
	Centre string
	// Replace makes the sheet the whole list of sessions of each centre
	// it names: sessions of the data that are not in the sheet are
	// removed. Without it, a row replaces the session of the data with
	// the same date, offer and Kita, and adds one when there is none.
	Replace bool
}

// Count says what an import changed in one centre.
type Count struct {
	Centre                             string
	Added, Changed, Unchanged, Removed int
}

// Result is the outcome of Import.
type Result struct {
	// File is the data file the imported centres are in, and Text its
	// new text: the file as it was, with the centres' sessions merged.
	// Text is nil when the import found errors.
	File string
	Text []byte
	// Counts has one entry per centre imported, in the order of the data.
	Counts []Count
	// Skipped is the number of rows of other centres than Options.Centre.
	Skipped int
}

// Reloader loads the whole data again with the named file's text
// replaced by text; Import validates what it returns.
type Reloader func(file string, text []byte) (*kiez.Dataset, diag.Diagnostics)

// origin says where a session of the merged list comes from: a row of
// the table (row >= 0), or the data (existing).
type origin struct {
	row      int
	existing int
}

type sessionKey struct {
	day   date.Date
	offer string
	kita  string
}

func keyOf(s *kiez.Session) sessionKey { return sessionKey{s.Date, s.Offer, s.Kita} }

// target is a centre the table's rows go to.
type target struct {
	index int // in ds.Centres
	rows  []*Row
	plan  []origin
	list  []kiez.Session
}

// Import merges the table's rows into the sessions of their centres in
// ds, which must have been loaded from files and validated without
// errors (base holds its diagnostics), all centres lying in one file. It
// writes the merged sessions into that file's text (keeping everything
// else, comments included), loads the data again with reload, validates
// it, and returns every problem: the table's, each at its cell, and the
// data's, with those about the imported sessions placed at their cells.
// When the diagnostics hold no error, Result.Text is the new file.
func Import(ds *kiez.Dataset, base diag.Diagnostics, t *Table, opts Options, reload Reloader) (*Result, diag.Diagnostics) {
	res := &Result{}
	var diags diag.Diagnostics
	byID := map[string]int{}
	var ids []string
	for i := range ds.Centres {
		byID[ds.Centres[i].ID] = i
		ids = append(ids, ds.Centres[i].ID)
	}
	if opts.Centre != "" {
		if _, ok := byID[opts.Centre]; !ok {
			return res, diag.Diagnostics{{Severity: diag.Error, Summary: fmt.Sprintf("--centre: the data has no centre %q%s", opts.Centre, suggest(opts.Centre, ids))}}
		}
	}
	targets := map[string]*target{}
	var order []string
	var noCentre []*Row
	for i := range t.Rows {
		r := &t.Rows[i]
		id := r.Centre
		switch {
		case id == "" && opts.Centre != "":
			id = opts.Centre
		case id == "" && len(ds.Centres) == 1:
			id = ds.Centres[0].ID
		case id == "":
			noCentre = append(noCentre, r)
			continue
		case opts.Centre != "" && id != opts.Centre:
			res.Skipped++
			continue
		}
		ci, ok := byID[id]
		if !ok {
			diags = append(diags, errAt(r.At(colCentre), "", "the data has no centre %q%s", id, suggest(id, ids)))
			continue
		}
		tg := targets[id]
		if tg == nil {
			tg = &target{index: ci}
			targets[id] = tg
			order = append(order, id)
		}
		tg.rows = append(tg.rows, r)
	}
	if len(noCentre) > 0 {
		diags = append(diags, errAt(noCentre[0].At(colCentre), "Fill the column "+headerOf(colCentre)+", or name the centre with --centre.",
			"%s name no centre and the data has %d centres", plural(len(noCentre), "row", "rows"), len(ds.Centres)))
	}
	sort.Slice(order, func(a, b int) bool { return targets[order[a]].index < targets[order[b]].index })
	// All centres must lie in one file.
	spread := false
	for _, id := range order {
		tg := targets[id]
		where := ds.Where(fmt.Sprintf("centres[%d]", tg.index))
		if where == nil {
			return res, append(diags, &diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf("centre %q was not read from a file", id)})
		}
		if res.File == "" {
			res.File = where.Filename
		} else if where.Filename != res.File {
			spread = true
			diags = append(diags, errAt(tg.rows[0].At(colCentre), "kiez import writes one data file: import the centres of each file on their own with --centre.",
				"centre %q is in %s, the centres of the rows before in %s", id, where.Filename, res.File))
		}
	}
	if spread || len(order) == 0 {
		if len(order) == 0 && !diags.HasErrors() {
			summary := "the sheet holds no session to import"
			if res.Skipped > 0 {
				summary = fmt.Sprintf("the sheet holds no session of centre %q, only %s of other centres", opts.Centre, plural(res.Skipped, "row", "rows"))
			}
			diags = append(diags, &diag.Diagnostic{Severity: diag.Error, Subject: fileRange(t.File), Summary: summary})
		}
		return res, diags
	}
	for _, id := range order {
		tg := targets[id]
		c, ds2 := merge(&ds.Centres[tg.index], tg, opts.Replace)
		diags = append(diags, ds2...)
		res.Counts = append(res.Counts, c)
	}
	// Rows with problems are left out; the others are merged and
	// validated, so that every problem is reported at once.
	text, ok := ds.Source(res.File)
	if !ok {
		return res, append(diags, &diag.Diagnostic{Severity: diag.Error, Subject: fileRange(res.File),
			Summary: "the data file has changed since it was read; run the import again"})
	}
	out, err := rewrite(res.File, text, ds, targets)
	if err != nil {
		return res, append(diags, &diag.Diagnostic{Severity: diag.Error, Subject: fileRange(res.File),
			Summary: fmt.Sprintf("cannot write the sessions into the file: %v", err)})
	}
	ds1, loadDiags := reload(res.File, out)
	if loadDiags.HasErrors() {
		return res, append(diags, &diag.Diagnostic{Severity: diag.Error, Subject: fileRange(res.File),
			Summary: "internal error: the merged file does not read back: " + loadDiags.Error()})
	}
	diags = append(diags, remap(ds, base, ds1, ds1.Validate(), t, targets)...)
	if !diags.HasErrors() {
		res.Text = out
	}
	return res, diags
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func suggest(id string, ids []string) string {
	if s := source.Suggest(id, ids); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// merge works out the centre's new list of sessions.
func merge(ce *kiez.Centre, tg *target, replace bool) (Count, diag.Diagnostics) {
	c := Count{Centre: ce.ID}
	var diags diag.Diagnostics
	existing := map[sessionKey][]int{}
	for j := range ce.Sessions {
		k := keyOf(&ce.Sessions[j])
		existing[k] = append(existing[k], j)
	}
	seen := map[sessionKey]*Row{}
	replaced := map[int]int{}
	var fresh []int
	for ri, r := range tg.rows {
		k := keyOf(&r.Session)
		if prev, dup := seen[k]; dup {
			diags = append(diags, errAt(r.At(colDate), "Keep one row per session; add the numbers up, or correct the date, offer or Kita.",
				"the session of %s on %s%s is in row %d already", r.Session.Offer, germanDate(r.Session.Date), atKita(r.Session.Kita), prev.Number))
			continue
		}
		seen[k] = r
		switch js := existing[k]; len(js) {
		case 0:
			fresh = append(fresh, ri)
		case 1:
			replaced[js[0]] = ri
		default:
			if replace {
				// The sheet is the whole list: the row stands for the
				// first of them, and the others go.
				replaced[js[0]] = ri
				break
			}
			diags = append(diags, errAt(r.At(colDate), "Merge those sessions in the data file first, or import with --replace.",
				"the data holds %d sessions of %s on %s%s; the row cannot say which one it replaces", len(js), r.Session.Offer, germanDate(r.Session.Date), atKita(r.Session.Kita)))
		}
	}
	sort.SliceStable(fresh, func(a, b int) bool { return less(&tg.rows[fresh[a]].Session, &tg.rows[fresh[b]].Session) })
	fi := 0
	addFresh := func(before *kiez.Session) {
		for fi < len(fresh) && (before == nil || less(&tg.rows[fresh[fi]].Session, before)) {
			tg.plan = append(tg.plan, origin{row: fresh[fi], existing: -1})
			tg.list = append(tg.list, tg.rows[fresh[fi]].Session)
			c.Added++
			fi++
		}
	}
	for j := range ce.Sessions {
		s := &ce.Sessions[j]
		ri, hit := replaced[j]
		if replace && !hit {
			c.Removed++
			continue
		}
		addFresh(s)
		switch {
		case !hit:
			tg.plan = append(tg.plan, origin{row: -1, existing: j})
			tg.list = append(tg.list, *s)
		case sameSession(s, &tg.rows[ri].Session):
			tg.plan = append(tg.plan, origin{row: -1, existing: j})
			tg.list = append(tg.list, *s)
			c.Unchanged++
		default:
			tg.plan = append(tg.plan, origin{row: ri, existing: j})
			tg.list = append(tg.list, tg.rows[ri].Session)
			c.Changed++
		}
	}
	addFresh(nil)
	return c, diags
}

func atKita(k string) string {
	if k == "" {
		return ""
	}
	return " at Kita " + k
}

// less orders sessions by date, then offer.
func less(a, b *kiez.Session) bool {
	if !a.Date.Equal(b.Date) {
		return a.Date.Before(b.Date)
	}
	return a.Offer < b.Offer
}

func sameSession(a, b *kiez.Session) bool {
	return a.Offer == b.Offer && a.Date.Equal(b.Date) && a.Themed == b.Themed && a.Theme == b.Theme &&
		a.Cancelled == b.Cancelled && a.Hours.Equal(b.Hours) && a.Attendance == b.Attendance && a.Kita == b.Kita
}

// rewrite puts the targets' sessions into the file's text. Sessions that
// stay as they were keep their nodes, comments and layout. A JSON file is
// written as indented JSON, a YAML file as YAML in its own indentation.
func rewrite(file string, text []byte, ds *kiez.Dataset, targets map[string]*target) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the file is not a mapping of programmes, centres and waivers")
	}
	centres := lookup(doc.Content[0], "centres")
	if centres == nil || centres.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("the file has no list of centres")
	}
	done := 0
	for _, item := range centres.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		idNode := lookup(item, "id")
		if idNode == nil {
			continue
		}
		tg := targets[idNode.Value]
		if tg == nil {
			continue
		}
		done++
		old := lookup(item, "sessions")
		var oldNodes []*yaml.Node
		if old != nil {
			if old.Kind != yaml.SequenceNode {
				return nil, fmt.Errorf("the sessions of centre %q are not a list", idNode.Value)
			}
			oldNodes = old.Content
		}
		if len(oldNodes) != len(ds.Centres[tg.index].Sessions) {
			return nil, fmt.Errorf("the file lists %d sessions of centre %q, the data %d (anchors or merge keys in the list?)", len(oldNodes), idNode.Value, len(ds.Centres[tg.index].Sessions))
		}
		nodes := make([]*yaml.Node, len(tg.plan))
		for j, o := range tg.plan {
			if o.row < 0 {
				nodes[j] = oldNodes[o.existing]
				continue
			}
			n := sessionNode(&tg.list[j])
			if o.existing >= 0 {
				prev := oldNodes[o.existing]
				n.HeadComment, n.LineComment, n.FootComment = prev.HeadComment, prev.LineComment, prev.FootComment
			}
			nodes[j] = n
		}
		switch {
		case old != nil && len(nodes) == 0:
			removeKey(item, "sessions")
		case old != nil:
			old.Content = nodes
		case len(nodes) > 0:
			item.Content = append(item.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "sessions"},
				&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: nodes})
		}
	}
	if done != len(targets) {
		return nil, fmt.Errorf("the file holds %d of the %d centres to import", done, len(targets))
	}
	if isJSON(file) {
		return encodeJSON(&doc)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	indent, compact := layoutOf(text)
	enc.SetIndent(indent)
	if compact {
		enc.CompactSeqIndent()
	}
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

var listLine = regexp.MustCompile(`(?m)^centres:[ \t]*(#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*([ ]*)- `)

// layoutOf guesses the indentation of a file from its list of centres:
// "- " under "centres:" at the same column is the compact layout of the
// shipped data, with two spaces per level.
func layoutOf(text []byte) (indent int, compact bool) {
	m := listLine.FindSubmatch(text)
	if m == nil {
		return 2, true
	}
	if n := len(m[2]); n >= 2 && n <= 8 {
		return n, false
	}
	return 2, true
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func removeKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

// sessionNode writes a session on one line, as the shipped data does:
// {offer: elterncafe, date: 2024-01-03, attendance: {adults: 8}}.
func sessionNode(s *kiez.Session) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	add := func(key string, v *yaml.Node) {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
	}
	scalar := func(tag, v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v} }
	add("offer", scalar("!!str", s.Offer))
	add("date", scalar("!!timestamp", s.Date.String()))
	if s.Themed {
		add("themed", scalar("!!bool", "true"))
	}
	if s.Theme != "" {
		th := scalar("!!str", s.Theme)
		th.Style = yaml.DoubleQuotedStyle
		add("theme", th)
	}
	if s.Cancelled {
		add("cancelled", scalar("!!bool", "true"))
	}
	if !s.Hours.IsZero() {
		tag := "!!int"
		if strings.Contains(s.Hours.String(), ".") {
			tag = "!!float"
		}
		add("hours", scalar(tag, s.Hours.String()))
	}
	if a := s.Attendance; a != (kiez.Attendance{}) {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
		for _, kv := range []struct {
			k string
			v int
		}{{"adults", a.Adults}, {"children", a.Children}, {"families", a.Families}} {
			if kv.v != 0 {
				m.Content = append(m.Content, scalar("!!str", kv.k), scalar("!!int", strconv.Itoa(kv.v)))
			}
		}
		add("attendance", m)
	}
	if s.Kita != "" {
		add("kita", scalar("!!str", s.Kita))
	}
	return n
}

var sessionPath = regexp.MustCompile(`^centres\[(\d+)\]\.sessions\[(\d+)\](.*)$`)

// remap returns the diagnostics of the merged data: those about the
// imported centres' sessions from its validation, each placed at the
// table's cell it came from or at its place in the data as read; all
// others from base, the validation of the data before the import.
func remap(ds0 *kiez.Dataset, base diag.Diagnostics, ds1 *kiez.Dataset, diags diag.Diagnostics, t *Table, targets map[string]*target) diag.Diagnostics {
	byIndex0 := map[int]*target{}
	byIndex1 := map[int]*target{}
	var out diag.Diagnostics
	for id, tg := range targets {
		byIndex0[tg.index] = tg
		for i := range ds1.Centres {
			if ds1.Centres[i].ID == id {
				byIndex1[i] = tg
				if !sameList(ds1.Centres[i].Sessions, tg.list) {
					out = append(out, &diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf("internal error: the sessions of centre %q do not read back as imported", id)})
				}
			}
		}
	}
	for _, d := range base {
		if m := sessionPath.FindStringSubmatch(d.Path); m != nil {
			if i, _ := strconv.Atoi(m[1]); byIndex0[i] != nil {
				continue
			}
		}
		out = append(out, d)
	}
	for _, d := range diags {
		m := sessionPath.FindStringSubmatch(d.Path)
		if m == nil {
			continue
		}
		i, _ := strconv.Atoi(m[1])
		j, _ := strconv.Atoi(m[2])
		tg := byIndex1[i]
		if tg == nil || j >= len(tg.plan) {
			continue
		}
		dd := *d
		if o := tg.plan[j]; o.row >= 0 {
			r := tg.rows[o.row]
			key := ""
			if col, ok := columnByField(strings.TrimPrefix(m[3], ".")); ok {
				key = col.Key
			}
			l := r.At(key)
			dd.Subject, dd.Path = &l.Range, l.Cell
		} else {
			p := fmt.Sprintf("centres[%d].sessions[%d]%s", tg.index, o.existing, m[3])
			dd.Path, dd.Subject = p, ds0.Where(p)
		}
		out = append(out, &dd)
	}
	return out
}

func sameList(a, b []kiez.Session) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameSession(&a[i], &b[i]) {
			return false
		}
	}
	return true
}
