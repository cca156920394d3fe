package pyeval

import "strings"

// Modules of the standard library that the evaluator implements itself, because apps use
// them for plain data and they have no effect outside the program: typing (TYPE_CHECKING is
// False, as at run time, so `if TYPE_CHECKING:` blocks are skipped like Python skips them)
// and dataclasses (the generated __init__).
func (in *Interp) stdlibModule(name string) (*Module, bool) {
	switch name {
	case "__future__", "typing", "typing_extensions":
		m := NewModule(name)
		m.Fallback = func(c *Call, attr string) (Value, bool, error) {
			return UnknownAt(c.Pos, "%s.%s is used for type hints only and is not evaluated", name, attr), true, nil
		}
		m.SetAttr("TYPE_CHECKING", Bool(false))
		m.SetAttr("cast", &Builtin{Name: "cast", Fn: func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "cast", args, 2, 2); err != nil {
				return nil, err
			}
			return args.Positional[1], nil
		}})
		return m, true
	case "enum":
		return in.enumModule(), true
	case "dataclasses":
		m := NewModule(name)
		m.MissingReason = strings.ReplaceAll(notEvaluatedReason, "%s", name)
		m.SetAttr("dataclass", &Builtin{Name: "dataclass", Fn: in.dataclass})
		m.SetAttr("field", &Builtin{Name: "field", Fn: func(c *Call, args Args) (Value, error) {
			f := &dcField{}
			if v, ok := args.Kw("default"); ok {
				f.def = v
			}
			if v, ok := args.Kw("default_factory"); ok {
				f.factory = v
			}
			return f, nil
		}})
		return m, true
	}
	return nil, false
}

// dcSpec is the field list a dataclass keeps for its subclasses.
type dcSpec struct{ fields []dcFieldSpec }

type dcFieldSpec struct {
	name         string
	def, factory Value
}

func (*dcSpec) TypeName() string { return "dict" }

// dcField is what dataclasses.field() returns.
type dcField struct{ def, factory Value }

func (*dcField) TypeName() string { return "Field" }

// dataclass is @dataclass and @dataclass(...): it gives the class an __init__ over its
// annotated fields, in order, with their defaults.
func (in *Interp) dataclass(c *Call, args Args) (Value, error) {
	if len(args.Positional) == 0 {
		return &Builtin{Name: "dataclass", Fn: in.dataclass}, nil // @dataclass(frozen=True)
	}
	cls, ok := args.Positional[0].(*Class)
	if !ok {
		if u := unknownOf(args.Positional[0]); u != nil {
			return u, nil
		}
		return nil, raise(c.Pos, "TypeError", "dataclass() should be called on a class")
	}
	var fields []dcFieldSpec
	for _, k := range cls.mro() {
		base, ok := k.(*Class)
		if !ok {
			continue
		}
		if done, ok := base.ns.get("__dataclass_fields__"); ok && base != cls {
			if spec, ok := done.(*dcSpec); ok {
				fields = append(append([]dcFieldSpec(nil), spec.fields...), fields...)
				continue
			}
		}
		ann, _ := base.ns.get("__annotations__")
		d, _ := ann.(*Dict)
		if d == nil {
			continue
		}
		var own []dcFieldSpec
		for _, key := range d.Keys() {
			name := string(key.(Str))
			f := dcFieldSpec{name: name}
			if v, ok := base.ns.get(name); ok {
				if df, isField := v.(*dcField); isField {
					f.def, f.factory = df.def, df.factory
					if df.def != nil {
						base.ns.set(name, df.def)
					} else {
						base.ns.del(name)
					}
				} else {
					f.def = v
				}
			}
			own = append(own, f)
		}
		// base-class fields come first, as in Python
		fields = append(own, fields...)
	}
	cls.ns.set("__dataclass_fields__", &dcSpec{fields: fields})
	cls.ns.set("__init__", &nativeMethod{name: "__init__", fn: func(c *Call, a Args) (Value, error) {
		if len(a.Positional) == 0 {
			return nil, raise(c.Pos, "TypeError", "__init__() missing self")
		}
		self, ok := a.Positional[0].(*Instance)
		if !ok {
			return nil, raise(c.Pos, "TypeError", "__init__() needs an instance")
		}
		pos := a.Positional[1:]
		if len(pos) > len(fields) {
			return nil, raise(c.Pos, "TypeError", "%s.__init__() takes %d positional arguments but %d were given", cls.Name, len(fields)+1, len(pos)+1)
		}
		set := map[string]bool{}
		for i, v := range pos {
			self.attrs.set(fields[i].name, v)
			set[fields[i].name] = true
		}
		for _, kw := range a.Keywords {
			known := false
			for _, f := range fields {
				known = known || f.name == kw.Name
			}
			if !known {
				return nil, raise(c.Pos, "TypeError", "%s.__init__() got an unexpected keyword argument '%s'", cls.Name, kw.Name)
			}
			if set[kw.Name] {
				return nil, raise(c.Pos, "TypeError", "%s.__init__() got multiple values for argument '%s'", cls.Name, kw.Name)
			}
			self.attrs.set(kw.Name, kw.Value)
			set[kw.Name] = true
		}
		for _, f := range fields {
			if set[f.name] {
				continue
			}
			switch {
			case f.factory != nil:
				v, err := in.call(c.Pos, f.factory, Args{})
				if err != nil {
					return nil, err
				}
				self.attrs.set(f.name, v)
			case f.def != nil:
				self.attrs.set(f.name, f.def)
			default:
				return nil, raise(c.Pos, "TypeError", "%s.__init__() missing 1 required positional argument: '%s'", cls.Name, f.name)
			}
		}
		if post, ok, err := in.instanceAttr(c.Pos, self, "__post_init__"); err != nil || ok {
			if err != nil {
				return nil, err
			}
			if _, err := in.call(c.Pos, post, Args{}); err != nil {
				return nil, err
			}
		}
		return None, nil
	}})
	return cls, nil
}
