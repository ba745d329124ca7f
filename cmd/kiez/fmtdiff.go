package main

import (
	"fmt"
	"io"
	"strings"
)

// diffContext is the number of unchanged lines shown around a change.
const diffContext = 3

// writeUnifiedDiff writes the changes from a to b as a unified diff (as
// diff -u and gofmt -d do), both texts named name, the new one marked
// "(formatiert)". Equal texts write nothing.
func writeUnifiedDiff(w io.Writer, name, a, b string) {
	if a == b {
		return
	}
	x, y := diffLines(a), diffLines(b)
	ops := editScript(x, y)
	fmt.Fprintf(w, "--- %s\n+++ %s (formatiert)\n", name, name)
	// Group the edits into hunks with their context.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-diffContext, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*diffContext {
				end = min(end+diffContext, len(ops))
				break
			}
			end = run
		}
		writeHunk(w, ops[start:end])
		i = end
	}
}

// diffLines splits a text into lines with their line breaks; a last line
// without one is marked as diff does.
func diffLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	} else {
		lines[len(lines)-1] += "\n\\ No newline at end of file\n"
	}
	return lines
}

// edit is a line of an edit script: ' ' kept, '-' removed, '+' added,
// with its line numbers (from 1) in the old and the new text.
type edit struct {
	kind       byte
	line       string
	aLine, bLn int
}

func writeHunk(w io.Writer, ops []edit) {
	var aStart, bStart, aN, bN int
	for _, o := range ops {
		if o.kind != '+' {
			if aN == 0 {
				aStart = o.aLine
			}
			aN++
		}
		if o.kind != '-' {
			if bN == 0 {
				bStart = o.bLn
			}
			bN++
		}
	}
	if aN == 0 {
		aStart = ops[0].aLine - 1
	}
	if bN == 0 {
		bStart = ops[0].bLn - 1
	}
	fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(aStart, aN), hunkRange(bStart, bN))
	for _, o := range ops {
		fmt.Fprintf(w, "%c%s", o.kind, o.line)
	}
}

func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// editScript returns a shortest edit script from a to b (Myers' O(ND)
// algorithm), after the common first and last lines are set aside.
func editScript(a, b []string) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []edit
	for i := 0; i < pre; i++ {
		ops = append(ops, edit{' ', a[i], i + 1, i + 1})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for i := 0; i < suf; i++ {
		ai, bi := len(a)-suf+i, len(b)-suf+i
		ops = append(ops, edit{' ', a[ai], ai + 1, bi + 1})
	}
	return ops
}

// myers returns the edit script of a and b, whose first lines are lines
// aOff+1 and bOff+1 of their texts.
func myers(a, b []string, aOff, bOff int) []edit {
	n, m := len(a), len(b)
	maxD := n + m
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, a, b, off, aOff, bOff)
			}
		}
	}
	return nil
}

func backtrack(trace [][]int, a, b []string, off, aOff, bOff int) []edit {
	var rev []edit
	x, y := len(a), len(b)
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := x - y
		prevK := k - 1
		if k == -d || k != d && v[off+k-1] < v[off+k+1] {
			prevK = k + 1
		}
		prevX := v[off+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x--
			y--
			rev = append(rev, edit{' ', a[x], aOff + x + 1, bOff + y + 1})
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, edit{'+', b[prevY], aOff + x + 1, bOff + prevY + 1})
			} else {
				rev = append(rev, edit{'-', a[prevX], aOff + prevX + 1, bOff + y + 1})
			}
		}
		x, y = prevX, prevY
	}
	out := make([]edit, len(rev))
	for i := range rev {
		out[i] = rev[len(rev)-1-i]
	}
	return out
}
