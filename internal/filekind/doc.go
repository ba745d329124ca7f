// Package filekind names the kinds of file the library refuses to read or
// write (named pipes, sockets, devices, directories), so that the loader,
// the rule tests and the command-line tool say it in the same words.
package filekind
