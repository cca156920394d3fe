package pyeval

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// Class is a user `class`: enough of Python's object model for the helper classes apps
// write (attributes, methods, __init__, single or multiple inheritance between user
// classes, exception subclasses). Operator methods (__eq__, __add__, ...) are not called.
type Class struct {
	Name   string
	Pos    Pos
	Module *Module
	Bases  []Value // *Class or *ExcClass
	ns     *namespace
	linear []Value // the MRO, without object
	// enum is set for Enum and the classes derived from it.
	enum *enumInfo
}

func (*Class) TypeName() string { return "type" }

// Instance is an object of a user class.
type Instance struct {
	Class *Class
	attrs *namespace
	// plain is the str or int a member of a str or int enum also is; nil otherwise.
	plain Value
}

func (i *Instance) TypeName() string { return i.Class.Name }

// mro is the lookup order Python computes (C3 linearisation), worked out once when the
// class is made (classDef checks that it exists).
func (c *Class) mro() []Value {
	if c.linear == nil {
		c.linear, _ = linearise(c, c.Bases)
	}
	return c.linear
}

// lookup finds a class attribute along the MRO.
func (c *Class) lookup(name string) (Value, bool) {
	for _, k := range c.mro() {
		if cls, ok := k.(*Class); ok {
			if v, ok := cls.ns.get(name); ok {
				return v, true
			}
		}
	}
	return nil, false
}

// excBase returns the built-in exception class this class derives from, if any.
func (c *Class) excBase() *ExcClass {
	for _, k := range c.mro() {
		if e, ok := k.(*ExcClass); ok {
			return e
		}
	}
	return nil
}

func (c *Class) isSubclassOf(other Value) bool {
	for _, k := range c.mro() {
		if k == other {
			return true
		}
		if e, ok := k.(*ExcClass); ok {
			if oe, ok := other.(*ExcClass); ok && e.isSubclassOf(oe) {
				return true
			}
		}
	}
	return false
}

func (in *Interp) classDef(fr *frame, s *pyast.ClassDef, pos Pos) error {
	decos, err := in.evalDecorators(fr, s.Decorators)
	if err != nil {
		return err
	}
	cls := &Class{Name: s.Name, Pos: pos, Module: fr.module, ns: newNamespace()}
	var typeBases []*TypeValue
	for _, a := range s.Bases {
		v, err := in.eval(fr, a.Value)
		if err != nil {
			return err
		}
		if a.Name != "" || a.Star || a.DoubleStar {
			continue // metaclass=..., **kwargs: not modelled, harmless for plain classes
		}
		switch b := v.(type) {
		case *Class, *ExcClass:
			cls.Bases = append(cls.Bases, b)
		case *TypeValue:
			if b.Name != "object" {
				typeBases = append(typeBases, b)
			}
		case *Unknown:
			in.store(fr, s.Name, &Unknown{Pos: pos, Reason: "class " + s.Name + " derives from a class not known statically (" + describe(b) + ")"})
			return nil
		default:
			in.store(fr, s.Name, UnknownAt(pos, "class %s derives from %s, which the evaluator does not model", s.Name, describeBase(in, pos, v)))
			return nil
		}
	}
	linear, bad := linearise(cls, cls.Bases)
	if bad != "" {
		return raise(pos, "TypeError", "%s", bad)
	}
	cls.linear = linear
	info, u, err := in.enumBases(pos, cls, typeBases)
	if err != nil {
		return err
	}
	if u != nil {
		in.store(fr, s.Name, u)
		return nil
	}
	cls.enum = info
	body := &frame{kind: classFrame, vars: cls.ns, parent: fr, module: fr.module, cls: cls}
	cls.ns.set("__module__", Str(fr.module.Name))
	cls.ns.set("__qualname__", Str(s.Name))
	var made Value = cls
	if info != nil {
		if made, err = in.enumBody(body, s.Body, pos); err != nil {
			return err
		}
	} else if _, err := in.execBlock(body, s.Body); err != nil {
		return err
	}
	if unknownOf(made) != nil {
		in.store(fr, s.Name, made)
		return nil
	}
	v, err := in.applyDecorators(fr, s.Decorators, decos, cls)
	if err != nil {
		return err
	}
	in.store(fr, s.Name, v)
	return nil
}

// describeBase names a base class the evaluator cannot derive from: a host class (a
// Stelvio component) by its name, anything else by its type.
func describeBase(in *Interp, pos Pos, v Value) string {
	if _, ok := v.(HostClass); ok {
		if o, ok := v.(Object); ok {
			if n, ok, err := o.Attr(&Call{Interp: in, Pos: pos}, "__name__"); err == nil && ok {
				if s, ok := n.(Str); ok {
					return "the host class " + string(s) + " (subclassing a Stelvio class is not evaluated)"
				}
			}
		}
	}
	return "a " + v.TypeName()
}

func (in *Interp) instantiate(pos Pos, c *Class, args Args) (Value, error) {
	if c.enum != nil {
		return in.enumCall(pos, c, args)
	}
	if e := c.excBase(); e != nil {
		inst := &Instance{Class: c, attrs: newNamespace()}
		inst.attrs.set("args", Tuple(args.Positional))
		if init, ok := c.lookup("__init__"); ok {
			if _, err := in.call(pos, init, Args{Positional: append([]Value{inst}, args.Positional...), Keywords: args.Keywords}); err != nil {
				return nil, err
			}
		}
		return inst, nil
	}
	inst := &Instance{Class: c, attrs: newNamespace()}
	init, ok := c.lookup("__init__")
	if !ok {
		if len(args.Positional) > 0 || len(args.Keywords) > 0 {
			return nil, raise(pos, "TypeError", "%s() takes no arguments", c.Name)
		}
		return inst, nil
	}
	r, err := in.call(pos, init, Args{Positional: append([]Value{inst}, args.Positional...), Keywords: args.Keywords})
	if err != nil {
		return nil, err
	}
	if _, ok := r.(NoneType); !ok {
		if u := unknownOf(r); u != nil {
			return u, nil
		}
		return nil, raise(pos, "TypeError", "__init__() should return None, not '%s'", r.TypeName())
	}
	return inst, nil
}

// excArgs gives an instance of a user exception class that keeps the built-in __str__
// as the built-in exception it derives from, holding the same args; nil otherwise.
func (i *Instance) excArgs() *ExcInstance {
	base := i.Class.excBase()
	if base == nil {
		return nil
	}
	if _, own := i.Class.lookup("__str__"); own {
		return nil
	}
	args, _ := i.attrs.get("args")
	t, ok := args.(Tuple)
	if !ok {
		return nil
	}
	return &ExcInstance{Class: base, Args: t}
}

// classAttr gets an attribute of a class or instance, binding methods to self.
func (in *Interp) instanceAttr(pos Pos, inst *Instance, name string) (Value, bool, error) {
	if _, member := inst.member(); member && (name == "name" || name == "value") {
		name = "_" + name + "_"
	}
	if v, ok := inst.attrs.get(name); ok {
		return v, true, nil
	}
	if name == "__class__" {
		return inst.Class, true, nil
	}
	v, ok := inst.Class.lookup(name)
	if !ok {
		if inst.plain != nil {
			if m := in.method(pos, inst.plain, name); m != nil {
				return m, true, nil
			}
		}
		return nil, false, nil
	}
	switch f := v.(type) {
	case *Function, *nativeMethod:
		return &BoundMethod{Self: inst, Fn: f}, true, nil
	case *staticMethod:
		return f.fn, true, nil
	case *classMethod:
		return &BoundMethod{Self: inst.Class, Fn: f.fn}, true, nil
	case *property:
		r, err := in.call(pos, f.fget, Args{Positional: []Value{inst}})
		return r, true, err
	}
	return v, true, nil
}

func (in *Interp) classAttr(c *Class, name string) (Value, bool) {
	switch name {
	case "__name__":
		return Str(c.Name), true
	}
	v, ok := c.lookup(name)
	if !ok {
		return nil, false
	}
	switch f := v.(type) {
	case *staticMethod:
		return f.fn, true
	case *classMethod:
		return &BoundMethod{Self: c, Fn: f.fn}, true
	}
	return v, true
}

type staticMethod struct{ fn Value }
type classMethod struct{ fn Value }
type property struct{ fget Value }

func (*staticMethod) TypeName() string { return "staticmethod" }
func (*classMethod) TypeName() string  { return "classmethod" }
func (*property) TypeName() string     { return "property" }
