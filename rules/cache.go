package rules

import (
	"context"
	"reflect"
	"sync"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// ctxVar is the name of the variable through which expr hands the
// evaluation's state to the functions that take it (the compiler gives
// their calls it as first argument): the functions whose first parameter
// is a context.Context. Rule authors never write it; the "$" keeps it
// apart from every name they may use.
const ctxVar = compile.CtxVar

// evalCtx is the state one goroutine of one evaluation shares with the
// functions of the expression environment: memoised results of the
// record functions for the centre being checked, and the read-only
// indexes of the programme's records. It lives as long as the evaluation
// and is never shared between goroutines; what it holds only points into
// the dataset, which the evaluation does not change.
type evalCtx struct {
	context.Context
	shared *sharedCache
	// memo holds results of record functions for the current centre;
	// refs holds the pointer views of the current centre's lists. Both
	// are cleared when the worker moves to the next centre, so that
	// memory stays bounded by one centre's records.
	memo map[memoKey]any
	refs map[refKey]any
}

func newEvalCtx(ctx context.Context, shared *sharedCache) *evalCtx {
	if ctx == nil {
		ctx = context.Background()
	}
	return &evalCtx{Context: ctx, shared: shared, memo: map[memoKey]any{}, refs: map[refKey]any{}}
}

// reset forgets what belongs to the previous centre.
func (ec *evalCtx) reset() {
	clear(ec.memo)
	clear(ec.refs)
}

// ecOf returns the evaluation state handed to a function, or nil when the
// function runs outside an evaluation.
func ecOf(v any) *evalCtx {
	ec, _ := v.(*evalCtx)
	return ec
}

// memoKey identifies a call of a record function: which function, on
// which centre and programme record, with which text argument and period.
// The records are named by their typed pointers (the identity of a record
// in the dataset, which the evaluation does not change), so the key is a
// plain comparable struct; a function on a centre only leaves prog nil, a
// function on the programme record leaves centre nil.
type memoKey struct {
	fn     uint8
	centre *kiez.Centre
	prog   *kiez.Programme
	text   string
	per    Period
	hash   uint64 // of a list argument, such as the ids of sessionsByIDs
}

// The memoised functions.
const (
	memoSessions uint8 = iota + 1
	memoOffers
	memoMeetings
	memoStaff
	memoEvidence
	memoCalendar
	memoChanges
	memoSessionsByIDs
)

// memo returns the memoised result of a call, computing it once per
// centre. Without evaluation state it just computes.
func memo[T any](ec *evalCtx, k memoKey, compute func() T) T {
	if ec == nil {
		return compute()
	}
	if v, ok := ec.memo[k]; ok {
		return v.(T)
	}
	v := compute()
	ec.memo[k] = v
	return v
}

// memoBoxed is memo for a result handed to expressions as an interface:
// it is boxed once, when computed, so that the closures and the machine
// get the same interface value on every later call without boxing the
// list again.
func memoBoxed[T any](ec *evalCtx, k memoKey, compute func() T) any {
	if ec == nil {
		return compute()
	}
	if v, ok := ec.memo[k]; ok {
		return v
	}
	v := any(compute())
	ec.memo[k] = v
	return v
}

// refKey identifies a list of records of the data by its first element,
// held as its typed pointer (*kiez.Session, *kiez.Participant …, whose
// dynamic type also tells the element type), and its length. Two lists
// with the same key are the same list, and their pointer views are equal.
type refKey struct {
	first any
	n     int
}

// listKey is the key of a non-empty list of records.
func listKey[T any](l []T) refKey { return refKey{first: &l[0], n: len(l)} }

// sharedCache holds what every goroutine of a programme's evaluation reads:
// the pointer views of the programme record's lists and an index of the
// participants of its meetings and committees. It is filled before the
// goroutines start and only read afterwards.
type sharedCache struct {
	// consts holds the values of the centre-independent expressions
	// (RuleSet.consts), each computed by the first goroutine that
	// needs it.
	consts []constSlot
	refs   map[refKey]any
	// attendance maps a participant list of the programme record (by its
	// first element) to the centres and roles that take part.
	attendance map[*kiez.Participant]map[attendee]bool
	// byRole maps the same lists to their participants by role.
	byRole map[*kiez.Participant]map[string][]*kiez.Participant
	// calendars holds the plans of the evaluation's cadence checks by
	// calendar (cadenceplan.go).
	calendars calendarPlans
}

// constSlot is the value of a centre-independent expression of an
// evaluation, and its text.
type constSlot struct {
	once, textOnce sync.Once
	v              any
	err            error
	text           string
	items          []any // the elements of v, when it is the list of an each
}

// newSharedCache indexes the programme record of an evaluation (none for
// a nil p), walking the fields that fields names, and makes room for the
// values of its centre-independent expressions.
func newSharedCache(p *kiez.Programme, consts int, fields recordFields) *sharedCache {
	s := &sharedCache{consts: make([]constSlot, consts), refs: map[refKey]any{},
		attendance: map[*kiez.Participant]map[attendee]bool{}, byRole: map[*kiez.Participant]map[string][]*kiez.Participant{}}
	if p == nil {
		return s
	}
	s.addRefs(reflect.ValueOf(p).Elem(), fields)
	index := func(ps []kiez.Participant) {
		if len(ps) < attendanceIndexMin {
			return
		}
		set := make(map[attendee]bool, len(ps))
		roles := map[string][]*kiez.Participant{}
		for i := range ps {
			set[attendee{ps[i].Centre, ps[i].Role}] = true
			roles[ps[i].Role] = append(roles[ps[i].Role], &ps[i])
		}
		s.attendance[&ps[0]] = set
		s.byRole[&ps[0]] = roles
	}
	for i := range p.Meetings {
		index(p.Meetings[i].Participants)
	}
	for i := range p.Committees {
		index(p.Committees[i].Members)
	}
	return s
}

// attendee is a centre and a role taking part, a key of the attendance
// index (two texts, so that a lookup joins none).
type attendee struct{ centre, role string }

// attendanceIndexMin is the shortest participant list worth an index; a
// shorter one is searched.
const attendanceIndexMin = 16

// addRefs stores the pointer view of every list of records reachable from
// v, a value of a type of fields, so that the workers never build them
// again. It walks only the fields that may hold a list of records, and the
// elements of a list only when they have such fields: the texts, numbers
// and dates of the records, most of what a programme holds, are not
// visited.
func (s *sharedCache) addRefs(v reflect.Value, fields recordFields) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			s.addRefs(v.Elem(), fields)
		}
	case reflect.Struct:
		for _, i := range fields[v.Type()] {
			s.addRefs(v.Field(i), fields)
		}
	case reflect.Slice:
		elem := v.Type().Elem()
		if v.Len() == 0 || elem.Kind() != reflect.Struct {
			return
		}
		s.refs[sliceKey(v)] = pointerView(v)
		if len(fields[elem]) == 0 {
			return
		}
		for i := 0; i < v.Len(); i++ {
			s.addRefs(v.Index(i), fields)
		}
	}
}

// recordFields holds, for each record type reachable from a root type
// (kiez.Programme for the engine), the indexes of its exported fields
// that may hold a list of records: the fields addRefs walks. It is worked
// out from the types alone, once per engine, and only read after.
type recordFields map[reflect.Type][]int

// newRecordFields works out the recordFields of the types reachable from
// root.
func newRecordFields(root reflect.Type) recordFields {
	f := recordFields{}
	open := map[reflect.Type]bool{} // the record types being worked out
	var mayHold func(t reflect.Type) bool
	fieldsOf := func(t reflect.Type) []int {
		if idx, ok := f[t]; ok {
			return idx
		}
		open[t] = true
		var idx []int
		for i := 0; i < t.NumField(); i++ {
			if sf := t.Field(i); sf.IsExported() && mayHold(sf.Type) {
				idx = append(idx, i)
			}
		}
		delete(open, t)
		f[t] = idx
		return idx
	}
	// mayHold reports whether a value of type t may hold a list of
	// records: is one, points to one, lists such values or is a record
	// with a field that may (a record type being worked out, which holds
	// itself, may). Every record type it meets gets its entry.
	mayHold = func(t reflect.Type) bool {
		switch t.Kind() {
		case reflect.Pointer:
			return mayHold(t.Elem())
		case reflect.Slice:
			held := mayHold(t.Elem())
			return t.Elem().Kind() == reflect.Struct || held
		case reflect.Struct:
			return open[t] || len(fieldsOf(t)) > 0
		}
		return false
	}
	mayHold(root)
	return f
}

// sliceKey is listKey for a non-empty list given as a reflect.Value.
func sliceKey(v reflect.Value) refKey {
	return refKey{first: v.Index(0).Addr().Interface(), n: v.Len()}
}

// pointerView returns a list of pointers to the elements of a list of
// records: []T becomes []*T pointing into the same array. The lists the
// rules read most are converted without reflection, about seven times
// faster than reflectView (BenchmarkPointerView: 4 µs against 29 µs for
// 300 sessions); every other list of records takes reflectView, which gives
// the same result.
func pointerView(v reflect.Value) any {
	switch l := v.Interface().(type) {
	case []kiez.Session:
		return ptrs(l)
	case []kiez.Meeting:
		return ptrs(l)
	case []kiez.Participant:
		return ptrs(l)
	case []kiez.Offer:
		return ptrs(l)
	case []kiez.Position:
		return ptrs(l)
	case []kiez.Evidence:
		return ptrs(l)
	case []kiez.Kita:
		return ptrs(l)
	}
	return reflectView(v)
}

// reflectView is pointerView for any list of records, by reflection.
func reflectView(v reflect.Value) any {
	out := reflect.MakeSlice(reflect.SliceOf(reflect.PointerTo(v.Type().Elem())), v.Len(), v.Len())
	for i := 0; i < v.Len(); i++ {
		out.Index(i).Set(v.Index(i).Addr())
	}
	return out.Interface()
}

func ptrs[T any](l []T) []*T {
	out := make([]*T, len(l))
	for i := range l {
		out[i] = &l[i]
	}
	return out
}

// refsOf is the function behind every list of records an expression reads
// from the data (centre.sessions, item.participants …): the compiler
// rewrites such a field access into a call of it. It returns the same list
// as a list of pointers, so that expr's builtins (filter, map, any …) do
// not copy each record into an interface value; the view is built once
// per list and centre. Field access, len, indexing and the formatting of
// values are the same for both.
func refsOf(ec *evalCtx, list any) any {
	if list == nil {
		return nil
	}
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice || v.Len() == 0 {
		if v.Kind() == reflect.Slice {
			return reflect.Zero(reflect.SliceOf(reflect.PointerTo(v.Type().Elem()))).Interface()
		}
		return list
	}
	k := sliceKey(v)
	if ec != nil {
		if r, ok := ec.shared.refs[k]; ok {
			return r
		}
		if r, ok := ec.refs[k]; ok {
			return r
		}
	}
	r := pointerView(v)
	if ec != nil {
		ec.refs[k] = r
	}
	return r
}
