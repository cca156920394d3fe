package pyeval

import (
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// The enum module: Enum, StrEnum, IntEnum, auto and unique, following Python 3.12 (the
// oldest Python Stelvio supports). Where 3.12 and 3.13 disagree (auto() after values that
// are not numbers, classes nested in an enum body) the class is Unknown.
//
// Members are Instances of the enum class, so methods, properties, isinstance() and type()
// work as for any class. Members of a str or int enum (StrEnum, IntEnum, class E(str, Enum))
// also carry that value as plain: wherever Python would use the member as the str or int
// it is, the evaluator uses plain (operators, comparisons, dict keys, str methods, format).

// enumInfo is what Enum and every class derived from it carry.
type enumInfo struct {
	mixin     string // "str", "int" or "": the built-in type members also are
	reprEnum  bool   // StrEnum, IntEnum: str() and format() are those of the value
	lowerAuto bool   // StrEnum: auto() is the member name in lower case
	// members are the canonical members in definition order; names every member name,
	// aliases too, in definition order; byName maps each name to its member.
	members []*Instance
	names   []string
	byName  map[string]*Instance

	// While the class body runs: what Python's enum class dictionary tracks.
	building   bool
	lastValues []Value
	autoCalled bool
	ignore     map[string]bool
	nextValue  Value // _generate_next_value_ defined in the body
	err        error
	unknown    *Unknown
}

// autoValue is what auto() returns: a placeholder the class body resolves.
type autoValue struct{}

func (*autoValue) TypeName() string { return "auto" }

func (in *Interp) enumModule() *Module {
	m := NewModule("enum")
	m.MissingReason = "only Enum, IntEnum, StrEnum, auto and unique of the enum module are evaluated"
	base := func(name string, bases []Value, info *enumInfo) *Class {
		c := &Class{Name: name, Module: m, Bases: bases, ns: newNamespace(), enum: info}
		c.ns.set("__module__", Str("enum"))
		c.ns.set("__qualname__", Str(name))
		m.SetAttr(name, c)
		return c
	}
	enum := base("Enum", nil, &enumInfo{})
	base("IntEnum", []Value{enum}, &enumInfo{mixin: "int", reprEnum: true})
	base("StrEnum", []Value{enum}, &enumInfo{mixin: "str", reprEnum: true, lowerAuto: true})
	m.SetAttr("auto", &Builtin{Name: "auto", Fn: func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "auto", args, 0, 0); err != nil {
			return nil, err
		}
		return &autoValue{}, nil
	}})
	m.SetAttr("unique", &Builtin{Name: "unique", Fn: in.enumUnique})
	return m
}

// enumBases works out, before the body of class cls runs, whether it is an enum: it
// derives from an enum class, perhaps with str or int mixed in (typeBases). It returns
// an error for what Python refuses and an Unknown for what the evaluator does not model.
func (in *Interp) enumBases(pos Pos, cls *Class, typeBases []*TypeValue) (*enumInfo, *Unknown, error) {
	var parent *enumInfo
	for _, b := range cls.Bases {
		k, ok := b.(*Class)
		if !ok || k.enum == nil {
			continue
		}
		if len(k.enum.members) > 0 {
			return nil, nil, raise(pos, "TypeError", "<enum '%s'> cannot extend <enum '%s'>", cls.Name, k.Name)
		}
		if parent == nil {
			parent = k.enum
		}
	}
	if parent == nil {
		if len(typeBases) > 0 {
			return nil, UnknownAt(pos, "class %s derives from the built-in type %s, which the evaluator does not model", cls.Name, typeBases[0].Name), nil
		}
		return nil, nil, nil
	}
	info := &enumInfo{mixin: parent.mixin, reprEnum: parent.reprEnum, lowerAuto: parent.lowerAuto, byName: map[string]*Instance{}, building: true, ignore: map[string]bool{}}
	for _, t := range typeBases {
		if t.Name != "str" && t.Name != "int" || info.mixin != "" && info.mixin != t.Name {
			return nil, UnknownAt(pos, "enum %s mixes in the built-in type %s, which the evaluator does not model", cls.Name, t.Name), nil
		}
		info.mixin = t.Name
	}
	return info, nil, nil
}

// enumBody runs the body of an enum class and makes its members. Python stops the body
// at the first assignment its enum dictionary refuses; the evaluator stops after the
// statement holding it.
func (in *Interp) enumBody(body *frame, ss []pyast.Stmt, pos Pos) (Value, error) {
	for _, s := range ss {
		if _, err := in.execBlock(body, []pyast.Stmt{s}); err != nil {
			return nil, err
		}
		if body.cls.enum.err != nil {
			break
		}
	}
	return in.makeEnum(pos, body.cls)
}

// enumAssign is a name bound in the body of an enum class, as Python's enum class
// dictionary sees it: it resolves auto(), and records (in info.err) the first error
// Python would raise there. It returns the value to bind.
func (in *Interp) enumAssign(fr *frame, name string, v Value) Value {
	cls, e := fr.cls, fr.cls.enum
	if e.err != nil || e.unknown != nil {
		return v
	}
	pos := in.pos
	fail := func(typ, format string, args ...any) Value {
		e.err = raise(pos, typ, format, args...)
		return v
	}
	isMember := func(n string) bool {
		for _, m := range e.names {
			if m == n {
				return true
			}
		}
		return false
	}
	switch {
	case strings.HasPrefix(name, "_"+strings.TrimLeft(cls.Name, "_")+"__"):
		return v // a private name: a plain attribute
	case isSunder(name):
		switch name {
		case "_order_", "_numeric_repr_", "_missing_", "_iter_member_", "_iter_member_by_value_", "_iter_member_by_def_":
		case "_generate_next_value_":
			if e.autoCalled {
				return fail("TypeError", "_generate_next_value_ must be defined before members")
			}
			e.nextValue = v
			if sm, ok := v.(*staticMethod); ok {
				e.nextValue = sm.fn
			}
		case "_ignore_":
			names, u, err := in.ignoredNames(pos, v)
			if err != nil || u != nil {
				e.err, e.unknown = err, u
				return v
			}
			for _, n := range names {
				if isMember(n) {
					return fail("ValueError", "_ignore_ cannot specify already set names: {%s}", Repr(Str(n)))
				}
				e.ignore[n] = true
			}
		default:
			return fail("ValueError", "_sunder_ names, such as %s, are reserved for future Enum use", Repr(Str(name)))
		}
		return v
	case isDunder(name):
		if name == "__new__" {
			e.unknown = UnknownAt(pos, "enum %s defines __new__, which the evaluator does not model", cls.Name)
		}
		return v
	case isMember(name):
		old, _ := fr.vars.get(name)
		return fail("TypeError", "%s already defined as %s", Repr(Str(name)), Repr(old))
	case e.ignore[name]:
		return v
	case isDescriptor(v):
		return v
	}
	if k, ok := v.(*Class); ok && k.Pos.File == cls.Pos.File && k.Pos.Line > cls.Pos.Line {
		// a class defined in the body (one defined elsewhere is a member in both)
		e.unknown = UnknownAt(k.Pos, "enum %s defines the class %s in its body, which Python 3.12 makes a member and 3.13 does not", cls.Name, k.Name)
		return v
	}
	if old, ok := fr.vars.get(name); ok {
		return fail("TypeError", "%s already defined as %s", Repr(Str(name)), Repr(old))
	}
	resolve := func(a Value) Value {
		if _, ok := a.(*autoValue); !ok || e.err != nil || e.unknown != nil {
			return a
		}
		r := in.nextEnumValue(pos, cls, name)
		e.autoCalled = true
		e.lastValues = append(e.lastValues, r)
		return r
	}
	var value Value
	switch x := v.(type) {
	case *autoValue:
		value = resolve(x)
	case Tuple:
		out := make(Tuple, len(x))
		autos := false
		for i, a := range x {
			_, isAuto := a.(*autoValue)
			autos = autos || isAuto
			out[i] = resolve(a)
		}
		value = out
		if !autos {
			e.lastValues = append(e.lastValues, value)
		}
	default:
		value = v
		e.lastValues = append(e.lastValues, value)
	}
	e.names = append(e.names, name)
	return value
}

// nextEnumValue is the value auto() stands for: _generate_next_value_ of the class, or
// StrEnum's (the name in lower case), or Enum's (one more than the largest value, 1 for
// the first).
func (in *Interp) nextEnumValue(pos Pos, cls *Class, name string) Value {
	e := cls.enum
	last := append([]Value(nil), e.lastValues...)
	gen := e.nextValue
	if gen == nil {
		for _, k := range cls.mro()[1:] {
			if b, ok := k.(*Class); ok && b.enum != nil {
				if v, ok := b.ns.get("_generate_next_value_"); ok {
					gen = v
					if sm, ok := v.(*staticMethod); ok {
						gen = sm.fn
					}
					break
				}
			}
		}
	}
	if gen != nil {
		r, err := in.call(pos, gen, Args{Positional: []Value{Str(name), Int(1), Int(len(e.names)), &List{Elems: last}}})
		if err != nil {
			e.err = err
			return None
		}
		return r
	}
	if e.lowerAuto {
		return Str(strings.ToLower(name))
	}
	if len(last) == 0 {
		return Int(1)
	}
	var best Value
	for _, v := range last {
		if _, _, _, ok := numeric(v); !ok {
			e.unknown = UnknownAt(pos, "auto() after the value %s: Python 3.12 and 3.13 number it differently", Repr(v))
			return None
		}
		if best == nil {
			best = v
		} else if c, _, _ := in.cmp(pos, "<", best, v, 0); c < 0 {
			best = v
		}
	}
	r, err := in.binop(pos, "+", best, Int(1))
	if err != nil {
		e.err = err
		return None
	}
	return r
}

func (in *Interp) ignoredNames(pos Pos, v Value) ([]string, *Unknown, error) {
	if s, ok := v.(Str); ok {
		return strings.Fields(strings.ReplaceAll(string(s), ",", " ")), nil, nil
	}
	items, u, err := in.toList(pos, v)
	if err != nil || u != nil {
		return nil, u, err
	}
	var out []string
	for _, it := range items {
		s, ok := it.(Str)
		if !ok {
			return nil, UnknownAt(pos, "_ignore_ holds a %s, which the evaluator does not model", it.TypeName()), nil
		}
		out = append(out, string(s))
	}
	return out, nil, nil
}

func isDunder(name string) bool {
	return len(name) > 4 && strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__") && name[2] != '_' && name[len(name)-3] != '_'
}

func isSunder(name string) bool {
	return len(name) > 2 && name[0] == '_' && name[len(name)-1] == '_' && name[1] != '_' && name[len(name)-2] != '_'
}

// isDescriptor is Python's test for what stays a plain attribute of an enum class: the
// values with __get__, __set__ or __delete__ (functions and the method decorators).
func isDescriptor(v Value) bool {
	switch v.(type) {
	case *Function, *nativeMethod, *staticMethod, *classMethod, *property, *asyncFunction:
		return true
	}
	return false
}

// makeEnum turns the values the body of an enum class bound into its members.
func (in *Interp) makeEnum(pos Pos, cls *Class) (Value, error) {
	e := cls.enum
	e.building = false
	if e.err != nil {
		return nil, e.err
	}
	if e.unknown != nil {
		return e.unknown, nil
	}
	for n := range e.ignore {
		cls.ns.del(n)
	}
	init, hasInit := cls.lookup("__init__")
	for _, name := range e.names {
		value, _ := cls.ns.get(name)
		if u := unknownOf(value); u != nil {
			return &Unknown{Pos: pos, Reason: "the value of " + cls.Name + "." + name + " is not known statically (" + describe(u) + ")"}, nil
		}
		args := Tuple{value}
		if t, ok := value.(Tuple); ok {
			args = t
		}
		m := &Instance{Class: cls, attrs: newNamespace()}
		if e.mixin != "" {
			plain, u, err := in.memberPlain(pos, cls, args)
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			m.plain, value = plain, plain
		}
		m.attrs.set("_name_", Str(name))
		m.attrs.set("_value_", value)
		if hasInit {
			if _, err := in.call(pos, init, Args{Positional: append(Tuple{m}, args...)}); err != nil {
				return nil, err
			}
		}
		canonical, u := in.enumByValue(pos, cls, value)
		if u != nil {
			return &Unknown{Pos: pos, Reason: "whether " + cls.Name + "." + name + " is an alias is not known statically (" + describe(u) + ")"}, nil
		}
		if canonical == nil {
			canonical = m
			e.members = append(e.members, m)
		}
		e.byName[name] = canonical
		cls.ns.set(name, canonical)
	}
	return cls, nil
}

// memberPlain is the str or int a member of a str or int enum is: what str(*args) or
// int(*args) gives, except that StrEnum wants a str.
func (in *Interp) memberPlain(pos Pos, cls *Class, args Tuple) (Value, *Unknown, error) {
	c := &Call{Interp: in, Pos: pos}
	if len(args) != 1 && (cls.enum.mixin == "str" || len(args) != 2) {
		return nil, UnknownAt(pos, "enum %s: a %s member made from %d values is not evaluated", cls.Name, cls.enum.mixin, len(args)), nil
	}
	var v Value
	var err error
	switch {
	case cls.enum.mixin == "int":
		v, err = in.toInt(c, args[0], arg(Args{Positional: args}, 1, "", nil))
	case cls.enum.lowerAuto:
		if _, ok := args[0].(Str); !ok {
			return nil, nil, raise(pos, "TypeError", "%s is not a string", Repr(args[0]))
		}
		v = args[0]
	default:
		v = in.strOf(pos, args[0])
	}
	if err != nil {
		return nil, nil, err
	}
	if u := unknownOf(v); u != nil {
		return nil, u, nil
	}
	if _, sym := v.(*SymStr); sym {
		return nil, UnknownAt(pos, "enum %s has a member whose value is known only at deploy time", cls.Name), nil
	}
	return v, nil, nil
}

// enumByValue finds the member whose value equals v (nil when none does), or the Unknown
// that makes it impossible to tell.
func (in *Interp) enumByValue(pos Pos, cls *Class, v Value) (*Instance, *Unknown) {
	for _, m := range cls.enum.members {
		mv, _ := m.attrs.get("_value_")
		eq, known := in.equal(mv, v, 0)
		if !known {
			return nil, in.unknownCompare(pos, mv, v)
		}
		if eq {
			return m, nil
		}
	}
	return nil, nil
}

// enumCall is calling an enum class: Env("prod") finds the member by value.
func (in *Interp) enumCall(pos Pos, cls *Class, args Args) (Value, error) {
	e := cls.enum
	if len(args.Positional) == 0 && len(args.Keywords) == 0 {
		return nil, raise(pos, "TypeError", "EnumType.__call__() missing 1 required positional argument: 'value'")
	}
	if len(e.members) == 0 || len(args.Positional) != 1 || len(args.Keywords) > 0 {
		return UnknownAt(pos, "calling %s with these arguments is the functional Enum API, which is not evaluated", cls.Name), nil
	}
	v := args.Positional[0]
	if u := unknownOf(v); u != nil {
		return u, nil
	}
	if m, ok := v.(*Instance); ok && m.Class.isSubclassOf(cls) {
		return m, nil
	}
	m, u := in.enumByValue(pos, cls, v)
	if u != nil {
		return u, nil
	}
	if m != nil {
		return m, nil
	}
	if missing, ok := cls.lookup("_missing_"); ok {
		bound, _ := in.classAttr(cls, "_missing_")
		if _, isClassMethod := missing.(*classMethod); !isClassMethod {
			bound = missing
		}
		r, err := in.call(pos, bound, Args{Positional: []Value{v}})
		if err != nil {
			return nil, err
		}
		if u := unknownOf(r); u != nil {
			return u, nil
		}
		if m, ok := r.(*Instance); ok && m.Class.isSubclassOf(cls) {
			return m, nil
		}
		if _, none := r.(NoneType); !none {
			return nil, raise(pos, "TypeError", "error in %s._missing_: returned %s instead of None or a valid member", cls.Name, Repr(r))
		}
	}
	return nil, raise(pos, "ValueError", "%s is not a valid %s", Repr(v), qualName(cls))
}

func qualName(c *Class) string {
	if q, ok := c.ns.get("__qualname__"); ok {
		if s, ok := q.(Str); ok {
			return string(s)
		}
	}
	return c.Name
}

// enumItem is Env["PROD"]: the member by name, aliases included.
func (in *Interp) enumItem(pos Pos, cls *Class, key Value) (Value, error) {
	if u := unknownOf(key); u != nil {
		return u, nil
	}
	if s, ok := key.(Str); ok {
		if m, ok := cls.enum.byName[string(s)]; ok {
			return m, nil
		}
	}
	if _, err := hashKey(key); err != nil {
		return nil, at(err, pos)
	}
	return nil, in.keyError(pos, key)
}

// enumContains is `v in Env`: a member of it, or (since Python 3.12) one of its values.
func (in *Interp) enumContains(pos Pos, cls *Class, v Value) Value {
	if u := unknownOf(v); u != nil {
		return u
	}
	if m, ok := v.(*Instance); ok && m.Class.isSubclassOf(cls) {
		return Bool(true)
	}
	m, u := in.enumByValue(pos, cls, v)
	if u != nil {
		return u
	}
	return Bool(m != nil)
}

// enumClassAttr gives the attributes every enum class has beyond its own.
func (in *Interp) enumClassAttr(pos Pos, cls *Class, name string) (Value, bool) {
	e := cls.enum
	switch name {
	case "__members__", "_member_map_":
		d := NewDict()
		for _, n := range e.names {
			_ = d.Set(Str(n), e.byName[n])
		}
		return d, true
	case "_member_names_":
		l := &List{}
		for _, m := range e.members {
			n, _ := m.attrs.get("_name_")
			l.Elems = append(l.Elems, n)
		}
		return l, true
	}
	if isDunder(name) || isSunder(name) {
		return UnknownAt(pos, "%s.%s of an enum class is not evaluated", cls.Name, name), true
	}
	return nil, false
}

// enumUnique is the @unique decorator: it refuses aliases.
func (in *Interp) enumUnique(c *Call, args Args) (Value, error) {
	if err := argCheck(c, "unique", args, 1, 1); err != nil {
		return nil, err
	}
	cls, ok := args.Positional[0].(*Class)
	if !ok || cls.enum == nil {
		if u := unknownOf(args.Positional[0]); u != nil {
			return u, nil
		}
		return UnknownAt(c.Pos, "unique() of a %s is not evaluated", args.Positional[0].TypeName()), nil
	}
	var dups []string
	for _, n := range cls.enum.names {
		m := cls.enum.byName[n]
		if canon, _ := m.attrs.get("_name_"); canon != Str(n) {
			dups = append(dups, n+" -> "+StrOf(canon))
		}
	}
	if len(dups) > 0 {
		return nil, raise(c.Pos, "ValueError", "duplicate values found in <enum '%s'>: %s", cls.Name, strings.Join(dups, ", "))
	}
	return cls, nil
}

// member reports whether i is a member of an enum, and gives its name.
func (i *Instance) member() (string, bool) {
	if i.Class.enum == nil {
		return "", false
	}
	n, ok := i.attrs.get("_name_")
	s, isStr := n.(Str)
	return string(s), ok && isStr
}

// plainOf is the str or int that a member of a str or int enum is, or v itself.
func plainOf(v Value) Value {
	if p, ok := enumPlain(v); ok {
		return p
	}
	return v
}

// enumPlain is plainOf that says whether v was such a member.
func enumPlain(v Value) (Value, bool) {
	if i, ok := v.(*Instance); ok && i.plain != nil {
		return i.plain, true
	}
	return nil, false
}

// ownMethod reports whether an enum class defines name itself (or in a user base),
// rather than taking Enum's: the evaluator does not run such __str__ and __format__.
func ownMethod(c *Class, name string) bool {
	_, ok := c.lookup(name)
	return ok
}

// enumStr is str() of a member. An enum's own __str__ is run (apps often write one that
// returns the value); what goes wrong in it makes the text Unknown, naming the error.
func (in *Interp) enumStr(pos Pos, m *Instance, name string) Value {
	if ownMethod(m.Class, "__str__") {
		fn, _, err := in.instanceAttr(pos, m, "__str__")
		var r Value
		if err == nil {
			r, err = in.call(pos, fn, Args{})
		}
		if err != nil {
			return UnknownAt(pos, "str() of %s.%s: its __str__ failed: %v", m.Class.Name, name, err)
		}
		switch r.(type) {
		case Str, *SymStr, *Unknown:
			return r
		}
		return UnknownAt(pos, "str() of %s.%s: __str__ returned non-string (type %s)", m.Class.Name, name, r.TypeName())
	}
	if m.Class.enum.reprEnum && m.plain != nil {
		return in.strOf(pos, m.plain)
	}
	return Str(m.Class.Name + "." + name)
}

// enumFormat is format(member, spec): the value's for StrEnum and IntEnum, else str()'s.
func (in *Interp) enumFormat(pos Pos, m *Instance, name, spec string) (Value, error) {
	if ownMethod(m.Class, "__format__") {
		return UnknownAt(pos, "format() of %s.%s calls the enum's own __format__, which is not evaluated", m.Class.Name, name), nil
	}
	s := in.enumStr(pos, m, name)
	if m.Class.enum.reprEnum && m.plain != nil && unknownOf(s) == nil {
		return in.formatValue(pos, m.plain, spec)
	}
	if unknownOf(s) != nil {
		return s, nil
	}
	return in.formatValue(pos, s, spec)
}
