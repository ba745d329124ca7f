package rules

import (
	"fmt"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/diag"
)

// Outcome is the verdict of one rule on one subject.
type Outcome int

// The outcomes. Missing data (nothing was reported) is never a failure
// (what was reported falls short), and an error (the rule could not be
// evaluated) is neither.
const (
	OutcomePass Outcome = iota + 1
	OutcomeFail
	OutcomeNotApplicable
	OutcomeWaived
	OutcomeMissingData
	OutcomeError
)

var outcomeNames = map[Outcome]string{
	OutcomePass: "pass", OutcomeFail: "fail", OutcomeNotApplicable: "not-applicable",
	OutcomeWaived: "waived", OutcomeMissingData: "missing-data", OutcomeError: "error",
}

// String returns the outcome's id: pass, fail, not-applicable, waived,
// missing-data or error.
func (o Outcome) String() string {
	if s, ok := outcomeNames[o]; ok {
		return s
	}
	return "invalid"
}

// Label returns the German label of the outcome for reports.
func (o Outcome) Label() string {
	switch o {
	case OutcomePass:
		return "erfüllt"
	case OutcomeFail:
		return "nicht erfüllt"
	case OutcomeNotApplicable:
		return "nicht anwendbar"
	case OutcomeWaived:
		return "Ausnahme genehmigt"
	case OutcomeMissingData:
		return "keine Angaben"
	case OutcomeError:
		return "Prüffehler"
	}
	return "ungültig"
}

// ParseOutcome parses an outcome's id.
func ParseOutcome(s string) (Outcome, error) {
	for o, n := range outcomeNames {
		if n == s {
			return o, nil
		}
	}
	return 0, fmt.Errorf("unknown outcome %q (use pass, fail, not-applicable, waived, missing-data or error)", s)
}

// MarshalText writes the outcome's id.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads an outcome's id.
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := ParseOutcome(string(b))
	if err != nil {
		return err
	}
	*o = v
	return nil
}

// Result is the verdict of one rule on one subject, with everything a
// person needs to check it: the requirement ids, the source section, the
// rendered message and the evidence values.
type Result struct {
	// Programme is the id of the rule set, which is the programme's id in
	// the data.
	Programme string `json:"programme"`
	// Rule is the rule's id.
	Rule string `json:"rule"`
	// Title is the rule's title.
	Title string `json:"title"`
	// Subject names what the verdict is about, for display and JSON: the
	// programme id for programme rules, the centre id for centre rules,
	// and "centre/item" (or "programme/item") for rules checked per item.
	// Programs read the fields Programme, Centre, ItemKind and Item
	// instead of taking it apart.
	Subject string `json:"subject"`
	// Centre is the centre's id for centre rules, empty for programme
	// rules.
	Centre string `json:"centre,omitempty"`
	// ItemKind and Item name the item of a rule checked per item (each):
	// its kind (ItemPosition, ItemBucket, …) and its id, or the name the
	// rule's subject expression gives it. Both are empty for a verdict
	// on a whole centre or programme.
	ItemKind ItemKind `json:"itemKind,omitempty"`
	Item     string   `json:"item,omitempty"`
	// Outcome is the verdict.
	Outcome Outcome `json:"outcome"`
	// Severity is the rule's severity: how much a failure weighs (error,
	// warning, info).
	Severity diag.Severity `json:"severity"`
	// Requirements are the ids of the catalogue's requirements that the
	// rule checks.
	Requirements []string `json:"requirements"`
	// Source is the section of the programme's document that the rule
	// cites.
	Source Cite `json:"source,omitzero"`
	// Message is the rule's message rendered for the subject; empty for a
	// pass or a not-applicable result when only problems were asked for
	// (WithDetailsForProblemsOnly).
	Message string `json:"message"`
	// Evidence holds the values the verdict rests on, one per evidence
	// expression of the rule, in file order; empty for the results whose
	// Message is left empty (WithDetailsForProblemsOnly).
	Evidence []Evidence `json:"evidence,omitempty"`
	// Waiver is the waiver that turned a failure into OutcomeWaived.
	Waiver *WaiverRef `json:"waiver,omitempty"`
	// Error says why the rule could not be evaluated (OutcomeError), as
	// text with the place in the rule file in front.
	Error string `json:"error,omitempty"`
	// Problem is the same as a diagnostic when an expression failed
	// while it ran: its place in the rule file (the whole expression),
	// the reason as summary and in German as detail. Nil otherwise.
	Problem *diag.Diagnostic `json:"problem,omitempty"`
}

// Evidence is a named value a verdict rests on.
type Evidence struct {
	Name string `json:"name"`
	// Text is the value formatted for people, in the engine's language
	// (German, or as WithLanguage says).
	Text string `json:"text"`
	// Value is the value itself.
	Value any `json:"value"`
}

// WaiverRef identifies the waiver applied to a result.
type WaiverRef struct {
	ID        string     `json:"id"`
	Reason    string     `json:"reason"`
	GrantedBy string     `json:"grantedBy"`
	Granted   date.Date  `json:"granted"`
	From      date.Date  `json:"from"`
	Until     *date.Date `json:"until,omitempty"`
}

// String formats the result on one line: "subject rule: OUTCOME message".
func (r Result) String() string {
	return fmt.Sprintf("%s %s: %s %s", r.Subject, r.Rule, r.Outcome, r.Message)
}
