package kiez

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/kiez-go/kiez/diag"
)

// kitaScope is the set of Kitas a reference may name: those of one centre
// (catchment, Verbund Kitas and own Kita) for the records of a centre, or
// those of every centre of a programme for the programme's records. It is
// built from the whole dataset before any reference is checked.
type kitaScope struct {
	// where says whose Kitas these are, for messages: `of centre "fz-a"`.
	where string
	ids   *ids
	// owner maps every Kita id of the dataset to the first centre holding
	// it, to name the right centre when a reference crosses scopes.
	owner map[string]string
}

// kitaScopes holds the Kita and centre scopes of a dataset.
type kitaScopes struct {
	centres    []*kitaScope
	programmes map[string]*kitaScope
	progCentre map[string]*ids
	owner      map[string]string
}

func (s *kitaScopes) centre(i int) *kitaScope { return s.centres[i] }

// programme returns the Kitas and the centres of a programme; for an
// unknown programme both are empty.
func (s *kitaScopes) programme(id string) (*kitaScope, *ids) {
	k, ok := s.programmes[id]
	if !ok {
		k = &kitaScope{where: fmt.Sprintf("of programme %q", id), ids: &ids{what: "Kita", first: map[string]string{}}, owner: s.owner}
		s.programmes[id] = k
		s.progCentre[id] = &ids{what: "centre", first: map[string]string{}}
	}
	return k, s.progCentre[id]
}

// kitaScopes adds every Kita of every centre to all (reporting duplicate
// ids) and builds the scope of each centre and of each programme.
func (c *checker) kitaScopes(all *ids) *kitaScopes {
	ds := c.ds
	owner := map[string]string{}
	s := &kitaScopes{programmes: map[string]*kitaScope{}, progCentre: map[string]*ids{}, owner: owner}
	for i := range ds.Centres {
		ce := &ds.Centres[i]
		path := fmt.Sprintf("centres[%d]", i)
		own := &kitaScope{where: fmt.Sprintf("of centre %q", ce.ID), ids: &ids{what: "Kita", first: map[string]string{}}, owner: owner}
		prog, centres := s.programme(ce.Programme)
		centres.first[ce.ID] = path
		add := func(k *Kita, kp string) {
			all.add(k.ID, kp+".id")
			if k.ID == "" {
				return
			}
			if _, ok := own.ids.first[k.ID]; !ok {
				own.ids.first[k.ID] = kp
			}
			if _, ok := prog.ids.first[k.ID]; !ok {
				prog.ids.first[k.ID] = kp
			}
			if _, ok := owner[k.ID]; !ok {
				owner[k.ID] = ce.ID
			}
		}
		for j := range ce.Catchment {
			add(&ce.Catchment[j], fmt.Sprintf("%s.catchment[%d]", path, j))
		}
		if ce.OwnKita != nil {
			add(ce.OwnKita, path+".ownKita")
		}
		for j := range ce.VerbundKitas {
			add(&ce.VerbundKitas[j], fmt.Sprintf("%s.verbundKitas[%d]", path, j))
		}
		s.centres = append(s.centres, own)
	}
	return s
}

// kitaRef reports a Kita reference outside its scope: a Kita of another
// centre, or no Kita of the dataset at all.
func (c *checker) kitaRef(s *kitaScope, id, path string) {
	if id == "" || s.ids.has(id) {
		return
	}
	if other, ok := s.owner[id]; ok {
		c.errorf(path, "A record of a centre names the Kitas of that centre (its catchment, Verbund Kitas or own Kita); a programme's records name the Kitas of its centres. Move the record, or add the Kita to the right centre.",
			"Kita %q is a Kita of centre %q, not %s", id, other, strings.TrimPrefix(s.where, "of "))
		return
	}
	known := s.ids.list()
	detail := ""
	if len(known) > 0 && len(known) <= 30 {
		detail = "Known Kitas " + s.where + ": " + strings.Join(known, ", ") + "."
	}
	c.errorf(path, detail, "unknown Kita %q %s%s", id, s.where, suggestion(id, known))
}

// periodLabel matches the labels of calendar buckets that rules use as
// item subjects: 2024, 2024-03, 2024-W10, 2024-Q1, 2024-H2.
var periodLabel = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2])|-W[0-5][0-9]|-Q[1-4]|-H[12])?$`)

// waiverSubject checks a waiver's subject, which takes one of three forms:
// empty or the programme's id (every subject of the rule), a centre of the
// programme (that centre's results), or "centre/item" (exactly that
// result; "programme/item" for an item of a programme rule).
func (c *checker) waiverSubject(w *Waiver, path string) {
	if w.Subject == "" || w.Subject == w.Programme {
		return
	}
	known := false
	for i := range c.ds.Programmes {
		known = known || c.ds.Programmes[i].ID == w.Programme
	}
	if !known {
		return // the unknown programme is reported; no subject can be checked against it
	}
	const forms = "A waiver's subject is empty or the programme's id (the whole programme), a centre's id (that centre), or centre/item (exactly that result, as `kiez check` prints it)."
	head, item, hasItem := strings.Cut(w.Subject, "/")
	var centre *Centre
	var inProgramme []string
	for i := range c.ds.Centres {
		ce := &c.ds.Centres[i]
		if ce.Programme == w.Programme {
			inProgramme = append(inProgramme, ce.ID)
			if ce.ID == head {
				centre = ce
			}
		}
	}
	if !hasItem {
		if centre != nil {
			return
		}
		if other := c.centreByID(head); other != nil {
			c.errorf(path, forms, "waiver subject %q is a centre of programme %q, not of %q", head, other.Programme, w.Programme)
			return
		}
		if holders := c.itemHolders(head, w.Programme); len(holders) > 0 {
			c.errorf(path, forms+" The same item id occurs in several centres, so name the centre.",
				"waiver subject %q is not a centre; write centre/item, e.g. %q (the item is in %s)", head, holders[0]+"/"+head, strings.Join(holders, ", "))
			return
		}
		c.errorf(path, forms, "waiver subject %q is not a centre of programme %q%s", head, w.Programme, suggestion(head, inProgramme))
		return
	}
	if head == w.Programme {
		return // an item of a programme rule: only the rules know it
	}
	if centre == nil {
		c.errorf(path, forms, "waiver subject %q: %q is not a centre of programme %q%s", w.Subject, head, w.Programme, suggestion(head, inProgramme))
		return
	}
	if item == "" || periodLabel.MatchString(item) || centreItem(centre, item) {
		return
	}
	c.warnf(path, "The data of the centre has no Kita, position, offer, partner, room, channel, evidence, target or goal with this id. Some items are named by the rules (a bucket such as 2024-H2, a case exchange such as fallaustausch-2024-03-01): `kiez check` reports a waiver that matches no result of its rule.",
		"waiver subject %q: the centre %q has no item %q", w.Subject, centre.ID, item)
}

func (c *checker) centreByID(id string) *Centre {
	for i := range c.ds.Centres {
		if c.ds.Centres[i].ID == id {
			return &c.ds.Centres[i]
		}
	}
	return nil
}

// itemHolders lists the centres of the programme holding an item with the
// id.
func (c *checker) itemHolders(id, programme string) []string {
	var out []string
	for i := range c.ds.Centres {
		ce := &c.ds.Centres[i]
		if ce.Programme == programme && centreItem(ce, id) {
			out = append(out, ce.ID)
		}
	}
	return out
}

// centreItem reports whether the centre has a Kita, staff position, offer,
// partner, room, channel, evidence record, target or impact goal with the
// id.
func centreItem(ce *Centre, id string) bool {
	if ce.OwnKita != nil && ce.OwnKita.ID == id {
		return true
	}
	for _, k := range ce.Catchment {
		if k.ID == id {
			return true
		}
	}
	for _, k := range ce.VerbundKitas {
		if k.ID == id {
			return true
		}
	}
	for _, p := range ce.Staff {
		if p.ID == id {
			return true
		}
	}
	for _, o := range ce.Offers {
		if o.ID == id {
			return true
		}
	}
	for _, p := range ce.Partners {
		if p.ID == id {
			return true
		}
	}
	for _, r := range ce.Rooms {
		if r.ID == id {
			return true
		}
	}
	for _, ch := range ce.Channels {
		if ch.ID == id {
			return true
		}
	}
	for _, e := range ce.Evidence {
		if e.ID == id {
			return true
		}
	}
	for _, t := range ce.Targets {
		if t.ID == id {
			return true
		}
	}
	for _, g := range ce.ImpactGoals {
		if g.ID == id {
			return true
		}
	}
	return false
}

// Where returns the file range a data path of the dataset was read from
// (the whole value as written), or the start of the nearest enclosing
// value that was; nil for a dataset not read from files. Callers outside the package (the rules engine) use it to
// place their diagnostics about data, such as a waiver naming an unknown
// rule.
func (ds *Dataset) Where(path string) *diag.Range {
	if ds == nil {
		return nil
	}
	return ds.src.rangeOf(path)
}
