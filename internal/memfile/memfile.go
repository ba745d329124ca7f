// Package memfile serves bytes held in memory as a read-only regular file
// of an fs.FS: the standard input read before loading, or a data file
// rewritten before it is validated.
package memfile

import (
	"bytes"
	"io/fs"
	"time"
)

// Open returns data as an open file named name.
func Open(name string, data []byte) fs.File {
	return &file{Reader: bytes.NewReader(data), info: Info(name, int64(len(data)))}
}

// Info describes a read-only regular file of the given name and size.
func Info(name string, size int64) fs.FileInfo { return info{name: name, size: size} }

type file struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Close() error               { return nil }

type info struct {
	name string
	size int64
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.size }
func (i info) Mode() fs.FileMode  { return 0o444 }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return false }
func (i info) Sys() any           { return nil }
