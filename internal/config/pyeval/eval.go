package pyeval

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// EllipsisType is the type of `...`, which docs-style apps pass as a placeholder.
type EllipsisType struct{}

// Ellipsis is the only EllipsisType value.
var Ellipsis = EllipsisType{}

func (EllipsisType) TypeName() string { return "ellipsis" }

// describe renders an Unknown for a message: where it came from and why.
func describe(u *Unknown) string {
	if u.Pos.File == "" {
		return u.Reason
	}
	return u.Pos.String() + ": " + u.Reason
}

// unknownOf returns v as an Unknown when it is one (or something only known at deploy time
// that the operation cannot handle), else nil.
func unknownOf(v Value) *Unknown {
	if u, ok := v.(*Unknown); ok {
		return u
	}
	return nil
}

func (in *Interp) eval(fr *frame, e pyast.Expr) (Value, error) {
	v, err := in.evalExpr(fr, e)
	if v == nil && err == nil {
		// A value-less result is a bug of ours; make it an error of the expression rather
		// than a nil that panics further on.
		return nil, &InternalError{Pos: fr.pos(e), Msg: "an expression evaluated to no value"}
	}
	return v, err
}

func (in *Interp) evalExpr(fr *frame, e pyast.Expr) (Value, error) {
	pos := fr.pos(e)
	if err := in.step(pos, 1); err != nil {
		return nil, err
	}
	switch e := e.(type) {
	case *pyast.Name:
		return in.lookup(fr, e.Id, pos)
	case *pyast.Num:
		switch {
		case e.Overflow:
			return UnknownAt(pos, "the integer %s does not fit in 64 bits, which the evaluator does not handle", e.Text), nil
		case e.Kind == pyast.ImagNum:
			return UnknownAt(pos, "complex numbers are not evaluated"), nil
		case e.Kind == pyast.FloatNum:
			return Float(e.Float), nil
		}
		return Int(e.Int), nil
	case *pyast.Str:
		if e.Unsupported != "" {
			return UnknownAt(pos, "%s", e.Unsupported), nil
		}
		return Str(e.Value), nil
	case *pyast.Bytes:
		return Bytes(e.Value), nil
	case *pyast.FString:
		return in.fstring(fr, e)
	case *pyast.Const:
		switch e.Value {
		case "True":
			return Bool(true), nil
		case "False":
			return Bool(false), nil
		}
		return None, nil
	case *pyast.Ellipsis:
		return Ellipsis, nil
	case *pyast.Attribute:
		v, err := in.eval(fr, e.Value)
		if err != nil {
			return nil, err
		}
		return in.getattr(pos, v, e.Attr)
	case *pyast.Subscript:
		v, err := in.eval(fr, e.Value)
		if err != nil {
			return nil, err
		}
		k, err := in.evalIndex(fr, e.Index)
		if err != nil {
			return nil, err
		}
		return in.getitem(pos, v, k)
	case *pyast.Call:
		return in.evalCall(fr, e, pos)
	case *pyast.BinOp:
		l, err := in.eval(fr, e.Left)
		if err != nil {
			return nil, err
		}
		r, err := in.eval(fr, e.Right)
		if err != nil {
			return nil, err
		}
		return in.binop(pos, e.Op, l, r)
	case *pyast.UnaryOp:
		v, err := in.eval(fr, e.Operand)
		if err != nil {
			return nil, err
		}
		return in.unary(pos, e.Op, v)
	case *pyast.BoolOp:
		return in.boolOp(fr, e, pos)
	case *pyast.Compare:
		return in.compareChain(fr, e, pos)
	case *pyast.IfExp:
		return in.ifExp(fr, e, pos)
	case *pyast.Lambda:
		return in.makeFunction(fr, e, "<lambda>", e.Params, nil, e.Body)
	case *pyast.List:
		elts, u, err := in.evalElts(fr, e.Elts, pos)
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return &List{Elems: elts}, nil
	case *pyast.Tuple:
		elts, u, err := in.evalElts(fr, e.Elts, pos)
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return Tuple(elts), nil
	case *pyast.Set:
		elts, u, err := in.evalElts(fr, e.Elts, pos)
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return in.newSet(pos, elts)
	case *pyast.Dict:
		return in.evalDict(fr, e, pos)
	case *pyast.Comp:
		return in.comprehension(fr, e, pos)
	case *pyast.NamedExpr:
		v, err := in.eval(fr, e.Value)
		if err != nil {
			return nil, err
		}
		in.storeWalrus(fr, e.Target, v)
		return v, nil
	case *pyast.Await:
		return UnknownAt(pos, "await is not evaluated (asynchronous code runs only at deploy time)"), nil
	case *pyast.Yield:
		return in.yieldExpr(fr, e, pos)
	case *pyast.Starred:
		return nil, raise(pos, "SyntaxError", "can't use starred expression here")
	case *pyast.Slice:
		return nil, raise(pos, "SyntaxError", "a slice is only allowed inside []")
	case *pyast.FormattedValue:
		return in.formatted(fr, e)
	}
	return nil, raise(pos, "SyntaxError", "unsupported expression")
}

// unknownOr returns u as a Value, or nil when u is nil (so callers can return it with err).
func unknownOr(u *Unknown) Value {
	if u == nil {
		return nil
	}
	return u
}

// evalIndex evaluates what goes between [ ], including slices.
func (in *Interp) evalIndex(fr *frame, e pyast.Expr) (Value, error) {
	switch x := e.(type) {
	case *pyast.Slice:
		s := &sliceValue{}
		parts := []struct {
			e   pyast.Expr
			dst *Value
		}{{x.Lower, &s.lower}, {x.Upper, &s.upper}, {x.Step, &s.step}}
		for _, p := range parts {
			*p.dst = None
			if p.e != nil {
				v, err := in.eval(fr, p.e)
				if err != nil {
					return nil, err
				}
				*p.dst = v
			}
		}
		return s, nil
	case *pyast.Tuple:
		var out Tuple
		for _, el := range x.Elts {
			v, err := in.evalIndex(fr, el)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	return in.eval(fr, e)
}

// evalElts evaluates display elements, expanding *iterables. An unpacked Unknown makes
// the whole display unknown.
func (in *Interp) evalElts(fr *frame, elts []pyast.Expr, pos Pos) ([]Value, *Unknown, error) {
	out := make([]Value, 0, len(elts))
	for _, el := range elts {
		if st, ok := el.(*pyast.Starred); ok {
			v, err := in.eval(fr, st.Value)
			if err != nil {
				return nil, nil, err
			}
			items, u, err := in.toList(fr.pos(st), v)
			if err != nil || u != nil {
				return nil, u, err
			}
			if err := in.grow(pos, len(out)+len(items)); err != nil {
				return nil, nil, err
			}
			out = append(out, items...)
			continue
		}
		v, err := in.eval(fr, el)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, v)
	}
	if err := in.alloc(pos, len(out)); err != nil {
		return nil, nil, err
	}
	return out, nil, nil
}

func (in *Interp) newSet(pos Pos, elts []Value) (Value, error) {
	s := NewSet()
	for _, v := range elts {
		if u := unknownOf(v); u != nil {
			return u, nil
		}
		if err := s.Add(v); err != nil {
			return nil, at(err, pos)
		}
	}
	return s, nil
}

func (in *Interp) evalDict(fr *frame, e *pyast.Dict, pos Pos) (Value, error) {
	d := NewDict()
	for _, it := range e.Items {
		if it.Key == nil {
			v, err := in.eval(fr, it.Value)
			if err != nil {
				return nil, err
			}
			if err := in.mergeInto(fr.pos(it.Value), d, v); err != nil {
				return nil, err
			}
			if u := unknownOf(v); u != nil {
				return u, nil
			}
			continue
		}
		k, err := in.eval(fr, it.Key)
		if err != nil {
			return nil, err
		}
		v, err := in.eval(fr, it.Value)
		if err != nil {
			return nil, err
		}
		if u := unknownOf(k); u != nil {
			return u, nil
		}
		if err := d.Set(k, v); err != nil {
			return nil, at(err, fr.pos(it.Key))
		}
		if err := in.grow(pos, d.Len()); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// mergeInto copies the items of a mapping into d (`{**m}`, dict.update).
func (in *Interp) mergeInto(pos Pos, d *Dict, v Value) error {
	switch m := v.(type) {
	case *Unknown:
		return nil
	case *Dict:
		if err := in.grow(pos, d.Len()+m.Len()); err != nil {
			return err
		}
		if err := in.alloc(pos, m.Len()); err != nil {
			return err
		}
		for _, it := range m.Items() {
			if err := d.Set(it.Key, it.Value); err != nil {
				return at(err, pos)
			}
		}
		return nil
	}
	return raise(pos, "TypeError", "'%s' object is not a mapping", v.TypeName())
}

func (in *Interp) boolOp(fr *frame, e *pyast.BoolOp, pos Pos) (Value, error) {
	var v Value
	for i, x := range e.Values {
		var err error
		v, err = in.eval(fr, x)
		if err != nil {
			return nil, err
		}
		if i == len(e.Values)-1 {
			return v, nil
		}
		t, known := Truth(v)
		if !known {
			u := in.unknownTruth(pos, v)
			if fr.gen != nil && hasYield(&pyast.BoolOp{Op: e.Op, Values: e.Values[i+1:]}) {
				return nil, genUncertain(fr, pos, "`"+e.Op+"` expression", u)
			}
			return u, nil
		}
		if t == (e.Op == "or") {
			return v, nil
		}
	}
	return v, nil
}

// unknownTruth is the Unknown for an operation that needed the truth of v.
func (in *Interp) unknownTruth(pos Pos, v Value) *Unknown {
	if u := unknownOf(v); u != nil {
		return u
	}
	return UnknownAt(pos, "the truth of a %s known only at deploy time", v.TypeName())
}

func (in *Interp) ifExp(fr *frame, e *pyast.IfExp, pos Pos) (Value, error) {
	test, err := in.eval(fr, e.Test)
	if err != nil {
		return nil, err
	}
	t, known := Truth(test)
	if !known {
		u := in.unknownTruth(pos, test)
		if fr.gen != nil && (hasYield(e.Body) || hasYield(e.OrElse)) {
			return nil, genUncertain(fr, pos, "conditional expression", u)
		}
		if hasCall(e.Body) || hasCall(e.OrElse) {
			in.reportCause(pos, "cannot tell which side of this conditional expression applies: the condition is not known statically ("+describe(u)+"); neither side is evaluated", u)
		}
		return u, nil
	}
	if t {
		return in.eval(fr, e.Body)
	}
	return in.eval(fr, e.OrElse)
}

// hasCall reports whether evaluating e could have effects (it calls something).
func hasCall(e pyast.Expr) bool {
	found := false
	walkExpr(e, func(x pyast.Expr) bool {
		if _, ok := x.(*pyast.Call); ok {
			found = true
		}
		return !found
	})
	return found
}

func (in *Interp) compareChain(fr *frame, e *pyast.Compare, pos Pos) (Value, error) {
	left, err := in.eval(fr, e.Left)
	if err != nil {
		return nil, err
	}
	var unknown *Unknown
	for i, op := range e.Ops {
		right, err := in.eval(fr, e.Comparators[i])
		if err != nil {
			return nil, err
		}
		r, err := in.compare(pos, op, left, right)
		if err != nil {
			return nil, err
		}
		if u := unknownOf(r); u != nil {
			if unknown == nil {
				unknown = u
			}
		} else if t, _ := Truth(r); !t {
			return Bool(false), nil
		}
		left = right
	}
	if unknown != nil {
		return unknown, nil
	}
	return Bool(true), nil
}

func (in *Interp) evalCall(fr *frame, e *pyast.Call, pos Pos) (Value, error) {
	fn, err := in.eval(fr, e.Func)
	if err != nil {
		return nil, err
	}
	if fn == Value(in.superFn) && len(e.Args) == 0 {
		return in.zeroArgSuper(fr, pos)
	}
	args, u, err := in.evalArgs(fr, e.Args)
	if err != nil {
		return nil, err
	}
	if pc, ok := fn.(PartialCaller); ok && u != nil && pc.AcceptsPartialArgs() {
		// The host makes what it can of a call with unknown */** parts: a component whose
		// name is known is still a component, with its options reported as unknown.
		args.Unknown = u
		return in.call(pos, fn, args)
	}
	if u != nil {
		if unknownOf(fn) == nil {
			in.reportCause(pos, "this call is not evaluated: its *args or **kwargs are not known statically ("+describe(u)+")", u)
		}
		if fu := unknownOf(fn); fu != nil {
			return fu, nil
		}
		return u, nil
	}
	return in.call(pos, fn, args)
}

// evalArgs evaluates call arguments in source order, expanding * and **. A * or **
// argument that is not known is skipped; the first one is returned, with the others.
func (in *Interp) evalArgs(fr *frame, args []pyast.Arg) (Args, *Unknown, error) {
	var out Args
	var first *Unknown
	for _, a := range args {
		v, err := in.eval(fr, a.Value)
		if err != nil {
			return Args{}, nil, err
		}
		apos := fr.pos(a)
		switch {
		case a.Star:
			items, u, err := in.toList(apos, v)
			if err != nil {
				return Args{}, nil, err
			}
			if u != nil {
				if first == nil {
					first = u
				}
				continue
			}
			out.Positional = append(out.Positional, items...)
		case a.DoubleStar:
			d, ok := v.(*Dict)
			if !ok {
				if u := unknownOf(v); u != nil {
					if first == nil {
						first = u
					}
					continue
				}
				return Args{}, nil, raise(apos, "TypeError", "argument after ** must be a mapping, not %s", v.TypeName())
			}
			for _, it := range d.Items() {
				k, ok := it.Key.(Str)
				if !ok {
					return Args{}, nil, raise(apos, "TypeError", "keywords must be strings")
				}
				if _, dup := out.Kw(string(k)); dup {
					return Args{}, nil, raise(apos, "TypeError", "got multiple values for keyword argument '%s'", k)
				}
				out.Keywords = append(out.Keywords, Keyword{Name: string(k), Value: it.Value})
			}
		case a.Name != "":
			if _, dup := out.Kw(a.Name); dup {
				return Args{}, nil, raise(apos, "SyntaxError", "keyword argument repeated: %s", a.Name)
			}
			out.Keywords = append(out.Keywords, Keyword{Name: a.Name, Value: v})
		default:
			out.Positional = append(out.Positional, v)
		}
	}
	return out, first, nil
}
