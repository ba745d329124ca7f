package memstore

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/kiez-go/kiez/internal/store"
)

// Store is the in-memory store. The zero value is not usable; call New.
type Store struct {
	mu     sync.Mutex
	closed bool

	datasets    []store.Dataset // by ID - 1
	ruleFiles   []store.RuleFile
	evaluations []store.Evaluation
	accounts    map[string]store.Account
	sessions    map[string]store.Session
	audit       []store.AuditEntry
}

// New returns an empty store.
func New() store.Store {
	return &Store{accounts: map[string]store.Account{}, sessions: map[string]store.Session{}}
}

// stamp is t as the store keeps it: UTC to the microsecond, now when zero.
func stamp(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Truncate(time.Microsecond)
}

// lock locks the store, or fails when ctx has ended or the store is closed.
func (s *Store) lock(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return fmt.Errorf("memstore: %w", store.ErrClosed)
	}
	return nil
}

func copyFiles(files []store.File, withContent bool) []store.File {
	if files == nil {
		return nil
	}
	out := make([]store.File, len(files))
	for i, f := range files {
		out[i].Name = f.Name
		if withContent {
			out[i].Content = bytes.Clone(f.Content)
		}
	}
	return out
}

func copyDataset(d store.Dataset, withContent bool) store.Dataset {
	d.Files = copyFiles(d.Files, withContent)
	return d
}

func copyRuleFile(f store.RuleFile, withContent bool) store.RuleFile {
	if withContent {
		f.Content = bytes.Clone(f.Content)
	} else {
		f.Content = nil
	}
	return f
}

func copyEvaluation(e store.Evaluation, withResults bool) store.Evaluation {
	e.RuleFileIDs = slices.Clone(e.RuleFileIDs)
	e.Counts = maps.Clone(e.Counts)
	if withResults {
		e.Results = bytes.Clone(e.Results)
	} else {
		e.Results = nil
	}
	return e
}

// PutDataset implements store.Store.
func (s *Store) PutDataset(ctx context.Context, d store.Dataset) (store.Dataset, error) {
	if err := store.CheckDataset(d); err != nil {
		return store.Dataset{}, err
	}
	if err := s.lock(ctx); err != nil {
		return store.Dataset{}, err
	}
	defer s.mu.Unlock()
	next := 1
	for _, old := range s.datasets {
		if old.Programme == d.Programme && old.Year == d.Year && old.Version >= next {
			next = old.Version + 1
		}
	}
	if d.Version != 0 && d.Version != next {
		return store.Dataset{}, fmt.Errorf("memstore: dataset %s/%d version %d: the next version is %d: %w", d.Programme, d.Year, d.Version, next, store.ErrConflict)
	}
	d = copyDataset(d, true)
	d.ID = int64(len(s.datasets) + 1)
	d.Version = next
	d.Digest = store.DatasetDigest(d.Files)
	d.UploadedAt = stamp(d.UploadedAt)
	s.datasets = append(s.datasets, d)
	return copyDataset(d, true), nil
}

// Dataset implements store.Store.
func (s *Store) Dataset(ctx context.Context, programme string, year, version int) (store.Dataset, error) {
	if err := s.lock(ctx); err != nil {
		return store.Dataset{}, err
	}
	defer s.mu.Unlock()
	var found *store.Dataset
	for i := range s.datasets {
		d := &s.datasets[i]
		if d.Programme != programme || d.Year != year {
			continue
		}
		if version == 0 && (found == nil || d.Version > found.Version) || version != 0 && d.Version == version {
			found = d
		}
	}
	if found == nil {
		return store.Dataset{}, fmt.Errorf("memstore: dataset %s/%d version %d: %w", programme, year, version, store.ErrNotFound)
	}
	return copyDataset(*found, true), nil
}

// DatasetByID implements store.Store.
func (s *Store) DatasetByID(ctx context.Context, id int64) (store.Dataset, error) {
	if err := s.lock(ctx); err != nil {
		return store.Dataset{}, err
	}
	defer s.mu.Unlock()
	if id < 1 || id > int64(len(s.datasets)) {
		return store.Dataset{}, fmt.Errorf("memstore: dataset %d: %w", id, store.ErrNotFound)
	}
	return copyDataset(s.datasets[id-1], true), nil
}

// Datasets implements store.Store.
func (s *Store) Datasets(ctx context.Context) ([]store.Dataset, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	type key struct {
		programme string
		year      int
	}
	newest := map[key]store.Dataset{}
	for _, d := range s.datasets {
		k := key{d.Programme, d.Year}
		if old, ok := newest[k]; !ok || d.Version > old.Version {
			newest[k] = d
		}
	}
	out := make([]store.Dataset, 0, len(newest))
	for _, d := range newest {
		out = append(out, copyDataset(d, false))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Programme != out[j].Programme {
			return out[i].Programme < out[j].Programme
		}
		return out[i].Year < out[j].Year
	})
	return out, nil
}

// PutRuleFile implements store.Store.
func (s *Store) PutRuleFile(ctx context.Context, f store.RuleFile) (store.RuleFile, error) {
	if err := s.lock(ctx); err != nil {
		return store.RuleFile{}, err
	}
	defer s.mu.Unlock()
	digest := store.ContentDigest(f.Content)
	for _, old := range s.ruleFiles {
		if old.Digest == digest {
			return copyRuleFile(old, true), nil
		}
	}
	f = copyRuleFile(f, true)
	f.ID = int64(len(s.ruleFiles) + 1)
	f.Digest = digest
	f.UploadedAt = stamp(f.UploadedAt)
	s.ruleFiles = append(s.ruleFiles, f)
	return copyRuleFile(f, true), nil
}

// RuleFile implements store.Store.
func (s *Store) RuleFile(ctx context.Context, id int64) (store.RuleFile, error) {
	if err := s.lock(ctx); err != nil {
		return store.RuleFile{}, err
	}
	defer s.mu.Unlock()
	if id < 1 || id > int64(len(s.ruleFiles)) {
		return store.RuleFile{}, fmt.Errorf("memstore: rule file %d: %w", id, store.ErrNotFound)
	}
	return copyRuleFile(s.ruleFiles[id-1], true), nil
}

// RuleFiles implements store.Store.
func (s *Store) RuleFiles(ctx context.Context) ([]store.RuleFile, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	out := make([]store.RuleFile, 0, len(s.ruleFiles))
	for i := len(s.ruleFiles) - 1; i >= 0; i-- {
		out = append(out, copyRuleFile(s.ruleFiles[i], false))
	}
	return out, nil
}

// PutEvaluation implements store.Store.
func (s *Store) PutEvaluation(ctx context.Context, e store.Evaluation) (store.Evaluation, error) {
	if err := s.lock(ctx); err != nil {
		return store.Evaluation{}, err
	}
	defer s.mu.Unlock()
	if e.DatasetID < 1 || e.DatasetID > int64(len(s.datasets)) {
		return store.Evaluation{}, fmt.Errorf("memstore: evaluation: dataset %d: %w", e.DatasetID, store.ErrNotFound)
	}
	for _, id := range e.RuleFileIDs {
		if id < 1 || id > int64(len(s.ruleFiles)) {
			return store.Evaluation{}, fmt.Errorf("memstore: evaluation: rule file %d: %w", id, store.ErrNotFound)
		}
	}
	e = copyEvaluation(e, true)
	e.ID = int64(len(s.evaluations) + 1)
	e.CreatedAt = stamp(e.CreatedAt)
	s.evaluations = append(s.evaluations, e)
	return copyEvaluation(e, true), nil
}

// Evaluation implements store.Store.
func (s *Store) Evaluation(ctx context.Context, id int64) (store.Evaluation, error) {
	if err := s.lock(ctx); err != nil {
		return store.Evaluation{}, err
	}
	defer s.mu.Unlock()
	if id < 1 || id > int64(len(s.evaluations)) {
		return store.Evaluation{}, fmt.Errorf("memstore: evaluation %d: %w", id, store.ErrNotFound)
	}
	return copyEvaluation(s.evaluations[id-1], true), nil
}

// Evaluations implements store.Store.
func (s *Store) Evaluations(ctx context.Context, f store.EvaluationFilter) ([]store.Evaluation, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []store.Evaluation
	for i := len(s.evaluations) - 1; i >= 0; i-- {
		e := s.evaluations[i]
		if f.Programme != "" && e.Programme != f.Programme ||
			f.Year != 0 && e.Year != f.Year ||
			f.DatasetID != 0 && e.DatasetID != f.DatasetID ||
			f.Published && !e.Published {
			continue
		}
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
		out = append(out, copyEvaluation(e, false))
	}
	return out, nil
}

// SetPublished implements store.Store.
func (s *Store) SetPublished(ctx context.Context, id int64, published bool) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if id < 1 || id > int64(len(s.evaluations)) {
		return fmt.Errorf("memstore: evaluation %d: %w", id, store.ErrNotFound)
	}
	s.evaluations[id-1].Published = published
	return nil
}

// PutAccount implements store.Store.
func (s *Store) PutAccount(ctx context.Context, a store.Account) error {
	if a.Name == "" {
		return fmt.Errorf("memstore: account without a name")
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if old, ok := s.accounts[a.Name]; ok {
		a.CreatedAt = old.CreatedAt
	} else {
		a.CreatedAt = stamp(a.CreatedAt)
	}
	s.accounts[a.Name] = a
	return nil
}

// Account implements store.Store.
func (s *Store) Account(ctx context.Context, name string) (store.Account, error) {
	if err := s.lock(ctx); err != nil {
		return store.Account{}, err
	}
	defer s.mu.Unlock()
	a, ok := s.accounts[name]
	if !ok {
		return store.Account{}, fmt.Errorf("memstore: account %q: %w", name, store.ErrNotFound)
	}
	return a, nil
}

// Accounts implements store.Store.
func (s *Store) Accounts(ctx context.Context) ([]store.Account, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	out := make([]store.Account, 0, len(s.accounts))
	for _, name := range slices.Sorted(maps.Keys(s.accounts)) {
		out = append(out, s.accounts[name])
	}
	return out, nil
}

// PutSession implements store.Store.
func (s *Store) PutSession(ctx context.Context, sess store.Session) error {
	if sess.TokenHash == "" {
		return fmt.Errorf("memstore: session without a token hash")
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if _, ok := s.accounts[sess.Account]; !ok {
		return fmt.Errorf("memstore: session of account %q: %w", sess.Account, store.ErrNotFound)
	}
	now := time.Now()
	for k, old := range s.sessions {
		if !old.ExpiresAt.After(now) {
			delete(s.sessions, k)
		}
	}
	if _, ok := s.sessions[sess.TokenHash]; ok {
		return fmt.Errorf("memstore: session: %w", store.ErrConflict)
	}
	sess.CreatedAt = stamp(sess.CreatedAt)
	sess.ExpiresAt = sess.ExpiresAt.UTC().Truncate(time.Microsecond)
	s.sessions[sess.TokenHash] = sess
	return nil
}

// Session implements store.Store.
func (s *Store) Session(ctx context.Context, tokenHash string) (store.Session, error) {
	if err := s.lock(ctx); err != nil {
		return store.Session{}, err
	}
	defer s.mu.Unlock()
	sess, ok := s.sessions[tokenHash]
	if !ok || !sess.ExpiresAt.After(time.Now()) {
		return store.Session{}, fmt.Errorf("memstore: session: %w", store.ErrNotFound)
	}
	return sess, nil
}

// DeleteSession implements store.Store.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	delete(s.sessions, tokenHash)
	return nil
}

// Audit implements store.Store.
func (s *Store) Audit(ctx context.Context, e store.AuditEntry) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	e.ID = int64(len(s.audit) + 1)
	e.Time = stamp(e.Time)
	s.audit = append(s.audit, e)
	return nil
}

// AuditLog implements store.Store.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]store.AuditEntry, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	n := len(s.audit)
	if limit > 0 && limit < n {
		n = limit
	}
	out := make([]store.AuditEntry, 0, n)
	for i := len(s.audit) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, s.audit[i])
	}
	return out, nil
}

// Close implements store.Store; the data is dropped.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return fmt.Errorf("memstore: %w", store.ErrClosed)
	}
	s.closed = true
	s.datasets, s.ruleFiles, s.evaluations, s.audit = nil, nil, nil, nil
	s.accounts, s.sessions = nil, nil
	return nil
}
