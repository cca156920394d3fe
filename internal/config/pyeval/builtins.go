package pyeval

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TypeValue is a built-in type used as a value: str, int, list, dict... Calling it
// converts or constructs; isinstance tests against it.
type TypeValue struct {
	Name  string
	call  func(c *Call, args Args) (Value, error)
	check func(v Value) bool
}

func (*TypeValue) TypeName() string { return "type" }

// Call implements Callable.
func (t *TypeValue) Call(c *Call, args Args) (Value, error) { return t.call(c, args) }

// IsInstance implements HostClass.
func (t *TypeValue) IsInstance(v Value) bool { return t.check(v) }

// classMethod gives the few class-level functions apps use (dict.fromkeys, str.join...).
func (t *TypeValue) classMethod(in *Interp, name string) Value {
	switch {
	case t.Name == "dict" && name == "fromkeys":
		return &Builtin{Name: "dict.fromkeys", Fn: func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "fromkeys", args, 1, 2); err != nil {
				return nil, err
			}
			keys, u, err := in.toList(c.Pos, args.Positional[0])
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			d := NewDict()
			for _, k := range keys {
				if err := d.Set(k, arg(args, 1, "", None)); err != nil {
					return nil, at(err, c.Pos)
				}
			}
			return d, nil
		}}
	case t.Name == "str" || t.Name == "list" || t.Name == "dict" || t.Name == "set":
		var zero Value
		switch t.Name {
		case "str":
			zero = Str("")
		case "list":
			zero = &List{}
		case "dict":
			zero = NewDict()
		default:
			zero = NewSet()
		}
		if in.method(Pos{}, zero, name) == nil {
			return nil
		}
		// str.upper(s), list.append(l, x): call the method on the first argument.
		return &Builtin{Name: t.Name + "." + name, Fn: func(c *Call, args Args) (Value, error) {
			if len(args.Positional) == 0 {
				return nil, raise(c.Pos, "TypeError", "unbound method %s.%s() needs an argument", t.Name, name)
			}
			self := args.Positional[0]
			if u := unknownOf(self); u != nil {
				return u, nil
			}
			if !t.check(self) {
				return nil, raise(c.Pos, "TypeError", "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name, t.Name, self.TypeName())
			}
			m, err := in.getattr(c.Pos, self, name)
			if err != nil {
				return nil, err
			}
			return in.call(c.Pos, m, Args{Positional: args.Positional[1:], Keywords: args.Keywords})
		}}
	}
	return nil
}

func (in *Interp) builtin(ns *namespace, name string, fn func(c *Call, args Args) (Value, error)) {
	ns.set(name, &Builtin{Name: name, Fn: fn})
}

// notEvaluated makes a builtin that is never executed: it returns an Unknown saying why.
func notEvaluated(reason string) func(c *Call, args Args) (Value, error) {
	return func(c *Call, args Args) (Value, error) { return UnknownAt(c.Pos, "%s", reason), nil }
}

func newBuiltins(in *Interp) *namespace {
	ns := newNamespace()
	for name, exc := range excClasses() {
		ns.set(name, exc)
	}
	ns.set("None", None)
	ns.set("True", Bool(true))
	ns.set("False", Bool(false))
	ns.set("Ellipsis", Ellipsis)
	ns.set("NotImplemented", UnknownAt(Pos{}, "NotImplemented is not modelled"))
	ns.set("__debug__", Bool(true))
	in.types(ns)

	in.builtin(ns, "len", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "len", args, 1, 1); err != nil {
			return nil, err
		}
		switch x := plainOf(args.Positional[0]).(type) {
		case *Class:
			if x.enum != nil {
				return Int(len(x.enum.members)), nil
			}
		case Str:
			return Int(utf8.RuneCountInString(string(x))), nil
		case Bytes:
			return Int(len(x)), nil
		case Tuple:
			return Int(len(x)), nil
		case *List:
			return Int(len(x.Elems)), nil
		case *Dict:
			return Int(x.Len()), nil
		case *Set:
			return Int(x.Len()), nil
		case *rangeValue:
			return Int(x.length()), nil
		case *Unknown:
			return x, nil
		case *SymStr:
			return UnknownAt(c.Pos, "len() of a str known only at deploy time"), nil
		case Int, Float, Bool, NoneType, *Function, *Builtin, *Output, *Iterator:
			return nil, raise(c.Pos, "TypeError", "object of type '%s' has no len()", x.TypeName())
		}
		return UnknownAt(c.Pos, "len() of a %s object is not modelled", args.Positional[0].TypeName()), nil
	})
	in.builtin(ns, "range", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "range", args, 1, 3); err != nil {
			return nil, err
		}
		var nums [3]int64
		for i, a := range args.Positional {
			n, u, err := intArg(c, "range", a)
			if err != nil || u != nil {
				return u, err
			}
			nums[i] = n
		}
		switch len(args.Positional) {
		case 1:
			return &rangeValue{0, nums[0], 1}, nil
		case 2:
			return &rangeValue{nums[0], nums[1], 1}, nil
		}
		if nums[2] == 0 {
			return nil, raise(c.Pos, "ValueError", "range() arg 3 must not be zero")
		}
		return &rangeValue{nums[0], nums[1], nums[2]}, nil
	})
	in.builtin(ns, "enumerate", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "enumerate", args, 1, 2, "start"); err != nil {
			return nil, err
		}
		if it, ok := args.Positional[0].(*Iterator); ok {
			start, u, err := intArg(c, "enumerate", arg(args, 1, "start", Int(0)))
			if err != nil || u != nil {
				return u, err
			}
			next, _, _ := in.iter(c.Pos, it)
			i := start - 1
			return in.lazyZip(c.Pos, []iterFunc{next}, func(items []Value) (Value, error) {
				i++
				return Tuple{Int(i), items[0]}, nil
			}, "enumerate"), nil
		}
		items, u, err := in.toList(c.Pos, args.Positional[0])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		start, u2, err := intArg(c, "enumerate", arg(args, 1, "start", Int(0)))
		if err != nil || u2 != nil {
			return u2, err
		}
		out := make([]Value, len(items))
		for i, v := range items {
			out[i] = Tuple{Int(start + int64(i)), v}
		}
		return &List{Elems: out}, in.alloc(c.Pos, len(out))
	})
	in.builtin(ns, "zip", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "zip", args, 0, 1<<20, "strict"); err != nil {
			return nil, err
		}
		if _, strict := args.Kw("strict"); !strict && anyIterator(args.Positional) {
			nexts, u, err := in.iters(c.Pos, args.Positional)
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			return in.lazyZip(c.Pos, nexts, func(items []Value) (Value, error) { return Tuple(items), nil }, "zip"), nil
		}
		var lists [][]Value
		shortest := -1
		for _, a := range args.Positional {
			items, u, err := in.toList(c.Pos, a)
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			lists = append(lists, items)
			if shortest < 0 || len(items) < shortest {
				shortest = len(items)
			}
		}
		if strict, ok := args.Kw("strict"); ok {
			if t, _ := Truth(strict); t {
				for _, l := range lists {
					if len(l) != shortest {
						return nil, raise(c.Pos, "ValueError", "zip() arguments have different lengths")
					}
				}
			}
		}
		out := make([]Value, 0, max(shortest, 0))
		for i := 0; i < shortest; i++ {
			t := make(Tuple, len(lists))
			for j, l := range lists {
				t[j] = l[i]
			}
			out = append(out, t)
		}
		return &List{Elems: out}, in.alloc(c.Pos, len(out))
	})
	in.builtin(ns, "sorted", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "sorted", args, 1, 1, "key", "reverse"); err != nil {
			return nil, err
		}
		items, u, err := in.toList(c.Pos, args.Positional[0])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return in.sorted(c.Pos, items, args)
	})
	in.builtin(ns, "reversed", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "reversed", args, 1, 1); err != nil {
			return nil, err
		}
		switch x := args.Positional[0].(type) {
		case *Set, *Iterator:
			return nil, raise(c.Pos, "TypeError", "'%s' object is not reversible", x.TypeName())
		}
		items, u, err := in.toList(c.Pos, args.Positional[0])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
		return &List{Elems: items}, nil
	})
	for _, name := range []string{"min", "max"} {
		name := name
		in.builtin(ns, name, func(c *Call, args Args) (Value, error) {
			return in.minMax(c, name, args)
		})
	}
	in.builtin(ns, "sum", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "sum", args, 1, 2, "start"); err != nil {
			return nil, err
		}
		items, u, err := in.toList(c.Pos, args.Positional[0])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		total := arg(args, 1, "start", Int(0))
		if _, isStr := total.(Str); isStr {
			return nil, raise(c.Pos, "TypeError", "sum() can't sum strings [use ''.join(seq) instead]")
		}
		for _, v := range items {
			if total, err = in.binop(c.Pos, "+", total, v); err != nil {
				return nil, err
			}
		}
		return total, nil
	})
	for _, name := range []string{"any", "all"} {
		isAny := name == "any"
		in.builtin(ns, name, func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, name, args, 1, 1); err != nil {
				return nil, err
			}
			// like Python, stop at the first item that decides
			hit, u, err := in.firstMatch(c.Pos, args.Positional[0], func(v Value) (bool, *Unknown) {
				t, known := Truth(v)
				if !known {
					return false, in.unknownTruth(c.Pos, v)
				}
				return t == isAny, nil
			})
			switch {
			case err != nil:
				return nil, err
			case hit:
				return Bool(isAny), nil
			case u != nil:
				return u, nil
			}
			return Bool(!isAny), nil
		})
	}
	in.builtin(ns, "isinstance", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "isinstance", args, 2, 2); err != nil {
			return nil, err
		}
		return in.isInstance(c.Pos, args.Positional[0], args.Positional[1])
	})
	in.builtin(ns, "issubclass", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "issubclass", args, 2, 2); err != nil {
			return nil, err
		}
		sub, sup := args.Positional[0], args.Positional[1]
		if u := unknownOf(sub); u != nil {
			return u, nil
		}
		if u := unknownOf(sup); u != nil {
			return u, nil
		}
		switch s := sub.(type) {
		case *Class:
			if t, ok := sup.(*TypeValue); ok && s.enum != nil && s.enum.mixin != "" {
				return Bool(t.Name == s.enum.mixin || t.Name == "object"), nil
			}
			return Bool(s.isSubclassOf(sup)), nil
		case *ExcClass:
			if o, ok := sup.(*ExcClass); ok {
				return Bool(s.isSubclassOf(o)), nil
			}
			return Bool(false), nil
		}
		return Bool(identical(sub, sup)), nil
	})
	in.builtin(ns, "print", func(c *Call, args Args) (Value, error) { return None, nil })
	in.builtin(ns, "repr", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "repr", args, 1, 1); err != nil {
			return nil, err
		}
		return in.reprOf(c.Pos, args.Positional[0]), nil
	})
	in.builtin(ns, "ascii", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "ascii", args, 1, 1); err != nil {
			return nil, err
		}
		return in.reprOf(c.Pos, args.Positional[0]), nil
	})
	in.builtin(ns, "format", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "format", args, 1, 2); err != nil {
			return nil, err
		}
		return in.convertAndFormat(c.Pos, args.Positional[0], 0, arg(args, 1, "", Str("")))
	})
	in.builtin(ns, "getattr", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "getattr", args, 2, 3); err != nil {
			return nil, err
		}
		obj, name := args.Positional[0], args.Positional[1]
		if u := unknownOf(obj); u != nil {
			return u, nil
		}
		n, ok := name.(Str)
		if !ok {
			if u := unknownOf(name); u != nil || isSym(name) {
				return UnknownAt(c.Pos, "getattr() with an attribute name not known statically (%s)", describeValue(c.Pos, name)), nil
			}
			return nil, raise(c.Pos, "TypeError", "attribute name must be string, not '%s'", name.TypeName())
		}
		v, err := in.getattr(c.Pos, obj, string(n))
		if err != nil && len(args.Positional) == 3 {
			if pe, ok := err.(*PyError); ok && pe.Type == "AttributeError" {
				return args.Positional[2], nil
			}
		}
		return v, err
	})
	in.builtin(ns, "hasattr", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "hasattr", args, 2, 2); err != nil {
			return nil, err
		}
		n, ok := args.Positional[1].(Str)
		if !ok {
			if u := unknownOf(args.Positional[1]); u != nil || isSym(args.Positional[1]) {
				return UnknownAt(c.Pos, "hasattr() with an attribute name not known statically (%s)", describeValue(c.Pos, args.Positional[1])), nil
			}
			return nil, raise(c.Pos, "TypeError", "attribute name must be string")
		}
		return in.hasAttr(c.Pos, args.Positional[0], string(n))
	})
	in.builtin(ns, "callable", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "callable", args, 1, 1); err != nil {
			return nil, err
		}
		switch v := args.Positional[0].(type) {
		case *Unknown:
			return v, nil
		case *Function, *Builtin, *BoundMethod, *Class, *ExcClass, Callable:
			return Bool(true), nil
		}
		return Bool(false), nil
	})
	in.builtin(ns, "abs", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "abs", args, 1, 1); err != nil {
			return nil, err
		}
		v := args.Positional[0]
		if u := unknownOf(v); u != nil {
			return u, nil
		}
		i, f, isInt, ok := numeric(v)
		switch {
		case !ok:
			return nil, raise(c.Pos, "TypeError", "bad operand type for abs(): '%s'", v.TypeName())
		case isInt && i == math.MinInt64:
			return tooBig(c.Pos), nil
		case isInt && i < 0:
			return Int(-i), nil
		case isInt:
			return Int(i), nil
		}
		return Float(math.Abs(f)), nil
	})
	in.builtin(ns, "round", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "round", args, 1, 2, "ndigits"); err != nil {
			return nil, err
		}
		v := args.Positional[0]
		if u := unknownOf(v); u != nil {
			return u, nil
		}
		i, f, isInt, ok := numeric(v)
		if !ok {
			return nil, raise(c.Pos, "TypeError", "type %s doesn't define __round__ method", v.TypeName())
		}
		nd := arg(args, 1, "ndigits", None)
		if _, none := nd.(NoneType); none {
			if isInt {
				return Int(i), nil
			}
			if math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > 9e18 {
				return nil, raise(c.Pos, "OverflowError", "cannot convert float to integer")
			}
			return Int(int64(math.RoundToEven(f))), nil
		}
		n, u, err := intArg(c, "round", nd)
		if err != nil || u != nil {
			return u, err
		}
		if isInt {
			return Int(i), nil
		}
		s := strconv.FormatFloat(f, 'f', int(max(min(n, 300), 0)), 64)
		r, _ := strconv.ParseFloat(s, 64)
		return Float(r), nil
	})
	in.builtin(ns, "divmod", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "divmod", args, 2, 2); err != nil {
			return nil, err
		}
		q, err := in.binop(c.Pos, "//", args.Positional[0], args.Positional[1])
		if err != nil {
			return nil, err
		}
		m, err := in.binop(c.Pos, "%", args.Positional[0], args.Positional[1])
		if err != nil {
			return nil, err
		}
		return Tuple{q, m}, nil
	})
	in.builtin(ns, "pow", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "pow", args, 2, 2); err != nil {
			return nil, err
		}
		return in.binop(c.Pos, "**", args.Positional[0], args.Positional[1])
	})
	in.builtin(ns, "chr", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "chr", args, 1, 1); err != nil {
			return nil, err
		}
		n, u, err := intArg(c, "chr", args.Positional[0])
		if err != nil || u != nil {
			return u, err
		}
		if n < 0 || n > utf8.MaxRune {
			return nil, raise(c.Pos, "ValueError", "chr() arg not in range(0x110000)")
		}
		return Str(string(rune(n))), nil
	})
	in.builtin(ns, "ord", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "ord", args, 1, 1); err != nil {
			return nil, err
		}
		s, u, err := strArg(c, "ord", args.Positional[0])
		if err != nil || u != nil {
			return u, err
		}
		if utf8.RuneCountInString(s) != 1 {
			return nil, raise(c.Pos, "TypeError", "ord() expected a character, but string of length %d found", utf8.RuneCountInString(s))
		}
		r, _ := utf8.DecodeRuneInString(s)
		return Int(r), nil
	})
	for name, typ := range map[string]byte{"hex": 'x', "oct": 'o', "bin": 'b'} {
		typ := typ
		in.builtin(ns, name, func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, name, args, 1, 1); err != nil {
				return nil, err
			}
			n, u, err := intArg(c, name, args.Positional[0])
			if err != nil || u != nil {
				return u, err
			}
			s, err := formatInt(c.Pos, n, &fmtSpec{typ: typ, alt: true, precision: -1})
			return Str(s), err
		})
	}
	in.builtin(ns, "map", func(c *Call, args Args) (Value, error) {
		if len(args.Positional) < 2 {
			return nil, raise(c.Pos, "TypeError", "map() must have at least two arguments.")
		}
		if anyIterator(args.Positional[1:]) {
			nexts, u, err := in.iters(c.Pos, args.Positional[1:])
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			return in.lazyZip(c.Pos, nexts, func(items []Value) (Value, error) {
				return in.call(c.Pos, args.Positional[0], Args{Positional: items})
			}, "map"), nil
		}
		var lists [][]Value
		shortest := -1
		for _, a := range args.Positional[1:] {
			items, u, err := in.toList(c.Pos, a)
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			lists = append(lists, items)
			if shortest < 0 || len(items) < shortest {
				shortest = len(items)
			}
		}
		out := make([]Value, 0, shortest)
		for i := 0; i < shortest; i++ {
			call := make([]Value, len(lists))
			for j, l := range lists {
				call[j] = l[i]
			}
			v, err := in.call(c.Pos, args.Positional[0], Args{Positional: call})
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return &List{Elems: out}, nil
	})
	in.builtin(ns, "filter", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "filter", args, 2, 2); err != nil {
			return nil, err
		}
		if it, ok := args.Positional[1].(*Iterator); ok {
			return in.lazyFilter(c.Pos, args.Positional[0], it), nil
		}
		items, u, err := in.toList(c.Pos, args.Positional[1])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		fn := args.Positional[0]
		var out []Value
		for _, v := range items {
			keep := v
			if _, none := fn.(NoneType); !none {
				if keep, err = in.call(c.Pos, fn, Args{Positional: []Value{v}}); err != nil {
					return nil, err
				}
			}
			t, known := Truth(keep)
			if !known {
				return in.unknownTruth(c.Pos, keep), nil
			}
			if t {
				out = append(out, v)
			}
		}
		return &List{Elems: out}, nil
	})
	in.builtin(ns, "iter", in.iterOf)
	in.builtin(ns, "staticmethod", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "staticmethod", args, 1, 1); err != nil {
			return nil, err
		}
		return &staticMethod{fn: args.Positional[0]}, nil
	})
	in.builtin(ns, "classmethod", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "classmethod", args, 1, 1); err != nil {
			return nil, err
		}
		return &classMethod{fn: args.Positional[0]}, nil
	})
	in.builtin(ns, "property", func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "property", args, 1, 4); err != nil {
			return nil, err
		}
		return &property{fget: args.Positional[0]}, nil
	})
	in.builtin(ns, "id", notEvaluated("id() is a memory address, known only when the app runs"))
	in.builtin(ns, "hash", notEvaluated("hash() of a str is randomised per run"))
	in.builtin(ns, "next", in.next)
	in.superFn = &Builtin{Name: "super", Fn: in.superCall}
	ns.set("super", in.superFn)
	in.builtin(ns, "open", notEvaluated("open() reads a file at deploy time"))
	in.builtin(ns, "exec", notEvaluated("exec() runs code that is not evaluated"))
	in.builtin(ns, "eval", notEvaluated("eval() runs code that is not evaluated"))
	in.builtin(ns, "compile", notEvaluated("compile() is not evaluated"))
	in.builtin(ns, "__import__", notEvaluated("__import__() with a computed module name is not evaluated"))
	in.builtin(ns, "input", notEvaluated("input() reads from whoever runs the app"))
	in.builtin(ns, "globals", notEvaluated("globals() is not evaluated"))
	in.builtin(ns, "locals", notEvaluated("locals() is not evaluated"))
	in.builtin(ns, "vars", notEvaluated("vars() is not evaluated"))
	in.builtin(ns, "dir", notEvaluated("dir() is not evaluated"))
	in.builtin(ns, "setattr", func(c *Call, args Args) (Value, error) {
		in.report(c.Pos, "setattr() is not evaluated; the attribute is not set")
		return UnknownAt(c.Pos, "setattr() is not evaluated"), nil
	})
	in.builtin(ns, "delattr", func(c *Call, args Args) (Value, error) {
		in.report(c.Pos, "delattr() is not evaluated; the attribute is not deleted")
		return UnknownAt(c.Pos, "delattr() is not evaluated"), nil
	})
	in.builtin(ns, "breakpoint", func(c *Call, args Args) (Value, error) { return None, nil })
	in.builtin(ns, "help", notEvaluated("help() is not evaluated"))
	in.builtin(ns, "exit", notEvaluated("exit() is not evaluated"))
	in.builtin(ns, "quit", notEvaluated("quit() is not evaluated"))
	in.builtin(ns, "memoryview", notEvaluated("memoryview() is not evaluated"))
	in.builtin(ns, "bytearray", notEvaluated("bytearray() is not evaluated"))
	in.builtin(ns, "complex", notEvaluated("complex numbers are not evaluated"))
	return ns
}

func isSym(v Value) bool { _, ok := v.(*SymStr); return ok }

func describeValue(pos Pos, v Value) string {
	if u := unknownOf(v); u != nil {
		return describe(u)
	}
	return "a " + v.TypeName() + " known only at deploy time"
}

func (in *Interp) minMax(c *Call, name string, args Args) (Value, error) {
	if err := argCheck(c, name, args, 1, 1<<20, "key", "default"); err != nil {
		return nil, err
	}
	items := args.Positional
	if len(items) == 1 {
		var u *Unknown
		var err error
		items, u, err = in.toList(c.Pos, items[0])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
	}
	if len(items) == 0 {
		if d, ok := args.Kw("default"); ok {
			return d, nil
		}
		return nil, raise(c.Pos, "ValueError", "%s() iterable argument is empty", name)
	}
	keyFn, _ := args.Kw("key")
	keyOf := func(v Value) (Value, error) {
		if keyFn == nil {
			return v, nil
		}
		if _, none := keyFn.(NoneType); none {
			return v, nil
		}
		return in.call(c.Pos, keyFn, Args{Positional: []Value{v}})
	}
	best := items[0]
	bestKey, err := keyOf(best)
	if err != nil {
		return nil, err
	}
	for _, v := range items[1:] {
		k, err := keyOf(v)
		if err != nil {
			return nil, err
		}
		cmp, known, err := in.cmp(c.Pos, "<", k, bestKey, 0)
		if err != nil {
			return nil, err
		}
		if !known {
			return in.unknownCompare(c.Pos, k, bestKey), nil
		}
		if name == "min" && cmp < 0 || name == "max" && cmp > 0 && cmp != 2 {
			best, bestKey = v, k
		}
	}
	return best, nil
}

func (in *Interp) isInstance(pos Pos, v, cls Value) (Value, error) {
	if u := unknownOf(v); u != nil {
		return u, nil
	}
	switch c := cls.(type) {
	case *Unknown:
		return c, nil
	case Tuple:
		var unknown *Unknown
		for _, one := range c {
			r, err := in.isInstance(pos, v, one)
			if err != nil {
				return nil, err
			}
			if u := unknownOf(r); u != nil {
				unknown = u
				continue
			}
			if r == Bool(true) {
				return r, nil
			}
		}
		if unknown != nil {
			return unknown, nil
		}
		return Bool(false), nil
	case *Class:
		inst, ok := v.(*Instance)
		return Bool(ok && inst.Class.isSubclassOf(c)), nil
	case *ExcClass:
		switch x := v.(type) {
		case *ExcInstance:
			return Bool(x.Class.isSubclassOf(c)), nil
		case *Instance:
			return Bool(x.Class.isSubclassOf(c)), nil
		}
		return Bool(false), nil
	case HostClass:
		v = plainOf(v)
		if _, sym := v.(*SymStr); sym {
			if t, ok := c.(*TypeValue); ok {
				return Bool(t.Name == "str" || t.Name == "object"), nil
			}
		}
		return Bool(c.IsInstance(v)), nil
	}
	return nil, raise(pos, "TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union")
}

// types binds the built-in types.
func (in *Interp) types(ns *namespace) {
	add := func(name string, check func(Value) bool, call func(c *Call, args Args) (Value, error)) {
		ns.set(name, &TypeValue{Name: name, check: check, call: call})
	}
	add("object", func(Value) bool { return true }, func(c *Call, args Args) (Value, error) {
		return UnknownAt(c.Pos, "object() instances are not modelled"), nil
	})
	add("str", func(v Value) bool { _, s := v.(Str); return s || isSym(v) }, func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "str", args, 0, 3, "encoding", "errors"); err != nil {
			return nil, err
		}
		if len(args.Positional) == 0 {
			return Str(""), nil
		}
		if b, ok := args.Positional[0].(Bytes); ok && (len(args.Positional) > 1 || len(args.Keywords) > 0) {
			return Str(b), nil
		}
		return in.strOf(c.Pos, args.Positional[0]), nil
	})
	add("int", func(v Value) bool { _, i := v.(Int); _, b := v.(Bool); return i || b }, func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "int", args, 0, 2, "base"); err != nil {
			return nil, err
		}
		if len(args.Positional) == 0 {
			return Int(0), nil
		}
		return in.toInt(c, args.Positional[0], arg(args, 1, "base", nil))
	})
	add("float", func(v Value) bool { _, f := v.(Float); return f }, func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "float", args, 0, 1); err != nil {
			return nil, err
		}
		if len(args.Positional) == 0 {
			return Float(0), nil
		}
		v := args.Positional[0]
		if u := unknownOf(v); u != nil {
			return u, nil
		}
		if _, f, _, ok := numeric(v); ok {
			return Float(f), nil
		}
		if s, ok := v.(Str); ok {
			t := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(string(s), "_", "")))
			switch strings.TrimLeft(t, "+-") {
			case "inf", "infinity", "nan":
				f, _ := strconv.ParseFloat(t, 64)
				return Float(f), nil
			}
			f, err := strconv.ParseFloat(t, 64)
			if err != nil && !strings.Contains(err.Error(), "range") {
				return nil, raise(c.Pos, "ValueError", "could not convert string to float: %s", Repr(s))
			}
			return Float(f), nil
		}
		if isSym(v) {
			return UnknownAt(c.Pos, "float() of a str known only at deploy time"), nil
		}
		return nil, raise(c.Pos, "TypeError", "float() argument must be a string or a real number, not '%s'", v.TypeName())
	})
	add("bool", func(v Value) bool { _, b := v.(Bool); return b }, func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "bool", args, 0, 1); err != nil {
			return nil, err
		}
		if len(args.Positional) == 0 {
			return Bool(false), nil
		}
		t, known := Truth(args.Positional[0])
		if !known {
			return in.unknownTruth(c.Pos, args.Positional[0]), nil
		}
		return Bool(t), nil
	})
	add("list", func(v Value) bool { _, l := v.(*List); return l }, func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "list", args, 0, 1); err != nil {
			return nil, err
		}
		if len(args.Positional) == 0 {
			return &List{}, nil
		}
		items, u, err := in.toList(c.Pos, args.Positional[0])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return &List{Elems: items}, in.alloc(c.Pos, len(items))
	})
	add("tuple", func(v Value) bool { _, t := v.(Tuple); return t }, func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "tuple", args, 0, 1); err != nil {
			return nil, err
		}
		if len(args.Positional) == 0 {
			return Tuple{}, nil
		}
		items, u, err := in.toList(c.Pos, args.Positional[0])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return Tuple(items), in.alloc(c.Pos, len(items))
	})
	setCall := func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "set", args, 0, 1); err != nil {
			return nil, err
		}
		if len(args.Positional) == 0 {
			return NewSet(), nil
		}
		items, u, err := in.toList(c.Pos, args.Positional[0])
		if err != nil || u != nil {
			return unknownOr(u), err
		}
		return in.newSet(c.Pos, items)
	}
	add("set", func(v Value) bool { _, s := v.(*Set); return s }, setCall)
	add("frozenset", func(v Value) bool { _, s := v.(*Set); return s }, setCall)
	add("dict", func(v Value) bool { _, d := v.(*Dict); return d }, func(c *Call, args Args) (Value, error) {
		if err := argCheck(c, "dict", Args{Positional: args.Positional}, 0, 1); err != nil {
			return nil, err
		}
		d := NewDict()
		if len(args.Positional) == 1 {
			src := args.Positional[0]
			if it, ok := src.(*Iterator); ok {
				items, u, err := in.toList(c.Pos, it)
				if err != nil || u != nil {
					return unknownOr(u), err
				}
				src = &List{Elems: items}
			}
			if u := unknownOf(src); u != nil {
				return u, nil
			}
			if err := in.updateFrom(c.Pos, d, src); err != nil {
				return nil, err
			}
		}
		for _, kw := range args.Keywords {
			_ = d.Set(Str(kw.Name), kw.Value)
		}
		return d, nil
	})
	add("bytes", func(v Value) bool { _, b := v.(Bytes); return b }, func(c *Call, args Args) (Value, error) {
		if len(args.Positional) == 0 {
			return Bytes(""), nil
		}
		if s, ok := args.Positional[0].(Str); ok {
			return Bytes(s), nil
		}
		return UnknownAt(c.Pos, "bytes() of a %s is not evaluated", args.Positional[0].TypeName()), nil
	})
	add("type", func(v Value) bool {
		switch v.(type) {
		case *TypeValue, *Class, *ExcClass:
			return true
		}
		return false
	}, func(c *Call, args Args) (Value, error) {
		if len(args.Positional) != 1 {
			return UnknownAt(c.Pos, "type() with three arguments is not evaluated"), nil
		}
		return in.typeOf(c.Pos, args.Positional[0]), nil
	})
}

func (in *Interp) typeOf(pos Pos, v Value) Value {
	switch x := v.(type) {
	case *Unknown:
		return x
	case *Instance:
		return x.Class
	case *ExcInstance:
		return x.Class
	case *SymStr:
		v = Str("")
	}
	if t, ok := in.builtins.get(v.TypeName()); ok {
		if tv, ok := t.(*TypeValue); ok && tv.check(v) {
			return tv
		}
	}
	return UnknownAt(pos, "type() of a %s object is not modelled", v.TypeName())
}

func (in *Interp) toInt(c *Call, v, base Value) (Value, error) {
	v = plainOf(v)
	if u := unknownOf(v); u != nil {
		return u, nil
	}
	switch x := v.(type) {
	case Int:
		return x, nil
	case Bool:
		if x {
			return Int(1), nil
		}
		return Int(0), nil
	case Float:
		f := float64(x)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, raise(c.Pos, "ValueError", "cannot convert float %s to integer", floatRepr(f))
		}
		if math.Abs(f) >= 9.2e18 {
			return tooBig(c.Pos), nil
		}
		return Int(int64(f)), nil
	case Str:
		b := int64(10)
		if base != nil {
			n, u, err := intArg(c, "int", base)
			if err != nil || u != nil {
				return u, err
			}
			b = n
		}
		s := strings.TrimSpace(strings.ToLower(string(x)))
		neg := false
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
			neg = s[0] == '-'
			s = s[1:]
		}
		if b == 0 || b == 16 && strings.HasPrefix(s, "0x") || b == 8 && strings.HasPrefix(s, "0o") || b == 2 && strings.HasPrefix(s, "0b") {
			switch {
			case strings.HasPrefix(s, "0x"):
				b, s = 16, s[2:]
			case strings.HasPrefix(s, "0o"):
				b, s = 8, s[2:]
			case strings.HasPrefix(s, "0b"):
				b, s = 2, s[2:]
			case b == 0:
				b = 10
			}
		}
		if b < 2 || b > 36 {
			return nil, raise(c.Pos, "ValueError", "int() base must be >= 2 and <= 36, or 0")
		}
		if s == "" || strings.HasPrefix(s, "_") || strings.HasSuffix(s, "_") || strings.Contains(s, "__") {
			return nil, raise(c.Pos, "ValueError", "invalid literal for int() with base %d: %s", b, Repr(x))
		}
		n, err := strconv.ParseUint(strings.ReplaceAll(s, "_", ""), int(b), 64)
		if err != nil {
			if strings.Contains(err.Error(), "range") {
				return tooBig(c.Pos), nil
			}
			return nil, raise(c.Pos, "ValueError", "invalid literal for int() with base %d: %s", b, Repr(x))
		}
		if n > math.MaxInt64 {
			return tooBig(c.Pos), nil
		}
		if neg {
			return Int(-int64(n)), nil
		}
		return Int(n), nil
	case *SymStr:
		return UnknownAt(c.Pos, "int() of a str known only at deploy time"), nil
	}
	return nil, raise(c.Pos, "TypeError", "int() argument must be a string, a bytes-like object or a real number, not '%s'", v.TypeName())
}
