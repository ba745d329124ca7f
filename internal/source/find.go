package source

import (
	"strconv"
	"strings"
)

// Find returns the node written at a data path below n, such as
// "centres[3].staff[1].hoursPerWeek" (mapping keys after dots, list
// indexes in brackets; "[key]" also names a mapping key). When the path
// leads to a value that is not written (a missing field), Find returns the
// deepest node on the way that is: the place where the value belongs.
// The empty path is n itself. Find costs time proportional to the length
// of the path and the size of the mappings it passes, not to the file.
func (n *Node) Find(path string) *Node {
	found, _ := n.Resolve(path)
	return found
}

// Resolve is Find that also reports whether the node found is written at
// the path itself (true) or is the deepest node on the way (false).
func (n *Node) Resolve(path string) (*Node, bool) {
	cur := n
	rest := path
	for cur != nil && rest != "" {
		var next *Node
		switch rest[0] {
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return cur, false
			}
			inner := rest[1:end]
			rest = rest[end+1:]
			if i, err := strconv.Atoi(inner); err == nil && cur.Kind == KindSeq {
				if i >= 0 && i < len(cur.Items) {
					next = cur.Items[i]
				}
			} else if cur.Kind == KindMap {
				next = cur.Lookup(inner)
			}
		case '.':
			rest = rest[1:]
			continue
		default:
			if cur.Kind != KindMap {
				return cur, false
			}
			// A key may itself hold dots or brackets: take the longest
			// key that the path continues with.
			best := -1
			for i, k := range cur.Keys {
				v := k.Value
				if strings.HasPrefix(rest, v) && (len(rest) == len(v) || rest[len(v)] == '.' || rest[len(v)] == '[') &&
					(best < 0 || len(v) > len(cur.Keys[best].Value)) {
					best = i
				}
			}
			if best < 0 {
				return cur, false
			}
			next = cur.Values[best]
			rest = rest[len(cur.Keys[best].Value):]
		}
		if next == nil {
			return cur, false
		}
		cur = next
	}
	return cur, cur != nil
}
