package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCheckEngineOptions checks when kiez check leaves out the details of
// passes and not-applicable results: only for text tables that show
// neither.
func TestCheckEngineOptions(t *testing.T) {
	got := map[string]bool{}
	for _, c := range []struct{ format, only string }{
		{"text", ""}, {"text", "problems"}, {"text", "fail,error"}, {"text", "fail,pass"},
		{"text", "not-applicable"}, {"json", "problems"}, {"xlsx", "problems"},
	} {
		show, err := parseOnly(c.only)
		if err != nil {
			t.Fatal(err)
		}
		got[c.format+" "+c.only] = len(checkEngineOptions(c.format, show)) > 0
	}
	want := map[string]bool{
		"text ": false, "text problems": true, "text fail,error": true, "text fail,pass": false,
		"text not-applicable": false, "json problems": false, "xlsx problems": false,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("details for problems only (-want +got):\n%s", diff)
	}
}
