package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
)

// reportKinds are the kinds of report, as kiez report --kind names them;
// a centre's report is "centre/<centre-id>".
var reportKinds = []string{"compliance", "centre", "programme", "staffing"}

// reportFormats are the formats of the reports, as the API names them.
var reportFormats = []string{"html", "markdown", "json", "csv", "xlsx"}

// writeReport builds a report of a stored evaluation and writes it in a
// format (html, markdown, json, csv, xlsx). The kind is compliance,
// programme, staffing, or centre/<centre-id> for one centre's annual
// report. published writes the published form (no personal data, small
// counts suppressed), which is all a reader without an account may see.
// The JSON is the envelope kiez-report/2, as kiez report writes it.
func (s *Server) writeReport(ctx context.Context, w io.Writer, id int64, kind, format string, published bool) error {
	l, err := s.evaluation(ctx, id)
	if err != nil {
		return err
	}
	return s.writeLoadedReport(w, l, kind, format, published)
}

// writeLoadedReport is writeReport on an evaluation read back.
func (s *Server) writeLoadedReport(w io.Writer, l *loaded, kind, format string, published bool) error {
	if !slices.Contains(reportFormats, format) {
		return fmt.Errorf("%w: das Format %q gibt es nicht; möglich sind %s", errBadRequest, format, strings.Join(reportFormats, ", "))
	}
	f, err := report.ParseFormat(format)
	if err != nil {
		return fmt.Errorf("%w: %v", errBadRequest, err)
	}
	var opts []report.Option
	if published {
		opts = append(opts, report.WithPublished())
	}
	var r *report.Report
	base, centre, _ := strings.Cut(kind, "/")
	switch base {
	case "compliance":
		r, err = report.Compliance(l.ev, opts...)
	case "programme":
		r, err = report.ProgrammeAnnual(l.ev, l.rec.Programme, opts...)
	case "staffing":
		r, err = report.Staffing(l.ev, l.rec.Programme, opts...)
	case "centre":
		if centre == "" {
			return fmt.Errorf("%w: der Bericht eines Zentrums braucht das Zentrum (centre)", errBadRequest)
		}
		if !slices.ContainsFunc(l.ev.Dataset().Centres, func(c kiez.Centre) bool { return c.ID == centre }) {
			return fmt.Errorf("%w: das Zentrum %q gibt es in den Daten nicht", errBadRequest, centre)
		}
		r, err = report.CentreAnnual(l.ev, centre, opts...)
	default:
		return fmt.Errorf("%w: die Berichtsart %q gibt es nicht; möglich sind %s", errBadRequest, kind, strings.Join(reportKinds, ", "))
	}
	if err != nil {
		return fmt.Errorf("%w: %v", errBadRequest, err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, f); err != nil {
		return fmt.Errorf("writing the %s report of evaluation %d as %s: %w", kind, l.rec.ID, format, err)
	}
	data := buf.Bytes()
	if f == report.FormatJSON {
		run, err := l.run(envelope.ReportFormat)
		if err != nil {
			return err
		}
		if data, err = envelope.Wrap(envelope.ReportEnvelope{RunInfo: run, Report: data}); err != nil {
			return fmt.Errorf("writing the %s report of evaluation %d: %w", kind, l.rec.ID, err)
		}
	}
	_, err = w.Write(data)
	return err
}

// publish marks an evaluation as published (shown without an account in
// published mode, with the reports' published form) or takes the mark
// away, and returns it.
func (s *Server) publish(ctx context.Context, u auth.User, id int64, published bool) (store.Evaluation, error) {
	if !u.Can(auth.Write) {
		return store.Evaluation{}, errForbidden
	}
	if err := s.store.SetPublished(ctx, id, published); err != nil {
		return store.Evaluation{}, storeError(err, "keine Auswertung %d", id)
	}
	e, err := s.store.Evaluation(ctx, id)
	if err != nil {
		return store.Evaluation{}, fmt.Errorf("evaluation %d: %w", id, err)
	}
	action := "publish"
	if !published {
		action = "unpublish"
	}
	s.audit(ctx, u, action, fmt.Sprintf("evaluation %d", id), "")
	return e, nil
}
