package pyeval

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// comprehension evaluates list/set/dict comprehensions and generator expressions (as
// lists). It runs in its own scope; the first iterable is evaluated in the enclosing one.
// Iterating over an Unknown, or filtering on one, makes the whole result Unknown and is
// reported, since the elements (and any components built for them) are not known.
func (in *Interp) comprehension(fr *frame, e *pyast.Comp, pos Pos) (Value, error) {
	if e.Kind == "gen" {
		return in.genexp(fr, e, pos)
	}
	cfr := &frame{kind: compFrame, vars: newNamespace(), parent: fr, module: fr.module, comp: e.Kind}
	var items []Value
	dict := NewDict()
	var unknown *Unknown
	var loop func(i int) error
	loop = func(i int) error {
		clause := e.For[i]
		scope := cfr
		if i == 0 {
			scope = fr
		}
		iterable, err := in.eval(scope, clause.Iter)
		if err != nil {
			return err
		}
		cpos := cfr.pos(clause)
		next, u, err := in.iter(cpos, iterable)
		if err != nil {
			return err
		}
		if u != nil {
			unknown = u
			in.reportCause(cpos, "cannot follow this comprehension: it iterates over a value not known statically ("+describe(u)+"); its elements are not evaluated", u)
			return nil
		}
	items:
		for unknown == nil {
			v, ok, err := next()
			if rest, isRest := err.(*unknownRest); isRest {
				unknown = rest.u
				in.reportCause(cpos, "cannot follow this comprehension: it iterates over values not all known statically ("+describe(rest.u)+"); its elements are not evaluated", rest.u)
				return nil
			}
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if err := in.step(cpos, 1); err != nil {
				return err
			}
			if err := in.assign(cfr, clause.Target, v); err != nil {
				return err
			}
			for _, cond := range clause.Ifs {
				c, err := in.eval(cfr, cond)
				if err != nil {
					return err
				}
				t, known := Truth(c)
				if !known {
					unknown = in.unknownTruth(cfr.pos(cond), c)
					in.reportCause(cfr.pos(cond), "cannot follow this comprehension: its condition is not known statically ("+describe(unknown)+"); its elements are not evaluated", unknown)
					return nil
				}
				if !t {
					continue items
				}
			}
			if i+1 < len(e.For) {
				if err := loop(i + 1); err != nil {
					return err
				}
				continue
			}
			if e.Kind == "dict" {
				k, err := in.eval(cfr, e.Key)
				if err != nil {
					return err
				}
				v, err := in.eval(cfr, e.Elt)
				if err != nil {
					return err
				}
				if u := unknownOf(k); u != nil {
					unknown = u
					return nil
				}
				if err := dict.Set(k, v); err != nil {
					return at(err, pos)
				}
				if err := in.grow(pos, dict.Len()); err != nil {
					return err
				}
				continue
			}
			v, err = in.eval(cfr, e.Elt)
			if err != nil {
				return err
			}
			items = append(items, v)
			if err := in.grow(pos, len(items)); err != nil {
				return err
			}
		}
		return nil
	}
	if len(e.For) == 0 {
		return nil, raise(pos, "SyntaxError", "comprehension without for")
	}
	if err := loop(0); err != nil {
		return nil, err
	}
	if unknown != nil {
		return unknown, nil
	}
	switch e.Kind {
	case "dict":
		return dict, nil
	case "set":
		return in.newSet(pos, items)
	}
	return &List{Elems: items}, nil
}
