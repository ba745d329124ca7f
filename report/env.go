package report

import (
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// env is what one build shares: the configuration, the input and the
// evaluated period.
type env struct {
	cfg     Config
	l       Language
	ev      *rules.Evaluation
	ds      *kiez.Dataset
	per     rules.Period
	sets    []*rules.RuleSet
	results []rules.Result
	// bySubject holds the results by programme and centre (resultsOf).
	bySubject map[[2]string][]*rules.Result
}

func newEnv(ev *rules.Evaluation, opts []Option) (*env, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	if ev == nil {
		return nil, errors.New("report: no evaluation (rules.Engine.Evaluate makes one)")
	}
	if !ev.PassDetails() {
		return nil, errors.New("report: the evaluation has no messages and evidence for passes (its engine was made with rules.WithDetailsForProblemsOnly); evaluate with an engine without that option for a report")
	}
	return &env{cfg: cfg, l: cfg.Language, ev: ev, ds: ev.Dataset(), per: ev.Period(), sets: ev.RuleSets(), results: ev.Results(), bySubject: groupResults(ev.Results())}, nil
}

// programme returns the programme's records in the data, or nil.
func (e *env) programme(id string) *kiez.Programme {
	for i := range e.ds.Programmes {
		if e.ds.Programmes[i].ID == id {
			return &e.ds.Programmes[i]
		}
	}
	return nil
}

// rulesFor returns the loaded rule file of a programme, or nil.
func (e *env) rulesFor(id string) *rules.RuleSet { return e.ev.RuleSet(id) }

// centre returns the centre with the given id, or nil.
func (e *env) centre(id string) *kiez.Centre {
	for i := range e.ds.Centres {
		if e.ds.Centres[i].ID == id {
			return &e.ds.Centres[i]
		}
	}
	return nil
}

// centres returns the programme's centres in data order, restricted by
// WithCentres.
func (e *env) centres(programme string) []*kiez.Centre {
	var out []*kiez.Centre
	for i := range e.ds.Centres {
		c := &e.ds.Centres[i]
		if c.Programme == programme && (len(e.cfg.Centres) == 0 || slices.Contains(e.cfg.Centres, c.ID)) {
			out = append(out, c)
		}
	}
	return out
}

// programmeName returns the programme's name from the data or the rules,
// else its id.
func (e *env) programmeName(id string) string {
	if p := e.programme(id); p != nil && p.Name != "" {
		return p.Name
	}
	if p := e.rulesFor(id); p != nil && p.Name != "" {
		return p.Name
	}
	return id
}

// fullTime returns the full-time week for a programme's full-time
// equivalents: the option, else the programme's fullTimeHours.
func (e *env) fullTime(programme string) (decimal.Decimal, bool) {
	if e.cfg.FullTimeHours.IsPositive() {
		return e.cfg.FullTimeHours, true
	}
	if p := e.programme(programme); p != nil && p.FullTimeHours.IsPositive() {
		return p.FullTimeHours, true
	}
	return decimal.Zero, false
}

// fte converts weekly hours into full-time equivalents, nil without a
// full-time week.
func fte(hours, fullTime decimal.Decimal, ok bool) *decimal.Decimal {
	if !ok {
		return nil
	}
	v, err := kiez.FTE(hours, fullTime)
	if err != nil {
		return nil
	}
	return &v
}

// year is the calendar year the period starts in: the year of annual
// reports, targets and budgets.
func (e *env) year() int { return e.per.From.Year() }

// begin starts a report with the metadata every report has.
func (e *env) begin(kind Kind, title, subtitle string) *docBuilder {
	if e.cfg.Title != "" {
		title = e.cfg.Title
	}
	r := &Report{Kind: kind, Language: e.l, Title: title, Subtitle: subtitle, Meta: []Field{}, Sections: []Section{}}
	if e.cfg.Published {
		r.Published, r.Threshold = true, e.cfg.Threshold
	}
	return &docBuilder{r: r}
}

// end adds the closing metadata, applies published mode and returns the
// report.
func (e *env) end(d *docBuilder, programmes ...string) (*Report, error) {
	if d.err != nil {
		return nil, d.err
	}
	l := e.l
	for _, id := range programmes {
		if p := e.rulesFor(id); p != nil && p.Version != "" {
			d.meta("rules-version", l.t("meta.rulesVersion"), p.Name+" "+p.Version)
		}
	}
	if !e.cfg.Stamp.IsZero() {
		d.metaData("stamp", l.t("meta.stamp"), l.formatStamp(e.cfg.Stamp), e.cfg.Stamp.UTC().Format(time.RFC3339))
	}
	if e.cfg.Published {
		d.meta("edition", l.t("meta.edition"), l.tf("meta.published", e.cfg.Threshold))
		d.r.Notes = append(d.r.Notes, l.tf("note.suppressed", e.cfg.Threshold), l.t("note.secondary"))
		if len(e.results) > 0 {
			d.r.Notes = append(d.r.Notes, l.t("note.publishedMessages"))
		}
	} else {
		d.meta("edition", l.t("meta.edition"), l.t("meta.internal"))
	}
	if len(d.r.Sections) == 0 {
		d.r.Notes = append(d.r.Notes, l.t("note.noData"))
	}
	if e.cfg.Published {
		if err := publish(d.r, e.cfg.Threshold, e.scrubber()); err != nil {
			return nil, err
		}
	}
	return d.r, nil
}

// providerName names a centre's provider, or its candidates when the
// sources leave it open.
func (e *env) providerName(c *kiez.Centre) string {
	name := func(id string) string {
		if p := e.programme(c.Programme); p != nil {
			for _, pr := range p.Providers {
				if pr.ID == id {
					if pr.ShortName != "" && pr.ShortName != pr.Name {
						return pr.Name + " (" + pr.ShortName + ")"
					}
					return pr.Name
				}
			}
		}
		return id
	}
	if c.Provider != "" {
		return name(c.Provider)
	}
	if len(c.ProviderCandidates) > 0 {
		names := make([]string, len(c.ProviderCandidates))
		for i, id := range c.ProviderCandidates {
			names[i] = name(id)
		}
		return e.l.t("provider.open") + ": " + strings.Join(names, " / ")
	}
	return ""
}

// place describes where a centre is: district or municipality, and the
// Verbandsgemeinde or county.
func place(c *kiez.Centre) string {
	var parts []string
	for _, s := range []string{c.Location.District, c.Location.Municipality, c.Location.Verbandsgemeinde, c.Location.County} {
		if s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	if len(parts) > 2 {
		parts = parts[:2]
	}
	return strings.Join(parts, ", ")
}

// phaseAt returns the centre's development phase in force on day d.
func phaseAt(c *kiez.Centre, d date.Date) (kiez.Phase, bool) {
	var cur kiez.Phase
	found := false
	for _, p := range c.Phases {
		if !p.From.After(d) && (!found || !p.From.Before(cur.From)) {
			cur, found = p, true
		}
	}
	return cur, found
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
