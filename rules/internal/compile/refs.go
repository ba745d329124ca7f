package compile

import (
	"fmt"
	"strings"
)

// The function RefsName, one for each list of records. RefsName has one
// signature for every list of records an expression can reach (some
// thirty); expr's checker tries a call's signatures in order, checking
// the arguments again and writing an error for each that does not fit,
// for every check of every tree the field accesses were rewritten in. The
// rewrite (refsPatcher) knows the list's type, so it calls a function of
// that one signature instead: the check of the call is one try, and the
// program, whose call typedCalls makes a call of the same function, is
// the same. The names of these functions (RefsName/0, RefsName/1 …) are
// no identifiers of expr's language, so authors cannot call them; a call
// of RefsName written in a file is checked against all its signatures,
// as before.

// WithRefsPerList returns the functions fs with, after the function
// RefsName, one function for each of its signatures (RefsPerList): the
// same implementation, hidden, with that one signature.
func WithRefsPerList(fs []Function) []Function {
	out := make([]Function, 0, len(fs)+40)
	for _, f := range fs {
		out = append(out, f)
		if f.Name != RefsName {
			continue
		}
		for i := range f.Types {
			g := f
			g.Name, g.Hidden = RefsPerList(i), true
			g.Types = f.Types[i : i+1 : i+1]
			if len(f.Signatures) == len(f.Types) {
				g.Signatures = f.Signatures[i : i+1 : i+1]
			}
			out = append(out, g)
		}
	}
	return out
}

// RefsPerList is the name of the function RefsName for the list of its
// i-th signature (see WithRefsPerList).
func RefsPerList(i int) string { return fmt.Sprintf("%s/%d", RefsName, i) }

// isRefs reports whether a function of the given name is RefsName or one
// of its functions per list.
func isRefs(name string) bool {
	rest, ok := strings.CutPrefix(name, RefsName)
	return ok && (rest == "" || rest[0] == '/')
}
