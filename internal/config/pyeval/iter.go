package pyeval

import (
	"unicode/utf8"
)

// rangeValue is range(start, stop, step), never materialised unless asked.
type rangeValue struct{ start, stop, step int64 }

func (*rangeValue) TypeName() string { return "range" }

func (r *rangeValue) length() int64 {
	if r.step > 0 && r.start < r.stop {
		return (r.stop-r.start-1)/r.step + 1
	}
	if r.step < 0 && r.start > r.stop {
		return (r.start-r.stop-1)/(-r.step) + 1
	}
	return 0
}

func (r *rangeValue) at(i int64) int64 { return r.start + i*r.step }

func (r *rangeValue) has(v Value) bool {
	n, _, isInt, ok := numeric(v)
	if !ok || !isInt {
		if _, f, _, ok := numeric(v); ok && f == float64(int64(f)) {
			n = int64(f)
		} else {
			return false
		}
	}
	if r.step > 0 && (n < r.start || n >= r.stop) || r.step < 0 && (n > r.start || n <= r.stop) {
		return false
	}
	return (n-r.start)%r.step == 0
}

func (r *rangeValue) Repr() string {
	if r.step == 1 {
		return "range(" + itoa(int(r.start)) + ", " + itoa(int(r.stop)) + ")"
	}
	return "range(" + itoa(int(r.start)) + ", " + itoa(int(r.stop)) + ", " + itoa(int(r.step)) + ")"
}

// sliceValue is a[lower:upper:step] before it is applied.
type sliceValue struct{ lower, upper, step Value }

func (*sliceValue) TypeName() string { return "slice" }

// iterFunc yields the next item; ok is false at the end.
type iterFunc func() (v Value, ok bool, err error)

// unknownRest is the error an iterFunc ends with when the remaining items are not known
// statically (a generator that could not be followed to its end); consumers make the rest
// Unknown, as for iterating over an Unknown.
type unknownRest struct{ u *Unknown }

func (e *unknownRest) Error() string {
	return "the rest of this iteration is not known: " + describe(e.u)
}

// iter starts iterating v. A value known only at deploy time gives its Unknown instead.
func (in *Interp) iter(pos Pos, v Value) (iterFunc, *Unknown, error) {
	switch x := plainOf(v).(type) {
	case *Unknown:
		return nil, x, nil
	case *Iterator:
		return func() (Value, bool, error) { return in.advance(pos, x) }, nil, nil
	case *Instance:
		return in.iterInstance(pos, x)
	case *Class:
		if x.enum != nil {
			members := make([]Value, len(x.enum.members))
			for i, m := range x.enum.members {
				members[i] = m
			}
			return sliceIter(members), nil, nil
		}
	case *List:
		i := 0
		return func() (Value, bool, error) {
			if i >= len(x.Elems) {
				return nil, false, nil
			}
			i++
			return x.Elems[i-1], true, nil
		}, nil, nil
	case Tuple:
		return sliceIter(x), nil, nil
	case *Dict:
		return sliceIter(x.Keys()), nil, nil
	case *Set:
		return sliceIter(x.Elems()), nil, nil
	case Str:
		s := string(x)
		return func() (Value, bool, error) {
			if s == "" {
				return nil, false, nil
			}
			r, n := utf8.DecodeRuneInString(s)
			ch := s[:n]
			if r == utf8.RuneError && n == 1 {
				ch = string(utf8.RuneError)
			}
			s = s[n:]
			return Str(ch), true, nil
		}, nil, nil
	case Bytes:
		i := 0
		return func() (Value, bool, error) {
			if i >= len(x) {
				return nil, false, nil
			}
			i++
			return Int(x[i-1]), true, nil
		}, nil, nil
	case *rangeValue:
		n, i := x.length(), int64(0)
		return func() (Value, bool, error) {
			if i >= n {
				return nil, false, nil
			}
			i++
			return Int(x.at(i - 1)), true, nil
		}, nil, nil
	case *SymStr:
		return nil, UnknownAt(pos, "iterating over a str known only at deploy time"), nil
	case *Output:
		return nil, nil, raise(pos, "TypeError", "'Output' object is not iterable, consider iterating the underlying value inside an 'apply'")
	case Int, Float, Bool, NoneType, *Function, *Builtin, *Module, EllipsisType:
		return nil, nil, raise(pos, "TypeError", "'%s' object is not iterable", v.TypeName())
	}
	return nil, UnknownAt(pos, "iterating over a %s object is not modelled", v.TypeName()), nil
}

// iterInstance iterates an instance of a user class through its __iter__.
func (in *Interp) iterInstance(pos Pos, x *Instance) (iterFunc, *Unknown, error) {
	m, ok, err := in.instanceAttr(pos, x, "__iter__")
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, raise(pos, "TypeError", "'%s' object is not iterable", x.Class.Name)
	}
	r, err := in.call(pos, m, Args{})
	if err != nil {
		return nil, nil, err
	}
	switch it := r.(type) {
	case *Unknown:
		return nil, it, nil
	case *Iterator:
		return in.iter(pos, it)
	case *Instance:
		return nil, UnknownAt(pos, "iterating over a %s object through its __next__ is not evaluated", x.Class.Name), nil
	}
	return nil, nil, raise(pos, "TypeError", "iter() returned non-iterator of type '%s'", r.TypeName())
}

func sliceIter(items []Value) iterFunc {
	i := 0
	return func() (Value, bool, error) {
		if i >= len(items) {
			return nil, false, nil
		}
		i++
		return items[i-1], true, nil
	}
}

// toList materialises an iterable, within the collection limit.
func (in *Interp) toList(pos Pos, v Value) ([]Value, *Unknown, error) {
	switch x := v.(type) {
	case *List:
		return append([]Value(nil), x.Elems...), nil, nil
	case Tuple:
		return append([]Value(nil), x...), nil, nil
	case *rangeValue:
		n := x.length()
		if n > int64(in.opts.MaxCollection) {
			return nil, nil, in.grow(pos, in.opts.MaxCollection+1)
		}
		if err := in.alloc(pos, int(n)); err != nil {
			return nil, nil, err
		}
		out := make([]Value, n)
		for i := range out {
			out[i] = Int(x.at(int64(i)))
		}
		return out, nil, nil
	}
	next, u, err := in.iter(pos, v)
	if err != nil || u != nil {
		return nil, u, err
	}
	var out []Value
	for {
		item, ok, err := next()
		if rest, isRest := err.(*unknownRest); isRest {
			return nil, rest.u, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			break
		}
		out = append(out, item)
		if len(out)%1024 == 0 {
			if err := in.grow(pos, len(out)); err != nil {
				return nil, nil, err
			}
			if err := in.step(pos, 1024); err != nil {
				return nil, nil, err
			}
		}
	}
	return out, nil, nil
}

// index converts a subscript to a position in a sequence of length n (negative indexes
// count from the end).
func (in *Interp) index(pos Pos, key Value, n int, what string) (int, *Unknown, error) {
	key = plainOf(key)
	if u := unknownOf(key); u != nil {
		return 0, u, nil
	}
	i, _, isInt, ok := numeric(key)
	if !ok || !isInt {
		return 0, nil, raise(pos, "TypeError", "%s indices must be integers or slices, not %s", typeWord(what), key.TypeName())
	}
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return 0, nil, raise(pos, "IndexError", "%s index out of range", what)
	}
	return int(i), nil, nil
}

func typeWord(what string) string {
	for i := 0; i < len(what); i++ {
		if what[i] == ' ' {
			return what[:i]
		}
	}
	return what
}

// sliceBounds resolves a slice against a length, like slice.indices(n).
func (in *Interp) sliceBounds(pos Pos, s *sliceValue, n int) (start, stop, step int, u *Unknown, err error) {
	get := func(v Value, def int64) (int64, bool, error) {
		if _, none := v.(NoneType); none || v == nil {
			return def, false, nil
		}
		if uu := unknownOf(v); uu != nil {
			u = uu
			return 0, false, nil
		}
		i, _, isInt, ok := numeric(v)
		if !ok || !isInt {
			return 0, false, raise(pos, "TypeError", "slice indices must be integers or None")
		}
		return i, true, nil
	}
	st, _, err := get(s.step, 1)
	if err != nil || u != nil {
		return 0, 0, 0, u, err
	}
	if st == 0 {
		return 0, 0, 0, nil, raise(pos, "ValueError", "slice step cannot be zero")
	}
	ln := int64(n)
	lowDef, highDef := int64(0), ln
	if st < 0 {
		lowDef, highDef = ln-1, -1
	}
	clamp := func(i int64, given bool, def int64) int64 {
		if !given {
			return def
		}
		if i < 0 {
			i += ln
			if i < 0 {
				if st < 0 {
					return -1
				}
				return 0
			}
		}
		if i >= ln {
			if st < 0 {
				return ln - 1
			}
			return ln
		}
		return i
	}
	lo, loGiven, err := get(s.lower, lowDef)
	if err != nil || u != nil {
		return 0, 0, 0, u, err
	}
	hi, hiGiven, err := get(s.upper, highDef)
	if err != nil || u != nil {
		return 0, 0, 0, u, err
	}
	if st > int64(n)+1 {
		st = int64(n) + 1
	}
	if st < -int64(n)-1 {
		st = -int64(n) - 1
	}
	return int(clamp(lo, loGiven, lowDef)), int(clamp(hi, hiGiven, highDef)), int(st), nil, nil
}

// sliceIndices lists the positions a resolved slice selects.
func sliceIndices(start, stop, step int) []int {
	var out []int
	if step > 0 {
		for i := start; i < stop; i += step {
			out = append(out, i)
		}
	} else {
		for i := start; i > stop; i += step {
			out = append(out, i)
		}
	}
	return out
}

func (in *Interp) getitem(pos Pos, v, key Value) (Value, error) {
	if u := unknownOf(v); u != nil {
		return u, nil
	}
	v, key = plainOf(v), plainOf(key)
	switch x := v.(type) {
	case *Class:
		if x.enum != nil {
			return in.enumItem(pos, x, key)
		}
	case *Dict:
		if u := unknownOf(key); u != nil {
			return u, nil
		}
		if _, err := hashKey(key); err != nil {
			return nil, at(err, pos)
		}
		if r, ok := x.Get(key); ok {
			return r, nil
		}
		return nil, in.keyError(pos, key)
	case *List:
		if s, ok := key.(*sliceValue); ok {
			items, u, err := in.sliceOf(pos, x.Elems, s)
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			return &List{Elems: items}, nil
		}
		i, u, err := in.index(pos, key, len(x.Elems), "list")
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return x.Elems[i], nil
	case Tuple:
		if s, ok := key.(*sliceValue); ok {
			items, u, err := in.sliceOf(pos, x, s)
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			return Tuple(items), nil
		}
		i, u, err := in.index(pos, key, len(x), "tuple")
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return x[i], nil
	case Str:
		runes := []rune(string(x))
		if s, ok := key.(*sliceValue); ok {
			start, stop, step, u, err := in.sliceBounds(pos, s, len(runes))
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			var out []rune
			for _, i := range sliceIndices(start, stop, step) {
				out = append(out, runes[i])
			}
			return Str(string(out)), nil
		}
		i, u, err := in.index(pos, key, len(runes), "string")
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return Str(string(runes[i])), nil
	case Bytes:
		if s, ok := key.(*sliceValue); ok {
			start, stop, step, u, err := in.sliceBounds(pos, s, len(x))
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			var out []byte
			for _, i := range sliceIndices(start, stop, step) {
				out = append(out, x[i])
			}
			return Bytes(out), nil
		}
		i, u, err := in.index(pos, key, len(x), "index")
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return Int(x[i]), nil
	case *rangeValue:
		n := x.length()
		if n > int64(in.opts.MaxCollection) {
			return UnknownAt(pos, "indexing a range longer than the collection limit is not evaluated"), nil
		}
		if _, ok := key.(*sliceValue); ok {
			items, u, err := in.toList(pos, x)
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			return in.getitem(pos, &List{Elems: items}, key)
		}
		i, u, err := in.index(pos, key, int(n), "range object")
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return Int(x.at(int64(i))), nil
	case *Output:
		return in.outputItem(pos, x, key), nil
	case *SymStr:
		return UnknownAt(pos, "indexing a str known only at deploy time"), nil
	case Int, Float, Bool, NoneType, *Set, *Function, *Builtin, *Iterator:
		return nil, raise(pos, "TypeError", "'%s' object is not subscriptable", v.TypeName())
	case *TypeValue:
		return UnknownAt(pos, "generic type %s[...] is not evaluated", x.Name), nil
	}
	return UnknownAt(pos, "subscripting a %s object is not modelled", v.TypeName()), nil
}

func (in *Interp) sliceOf(pos Pos, items []Value, s *sliceValue) ([]Value, *Unknown, error) {
	start, stop, step, u, err := in.sliceBounds(pos, s, len(items))
	if err != nil || u != nil {
		return nil, u, err
	}
	idx := sliceIndices(start, stop, step)
	if err := in.alloc(pos, len(idx)); err != nil {
		return nil, nil, err
	}
	out := make([]Value, len(idx))
	for j, i := range idx {
		out[j] = items[i]
	}
	return out, nil, nil
}
