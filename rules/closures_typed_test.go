package rules

import (
	"context"
	"reflect"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
	"github.com/kiez-go/kiez/schedule"
)

// TestTypedClosureCalls runs the shapes of the typed closures' fast paths
// — the typed forms of the record functions (typedFunctions), fields of
// loop elements of unknown type, text keys of maps, text in lists, and
// variables read by place (slots.go) — both as closures and on expr's
// machine, on centres with and without records, and compares the values:
// the typed forms give what the functions give.
func TestTypedClosureCalls(t *testing.T) {
	day, later := date.New(2024, 3, 1), date.New(2024, 9, 30)
	per := Period{From: date.New(2024, 1, 1), Until: date.New(2024, 12, 31)}
	full := &kiez.Centre{ID: "fz-1",
		Staff: []kiez.Position{{ID: "p1", Role: "elternberatung", HoursPerWeek: decimal.NewFromInt(20), Kitas: []string{"k1"}},
			{ID: "p2", Role: "kita-sozialarbeit", HoursPerWeek: decimal.RequireFromString("19.5"), Kitas: []string{"k1", "k2"}}},
		Evidence: []kiez.Evidence{{ID: "e1", Kind: "aushang", Date: day, Subject: "k1"}, {ID: "e2", Kind: "aushang", Date: later, Subject: "k2"},
			{ID: "e3", Kind: "homepage", Date: date.New(2023, 5, 1)}},
		Meetings: []kiez.Meeting{{ID: "m1", Kind: "sozialraumtreffen", Date: day, Participants: []kiez.Participant{{Role: "elternberatung", Kita: "k1"}, {Role: "k1", Centre: "fz-1"}}},
			{Kind: "sozialraumtreffen", Date: date.New(2025, 1, 3)}},
		Offers:   []kiez.Offer{{ID: "o1", Title: "Café", Kind: "elterncafe"}, {ID: "o2", Title: "Beratung", Kind: "aushang"}},
		Sessions: []kiez.Session{{Offer: "o1", Date: day}, {Offer: "o1", Date: later, Cancelled: true}, {Offer: "o2", Date: later}, {Offer: "o2", Date: day}},
		Phases:   []kiez.Phase{{Phase: "aufbau", From: date.New(2023, 1, 1)}, {Phase: "etabliert", From: date.New(2024, 4, 1)}},
		Committees: []kiez.Committee{{Kind: "c1", Members: []kiez.Participant{{Role: "elternberatung", Centre: "fz-1"}}},
			{Kind: "c2", Members: []kiez.Participant{{Role: "k1", Centre: "fz-2"}}}},
		Catchment: []kiez.Kita{{ID: "k1", Name: "Kita Eins"}, {ID: "k2", Name: "Kita Zwei"}, {ID: "k3", Name: "Kita Drei"}},
	}
	buckets, err := judgedBuckets(per, schedule.HalfYear, schedule.WholeEdges)
	if err != nil {
		t.Fatal(err)
	}
	types := envTypes(ScopeCentre, reflect.TypeOf(struct{}{}), nil)
	types["s"], types["b"], types["day"] = "", schedule.Bucket{}, date.Date{}
	types[budgetVar] = (*stepBudget)(nil)
	exprs := []string{
		`staffOf(centre, s, period)`, `map(staffOf(centre, "", period), .hoursPerWeek)`, `evidenceOf(centre, s)`,
		`filter(evidenceOf(centre, ""), .kind == "aushang" and inPeriod(.date, periodOf(b)))`,
		`filter(evidenceOf(centre, "aushang"), inPeriod(.date, periodOf(b)))`, `meetingsOf(centre, s, period)`,
		`meetingsOf(programme, s, period)`, `offersOf(centre, "", period)`, `sessionsOf(centre, s, period)`,
		`map(filter(staffOf(centre, "", period), s in .kitas), .id)`, `all(centre.catchment, .id in map(centre.staff, .kitas[0]))`,
		`groupBy(evidenceOf(centre, ""), .subject)[s]`, `len(groupBy(evidenceOf(centre, ""), .subject)[s] ?? [])`,
		`{"k1": "eins", "k2": "zwei"}[s] ?? "keine"`, `s in map(centre.catchment, .id)`, `days(day, period.until)`,
		`inPeriod(day, periodOf(b))`, `periodOf(b)`, `let x = staffOf(centre, s, period); len(x) > 0 and s != ""`,
		`map(centre.meetings, len(.participants))`, `any(centre.sessions, .cancelled and inPeriod(.date, period))`,
		`s == "" ? "leer" : s + "!"`, `first(centre.catchment)?.name ?? "keine"`, `"Kita " + s`,
		`any(evidenceOf(centre, ""), inPeriod(.date, period) and .kind == s)`, `count(centre.meetings, days(.date, day) < 0 and s != .kind)`,
		`filter(evidenceOf(centre, ""), inPeriod(.date, period) and .subject == "k1")`, `(first(centre.catchment)?.name ?? "") == s`,
		`all(centre.catchment, len(groupBy(evidenceOf(centre, ""), .subject)[.id] ?? []) > 0)`,
		`map(centre.catchment, len(groupBy(evidenceOf(centre, s), .subject)[.id]))`,
		// The typed forms of sessionsOf on offers or ids and of attendedBy.
		`sessionsOf(centre, map(offersOf(centre, "", period), .id), period)`, `sessionsOf(centre, offersOf(centre, s, period), period)`,
		`sessionsOf(centre, filter(offersOf(centre, "", period), .kind == s), period)`, `sessionsOf(centre, [s, "o1"], period)`,
		`map(sessionsOf(centre, map(offersOf(centre, "", period), .id), periodOf(b)), .date)`,
		`attendedBy(meetingsOf(centre, "", period), centre.id, s)`, `attendedBy(centre.committees, "fz-1", s)`,
		`attendedBy(filter(meetingsOf(centre, "", period), .kind == "sozialraumtreffen"), "fz-1", s)`,
		`attendedBy(filter(centre.committees, .kind != s), "fz-2", s)`,
		// The typed forms of missing and extra.
		`missing(map(centre.catchment, .id), [s, "k2"])`, `extra(map(centre.staff, .role), ["elternberatung"])`,
		`missing(["k1", s, "k9"], map(centre.catchment, .id))`, `extra([s, "x", s], [s])`,
		`missing(map(centre.staff, .kitas), map(centre.catchment, .id))`,
		// The typed forms of year, firstDay, lastDay, phaseOn and uniq.
		`year(day) + year(period.until)`, `map(monthsIn(periodOf(b)), firstDay(#))`, `lastDay(monthsIn(period)[1])`,
		`phaseOn(centre, day)?.phase ?? "keine"`, `phaseOn(centre, period.until)`,
		`uniq(map(centre.staff, .role))`, `uniq([s, "a", s, "a"])`, `uniq(map(centre.sessions, .offer))`,
		`uniq(map(centre.meetings, .kind == s ? s : 1))`,
	}
	l := &loader{}
	untyped := compile.NewClosureFuncs(compilerConfig(functions()))
	typed := compile.NewClosureFuncs(compilerConfig(functions()))
	typed.AddTyped(typedFunctions())
	machine := &vm.VM{}
	texts := 0
	for _, text := range exprs {
		prog, err := l.compileExpr(text, types)
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		for _, c := range []*kiez.Centre{full, {ID: "leer"}} {
			for _, s := range []string{"", "k1", "elternberatung", "aushang", "sozialraumtreffen", "fehlt"} {
				for _, b := range buckets {
					ec := newEvalCtx(context.Background(), newSharedCache(nil, 0, nil))
					r := &run{programme: &kiez.Programme{}, period: per, params: struct{}{}, ec: ec, budget: &stepBudget{limit: 1 << 40},
						frame: &compile.Frame{}, prog: &RuleSet{}}
					r.initVars()
					r.setVar(slotCentre, c)
					r.syncLets() // the machine reads the map
					r.env["s"], r.env["b"], r.env["day"] = s, b, day
					want, err := machine.Run(mustMachine(t, prog), r.env)
					if err != nil {
						t.Errorf("%s: the machine failed: %v", text, err)
						continue
					}
					for name, funcs := range map[string]*compile.ClosureFuncs{"untyped": untyped, "typed": typed} {
						// s, b and day are read by place, the rest from the map.
						slots := ruleSlots([]string{"s", "b", "day"})
						cl := compile.CompileClosureSlots(prog, funcs, slots)
						if cl == nil {
							t.Errorf("%s: not compiled to closures", text)
							continue
						}
						vals := append([]any(nil), r.vals[:slotLets]...)
						f := &compile.Frame{}
						f.SetSlots(append(vals, s, b, day))
						// The machine's calls filled the memo; the closure
						// computes its own (typed forms, record-list views).
						ec.reset()
						got, ok := cl.Run(f, r.env, 0)
						if !ok {
							t.Errorf("%s on %s, %q (%s): the closure failed, the machine gave %#v", text, c.ID, s, name, want)
							continue
						}
						if d := cmp.Diff(want, got, closureCmp); d != "" {
							t.Errorf("%s on %s, %q (%s) (-machine +closure):\n%s", text, c.ID, s, name, d)
						}
						if cl.Text() {
							texts++
							got, ok := cl.RunText(f, r.env, 0)
							if w, _ := want.(string); !ok || got != w {
								t.Errorf("%s on %s, %q (%s): RunText gave %q, %v, the machine %#v", text, c.ID, s, name, got, ok, want)
							}
						}
					}
				}
			}
		}
	}
	if texts == 0 {
		t.Error("no expression ran as a text")
	}
}
