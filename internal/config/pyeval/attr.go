package pyeval

// getattr is `v.name`.
func (in *Interp) getattr(pos Pos, v Value, name string) (Value, error) {
	c := &Call{Interp: in, Pos: pos}
	switch x := v.(type) {
	case *Unknown:
		return x, nil
	case *Output:
		return in.outputAttr(pos, x, name), nil
	case *SymStr:
		return in.symStrMethod(pos, x, name)
	case *Module:
		r, ok, err := x.Attr(c, name)
		if err != nil {
			return nil, at(err, pos)
		}
		if !ok {
			return nil, raise(pos, "AttributeError", "module '%s' has no attribute '%s'", x.Name, name)
		}
		return r, nil
	case *Instance:
		r, ok, err := in.instanceAttr(pos, x, name)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, raise(pos, "AttributeError", "'%s' object has no attribute '%s'", x.Class.Name, name)
		}
		return r, nil
	case *Class:
		if r, ok := in.classAttr(x, name); ok {
			return r, nil
		}
		if x.enum != nil {
			if r, ok := in.enumClassAttr(pos, x, name); ok {
				return r, nil
			}
		}
		return nil, raise(pos, "AttributeError", "type object '%s' has no attribute '%s'", x.Name, name)
	case *ExcClass:
		if name == "__name__" {
			return Str(x.Name), nil
		}
		return nil, raise(pos, "AttributeError", "type object '%s' has no attribute '%s'", x.Name, name)
	case *superObject:
		return in.superAttr(pos, x, name)
	case *Iterator:
		return in.generatorMethod(pos, x, name)
	case *BoundMethod:
		if name == "__self__" {
			return x.Self, nil
		}
		return in.getattr(pos, x.Fn, name)
	case *TypeValue:
		if name == "__name__" {
			return Str(x.Name), nil
		}
		if m := x.classMethod(in, name); m != nil {
			return m, nil
		}
		return UnknownAt(pos, "the attribute %s.%s is not modelled", x.Name, name), nil
	case Str, *List, *Dict, *Set, Tuple, Bytes, Int, Float, Bool, NoneType, *rangeValue:
		if m := in.method(pos, v, name); m != nil {
			return m, nil
		}
		return nil, raise(pos, "AttributeError", "'%s' object has no attribute '%s'", v.TypeName(), name)
	case Object:
		r, ok, err := x.Attr(c, name)
		if err != nil {
			return nil, at(err, pos)
		}
		if !ok {
			return nil, raise(pos, "AttributeError", "'%s' object has no attribute '%s'", v.TypeName(), name)
		}
		if r == nil {
			return None, nil
		}
		return r, nil
	}
	return nil, raise(pos, "AttributeError", "'%s' object has no attribute '%s'", v.TypeName(), name)
}

// hasAttr is hasattr() for a known name; the answer is a Bool or an Unknown.
func (in *Interp) hasAttr(pos Pos, v Value, name string) (Value, error) {
	if u := unknownOf(v); u != nil {
		return u, nil
	}
	r, err := in.getattr(pos, v, name)
	if err != nil {
		if pe, ok := err.(*PyError); ok && pe.Type == "AttributeError" {
			return Bool(false), nil
		}
		return nil, err
	}
	if u := unknownOf(r); u != nil {
		if _, isModule := v.(*Module); isModule {
			return u, nil
		}
	}
	return Bool(true), nil
}
