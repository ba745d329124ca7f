package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The dashboard's forms: uploading a dataset, running a check,
// uploading a rule file; a refusal shows the form again with every
// diagnostic beside the lines of its file.

// uploadForm shows the upload form.
func (d *dashboard) uploadForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := d.needWriter(w, r); !ok {
		return
	}
	q := r.URL.Query()
	year := q.Get("jahr")
	if year == "" {
		year = d.defaultYear()
	}
	options, err := d.programmeOptions(r.Context(), q.Get("programm"))
	if err != nil {
		d.fail(w, r, err)
		return
	}
	body := uploadView{Programmes: options, Year: year}
	d.pages.render(w, http.StatusOK, "upload", d.page(w, r, "Daten hochladen", "upload", body))
}

// upload stores the uploaded files as a new dataset version, or shows the
// form again with every diagnostic beside its file.
func (d *dashboard) upload(w http.ResponseWriter, r *http.Request) {
	u, ok := d.needWriter(w, r)
	if !ok {
		return
	}
	programme := r.PostFormValue("programme")
	yearText := strings.TrimSpace(r.PostFormValue("year"))
	options, err := d.programmeOptions(r.Context(), programme)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	body := uploadView{Programmes: options, Year: yearText}
	show := func(status int) {
		d.pages.render(w, status, "upload", d.page(w, r, "Daten hochladen", "upload", body))
	}
	year, err := strconv.Atoi(yearText)
	if err != nil {
		body.Error = fmt.Sprintf("Das Jahr %q ist keine Zahl; geben Sie es vierstellig an, z. B. 2024.", yearText)
		show(http.StatusBadRequest)
		return
	}
	files, err := formFiles(r, "files", kiez.MaxFileSize)
	if err != nil {
		if errors.Is(err, errBadRequest) {
			body.Error = err.Error()
			show(http.StatusBadRequest)
			return
		}
		d.fail(w, r, err)
		return
	}
	ds, diags, err := d.s.putDataset(r.Context(), u, programme, year, files)
	if err != nil {
		switch {
		case errors.Is(err, errInvalid):
			body.Error = fmt.Sprintf("Die Daten haben %d Fehler; nichts wurde gespeichert. Jeder Befund steht unten bei seiner Datei.", countErrors(diags))
			body.Files = fileDiags(diags, fileNames(files), sourceOf(files))
			show(http.StatusUnprocessableEntity)
		case errors.Is(err, errBadRequest):
			body.Error = err.Error()
			show(http.StatusBadRequest)
		default:
			d.fail(w, r, err)
		}
		return
	}
	body.Done = datasetViewOf(ds)
	body.Files = fileDiags(diags, fileNames(files), sourceOf(files)) // warnings
	show(http.StatusOK)
}

// formFiles reads the files of a multipart form field, each at most max
// bytes.
func formFiles(r *http.Request, field string, limit int64) ([]store.File, error) {
	if r.MultipartForm == nil {
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			var maxErr *http.MaxBytesError
			if errors.As(err, &maxErr) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: das Formular ist kein Datei-Upload (multipart/form-data): %v", errBadRequest, err)
		}
	}
	// The parts are read into memory here; the temporary files of the
	// large ones go now (the server would remove only those of the
	// request it was given, not of this copy).
	defer r.MultipartForm.RemoveAll()
	var files []store.File
	for _, fh := range r.MultipartForm.File[field] {
		data, err := readPart(fh, limit)
		if err != nil {
			return nil, err
		}
		files = append(files, store.File{Name: fh.Filename, Content: data})
	}
	return files, nil
}

// readPart reads an uploaded file, at most limit bytes.
func readPart(fh *multipart.FileHeader, limit int64) ([]byte, error) {
	if fh.Size > limit {
		return nil, fmt.Errorf("%w: die Datei %q ist größer als %d Bytes", errBadRequest, fh.Filename, limit)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("reading the uploaded file %q: %w", fh.Filename, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading the uploaded file %q: %w", fh.Filename, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: die Datei %q ist größer als %d Bytes", errBadRequest, fh.Filename, limit)
	}
	return data, nil
}

func fileNames(files []store.File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Name
	}
	return out
}

// sourceOf finds an uploaded file's content by name.
func sourceOf(files []store.File) func(string) ([]byte, bool) {
	return func(name string) ([]byte, bool) {
		for _, f := range files {
			if f.Name == name {
				return f.Content, true
			}
		}
		return nil, false
	}
}

// checkBody builds the model of the check form; without a programme
// or year it proposes those of the newest dataset stored.
func (d *dashboard) checkBody(ctx context.Context, programme, year, period, ruleFile string) (checkView, error) {
	if programme == "" || year == "" {
		// Propose the newest dataset stored (of the programme, when given).
		datasets, err := d.s.store.Datasets(ctx)
		if err != nil {
			return checkView{}, err
		}
		var newest *store.Dataset
		for i, ds := range datasets {
			if (programme == "" || ds.Programme == programme) && (newest == nil || ds.UploadedAt.After(newest.UploadedAt)) {
				newest = &datasets[i]
			}
		}
		if newest != nil {
			if programme == "" {
				programme = newest.Programme
			}
			if year == "" {
				year = strconv.Itoa(newest.Year)
			}
		}
	}
	if year == "" {
		year = d.defaultYear()
	}
	options, err := d.programmeOptions(ctx, programme)
	if err != nil {
		return checkView{}, err
	}
	v := checkView{Programmes: options, Year: year, Period: period}
	files, err := d.s.store.RuleFiles(ctx)
	if err != nil {
		return v, err
	}
	for _, f := range files {
		if f.Embedded {
			continue
		}
		id := strconv.FormatInt(f.ID, 10)
		v.RuleFiles = append(v.RuleFiles, option{Value: id, Selected: id == ruleFile,
			Label: fmt.Sprintf("%s – %s, Version %s (hochgeladen von %s, %s)", f.Name, f.Programme, f.Version, f.UploadedBy, stamp(f.UploadedAt))})
	}
	return v, nil
}

// checkForm shows the form that runs a check and the one that uploads a
// rule file.
func (d *dashboard) checkForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := d.needWriter(w, r); !ok {
		return
	}
	q := r.URL.Query()
	body, err := d.checkBody(r.Context(), q.Get("programm"), q.Get("jahr"), "", "")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.pages.render(w, http.StatusOK, "check", d.page(w, r, "Prüfen", "check", body))
}

// check runs a check and sends the browser to its evaluation, or shows
// the form again with what stopped it.
func (d *dashboard) check(w http.ResponseWriter, r *http.Request) {
	u, ok := d.needWriter(w, r)
	if !ok {
		return
	}
	programme, yearText := r.PostFormValue("programme"), strings.TrimSpace(r.PostFormValue("year"))
	period, ruleFile := strings.TrimSpace(r.PostFormValue("period")), r.PostFormValue("rulefile")
	body, err := d.checkBody(r.Context(), programme, yearText, period, ruleFile)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	show := func(status int) {
		d.pages.render(w, status, "check", d.page(w, r, "Prüfen", "check", body))
	}
	year, err := strconv.Atoi(yearText)
	if err != nil {
		body.Error = fmt.Sprintf("Das Jahr %q ist keine Zahl; geben Sie es vierstellig an, z. B. 2024.", yearText)
		show(http.StatusBadRequest)
		return
	}
	var ruleFileID int64
	if ruleFile != "" {
		if ruleFileID, err = strconv.ParseInt(ruleFile, 10, 64); err != nil || ruleFileID < 0 {
			body.Error = "Die gewählte Regeldatei gibt es nicht; wählen Sie eine aus der Liste."
			show(http.StatusBadRequest)
			return
		}
	}
	rec, diags, err := d.s.check(r.Context(), u, programme, year, period, ruleFileID)
	if err != nil {
		switch {
		case errors.Is(err, errInvalid):
			body.Error = fmt.Sprintf("Die Prüfung ist nicht gelaufen: %d Fehler in den Daten. Jeder Befund steht unten bei seiner Datei.", countErrors(diags))
			body.Files = d.datasetDiags(r.Context(), programme, year, diags)
			show(http.StatusUnprocessableEntity)
		case errors.Is(err, errBadRequest):
			body.Error = err.Error()
			show(http.StatusBadRequest)
		case errors.Is(err, store.ErrNotFound):
			body.Error = fmt.Sprintf("Für %s %d gibt es keine Daten oder die Regeldatei nicht (%v). Laden Sie zuerst die Daten hoch.", programme, year, err)
			show(http.StatusNotFound)
		default:
			d.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, evaluationURL(rec.ID)+"?hinweis=geprueft", http.StatusSeeOther)
}

// datasetDiags places a check's diagnostics beside the files of the
// newest dataset of the programme and year.
func (d *dashboard) datasetDiags(ctx context.Context, programme string, year int, diags diag.Diagnostics) []fileDiagView {
	ds, err := d.s.store.Dataset(ctx, programme, year, 0)
	if err != nil {
		return fileDiags(diags, nil, nil)
	}
	return fileDiags(diags, fileNames(ds.Files), sourceOf(ds.Files))
}

// uploadRules stores an uploaded rule file, or shows its diagnostics
// beside its lines.
func (d *dashboard) uploadRules(w http.ResponseWriter, r *http.Request) {
	u, ok := d.needWriter(w, r)
	if !ok {
		return
	}
	body, err := d.checkBody(r.Context(), "", "", "", "")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	show := func(status int) {
		d.pages.render(w, status, "check", d.page(w, r, "Prüfen", "check", body))
	}
	files, err := formFiles(r, "rules", rules.MaxFileSize)
	switch {
	case err != nil && errors.Is(err, errBadRequest):
		body.Error = err.Error()
		show(http.StatusBadRequest)
		return
	case err != nil:
		d.fail(w, r, err)
		return
	case len(files) != 1:
		body.Error = "Laden Sie genau eine Regeldatei hoch."
		show(http.StatusBadRequest)
		return
	}
	f, diags, err := d.s.putRuleFile(r.Context(), u, files[0].Name, files[0].Content)
	if err != nil {
		switch {
		case errors.Is(err, errInvalid):
			body.Error = fmt.Sprintf("Die Regeldatei hat %d Fehler; nichts wurde gespeichert. Jeder Befund steht unten bei seiner Zeile.", countErrors(diags))
			body.Files = fileDiags(diags, fileNames(files), sourceOf(files))
			show(http.StatusUnprocessableEntity)
		case errors.Is(err, errBadRequest):
			body.Error = err.Error()
			show(http.StatusBadRequest)
		default:
			d.fail(w, r, err)
		}
		return
	}
	if body, err = d.checkBody(r.Context(), f.Programme, "", "", strconv.FormatInt(f.ID, 10)); err != nil {
		d.fail(w, r, err)
		return
	}
	body.RuleFileDone = fmt.Sprintf("%s (%s, Version %s)", f.Name, f.Programme, f.Version)
	body.Files = fileDiags(diags, fileNames(files), sourceOf(files)) // warnings
	show(http.StatusOK)
}
