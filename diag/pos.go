package diag

import "fmt"

// Pos is a position in a source file.
type Pos struct {
	// Line counts from 1; 0 means the position is unknown.
	Line int `json:"line"`
	// Column counts Unicode characters from 1, so that an umlaut is one
	// column.
	Column int `json:"column"`
	// Byte is the offset from the start of the file, counting from 0.
	Byte int `json:"byte"`
}

// IsValid reports whether p names a real position (Line 1 or later).
func (p Pos) IsValid() bool { return p.Line > 0 }

// Range is a span of a source file: Start inclusive, End exclusive. An End
// equal to Start marks a point. The JSON form has the fields filename,
// start and end.
type Range struct {
	// Filename names the file as the reader was given it; empty for input
	// not read from a file.
	Filename string `json:"filename"`
	// Start is the first character of the span.
	Start Pos `json:"start"`
	// End is the position just after the span's last character.
	End Pos `json:"end"`
}

// String formats the range's start as file:line:col; the End is not part
// of it.
func (r Range) String() string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}
