package config

import (
	"fmt"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// class is a Stelvio class as the evaluator sees it: callable to construct, usable as a
// value (a dict key in link_configs, an isinstance target), with class attributes (enum
// members, static methods).
type class struct {
	name      string
	module    string
	construct func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error)
	attrs     map[string]pyeval.Value
	partial   bool // construct handles calls whose */** arguments are not all known
}

// AcceptsPartialArgs implements pyeval.PartialCaller.
func (k *class) AcceptsPartialArgs() bool { return k.partial }

func (k *class) TypeName() string { return "type" }

func (k *class) String() string { return "<class '" + k.module + "." + k.name + "'>" }

func (k *class) Call(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	if k.construct == nil {
		return &pyeval.Unknown{Pos: c.Pos, Reason: k.name + "(...) is not modelled by stelvio-action"}, nil
	}
	return k.construct(c, args)
}

func (k *class) Attr(c *pyeval.Call, name string) (pyeval.Value, bool, error) {
	if v, ok := k.attrs[name]; ok {
		return v, true, nil
	}
	if name == "__name__" {
		return pyeval.Str(k.name), true, nil
	}
	return nil, false, nil
}

// method is a host method bound to its receiver.
type method struct {
	name string
	fn   func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error)
}

func (m *method) TypeName() string { return "method" }

func (m *method) Call(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	return m.fn(c, args)
}

// params binds call arguments to a Python signature, the way Python does, so host code
// reads arguments by name and users get Python's TypeError for a bad call.
type params struct {
	fn      string   // the callable's name, for messages
	names   []string // positional-or-keyword parameters
	kwOnly  []string
	varArgs bool // *args: extra positionals collected
	varKw   bool // **kwargs: extra keywords collected
}

// bound holds the arguments after binding: by name, plus extras.
type bound struct {
	vals   map[string]pyeval.Value
	extra  []pyeval.Value
	kwargs []pyeval.Keyword
	pos    pyeval.Pos
}

func (p params) bind(c *pyeval.Call, args pyeval.Args) (*bound, error) {
	b := &bound{vals: map[string]pyeval.Value{}, pos: c.Pos}
	for i, v := range args.Positional {
		if i < len(p.names) {
			b.vals[p.names[i]] = v
			continue
		}
		if !p.varArgs {
			return nil, pyeval.Errorf(c.Pos, "TypeError", "%s() takes %d positional arguments but %d were given",
				p.fn, len(p.names), len(args.Positional))
		}
		b.extra = append(b.extra, v)
	}
	for _, kw := range args.Keywords {
		if !p.has(kw.Name) {
			if !p.varKw {
				return nil, pyeval.Errorf(c.Pos, "TypeError", "%s() got an unexpected keyword argument '%s'", p.fn, kw.Name)
			}
			b.kwargs = append(b.kwargs, kw)
			continue
		}
		if _, dup := b.vals[kw.Name]; dup {
			return nil, pyeval.Errorf(c.Pos, "TypeError", "%s() got multiple values for argument '%s'", p.fn, kw.Name)
		}
		b.vals[kw.Name] = kw.Value
	}
	return b, nil
}

func (p params) has(name string) bool {
	for _, n := range p.names {
		if n == name {
			return true
		}
	}
	for _, n := range p.kwOnly {
		if n == name {
			return true
		}
	}
	return false
}

// kwargs0 returns an extra keyword argument (one collected by **kwargs).
func (b *bound) kwargs0(name string) (pyeval.Value, bool) {
	for _, kw := range b.kwargs {
		if kw.Name == name {
			return kw.Value, true
		}
	}
	return nil, false
}

// get returns the argument called name, or nil when it was not given.
func (b *bound) get(name string) pyeval.Value { return b.vals[name] }

// require returns the argument called name or Python's TypeError for a missing one.
func (b *bound) require(fn, name string) (pyeval.Value, error) {
	v, ok := b.vals[name]
	if !ok {
		return nil, pyeval.Errorf(b.pos, "TypeError", "%s() missing required argument: '%s'", fn, name)
	}
	return v, nil
}

// isNone reports whether v is absent or None.
func isNone(v pyeval.Value) bool {
	if v == nil {
		return true
	}
	_, ok := v.(pyeval.NoneType)
	return ok
}

// unknownIn returns the first Unknown in v (looking into lists, tuples and dicts), so a
// report names the root cause rather than the container.
func unknownIn(v pyeval.Value) *pyeval.Unknown {
	switch v := v.(type) {
	case *pyeval.Unknown:
		return v
	case pyeval.Tuple:
		for _, e := range v {
			if u := unknownIn(e); u != nil {
				return u
			}
		}
	case *pyeval.List:
		for _, e := range v.Elems {
			if u := unknownIn(e); u != nil {
				return u
			}
		}
	case *pyeval.Dict:
		for _, k := range v.Keys() {
			if u := unknownIn(k); u != nil {
				return u
			}
			e, _ := v.Get(k)
			if u := unknownIn(e); u != nil {
				return u
			}
		}
	}
	return nil
}

// str returns v as a Go string when it is a known str.
func str(v pyeval.Value) (string, bool) {
	s, ok := v.(pyeval.Str)
	return string(s), ok
}

// elems returns the elements of a list or tuple.
func elems(v pyeval.Value) ([]pyeval.Value, bool) {
	switch v := v.(type) {
	case *pyeval.List:
		return v.Elems, true
	case pyeval.Tuple:
		return v, true
	}
	return nil, false
}

// typeError is Python's TypeError at pos.
func typeError(pos pyeval.Pos, format string, args ...any) error {
	return pyeval.Errorf(pos, "TypeError", format, args...)
}

// describe names a value for a message: `'orders' (DynamoTable)`.
func describe(v pyeval.Value) string {
	switch v := v.(type) {
	case *Component:
		return fmt.Sprintf("%s %q", v.Kind, v.Name)
	case pyeval.Str:
		return fmt.Sprintf("%q", string(v))
	}
	return strings.TrimSpace(v.TypeName())
}
