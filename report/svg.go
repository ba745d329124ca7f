package report

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// seriesColour returns the fill of a series: the verdicts keep their
// meaning (green pass, red fail, …), other series take the Okabe–Ito
// palette, which colour-blind readers tell apart.
func seriesColour(key string, i int) string {
	switch key {
	case "pass":
		return "#2e7d32"
	case "fail":
		return "#c62828"
	case "waived":
		return "#1565c0"
	case "missing-data":
		return "#e0a800"
	case "error":
		return "#6a1b9a"
	case "not-applicable":
		return "#9e9e9e"
	}
	palette := [...]string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442"}
	return palette[i%len(palette)]
}

// niceScale chooses the top of an axis and the step between its ticks:
// a step of 1, 2 or 5 times a power of ten, about four steps to the top.
// Whole numbers (counts) get a step of at least 1.
func niceScale(v float64, whole bool) (top, step float64, ticks int) {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 4, 1, 4
	}
	raw := v / 4
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * p
	for _, m := range []float64{1, 2, 5} {
		if raw <= m*p {
			step = m * p
			break
		}
	}
	if whole && step < 1 {
		step = 1
	}
	ticks = int(math.Ceil(v/step - 1e-9))
	return step * float64(ticks), step, ticks
}

// chartData is what a chart draws: category labels, and per series and
// category a value or nothing (a suppressed or empty cell).
type chartData struct {
	cats    []string
	series  []Column
	vals    [][]float64
	has     [][]bool
	marks   []string // per category: the marks of suppressed cells
	persons bool
}

func chartDataOf(c Chart, t Table) (chartData, bool) {
	var d chartData
	ci := t.Column(c.Category)
	if ci < 0 {
		return d, false
	}
	var idx []int
	for _, k := range c.Series {
		if j := t.Column(k); j >= 0 && numeric(t.Columns[j]) {
			idx = append(idx, j)
			d.series = append(d.series, t.Columns[j])
			if t.Columns[j].Persons {
				d.persons = true
			}
		}
	}
	if len(idx) == 0 {
		return d, false
	}
	d.vals = make([][]float64, len(idx))
	d.has = make([][]bool, len(idx))
	for _, row := range t.Rows {
		if row.Total || ci >= len(row.Cells) {
			continue
		}
		d.cats = append(d.cats, row.Cells[ci].Text)
		var marks []string
		for s, j := range idx {
			v, ok := 0.0, false
			if j < len(row.Cells) {
				v, ok = value(row.Cells[j])
				if row.Cells[j].Suppressed != NotSuppressed {
					marks = append(marks, row.Cells[j].Text)
				}
			}
			d.vals[s] = append(d.vals[s], v)
			d.has[s] = append(d.has[s], ok)
		}
		d.marks = append(d.marks, strings.Join(marks, " "))
	}
	return d, len(d.cats) > 0
}

// whole reports whether every series counts whole things.
func (d chartData) whole() bool {
	for _, s := range d.series {
		if s.Type != TypeCount {
			return false
		}
	}
	return true
}

// chart draws a chart of a table as an inline SVG figure; "" when there
// is nothing to draw.
func (h *htmlWriter) chart(c Chart, t Table) string {
	d, ok := chartDataOf(c, t)
	if !ok {
		return ""
	}
	var svg string
	switch {
	case c.Type == ChartLine:
		svg = h.lineChart(c, d)
	case c.Horizontal:
		svg = h.hbarChart(c, d)
	default:
		svg = h.vbarChart(c, d)
	}
	var b strings.Builder
	b.WriteString("<figure class=\"chart\" id=\"c-" + esc(c.ID) + "\">\n<figcaption>" + esc(c.Title) + "</figcaption>\n")
	b.WriteString(svg)
	suppressed := false
	for _, m := range d.marks {
		if m != "" {
			suppressed = true
		}
	}
	if suppressed {
		b.WriteString("<p class=\"chart-note\">" + esc(h.l.t("chart.suppressedNote")) + "</p>\n")
	}
	b.WriteString("</figure>\n")
	return b.String()
}

// legendRows lays out the legend of a chart of the given width: the
// position of each series' entry, wrapping into rows; it returns the
// number of rows (0 for a single series, which needs no legend).
func legendRows(d chartData, width float64) (pos [][2]float64, rows int) {
	if len(d.series) < 2 {
		return nil, 0
	}
	x, y := 10.0, 16.0
	rows = 1
	for _, s := range d.series {
		w := 30 + float64(utf8.RuneCountInString(s.Label))*6.6
		if x > 10 && x+w > width {
			x, y = 10, y+18
			rows++
		}
		pos = append(pos, [2]float64{x, y})
		x += w
	}
	return pos, rows
}

// legend draws the series' colours and labels.
func legend(b *strings.Builder, d chartData, width float64) {
	pos, _ := legendRows(d, width)
	for i, s := range d.series {
		if i >= len(pos) {
			return
		}
		fmt.Fprintf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" height=\"11\" fill=\"%s\"/>", pos[i][0], pos[i][1]-9, seriesColour(s.Key, i))
		fmt.Fprintf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"lg\">%s</text>", pos[i][0]+15, pos[i][1], esc(s.Label))
	}
}

// fmtAxis formats an axis value in the report's language.
func (h *htmlWriter) fmtAxis(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return h.l.formatInt(int(v), true)
	}
	return h.l.formatDecimal(decimal.NewFromFloat(v), 1, true)
}

// fmtValue formats a drawn value as its table cell would.
func (h *htmlWriter) fmtValue(v float64, c Column) string {
	if c.Type == TypeCount {
		return h.l.formatInt(int(math.Round(v)), true)
	}
	return h.fmtAxis(math.Round(v*10) / 10)
}

const svgStyle = `<style>text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:11px;fill:#1b1f24}.ax{fill:#5b6470}.lg{font-size:11.5px}.val{font-size:10.5px;fill:#1b1f24}.mk{font-size:10.5px;fill:#5b6470;font-style:italic}</style>`

func svgOpen(b *strings.Builder, w, h float64, title string) {
	fmt.Fprintf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%s\">%s\n",
		w, h, w, h, esc(title), svgStyle)
}

// vbarChart draws vertical bars, side by side or stacked, one group per
// category.
func (h *htmlWriter) vbarChart(c Chart, d chartData) string {
	const width, left, right, bottom = 760.0, 56.0, 12.0, 40.0
	_, rows := legendRows(d, width)
	top := 16 + 18*float64(rows)
	height := top + 250 + bottom
	pw, ph := width-left-right, height-top-bottom
	maxV := 0.0
	for k := range d.cats {
		sum := 0.0
		for s := range d.series {
			if d.has[s][k] {
				if c.Stacked {
					sum += d.vals[s][k]
				} else {
					sum = math.Max(sum, d.vals[s][k])
				}
			}
		}
		maxV = math.Max(maxV, sum)
	}
	top2, step, ticks := niceScale(maxV, d.whole())
	var b strings.Builder
	svgOpen(&b, width, height, c.Title)
	legend(&b, d, width)
	for i := 0; i <= ticks; i++ {
		v := step * float64(i)
		y := top + ph - ph*v/top2
		fmt.Fprintf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>", left, y, left+pw, y,
			gridColour(i))
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"ax\">%s</text>\n", left-6, y+4, esc(h.fmtAxis(v)))
	}
	band := pw / float64(len(d.cats))
	barW := band * 0.7
	if !c.Stacked {
		barW /= float64(len(d.series))
	}
	for k, cat := range d.cats {
		x0 := left + band*float64(k) + band*0.15
		base := top + ph
		for s := range d.series {
			if !d.has[s][k] || d.vals[s][k] <= 0 {
				continue
			}
			hgt := ph * d.vals[s][k] / top2
			x := x0
			if !c.Stacked {
				x = x0 + barW*float64(s)
			}
			y := base - hgt
			fmt.Fprintf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
				x, y, barW, hgt, seriesColour(d.series[s].Key, s), esc(cat+" – "+d.series[s].Label), esc(h.fmtValue(d.vals[s][k], d.series[s])))
			if c.Stacked {
				base = y
			}
		}
		if d.marks[k] != "" {
			fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"mk\">%s</text>", x0+band*0.35, base-4, esc(d.marks[k]))
		}
		label := cat
		if len(d.cats) > 14 {
			label = truncate(cat, 6)
		}
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"ax\">%s</text>\n", left+band*float64(k)+band/2, top+ph+16, esc(truncate(label, int(band/6.2)+1)))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// hbarChart draws horizontal bars, one row per category, with the value
// (or the stacked total) at the end of each bar.
func (h *htmlWriter) hbarChart(c Chart, d chartData) string {
	longest := 0
	for _, cat := range d.cats {
		longest = max(longest, utf8.RuneCountInString(cat))
	}
	left := math.Min(300, math.Max(90, float64(longest)*6.4+12))
	const width, right, rowH = 760.0, 64.0, 24.0
	_, rows := legendRows(d, width)
	top := 14 + 18*float64(rows)
	height := top + rowH*float64(len(d.cats)) + 26
	pw := width - left - right
	maxV := 0.0
	for k := range d.cats {
		sum := 0.0
		for s := range d.series {
			if d.has[s][k] {
				sum += d.vals[s][k]
			}
		}
		maxV = math.Max(maxV, sum)
	}
	top2, step, ticks := niceScale(maxV, d.whole())
	var b strings.Builder
	svgOpen(&b, width, height, c.Title)
	legend(&b, d, width)
	for i := 0; i <= ticks; i++ {
		v := step * float64(i)
		x := left + pw*v/top2
		fmt.Fprintf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e7eb\" stroke-width=\"1\"/>", x, top, x, top+rowH*float64(len(d.cats)))
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"ax\">%s</text>\n", x, top+rowH*float64(len(d.cats))+16, esc(h.fmtAxis(v)))
	}
	for k, cat := range d.cats {
		y := top + rowH*float64(k)
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left-8, y+rowH/2+4, esc(truncate(cat, int((left-12)/6.4))))
		x := left
		sum, drawn := 0.0, false
		for s := range d.series {
			if !d.has[s][k] {
				continue
			}
			drawn = true
			if d.vals[s][k] <= 0 {
				continue
			}
			w := pw * d.vals[s][k] / top2
			fmt.Fprintf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
				x, y+4, w, rowH-8, seriesColour(d.series[s].Key, s), esc(cat+" – "+d.series[s].Label), esc(h.fmtValue(d.vals[s][k], d.series[s])))
			x += w
			sum += d.vals[s][k]
		}
		label := ""
		if drawn {
			label = h.fmtValue(sum, d.series[0])
		}
		if d.marks[k] != "" {
			label = strings.TrimSpace(label + " " + d.marks[k])
		}
		attr := ""
		if d.persons {
			attr = " data-persons=\"true\""
		}
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" class=\"val\"%s>%s</text>\n", x+5, y+rowH/2+4, attr, esc(label))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// lineChart draws one line per series over the categories, with a dot
// per value; a missing value breaks the line.
func (h *htmlWriter) lineChart(c Chart, d chartData) string {
	const width, left, right, bottom = 760.0, 56.0, 16.0, 40.0
	_, rows := legendRows(d, width)
	top := 16 + 18*float64(rows)
	height := top + 200 + bottom
	pw, ph := width-left-right, height-top-bottom
	maxV := 0.0
	for s := range d.series {
		for k := range d.cats {
			if d.has[s][k] {
				maxV = math.Max(maxV, d.vals[s][k])
			}
		}
	}
	top2, step, ticks := niceScale(maxV, d.whole())
	var b strings.Builder
	svgOpen(&b, width, height, c.Title)
	legend(&b, d, width)
	for i := 0; i <= ticks; i++ {
		y := top + ph - ph*step*float64(i)/top2
		fmt.Fprintf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>", left, y, left+pw, y,
			gridColour(i))
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"ax\">%s</text>\n", left-6, y+4, esc(h.fmtAxis(step*float64(i))))
	}
	slot := pw / float64(len(d.cats))
	xOf := func(k int) float64 { return left + slot*float64(k) + slot/2 }
	yOf := func(v float64) float64 { return top + ph - ph*v/top2 }
	for s := range d.series {
		colour := seriesColour(d.series[s].Key, s)
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\" points=\"%s\"/>", colour, strings.Join(pts, " "))
			}
			pts = nil
		}
		for k := range d.cats {
			if !d.has[s][k] {
				flush()
				continue
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", xOf(k), yOf(d.vals[s][k])))
		}
		flush()
		for k, cat := range d.cats {
			if d.has[s][k] {
				fmt.Fprintf(&b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %s</title></circle>",
					xOf(k), yOf(d.vals[s][k]), colour, esc(cat), esc(h.fmtValue(d.vals[s][k], d.series[s])))
			}
		}
	}
	for k, cat := range d.cats {
		fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"ax\">%s</text>\n", xOf(k), top+ph+16, esc(truncate(cat, int(slot/6.2)+1)))
		if d.marks[k] != "" {
			fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"mk\">%s</text>", xOf(k), top+ph-6, esc(d.marks[k]))
		}
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// truncate shortens a label to n characters with an ellipsis.
func truncate(s string, n int) string {
	if n < 2 {
		n = 2
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// gridColour is the colour of an axis line: the base line dark, the
// others light.
func gridColour(i int) string {
	if i == 0 {
		return "#5b6470"
	}
	return "#e3e7eb"
}
