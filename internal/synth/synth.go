package synth

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// Options say what to generate.
type Options struct {
	// Seed seeds the generator: the same seed gives the same dataset.
	Seed uint64
	// Centres is the number of centres, shared out evenly between the
	// programmes of the templates (the first programmes by id get one more
	// when it does not divide).
	Centres int
	// Shortfalls is the share of centres, from 0 to 1, that get one or two
	// shortfalls; see DefaultShortfalls.
	Shortfalls float64
	// Year is the year of activity the templates describe; 0 takes the year
	// most of their sessions fall in.
	Year int
}

// DefaultShortfalls is the share of centres with shortfalls that "kiez gen"
// and the benchmarks use: 15 %, within the 10–20 % a real programme sees.
const DefaultShortfalls = 0.15

// MaxCentres bounds Options.Centres.
const MaxCentres = 1_000_000

// Shortfall is one shortfall Generate injected: the centre, the rule it
// makes fail, and what was changed.
type Shortfall struct {
	Centre string `json:"centre"`
	Rule   string `json:"rule"`
	What   string `json:"what"`
}

// Output is a generated dataset with what Generate knows about it.
type Output struct {
	// Dataset holds the programmes and the centres, grouped by programme
	// (programmes sorted by id), in the order of their serial numbers.
	Dataset *kiez.Dataset
	// Shortfalls lists the injected shortfalls in centre order.
	Shortfalls []Shortfall
	// Template maps each centre id to the id of the template it is cloned
	// from.
	Template map[string]string
	// Year is the year of activity.
	Year int
	// Options are the options Generate ran with.
	Options Options
	// Excluded lists the template centres that were not cloned because
	// they fail a rule that no repair fixes.
	Excluded []string
}

// Period returns the year of activity as an evaluation period.
func (o *Output) Period() rules.Period { return rules.Year(o.Year) }

// date0 is the first day of a year.
func date0(y int) date.Date { return date.New(y, time.January, 1) }

func yearRange(y int) timespan.DateRange {
	return timespan.NewDateRange(date.New(y, time.January, 1), date.New(y+1, time.January, 1))
}

// programmeTemplate is one programme of the templates, repaired and ready
// to clone.
type programmeTemplate struct {
	prog     *kiez.Programme
	centres  []*kiez.Centre // the usable template centres, in data order
	rules    *rules.RuleSet
	holidays map[date.Date]bool
	// clones are the synthetic centres of this programme, filled while
	// generating.
	clones []*kiez.Centre
}

// Generate builds a synthetic dataset from the template dataset tpl, which
// it does not modify. tpl must hold at least one programme with centres;
// it should be valid (kiez.Dataset.Validate), and so will the output be.
func Generate(tpl *kiez.Dataset, opt Options) (*Output, error) {
	if tpl == nil {
		return nil, errors.New("synth: no template dataset")
	}
	if opt.Centres < 0 || opt.Centres > MaxCentres {
		return nil, fmt.Errorf("synth: %d centres: give between 0 and %d", opt.Centres, MaxCentres)
	}
	if math.IsNaN(opt.Shortfalls) || opt.Shortfalls < 0 || opt.Shortfalls > 1 {
		return nil, fmt.Errorf("synth: shortfall share %v: give a share from 0 to 1", opt.Shortfalls)
	}
	year := opt.Year
	if year == 0 {
		year = templateYear(tpl)
	}
	out := &Output{Year: year, Template: map[string]string{}, Options: opt}
	pts, excluded, err := prepare(tpl, year)
	if err != nil {
		return nil, err
	}
	out.Excluded = excluded
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x6b69657a2d73796e)) // "kiez-syn"

	ds := &kiez.Dataset{}
	serial := 0
	for k, pt := range pts {
		n := opt.Centres / len(pts)
		if k < opt.Centres%len(pts) {
			n++
		}
		var perm []int
		for j := 0; j < n; j++ {
			t := len(pt.centres)
			if j%t == 0 {
				perm = rng.Perm(t)
			}
			serial++
			region := j/t + 1
			c := cloneCentre(pt, pt.centres[perm[j%t]], serial, region, rng)
			pt.clones = append(pt.clones, c)
			out.Template[c.ID] = pt.centres[perm[j%t]].ID
		}
		ds.Programmes = append(ds.Programmes, expandProgramme(pt))
	}
	for _, pt := range pts {
		for _, c := range pt.clones {
			ds.Centres = append(ds.Centres, *c)
		}
	}
	// Centres and programmes now live in ds; shortfalls change them there.
	out.Dataset = ds
	out.Shortfalls = injectShortfalls(ds, pts, opt.Shortfalls, year, rng)
	return out, nil
}

// templateYear is the year most sessions of the templates fall in.
func templateYear(ds *kiez.Dataset) int {
	count := map[int]int{}
	for i := range ds.Centres {
		for _, s := range ds.Centres[i].Sessions {
			count[s.Date.Year()]++
		}
	}
	best, n := time.Now().Year(), -1
	years := make([]int, 0, len(count))
	for y := range count {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		if count[y] > n {
			best, n = y, count[y]
		}
	}
	return best
}

// prepare copies the templates per programme, makes the programme bodies
// plenary, evaluates the embedded rules, repairs what it can and keeps the
// centres that then pass.
func prepare(tpl *kiez.Dataset, year int) ([]*programmeTemplate, []string, error) {
	var pts []*programmeTemplate
	var excluded []string
	ids := make([]int, 0, len(tpl.Programmes))
	for i := range tpl.Programmes {
		ids = append(ids, i)
	}
	sort.SliceStable(ids, func(a, b int) bool { return tpl.Programmes[ids[a]].ID < tpl.Programmes[ids[b]].ID })
	for _, i := range ids {
		p := tpl.Programmes[i]
		pt := &programmeTemplate{prog: copyProgramme(&p)}
		for j := range tpl.Centres {
			if tpl.Centres[j].Programme == p.ID {
				c := copyCentre(&tpl.Centres[j])
				pt.centres = append(pt.centres, c)
			}
		}
		if len(pt.centres) == 0 {
			continue
		}
		plenary(pt.prog, pt.centres)
		hs, err := schedule.PublicHolidays(p.Land, yearRange(year))
		if err == nil {
			pt.holidays = map[date.Date]bool{}
			for _, h := range hs {
				pt.holidays[h.Date] = true
			}
		}
		if slices.Contains(rules.Embedded(), p.ID) {
			prog, diags := rules.LoadEmbedded(p.ID)
			if diags.HasErrors() {
				return nil, nil, fmt.Errorf("synth: embedded rules of %s: %v", p.ID, diags)
			}
			pt.rules = prog
			bad, err := pt.repair(year)
			if err != nil {
				return nil, nil, err
			}
			excluded = append(excluded, bad...)
			if len(pt.centres) == 0 {
				return nil, nil, fmt.Errorf("synth: no template centre of %s passes its rules for %d, even after repairs (failing: %v)", p.ID, year, bad)
			}
		}
		pts = append(pts, pt)
	}
	if len(pts) == 0 {
		return nil, nil, errors.New("synth: the templates hold no programme with centres")
	}
	return pts, excluded, nil
}

// failures evaluates the programme's rules on the template centres for the
// year and returns the failing (or erroring) results of each centre.
func (pt *programmeTemplate) failures(year int) (map[string][]rules.Result, error) {
	ds := &kiez.Dataset{Programmes: []kiez.Programme{*pt.prog}}
	for _, c := range pt.centres {
		ds.Centres = append(ds.Centres, *c)
	}
	// The templates are validated with the generated data (kiez gen).
	eng, err := rules.NewEngine([]*rules.RuleSet{pt.rules}, rules.WithoutValidation())
	if err != nil {
		return nil, err
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(year))
	if err != nil {
		return nil, fmt.Errorf("synth: evaluating the templates of %s: %w", pt.prog.ID, err)
	}
	out := map[string][]rules.Result{}
	for _, r := range ev.Results() {
		if r.Centre != "" && (r.Outcome == rules.OutcomeFail || r.Outcome == rules.OutcomeError) {
			out[r.Centre] = append(out[r.Centre], r)
		}
	}
	return out, nil
}

// repair fixes the known shortfalls of the template centres, then keeps
// those that pass; it returns the ids of the others.
func (pt *programmeTemplate) repair(year int) ([]string, error) {
	fails, err := pt.failures(year)
	if err != nil {
		return nil, err
	}
	if len(fails) == 0 {
		return nil, nil
	}
	for _, c := range pt.centres {
		for _, r := range fails[c.ID] {
			if fix := repairFor(r.Rule); fix != nil {
				fix(pt, c, r, year)
			}
		}
	}
	if fails, err = pt.failures(year); err != nil {
		return nil, err
	}
	var keep []*kiez.Centre
	var bad []string
	for _, c := range pt.centres {
		if len(fails[c.ID]) > 0 {
			bad = append(bad, c.ID)
			continue
		}
		keep = append(keep, c)
	}
	pt.centres = keep
	return bad, nil
}

// plenary rewrites the programme's meetings and committees so that every
// centre takes part with each role that any centre took part with.
func plenary(p *kiez.Programme, centres []*kiez.Centre) {
	for i := range p.Meetings {
		p.Meetings[i].Participants = plenaryList(p.Meetings[i].Participants, centres)
	}
	for i := range p.Committees {
		p.Committees[i].Members = plenaryList(p.Committees[i].Members, centres)
	}
}

func plenaryList(ps []kiez.Participant, centres []*kiez.Centre) []kiez.Participant {
	var roles []string
	var out []kiez.Participant
	for _, p := range ps {
		if p.Centre == "" {
			out = append(out, p)
			continue
		}
		if !slices.Contains(roles, p.Role) {
			roles = append(roles, p.Role)
		}
	}
	if len(roles) == 0 {
		return ps
	}
	var each []kiez.Participant
	for _, c := range centres {
		for _, r := range roles {
			each = append(each, kiez.Participant{Role: r, Centre: c.ID})
		}
	}
	return append(each, out...)
}

// expandProgramme builds the programme record of the clones: the
// template's provider registry and the plenary bodies with every clone.
func expandProgramme(pt *programmeTemplate) kiez.Programme {
	p := *pt.prog
	p.Providers = slices.Clone(pt.prog.Providers)
	p.Meetings = slices.Clone(pt.prog.Meetings)
	for i := range p.Meetings {
		p.Meetings[i].Participants = plenaryList(p.Meetings[i].Participants, pt.clones)
	}
	p.Committees = slices.Clone(pt.prog.Committees)
	for i := range p.Committees {
		p.Committees[i].Members = plenaryList(p.Committees[i].Members, pt.clones)
	}
	p.Evidence = slices.Clone(p.Evidence)
	p.Closures = slices.Clone(p.Closures)
	p.LegalBasis = slices.Clone(p.LegalBasis)
	return p
}

// copyProgramme copies a programme deeply enough that the copy's lists can
// be changed.
func copyProgramme(p *kiez.Programme) *kiez.Programme {
	c := *p
	c.Providers = slices.Clone(p.Providers)
	c.Meetings = copyMeetings(p.Meetings)
	c.Committees = copyCommittees(p.Committees)
	c.Evidence = slices.Clone(p.Evidence)
	c.Closures = slices.Clone(p.Closures)
	c.LegalBasis = slices.Clone(p.LegalBasis)
	return &c
}

// copyMeetings copies meetings with their lists of participants and Kitas.
func copyMeetings(ms []kiez.Meeting) []kiez.Meeting {
	out := slices.Clone(ms)
	for i := range out {
		out[i].Participants = slices.Clone(out[i].Participants)
		out[i].Kitas = slices.Clone(out[i].Kitas)
	}
	return out
}

// copyCommittees copies committees with their lists of members.
func copyCommittees(cs []kiez.Committee) []kiez.Committee {
	out := slices.Clone(cs)
	for i := range out {
		out[i].Members = slices.Clone(out[i].Members)
	}
	return out
}

// copyCentre copies a centre deeply enough that the copy's lists and
// records can be changed without touching the original.
func copyCentre(t *kiez.Centre) *kiez.Centre {
	c := *t
	c.ProviderCandidates = slices.Clone(t.ProviderCandidates)
	c.LegalBasis = slices.Clone(t.LegalBasis)
	c.OrganisationForms = slices.Clone(t.OrganisationForms)
	c.Phases = slices.Clone(t.Phases)
	c.LSZFields = slices.Clone(t.LSZFields)
	c.Rooms = slices.Clone(t.Rooms)
	if t.OwnKita != nil {
		k := *t.OwnKita
		c.OwnKita = &k
	}
	c.Catchment = slices.Clone(t.Catchment)
	c.VerbundKitas = slices.Clone(t.VerbundKitas)
	c.Partners = slices.Clone(t.Partners)
	c.Staff = slices.Clone(t.Staff)
	for i := range c.Staff {
		c.Staff[i].Kitas = slices.Clone(c.Staff[i].Kitas)
	}
	c.Offers = slices.Clone(t.Offers)
	c.Sessions = slices.Clone(t.Sessions)
	c.Meetings = copyMeetings(t.Meetings)
	c.Committees = copyCommittees(t.Committees)
	c.Evidence = slices.Clone(t.Evidence)
	c.Facilitation = slices.Clone(t.Facilitation)
	c.Changes = slices.Clone(t.Changes)
	c.Budget = slices.Clone(t.Budget)
	c.Targets = slices.Clone(t.Targets)
	c.ImpactGoals = slices.Clone(t.ImpactGoals)
	c.Channels = slices.Clone(t.Channels)
	c.CaseExchanges = slices.Clone(t.CaseExchanges)
	c.Closures = slices.Clone(t.Closures)
	return &c
}

// cloneCentre makes the clone with the given serial number in a region:
// new ids, rewritten references, varied attendance and shifted sessions.
func cloneCentre(pt *programmeTemplate, t *kiez.Centre, serial, region int, rng *rand.Rand) *kiez.Centre {
	c := copyCentre(t)
	suffix := "-" + strconv.Itoa(serial)
	c.ID = t.ID + suffix
	c.Name = fmt.Sprintf("%s (synthetisch %d)", t.Name, serial)
	regional := func(s string) string {
		if s == "" {
			return s
		}
		return fmt.Sprintf("%s (Region %d)", s, region)
	}
	c.Location.District = regional(c.Location.District)
	c.Location.Verbandsgemeinde = regional(c.Location.Verbandsgemeinde)
	c.Location.County = regional(c.Location.County)

	kitas := map[string]string{}
	renameKitas := func(list []kiez.Kita) {
		for i := range list {
			kitas[list[i].ID] = list[i].ID + suffix
			list[i].ID += suffix
		}
	}
	renameKitas(c.Catchment)
	renameKitas(c.VerbundKitas)
	if c.OwnKita != nil {
		kitas[c.OwnKita.ID] = c.OwnKita.ID + suffix
		c.OwnKita.ID += suffix
	}
	kita := func(id string) string {
		if n, ok := kitas[id]; ok {
			return n
		}
		return id
	}
	centre := func(id string) string {
		if id == t.ID {
			return c.ID
		}
		return id
	}
	participants := func(ps []kiez.Participant) {
		for i := range ps {
			ps[i].Centre = centre(ps[i].Centre)
			ps[i].Kita = kita(ps[i].Kita)
		}
	}

	staff := map[string]string{}
	for i := range c.Staff {
		s := &c.Staff[i]
		staff[s.ID] = s.ID + suffix
		s.ID += suffix
		for j := range s.Kitas {
			s.Kitas[j] = kita(s.Kitas[j])
		}
	}
	for i := range c.Facilitation {
		if n, ok := staff[c.Facilitation[i].By]; ok {
			c.Facilitation[i].By = n
		}
	}
	for i := range c.Meetings {
		m := &c.Meetings[i]
		participants(m.Participants)
		for j := range m.Kitas {
			m.Kitas[j] = kita(m.Kitas[j])
		}
	}
	for i := range c.Committees {
		participants(c.Committees[i].Members)
	}
	for i := range c.Evidence {
		c.Evidence[i].Subject = kita(c.Evidence[i].Subject)
	}

	offers := map[string]*kiez.Offer{}
	for i := range c.Offers {
		offers[c.Offers[i].ID] = &c.Offers[i]
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		s.Kita = kita(s.Kita)
		r := rng.Float64() * 0.4
		s.Attendance.Adults += int(float64(s.Attendance.Adults) * r)
		s.Attendance.Children += int(float64(s.Attendance.Children) * r)
		s.Attendance.Families += int(float64(s.Attendance.Families) * r)
		if rng.IntN(3) == 0 && !s.Themed && !s.Cancelled {
			shift := []int{-2, -1, 1, 2}[rng.IntN(4)]
			if d := s.Date.Add(date.PeriodOfDays(shift)); pt.canMoveTo(c, offers[s.Offer], s.Date, d) {
				s.Date = d
			}
		}
	}
	return c
}

// canMoveTo reports whether a session may move from day a to day b: same
// ISO week and month, a working day, no public holiday, not closed, within
// the offer's validity.
func (pt *programmeTemplate) canMoveTo(c *kiez.Centre, o *kiez.Offer, a, b date.Date) bool {
	ay, aw := a.ISOWeek()
	by, bw := b.ISOWeek()
	if ay != by || aw != bw || a.Month() != b.Month() || a.Year() != b.Year() {
		return false
	}
	if wd := b.Weekday(); wd == time.Saturday || wd == time.Sunday || pt.holidays[b] {
		return false
	}
	for _, list := range [][]kiez.Closure{c.Closures, pt.prog.Closures} {
		for _, cl := range list {
			if !b.Before(cl.From) && !b.After(cl.Until) {
				return false
			}
		}
	}
	if o != nil && ((o.From != nil && b.Before(*o.From)) || (o.Until != nil && b.After(*o.Until))) {
		return false
	}
	return true
}
