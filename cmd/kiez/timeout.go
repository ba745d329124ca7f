package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// defaultTimeout bounds every command that loads data or evaluates rules:
// far more than the shipped data needs, short enough that a rule that
// never ends does not hold a terminal or a CI job for ever.
const defaultTimeout = 60 * time.Second

// timeLimit is a command's --timeout flag.
type timeLimit struct {
	d  *time.Duration
	fs *flags // for the language of its messages
}

// addTimeout adds --timeout to a command's flags.
func addTimeout(fs *flags) timeLimit {
	d := fs.Duration("timeout", defaultTimeout, "flag.timeout")
	return timeLimit{d: d, fs: fs}
}

// context returns the command's context, which ends when the time limit
// runs out, and a usage problem for a negative limit ("" when fine).
func (tl timeLimit) context() (context.Context, context.CancelFunc, string) {
	switch {
	case *tl.d < 0:
		return nil, nil, tl.fs.tx.t("err.timeout", *tl.d)
	case *tl.d == 0:
		ctx, cancel := context.WithCancel(context.Background())
		return ctx, cancel, ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), *tl.d)
	return ctx, cancel, ""
}

// timedOut reports whether ctx ended because the time limit ran out.
func timedOut(ctx context.Context) bool {
	return errors.Is(ctx.Err(), context.DeadlineExceeded)
}

// reportTimeout prints why a command stopped early: the limit, what was
// being done, what was still shown (keys of the message table). It
// returns exitProblems.
func (tl timeLimit) reportTimeout(stderr io.Writer, command, while, shown string) int {
	tx := tl.fs.tx
	fmt.Fprintln(stderr, tx.t("timeout.ranOut", command, *tl.d, tx.t(while)))
	fmt.Fprintln(stderr, tx.t(shown))
	fmt.Fprintln(stderr, tx.t("timeout.advice"))
	return exitProblems
}

// noteStopped ends a command's text output with the note that it was cut
// short, so that the output does not pass for a complete one.
func (tl timeLimit) noteStopped(w io.Writer) {
	fmt.Fprintln(w, "\n"+tl.fs.tx.t("timeout.stopped", *tl.d))
}
