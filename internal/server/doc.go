// Package server is the service kiez serve runs for a Jugendamt's
// intranet: an HTTP API under /api/v1/ (JSON, errors as RFC 9457 problem
// details with the diagnostics of the data and rule files), its OpenAPI
// 3.1 document, the dashboard at /, and /healthz.
//
// Datasets (the files of a data directory) and rule files are uploaded,
// validated and stored whole in a store.Store; a check evaluates the
// newest dataset of a programme and year with the programme's embedded
// rule set or an uploaded rule file and stores the evaluation: the rule
// files it used, the dataset version, the period, the module version, the
// input digest and the results. A stored evaluation is shown again as it
// was (the envelope kiez-check/1 of kiez check --format json, byte for
// byte), explained and turned into every report, without running the
// rules again (rules.Restore).
//
// Roles (package auth): without an account only published evaluations
// and their published reports (when Config.Published is set), the
// programmes, /healthz and the OpenAPI document; read sees everything;
// write uploads, checks and publishes. Checks run at most
// Config.MaxChecks at once, the rest wait in a bounded queue; each is
// bounded by Config.CheckTimeout; Shutdown waits for the running ones.
package server
