package sheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/source"
)

// parseDate reads a date written DD.MM.YYYY (day and month may have one
// digit) or YYYY-MM-DD; typed cells of a workbook may also hold a serial
// day number (days since epoch: 1899-12-30 in the 1900 date system,
// 1904-01-01 in the 1904 one) or an ISO date with a time of midnight.
func parseDate(text string, typed bool, epoch date.Date) (date.Date, string) {
	if typed {
		if f, err := strconv.ParseFloat(text, 64); err == nil {
			return serialDate(f, epoch)
		}
		if t, ok := strings.CutSuffix(text, "T00:00:00Z"); ok {
			text = t
		} else if t, ok := strings.CutSuffix(text, "T00:00:00"); ok {
			text = t
		}
	}
	if strings.Count(text, ".") == 2 {
		parts := strings.Split(text, ".")
		d, m, y := parts[0], parts[1], parts[2]
		if len(d) < 1 || len(d) > 2 || len(m) < 1 || len(m) > 2 || !digits(d) || !digits(m) || !digits(y) {
			return date.Date{}, fmt.Sprintf("%q is not a date", clip(text))
		}
		if len(y) != 4 {
			return date.Date{}, fmt.Sprintf("%q has a year of %d digits; write all four", clip(text), len(y))
		}
		iso := y + "-" + pad2(m) + "-" + pad2(d)
		dt, err := source.ParseDate(iso)
		if err != nil {
			return date.Date{}, strings.Replace(err.Error(), strconv.Quote(iso), strconv.Quote(text), 1)
		}
		return dt, ""
	}
	dt, err := source.ParseDate(text)
	if err != nil {
		return date.Date{}, err.Error()
	}
	return dt, ""
}

// serialDate turns a spreadsheet's serial day number into a date. Serials
// count days from the epoch: 1899-12-30 in the 1900 date system
// (LibreOffice and Excel agree from 1900-03-01 on, which is all the data
// needs), 1904-01-01 in the 1904 one.
func serialDate(f float64, epoch date.Date) (date.Date, string) {
	if f != math.Trunc(f) {
		return date.Date{}, fmt.Sprintf("the cell holds a date with a time of day (%s); give the day only", strconv.FormatFloat(f, 'f', -1, 64))
	}
	// 1900-03-01 is serial 61; 9999-12-31 is serial 2958465.
	if f < 61 || f > 2958465 {
		return date.Date{}, fmt.Sprintf("the number %s is not a date", strconv.FormatFloat(f, 'f', -1, 64))
	}
	d := epoch.Add(date.PeriodOfDays(int32(f)))
	if d.Year() < source.MinYear {
		return date.Date{}, fmt.Sprintf("%s is out of range: dates must lie in the years %d to 9999", d, source.MinYear)
	}
	return d, ""
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// parseHours reads a number of hours from 0 to 24 with a decimal comma or
// point; a workbook number is rounded to six places, which drops the
// binary noise of computed cells (1.9999999999999998).
func parseHours(text string) (decimal.Decimal, string) {
	t := text
	if strings.Contains(t, ",") {
		if strings.Contains(t, ".") {
			return decimal.Decimal{}, fmt.Sprintf("%q is not a number of hours", clip(text))
		}
		t = strings.Replace(t, ",", ".", 1)
	}
	if len(t) > 40 {
		return decimal.Decimal{}, fmt.Sprintf("%q is not a number of hours", clip(text))
	}
	d, err := decimal.NewFromString(t)
	if err != nil || strings.ContainsAny(t, "eE") && (d.GreaterThan(decimal.NewFromInt(1000)) || d.IsNegative()) {
		return decimal.Decimal{}, fmt.Sprintf("%q is not a number of hours", clip(text))
	}
	d = d.Round(6)
	if d.IsNegative() || d.GreaterThan(decimal.NewFromInt(24)) {
		return decimal.Decimal{}, fmt.Sprintf("%s hours is not a session's length (0 to 24)", strings.Replace(d.String(), ".", ",", 1))
	}
	// The text of the value, so that 1.50 is stored as 1.5.
	d, _ = decimal.NewFromString(d.String())
	return d, ""
}

// parseCount reads a whole number of people from 0 to 100000; a
// workbook's number may be written 12 or 12.0.
func parseCount(text string) (int, string) {
	t := strings.TrimSuffix(strings.TrimSuffix(text, ".0"), ",0")
	if !digits(t) || len(t) > 6 {
		if _, err := strconv.ParseFloat(strings.Replace(text, ",", ".", 1), 64); err == nil && len(text) < 40 {
			return 0, fmt.Sprintf("%q is not a whole number", clip(text))
		}
		return 0, fmt.Sprintf("%q is not a number", clip(text))
	}
	n, _ := strconv.Atoi(t)
	if n > 100000 {
		return 0, fmt.Sprintf("%d is more people than a session has", n)
	}
	return n, ""
}

// parseBool reads ja or nein, and the other ways spreadsheets write them.
func parseBool(text string) (bool, bool) {
	switch strings.ToLower(text) {
	case "ja", "j", "x", "wahr", "true", "1", "yes", "y":
		return true, true
	case "nein", "n", "falsch", "false", "0", "no", "-":
		return false, true
	}
	return false, false
}
