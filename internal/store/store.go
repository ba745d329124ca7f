package store

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned (wrapped) when what was asked for is not stored.
var ErrNotFound = errors.New("store: not found")

// ErrConflict is returned (wrapped) when a write would break a uniqueness
// the store keeps: an account name taken, a stale dataset version.
var ErrConflict = errors.New("store: conflict")

// Store keeps what the service must not lose: datasets and rule files as
// uploaded, evaluations as run, accounts, sessions and the audit log.
// Every method is safe for concurrent use, every write is atomic (all of
// it is stored or none), and a value returned is the caller's to keep
// (and a value passed stays the caller's). Times come back in UTC to the
// microsecond; a zero UploadedAt, CreatedAt or Time given is stored as the
// time of the call.
// Implementations: package sqlite (the default, one file) and package
// memstore (tests); the conformance tests in package storetest run
// against each, and a new backend (PostgreSQL) passes them too.
type Store interface {
	// PutDataset stores a new version of the dataset of its programme
	// and year (version 1 when there is none) and returns it with ID,
	// Version and Digest set. Earlier versions stay readable: past
	// evaluations refer to them. A Version given (not 0) must be the
	// next one, else ErrConflict: the upload was based on a version that
	// is no longer the newest. A dataset CheckDataset refuses is an error.
	PutDataset(ctx context.Context, d Dataset) (Dataset, error)
	// Dataset returns one version of a programme's dataset for a year;
	// version 0 is the newest.
	Dataset(ctx context.Context, programme string, year, version int) (Dataset, error)
	// DatasetByID returns a dataset version by its ID.
	DatasetByID(ctx context.Context, id int64) (Dataset, error)
	// Datasets lists the newest version of every programme's dataset per
	// year, without file contents, by programme then year.
	Datasets(ctx context.Context) ([]Dataset, error)

	// PutRuleFile stores a rule file; a file with the same digest already
	// stored is returned instead of a second copy.
	PutRuleFile(ctx context.Context, f RuleFile) (RuleFile, error)
	// RuleFile returns a stored rule file by its ID.
	RuleFile(ctx context.Context, id int64) (RuleFile, error)
	// RuleFiles lists the stored rule files without content, newest first.
	RuleFiles(ctx context.Context) ([]RuleFile, error)

	// PutEvaluation stores an evaluation and returns it with ID set; a
	// DatasetID or RuleFileIDs entry that is not stored is ErrNotFound.
	PutEvaluation(ctx context.Context, e Evaluation) (Evaluation, error)
	// Evaluation returns a stored evaluation with its results.
	Evaluation(ctx context.Context, id int64) (Evaluation, error)
	// Evaluations lists evaluations without Results, newest first;
	// a zero filter field matches every value.
	Evaluations(ctx context.Context, f EvaluationFilter) ([]Evaluation, error)
	// SetPublished marks an evaluation as published (shown without
	// signing in) or takes the mark away.
	SetPublished(ctx context.Context, id int64, published bool) error

	// PutAccount creates an account or, when one of that name exists,
	// replaces its role and password hash.
	PutAccount(ctx context.Context, a Account) error
	// Account returns an account by name.
	Account(ctx context.Context, name string) (Account, error)
	// Accounts lists the accounts by name.
	Accounts(ctx context.Context) ([]Account, error)

	// PutSession stores a session (keyed by the hash of its token); an
	// account not stored is ErrNotFound, a token hash already stored is
	// ErrConflict. Expired sessions may be removed meanwhile.
	PutSession(ctx context.Context, s Session) error
	// Session returns the session of a token hash; an expired one is
	// ErrNotFound.
	Session(ctx context.Context, tokenHash string) (Session, error)
	// DeleteSession removes a session; removing none is no error.
	DeleteSession(ctx context.Context, tokenHash string) error

	// Audit appends an entry to the audit log; its ID is given by the
	// store.
	Audit(ctx context.Context, e AuditEntry) error
	// AuditLog returns the newest entries of the audit log, newest first,
	// at most limit of them (every one when limit <= 0).
	AuditLog(ctx context.Context, limit int) ([]AuditEntry, error)

	// Close releases the store; calls after it fail with ErrClosed.
	Close() error
}

// Dataset is one version of the data of a programme for a year, as
// uploaded: the files whole, so that any past evaluation can be shown
// again from exactly what it read.
type Dataset struct {
	ID        int64
	Programme string
	Year      int
	Version   int
	// Files are the uploaded files in the order given; their names are
	// plain file names (no directories).
	Files []File
	// Digest is the SHA-256 (lower-case hex) over the files' names and
	// contents, as the CLI's input digest.
	Digest     string
	UploadedBy string
	UploadedAt time.Time
}

// File is one uploaded file.
type File struct {
	Name    string
	Content []byte
}

// RuleFile is a rule file as uploaded or, for an embedded rule set used
// by an evaluation, as it was embedded then.
type RuleFile struct {
	ID int64
	// Name is the file name as uploaded (rules/programmes/<id>.yaml for
	// an embedded set).
	Name string
	// Programme and Version are the rule set's id and version: field.
	Programme string
	Version   string
	Embedded  bool
	Content   []byte
	// Digest is the SHA-256 of Content, lower-case hex.
	Digest     string
	UploadedBy string
	UploadedAt time.Time
}

// Evaluation is one check as it ran: what it read (dataset version, rule
// files, period), with which module, and the results as JSON, so that it
// can be shown again unchanged and compared with a new one.
type Evaluation struct {
	ID        int64
	DatasetID int64
	// Programme and Year are the dataset's; Period is the period checked
	// as written (2024, 2024-H1, …).
	Programme string
	Year      int
	Period    string
	// RuleFileIDs are the stored rule files evaluated, in order.
	RuleFileIDs []int64
	// Module is the kiez module version that ran (path@version+revision).
	Module string
	// InputDigest is the digest over the data files read.
	InputDigest string
	// Counts are the results per outcome ("pass", "fail", …).
	Counts map[string]int
	// Results are the results as JSON (a JSON array of rules.Result);
	// Evaluations leaves them out.
	Results   []byte
	CreatedBy string
	CreatedAt time.Time
	// Duration is how long the check took.
	Duration time.Duration
	// Published is true when the evaluation may be shown without signing
	// in (in the published form of the reports).
	Published bool
}

// EvaluationFilter narrows Evaluations.
type EvaluationFilter struct {
	Programme string
	Year      int
	DatasetID int64
	// Published keeps only published evaluations.
	Published bool
	// Limit is the most to return; 0 is no limit.
	Limit int
}

// Account is a person or program that may sign in.
type Account struct {
	Name string
	// Role is "read" or "write" (write includes read).
	Role string
	// PasswordHash is the KDF's encoded hash; empty for an account that
	// signs in only through the reverse proxy.
	PasswordHash string
	CreatedAt    time.Time
}

// Session is a signed-in browser or API client.
type Session struct {
	// TokenHash is the SHA-256 of the session token; the token itself is
	// never stored.
	TokenHash string
	Account   string
	// CSRF is the token forms and unsafe API requests must echo.
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AuditEntry is one line of the audit log: who did what to what.
type AuditEntry struct {
	ID     int64
	Time   time.Time
	Actor  string
	Action string // "upload-dataset", "upload-rules", "check", "login", "login-failed", …
	Target string // "bad-kreuznach/2024 v3", "evaluation 17", …
	Detail string
}
