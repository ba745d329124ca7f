package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kiez-go/kiez/internal/server"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store/sqlite"
)

// serveConfig is what kiez serve is configured with, by flags and
// environment variables.
type serveConfig struct {
	addr, db                      string
	proxyUser, proxyRole          string
	trusted                       []netip.Prefix
	published, insecureCookies    bool
	maxUpload                     int64
	checkTimeout, shutdownTimeout time.Duration
	maxChecks                     int
	logFormat                     string
}

// serveEnv names the environment variable of each flag of kiez serve; a
// flag given wins over its variable.
var serveEnv = map[string]string{
	"addr":              "KIEZ_ADDR",
	"db":                "KIEZ_DB",
	"proxy-user-header": "KIEZ_PROXY_USER_HEADER",
	"proxy-role-header": "KIEZ_PROXY_ROLE_HEADER",
	"trusted-proxies":   "KIEZ_TRUSTED_PROXIES",
	"published":         "KIEZ_PUBLISHED",
	"insecure-cookies":  "KIEZ_INSECURE_COOKIES",
	"max-upload":        "KIEZ_MAX_UPLOAD",
	"check-timeout":     "KIEZ_CHECK_TIMEOUT",
	"shutdown-timeout":  "KIEZ_SHUTDOWN_TIMEOUT",
	"max-checks":        "KIEZ_MAX_CHECKS",
	"log-format":        "KIEZ_LOG_FORMAT",
}

func runServe(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "account" {
		return runServeAccount(args[1:], os.Stdin, stdout, stderr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr, nil)
}

// serve runs kiez serve until ctx ends (SIGINT or SIGTERM), then shuts
// down gracefully: no new requests, the running ones and their checks
// finish. ready, when not nil, is told the address listened on.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer, ready func(addr string)) int {
	fs := newFlags("serve", "serve.synopsis", "serve.about")
	var c serveConfig
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "serve.flag.addr")
	fs.StringVar(&c.db, "db", "kiez.db", "serve.flag.db")
	fs.StringVar(&c.proxyUser, "proxy-user-header", "", "serve.flag.proxyUser")
	fs.StringVar(&c.proxyRole, "proxy-role-header", "", "serve.flag.proxyRole")
	fs.Var((*prefixFlag)(&c.trusted), "trusted-proxies", "serve.flag.trusted")
	fs.BoolVar(&c.published, "published", false, "serve.flag.published")
	fs.BoolVar(&c.insecureCookies, "insecure-cookies", false, "serve.flag.insecure")
	c.maxUpload = 64 << 20
	fs.Var((*sizeFlag)(&c.maxUpload), "max-upload", "serve.flag.maxUpload")
	fs.DurationVar(&c.checkTimeout, "check-timeout", 2*time.Minute, "serve.flag.checkTimeout")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 5*time.Minute, "serve.flag.shutdownTimeout")
	fs.IntVar(&c.maxChecks, "max-checks", 0, "serve.flag.maxChecks")
	fs.StringVar(&c.logFormat, "log-format", "text", "serve.flag.logFormat")
	// The environment gives the defaults; flags on the command line win.
	for name, env := range serveEnv {
		if v, ok := os.LookupEnv(env); ok && v != "" {
			if err := fs.Set(name, v); err != nil {
				return fs.fail(stderr, "serve.badEnv", env, v, err)
			}
		}
	}
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return fs.fail(stderr, "serve.noArgs")
	}
	if c.checkTimeout <= 0 || c.shutdownTimeout <= 0 {
		return fs.fail(stderr, "serve.badDuration")
	}
	var handler slog.Handler
	switch c.logFormat {
	case "text":
		handler = slog.NewTextHandler(stderr, nil)
	case "json":
		handler = slog.NewJSONHandler(stderr, nil)
	default:
		return fs.fail(stderr, "err.format", c.logFormat, fs.tx.or("text", "json"))
	}
	log := slog.New(handler)
	if err := serveRun(ctx, c, log, ready); err != nil {
		log.Error("kiez serve stopped", "err", err)
		fmt.Fprintln(stderr, fs.tx.t("serve.failed", err))
		return exitProblems
	}
	return exitOK
}

// serveRun opens the database, serves until ctx ends and shuts down.
func serveRun(ctx context.Context, c serveConfig, log *slog.Logger, ready func(addr string)) error {
	st, err := sqlite.Open(ctx, c.db)
	if err != nil {
		return fmt.Errorf("opening the database %s: %w", c.db, err)
	}
	defer st.Close()
	srv, err := server.New(server.Config{Store: st, Log: log, Published: c.published, MaxUpload: c.maxUpload,
		CheckTimeout: c.checkTimeout, MaxChecks: c.maxChecks,
		Auth: auth.Config{ProxyUserHeader: c.proxyUser, ProxyRoleHeader: c.proxyRole, TrustedProxies: c.trusted, InsecureCookies: c.insecureCookies}})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", c.addr, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		// A check may wait for its turn as long as it may run.
		WriteTimeout: 2*c.checkTimeout + time.Minute,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("kiez serve listening", "addr", ln.Addr().String(), "db", c.db, "published", c.published)
	if ready != nil {
		ready(ln.Addr().String())
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	log.Info("kiez serve shutting down: finishing running requests and checks")
	sctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
	defer cancel()
	err = errors.Join(hs.Shutdown(sctx), srv.Shutdown(sctx))
	if err == nil {
		log.Info("kiez serve stopped")
	}
	return err
}

// prefixFlag is the flag --trusted-proxies.
type prefixFlag []netip.Prefix

func (p *prefixFlag) String() string {
	var parts []string
	for _, x := range *p {
		parts = append(parts, x.String())
	}
	return strings.Join(parts, ",")
}

func (p *prefixFlag) Set(s string) error {
	v, err := parsePrefixes(s)
	*p = v
	return err
}

// sizeFlag is the flag --max-upload.
type sizeFlag int64

func (f *sizeFlag) String() string {
	switch n := int64(*f); {
	case n > 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%dM", n>>20)
	default:
		return strconv.FormatInt(n, 10)
	}
}

func (f *sizeFlag) Set(s string) error {
	n, err := parseSize(s)
	*f = sizeFlag(n)
	return err
}

// parsePrefixes reads a comma-separated list of addresses and networks
// (10.0.0.1, 10.0.0.0/8); an address is a network of one.
func parsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			a, err := netip.ParseAddr(part)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// parseSize reads a number of bytes, with K, M or G for KiB, MiB, GiB.
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q is no size such as 64M (bytes, or K, M, G)", s)
	}
	return n * mult, nil
}

// runServeAccount is kiez serve account add NAME --role read|write: it
// creates an account or gives it a new password and role, the password
// read from the first line of stdin.
func runServeAccount(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("serve account", "serve.account.synopsis", "serve.account.about")
	db := fs.String("db", "kiez.db", "serve.flag.db")
	role := fs.String("role", "read", "serve.account.flag.role")
	if v, ok := os.LookupEnv("KIEZ_DB"); ok && v != "" {
		*db = v
	}
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) != 2 || rest[0] != "add" {
		return fs.fail(stderr, "serve.account.usage")
	}
	r := auth.Role(*role)
	if r != auth.Read && r != auth.Write {
		return fs.fail(stderr, "serve.account.badRole", *role)
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintln(stderr, fs.tx.t("serve.failed", err))
		return exitProblems
	}
	password := strings.TrimRight(line, "\r\n")
	if len([]rune(password)) < auth.MinPasswordLength {
		return fs.fail(stderr, "serve.account.shortPassword", auth.MinPasswordLength)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, *db)
	if err != nil {
		fmt.Fprintln(stderr, fs.tx.t("serve.failed", err))
		return exitProblems
	}
	defer st.Close()
	a, err := auth.New(auth.Config{Store: st})
	if err == nil {
		err = a.AddAccount(ctx, rest[1], password, r)
	}
	if err != nil {
		fmt.Fprintln(stderr, fs.tx.t("serve.failed", err))
		return exitProblems
	}
	fmt.Fprintln(stdout, fs.tx.t("serve.account.added", rest[1], r, *db))
	return exitOK
}
