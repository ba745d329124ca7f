package rules

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// RuleSet is a loaded and compiled rule file: the obligations of one
// funding programme. It is immutable once Load returns it and safe for
// concurrent use.
type RuleSet struct {
	// ID is the programme id that centres name in their data.
	ID          string
	Name        string
	Authority   string
	Version     string
	Description string
	// Land is the ISO 3166-2 code whose public holidays apply.
	Land string
	// File is the name the rule file was loaded under.
	File         string
	Sources      []Source
	Requirements []Requirement
	Params       []*Param
	Rules        []*Rule
	Manual       []Manual

	// ValidFrom is the first day the rules apply (validFrom: of the file),
	// or, without one, the first day on which every param has a value
	// (ValidFromDerived); nil when neither is given. ValidUntil is the
	// last day, nil when open. See Rule.ValidFrom.
	ValidFrom, ValidUntil *date.Date
	ValidFromDerived      bool

	paramType reflect.Type // the struct type of params in expressions
	// consts is the number of expressions of centre rules that read
	// neither the centre nor an item: one value per evaluation.
	consts int
	// loadCfg is the configuration the rule set was loaded with; Explain
	// compiles parts of assertions with it.
	loadCfg loadConfig
}

// Source is a document a programme's rules cite.
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date,omitempty"`
	File  string `json:"file,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Cite names a document and a section of it.
type Cite struct {
	Doc     string `json:"doc"`
	Section string `json:"section,omitempty"`
}

// String formats the citation as "doc section".
func (c Cite) String() string {
	if c.Section == "" {
		return c.Doc
	}
	return c.Doc + " " + c.Section
}

// Requirement is an entry of the programme's requirement catalogue.
type Requirement struct {
	ID     string   `json:"id"`
	Text   string   `json:"text"`
	Source Cite     `json:"source"`
	Check  []string `json:"check,omitempty"`
}

// Manual is a requirement that no data can show, with the reason and the
// evidence a reviewer checks instead.
type Manual struct {
	Requirement string `json:"requirement"`
	Reason      string `json:"reason"`
	Evidence    string `json:"evidence"`
}

// Param is a named number or list of the programme with its history of
// values, each in force from a date on (X-03 of the requirement catalogue, docs/anforderungen.md).
type Param struct {
	Name  string
	Title string
	// Type is one of decimal, int, days, period, kinds, groups, text,
	// bool, date.
	Type           string
	Unit           string
	Source         Cite
	Interpretation string
	Requirements   []string
	// History is ordered by From, oldest first.
	History []ParamValue

	historyAt diag.Range // where the history starts in the rule file
}

// ParamValue is one value of a param and the day from which it applies.
type ParamValue struct {
	From  date.Date
	Value any
	Note  string
}

// At returns the value in force on day d and whether there is one.
func (p *Param) At(d date.Date) (ParamValue, bool) {
	var cur ParamValue
	found := false
	for _, v := range p.History {
		if v.From.After(d) {
			break
		}
		cur, found = v, true
	}
	return cur, found
}

// Scope says what a rule is evaluated for.
type Scope int

// The scopes. A rule with an `each` expression is evaluated once per item
// of the list that expression yields, within its scope.
const (
	ScopeCentre Scope = iota
	ScopeProgramme
)

// String returns "centre" or "programme".
func (s Scope) String() string {
	if s == ScopeProgramme {
		return "programme"
	}
	return "centre"
}

// Rule is one compiled obligation.
type Rule struct {
	ID           string
	Title        string
	Description  string
	Requirements []string
	Source       Cite
	Severity     diag.Severity
	Scope        Scope
	// Each, When, Needs, Assert and Subject are the expression texts as
	// written; Message is the template.
	Each, When, Needs, Assert, Subject string
	// Let names the rule's own variables in file order; each is computed
	// at most once per subject, when an expression first reads it, and may
	// be used by the expressions that follow it.
	Let []string
	// LetExprs holds the expression of each Let variable, as written.
	LetExprs []string
	// IfMissing is the outcome when Needs yields nothing: OutcomeMissingData
	// by default, or OutcomeFail.
	IfMissing Outcome
	Message   string
	// Evidence names the evidence expressions in file order.
	Evidence []string
	// Pos is where the rule starts in its file.
	Pos diag.Range

	// ValidFrom and ValidUntil are the days from and until which the rule
	// applies: its own validFrom/validUntil within those of the file (nil
	// when open). A period wholly outside gives not applicable; a period
	// partly outside is judged on its part inside.
	ValidFrom, ValidUntil *date.Date
	// NotApplicable and Missing are the message templates shown when when
	// is false and when needs is empty, as written ("" for the defaults).
	NotApplicable, Missing string
	// Translations holds the rule's title and message templates in other
	// languages than the rule file's, by ISO 639-1 code, as written; an
	// engine made WithLanguage writes its verdicts with them.
	Translations map[string]Translation

	ownFrom, ownUntil bool           // the rule states its own validFrom/validUntil
	notApplicable     []templatePart // NotApplicable compiled, nil for the default
	missingMsg        []templatePart // Missing compiled, nil for the default
	translated        map[words.Language]*translated

	assertAt                           diag.Range // where the assertion is written
	params                             []string   // the params the rule's expressions use
	texts                              textsOnce  // the texts its conditions name, sorted (see Texts)
	lets                               []*expression
	envTypes                           map[string]any // the variables of assert and the rest, with the lets
	cost                               uint64         // the estimated cost, see Cost
	each, when, needs, assert, subject *expression
	message                            []templatePart
	evidence                           []*expression
	itemType                           reflect.Type
	itemKind                           ItemKind // of itemType; empty when the checker could not tell
	// slots is the number of expressions of a rule with each whose value
	// does not depend on the item: they are computed once per subject
	// and reused for every item.
	slots int
}

// expression is a compiled expression with where it came from.
type expression struct {
	text    string
	program *compile.Program
	at      diag.Range
	// locate finds the position when it was not worked out at load time
	// (in a message template), once, for the first error that names it.
	locate     func() diag.Range
	locateOnce sync.Once
	// slot is the expression's place among the item-independent
	// expressions of its rule (Rule.slots), or -1 when it is computed for
	// each item.
	slot int
	// konst is the expression's place among the centre-independent
	// expressions of the programme (RuleSet.consts), or -1.
	konst int
	// lets are the indexes of the rule's lets the expression reads.
	lets []int
	// closure is the expression compiled to typed closures (closures.go)
	// when it first runs, nil when its shape is not covered.
	closure     *compile.Closure
	closureOnce sync.Once
	// closureLets are the lets of the rule the closure was compiled for
	// (slots.go).
	closureLets []string
}

// templatePart is literal text or an expression of a message template.
type templatePart struct {
	text string
	expr *expression
}

// Rule returns the rule with the given id, or nil.
func (p *RuleSet) Rule(id string) *Rule {
	for _, r := range p.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Param returns the param with the given name, or nil.
func (p *RuleSet) Param(name string) *Param {
	for _, x := range p.Params {
		if x.Name == name {
			return x
		}
	}
	return nil
}

// pos returns where the expression is written.
func (e *expression) pos() diag.Range {
	if e.locate != nil {
		e.locateOnce.Do(func() { e.at = e.locate() })
	}
	return e.at
}

// String returns the rule's id and title, as in "freistellung (Leitungsfreistellung)".
func (r *Rule) String() string { return fmt.Sprintf("%s (%s)", r.ID, r.Title) }

// Judged is the part of a period within the rule's validity (ValidFrom,
// ValidUntil): the days its verdicts speak of and whose param values it
// reads. It is false when the period lies wholly outside the validity.
func (r *Rule) Judged(per Period) (Period, bool) {
	s, ok := clip(r.ValidFrom, r.ValidUntil, per)
	if !ok {
		return per, false
	}
	return Period(s), true
}
