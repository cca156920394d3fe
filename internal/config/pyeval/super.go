package pyeval

import (
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// superObject is what super() returns: attribute lookup on it starts after start in the
// MRO of typ, and binds what it finds to obj. obj is an instance of typ, or typ itself
// when super() is used in a classmethod.
type superObject struct {
	start *Class
	obj   Value
	typ   *Class
}

func (*superObject) TypeName() string { return "super" }

// Repr implements Reprer, as CPython shows it.
func (s *superObject) Repr() string {
	return "<super: <class '" + s.start.Name + "'>, <" + s.typ.Name + " object>>"
}

// zeroArgSuper is `super()` called in fr: Python finds the class from the __class__
// cell of the function running and the object from its first argument.
func (in *Interp) zeroArgSuper(fr *frame, pos Pos) (Value, error) {
	for fr.kind == compFrame {
		if fr.comp == "gen" {
			// a generator expression is a function of its own, whose first argument is
			// the iterator it runs over
			return nil, raise(pos, "TypeError", "super(type, obj): obj must be an instance or subtype of type")
		}
		fr = fr.parent
	}
	if fr.kind != funcFrame {
		return nil, raise(pos, "RuntimeError", "super(): no arguments")
	}
	fn := fr.fn
	if fn.defClass == nil {
		return nil, raise(pos, "RuntimeError", "super(): __class__ cell not found")
	}
	if len(fn.params) == 0 || fn.params[0].kind != pyast.PosOnly && fn.params[0].kind != pyast.PosOrKw {
		return nil, raise(pos, "RuntimeError", "super(): no arguments")
	}
	obj, ok := fr.vars.get(fn.params[0].name)
	if !ok {
		return nil, raise(pos, "RuntimeError", "super(): arg[0] deleted")
	}
	return in.newSuper(pos, fn.defClass, obj)
}

// superCall is the builtin super(type, obj). Without arguments it is only reached when
// the call is not written `super()` in a method (an alias of super), where Python has no
// __class__ cell either.
func (in *Interp) superCall(c *Call, args Args) (Value, error) {
	if len(args.Keywords) > 0 {
		return nil, raise(c.Pos, "TypeError", "super() takes no keyword arguments")
	}
	switch len(args.Positional) {
	case 0:
		return nil, raise(c.Pos, "RuntimeError", "super(): __class__ cell not found")
	case 1:
		if u := unknownOf(args.Positional[0]); u != nil {
			return u, nil
		}
		return UnknownAt(c.Pos, "super() with one argument (an unbound super object) is not evaluated"), nil
	case 2:
	default:
		return nil, raise(c.Pos, "TypeError", "super() expected at most 2 arguments, got %d", len(args.Positional))
	}
	typ, obj := args.Positional[0], args.Positional[1]
	switch t := typ.(type) {
	case *Unknown:
		return t, nil
	case *Class:
		return in.newSuper(c.Pos, t, obj)
	case *TypeValue, *ExcClass, HostClass:
		return UnknownAt(c.Pos, "super() over the built-in or host class %s is not evaluated", className(t)), nil
	}
	return nil, raise(c.Pos, "TypeError", "super() argument 1 must be a type, not %s", typ.TypeName())
}

func (in *Interp) newSuper(pos Pos, start *Class, obj Value) (Value, error) {
	switch o := obj.(type) {
	case *Unknown:
		return o, nil
	case *Instance:
		if o.Class.isSubclassOf(start) {
			return &superObject{start: start, obj: o, typ: o.Class}, nil
		}
	case *Class:
		if o.isSubclassOf(start) {
			return &superObject{start: start, obj: o, typ: o}, nil
		}
	}
	return nil, raise(pos, "TypeError", "super(type, obj): obj must be an instance or subtype of type")
}

// superAttr looks name up along the MRO after s.start, as super().name does.
func (in *Interp) superAttr(pos Pos, s *superObject, name string) (Value, error) {
	mro := s.typ.mro()
	i := 0
	for i < len(mro) && mro[i] != Value(s.start) {
		i++
	}
	for _, k := range mro[min(i+1, len(mro)):] {
		switch c := k.(type) {
		case *Class:
			if v, ok := c.ns.get(name); ok {
				return in.bindSuper(pos, s, v)
			}
		case *ExcClass:
			if name == "__init__" {
				return in.bindSuper(pos, s, excInit)
			}
			return UnknownAt(pos, "%s.%s reached through super() is not evaluated", c.Name, name), nil
		}
	}
	switch {
	case name == "__init__":
		return in.bindSuper(pos, s, objectInit)
	case name == "__setattr__":
		return in.bindSuper(pos, s, &nativeMethod{name: "__setattr__", fn: in.objectSetattr})
	case strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__"):
		return UnknownAt(pos, "object.%s reached through super() is not evaluated", name), nil
	}
	return nil, raise(pos, "AttributeError", "'super' object has no attribute '%s'", name)
}

// bindSuper binds what super() found the way the instance's own lookup would.
func (in *Interp) bindSuper(pos Pos, s *superObject, v Value) (Value, error) {
	_, isInstance := s.obj.(*Instance)
	switch f := v.(type) {
	case *Function, *nativeMethod:
		if isInstance {
			return &BoundMethod{Self: s.obj, Fn: v}, nil
		}
	case *classMethod:
		return &BoundMethod{Self: s.typ, Fn: f.fn}, nil
	case *staticMethod:
		return f.fn, nil
	case *property:
		if isInstance {
			return in.call(pos, f.fget, Args{Positional: []Value{s.obj}})
		}
	}
	return v, nil
}

// nativeMethod is a method the evaluator implements itself (a dataclass's __init__,
// object.__init__): like a def in a class body, it binds to the instance it is looked up
// on.
type nativeMethod struct {
	name string
	fn   func(c *Call, args Args) (Value, error)
}

func (*nativeMethod) TypeName() string { return "function" }

// Call implements Callable.
func (m *nativeMethod) Call(c *Call, args Args) (Value, error) { return m.fn(c, args) }

// objectInit is object.__init__: it takes nothing but the instance.
var objectInit = &nativeMethod{name: "__init__", fn: func(c *Call, args Args) (Value, error) {
	if len(args.Positional) != 1 || len(args.Keywords) > 0 {
		return nil, raise(c.Pos, "TypeError", "object.__init__() takes exactly one argument (the instance to initialize)")
	}
	return None, nil
}}

// excInit is BaseException.__init__ reached from a user exception class: it sets args.
var excInit = &nativeMethod{name: "__init__", fn: func(c *Call, args Args) (Value, error) {
	if len(args.Positional) == 0 {
		return nil, raise(c.Pos, "TypeError", "descriptor '__init__' of 'BaseException' object needs an argument")
	}
	inst, ok := args.Positional[0].(*Instance)
	if !ok {
		return UnknownAt(c.Pos, "BaseException.__init__ of a %s is not evaluated", args.Positional[0].TypeName()), nil
	}
	if len(args.Keywords) > 0 {
		return nil, raise(c.Pos, "TypeError", "%s() takes no keyword arguments", inst.Class.Name)
	}
	inst.attrs.set("args", append(Tuple{}, args.Positional[1:]...))
	return None, nil
}}

// objectSetattr is object.__setattr__(self, name, value), which classes that guard their
// own __setattr__ call to really set an attribute.
func (in *Interp) objectSetattr(c *Call, args Args) (Value, error) {
	if err := argCheck(c, "__setattr__", args, 3, 3); err != nil {
		return nil, err
	}
	name, ok := args.Positional[1].(Str)
	if !ok {
		if u := unknownOf(args.Positional[1]); u != nil {
			return u, nil
		}
		return nil, raise(c.Pos, "TypeError", "attribute name must be string, not '%s'", args.Positional[1].TypeName())
	}
	if err := in.setattr(c.Pos, args.Positional[0], string(name), args.Positional[2]); err != nil {
		return nil, err
	}
	return None, nil
}
