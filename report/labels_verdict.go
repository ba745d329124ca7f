package report

import (
	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// OutcomeLabel returns the label of a verdict's outcome in the language,
// as the reports write it: "erfüllt", "nicht erfüllt" … in German (the
// rules package's Outcome.Label), "pass", "fail" … in English. Tools that
// write verdicts beside a report (kiez check) use it to say them alike.
func (l Language) OutcomeLabel(o rules.Outcome) string { return l.outcome(o) }

// SeverityLabel returns the label of a verdict's severity in the
// language, as the reports write it: "Fehler", "Warnung", "Hinweis";
// "error", "warning", "info".
func (l Language) SeverityLabel(s diag.Severity) string { return l.severity(s) }

// ChangeLabel returns the label of the kind of a change between two
// evaluations in the language, as the impact report writes it:
// "Ergebnis geändert", "neu" …; "outcome changed", "added" ….
func (l Language) ChangeLabel(k whatif.Kind) string { return kindLabel(l, k) }
