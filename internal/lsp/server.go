// Package lsp is the Language Server of kiez lsp: it serves rule files
// and rule test files (*_test.yaml) to an editor over the Language Server
// Protocol. It publishes the diagnostics kiez lint gives for the text being
// edited, completes the fields of the model at an expression's type, the
// params, let names and functions, shows the reference text of functions
// and the value history of params on hover, and goes to the declaration of
// params, lets and requirement ids. The types come from the loader itself
// (rules.Inspect): what the editor proposes is what the compiler accepts.
package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/jsonrpc"
	"github.com/kiez-go/kiez/internal/rulefmt"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/rules"
)

// ErrExitWithoutShutdown is returned by Serve when the client sent exit
// without shutdown before it; the protocol asks for exit code 1 then.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Server is one session with one client. It handles one message at a
// time; it is not safe for concurrent use.
type Server struct {
	out  *jsonrpc.Writer
	log  io.Writer
	root string // the workspace folder, for the file names of diagnostics

	initialized bool
	shutdown    bool
	docs        map[string]*document
}

// document is an open document and what was read from its text.
type document struct {
	uri     string
	name    string // the file name diagnostics use
	version int
	text    string
	starts  []int
	// kind is rule file, rule test file, or another YAML file (data),
	// which is left alone.
	kind rulefmt.Kind
	// in is the inspection of the text; good is the last one whose YAML
	// could be read, for completion while the text is broken.
	in, good *rules.Inspection
}

// Serve runs a session: it reads messages from r and writes to w until
// the client sends exit or r ends. Problems of the server itself (a
// message that cannot be read) are logged to log. It returns nil after
// shutdown and exit, ErrExitWithoutShutdown after exit alone, and an
// error when the input ends or breaks first.
func Serve(r io.Reader, w io.Writer, log io.Writer) error {
	s := &Server{out: jsonrpc.NewWriter(w), log: log, docs: map[string]*document{}}
	in := jsonrpc.NewReader(r)
	for {
		body, err := in.Read()
		if err == io.EOF {
			return errors.New("the input ended before exit")
		}
		if err != nil {
			return err
		}
		if done, err := s.handle(body); done || err != nil {
			return err
		}
	}
}

// handle handles one message; done tells that the session is over.
func (s *Server) handle(body []byte) (done bool, err error) {
	var m jsonrpc.Message
	if err := json.Unmarshal(body, &m); err != nil {
		fmt.Fprintf(s.log, "kiez lsp: a message that is no JSON-RPC: %v\n", err)
		return false, s.out.ReplyError(nil, jsonrpc.CodeParseError, "the message is not valid JSON: "+err.Error())
	}
	if m.Method == "" {
		// A response to a request of ours (there are none) or garbage.
		if !m.IsNotification() && m.Result == nil && m.Error == nil {
			return false, s.out.ReplyError(m.ID, jsonrpc.CodeInvalidRequest, "the request names no method")
		}
		return false, nil
	}
	if m.Method == "exit" {
		if s.shutdown {
			return true, nil
		}
		return true, ErrExitWithoutShutdown
	}
	result, rpcErr := s.dispatch(&m)
	if m.IsNotification() {
		if rpcErr != nil {
			fmt.Fprintf(s.log, "kiez lsp: %s: %s\n", m.Method, rpcErr.Message)
		}
		return false, nil
	}
	if rpcErr != nil {
		return false, s.out.ReplyError(m.ID, rpcErr.Code, rpcErr.Message)
	}
	return false, s.out.Reply(m.ID, result)
}

// dispatch calls the handler of a method. A panic in a handler is a bug
// of the server: it is answered as an internal error and logged with its
// stack, and the session goes on.
func (s *Server) dispatch(m *jsonrpc.Message) (result any, rpcErr *jsonrpc.Error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.log, "kiez lsp: %s: internal error: %v\n%s", m.Method, r, debug.Stack())
			result, rpcErr = nil, &jsonrpc.Error{Code: jsonrpc.CodeInternalError, Message: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	switch {
	case m.Method == "initialize":
		return s.initialize(m.Params)
	case !s.initialized:
		return nil, &jsonrpc.Error{Code: jsonrpc.CodeServerNotInitialized, Message: "the server is not initialized"}
	case m.Method == "shutdown":
		s.shutdown = true
		return nil, nil
	case s.shutdown:
		return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidRequest, Message: "the server is shutting down"}
	}
	switch m.Method {
	case "initialized", "$/cancelRequest", "$/setTrace", "textDocument/didSave", "workspace/didChangeConfiguration":
		return nil, nil
	case "textDocument/didOpen":
		var p didOpenParams
		if err := decode(m.Params, &p); err != nil {
			return nil, err
		}
		s.open(p.TextDocument)
		return nil, nil
	case "textDocument/didChange":
		var p didChangeParams
		if err := decode(m.Params, &p); err != nil {
			return nil, err
		}
		return nil, s.change(&p)
	case "textDocument/didClose":
		var p didCloseParams
		if err := decode(m.Params, &p); err != nil {
			return nil, err
		}
		delete(s.docs, p.TextDocument.URI)
		s.publish(PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []Diagnostic{}})
		return nil, nil
	case "textDocument/completion", "textDocument/hover", "textDocument/definition":
		var p positionParams
		if err := decode(m.Params, &p); err != nil {
			return nil, err
		}
		d := s.docs[p.TextDocument.URI]
		if d == nil {
			return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: "the document is not open: " + p.TextDocument.URI}
		}
		off := offset(d.text, d.starts, p.Position)
		switch m.Method {
		case "textDocument/completion":
			return d.complete(off), nil
		case "textDocument/hover":
			if h := d.hover(off); h != nil {
				return h, nil
			}
			return nil, nil
		default:
			if l := d.definition(off); l != nil {
				return l, nil
			}
			return nil, nil
		}
	}
	if m.IsNotification() {
		return nil, nil
	}
	return nil, &jsonrpc.Error{Code: jsonrpc.CodeMethodNotFound, Message: "method not supported: " + m.Method}
}

func decode(params json.RawMessage, v any) *jsonrpc.Error {
	if len(params) == 0 {
		return &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: "the request has no params"}
	}
	if err := json.Unmarshal(params, v); err != nil {
		return &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: "the params do not fit the method: " + err.Error()}
	}
	return nil
}

func (s *Server) initialize(params json.RawMessage) (any, *jsonrpc.Error) {
	var p initializeParams
	if len(params) > 0 {
		if err := decode(params, &p); err != nil {
			return nil, err
		}
	}
	switch {
	case p.RootURI != nil && *p.RootURI != "":
		s.root = uriPath(*p.RootURI)
	case p.RootPath != nil:
		s.root = *p.RootPath
	}
	s.initialized = true
	return map[string]any{
		"capabilities": map[string]any{
			"textDocumentSync":   map[string]any{"openClose": true, "change": 1},
			"completionProvider": map[string]any{"triggerCharacters": []string{"."}},
			"hoverProvider":      true,
			"definitionProvider": true,
		},
		"serverInfo": map[string]any{"name": "kiez lsp"},
	}, nil
}

// fileName is the name under which a document is loaded, as kiez lint
// would be given it: the path relative to the workspace folder when the
// file lies in it.
func (s *Server) fileName(uri string) string {
	p := uriPath(uri)
	if s.root != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(s.root, p); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}

func (s *Server) open(item textDocumentItem) {
	name := s.fileName(item.URI)
	d := &document{uri: item.URI, name: name, version: item.Version, kind: rulefmt.Other}
	s.docs[item.URI] = d
	d.set(item.Text)
	s.publishOf(d)
}

func (s *Server) change(p *didChangeParams) *jsonrpc.Error {
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: "the document is not open: " + p.TextDocument.URI}
	}
	text := d.text
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			text = c.Text
			continue
		}
		// A client that sends ranges despite full synchronisation.
		starts := lineStarts(text)
		a, b := offset(text, starts, c.Range.Start), offset(text, starts, c.Range.End)
		if b < a {
			a, b = b, a
		}
		text = text[:a] + c.Text + text[b:]
	}
	d.version = p.TextDocument.Version
	d.set(text)
	s.publishOf(d)
	return nil
}

// ruleFileKey finds the keys of a rule file in a text that is not YAML
// (yet): a rule file being written shows its syntax errors.
var ruleFileKey = regexp.MustCompile(`(?m)^(rules|requirements|params|manual|programme):`)

// set replaces the document's text and reads it again. The kind of the
// document follows its text as kiez fmt tells it (a data file opened in
// the editor gets no diagnostics of rule files); while the text is no
// YAML, a rule or test file stays what it was.
func (d *document) set(text string) {
	d.text, d.starts = text, lineStarts(text)
	if strings.HasSuffix(d.name, "_test.yaml") || strings.HasSuffix(d.name, "_test.yml") {
		// A test file by its name: its text need not be asked.
		d.kind = rulefmt.TestFile
		d.in, d.good = nil, nil
		return
	}
	switch k := rulefmt.Detect([]byte(text)); {
	case k != rulefmt.Other:
		d.kind = k
	case d.kind == rulefmt.Other && ruleFileKey.MatchString(text):
		d.kind = rulefmt.RuleFile
	case d.kind != rulefmt.Other && !isYAML(text):
	default:
		d.kind = rulefmt.Other
	}
	d.in = nil
	if d.kind != rulefmt.RuleFile {
		d.good = nil
		return
	}
	d.in = rules.Inspect(d.name, []byte(text))
	if d.in.Parsed {
		d.good = d.in
	}
}

// isYAML reports whether the text parses as YAML.
func isYAML(text string) bool {
	_, err := source.ParseYAML([]byte(text))
	return err == nil
}

// diagnostics are the problems of the document's text: kiez lint's for a
// rule file, those of reading a test file.
func (d *document) diagnostics() diag.Diagnostics {
	switch d.kind {
	case rulefmt.TestFile:
		return rules.CheckTestFile(d.name, []byte(d.text))
	case rulefmt.RuleFile:
		// What kiez lint prints: the loader's diagnostics and the lint's
		// warnings (rules.Lint loads the text again; a rule file is small).
		_, diags := rules.Lint(d.name, []byte(d.text))
		return diags
	}
	return nil
}

func (s *Server) publishOf(d *document) {
	out := []Diagnostic{}
	for _, dg := range d.diagnostics() {
		if dg.Subject != nil && dg.Subject.Filename != "" && dg.Subject.Filename != d.name {
			continue
		}
		out = append(out, d.convert(dg))
	}
	v := d.version
	s.publish(PublishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: out})
}

// protocolRange turns a range of the document into the protocol's: from
// its start to its end, or a point at its start when the end is not after
// it.
func (d *document) protocolRange(at diag.Range) Range {
	r := Range{Start: toProtocol(d.text, d.starts, at.Start)}
	r.End = r.Start
	if end := at.End; end.Line > at.Start.Line || end.Line == at.Start.Line && end.Column > at.Start.Column {
		r.End = toProtocol(d.text, d.starts, end)
	}
	return r
}

// convert turns a diagnostic into the protocol's: the same position, and
// the text kiez lint prints (the summary, the data path, the detail).
func (d *document) convert(dg *diag.Diagnostic) Diagnostic {
	var r Range
	if dg.Subject != nil {
		r = d.protocolRange(*dg.Subject)
	}
	msg := dg.Summary
	if dg.Path != "" {
		msg += " (at " + dg.Path + ")"
	}
	if dg.Detail != "" {
		msg += "\n" + dg.Detail
	}
	sev := severityError
	switch dg.Severity {
	case diag.Warning:
		sev = severityWarning
	case diag.Info:
		sev = severityInformation
	}
	return Diagnostic{Range: r, Severity: sev, Source: "kiez lint", Message: msg}
}

func (s *Server) publish(p PublishDiagnosticsParams) {
	if err := s.out.Notify("textDocument/publishDiagnostics", p); err != nil {
		fmt.Fprintf(s.log, "kiez lsp: %v\n", err)
	}
}
