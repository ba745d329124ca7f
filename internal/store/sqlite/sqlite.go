package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/kiez-go/kiez/internal/store"
)

// Store is the SQLite store. Make one with Open; it is safe for
// concurrent use.
type Store struct {
	file   string
	writer *sql.DB // one connection, transactions begin IMMEDIATE
	reader *sql.DB // a pool, read-only
	closed atomic.Bool
}

var _ store.Store = (*Store)(nil)

// busyTimeout is how long a statement waits for another connection's
// lock (another process's, or a checkpoint) before it fails.
const busyTimeout = 10 * time.Second

// readers is the most read connections open at once.
const readers = 4

// Open opens the database file at path, creating it (mode 0600) when it
// does not exist, and migrates its schema to the newest; a database newer
// than the code is ErrSchemaTooNew. The directory must exist.
func Open(ctx context.Context, path string) (*Store, error) {
	ms, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	return open(ctx, path, ms)
}

// dsn is the data source name of the file at abs with the given pragmas.
func dsn(abs string, extra url.Values) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "temp_store(MEMORY)")
	for k, vs := range extra {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), OmitHost: true, RawQuery: q.Encode()}
	return u.String()
}

// open is Open with the migrations given (tests give others).
func open(ctx context.Context, path string, ms []migration) (*Store, error) {
	if path == "" || strings.HasPrefix(path, "file:") || path == ":memory:" {
		return nil, fmt.Errorf("sqlite: database path %q: give the path of a file", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: database path %q: %w", path, err)
	}
	if fi, err := os.Stat(filepath.Dir(abs)); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("sqlite: database %s: the directory %s does not exist; create it first", abs, filepath.Dir(abs))
	}
	// Create the file with mode 0600 so that SQLite's -wal and -shm,
	// which take the database's mode, are private too.
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sqlite: database %s: %w", abs, err)
	}
	f.Close()

	writer, err := sql.Open("sqlite", dsn(abs, url.Values{"_txlock": {"immediate"}}))
	if err != nil {
		return nil, fmt.Errorf("sqlite: database %s: %w", abs, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxIdleTime(0)
	writer.SetConnMaxLifetime(0)
	s := &Store{file: abs, writer: writer}
	if err := s.check(ctx, writer); err != nil {
		writer.Close()
		return nil, err
	}
	if _, err := migrate(ctx, writer, abs, ms); err != nil {
		writer.Close()
		return nil, err
	}
	reader, err := sql.Open("sqlite", dsn(abs, url.Values{"_pragma": {"query_only(1)"}}))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("sqlite: database %s: %w", abs, err)
	}
	reader.SetMaxOpenConns(readers)
	reader.SetMaxIdleConns(readers)
	s.reader = reader
	return s, nil
}

// check makes sure the file is an SQLite database in WAL mode.
func (s *Store) check(ctx context.Context, db *sql.DB) error {
	var mode string
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return fmt.Errorf("sqlite: database %s: %w (is it an SQLite database?)", s.file, err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("sqlite: database %s: journal mode %q, want wal", s.file, mode)
	}
	return nil
}

// File is the absolute path of the database file.
func (s *Store) File() string { return s.file }

// Close closes the database; the methods fail with store.ErrClosed after it.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return fmt.Errorf("sqlite: %s: %w", s.file, store.ErrClosed)
	}
	return errors.Join(s.reader.Close(), s.writer.Close())
}

// begin starts a method: it fails when the store is closed or ctx ended.
func (s *Store) begin(ctx context.Context) error {
	if s.closed.Load() {
		return fmt.Errorf("sqlite: %s: %w", s.file, store.ErrClosed)
	}
	return ctx.Err()
}

// write runs fn in a write transaction (BEGIN IMMEDIATE) and commits it.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return s.wrapClosed(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return s.wrapClosed(tx.Commit())
}

// read runs fn in a read transaction, which sees one committed state.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.wrapClosed(err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// wrapClosed makes database/sql's error of a closed database ErrClosed
// (a method that raced with Close).
func (s *Store) wrapClosed(err error) error {
	if err != nil && s.closed.Load() && (errors.Is(err, sql.ErrConnDone) || strings.Contains(err.Error(), "database is closed")) {
		return fmt.Errorf("sqlite: %s: %w: %w", s.file, store.ErrClosed, err)
	}
	return err
}

// stamp is t as stored: microseconds since 1970 UTC, now when zero.
func stamp(t time.Time) int64 {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UnixMicro()
}

// when is a stored time.
func when(us int64) time.Time { return time.UnixMicro(us).UTC() }

// PutDataset implements store.Store.
func (s *Store) PutDataset(ctx context.Context, d store.Dataset) (store.Dataset, error) {
	if err := store.CheckDataset(d); err != nil {
		return store.Dataset{}, err
	}
	out := store.Dataset{Programme: d.Programme, Year: d.Year, UploadedBy: d.UploadedBy,
		Digest: store.DatasetDigest(d.Files)}
	at := stamp(d.UploadedAt)
	out.UploadedAt = when(at)
	err := s.write(ctx, func(tx *sql.Tx) error {
		var newest int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM datasets WHERE programme = ? AND year = ?`,
			d.Programme, d.Year).Scan(&newest); err != nil {
			return err
		}
		if d.Version != 0 && d.Version != newest+1 {
			return fmt.Errorf("version %d: the next version is %d: %w", d.Version, newest+1, store.ErrConflict)
		}
		out.Version = newest + 1
		res, err := tx.ExecContext(ctx, `INSERT INTO datasets (programme, year, version, digest, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)`,
			d.Programme, d.Year, out.Version, out.Digest, d.UploadedBy, at)
		if err != nil {
			return err
		}
		if out.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO dataset_files (dataset_id, position, name, content) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, f := range d.Files {
			content := f.Content
			if content == nil {
				content = []byte{}
			}
			if _, err := stmt.ExecContext(ctx, out.ID, i, f.Name, content); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return store.Dataset{}, fmt.Errorf("sqlite: storing dataset %s/%d: %w", d.Programme, d.Year, err)
	}
	out.Files = make([]store.File, len(d.Files))
	for i, f := range d.Files {
		out.Files[i] = store.File{Name: f.Name, Content: append([]byte(nil), f.Content...)}
	}
	return out, nil
}

const datasetColumns = `id, programme, year, version, digest, uploaded_by, uploaded_at`

func scanDataset(row interface{ Scan(...any) error }) (store.Dataset, error) {
	var d store.Dataset
	var at int64
	err := row.Scan(&d.ID, &d.Programme, &d.Year, &d.Version, &d.Digest, &d.UploadedBy, &at)
	d.UploadedAt = when(at)
	return d, err
}

// files reads the files of a dataset version.
func files(ctx context.Context, tx *sql.Tx, id int64) ([]store.File, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, content FROM dataset_files WHERE dataset_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []store.File
	for rows.Next() {
		var f store.File
		if err := rows.Scan(&f.Name, &f.Content); err != nil {
			return nil, err
		}
		if f.Content == nil {
			f.Content = []byte{}
		}
		fs = append(fs, f)
	}
	return fs, rows.Err()
}

// Dataset implements store.Store.
func (s *Store) Dataset(ctx context.Context, programme string, year, version int) (store.Dataset, error) {
	var d store.Dataset
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if version == 0 {
			d, err = scanDataset(tx.QueryRowContext(ctx, `SELECT `+datasetColumns+` FROM datasets WHERE programme = ? AND year = ? ORDER BY version DESC LIMIT 1`, programme, year))
		} else {
			d, err = scanDataset(tx.QueryRowContext(ctx, `SELECT `+datasetColumns+` FROM datasets WHERE programme = ? AND year = ? AND version = ?`, programme, year, version))
		}
		if err != nil {
			return err
		}
		d.Files, err = files(ctx, tx, d.ID)
		return err
	})
	if err != nil {
		return store.Dataset{}, fmt.Errorf("sqlite: dataset %s/%d version %d: %w", programme, year, version, notFound(err))
	}
	return d, nil
}

// notFound makes sql.ErrNoRows store.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

// DatasetByID implements store.Store.
func (s *Store) DatasetByID(ctx context.Context, id int64) (store.Dataset, error) {
	var d store.Dataset
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = scanDataset(tx.QueryRowContext(ctx, `SELECT `+datasetColumns+` FROM datasets WHERE id = ?`, id)); err != nil {
			return err
		}
		d.Files, err = files(ctx, tx, d.ID)
		return err
	})
	if err != nil {
		return store.Dataset{}, fmt.Errorf("sqlite: dataset %d: %w", id, notFound(err))
	}
	return d, nil
}

// Datasets implements store.Store.
func (s *Store) Datasets(ctx context.Context) ([]store.Dataset, error) {
	var out []store.Dataset
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT d.id, d.programme, d.year, d.version, d.digest, d.uploaded_by, d.uploaded_at, f.name
FROM datasets d
JOIN (SELECT programme, year, max(version) AS version FROM datasets GROUP BY programme, year) n
	ON d.programme = n.programme AND d.year = n.year AND d.version = n.version
JOIN dataset_files f ON f.dataset_id = d.id
ORDER BY d.programme, d.year, f.position`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d store.Dataset
			var at int64
			var name string
			if err := rows.Scan(&d.ID, &d.Programme, &d.Year, &d.Version, &d.Digest, &d.UploadedBy, &at, &name); err != nil {
				return err
			}
			if n := len(out); n == 0 || out[n-1].ID != d.ID {
				d.UploadedAt = when(at)
				out = append(out, d)
			}
			last := &out[len(out)-1]
			last.Files = append(last.Files, store.File{Name: name})
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing datasets: %w", err)
	}
	return out, nil
}

// PutRuleFile implements store.Store.
func (s *Store) PutRuleFile(ctx context.Context, f store.RuleFile) (store.RuleFile, error) {
	f.Digest = store.ContentDigest(f.Content)
	f.Content = append([]byte{}, f.Content...)
	at := stamp(f.UploadedAt)
	f.UploadedAt = when(at)
	var out store.RuleFile
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := scanRuleFile(tx.QueryRowContext(ctx, `SELECT `+ruleFileColumns+`, content FROM rule_files WHERE digest = ?`, f.Digest), true)
		if err == nil {
			out = old
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO rule_files (name, programme, version, embedded, content, digest, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Name, f.Programme, f.Version, f.Embedded, f.Content, f.Digest, f.UploadedBy, at)
		if err != nil {
			return err
		}
		f.ID, err = res.LastInsertId()
		out = f
		return err
	})
	if err != nil {
		return store.RuleFile{}, fmt.Errorf("sqlite: storing rule file %s: %w", f.Name, err)
	}
	return out, nil
}

const ruleFileColumns = `id, name, programme, version, embedded, digest, uploaded_by, uploaded_at`

func scanRuleFile(row interface{ Scan(...any) error }, withContent bool) (store.RuleFile, error) {
	var f store.RuleFile
	var at int64
	dest := []any{&f.ID, &f.Name, &f.Programme, &f.Version, &f.Embedded, &f.Digest, &f.UploadedBy, &at}
	if withContent {
		dest = append(dest, &f.Content)
	}
	err := row.Scan(dest...)
	f.UploadedAt = when(at)
	if withContent && f.Content == nil {
		f.Content = []byte{}
	}
	return f, err
}

// RuleFile implements store.Store.
func (s *Store) RuleFile(ctx context.Context, id int64) (store.RuleFile, error) {
	var f store.RuleFile
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		f, err = scanRuleFile(tx.QueryRowContext(ctx, `SELECT `+ruleFileColumns+`, content FROM rule_files WHERE id = ?`, id), true)
		return err
	})
	if err != nil {
		return store.RuleFile{}, fmt.Errorf("sqlite: rule file %d: %w", id, notFound(err))
	}
	return f, nil
}

// RuleFiles implements store.Store.
func (s *Store) RuleFiles(ctx context.Context) ([]store.RuleFile, error) {
	var out []store.RuleFile
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+ruleFileColumns+` FROM rule_files ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanRuleFile(rows, false)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing rule files: %w", err)
	}
	return out, nil
}

// PutEvaluation implements store.Store.
func (s *Store) PutEvaluation(ctx context.Context, e store.Evaluation) (store.Evaluation, error) {
	counts := e.Counts
	if counts == nil {
		counts = map[string]int{}
	}
	countsJSON, err := json.Marshal(counts)
	if err != nil {
		return store.Evaluation{}, fmt.Errorf("sqlite: evaluation counts: %w", err)
	}
	results := e.Results
	if results == nil {
		results = []byte{}
	}
	at := stamp(e.CreatedAt)
	err = s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM datasets WHERE id = ?`, e.DatasetID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("dataset %d: %w", e.DatasetID, store.ErrNotFound)
		}
		for _, id := range e.RuleFileIDs {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rule_files WHERE id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("rule file %d: %w", id, store.ErrNotFound)
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO evaluations (dataset_id, programme, year, period, module, input_digest, counts, results, created_by, created_at, duration_ns, published)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.DatasetID, e.Programme, e.Year, e.Period, e.Module, e.InputDigest, string(countsJSON), results, e.CreatedBy, at, int64(e.Duration), e.Published)
		if err != nil {
			return err
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for i, id := range e.RuleFileIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_rule_files (evaluation_id, position, rule_file_id) VALUES (?, ?, ?)`, e.ID, i, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return store.Evaluation{}, fmt.Errorf("sqlite: storing evaluation of %s/%d: %w", e.Programme, e.Year, err)
	}
	out := e
	out.CreatedAt = when(at)
	out.RuleFileIDs = append([]int64(nil), e.RuleFileIDs...)
	out.Counts = make(map[string]int, len(e.Counts))
	for k, v := range e.Counts {
		out.Counts[k] = v
	}
	if e.Counts == nil {
		out.Counts = nil
	}
	out.Results = append([]byte(nil), e.Results...)
	return out, nil
}

const evaluationColumns = `e.id, e.dataset_id, e.programme, e.year, e.period, e.module, e.input_digest, e.counts, e.created_by, e.created_at, e.duration_ns, e.published,
	(SELECT group_concat(r.rule_file_id, ',' ORDER BY r.position) FROM evaluation_rule_files r WHERE r.evaluation_id = e.id)`

func scanEvaluation(row interface{ Scan(...any) error }, withResults bool) (store.Evaluation, error) {
	var e store.Evaluation
	var counts string
	var ruleFiles sql.NullString
	var at, duration int64
	dest := []any{&e.ID, &e.DatasetID, &e.Programme, &e.Year, &e.Period, &e.Module, &e.InputDigest, &counts, &e.CreatedBy, &at, &duration, &e.Published, &ruleFiles}
	if withResults {
		dest = append(dest, &e.Results)
	}
	if err := row.Scan(dest...); err != nil {
		return e, err
	}
	e.CreatedAt, e.Duration = when(at), time.Duration(duration)
	if err := json.Unmarshal([]byte(counts), &e.Counts); err != nil {
		return e, fmt.Errorf("evaluation %d: counts: %w", e.ID, err)
	}
	if ruleFiles.Valid && ruleFiles.String != "" {
		for _, f := range strings.Split(ruleFiles.String, ",") {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return e, fmt.Errorf("evaluation %d: rule file id %q: %w", e.ID, f, err)
			}
			e.RuleFileIDs = append(e.RuleFileIDs, id)
		}
	}
	if withResults && e.Results == nil {
		e.Results = []byte{}
	}
	return e, nil
}

// Evaluation implements store.Store.
func (s *Store) Evaluation(ctx context.Context, id int64) (store.Evaluation, error) {
	var e store.Evaluation
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		e, err = scanEvaluation(tx.QueryRowContext(ctx, `SELECT `+evaluationColumns+`, e.results FROM evaluations e WHERE e.id = ?`, id), true)
		return err
	})
	if err != nil {
		return store.Evaluation{}, fmt.Errorf("sqlite: evaluation %d: %w", id, notFound(err))
	}
	return e, nil
}

// Evaluations implements store.Store.
func (s *Store) Evaluations(ctx context.Context, f store.EvaluationFilter) ([]store.Evaluation, error) {
	var where []string
	var args []any
	if f.Programme != "" {
		where, args = append(where, "e.programme = ?"), append(args, f.Programme)
	}
	if f.Year != 0 {
		where, args = append(where, "e.year = ?"), append(args, f.Year)
	}
	if f.DatasetID != 0 {
		where, args = append(where, "e.dataset_id = ?"), append(args, f.DatasetID)
	}
	if f.Published {
		where = append(where, "e.published = 1")
	}
	q := `SELECT ` + evaluationColumns + ` FROM evaluations e`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY e.id DESC LIMIT ?`
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	args = append(args, limit)
	var out []store.Evaluation
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEvaluation(rows, false)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing evaluations: %w", err)
	}
	return out, nil
}

// SetPublished implements store.Store.
func (s *Store) SetPublished(ctx context.Context, id int64, published bool) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE evaluations SET published = ? WHERE id = ?`, published, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return store.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlite: publishing evaluation %d: %w", id, err)
	}
	return nil
}

// PutAccount implements store.Store.
func (s *Store) PutAccount(ctx context.Context, a store.Account) error {
	if a.Name == "" {
		return errors.New("sqlite: account without a name")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO accounts (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)
ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash`,
			a.Name, a.Role, a.PasswordHash, stamp(a.CreatedAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: storing account %s: %w", a.Name, err)
	}
	return nil
}

// Account implements store.Store.
func (s *Store) Account(ctx context.Context, name string) (store.Account, error) {
	var a store.Account
	err := s.read(ctx, func(tx *sql.Tx) error {
		var at int64
		err := tx.QueryRowContext(ctx, `SELECT name, role, password_hash, created_at FROM accounts WHERE name = ?`, name).
			Scan(&a.Name, &a.Role, &a.PasswordHash, &at)
		a.CreatedAt = when(at)
		return err
	})
	if err != nil {
		return store.Account{}, fmt.Errorf("sqlite: account %q: %w", name, notFound(err))
	}
	return a, nil
}

// Accounts implements store.Store.
func (s *Store) Accounts(ctx context.Context) ([]store.Account, error) {
	var out []store.Account
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, role, password_hash, created_at FROM accounts ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a store.Account
			var at int64
			if err := rows.Scan(&a.Name, &a.Role, &a.PasswordHash, &at); err != nil {
				return err
			}
			a.CreatedAt = when(at)
			out = append(out, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing accounts: %w", err)
	}
	return out, nil
}

// PutSession implements store.Store.
func (s *Store) PutSession(ctx context.Context, sess store.Session) error {
	if sess.TokenHash == "" {
		return errors.New("sqlite: session without a token hash")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, time.Now().UnixMicro()); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE name = ?`, sess.Account).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("account %q: %w", sess.Account, store.ErrNotFound)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE token_hash = ?`, sess.TokenHash).Scan(&n); err != nil {
			return err
		}
		if n != 0 {
			return store.ErrConflict
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, account, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			sess.TokenHash, sess.Account, sess.CSRF, stamp(sess.CreatedAt), sess.ExpiresAt.UnixMicro())
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: storing a session of %s: %w", sess.Account, err)
	}
	return nil
}

// Session implements store.Store.
func (s *Store) Session(ctx context.Context, tokenHash string) (store.Session, error) {
	var sess store.Session
	err := s.read(ctx, func(tx *sql.Tx) error {
		var created, expires int64
		err := tx.QueryRowContext(ctx, `SELECT token_hash, account, csrf, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?`,
			tokenHash, time.Now().UnixMicro()).Scan(&sess.TokenHash, &sess.Account, &sess.CSRF, &created, &expires)
		sess.CreatedAt, sess.ExpiresAt = when(created), when(expires)
		return err
	})
	if err != nil {
		return store.Session{}, fmt.Errorf("sqlite: session: %w", notFound(err))
	}
	return sess, nil
}

// DeleteSession implements store.Store.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: deleting a session: %w", err)
	}
	return nil
}

// Audit implements store.Store.
func (s *Store) Audit(ctx context.Context, e store.AuditEntry) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (time, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`,
			stamp(e.Time), e.Actor, e.Action, e.Target, e.Detail)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: audit log: %w", err)
	}
	return nil
}

// AuditLog implements store.Store.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]store.AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	var out []store.AuditEntry
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, time, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e store.AuditEntry
			var at int64
			if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Target, &e.Detail); err != nil {
				return err
			}
			e.Time = when(at)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading the audit log: %w", err)
	}
	return out, nil
}
