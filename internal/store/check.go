package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrClosed is returned (wrapped) by every method of a store after its
// Close.
var ErrClosed = errors.New("store: closed")

// DatasetDigest is the digest of a dataset's files in the given order,
// the same as the CLI's input digest: the SHA-256 (lower-case hex) over
// the lines that hold each file's SHA-256 in lower-case hex, each ended
// by a line feed (what `sha256sum FILE... | cut -c1-64 | sha256sum`
// prints for the same files in the same order).
func DatasetDigest(files []File) string {
	h := sha256.New()
	for _, f := range files {
		io.WriteString(h, ContentDigest(f.Content)+"\n")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ContentDigest is the SHA-256 of content in lower-case hex, the digest
// of a rule file.
func ContentDigest(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// CheckDataset reports what makes a dataset unfit to be stored: no
// programme, a year outside 1..9999, no files, or a file name that is
// empty, not a plain file name, or given twice. Backends call it in
// PutDataset; its errors are not ErrConflict or ErrNotFound.
func CheckDataset(d Dataset) error {
	if d.Programme == "" {
		return errors.New("store: dataset without a programme; name the programme it belongs to")
	}
	if d.Year < 1 || d.Year > 9999 {
		return fmt.Errorf("store: dataset %s: year %d is outside 1..9999", d.Programme, d.Year)
	}
	if d.Version < 0 {
		return fmt.Errorf("store: dataset %s/%d: version %d is negative; give 0 for the next version", d.Programme, d.Year, d.Version)
	}
	if len(d.Files) == 0 {
		return fmt.Errorf("store: dataset %s/%d has no files; upload at least one data file", d.Programme, d.Year)
	}
	seen := make(map[string]bool, len(d.Files))
	for i, f := range d.Files {
		if f.Name == "" || f.Name == "." || f.Name == ".." || strings.ContainsAny(f.Name, "/\\\x00") {
			return fmt.Errorf("store: dataset %s/%d: file %d: name %q is not a plain file name; give the name without directories", d.Programme, d.Year, i+1, f.Name)
		}
		if seen[f.Name] {
			return fmt.Errorf("store: dataset %s/%d: file name %q is given twice; each file needs its own name", d.Programme, d.Year, f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}
