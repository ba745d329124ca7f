package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/rules"
)

// modulePath is the module the program belongs to.
const modulePath = envelope.ModulePath

// buildInfo is what the program knows about its own build.
type buildInfo struct {
	// Module is the module's version: a release such as v1.2.0, a
	// pseudo-version, or "(devel)" when built inside its source tree.
	Module string `json:"module"`
	// Revision is the version control revision built from, with
	// "+modified" when the tree had changes; empty when not recorded.
	Revision string `json:"revision,omitempty"`
	// Go is the version of Go that built the program.
	Go string `json:"go"`
}

// readBuildInfo returns the program's build information.
func readBuildInfo() buildInfo {
	b := envelope.ReadBuild()
	return buildInfo{Module: b.Module, Revision: b.Revision, Go: runtime.Version()}
}

// versionFormat names the JSON document of kiez version --format json
// and its version.
const versionFormat = "kiez-version/1"

// versionOutput is what kiez version --format json writes.
type versionOutput struct {
	// Format is "kiez-version/1".
	Format string `json:"format"`
	buildInfo
	// RuleSets are the embedded rule sets.
	RuleSets []embeddedSet `json:"ruleSets"`
}

// embeddedSet is an embedded rule set: its programme id and version.
type embeddedSet struct {
	Programme string `json:"programme"`
	Version   string `json:"version"`
}

// embeddedSets lists the embedded rule sets, in the order of rules.Embedded.
func embeddedSets() ([]embeddedSet, error) {
	progs, diags := rules.LoadEmbeddedAll()
	if diags.HasErrors() {
		return nil, diags
	}
	out := make([]embeddedSet, len(progs))
	for i, p := range progs {
		out[i] = embeddedSet{Programme: p.ID, Version: p.Version}
	}
	return out, nil
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "version.synopsis", "version.about")
	format := fs.String("format", "text", "version.flag.format")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return fs.fail(stderr, "version.noArgs")
	}
	if *format != "text" && *format != "json" {
		return fs.fail(stderr, "err.format", *format, fs.tx.or("text", "json"))
	}
	b := readBuildInfo()
	sets, err := embeddedSets()
	if err != nil {
		fmt.Fprintln(stderr, fs.tx.t("version.embeddedErrors", err))
		return exitProblems
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err := enc.Encode(versionOutput{Format: versionFormat, buildInfo: b, RuleSets: sets})
		if err != nil {
			fmt.Fprintf(stderr, "kiez version: %v\n", err)
			return exitProblems
		}
		return exitOK
	}
	fmt.Fprintf(stdout, "kiez %s\n", b.Module)
	if b.Revision != "" {
		fmt.Fprintf(stdout, "Revision %s\n", b.Revision)
	}
	fmt.Fprintf(stdout, "%s\n", b.Go)
	fmt.Fprintln(stdout, "Eingebettete Regelwerke:")
	for _, s := range sets {
		fmt.Fprintf(stdout, "  %s %s\n", s.Programme, s.Version)
	}
	return exitOK
}
