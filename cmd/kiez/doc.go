// Command kiez checks family-centre data and programme rules from the
// command line. Run "kiez help" for the subcommands.
//
// Every command exits 0 when it did its job, 1 when it found problems
// (invalid data, rule files with errors, failing rule tests) and 2 on wrong
// usage. "kiez check" exits 0 whatever the verdicts, unless --strict.
package main
