package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/memfile"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The errors of the core operations; the API and the dashboard turn them
// into their status codes (errors.Is).
var (
	// errForbidden: the user's role does not allow the operation.
	errForbidden = errors.New("die Rolle des Kontos erlaubt das nicht")
	// errInvalid: the input has errors; the diagnostics say which.
	errInvalid = errors.New("die Eingabe hat Fehler")
	// errBadRequest: a parameter is not valid (the wrapping error says
	// which and why).
	errBadRequest = errors.New("ungültige Anfrage")
	// errBusy: too many checks wait; try again later.
	errBusy = errors.New("zu viele Prüfungen gleichzeitig")
	// errShuttingDown: the server stops and takes no new checks.
	errShuttingDown = errors.New("der Server wird beendet")
)

// programmeInfo is an embedded rule set as the service lists it.
type programmeInfo struct {
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	Version      string            `json:"version"`
	Requirements []requirementInfo `json:"requirements"`
}

// requirementInfo is one entry of a programme's requirement catalogue.
type requirementInfo struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// loaded is a stored evaluation read back: the record and the evaluation
// rebuilt from the stored dataset version, rule files and results.
type loaded struct {
	rec     store.Evaluation
	ev      *rules.Evaluation
	dataset store.Dataset
	files   []store.RuleFile
	// results is the stored JSON of the results, as written at the check.
	results []byte
}

// maxFiles is the most files one dataset may have.
const maxFiles = 200

// programmes lists the embedded rule sets.
func (s *Server) programmes() []programmeInfo {
	out := make([]programmeInfo, 0, len(s.embedded))
	for _, id := range s.embeddedIDs {
		rs := s.embedded[id]
		p := programmeInfo{ID: rs.ID, Title: rs.Name, Version: rs.Version, Requirements: []requirementInfo{}}
		for _, r := range rs.Requirements {
			p.Requirements = append(p.Requirements, requirementInfo{ID: r.ID, Text: r.Text})
		}
		out = append(out, p)
	}
	return out
}

// checkName refuses a file name that is not a plain name: empty, with a
// directory, "." or "..", a control character or too long.
func checkName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return fmt.Errorf("%w: der Dateiname %q ist leer oder ein Verzeichnis; laden Sie Dateien mit einfachem Namen hoch", errBadRequest, name)
	case strings.ContainsAny(name, `/\:`) || strings.Contains(name, ".."):
		return fmt.Errorf("%w: der Dateiname %q enthält ein Verzeichnis oder \"..\"; laden Sie Dateien mit einfachem Namen (fz-kirn.yaml) hoch", errBadRequest, name)
	case len(name) > 200:
		return fmt.Errorf("%w: der Dateiname %q ist länger als 200 Zeichen", errBadRequest, name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%w: der Dateiname %q enthält ein Steuerzeichen", errBadRequest, name)
		}
	}
	return nil
}

// checkDataName refuses a data file name that check refuses, and one
// that is no YAML or JSON file.
func checkDataName(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	ext := strings.ToLower(name[strings.LastIndexByte(name, '.')+1:])
	if !strings.Contains(name, ".") || (ext != "yaml" && ext != "yml" && ext != "json") {
		return fmt.Errorf("%w: %q ist keine YAML- oder JSON-Datei (.yaml, .yml, .json); wandeln Sie Tabellen mit kiez import um", errBadRequest, name)
	}
	return nil
}

// memFS serves the uploaded files by name.
type memFS map[string][]byte

// Open opens an uploaded file.
func (m memFS) Open(name string) (fs.File, error) {
	data, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return memfile.Open(name, data), nil
}

// loadFiles loads data files as kiez check loads a directory: sorted by
// name, each decoded, then the dataset validated.
func loadFiles(ctx context.Context, files []store.File) (*kiez.Dataset, diag.Diagnostics) {
	fsys := memFS{}
	names := make([]string, 0, len(files))
	for _, f := range files {
		fsys[f.Name] = f.Content
		names = append(names, f.Name)
	}
	sort.Strings(names)
	ds, diags := kiez.LoadContext(ctx, fsys, names...)
	if ds != nil && !diags.HasErrors() {
		diags = append(diags, ds.Validate()...)
	}
	diags.Sort()
	return ds, diags
}

// putDataset validates the files of a dataset and stores them as the
// newest version of the programme's dataset for the year. A dataset with
// errors is refused (errInvalid) with its diagnostics, whose positions
// name the uploaded files; warnings come back with a stored dataset.
func (s *Server) putDataset(ctx context.Context, u auth.User, programme string, year int, files []store.File) (store.Dataset, diag.Diagnostics, error) {
	if !u.Can(auth.Write) {
		return store.Dataset{}, nil, errForbidden
	}
	if !kiez.IsID(programme) {
		return store.Dataset{}, nil, fmt.Errorf("%w: %q ist keine Programm-Kennung (Kleinbuchstaben, Ziffern und Bindestriche)", errBadRequest, programme)
	}
	if year < 1990 || year > 2200 {
		return store.Dataset{}, nil, fmt.Errorf("%w: das Jahr %d liegt nicht zwischen 1990 und 2200", errBadRequest, year)
	}
	switch {
	case len(files) == 0:
		return store.Dataset{}, nil, fmt.Errorf("%w: keine Datei hochgeladen; laden Sie die Dateien des Datenverzeichnisses hoch", errBadRequest)
	case len(files) > maxFiles:
		return store.Dataset{}, nil, fmt.Errorf("%w: %d Dateien; höchstens %d sind erlaubt", errBadRequest, len(files), maxFiles)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if err := checkDataName(f.Name); err != nil {
			return store.Dataset{}, nil, err
		}
		if seen[f.Name] {
			return store.Dataset{}, nil, fmt.Errorf("%w: die Datei %q ist zweimal hochgeladen", errBadRequest, f.Name)
		}
		seen[f.Name] = true
		if len(f.Content) > kiez.MaxFileSize {
			return store.Dataset{}, nil, fmt.Errorf("%w: die Datei %q ist größer als %d Bytes; teilen Sie die Daten auf eine Datei je Zentrum auf", errBadRequest, f.Name, kiez.MaxFileSize)
		}
	}
	ds, diags := loadFiles(ctx, files)
	if err := ctx.Err(); err != nil {
		return store.Dataset{}, nil, err
	}
	if !diags.HasErrors() && !slices.ContainsFunc(ds.Programmes, func(p kiez.Programme) bool { return p.ID == programme }) {
		diags = append(diags, &diag.Diagnostic{Severity: diag.Error,
			Summary: fmt.Sprintf("die Daten nennen kein Programm %q", programme),
			Detail:  fmt.Sprintf("Laden Sie die Daten des Programms %q hoch, mit der Datei, die das Programm beschreibt (programmes: - id: %s), oder wählen Sie das Programm der Daten.", programme, programme)})
	}
	if diags.HasErrors() {
		return store.Dataset{}, diags, errInvalid
	}
	d, err := s.store.PutDataset(ctx, store.Dataset{Programme: programme, Year: year, Files: files, UploadedBy: u.Name, UploadedAt: s.now()})
	if err != nil {
		return store.Dataset{}, diags, fmt.Errorf("storing the dataset %s/%d: %w", programme, year, err)
	}
	s.audit(ctx, u, "upload-dataset", fmt.Sprintf("%s/%d v%d", programme, year, d.Version), fmt.Sprintf("%d Dateien, %s", len(files), d.Digest))
	return d, diags, nil
}

// putRuleFile checks and compiles a rule file and stores it. A rule file
// with errors is refused (errInvalid) with its diagnostics.
func (s *Server) putRuleFile(ctx context.Context, u auth.User, name string, content []byte) (store.RuleFile, diag.Diagnostics, error) {
	if !u.Can(auth.Write) {
		return store.RuleFile{}, nil, errForbidden
	}
	if err := checkName(name); err != nil {
		return store.RuleFile{}, nil, err
	}
	if len(content) > rules.MaxFileSize {
		return store.RuleFile{}, nil, fmt.Errorf("%w: die Regeldatei %q ist größer als %d Bytes", errBadRequest, name, rules.MaxFileSize)
	}
	rs, diags := rules.Load(name, content)
	diags.Sort()
	if rs == nil || diags.HasErrors() {
		return store.RuleFile{}, diags, errInvalid
	}
	rf := store.RuleFile{Name: name, Programme: rs.ID, Version: rs.Version, Content: content,
		Digest: store.ContentDigest(content), UploadedBy: u.Name, UploadedAt: s.now()}
	// The embedded rule file uploaded as it is stays the embedded one:
	// the store keeps one file per digest, and a check with the embedded
	// rules then names it as kiez check does.
	if src, ok := rules.EmbeddedSource(rs.ID); ok && store.ContentDigest(src) == rf.Digest {
		rf.Name, rf.Embedded = "rules/programmes/"+rs.ID+".yaml", true
	}
	f, err := s.store.PutRuleFile(ctx, rf)
	if err != nil {
		return store.RuleFile{}, diags, fmt.Errorf("storing the rule file %s: %w", name, err)
	}
	s.cacheRuleSet(f.Digest, rs)
	s.audit(ctx, u, "upload-rules", fmt.Sprintf("%s (%s %s)", name, rs.ID, rs.Version), f.Digest)
	return f, diags, nil
}

// check evaluates the newest dataset of a programme and year for a
// period with the programme's embedded rule set, or with a stored rule
// file (ruleFileID not 0), and stores the evaluation. Problems of the
// waivers that stop a check come back as diagnostics (errInvalid).
func (s *Server) check(ctx context.Context, u auth.User, programme string, year int, period string, ruleFileID int64) (store.Evaluation, diag.Diagnostics, error) {
	l, diags, err := s.checkLoaded(ctx, u, programme, year, period, ruleFileID)
	if err != nil {
		return store.Evaluation{}, diags, err
	}
	return l.rec, diags, nil
}

// checkLoaded is check, returning the evaluation as evaluation reads
// it back, built from what the check has in hand: the answer to a check
// needs no second reading of what was just stored.
func (s *Server) checkLoaded(ctx context.Context, u auth.User, programme string, year int, period string, ruleFileID int64) (*loaded, diag.Diagnostics, error) {
	if !u.Can(auth.Write) {
		return nil, nil, errForbidden
	}
	if period == "" {
		period = fmt.Sprint(year)
	}
	per, err := rules.ParsePeriod(period)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: der Zeitraum %q ist keiner; geben Sie ein Jahr (2024), ein Halbjahr (2024-H1), ein Quartal (2024-Q3), einen Monat (2024-03) oder zwei Tage (2024-01-01..2024-06-30) an (%v)", errBadRequest, period, err)
	}
	// Waiting for a turn is bounded like the check itself.
	waitCtx, cancelWait := context.WithTimeout(ctx, s.cfg.CheckTimeout)
	release, err := s.acquire(waitCtx)
	cancelWait()
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		err = errBusy
	}
	if err != nil {
		return nil, nil, err
	}
	defer release()
	start := time.Now()
	s.log.Info("check started", "user", u.Name, "programme", programme, "year", year, "period", period, "ruleFile", ruleFileID)
	ctx, cancel := context.WithTimeout(ctx, s.cfg.CheckTimeout)
	defer cancel()

	d, err := s.store.Dataset(ctx, programme, year, 0)
	if err != nil {
		return nil, nil, storeError(err, "keine Daten des Programms %q für %d; laden Sie sie zuerst hoch", programme, year)
	}
	var rf store.RuleFile
	if ruleFileID == 0 {
		src, ok := rules.EmbeddedSource(programme)
		if !ok {
			return nil, nil, notFound("das Programm %q hat keine eingebauten Regeln; laden Sie eine Regeldatei hoch und geben Sie ruleFile an", programme)
		}
		rs := s.embedded[programme]
		rf = store.RuleFile{Name: "rules/programmes/" + programme + ".yaml", Programme: programme, Version: rs.Version, Embedded: true,
			Content: src, Digest: envelope.SHA256Hex(src), UploadedBy: u.Name, UploadedAt: s.now()}
	} else if rf, err = s.store.RuleFile(ctx, ruleFileID); err != nil {
		return nil, nil, storeError(err, "keine Regeldatei %d", ruleFileID)
	} else if rf.Programme != programme {
		return nil, nil, fmt.Errorf("%w: die Regeldatei %d (%s) gilt für das Programm %q, nicht für %q", errBadRequest, rf.ID, rf.Name, rf.Programme, programme)
	}
	rs, err := s.ruleSet(rf)
	if err != nil {
		return nil, nil, err
	}
	ds, err := s.dataset(ctx, d)
	if err != nil {
		return nil, nil, err
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{rs}, rules.WithoutValidation()) // validated on upload
	if err != nil {
		return nil, nil, fmt.Errorf("building the engine for %s: %w", programme, err)
	}
	if wd := eng.CheckWaivers(ds, per); wd.HasErrors() {
		wd.Sort()
		return nil, wd, errInvalid
	}
	ev, err := eng.Evaluate(ctx, ds, per)
	if err != nil {
		return nil, nil, fmt.Errorf("checking %s/%d for %s: %w", programme, year, period, err)
	}
	results, err := marshalResults(ev.Results())
	if err != nil {
		return nil, nil, err
	}
	if rf.ID == 0 {
		if rf, err = s.store.PutRuleFile(ctx, rf); err != nil {
			return nil, nil, fmt.Errorf("storing the embedded rule file of %s: %w", programme, err)
		}
	}
	counts := map[string]int{}
	for o, n := range ev.Counts() {
		counts[o.String()] = n
	}
	rec := store.Evaluation{DatasetID: d.ID, Programme: programme, Year: year, Period: period, RuleFileIDs: []int64{rf.ID},
		Module: envelope.ModuleOf(envelope.ReadBuild()).String(), InputDigest: inputsOf(d, []store.RuleFile{rf}).Digest,
		Counts: counts, Results: results, CreatedBy: u.Name, CreatedAt: s.now().UTC().Truncate(time.Second), Duration: time.Since(start)}
	// The check is done: storing it must not fail because a client left.
	rec, err = s.store.PutEvaluation(context.WithoutCancel(ctx), rec)
	if err != nil {
		return nil, nil, fmt.Errorf("storing the evaluation: %w", err)
	}
	s.log.Info("check stored", "user", u.Name, "evaluation", rec.ID, "duration", rec.Duration)
	s.audit(ctx, u, "check", fmt.Sprintf("evaluation %d", rec.ID), fmt.Sprintf("%s/%d v%d, %s, %s", programme, year, d.Version, period, rf.Name))
	return &loaded{rec: rec, ev: ev, dataset: d, files: []store.RuleFile{rf}, results: results}, nil, nil
}

// marshalResults writes results as a JSON array as the envelope holds
// them (without escaping <, > and &).
func marshalResults(results []rules.Result) ([]byte, error) {
	if results == nil {
		results = []rules.Result{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		return nil, fmt.Errorf("writing the results: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// inputsOf lists the files an evaluation read as kiez check lists them:
// the data files sorted by name, then the rule files that are not
// embedded.
func inputsOf(d store.Dataset, files []store.RuleFile) envelope.InputsInfo {
	var in []envelope.InputFile
	for _, f := range d.Files {
		in = append(in, envelope.InputFile{Name: f.Name, Bytes: int64(len(f.Content)), SHA256: envelope.SHA256Hex(f.Content)})
	}
	sort.Slice(in, func(i, j int) bool { return in[i].Name < in[j].Name })
	for _, f := range files {
		if !f.Embedded {
			in = append(in, envelope.InputFile{Name: f.Name, Bytes: int64(len(f.Content)), SHA256: f.Digest})
		}
	}
	return envelope.NewInputs(in)
}

// evaluation reads a stored evaluation back and rebuilds it.
func (s *Server) evaluation(ctx context.Context, id int64) (*loaded, error) {
	rec, err := s.store.Evaluation(ctx, id)
	if err != nil {
		return nil, storeError(err, "keine Auswertung %d", id)
	}
	d, err := s.store.DatasetByID(ctx, rec.DatasetID)
	if err != nil {
		return nil, fmt.Errorf("the dataset of evaluation %d: %w", id, err)
	}
	l := &loaded{rec: rec, dataset: d, results: rec.Results}
	var sets []*rules.RuleSet
	for _, fid := range rec.RuleFileIDs {
		f, err := s.store.RuleFile(ctx, fid)
		if err != nil {
			return nil, fmt.Errorf("rule file %d of evaluation %d: %w", fid, id, err)
		}
		rs, err := s.ruleSet(f)
		if err != nil {
			return nil, err
		}
		l.files = append(l.files, f)
		sets = append(sets, rs)
	}
	per, err := rules.ParsePeriod(rec.Period)
	if err != nil {
		return nil, fmt.Errorf("evaluation %d: the stored period %q: %w", id, rec.Period, err)
	}
	ds, err := s.dataset(ctx, d)
	if err != nil {
		return nil, err
	}
	var results []rules.Result
	if err := json.Unmarshal(rec.Results, &results); err != nil {
		return nil, fmt.Errorf("evaluation %d: the stored results: %w", id, err)
	}
	if l.ev, err = rules.Restore(ds, sets, per, results); err != nil {
		return nil, fmt.Errorf("evaluation %d: %w", id, err)
	}
	return l, nil
}

// run is the opening of the JSON envelopes of a stored evaluation, as
// kiez check wrote it when it ran.
func (l *loaded) run(format string) (envelope.RunInfo, error) {
	m, err := envelope.ParseModule(l.rec.Module)
	if err != nil {
		return envelope.RunInfo{}, fmt.Errorf("evaluation %d: %w", l.rec.ID, err)
	}
	run := envelope.RunInfo{Format: format, Module: m, RuleSets: []envelope.RuleSetInfo{},
		Period: envelope.PeriodOf(l.rec.Period, l.ev.Period()), Inputs: inputsOf(l.dataset, l.files), Time: envelope.Time(l.rec.CreatedAt)}
	for _, f := range l.files {
		run.RuleSets = append(run.RuleSets, envelope.RuleSetInfo{Programme: f.Programme, Version: f.Version, Embedded: f.Embedded, File: f.Name, SHA256: f.Digest})
	}
	return run, nil
}

// storedCheck is the envelope kiez-check/1 of a stored evaluation: its
// results as stored, byte for byte.
type storedCheck struct {
	envelope.RunInfo
	Results json.RawMessage       `json:"results"`
	Summary envelope.CheckSummary `json:"summary"`
	// Complete is always true: a check cut short is not stored.
	Complete bool `json:"complete"`
}

// checkJSON writes the envelope kiez-check/1 of a stored evaluation, as
// kiez check --format json writes it.
func (l *loaded) checkJSON() ([]byte, error) {
	run, err := l.run(envelope.CheckFormat)
	if err != nil {
		return nil, err
	}
	env := storedCheck{RunInfo: run, Results: l.results, Complete: true}
	for _, r := range l.ev.Results() {
		env.Summary.Add(r)
	}
	return envelope.Wrap(env)
}

// explain explains one verdict of a stored evaluation: the rule
// evaluated again for the subject on the stored dataset.
func (s *Server) explain(ctx context.Context, id int64, ruleID, subject string) (*rules.Explanation, error) {
	l, err := s.evaluation(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.explainLoaded(ctx, l, ruleID, subject)
}

// explainLoaded is explain on an evaluation read back.
func (s *Server) explainLoaded(ctx context.Context, l *loaded, ruleID, subject string) (*rules.Explanation, error) {
	if ruleID == "" || subject == "" {
		return nil, fmt.Errorf("%w: geben Sie die Regel (rule) und den Gegenstand (subject) an, wie sie im Ergebnis stehen", errBadRequest)
	}
	for _, rs := range l.ev.RuleSets() {
		if rs.Rule(ruleID) == nil {
			continue
		}
		eng, err := rules.NewEngine([]*rules.RuleSet{rs}, rules.WithoutValidation())
		if err != nil {
			return nil, fmt.Errorf("building the engine for %s: %w", rs.ID, err)
		}
		ctx, cancel := context.WithTimeout(ctx, s.cfg.CheckTimeout)
		defer cancel()
		x, err := eng.Explain(ctx, l.ev.Dataset(), l.ev.Period(), ruleID, subject)
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			s.log.Info("explain: no result", "rule", ruleID, "subject", subject, "err", err)
			return nil, notFound("die Regel %q hat kein Ergebnis für %q; geben Sie den Gegenstand an, wie er im Ergebnis steht (subject, z. B. fz-kirn oder fz-kirn/lfz-1)", ruleID, subject)
		}
		return x, nil
	}
	return nil, notFound("keine Regel %q in den Regeln der Auswertung %d", ruleID, l.rec.ID)
}

// audit appends to the audit log; a failure is logged, not returned:
// the action it records has happened.
func (s *Server) audit(ctx context.Context, u auth.User, action, target, detail string) {
	e := store.AuditEntry{Time: s.now().UTC(), Actor: u.Name, Action: action, Target: target, Detail: detail}
	if err := s.store.Audit(context.WithoutCancel(ctx), e); err != nil {
		s.log.Error("audit log", "action", action, "target", target, "err", err)
	}
}

// userError is an error whose message is for the person who made the
// request (German), wrapping the error programs test for (errors.Is).
type userError struct {
	msg string
	err error
}

func (e *userError) Error() string { return e.msg }
func (e *userError) Unwrap() error { return e.err }

// notFound is store.ErrNotFound with a German message.
func notFound(format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...), err: store.ErrNotFound}
}

// storeError gives a store's not-found a German message; any other error
// of the store is returned with the message as context.
func storeError(err error, format string, args ...any) error {
	if errors.Is(err, store.ErrNotFound) {
		return &userError{msg: fmt.Sprintf(format, args...), err: err}
	}
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), err)
}
