package kiez

// The largest values the data may hold. They lie far above anything real,
// and far enough below the limits of the types that no sum over a state's
// centres can overflow: a total of attendance over 10,000 centres with a
// session a day stays below 2^50.
const (
	// MaxAttendance is the largest head count of one session (adults,
	// children or families).
	MaxAttendance = 100_000
	// MaxHoursPerWeek bounds weekly hours: a week has 168 hours. The
	// full-time week of a programme and the hours of a position (with
	// those of its history) are checked against it by Validate.
	MaxHoursPerWeek = 168
	// MaxSessionHours bounds the length of one session: a day has 24
	// hours.
	MaxSessionHours = 24
	// MaxMonthHours bounds the hours of one month (process
	// facilitation): 31 days of 24 hours.
	MaxMonthHours = 744
	// MaxAmount bounds a budget amount in euros and a target's value.
	MaxAmount = 1_000_000_000
)
