package pyeval

import "strings"

// linearise is Python's C3 method resolution order for a class with the given bases:
// the class, then a merge of its bases' orders that keeps every class before its own
// bases and the bases in the order written. bad is the TypeError Python raises when no
// such order exists.
func linearise(c Value, bases []Value) (order []Value, bad string) {
	var seqs [][]Value
	for i, b := range bases {
		for _, earlier := range bases[:i] {
			if earlier == b {
				return nil, "duplicate base class " + className(b)
			}
		}
		seqs = append(seqs, mroOf(b))
	}
	seqs = append(seqs, append([]Value(nil), bases...))
	order = []Value{c}
	for {
		live := seqs[:0]
		for _, s := range seqs {
			if len(s) > 0 {
				live = append(live, s)
			}
		}
		seqs = live
		if len(seqs) == 0 {
			return order, ""
		}
		var next Value
		for _, s := range seqs {
			if !inTail(seqs, s[0]) {
				next = s[0]
				break
			}
		}
		if next == nil {
			return nil, "Cannot create a consistent method resolution order (MRO) for bases " + heads(seqs)
		}
		order = append(order, next)
		for i, s := range seqs {
			if s[0] == next {
				seqs[i] = s[1:]
			}
		}
	}
}

// mroOf is the MRO of a base: a user class's own, or a built-in exception's chain.
func mroOf(b Value) []Value {
	switch x := b.(type) {
	case *Class:
		return append([]Value(nil), x.mro()...)
	case *ExcClass:
		var out []Value
		for e := x; e != nil; e = e.Base {
			out = append(out, e)
		}
		return out
	}
	return []Value{b}
}

func inTail(seqs [][]Value, v Value) bool {
	for _, s := range seqs {
		for _, x := range s[1:] {
			if x == v {
				return true
			}
		}
	}
	return false
}

// heads names the classes that could not be ordered, as Python's message does.
func heads(seqs [][]Value) string {
	var names []string
	seen := map[Value]bool{}
	for _, s := range seqs {
		if !seen[s[0]] {
			seen[s[0]] = true
			names = append(names, className(s[0]))
		}
	}
	return strings.Join(names, ", ")
}

func className(v Value) string {
	switch x := v.(type) {
	case *Class:
		return x.Name
	case *ExcClass:
		return x.Name
	case *TypeValue:
		return x.Name
	}
	return v.TypeName()
}
