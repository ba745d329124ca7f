// Package whatif compares two evaluations of funding-programme rules on
// one dataset, so that a programme designer sees the impact of a change
// before it is decided: which centres would newly fail, where, and how
// many hours a reform would cost.
//
// The two sides of a comparison are two versions of a rule set (two
// files, or one file and a copy with changed params, see
// rules.RuleSet.WithParams) over one period, or one rule set over two
// periods (year over year). Compare evaluates both on the same loaded
// dataset and matches their results by programme, rule id and subject;
// a renamed rule is matched through an explicit map (WithRenames). It
// reports
//
//   - every result whose verdict changed (pass → fail, fail → pass, …),
//     that is new or gone (a new or removed rule, a new subject), or
//     whose message changed with the same verdict;
//   - the outcome counts of each side per rule, per requirement and per
//     centre, with the number of changes;
//   - the params whose history or value in force differs, with both
//     histories;
//   - for a failing result that rests on hours (a rule whose evidence
//     shows a param in hours, such as h/Woche, beside the hours found),
//     the hours missing, per centre and in total.
//
// When the second period is the first shifted by whole years (2024 and
// 2025), subjects and messages of the first are compared with their
// years shifted ("fz-a/2024-H2" is matched with "fz-a/2025-H2"), so that
// a message that differs only in its year is no change.
//
// A comparison costs two evaluations and one pass over their results;
// the dataset is loaded once and only read. Compare holds no state
// between calls and is safe for concurrent use; a Comparison is a plain
// value.
package whatif
