// Package kiez is the overview of a Go library that runs family-centre
// funding programmes as code: it models the centres, their networks and
// staffing, checks them against each programme's rules, and builds the
// reports the programmes ask for.
//
// German municipalities and Länder fund family centres under § 16 SGB VIII.
// Each programme writes its obligations into a concept paper: release time
// for the head, weekly offers, half-yearly meetings, annual reports. This
// library turns those papers into rule files and checks real records
// against them, with a verdict per requirement and the evidence behind it.
// Three programmes ship with it: Wiesbaden's KinderElternZentren (KiEZ),
// the Familienzentren of the Landkreis Bad Kreuznach, and the Thüringer
// Eltern-Kind-Zentren (ThEKiZ). A further programme is added by writing a
// rule file, without Go.
//
// # Packages
//
// Dependencies point one way, down this list:
//
//   - diag: diagnostics as values — position, range, severity, summary,
//     detail, data path — with Err for callers that want an error and
//     WriteText for people. It imports nothing of the module; data and
//     rule files report their problems with it.
//   - schedule: calendar arithmetic for obligations — recurrences (RFC 5545
//     RRULE text), calendar buckets (ISO weeks, months, quarters,
//     half-years), cadence checks with their evidence, public holidays per
//     Land, closure periods, iCalendar export. It knows nothing of centres.
//   - kiez: the domain model — programmes, centres, providers, catchment
//     Kitas, partners, staff positions, offers, sessions with aggregated
//     attendance, meetings, evidence, budgets, targets, waivers; strict
//     decoding of YAML and JSON with file positions; validation that
//     reports every problem at once; full-time-equivalent arithmetic; the
//     glossary. It knows nothing of rules.
//   - rules: the rule-file format, compiled expressions over the model,
//     evaluation with evidence, waivers, rule tests, and the three
//     programmes' rule sets embedded. It knows nothing of rendering.
//   - whatif: what-if comparisons of two evaluations of one dataset (two
//     versions of a rule set, changed params, two years): the verdicts
//     that change, with counts and the hours missing.
//   - report: report builders and renderers (JSON, CSV, Markdown, HTML).
//   - cmd/kiez: the command-line tool for programme designers and
//     administrators.
//
// # Flow
//
//	rule file (YAML) ──rules.Load──► RuleSet ──compile once──► Engine
//	data files (YAML/JSON) ──kiez.Load + Validate──► Dataset
//	Engine.Evaluate(ctx, dataset, period) ──► Evaluation ──report──► JSON · CSV · Markdown · HTML
//
// # Values and privacy
//
// Dates are github.com/rickb777/date values; hours and money are
// github.com/shopspring/decimal values, never float64. The model stores no
// names of families, children or staff: sessions carry aggregated counts,
// staff are identified by role and a pseudonymous id.
//
// The glossary of German domain terms and their ids is docs/glossary.md.
package kiez
