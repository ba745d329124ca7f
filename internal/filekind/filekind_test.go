package filekind_test

import (
	"fmt"
	"io/fs"

	"github.com/kiez-go/kiez/internal/filekind"
)

func ExampleOf() {
	for _, m := range []fs.FileMode{0o644, fs.ModeNamedPipe, fs.ModeDevice | fs.ModeCharDevice, fs.ModeDir, fs.ModeSymlink, fs.ModeIrregular} {
		fmt.Println(filekind.Of(m))
	}
	// Output:
	// a regular file
	// a named pipe (FIFO)
	// a character device
	// a directory
	// a symbolic link
	// a special file
}
