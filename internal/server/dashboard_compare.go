package server

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// The comparison of two stored evaluations (what-if over history): every
// verdict that differs, read from the stored results of both, without
// running the rules again. Results are matched by programme, rule and
// subject, as package whatif matches them; the kinds of difference and
// their labels are whatif's. Unlike whatif.Compare, subjects are matched
// as written: between evaluations of different years a subject that names
// its year (a meeting "fz-a/2024-H2") shows as gone and its successor as
// new.

// compareView is the page of a comparison.
type compareView struct {
	EvaluationID  int64
	EvaluationURL string
	OtherID       int64
	OtherURL      string
	// Before and After describe the two evaluations.
	Before, After string
	Summary       []valueView
	Changes       []changeView
}

// changeView is one verdict that differs.
type changeView struct {
	Kind           string
	Rule, Title    string
	Subject        string
	Old, New       *countView // outcome badge; nil on the side without the result
	OldMsg, NewMsg string
	URL            string
}

// resultKey identifies a result across evaluations.
type resultKey struct{ programme, rule, subject string }

// changesBetween lists the results that differ between before and after,
// by kind (outcome, added, removed, message), then rule and subject.
func changesBetween(before, after []rules.Result) []whatif.Change {
	old := make(map[resultKey]*rules.Result, len(before))
	for i := range before {
		r := &before[i]
		old[resultKey{r.Programme, r.Rule, r.Subject}] = r
	}
	var out []whatif.Change
	seen := map[resultKey]bool{}
	for i := range after {
		n := &after[i]
		k := resultKey{n.Programme, n.Rule, n.Subject}
		seen[k] = true
		c := whatif.Change{Programme: n.Programme, Rule: n.Rule, Title: n.Title, Subject: n.Subject, Centre: n.Centre, New: n}
		switch o := old[k]; {
		case o == nil:
			c.Kind = whatif.KindAdded
		case o.Outcome != n.Outcome:
			c.Kind, c.Old = whatif.KindOutcome, o
		case o.Message != n.Message:
			c.Kind, c.Old = whatif.KindMessage, o
		default:
			continue
		}
		out = append(out, c)
	}
	for i := range before {
		o := &before[i]
		if k := (resultKey{o.Programme, o.Rule, o.Subject}); !seen[k] {
			out = append(out, whatif.Change{Kind: whatif.KindRemoved, Programme: o.Programme, Rule: o.Rule, Title: o.Title,
				Subject: o.Subject, Centre: o.Centre, Old: o})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Subject < b.Subject
	})
	return out
}

// compare shows how this evaluation differs from another (?mit=).
func (d *dashboard) compare(w http.ResponseWriter, r *http.Request) {
	if _, ok := d.needUser(w, r); !ok {
		return
	}
	l, _, ok := d.load(w, r)
	if !ok {
		return
	}
	otherID, err := strconv.ParseInt(r.URL.Query().Get("mit"), 10, 64)
	if err != nil || otherID <= 0 || otherID == l.rec.ID {
		d.problem(w, r, http.StatusBadRequest, "Ungültige Anfrage", "Wählen Sie eine andere Auswertung zum Vergleich.")
		return
	}
	other, err := d.s.evaluation(r.Context(), otherID)
	if errors.Is(err, store.ErrNotFound) {
		d.problem(w, r, http.StatusNotFound, "Nicht gefunden", fmt.Sprintf("Die Auswertung %d gibt es nicht.", otherID))
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	describe := func(l *loaded) string {
		return fmt.Sprintf("Auswertung %d: %s %s, Daten Version %d, geprüft %s", l.rec.ID, l.rec.Programme, l.ev.Period().German(),
			l.dataset.Version, stamp(l.rec.CreatedAt))
	}
	v := compareView{EvaluationID: l.rec.ID, EvaluationURL: evaluationURL(l.rec.ID), OtherID: otherID, OtherURL: evaluationURL(otherID),
		Before: describe(other), After: describe(l)}
	changes := changesBetween(other.ev.Results(), l.ev.Results())
	worse, better := whatif.Effects(changes)
	tally := map[whatif.Kind]int{}
	for _, c := range changes {
		tally[c.Kind]++
		cv := changeView{Kind: german.ChangeLabel(c.Kind), Rule: c.Rule, Title: c.Title, Subject: c.Subject}
		if c.Old != nil {
			cv.Old = &countView{Class: c.Old.Outcome.String(), Label: german.OutcomeLabel(c.Old.Outcome)}
			cv.OldMsg = c.Old.Message
		}
		if c.New != nil {
			cv.New = &countView{Class: c.New.Outcome.String(), Label: german.OutcomeLabel(c.New.Outcome)}
			cv.NewMsg = c.New.Message
			cv.URL = explainURL(evaluationURL(l.rec.ID), c.Rule, c.Subject)
		}
		v.Changes = append(v.Changes, cv)
	}
	for _, k := range []whatif.Kind{whatif.KindOutcome, whatif.KindAdded, whatif.KindRemoved, whatif.KindMessage} {
		v.Summary = append(v.Summary, valueView{Name: german.ChangeLabel(k), Text: strconv.Itoa(tally[k])})
	}
	v.Summary = append(v.Summary, valueView{Name: "ungünstiger", Text: strconv.Itoa(worse)}, valueView{Name: "günstiger", Text: strconv.Itoa(better)})
	title := fmt.Sprintf("Vergleich: Auswertung %d mit Auswertung %d", l.rec.ID, otherID)
	d.pages.render(w, http.StatusOK, "compare", d.page(w, r, title, "home", v))
}

// compareOptions lists the other evaluations of the programme to compare
// an evaluation with, newest first.
func (d *dashboard) compareOptions(r *http.Request, rec store.Evaluation) ([]option, error) {
	evals, err := d.s.store.Evaluations(r.Context(), store.EvaluationFilter{Programme: rec.Programme, Limit: 200})
	if err != nil {
		return nil, err
	}
	var out []option
	for _, e := range evals {
		if e.ID != rec.ID {
			out = append(out, option{Value: strconv.FormatInt(e.ID, 10),
				Label: fmt.Sprintf("Auswertung %d: %d, Zeitraum %s, geprüft %s", e.ID, e.Year, e.Period, stamp(e.CreatedAt))})
		}
	}
	return out, nil
}
