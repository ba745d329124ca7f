package kiez

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/source"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// IsID reports whether s is a valid id: lowercase letters and digits in
// groups joined by single hyphens (kebab-case), such as "kiez-biebrich".
func IsID(s string) bool { return idPattern.MatchString(s) }

// newValidator builds the library's own validator instance: it never
// touches the package-level default of go-playground/validator.
func newValidator() (*validator.Validate, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	// Dates, months and decimals are checked through their text form: a
	// zero date or month counts as missing, a decimal by its sign.
	v.RegisterCustomTypeFunc(func(f reflect.Value) any {
		switch x := f.Interface().(type) {
		case date.Date:
			if x.IsZero() {
				return ""
			}
			return x.String()
		case Month:
			if x.IsZero() {
				return ""
			}
			return x.String()
		case decimal.Decimal:
			return x.String()
		}
		return nil
	}, date.Date{}, Month{}, decimal.Decimal{})
	if err := v.RegisterValidation("id", func(fl validator.FieldLevel) bool { return IsID(fl.Field().String()) }); err != nil {
		return nil, err
	}
	if err := registerBounds(v); err != nil {
		return nil, err
	}
	if err := v.RegisterValidation("nonneg", func(fl validator.FieldLevel) bool { return !strings.HasPrefix(fl.Field().String(), "-") }); err != nil {
		return nil, err
	}
	return v, nil
}

// Validate checks the dataset and returns every problem at once: missing
// and malformed fields, unknown vocabulary terms, duplicate ids, references
// that do not resolve, dates out of order, negative hours, a Kita in two
// catchments. Each diagnostic names the data path and, for data read from
// files, the file, line and column. Validate never panics and does not
// modify the dataset. Errors make a dataset unfit for evaluation; warnings
// (an unknown term of an open vocabulary, an implausible value) do not.
func (ds *Dataset) Validate() Diagnostics {
	if ds == nil {
		return Diagnostics{{Severity: SeverityError, Summary: "no dataset"}}
	}
	var diags Diagnostics
	v, err := newValidator()
	if err != nil {
		return Diagnostics{{Severity: SeverityError, Summary: "internal: " + err.Error()}}
	}
	if err := v.Struct(ds); err != nil {
		var verrs validator.ValidationErrors
		if errors.As(err, &verrs) {
			for _, fe := range verrs {
				if d := ds.fieldDiagnostic(fe); !ds.src.failed(d.Path) {
					diags = append(diags, d)
				}
			}
		} else {
			diags = append(diags, &Diagnostic{Severity: SeverityError, Summary: err.Error()})
		}
	}
	c := &checker{ds: ds}
	c.run()
	diags = append(diags, c.diags...)
	diags.Sort()
	return diags
}

func (ds *Dataset) fieldDiagnostic(fe validator.FieldError) *Diagnostic {
	p := strings.TrimPrefix(fe.Namespace(), "Dataset.")
	d := &Diagnostic{Severity: SeverityError, Path: p, Subject: ds.src.rangeOf(p)}
	val := fmt.Sprint(fe.Value())
	switch fe.Tag() {
	case "required":
		d.Summary = fmt.Sprintf("missing required field %q", fe.Field())
		d.Detail = fmt.Sprintf("Add %s: to this entry.", fe.Field())
	case "id":
		d.Summary = fmt.Sprintf("%q is not a valid id", val)
		d.Detail = "Ids are lowercase letters and digits joined by hyphens (kebab-case)"
		if s := kebab(val); s != "" && s != val {
			d.Detail += fmt.Sprintf(", e.g. %q", s)
		}
		d.Detail += "."
	case "nonneg":
		d.Summary = fmt.Sprintf("%s must not be negative (found %s)", fe.Field(), val)
	case "min":
		d.Summary = fmt.Sprintf("%s must be at least %s (found %s)", fe.Field(), fe.Param(), val)
	case "max", "upto":
		d.Summary = fmt.Sprintf("%s must be at most %s (found %s)", fe.Field(), fe.Param(), val)
	default:
		d.Summary = fmt.Sprintf("%s fails the %q check (found %s)", fe.Field(), fe.Tag(), val)
	}
	return d
}

// kebab suggests an id for a text: "Kita Süd 2" becomes "kita-sued-2".
func kebab(s string) string {
	r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "ae", "Ö", "oe", "Ü", "ue")
	s = strings.ToLower(r.Replace(s))
	var b strings.Builder
	dash := false
	for _, c := range s {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// suggestion returns ` (did you mean "x"?)` or "".
func suggestion(s string, candidates []string) string {
	if m := source.Suggest(s, candidates); m != "" {
		return fmt.Sprintf("; did you mean %q?", m)
	}
	return ""
}
