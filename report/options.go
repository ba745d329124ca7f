package report

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/whatif"
)

// Config is the plain configuration the options set. DefaultConfig
// returns the defaults.
type Config struct {
	// Language of labels and formats; German by default.
	Language Language
	// Published builds the report for publication (X-02 of the
	// requirement catalogue, docs/anforderungen.md): no pseudonymous staff ids, no free-text notes, no rule
	// evidence or waiver reasons, and counts of people below Threshold
	// suppressed, with secondary suppression in every line that has a
	// total.
	Published bool
	// Threshold is the smallest count of people a published report
	// shows; 3 by default.
	Threshold int
	// FullTimeHours is the full-time week used for full-time
	// equivalents; zero takes the programme's fullTimeHours from the
	// data.
	FullTimeHours decimal.Decimal
	// Stamp is when the report was made: shown as "Stand" and written as
	// the DTSTAMP of a plan's calendar. The zero value shows no date and
	// stamps a calendar with midnight UTC of the plan's first day, so
	// that output never depends on the clock.
	Stamp time.Time
	// Title replaces the report's default title when not empty.
	Title string
	// Centres restricts a report to the centres with these ids; empty
	// means all centres of the programme.
	Centres []string
	// Previous is a comparison of an earlier period (its old side) with
	// the report's period (its new side), for the Vorjahresvergleich of
	// the centre and programme annual reports; nil leaves it out. See
	// WithPreviousYear.
	Previous *whatif.Comparison
}

// DefaultConfig returns the configuration the builders start from:
// German, internal (not published), threshold 3.
func DefaultConfig() Config {
	return Config{Language: German, Threshold: 3}
}

// Option changes the configuration of a builder.
type Option func(*Config)

// WithLanguage sets the language of labels and number formats.
func WithLanguage(l Language) Option { return func(c *Config) { c.Language = l } }

// WithPublished builds the report for publication; see Config.Published.
func WithPublished() Option { return func(c *Config) { c.Published = true } }

// WithThreshold sets the smallest count of people a published report
// shows (at least 1).
func WithThreshold(n int) Option { return func(c *Config) { c.Threshold = n } }

// WithFullTimeHours sets the full-time week for full-time equivalents,
// overriding the programme's fullTimeHours.
func WithFullTimeHours(h decimal.Decimal) Option {
	return func(c *Config) { c.FullTimeHours = h }
}

// WithStamp sets when the report was made (see Config.Stamp).
func WithStamp(t time.Time) Option { return func(c *Config) { c.Stamp = t } }

// WithTitle replaces the report's default title.
func WithTitle(title string) Option { return func(c *Config) { c.Title = title } }

// WithCentres restricts a report to the centres with the given ids.
func WithCentres(ids ...string) Option {
	return func(c *Config) { c.Centres = append([]string(nil), ids...) }
}

// newConfig applies the options to the defaults and rejects misuse.
func newConfig(opts []Option) (Config, error) {
	c := DefaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	switch {
	case c.Language != German && c.Language != English:
		return c, fmt.Errorf("report: unknown language %q (use %q or %q)", c.Language, German, English)
	case c.Threshold < 1:
		return c, fmt.Errorf("report: the threshold must be at least 1, got %d", c.Threshold)
	case c.FullTimeHours.IsNegative():
		return c, errors.New("report: the full-time week must not be negative")
	}
	return c, nil
}
