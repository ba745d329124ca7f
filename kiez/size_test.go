package kiez_test

import (
	"testing"
	"unsafe"

	"github.com/kiez-go/kiez/kiez"
)

// TestSessionSize pins the size of a session on 64-bit platforms: a
// state-wide dataset holds millions of them (2.4 million for 10,000
// synthetic centres, half of its heap), so the order of the fields keeps
// the two flags beside the date instead of padding each.
func TestSessionSize(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are pinned for 64-bit platforms")
	}
	if got := unsafe.Sizeof(kiez.Session{}); got > 96 {
		t.Errorf("a kiez.Session takes %d bytes, want at most 96: keep Themed and Cancelled beside Date", got)
	}
}
