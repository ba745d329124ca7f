package compile

// groupBy of the typed closures (closures_loops.go).

// groupBy groups the elements by the predicate's value, in a map of
// expr's type (vm's groupBy), each group in the list's order. The groups
// share one list: the keys and elements are kept on the frame's stack of
// arguments while the loop runs, the groups are counted in the map (each
// key's value a slice of the shared list as long as its group), and then
// each group is given its part of the list, which its elements fill in
// order. A group's capacity is its length, so that appending to one
// never writes into another. Keys that are not equal to themselves (NaN)
// cannot be found again: then each such element gets a group of its
// own, appended as the machine does.
func (p *loopParts) groupBy() func(*Frame) (any, error) {
	key := p.pred.any
	return func(f *Frame) (any, error) {
		n, d, err := p.list.begin(f)
		if err != nil {
			return nil, err
		}
		base := len(f.args)
		for i := 0; i < n; i++ {
			f.scope[d].at(f, i)
			k, err := key(f)
			if err != nil {
				end(f, d)
				return nil, err
			}
			f.args = append(f.args, k, itemValue(f))
		}
		end(f, d)
		pairs := f.args[base:]
		groups := groupPairs(pairs)
		clear(pairs)
		f.args = f.args[:base]
		return groups, nil
	}
}

// groupPairs groups the pairs of keys and elements.
func groupPairs(pairs []any) map[any][]any {
	groups := map[any][]any{}
	n := len(pairs) / 2
	if n == 0 {
		return groups
	}
	all := make([]any, n)
	for i := 0; i < len(pairs); i += 2 {
		k := pairs[i]
		if k != k {
			// A key not equal to itself: appended as the machine does.
			clear(groups)
			for i := 0; i < len(pairs); i += 2 {
				groups[pairs[i]] = append(groups[pairs[i]], pairs[i+1])
			}
			return groups
		}
		groups[k] = all[:len(groups[k])+1]
	}
	if len(groups) == 1 {
		for i := range all {
			all[i] = pairs[2*i+1]
		}
		groups[pairs[0]] = all
		return groups
	}
	// A group still counted is a prefix of the shared list (capacity n);
	// one given its part has the capacity of its group, less than n.
	next := 0
	for i := 0; i < len(pairs); i += 2 {
		k := pairs[i]
		g := groups[k]
		if cap(g) == n {
			count := len(g)
			g = all[next : next : next+count]
			next += count
		}
		groups[k] = append(g, pairs[i+1])
	}
	return groups
}
