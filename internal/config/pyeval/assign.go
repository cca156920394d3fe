package pyeval

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// AttrSetter lets a host object accept attribute assignment (obj.x = v). Host objects
// without it ignore the assignment, and the interpreter reports that.
type AttrSetter interface {
	Value
	SetAttr(c *Call, name string, v Value) error
}

func (in *Interp) assign(fr *frame, t pyast.Expr, v Value) error {
	pos := fr.pos(t)
	switch t := t.(type) {
	case *pyast.Name:
		in.store(fr, t.Id, v)
		return nil
	case *pyast.Tuple:
		return in.unpack(fr, t.Elts, v, pos)
	case *pyast.List:
		return in.unpack(fr, t.Elts, v, pos)
	case *pyast.Attribute:
		obj, err := in.eval(fr, t.Value)
		if err != nil {
			return err
		}
		return in.setattr(pos, obj, t.Attr, v)
	case *pyast.Subscript:
		obj, err := in.eval(fr, t.Value)
		if err != nil {
			return err
		}
		k, err := in.evalIndex(fr, t.Index)
		if err != nil {
			return err
		}
		return in.setitem(pos, obj, k, v)
	case *pyast.Starred:
		return raise(pos, "SyntaxError", "starred assignment target must be in a list or tuple")
	}
	return raise(pos, "SyntaxError", "cannot assign to expression")
}

// unpack assigns the items of v to targets, one of which may be *starred.
func (in *Interp) unpack(fr *frame, targets []pyast.Expr, v Value, pos Pos) error {
	if u := unknownOf(v); u != nil {
		for _, t := range targets {
			if st, ok := t.(*pyast.Starred); ok {
				t = st.Value
			}
			if err := in.assign(fr, t, u); err != nil {
				return err
			}
		}
		return nil
	}
	items, u, err := in.toList(pos, v)
	if err != nil {
		return err
	}
	if u != nil {
		return in.unpack(fr, targets, u, pos)
	}
	star := -1
	for i, t := range targets {
		if _, ok := t.(*pyast.Starred); ok {
			if star >= 0 {
				return raise(pos, "SyntaxError", "multiple starred expressions in assignment")
			}
			star = i
		}
	}
	if star < 0 {
		if len(items) != len(targets) {
			if len(items) > len(targets) {
				return raise(pos, "ValueError", "too many values to unpack (expected %d)", len(targets))
			}
			return raise(pos, "ValueError", "not enough values to unpack (expected %d, got %d)", len(targets), len(items))
		}
		for i, t := range targets {
			if err := in.assign(fr, t, items[i]); err != nil {
				return err
			}
		}
		return nil
	}
	after := len(targets) - star - 1
	if len(items) < star+after {
		return raise(pos, "ValueError", "not enough values to unpack (expected at least %d, got %d)", star+after, len(items))
	}
	for i := 0; i < star; i++ {
		if err := in.assign(fr, targets[i], items[i]); err != nil {
			return err
		}
	}
	rest := append([]Value(nil), items[star:len(items)-after]...)
	if err := in.assign(fr, targets[star].(*pyast.Starred).Value, &List{Elems: rest}); err != nil {
		return err
	}
	for i := 0; i < after; i++ {
		if err := in.assign(fr, targets[star+1+i], items[len(items)-after+i]); err != nil {
			return err
		}
	}
	return nil
}

func (in *Interp) setattr(pos Pos, obj Value, name string, v Value) error {
	switch o := obj.(type) {
	case *Unknown:
		return nil
	case *Function:
		if o.attrs == nil {
			o.attrs = newNamespace()
		}
		o.attrs.set(name, v)
		return nil
	case *Instance:
		o.attrs.set(name, v)
		return nil
	case *Class:
		if o.enum != nil && o.enum.byName[name] != nil {
			return raise(pos, "AttributeError", "cannot reassign member '%s'", name)
		}
		o.ns.set(name, v)
		return nil
	case *Module:
		if o.File != "" {
			o.ns.set(name, v)
			return nil
		}
	case AttrSetter:
		return at(o.SetAttr(&Call{Interp: in, Pos: pos}, name, v), pos)
	case Str, Int, Float, Bool, NoneType, Tuple, *List, *Dict, *Set, Bytes:
		return raise(pos, "AttributeError", "'%s' object has no attribute '%s' and no attributes can be set on it", obj.TypeName(), name)
	}
	in.report(pos, "assignment to attribute '"+name+"' of a "+obj.TypeName()+" object is not modelled; it is ignored")
	return nil
}

func (in *Interp) setitem(pos Pos, obj, key, v Value) error {
	switch o := obj.(type) {
	case *Unknown:
		return nil
	case *Dict:
		if u := unknownOf(key); u != nil {
			in.reportCause(pos, "assignment to a dict under a key not known statically ("+describe(u)+"); the dict is left unchanged", u)
			return nil
		}
		if err := o.Set(key, v); err != nil {
			return at(err, pos)
		}
		return in.grow(pos, o.Len())
	case *List:
		if s, ok := key.(*sliceValue); ok {
			return in.setSlice(pos, o, s, v)
		}
		i, u, err := in.index(pos, key, len(o.Elems), "list assignment")
		if err != nil {
			return err
		}
		if u != nil {
			in.reportCause(pos, "assignment to a list at an index not known statically ("+describe(u)+"); the list is left unchanged", u)
			return nil
		}
		o.Elems[i] = v
		return nil
	case Tuple, Str, Bytes:
		return raise(pos, "TypeError", "'%s' object does not support item assignment", obj.TypeName())
	}
	in.report(pos, "item assignment on a "+obj.TypeName()+" object is not modelled; it is ignored")
	return nil
}

func (in *Interp) setSlice(pos Pos, l *List, s *sliceValue, v Value) error {
	items, u, err := in.toList(pos, v)
	if err != nil {
		return err
	}
	if u != nil {
		in.reportCause(pos, "slice assignment from a value not known statically ("+describe(u)+"); the list is left unchanged", u)
		return nil
	}
	start, stop, step, u2, err := in.sliceBounds(pos, s, len(l.Elems))
	if err != nil || u2 != nil {
		return err
	}
	if step != 1 {
		idx := sliceIndices(start, stop, step)
		if len(idx) != len(items) {
			return raise(pos, "ValueError", "attempt to assign sequence of size %d to extended slice of size %d", len(items), len(idx))
		}
		for j, i := range idx {
			l.Elems[i] = items[j]
		}
		return nil
	}
	if stop < start {
		stop = start
	}
	if err := in.grow(pos, len(l.Elems)-(stop-start)+len(items)); err != nil {
		return err
	}
	out := make([]Value, 0, len(l.Elems)-(stop-start)+len(items))
	out = append(out, l.Elems[:start]...)
	out = append(out, items...)
	out = append(out, l.Elems[stop:]...)
	l.Elems = out
	return nil
}

func (in *Interp) augAssign(fr *frame, s *pyast.AugAssign, pos Pos) error {
	rhs := func() (Value, error) { return in.eval(fr, s.Value) }
	switch t := s.Target.(type) {
	case *pyast.Name:
		cur, err := in.lookup(fr, t.Id, pos)
		if err != nil {
			return err
		}
		r, err := rhs()
		if err != nil {
			return err
		}
		v, err := in.inplace(pos, s.Op, cur, r)
		if err != nil {
			return err
		}
		in.store(fr, t.Id, v)
		return nil
	case *pyast.Attribute:
		obj, err := in.eval(fr, t.Value)
		if err != nil {
			return err
		}
		cur, err := in.getattr(pos, obj, t.Attr)
		if err != nil {
			return err
		}
		r, err := rhs()
		if err != nil {
			return err
		}
		v, err := in.inplace(pos, s.Op, cur, r)
		if err != nil {
			return err
		}
		return in.setattr(pos, obj, t.Attr, v)
	case *pyast.Subscript:
		obj, err := in.eval(fr, t.Value)
		if err != nil {
			return err
		}
		k, err := in.evalIndex(fr, t.Index)
		if err != nil {
			return err
		}
		cur, err := in.getitem(pos, obj, k)
		if err != nil {
			return err
		}
		r, err := rhs()
		if err != nil {
			return err
		}
		v, err := in.inplace(pos, s.Op, cur, r)
		if err != nil {
			return err
		}
		return in.setitem(pos, obj, k, v)
	}
	return raise(pos, "SyntaxError", "illegal expression for augmented assignment")
}

// inplace is `a op= b`: lists, dicts and sets change in place (other names that share
// them see the change), everything else is a new value.
func (in *Interp) inplace(pos Pos, op string, a, b Value) (Value, error) {
	switch x := a.(type) {
	case *List:
		if op == "+" {
			items, u, err := in.toList(pos, b)
			if err != nil {
				return nil, err
			}
			if u != nil {
				return u, nil
			}
			if err := in.grow(pos, len(x.Elems)+len(items)); err != nil {
				return nil, err
			}
			if err := in.alloc(pos, len(items)); err != nil {
				return nil, err
			}
			x.Elems = append(x.Elems, items...)
			return x, nil
		}
	case *Dict:
		if op == "|" {
			if err := in.mergeInto(pos, x, b); err != nil {
				return nil, err
			}
			if u := unknownOf(b); u != nil {
				return u, nil
			}
			return x, nil
		}
	}
	return in.binop(pos, op, a, b)
}

func (in *Interp) del(fr *frame, t pyast.Expr) error {
	pos := fr.pos(t)
	switch t := t.(type) {
	case *pyast.Name:
		return in.deleteName(fr, t.Id, pos)
	case *pyast.Tuple:
		for _, e := range t.Elts {
			if err := in.del(fr, e); err != nil {
				return err
			}
		}
		return nil
	case *pyast.List:
		for _, e := range t.Elts {
			if err := in.del(fr, e); err != nil {
				return err
			}
		}
		return nil
	case *pyast.Subscript:
		obj, err := in.eval(fr, t.Value)
		if err != nil {
			return err
		}
		k, err := in.evalIndex(fr, t.Index)
		if err != nil {
			return err
		}
		return in.delitem(pos, obj, k)
	case *pyast.Attribute:
		obj, err := in.eval(fr, t.Value)
		if err != nil {
			return err
		}
		switch o := obj.(type) {
		case *Instance:
			if !o.attrs.del(t.Attr) {
				return raise(pos, "AttributeError", "'%s' object has no attribute '%s'", o.TypeName(), t.Attr)
			}
			return nil
		case *Unknown:
			return nil
		case *Class:
			if o.enum != nil && o.enum.byName[t.Attr] != nil {
				return raise(pos, "AttributeError", "'%s' cannot delete member '%s'.", o.Name, t.Attr)
			}
		}
		in.report(pos, "deleting attribute '"+t.Attr+"' of a "+obj.TypeName()+" object is not modelled; it is ignored")
		return nil
	}
	return raise(pos, "SyntaxError", "cannot delete expression")
}

func (in *Interp) delitem(pos Pos, obj, key Value) error {
	switch o := obj.(type) {
	case *Unknown:
		return nil
	case *Dict:
		if u := unknownOf(key); u != nil {
			in.reportCause(pos, "deleting a dict key not known statically ("+describe(u)+"); the dict is left unchanged", u)
			return nil
		}
		if !o.Delete(key) {
			return in.keyError(pos, key)
		}
		return nil
	case *List:
		if s, ok := key.(*sliceValue); ok {
			start, stop, step, u, err := in.sliceBounds(pos, s, len(o.Elems))
			if err != nil || u != nil {
				return err
			}
			drop := map[int]bool{}
			for _, i := range sliceIndices(start, stop, step) {
				drop[i] = true
			}
			kept := o.Elems[:0:0]
			for i, e := range o.Elems {
				if !drop[i] {
					kept = append(kept, e)
				}
			}
			o.Elems = kept
			return nil
		}
		i, u, err := in.index(pos, key, len(o.Elems), "list assignment")
		if err != nil {
			return err
		}
		if u != nil {
			in.reportCause(pos, "deleting a list item at an index not known statically ("+describe(u)+"); the list is left unchanged", u)
			return nil
		}
		o.Elems = append(o.Elems[:i:i], o.Elems[i+1:]...)
		return nil
	}
	return raise(pos, "TypeError", "'%s' object doesn't support item deletion", obj.TypeName())
}
