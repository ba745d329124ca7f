package server

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/kiez"
)

// fileJSON describes a stored file.
type fileJSON struct {
	Name   string `json:"name"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// datasetJSON describes a stored dataset version.
type datasetJSON struct {
	ID         int64      `json:"id"`
	Programme  string     `json:"programme"`
	Year       int        `json:"year"`
	Version    int        `json:"version"`
	Digest     string     `json:"digest"`
	UploadedBy string     `json:"uploadedBy"`
	UploadedAt time.Time  `json:"uploadedAt"`
	Files      []fileJSON `json:"files,omitempty"`
	// Diagnostics are the warnings of an upload.
	Diagnostics diag.Diagnostics `json:"diagnostics,omitempty"`
}

func datasetOf(d store.Dataset) datasetJSON {
	out := datasetJSON{ID: d.ID, Programme: d.Programme, Year: d.Year, Version: d.Version, Digest: d.Digest, UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt.UTC()}
	for _, f := range d.Files {
		out.Files = append(out.Files, fileJSON{Name: f.Name, Bytes: len(f.Content), SHA256: store.ContentDigest(f.Content)})
	}
	return out
}

func (s *Server) getDatasets(w http.ResponseWriter, r *http.Request) {
	ds, err := s.store.Datasets(r.Context())
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	out := []datasetJSON{}
	for _, d := range ds {
		out = append(out, datasetOf(d))
	}
	writeJSON(w, http.StatusOK, out)
}

// pathYear reads the {year} of a path.
func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return 0, fmt.Errorf("%w: %q ist kein Jahr", errBadRequest, r.PathValue("year"))
	}
	return y, nil
}

func (s *Server) getDataset(w http.ResponseWriter, r *http.Request) {
	year, err := pathYear(r)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	version := 0
	if v := r.URL.Query().Get("version"); v != "" {
		if version, err = strconv.Atoi(v); err != nil || version < 1 {
			s.writeError(w, r, fmt.Errorf("%w: version=%q ist keine Versionsnummer (1, 2, …)", errBadRequest, v), nil)
			return
		}
	}
	d, err := s.store.Dataset(r.Context(), r.PathValue("programme"), year, version)
	if err != nil {
		s.writeError(w, r, storeError(err, "keine Daten des Programms %q für %d (Version %d; 0 ist die neueste)", r.PathValue("programme"), year, version), nil)
		return
	}
	writeJSON(w, http.StatusOK, datasetOf(d))
}

// uploadJSON is the JSON form of an upload: the files with their text.
type uploadJSON struct {
	Files []struct {
		Name    string `json:"name"`
		Content string `json:"content"`
	} `json:"files"`
}

// readUpload reads the files of an upload: multipart/form-data (every
// part with a file name, under any field name) or JSON {files: [{name,
// content}]}. File names are taken as sent and checked by the core: a
// name with a directory is refused, not shortened.
func readUpload(r *http.Request) ([]store.File, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var in uploadJSON
		if err := decodeJSON(r, &in); err != nil {
			return nil, err
		}
		files := make([]store.File, 0, len(in.Files))
		for _, f := range in.Files {
			files = append(files, store.File{Name: f.Name, Content: []byte(f.Content)})
		}
		return files, nil
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errBadRequest, err)
		}
		var files []store.File
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return files, nil
			}
			if err != nil {
				return nil, uploadError(err)
			}
			name, ok := rawFileName(p)
			if !ok {
				p.Close()
				continue
			}
			if len(files) >= maxFiles {
				return nil, fmt.Errorf("%w: mehr als %d Dateien", errBadRequest, maxFiles)
			}
			data, err := io.ReadAll(io.LimitReader(p, kiez.MaxFileSize+1))
			if err != nil {
				return nil, uploadError(err)
			}
			files = append(files, store.File{Name: name, Content: data})
		}
	default:
		return nil, fmt.Errorf("%w: laden Sie die Dateien als multipart/form-data oder als JSON {\"files\": [{\"name\", \"content\"}]} hoch, nicht als %q", errBadRequest, ct)
	}
}

// uploadError keeps a too large body's error, and makes any other a bad
// request.
func uploadError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return err
	}
	return fmt.Errorf("%w: der mehrteilige Inhalt ist ungültig: %v", errBadRequest, err)
}

// rawFileName is the file name of a part as sent (multipart.Part.FileName
// would drop its directories); ok is false for a part without one.
func rawFileName(p *multipart.Part) (string, bool) {
	_, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return "", false
	}
	name, ok := params["filename"]
	return name, ok
}

func (s *Server) putDatasetAPI(w http.ResponseWriter, r *http.Request) {
	year, err := pathYear(r)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	files, err := readUpload(r)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	d, diags, err := s.putDataset(r.Context(), userOf(r), r.PathValue("programme"), year, files)
	if err != nil {
		s.writeError(w, r, err, diags)
		return
	}
	out := datasetOf(d)
	out.Diagnostics = diags
	w.Header().Set("Location", fmt.Sprintf("%s/datasets/%s/%d?version=%d", apiPrefix, d.Programme, d.Year, d.Version))
	writeJSON(w, http.StatusCreated, out)
}

// ruleFileJSON describes a stored rule file.
type ruleFileJSON struct {
	ID          int64            `json:"id"`
	Name        string           `json:"name"`
	Programme   string           `json:"programme"`
	Version     string           `json:"version"`
	Embedded    bool             `json:"embedded"`
	SHA256      string           `json:"sha256"`
	UploadedBy  string           `json:"uploadedBy"`
	UploadedAt  time.Time        `json:"uploadedAt"`
	Diagnostics diag.Diagnostics `json:"diagnostics,omitempty"`
}

func ruleFileOf(f store.RuleFile) ruleFileJSON {
	return ruleFileJSON{ID: f.ID, Name: f.Name, Programme: f.Programme, Version: f.Version, Embedded: f.Embedded, SHA256: f.Digest, UploadedBy: f.UploadedBy, UploadedAt: f.UploadedAt.UTC()}
}

func (s *Server) postRuleFile(w http.ResponseWriter, r *http.Request) {
	files, err := readUpload(r)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	if len(files) != 1 {
		s.writeError(w, r, fmt.Errorf("%w: laden Sie genau eine Regeldatei hoch, nicht %d", errBadRequest, len(files)), nil)
		return
	}
	f, diags, err := s.putRuleFile(r.Context(), userOf(r), files[0].Name, files[0].Content)
	if err != nil {
		s.writeError(w, r, err, diags)
		return
	}
	out := ruleFileOf(f)
	out.Diagnostics = diags
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) getRuleFiles(w http.ResponseWriter, r *http.Request) {
	fs, err := s.store.RuleFiles(r.Context())
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	out := []ruleFileJSON{}
	for _, f := range fs {
		out = append(out, ruleFileOf(f))
	}
	writeJSON(w, http.StatusOK, out)
}
