package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// Config configures a Server. Store is required; every other field has a
// default.
type Config struct {
	// Store keeps datasets, rule files, evaluations, accounts, sessions
	// and the audit log.
	Store store.Store
	// Auth configures sign-in, sessions, CSRF and the reverse proxy's
	// headers; its Store, Log and OnForbidden are filled in by New.
	Auth auth.Config
	// Log receives the structured logs (request id, user, status,
	// duration); nil discards them.
	Log *slog.Logger
	// Published lets readers without an account see the published
	// evaluations and their published reports.
	Published bool
	// MaxUpload is the most bytes a request body may have; 0 is 64 MiB.
	MaxUpload int64
	// CheckTimeout bounds one check (and one explanation); 0 is 2 minutes.
	CheckTimeout time.Duration
	// MaxChecks is the most checks that run at once; 0 is the number of
	// processors. MaxQueue is the most that wait for a turn beyond them;
	// 0 is 256. A check beyond both is refused with 503 and Retry-After.
	MaxChecks, MaxQueue int
	// Now is the clock of the times stored with uploads, checks and the
	// audit log (sessions keep Auth.Now's); nil is time.Now.
	Now func() time.Time
}

// Server is the service kiez serve runs: the HTTP API under /api/v1/,
// the dashboard at /, /healthz, and the core operations both use.
type Server struct {
	cfg   Config
	store store.Store
	auth  *auth.Auth
	log   *slog.Logger
	mux   *http.ServeMux
	// handler is mux behind the request log and the authentication.
	handler http.Handler
	// dash renders the dashboard's pages, the authentication's refusals
	// outside the API too.
	dash *dashboard
	// openapiJSONDoc is the OpenAPI document as JSON.
	openapiJSONDoc []byte

	// embedded are the embedded rule sets by id, loaded once;
	// embeddedIDs their ids in order.
	embedded    map[string]*rules.RuleSet
	embeddedIDs []string

	// slots holds a token per running check; queue one per waiting or
	// running check.
	slots, queue chan struct{}

	mu sync.Mutex
	// closing is set by Shutdown: no new check starts.
	closing bool
	running sync.WaitGroup
	// sets are the rule sets loaded from stored rule files, by digest.
	sets map[string]*rules.RuleSet
	// datasets are the datasets loaded from stored versions, by ID,
	// at most maxCachedDatasets of them.
	datasets map[int64]*kiez.Dataset
}

// maxCachedDatasets is the most loaded dataset versions kept in memory.
const maxCachedDatasets = 16

// New builds a server over a store. It loads the embedded rule sets; an
// error in one is an error of the program, returned.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store configured")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 64 << 20
	}
	if cfg.CheckTimeout <= 0 {
		cfg.CheckTimeout = 2 * time.Minute
	}
	if cfg.MaxChecks <= 0 {
		cfg.MaxChecks = runtime.NumCPU()
	}
	if cfg.MaxQueue <= 0 {
		cfg.MaxQueue = 256
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Log, mux: http.NewServeMux(),
		embedded: map[string]*rules.RuleSet{}, sets: map[string]*rules.RuleSet{}, datasets: map[int64]*kiez.Dataset{},
		slots: make(chan struct{}, cfg.MaxChecks), queue: make(chan struct{}, cfg.MaxChecks+cfg.MaxQueue)}
	doc, err := openapiDocJSON()
	if err != nil {
		return nil, err
	}
	s.openapiJSONDoc = doc
	sets, diags := rules.LoadEmbeddedAll()
	if err := diags.Err(); err != nil {
		return nil, fmt.Errorf("server: the embedded rule sets: %w", err)
	}
	for _, rs := range sets {
		s.embedded[rs.ID] = rs
		s.embeddedIDs = append(s.embeddedIDs, rs.ID)
	}
	ac := cfg.Auth
	ac.Store = cfg.Store
	if ac.Log == nil {
		ac.Log = cfg.Log
	}
	ac.OnForbidden = s.forbidden
	a, err := auth.New(ac)
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.auth = a
	s.routes()
	if err := s.dashboardRoutes(s.mux); err != nil {
		return nil, err
	}
	s.handler = s.logRequests(a.Middleware(noteUser(s.mux)))
	return s, nil
}

// Handler is the server's HTTP handler: every route behind the request
// log and the authentication.
func (s *Server) Handler() http.Handler { return s.handler }

// Shutdown refuses new checks and waits until the running ones are
// stored, or ctx ends (then it returns ctx's error). It does not stop
// the http.Server: call its Shutdown first, then this.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		s.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("server: checks still running at shutdown: %w", ctx.Err())
	}
}

// acquire waits for a turn to check: errBusy when the queue is full,
// errShuttingDown after Shutdown, ctx's error when it ends first. The
// release function gives the turn back.
func (s *Server) acquire(ctx context.Context) (func(), error) {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return nil, errShuttingDown
	}
	s.running.Add(1)
	s.mu.Unlock()
	select {
	case s.queue <- struct{}{}:
	default:
		s.running.Done()
		return nil, errBusy
	}
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		<-s.queue
		s.running.Done()
		return nil, ctx.Err()
	}
	return func() {
		<-s.slots
		<-s.queue
		s.running.Done()
	}, nil
}

// now is the server's clock.
func (s *Server) now() time.Time { return s.cfg.Now() }

// ruleSet returns the compiled rule set of a stored (or embedded) rule
// file, loading it once per digest.
func (s *Server) ruleSet(f store.RuleFile) (*rules.RuleSet, error) {
	if f.Embedded {
		if src, ok := rules.EmbeddedSource(f.Programme); ok && store.ContentDigest(src) == f.Digest {
			if rs := s.embedded[f.Programme]; rs != nil {
				return rs, nil
			}
		}
	}
	s.mu.Lock()
	rs := s.sets[f.Digest]
	s.mu.Unlock()
	if rs != nil {
		return rs, nil
	}
	rs, diags := rules.Load(f.Name, f.Content)
	if rs == nil || diags.HasErrors() {
		return nil, fmt.Errorf("the stored rule file %d (%s) does not load with this version of kiez: %w", f.ID, f.Name, diags.Err())
	}
	s.cacheRuleSet(f.Digest, rs)
	return rs, nil
}

// cacheRuleSet keeps a loaded rule set by the digest of its file.
func (s *Server) cacheRuleSet(digest string, rs *rules.RuleSet) {
	s.mu.Lock()
	s.sets[digest] = rs
	s.mu.Unlock()
}

// dataset returns the loaded dataset of a stored version, loading it
// once while it stays among the recently used.
func (s *Server) dataset(ctx context.Context, d store.Dataset) (*kiez.Dataset, error) {
	s.mu.Lock()
	ds := s.datasets[d.ID]
	s.mu.Unlock()
	if ds != nil {
		return ds, nil
	}
	ds, diags := loadFiles(ctx, d.Files)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("the stored dataset %s/%d v%d does not load with this version of kiez: %w", d.Programme, d.Year, d.Version, diags.Err())
	}
	s.mu.Lock()
	if len(s.datasets) >= maxCachedDatasets {
		for id := range s.datasets {
			delete(s.datasets, id)
			break
		}
	}
	s.datasets[d.ID] = ds
	s.mu.Unlock()
	return ds, nil
}
