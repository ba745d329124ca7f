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
	if p.pred.s != nil {
		return p.groupByText()
	}
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

// linearKeys is the number of groups up to which groupByText finds an
// element's group by comparing its text with each group's; beyond it,
// by a map.
const linearKeys = 16

// groupByText is groupBy by a text (a field that is a text, .subject,
// .kind): the elements are grouped by their texts, compared as texts,
// without copying each text into an interface and hashing it as one;
// each group's text is boxed once, as the key of the map the machine
// makes (map[any][]any, the groups sharing one list as in groupPairs).
func (p *loopParts) groupByText() func(*Frame) (any, error) {
	key := p.pred.s
	return func(f *Frame) (any, error) {
		n, d, err := p.list.begin(f)
		if err != nil {
			return nil, err
		}
		base, kb, gb := len(f.args), len(f.keys), len(f.groups)
		var index map[string]int // the groups by text, once there are many
		for i := 0; i < n; i++ {
			f.scope[d].at(f, i)
			k, err := key(f)
			if err != nil {
				end(f, d)
				f.popGroups(base, kb, gb)
				return nil, err
			}
			g := -1
			if index != nil {
				if x, ok := index[k]; ok {
					g = x
				}
			} else {
				for j, t := range f.keys[kb:] {
					if t == k {
						g = j
						break
					}
				}
			}
			if g < 0 {
				g = len(f.keys) - kb
				f.keys = append(f.keys, k)
				if index != nil {
					index[k] = g
				} else if g == linearKeys {
					index = make(map[string]int, 2*linearKeys)
					for j, t := range f.keys[kb:] {
						index[t] = j
					}
				}
			}
			f.groups = append(f.groups, g)
			f.args = append(f.args, itemValue(f))
		}
		end(f, d)
		groups := textGroups(f, f.keys[kb:], f.groups[gb:], f.args[base:])
		f.popGroups(base, kb, gb)
		return groups, nil
	}
}

// popGroups takes what groupByText put on the frame's stacks off them.
func (f *Frame) popGroups(args, keys, groups int) {
	clear(f.args[args:])
	clear(f.keys[keys:])
	f.args, f.keys, f.groups = f.args[:args], f.keys[:keys], f.groups[:groups]
}

// textGroups makes the map of groups of the elements elems, each in the
// group of the index given by of, the groups' texts in keys: the groups
// share one list, each its part of it, as long as the group, in the
// order the groups were first met.
func textGroups(f *Frame, keys []string, of []int, elems []any) map[any][]any {
	groups := make(map[any][]any, len(keys))
	if len(elems) == 0 {
		return groups
	}
	all := make([]any, len(elems))
	if len(keys) == 1 {
		copy(all, elems)
		groups[f.boxText(keys[0])] = all
		return groups
	}
	// next is where the next element of each group goes: counted, then
	// turned into where each group begins.
	at := len(f.groups)
	f.groups = append(f.groups, make([]int, len(keys))...)
	next := f.groups[at:]
	for _, g := range of {
		next[g]++
	}
	start := 0
	for g, count := range next {
		next[g] = start
		start += count
	}
	for i, g := range of {
		all[next[g]] = elems[i]
		next[g]++
	}
	start = 0
	for g, k := range keys {
		groups[f.boxText(k)] = all[start:next[g]:next[g]]
		start = next[g]
	}
	f.groups = f.groups[:at]
	return groups
}
