package synth

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kiez-go/kiez/kiez"
)

// Format is the file format Write uses.
type Format string

// The formats: YAML like the shipped testdata, or JSON.
const (
	YAML Format = "yaml"
	JSON Format = "json"
)

// ShortfallsFile is the name of the list of injected shortfalls Write puts
// next to the programme folders. Its extension keeps kiez.Load from
// reading it as data.
const ShortfallsFile = "shortfalls.txt"

// Files returns the files Write would write, relative to the output
// folder, in writing order: per programme (sorted by id) a folder with
// programme.<ext> and one file per centre, named by its serial number
// and id so that loading the folder keeps the data order; then
// ShortfallsFile.
func (o *Output) Files(f Format) []string {
	var out []string
	width := len(strconv.Itoa(len(o.Dataset.Centres)))
	for _, p := range o.Dataset.Programmes {
		out = append(out, filepath.Join(p.ID, "programme."+string(f)))
		for i := range o.Dataset.Centres {
			c := &o.Dataset.Centres[i]
			if c.Programme == p.ID {
				out = append(out, filepath.Join(p.ID, fmt.Sprintf("%0*d-%s.%s", width, i+1, c.ID, f)))
			}
		}
	}
	return append(out, ShortfallsFile)
}

// Write writes the dataset into the folder dir (created if need be) as
// Files lists them and returns their paths. It refuses to overwrite: when
// any of the files exists, it writes nothing and returns an error naming
// it.
func (o *Output) Write(dir string, f Format) ([]string, error) {
	if f != YAML && f != JSON {
		return nil, fmt.Errorf("synth: unknown format %q (use yaml or json)", f)
	}
	names := o.Files(f)
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, n)
		if _, err := os.Lstat(paths[i]); err == nil {
			return nil, fmt.Errorf("synth: %s exists; refusing to overwrite (choose an empty folder)", paths[i])
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	header := fmt.Sprintf("Synthetic test data written by kiez gen (internal/synth): seed %d, %d centres, year %d.\n"+
		"Clones of the template centres, not real ones; never ship this as data.\n", o.Options.Seed, len(o.Dataset.Centres), o.Year)
	i := 0
	for _, p := range o.Dataset.Programmes {
		prog := &kiez.Dataset{Programmes: []kiez.Programme{p}}
		if err := writeFile(paths[i], f, header, prog); err != nil {
			return paths[:i], err
		}
		i++
		for j := range o.Dataset.Centres {
			c := o.Dataset.Centres[j]
			if c.Programme != p.ID {
				continue
			}
			if err := writeFile(paths[i], f, header, &kiez.Dataset{Centres: []kiez.Centre{c}}); err != nil {
				return paths[:i], err
			}
			i++
		}
	}
	var b strings.Builder
	b.WriteString("# centre\trule\twhat\n")
	for _, s := range o.Shortfalls {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", s.Centre, s.Rule, s.What)
	}
	if err := create(paths[i], []byte(b.String())); err != nil {
		return paths[:i], err
	}
	return paths, nil
}

func writeFile(path string, f Format, header string, ds *kiez.Dataset) error {
	var data []byte
	var err error
	if f == JSON {
		data, err = marshalJSON(ds)
	} else {
		data, err = marshalYAML(header, ds)
	}
	if err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	if len(data) > kiez.MaxFileSize {
		return fmt.Errorf("synth: %s would be %d bytes, more than kiez.MaxFileSize (%d); generate fewer centres", path, len(data), kiez.MaxFileSize)
	}
	return create(path, data)
}

// create writes a new file, failing if it exists.
func create(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := fh.Write(data); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}
