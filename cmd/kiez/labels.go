package main

import (
	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// This file says the values of the tool's own tables in the language of
// the run: outcomes and severities with the reports' labels, periods and
// days with the one formatter (internal/words). The words around them are
// in the message table.

// reportLang is the language of the run as the report package names it.
func (x *texts) reportLang() report.Language {
	if x.lang == langEN {
		return report.English
	}
	return report.German
}

// words is the language of the run for the formatter.
func (x *texts) words() words.Language {
	if x.lang == langEN {
		return words.English
	}
	return words.German
}

// outcome is the label of a verdict's outcome: "nicht erfüllt", "fail".
func (x *texts) outcome(o rules.Outcome) string { return x.reportLang().OutcomeLabel(o) }

// severity is the label of a verdict's severity: "Fehler", "error".
func (x *texts) severity(s diag.Severity) string { return x.reportLang().SeverityLabel(s) }

// span writes a period: "01.01.2024–31.12.2024", "2024-01-01 – 2024-12-31".
func (x *texts) span(p rules.Period) string {
	return x.words().Span(words.Span{From: p.From, Until: p.Until})
}
