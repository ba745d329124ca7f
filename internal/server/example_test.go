package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/kiez-go/kiez/internal/server"
	"github.com/kiez-go/kiez/internal/store/memstore"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// ExampleNew serves kiez on a store in memory and asks whether it works.
func ExampleNew() {
	srv, err := server.New(server.Config{Store: memstore.New()})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	defer srv.Shutdown(context.Background())
	resp, err := http.Get(ts.URL + "/healthz")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output: 200 {"status":"ok"}
}

// Example_library does through the library what kiez serve does for an
// upload, a check and a report: load the uploaded files from any fs.FS
// and refuse them when they have errors, evaluate, keep the results as
// JSON, and later rebuild the evaluation from what was kept, without
// running the rules again, for a report.
func Example_library() {
	ctx := context.Background()
	// The upload: the files of a data directory.
	upload := os.DirFS("../../testdata/bad-kreuznach")
	names, _ := fs.Glob(upload, "*.yaml")
	ds, diags := kiez.LoadContext(ctx, upload, names...)
	if !diags.HasErrors() {
		diags = append(diags, ds.Validate()...)
	}
	if diags.HasErrors() {
		fmt.Println(diags.Err()) // kiez serve answers 422 with the diagnostics
		return
	}
	// The check.
	rs, rdiags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	eng, err := rules.NewEngine([]*rules.RuleSet{rs}, rules.WithoutValidation()) // validated above
	if err != nil || rdiags.HasErrors() {
		fmt.Println(err, rdiags.Err())
		return
	}
	ev, err := eng.Evaluate(ctx, ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	stored, _ := json.Marshal(ev.Results()) // what the database keeps
	// Later: the evaluation again, from the stored parts.
	var results []rules.Result
	if err := json.Unmarshal(stored, &results); err != nil {
		fmt.Println(err)
		return
	}
	again, err := rules.Restore(ds, []*rules.RuleSet{rs}, rules.Year(2024), results)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Compliance(again, report.WithPublished())
	if err == nil {
		err = report.WriteHTML(io.Discard, r)
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, res := range again.Results() {
		if res.Outcome == rules.OutcomeFail {
			fmt.Println(res.Requirements[0], res.Centre, res.Rule)
		}
	}
	// Output:
	// BK-06 fz-hargesheim austauschtreffen-teilnahme
	// BK-07 fz-langenlonsheim planungstreffen-team
	// BK-04 fz-meisenheim leitungsfreistellung
}
