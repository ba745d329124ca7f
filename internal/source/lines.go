package source

import "bytes"

// Lines finds the lines of a text by number, for readers of other formats
// (the CSV importer) that report positions as this package does.
type Lines struct{ li *lineIndex }

// NewLines indexes data.
func NewLines(data []byte) *Lines { return &Lines{li: newLineIndex(data)} }

// Bytes returns the bytes of a 1-based line without its line ending, not
// copied, and the byte offset of its start in the file.
func (l *Lines) Bytes(line int) ([]byte, int, bool) {
	li := l.li
	if line < 1 || line > len(li.start) {
		return nil, 0, false
	}
	s := li.start[line-1]
	e := len(li.data)
	if line < len(li.start) {
		e = li.start[line] - 1
	}
	return bytes.TrimRight(li.data[s:e], "\r"), s, true
}
