package report

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// Staffing builds the staffing overview of a programme on the period's
// last day (the reference date): every position held that day by centre
// and role with its weekly hours, full-time equivalent, release time,
// funding and start; the sums per centre and per role, with a chart of
// hours by role. The full-time week is WithFullTimeHours or the
// programme's fullTimeHours; without either the full-time equivalents
// stay empty.
//
// A published overview lists no single position and no hours of a
// centre, which would identify a centre's only Leitung: it shows the
// number of positions per centre and the positions, hours and release
// time by role over the programme, where roles with fewer positions than
// the threshold are summed into "Weitere Funktionen", left out with the
// total when those too are fewer than the threshold.
func Staffing(ev *rules.Evaluation, programme string, opts ...Option) (*Report, error) {
	e, err := newEnv(ev, opts)
	if err != nil {
		return nil, err
	}
	centres := e.centres(programme)
	if e.programme(programme) == nil && len(centres) == 0 {
		return nil, fmt.Errorf("report: no programme %q in the data", programme)
	}
	l := e.l
	name := e.programmeName(programme)
	d := e.begin(KindStaffing, l.tf("staffing.title", l.formatDate(e.per.Until)), name)
	d.meta("programme", l.t("meta.programme"), name)
	d.metaData("reference-date", l.t("meta.referenceDate"), l.formatDate(e.per.Until), isoDate(e.per.Until))
	ft, ftOK := e.fullTime(programme)
	if ftOK {
		d.metaData("full-time", l.t("meta.fullTime"), l.formatDecimal(ft, -1, true)+" "+l.t("unit.hoursWeek"), ft.String())
	}

	var staff []*kiez.Position
	for _, c := range centres {
		staff = append(staff, activeStaff(c, e.per)...)
	}

	pos := newSection("positions", l.t("section.positions"))
	if !ftOK && len(staff) > 0 {
		pos.text(l.t("staff.noFullTime"))
	}
	if e.cfg.Published && len(staff) > 0 {
		pos.text(l.tf("staff.published", e.cfg.Threshold))
	}
	pos.table(e.positionTable("positions", centres, ft, ftOK, true))
	d.add(pos)

	byCentre := newSection("by-centre", l.t("section.staffByCentre"))
	cols := []Column{textCol("centre", l.t("col.centre")), countCol("positions", l.t("col.positions"))}
	if !e.cfg.Published {
		cols = append(cols, decimalCol("hours", l.t("col.hours"), l.t("unit.hoursWeek"), -1), decimalCol("fte", l.t("col.fte"), "", 2),
			decimalCol("release", l.t("col.release"), l.t("unit.hoursWeek"), -1))
	}
	t := l.table("by-centre", "", cols...)
	n := 0
	hours, release := decimal.Zero, decimal.Zero
	for _, c := range centres {
		list := activeStaff(c, e.per)
		h, r := decimal.Zero, decimal.Zero
		for _, p := range list {
			h, r = h.Add(p.HoursOn(e.per.Until)), r.Add(p.ReleaseHoursOn(e.per.Until))
		}
		if e.cfg.Published {
			t.row(labelled{c.ID, c.Name}, len(list))
		} else {
			t.row(labelled{c.ID, c.Name}, len(list), h, fte(h, ft, ftOK), r)
		}
		n += len(list)
		hours, release = hours.Add(h), release.Add(r)
	}
	switch {
	case len(centres) == 0:
	case e.cfg.Published:
		t.total(l.t("total"), n)
	default:
		t.total(l.t("total"), n, hours, fte(hours, ft, ftOK), release)
	}
	byCentre.table(t)
	d.add(byCentre)

	byRole := newSection("by-role", l.t("section.staffByRole"))
	if len(staff) > 0 {
		byRole.table(e.roleTable("by-role", staff, ft, ftOK))
		byRole.chart(Chart{ID: "by-role-chart", Title: l.t("chart.staffRoles"), Type: ChartBar, Table: "by-role",
			Category: "role", Series: []string{"hours"}, Horizontal: true})
	}
	d.add(byRole)
	return e.end(d, programme)
}
