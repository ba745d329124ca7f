package filekind

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// ReadRegular reads a regular file of at most max bytes. It opens without
// blocking and refuses anything but a regular file, so that a named pipe
// or a device never stalls the reader, naming the file's kind (Of).
func ReadRegular(name string, max int64) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a regular file; only regular files are read", name, Of(st.Mode()))
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%s is %d bytes; at most %d are allowed", name, st.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is more than %d bytes; at most %d are allowed", name, max, max)
	}
	return data, nil
}
