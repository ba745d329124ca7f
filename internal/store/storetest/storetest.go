package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kiez-go/kiez/internal/store"
)

// Run runs the conformance tests against the backend open returns; open
// is called once per subtest and must return an empty store. Run closes
// each store it opened.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"DatasetVersions", testDatasetVersions},
		{"DatasetStaleVersion", testDatasetStaleVersion},
		{"DatasetRefused", testDatasetRefused},
		{"DatasetCopies", testDatasetCopies},
		{"DatasetsNewest", testDatasetsNewest},
		{"RuleFiles", testRuleFiles},
		{"Evaluations", testEvaluations},
		{"EvaluationReferences", testEvaluationReferences},
		{"Published", testPublished},
		{"Accounts", testAccounts},
		{"Sessions", testSessions},
		{"Audit", testAudit},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Context", testContext},
		{"Closed", testClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

// at is a fixed time in UTC to the microsecond, as a store gives times back.
var at = time.Date(2024, 3, 1, 9, 30, 15, 123456000, time.UTC)

func dataset(programme string, year int, content string) store.Dataset {
	return store.Dataset{
		Programme: programme,
		Year:      year,
		Files: []store.File{
			{Name: "zentrum.yaml", Content: []byte(content)},
			{Name: "träger.json", Content: []byte(`{"name":"Träger"}`)},
		},
		UploadedBy: "anna",
		UploadedAt: at,
	}
}

func mustPutDataset(t *testing.T, s store.Store, d store.Dataset) store.Dataset {
	t.Helper()
	got, err := s.PutDataset(context.Background(), d)
	if err != nil {
		t.Fatalf("PutDataset(%s/%d): %v", d.Programme, d.Year, err)
	}
	return got
}

func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want one that is %v", what, err, target)
	}
}

func testDatasetVersions(t *testing.T, s store.Store) {
	ctx := context.Background()
	var put []store.Dataset
	for v := 1; v <= 3; v++ {
		d := mustPutDataset(t, s, dataset("bad-kreuznach", 2024, fmt.Sprintf("version: %d\n", v)))
		if d.Version != v {
			t.Errorf("version %d stored as version %d", v, d.Version)
		}
		if d.ID == 0 {
			t.Errorf("version %d stored without an ID", v)
		}
		want := store.DatasetDigest(d.Files)
		if d.Digest != want {
			t.Errorf("version %d: digest %q, want %q", v, d.Digest, want)
		}
		put = append(put, d)
	}
	other := mustPutDataset(t, s, dataset("bad-kreuznach", 2025, "other year"))
	if other.Version != 1 {
		t.Errorf("first dataset of another year: version %d, want 1", other.Version)
	}
	third := mustPutDataset(t, s, dataset("mainz", 2024, "other programme"))
	if third.Version != 1 {
		t.Errorf("first dataset of another programme: version %d, want 1", third.Version)
	}
	if put[0].ID == put[1].ID || put[1].ID == put[2].ID || other.ID == put[2].ID {
		t.Errorf("IDs not distinct: %d %d %d %d", put[0].ID, put[1].ID, put[2].ID, other.ID)
	}

	for v, want := range map[int]store.Dataset{0: put[2], 1: put[0], 2: put[1], 3: put[2]} {
		got, err := s.Dataset(ctx, "bad-kreuznach", 2024, v)
		if err != nil {
			t.Fatalf("Dataset(version %d): %v", v, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Dataset(version %d) (-want +got):\n%s", v, diff)
		}
	}
	for _, want := range put {
		got, err := s.DatasetByID(ctx, want.ID)
		if err != nil {
			t.Fatalf("DatasetByID(%d): %v", want.ID, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("DatasetByID(%d) (-want +got):\n%s", want.ID, diff)
		}
	}
	_, err := s.Dataset(ctx, "bad-kreuznach", 2024, 4)
	wantErr(t, "Dataset(version 4)", err, store.ErrNotFound)
	_, err = s.Dataset(ctx, "bad-kreuznach", 2023, 0)
	wantErr(t, "Dataset(year without data)", err, store.ErrNotFound)
	_, err = s.Dataset(ctx, "nowhere", 2024, 0)
	wantErr(t, "Dataset(unknown programme)", err, store.ErrNotFound)
	_, err = s.DatasetByID(ctx, 999999)
	wantErr(t, "DatasetByID(999999)", err, store.ErrNotFound)
}

func testDatasetStaleVersion(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := dataset("bad-kreuznach", 2024, "v1")
	d.Version = 2
	_, err := s.PutDataset(ctx, d)
	wantErr(t, "PutDataset(version 2 of none)", err, store.ErrConflict)
	d.Version = 1
	if got := mustPutDataset(t, s, d); got.Version != 1 {
		t.Errorf("PutDataset(version 1): version %d", got.Version)
	}
	_, err = s.PutDataset(ctx, d)
	wantErr(t, "PutDataset(version 1 again)", err, store.ErrConflict)
	d.Version = 2
	if got := mustPutDataset(t, s, d); got.Version != 2 {
		t.Errorf("PutDataset(version 2): version %d", got.Version)
	}
	if _, err := s.Dataset(ctx, "bad-kreuznach", 2024, 3); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused version was stored: %v", err)
	}
}

func testDatasetRefused(t *testing.T, s store.Store) {
	ctx := context.Background()
	bad := map[string]func(*store.Dataset){
		"no programme":   func(d *store.Dataset) { d.Programme = "" },
		"year 0":         func(d *store.Dataset) { d.Year = 0 },
		"no files":       func(d *store.Dataset) { d.Files = nil },
		"directory":      func(d *store.Dataset) { d.Files[0].Name = "../etc/passwd" },
		"empty name":     func(d *store.Dataset) { d.Files[0].Name = "" },
		"same name":      func(d *store.Dataset) { d.Files[1].Name = d.Files[0].Name },
		"negative":       func(d *store.Dataset) { d.Version = -1 },
		"backslash name": func(d *store.Dataset) { d.Files[0].Name = `a\b.yaml` },
	}
	for name, spoil := range bad {
		d := dataset("bad-kreuznach", 2024, "x")
		spoil(&d)
		if _, err := s.PutDataset(ctx, d); err == nil {
			t.Errorf("PutDataset(%s): no error", name)
		} else if errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrNotFound) {
			t.Errorf("PutDataset(%s): %v, want neither conflict nor not found", name, err)
		}
	}
	list, err := s.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("refused datasets were stored: %v", list)
	}
}

func testDatasetCopies(t *testing.T, s store.Store) {
	ctx := context.Background()
	in := dataset("bad-kreuznach", 2024, "original")
	put := mustPutDataset(t, s, in)
	in.Files[0].Content[0] = 'X'
	in.Files[1].Name = "changed.yaml"
	put.Files[0].Content[1] = 'Y'
	put.Files[1].Name = "changed too"
	got, err := s.Dataset(ctx, "bad-kreuznach", 2024, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := dataset("bad-kreuznach", 2024, "original")
	if diff := cmp.Diff(want.Files, got.Files); diff != "" {
		t.Errorf("the caller's changes reached the store (-want +got):\n%s", diff)
	}
	got.Files[0].Content[0] = 'Z'
	again, err := s.DatasetByID(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Files, again.Files); diff != "" {
		t.Errorf("changes to a returned dataset reached the store (-want +got):\n%s", diff)
	}
}

func testDatasetsNewest(t *testing.T, s store.Store) {
	ctx := context.Background()
	list, err := s.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("Datasets of an empty store: %v", list)
	}
	mustPutDataset(t, s, dataset("mainz", 2024, "m1"))
	mustPutDataset(t, s, dataset("bad-kreuznach", 2025, "b1"))
	mustPutDataset(t, s, dataset("bad-kreuznach", 2024, "a1"))
	a2 := mustPutDataset(t, s, dataset("bad-kreuznach", 2024, "a2"))
	m2 := mustPutDataset(t, s, dataset("mainz", 2024, "m2"))
	b2 := mustPutDataset(t, s, dataset("bad-kreuznach", 2025, "b2"))
	list, err = s.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want []store.Dataset
	for _, d := range []store.Dataset{a2, b2, m2} {
		for i := range d.Files {
			d.Files[i].Content = nil
		}
		want = append(want, d)
	}
	if diff := cmp.Diff(want, list, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Datasets (-want +got):\n%s", diff)
	}
}

func testRuleFiles(t *testing.T, s store.Store) {
	ctx := context.Background()
	list, err := s.RuleFiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("RuleFiles of an empty store: %v", list)
	}
	content := []byte("id: bad-kreuznach\nversion: \"2024.1\"\n")
	in := store.RuleFile{Name: "eigene.yaml", Programme: "bad-kreuznach", Version: "2024.1",
		Content: bytes.Clone(content), UploadedBy: "anna", UploadedAt: at}
	first, err := s.PutRuleFile(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 || first.Digest != store.ContentDigest(content) {
		t.Errorf("PutRuleFile: ID %d, digest %q", first.ID, first.Digest)
	}
	in.Content[0] = 'X' // the caller's slice stays the caller's
	same := in
	same.Content = bytes.Clone(content)
	same.Name, same.UploadedBy = "kopie.yaml", "bernd"
	second, err := s.PutRuleFile(ctx, same)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("the same content stored again (-first +second):\n%s", diff)
	}
	embedded, err := s.PutRuleFile(ctx, store.RuleFile{Name: "rules/programmes/mainz.yaml", Programme: "mainz",
		Version: "1", Embedded: true, Content: []byte("id: mainz\n"), UploadedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	if embedded.ID == first.ID {
		t.Errorf("another content got the same ID %d", first.ID)
	}
	first.Content[0] = 'Z'
	got, err := s.RuleFile(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Content) != string(content) {
		t.Errorf("RuleFile content %q, want %q", got.Content, content)
	}
	first.Content = got.Content
	if diff := cmp.Diff(first, got); diff != "" {
		t.Errorf("RuleFile (-want +got):\n%s", diff)
	}
	_, err = s.RuleFile(ctx, 999999)
	wantErr(t, "RuleFile(999999)", err, store.ErrNotFound)
	list, err = s.RuleFiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first.Content, embedded.Content = nil, nil
	if diff := cmp.Diff([]store.RuleFile{embedded, first}, list, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("RuleFiles (-want +got):\n%s", diff)
	}
}

// fixture stores two datasets and a rule file for evaluations to refer to.
func fixture(t *testing.T, s store.Store) (a, b store.Dataset, rf store.RuleFile) {
	t.Helper()
	a = mustPutDataset(t, s, dataset("bad-kreuznach", 2024, "a"))
	b = mustPutDataset(t, s, dataset("mainz", 2025, "b"))
	rf, err := s.PutRuleFile(context.Background(), store.RuleFile{Name: "rules/programmes/bad-kreuznach.yaml",
		Programme: "bad-kreuznach", Version: "2024.1", Embedded: true, Content: []byte("id: bad-kreuznach\n")})
	if err != nil {
		t.Fatal(err)
	}
	return a, b, rf
}

func evaluation(d store.Dataset, rf store.RuleFile, period string) store.Evaluation {
	return store.Evaluation{
		DatasetID:   d.ID,
		Programme:   d.Programme,
		Year:        d.Year,
		Period:      period,
		RuleFileIDs: []int64{rf.ID},
		Module:      "github.com/kiez-go/kiez@v0.6.0",
		InputDigest: d.Digest,
		Counts:      map[string]int{"pass": 12, "fail": 2},
		Results:     []byte(`[{"rule":"öffnungszeiten","outcome":"fail"}]`),
		CreatedBy:   "anna",
		CreatedAt:   at,
		Duration:    1500 * time.Millisecond,
	}
}

func testEvaluations(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, b, rf := fixture(t, s)
	var all []store.Evaluation
	for i, in := range []store.Evaluation{
		evaluation(a, rf, "2024"), evaluation(b, rf, "2025"), evaluation(a, rf, "2024-H1"), evaluation(b, rf, "2025-H2"),
	} {
		in.CreatedAt = at.Add(time.Duration(i) * time.Minute)
		got, err := s.PutEvaluation(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID == 0 {
			t.Errorf("evaluation %d stored without an ID", i)
		}
		in.ID = got.ID
		if diff := cmp.Diff(in, got); diff != "" {
			t.Errorf("PutEvaluation returned (-want +got):\n%s", diff)
		}
		// What the caller does with its values afterwards is its own.
		in.RuleFileIDs[0], in.Counts["pass"], in.Results[0] = 99, 99, 'X'
		got.RuleFileIDs[0], got.Counts["fail"], got.Results[1] = 98, 98, 'Y'
		all = append(all, evaluation([]store.Dataset{a, b}[i%2], rf, in.Period))
		all[i].ID, all[i].CreatedAt = got.ID, in.CreatedAt
	}
	for _, want := range all {
		got, err := s.Evaluation(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Evaluation(%d) (-want +got):\n%s", want.ID, diff)
		}
	}
	_, err := s.Evaluation(ctx, 999999)
	wantErr(t, "Evaluation(999999)", err, store.ErrNotFound)

	listed := func(es ...store.Evaluation) []store.Evaluation {
		var out []store.Evaluation
		for _, e := range es {
			e.Results = nil
			out = append(out, e)
		}
		return out
	}
	for _, tt := range []struct {
		name string
		f    store.EvaluationFilter
		want []store.Evaluation
	}{
		{"all", store.EvaluationFilter{}, listed(all[3], all[2], all[1], all[0])},
		{"programme", store.EvaluationFilter{Programme: "bad-kreuznach"}, listed(all[2], all[0])},
		{"year", store.EvaluationFilter{Year: 2025}, listed(all[3], all[1])},
		{"dataset", store.EvaluationFilter{DatasetID: a.ID}, listed(all[2], all[0])},
		{"programme and year", store.EvaluationFilter{Programme: "mainz", Year: 2024}, nil},
		{"limit", store.EvaluationFilter{Limit: 3}, listed(all[3], all[2], all[1])},
		{"filter and limit", store.EvaluationFilter{Programme: "mainz", Limit: 1}, listed(all[3])},
		{"published", store.EvaluationFilter{Published: true}, nil},
	} {
		got, err := s.Evaluations(ctx, tt.f)
		if err != nil {
			t.Fatalf("Evaluations(%s): %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Evaluations(%s) (-want +got):\n%s", tt.name, diff)
		}
	}
}

func testEvaluationReferences(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, _, rf := fixture(t, s)
	e := evaluation(a, rf, "2024")
	e.DatasetID = 999999
	_, err := s.PutEvaluation(ctx, e)
	wantErr(t, "PutEvaluation(unknown dataset)", err, store.ErrNotFound)
	e = evaluation(a, rf, "2024")
	e.RuleFileIDs = []int64{rf.ID, 999999}
	_, err = s.PutEvaluation(ctx, e)
	wantErr(t, "PutEvaluation(unknown rule file)", err, store.ErrNotFound)
	list, err := s.Evaluations(ctx, store.EvaluationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("refused evaluations were stored: %v", list)
	}
	// Several rule files keep their order.
	rf2, err := s.PutRuleFile(ctx, store.RuleFile{Name: "zusatz.yaml", Programme: "bad-kreuznach", Version: "x", Content: []byte("zusatz")})
	if err != nil {
		t.Fatal(err)
	}
	e = evaluation(a, rf, "2024")
	e.RuleFileIDs = []int64{rf2.ID, rf.ID}
	e.Counts = map[string]int{}
	got, err := s.PutEvaluation(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	back, err := s.Evaluation(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{rf2.ID, rf.ID}, back.RuleFileIDs); diff != "" {
		t.Errorf("rule file order (-want +got):\n%s", diff)
	}
	if len(back.Counts) != 0 {
		t.Errorf("empty counts came back as %v", back.Counts)
	}
}

func testPublished(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, _, rf := fixture(t, s)
	var ids []int64
	for i := 0; i < 3; i++ {
		e, err := s.PutEvaluation(ctx, evaluation(a, rf, "2024"))
		if err != nil {
			t.Fatal(err)
		}
		if e.Published {
			t.Errorf("a new evaluation is published")
		}
		ids = append(ids, e.ID)
	}
	in := evaluation(a, rf, "2024")
	in.Published = true
	pub, err := s.PutEvaluation(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Published {
		t.Errorf("an evaluation stored as published is not")
	}
	for _, id := range ids[:2] {
		if err := s.SetPublished(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetPublished(ctx, ids[0], false); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "SetPublished(999999)", s.SetPublished(ctx, 999999, true), store.ErrNotFound)
	list, err := s.Evaluations(ctx, store.EvaluationFilter{Published: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, e := range list {
		if !e.Published {
			t.Errorf("evaluation %d listed as published is not", e.ID)
		}
		got = append(got, e.ID)
	}
	if diff := cmp.Diff([]int64{pub.ID, ids[1]}, got); diff != "" {
		t.Errorf("published evaluations (-want +got):\n%s", diff)
	}
	e, err := s.Evaluation(ctx, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	if !e.Published {
		t.Errorf("Evaluation(%d) not published after SetPublished", ids[1])
	}
}

func testAccounts(t *testing.T, s store.Store) {
	ctx := context.Background()
	_, err := s.Account(ctx, "anna")
	wantErr(t, "Account(anna) in an empty store", err, store.ErrNotFound)
	anna := store.Account{Name: "anna", Role: "write", PasswordHash: "$argon2id$…1", CreatedAt: at}
	bernd := store.Account{Name: "bernd", Role: "read", CreatedAt: at.Add(time.Hour)}
	for _, a := range []store.Account{bernd, anna} {
		if err := s.PutAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Account(ctx, "anna")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(anna, got); diff != "" {
		t.Errorf("Account(anna) (-want +got):\n%s", diff)
	}
	// Replacing keeps the creation time and changes role and hash.
	if err := s.PutAccount(ctx, store.Account{Name: "anna", Role: "read", PasswordHash: "$argon2id$…2", CreatedAt: at.Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	anna.Role, anna.PasswordHash = "read", "$argon2id$…2"
	list, err := s.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]store.Account{anna, bernd}, list); diff != "" {
		t.Errorf("Accounts (-want +got):\n%s", diff)
	}
	if err := s.PutAccount(ctx, store.Account{Role: "read"}); err == nil {
		t.Errorf("PutAccount without a name: no error")
	}
}

func testSessions(t *testing.T, s store.Store) {
	ctx := context.Background()
	if err := s.PutAccount(ctx, store.Account{Name: "anna", Role: "write"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	live := store.Session{TokenHash: "aa11", Account: "anna", CSRF: "csrf-1", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	expired := store.Session{TokenHash: "bb22", Account: "anna", CSRF: "csrf-2", CreatedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-time.Hour)}
	for _, sess := range []store.Session{live, expired} {
		if err := s.PutSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Session(ctx, "aa11")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(live, got); diff != "" {
		t.Errorf("Session (-want +got):\n%s", diff)
	}
	_, err = s.Session(ctx, "bb22")
	wantErr(t, "Session(expired)", err, store.ErrNotFound)
	_, err = s.Session(ctx, "cc33")
	wantErr(t, "Session(unknown)", err, store.ErrNotFound)
	wantErr(t, "PutSession(same token hash)", s.PutSession(ctx, live), store.ErrConflict)
	wantErr(t, "PutSession(unknown account)",
		s.PutSession(ctx, store.Session{TokenHash: "dd44", Account: "nobody", ExpiresAt: now.Add(time.Hour)}), store.ErrNotFound)
	if err := s.DeleteSession(ctx, "aa11"); err != nil {
		t.Fatal(err)
	}
	_, err = s.Session(ctx, "aa11")
	wantErr(t, "Session(deleted)", err, store.ErrNotFound)
	if err := s.DeleteSession(ctx, "aa11"); err != nil {
		t.Errorf("DeleteSession of none: %v", err)
	}
}

func testAudit(t *testing.T, s store.Store) {
	ctx := context.Background()
	got, err := s.AuditLog(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("AuditLog of an empty store: %v", got)
	}
	var want []store.AuditEntry
	for i := 0; i < 5; i++ {
		e := store.AuditEntry{Time: at.Add(time.Duration(i) * time.Second), Actor: "anna", Action: "upload-dataset",
			Target: fmt.Sprintf("bad-kreuznach/2024 v%d", i+1), Detail: "2 Dateien"}
		if err := s.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
		want = append([]store.AuditEntry{e}, want...)
	}
	before := time.Now().Add(-time.Second)
	if err := s.Audit(ctx, store.AuditEntry{Actor: "bernd", Action: "login-failed"}); err != nil {
		t.Fatal(err)
	}
	ignoreID := cmpopts.IgnoreFields(store.AuditEntry{}, "ID")
	for _, limit := range []int{0, -1, 6, 7, 3} {
		got, err := s.AuditLog(ctx, limit)
		if err != nil {
			t.Fatal(err)
		}
		n := 6
		if limit > 0 && limit < n {
			n = limit
		}
		if len(got) != n {
			t.Fatalf("AuditLog(%d): %d entries, want %d", limit, len(got), n)
		}
		if got[0].Action != "login-failed" || got[0].Time.Before(before) || got[0].Time.Location() != time.UTC {
			t.Errorf("AuditLog(%d): newest %+v, want the login-failed entry stamped now in UTC", limit, got[0])
		}
		for i := 1; i < len(got); i++ {
			if got[i].ID >= got[i-1].ID || got[i].ID == 0 {
				t.Errorf("AuditLog(%d): IDs %d then %d, want descending", limit, got[i-1].ID, got[i].ID)
			}
		}
		if diff := cmp.Diff(want[:n-1], got[1:], ignoreID); diff != "" {
			t.Errorf("AuditLog(%d) (-want +got):\n%s", limit, diff)
		}
	}
}

func testConcurrentWriters(t *testing.T, s store.Store) {
	ctx := context.Background()
	const writers, each = 8, 20
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				d := dataset("bad-kreuznach", 2024, fmt.Sprintf("writer %d, upload %d", w, i))
				if _, err := s.PutDataset(ctx, d); err != nil {
					errs <- err
				}
				if err := s.Audit(ctx, store.AuditEntry{Actor: "w", Action: "upload-dataset"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write: %v", err)
	}
	seen := map[string]bool{}
	for v := 1; v <= writers*each; v++ {
		d, err := s.Dataset(ctx, "bad-kreuznach", 2024, v)
		if err != nil {
			t.Fatalf("version %d: %v", v, err)
		}
		c := string(d.Files[0].Content)
		if seen[c] {
			t.Errorf("version %d holds %q a second time", v, c)
		}
		seen[c] = true
	}
	newest, err := s.Dataset(ctx, "bad-kreuznach", 2024, 0)
	if err != nil {
		t.Fatal(err)
	}
	if newest.Version != writers*each {
		t.Errorf("newest version %d, want %d", newest.Version, writers*each)
	}
	log, err := s.AuditLog(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != writers*each {
		t.Errorf("%d audit entries, want %d", len(log), writers*each)
	}
}

func testContext(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.PutDataset(ctx, dataset("bad-kreuznach", 2024, "x")); !errors.Is(err, context.Canceled) {
		t.Errorf("PutDataset with an ended context: %v, want context.Canceled", err)
	}
	if err := s.Audit(ctx, store.AuditEntry{Actor: "a", Action: "b"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Audit with an ended context: %v, want context.Canceled", err)
	}
	if _, err := s.Datasets(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Datasets with an ended context: %v, want context.Canceled", err)
	}
	list, err := s.Datasets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("a write with an ended context was stored: %v", list)
	}
}

func testClosed(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustPutDataset(t, s, dataset("bad-kreuznach", 2024, "x"))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	_, err := s.Dataset(ctx, "bad-kreuznach", 2024, 0)
	wantErr(t, "Dataset after Close", err, store.ErrClosed)
	_, err = s.PutDataset(ctx, dataset("bad-kreuznach", 2024, "y"))
	wantErr(t, "PutDataset after Close", err, store.ErrClosed)
	wantErr(t, "Audit after Close", s.Audit(ctx, store.AuditEntry{Actor: "a"}), store.ErrClosed)
}
