package rules

import (
	"reflect"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// ItemKind says what kind of thing the item of a per-item verdict is
// (Result.ItemKind): a record of the data model, a bucket of the period, or
// a plain value. The values are stable kebab-case identifiers.
type ItemKind string

// The kinds of item a rule with each can judge. A record kind names the
// data model's record (kiez.Position is ItemPosition, and so on); a list of
// another type gives ItemValue.
const (
	ItemPosition      ItemKind = "position"      // kiez.Position, a staff position
	ItemKita          ItemKind = "kita"          // kiez.Kita, of the catchment or the Verbund
	ItemOffer         ItemKind = "offer"         // kiez.Offer
	ItemSession       ItemKind = "session"       // kiez.Session
	ItemMeeting       ItemKind = "meeting"       // kiez.Meeting
	ItemPartner       ItemKind = "partner"       // kiez.Partner, a network partner
	ItemRoom          ItemKind = "room"          // kiez.Room
	ItemChannel       ItemKind = "channel"       // kiez.Channel, a digital channel
	ItemCaseExchange  ItemKind = "case-exchange" // kiez.CaseExchange
	ItemTarget        ItemKind = "target"        // kiez.Target, a goal of the Zielvereinbarung
	ItemImpactGoal    ItemKind = "impact-goal"   // kiez.ImpactGoal, a Wirkungsziel
	ItemEvidence      ItemKind = "evidence"      // kiez.Evidence, a record of proof
	ItemAgreement     ItemKind = "agreement"     // kiez.Agreement, a Kooperationsvereinbarung
	ItemCentre        ItemKind = "centre"        // kiez.Centre, in a programme rule over centres
	ItemMonth         ItemKind = "month"         // kiez.Month, a month of the period
	ItemBucket        ItemKind = "bucket"        // schedule.Bucket, e.g. 2024-H1
	ItemFacilitation  ItemKind = "facilitation"  // kiez.FacilitationHours, a month's Prozessbegleitung
	ItemBudgetLine    ItemKind = "budget-line"   // kiez.BudgetLine
	ItemPhase         ItemKind = "phase"         // kiez.Phase, a development phase
	ItemIndicator     ItemKind = "indicator"     // kiez.Indicator
	ItemVenue         ItemKind = "venue"         // kiez.Venue
	ItemParticipant   ItemKind = "participant"   // kiez.Participant of a meeting
	ItemChange        ItemKind = "change"        // kiez.ChangeEvent
	ItemProgrammeData ItemKind = "programme"     // kiez.Programme, the programme's own data
	ItemValue         ItemKind = "value"         // a text, number or other value, e.g. a year or a role
)

// itemKinds maps the element types of each lists to their kind.
var itemKinds = map[reflect.Type]ItemKind{
	reflect.TypeFor[kiez.Position]():          ItemPosition,
	reflect.TypeFor[kiez.Kita]():              ItemKita,
	reflect.TypeFor[kiez.Offer]():             ItemOffer,
	reflect.TypeFor[kiez.Session]():           ItemSession,
	reflect.TypeFor[kiez.Meeting]():           ItemMeeting,
	reflect.TypeFor[kiez.Partner]():           ItemPartner,
	reflect.TypeFor[kiez.Room]():              ItemRoom,
	reflect.TypeFor[kiez.Channel]():           ItemChannel,
	reflect.TypeFor[kiez.CaseExchange]():      ItemCaseExchange,
	reflect.TypeFor[kiez.Target]():            ItemTarget,
	reflect.TypeFor[kiez.ImpactGoal]():        ItemImpactGoal,
	reflect.TypeFor[kiez.Evidence]():          ItemEvidence,
	reflect.TypeFor[kiez.Agreement]():         ItemAgreement,
	reflect.TypeFor[kiez.Centre]():            ItemCentre,
	reflect.TypeFor[kiez.Month]():             ItemMonth,
	reflect.TypeFor[schedule.Bucket]():        ItemBucket,
	reflect.TypeFor[kiez.FacilitationHours](): ItemFacilitation,
	reflect.TypeFor[kiez.BudgetLine]():        ItemBudgetLine,
	reflect.TypeFor[kiez.Phase]():             ItemPhase,
	reflect.TypeFor[kiez.Indicator]():         ItemIndicator,
	reflect.TypeFor[kiez.Venue]():             ItemVenue,
	reflect.TypeFor[kiez.Participant]():       ItemParticipant,
	reflect.TypeFor[kiez.ChangeEvent]():       ItemChange,
	reflect.TypeFor[kiez.Programme]():         ItemProgrammeData,
}

// itemKindOf is the kind of the items of a list whose elements have type
// t (nil when the checker could not tell): the record's kind, else
// ItemValue.
func itemKindOf(t reflect.Type) ItemKind {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if k, ok := itemKinds[t]; ok {
		return k
	}
	return ItemValue
}

// itemKindOfValue is itemKindOf for an item whose list type the checker
// could not tell (an each over a list of any).
func itemKindOfValue(item any) ItemKind {
	if item == nil {
		return ItemValue
	}
	return itemKindOf(reflect.TypeOf(item))
}

// SubjectOf reports whether a subject as written by a person (Result's
// display form, e.g. "fz-kirn/lfz-1", given to Explain) names the centre
// or programme with the id owner, or one of its items.
func SubjectOf(subject, owner string) bool {
	return subject == owner || len(subject) > len(owner) && subject[len(owner)] == '/' && subject[:len(owner)] == owner
}
