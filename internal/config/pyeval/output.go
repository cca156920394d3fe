package pyeval

import (
	"strconv"
)

// outputAttr is attribute access on a Pulumi Output: Pulumi lifts it onto the value, so
// it extends the Ref's path. .apply(f) is the one method.
func (in *Interp) outputAttr(pos Pos, o *Output, name string) Value {
	if name == "apply" {
		return &Builtin{Name: "Output.apply", Fn: func(c *Call, args Args) (Value, error) {
			if len(args.Positional) != 1 || len(args.Keywords) > 0 {
				if len(args.Keywords) == 1 && args.Keywords[0].Name == "func" && len(args.Positional) == 0 {
					return in.applyOutput(c.Pos, o, args.Keywords[0].Value)
				}
				return nil, raise(c.Pos, "TypeError", "Output.apply() takes one function")
			}
			return in.applyOutput(c.Pos, o, args.Positional[0])
		}}
	}
	return extendOutput(pos, o, name)
}

func (in *Interp) outputItem(pos Pos, o *Output, key Value) Value {
	switch k := key.(type) {
	case Str:
		return extendOutput(pos, o, string(k))
	case Int:
		return extendOutput(pos, o, strconv.FormatInt(int64(k), 10))
	case *Unknown:
		return k
	}
	return UnknownAt(pos, "indexing a Pulumi Output with a %s is not evaluated", key.TypeName())
}

func extendOutput(pos Pos, o *Output, name string) Value {
	if len(o.T) != 1 || o.T[0].Ref == nil {
		return UnknownAt(pos, "the attribute %s of a composed Pulumi Output (%s) is not known statically", name, o.T.String())
	}
	ref := o.T[0].Ref
	path := append(append([]string(nil), ref.Path...), name)
	return &Output{T: Template{{Ref: &Ref{Root: ref.Root, Path: path}}}}
}

// applyOutput calls f with the Output's value as a symbolic str and wraps the result.
func (in *Interp) applyOutput(pos Pos, o *Output, f Value) (Value, error) {
	r, err := in.call(pos, f, Args{Positional: []Value{&SymStr{T: o.T}}})
	if err != nil {
		return nil, err
	}
	switch x := r.(type) {
	case Str:
		return &Output{T: Template{{Text: string(x)}}}, nil
	case *SymStr:
		return &Output{T: x.T}, nil
	case *Output:
		return x, nil
	case *Unknown:
		return x, nil
	}
	return UnknownAt(pos, "the function passed to Output.apply returned a %s, which is not evaluated", r.TypeName()), nil
}

// symStrMethod handles methods on a str known only at deploy time: nothing but str()
// and formatting can keep it symbolic.
func (in *Interp) symStrMethod(pos Pos, s *SymStr, name string) (Value, error) {
	if name == "__str__" {
		return &Builtin{Name: "str.__str__", Fn: func(c *Call, args Args) (Value, error) { return s, nil }}, nil
	}
	if in.method(pos, Str(""), name) == nil {
		return nil, raise(pos, "AttributeError", "'str' object has no attribute '%s'", name)
	}
	return UnknownAt(pos, "str.%s() of a str known only at deploy time (%s) is not known statically", name, s.T.String()), nil
}
