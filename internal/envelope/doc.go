// Package envelope holds the JSON envelopes of kiez: what opens the JSON
// output of check, report, plan and explain (the module, the rule sets, the
// period, the inputs and the time of the run), and the builders that fill
// them in. The command kiez and the service kiez serve write them alike, so
// that a check's JSON is the same whether it came from the command line or
// from the API (format kiez-check/1).
package envelope
