package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema change.
type migration struct {
	version int
	name    string // file name
	sql     string
}

var migrationName = regexp.MustCompile(`^([0-9]{3})_[a-z0-9_]+\.sql$`)

// loadMigrations reads the migrations in dir of fsys: every file
// NNN_name.sql, numbered 1, 2, … without gaps.
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("sqlite: migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("sqlite: migrations/%s: not named NNN_name.sql", e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		if v != len(ms)+1 {
			return nil, fmt.Errorf("sqlite: migrations/%s: number %d, want %d (numbered from 001 without gaps)", e.Name(), v, len(ms)+1)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("sqlite: migrations/%s: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	return ms, nil
}

// ErrSchemaTooNew is returned (wrapped) by Open for a database whose
// schema was written by a newer kiez.
var ErrSchemaTooNew = errors.New("sqlite: database schema newer than this kiez")

// schemaVersion is the version of the schema of db (0 for a new database).
func schemaVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var exists int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'`).Scan(&exists); err != nil {
		return 0, err
	}
	if exists == 0 {
		return 0, nil
	}
	var v int
	err := q.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

// migrate brings the schema of db (the writer) up to the last of ms, in
// one transaction, and returns the version it found.
func migrate(ctx context.Context, db *sql.DB, file string, ms []migration) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite: %s: migration: %w", file, err)
	}
	defer tx.Rollback()
	found, err := schemaVersion(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("sqlite: %s: reading the schema version: %w", file, err)
	}
	if found > len(ms) {
		return found, fmt.Errorf("%w: %s has schema version %d, this kiez knows versions up to %d; use the kiez that wrote it (or a newer one), or a backup of the file", ErrSchemaTooNew, file, found, len(ms))
	}
	if found == len(ms) {
		return found, nil
	}
	if found == 0 {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
	version    INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL,
	applied_at INTEGER NOT NULL
)`); err != nil {
			return found, fmt.Errorf("sqlite: %s: creating schema_version: %w", file, err)
		}
	}
	for _, m := range ms[found:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return found, fmt.Errorf("sqlite: %s: migration %s: %w", file, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, time.Now().UnixMicro()); err != nil {
			return found, fmt.Errorf("sqlite: %s: recording migration %s: %w", file, m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return found, fmt.Errorf("sqlite: %s: committing the migrations: %w", file, err)
	}
	return found, nil
}
