package pyeval

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// Iterator is a one-pass iterator whose items are made on demand: a generator object
// (from a generator function or a generator expression), iter(x), and zip, enumerate,
// map or filter over one of them.
type Iterator struct {
	typ  string   // the Python type name: "generator", "list_iterator", "zip", ...
	pull iterFunc // the next item, for iterators other than generator functions
	gen  *genState
	done bool
	rest *Unknown // set once the rest of the items is known to be unknown
}

func (it *Iterator) TypeName() string { return it.typ }

// advance takes the next item of it.
func (in *Interp) advance(pos Pos, it *Iterator) (Value, bool, error) {
	if it.rest != nil {
		return nil, false, &unknownRest{it.rest}
	}
	if it.done {
		return nil, false, nil
	}
	var v Value
	var ok bool
	var err error
	if it.gen != nil {
		v, ok, err = in.resume(pos, it)
	} else {
		v, ok, err = it.pull()
	}
	if rest, isRest := err.(*unknownRest); isRest {
		it.rest = rest.u
	} else if !ok || err != nil {
		it.done = true
	}
	return v, ok, err
}

// genexp is a generator expression: the first iterable is evaluated now, in the
// enclosing scope; the rest, the conditions and the elements when items are asked for.
func (in *Interp) genexp(fr *frame, e *pyast.Comp, pos Pos) (Value, error) {
	if len(e.For) == 0 {
		return nil, raise(pos, "SyntaxError", "comprehension without for")
	}
	first, err := in.eval(fr, e.For[0].Iter)
	if err != nil {
		return nil, err
	}
	cfr := &frame{kind: compFrame, vars: newNamespace(), parent: fr, module: fr.module, comp: "gen"}
	cpos := cfr.pos(e.For[0])
	firstNext, u, err := in.iter(cpos, first)
	if err != nil {
		return nil, err
	}
	if u != nil {
		in.reportCause(cpos, "cannot follow this comprehension: it iterates over a value not known statically ("+describe(u)+"); its elements are not evaluated", u)
		return u, nil
	}
	nexts := []iterFunc{firstNext}
	pull := func() (Value, bool, error) {
		for {
			level := len(nexts) - 1
			clause := e.For[level]
			cpos := cfr.pos(clause)
			v, ok, err := nexts[level]()
			if err != nil {
				return nil, false, err
			}
			if !ok {
				if level == 0 {
					return nil, false, nil
				}
				nexts = nexts[:level]
				continue
			}
			if err := in.step(cpos, 1); err != nil {
				return nil, false, err
			}
			if err := in.assign(cfr, clause.Target, v); err != nil {
				return nil, false, err
			}
			keep, err := in.compConditions(cfr, clause)
			if err != nil || !keep {
				if err != nil {
					return nil, false, err
				}
				continue
			}
			if level+1 < len(e.For) {
				inner := e.For[level+1]
				iterable, err := in.eval(cfr, inner.Iter)
				if err != nil {
					return nil, false, err
				}
				ipos := cfr.pos(inner)
				next, u, err := in.iter(ipos, iterable)
				if err != nil {
					return nil, false, err
				}
				if u != nil {
					in.reportCause(ipos, "cannot follow this comprehension: it iterates over a value not known statically ("+describe(u)+"); its elements are not evaluated", u)
					return nil, false, &unknownRest{u}
				}
				nexts = append(nexts, next)
				continue
			}
			elt, err := in.eval(cfr, e.Elt)
			if err != nil {
				return nil, false, err
			}
			return elt, true, nil
		}
	}
	return &Iterator{typ: "generator", pull: pull}, nil
}

// compConditions evaluates the `if`s of a comprehension clause; an Unknown one ends the
// iteration with the rest unknown.
func (in *Interp) compConditions(cfr *frame, clause pyast.CompFor) (bool, error) {
	for _, cond := range clause.Ifs {
		c, err := in.eval(cfr, cond)
		if err != nil {
			return false, err
		}
		t, known := Truth(c)
		if !known {
			u := in.unknownTruth(cfr.pos(cond), c)
			in.reportCause(cfr.pos(cond), "cannot follow this comprehension: its condition is not known statically ("+describe(u)+"); its elements are not evaluated", u)
			return false, &unknownRest{u}
		}
		if !t {
			return false, nil
		}
	}
	return true, nil
}

// anyIterator reports whether one of args is an iterator: zip, enumerate, map and filter
// are then lazy iterators too (over lists and the like they give lists).
func anyIterator(args []Value) bool {
	for _, a := range args {
		if _, ok := a.(*Iterator); ok {
			return true
		}
	}
	return false
}

// iters starts iterating each of args; an Unknown one is returned instead.
func (in *Interp) iters(pos Pos, args []Value) ([]iterFunc, *Unknown, error) {
	out := make([]iterFunc, len(args))
	for i, a := range args {
		next, u, err := in.iter(pos, a)
		if err != nil || u != nil {
			return nil, u, err
		}
		out[i] = next
	}
	return out, nil, nil
}

// lazyZip takes an item from each of nexts in turn, stopping at the first that ends as
// Python's zip does, and makes an item of them with each: zip, enumerate and map over
// iterators.
func (in *Interp) lazyZip(pos Pos, nexts []iterFunc, each func(items []Value) (Value, error), typ string) *Iterator {
	pull := func() (Value, bool, error) {
		items := make([]Value, len(nexts))
		for i, next := range nexts {
			v, ok, err := next()
			if err != nil || !ok {
				return nil, false, err
			}
			items[i] = v
		}
		if err := in.step(pos, 1); err != nil {
			return nil, false, err
		}
		r, err := each(items)
		if err != nil {
			return nil, false, err
		}
		return r, true, nil
	}
	return &Iterator{typ: typ, pull: pull}
}

// lazyFilter is filter() over an iterator.
func (in *Interp) lazyFilter(pos Pos, fn Value, it *Iterator) *Iterator {
	next, _, _ := in.iter(pos, it)
	_, keepAll := fn.(NoneType)
	pull := func() (Value, bool, error) {
		for {
			v, ok, err := next()
			if err != nil || !ok {
				return nil, false, err
			}
			if err := in.step(pos, 1); err != nil {
				return nil, false, err
			}
			keep := v
			if !keepAll {
				if keep, err = in.call(pos, fn, Args{Positional: []Value{v}}); err != nil {
					return nil, false, err
				}
			}
			t, known := Truth(keep)
			if !known {
				return nil, false, &unknownRest{in.unknownTruth(pos, keep)}
			}
			if t {
				return v, true, nil
			}
		}
	}
	return &Iterator{typ: "filter", pull: pull}
}

// next is the builtin next(iterator[, default]).
func (in *Interp) next(c *Call, args Args) (Value, error) {
	if err := argCheck(c, "next", args, 1, 2); err != nil {
		return nil, err
	}
	switch it := args.Positional[0].(type) {
	case *Unknown:
		return it, nil
	case *Iterator:
		v, ok, err := in.advance(c.Pos, it)
		if rest, isRest := err.(*unknownRest); isRest {
			return rest.u, nil
		}
		if err != nil {
			return nil, err
		}
		if !ok {
			if len(args.Positional) == 2 {
				return args.Positional[1], nil
			}
			return nil, raise(c.Pos, "StopIteration", "")
		}
		return v, nil
	case *Instance:
		return UnknownAt(c.Pos, "next() of a %s object (its __next__) is not evaluated", it.Class.Name), nil
	}
	return nil, raise(c.Pos, "TypeError", "'%s' object is not an iterator", args.Positional[0].TypeName())
}

// iterOf is the builtin iter(x): an iterator over x, or x itself when it is one.
func (in *Interp) iterOf(c *Call, args Args) (Value, error) {
	if err := argCheck(c, "iter", args, 1, 1); err != nil {
		return nil, err
	}
	v := args.Positional[0]
	if it, ok := v.(*Iterator); ok {
		return it, nil
	}
	next, u, err := in.iter(c.Pos, v)
	if err != nil || u != nil {
		return unknownOr(u), err
	}
	typ := "iterator"
	switch plainOf(v).(type) {
	case *List:
		typ = "list_iterator"
	case Tuple:
		typ = "tuple_iterator"
	case Str:
		typ = "str_ascii_iterator"
	case *Dict:
		typ = "dict_keyiterator"
	case *Set:
		typ = "set_iterator"
	case *rangeValue:
		typ = "range_iterator"
	}
	return &Iterator{typ: typ, pull: next}, nil
}
