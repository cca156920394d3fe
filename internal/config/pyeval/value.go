// Package pyeval evaluates the subset of Python that Stelvio apps are written in, without
// running any of it: no subprocess, no file but the app's own sources, bounded in steps,
// depth, size and time. What cannot be known statically becomes an Unknown value that
// remembers where and why, so callers report it instead of guessing.
//
// Control flow that depends on an Unknown (if, while, match, a for loop or comprehension
// over one) is reported through Options.Report and not run: the names it would assign, and
// containers it would change in place, become Unknowns naming the cause; a return under it
// makes the function's result Unknown; a break under it stops the enclosing loop. In a
// generator, such code that would yield makes the rest of its items Unknown (generators
// run lazily, as far as their consumer asks: generator.go).
//
// This file is the contract between the interpreter and the code that gives it a world
// (the Stelvio host objects in package config). Host code implements Object and Callable.
package pyeval

import (
	"fmt"
	"strings"
)

// Pos is a place in a source file; Line and Col are 1-based, Col counts runes.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	if p.File == "" {
		return "<unknown>"
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Value is any Python value the interpreter handles.
type Value interface {
	// TypeName is the Python type name, used in messages ("str", "DynamoTable").
	TypeName() string
}

// NoneType is Python's None. Use None.
type NoneType struct{}

// None is the only NoneType value.
var None = NoneType{}

// Bool, Int, Float and Str are Python's scalars. Int is 64-bit: arithmetic that would
// overflow evaluates to Unknown rather than to a wrong number.
type (
	Bool  bool
	Int   int64
	Float float64
	Str   string
)

// Tuple is an immutable sequence.
type Tuple []Value

// List is a mutable sequence; it is shared by reference like a Python list.
type List struct{ Elems []Value }

// Unknown stands for a value that cannot be known without running the app (a file read,
// an environment variable, a library call). Pos is where it came from and Reason says why,
// in words a user can act on ("open() reads a file at deploy time").
type Unknown struct {
	Pos    Pos
	Reason string
}

// Ref names a deploy-time attribute of a component: Root is the component's Stelvio name,
// Path the attribute chain (["arn"], ["resources", "table", "name"]).
type Ref struct {
	Root string
	Path []string
}

func (r Ref) String() string {
	return "${" + r.Root + "." + strings.Join(r.Path, ".") + "}"
}

// Part is one piece of a Template: literal Text, or a Ref when Ref is non-nil.
type Part struct {
	Text string
	Ref  *Ref
}

// Template is a string known only symbolically, e.g. ${todos.arn}/index/*.
type Template []Part

func (t Template) String() string {
	var b strings.Builder
	for _, p := range t {
		if p.Ref != nil {
			b.WriteString(p.Ref.String())
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// Output is a Pulumi Output whose value is known as a Template. Attribute access on it
// extends the last Ref's path (Pulumi lifts attributes); .apply(f) calls f with a SymStr
// and wraps the result back into an Output.
type Output struct{ T Template }

// SymStr is a Python str whose text is a Template: what a lambda passed to Output.apply
// receives. Concatenation and f-strings keep it symbolic; other string methods give Unknown.
type SymStr struct{ T Template }

// Object is a host value with attributes (components, modules of the host, config
// dataclasses). Attr returns ok=false when the attribute does not exist, and the
// interpreter raises AttributeError for it, as Python would.
type Object interface {
	Value
	Attr(c *Call, name string) (v Value, ok bool, err error)
}

// Callable is anything that can be called: host classes and functions, bound host methods.
type Callable interface {
	Value
	Call(c *Call, args Args) (Value, error)
}

// Args are the evaluated arguments of a call, after * and ** expansion.
type Args struct {
	Positional []Value
	Keywords   []Keyword
	// Unknown is set when a * or ** argument could not be known: the arguments above are
	// then only the known ones. Only a PartialCaller is called that way.
	Unknown *Unknown
}

// PartialCaller is a host Callable that accepts calls whose */** arguments are not all
// known (Args.Unknown is set); other callables are not called then.
type PartialCaller interface {
	Callable
	AcceptsPartialArgs() bool
}

// Keyword is one name=value argument, kept in call order.
type Keyword struct {
	Name  string
	Value Value
}

// Kw returns the keyword argument called name.
func (a Args) Kw(name string) (Value, bool) {
	for _, k := range a.Keywords {
		if k.Name == name {
			return k.Value, true
		}
	}
	return nil, false
}

// Call is what a host call receives: where the call is in the source, and the interpreter,
// so host code can call back into user functions (link creators, decorators).
type Call struct {
	Interp *Interp
	Pos    Pos
}

// PyError is a Python exception raised by the app or by a host object (Stelvio's
// ValueError, TypeError, AttributeError...). It propagates as a Go error and `try`/`except`
// can catch it by Type.
type PyError struct {
	Type string
	Msg  string
	Pos  Pos
	// Value is the exception object when the app raised one (a user exception class
	// instance, or an Unknown it raised); nil for errors the interpreter or host raise.
	Value Value
}

func (e *PyError) Error() string { return fmt.Sprintf("%s: %s: %s", e.Pos, e.Type, e.Msg) }

// Errorf returns a *PyError of type typ at pos.
func Errorf(pos Pos, typ, format string, args ...any) *PyError {
	return &PyError{Type: typ, Msg: fmt.Sprintf(format, args...), Pos: pos}
}

func (NoneType) TypeName() string { return "NoneType" }
func (Bool) TypeName() string     { return "bool" }
func (Int) TypeName() string      { return "int" }
func (Float) TypeName() string    { return "float" }
func (Str) TypeName() string      { return "str" }
func (Tuple) TypeName() string    { return "tuple" }
func (*List) TypeName() string    { return "list" }
func (*Unknown) TypeName() string { return "unknown" }
func (*Output) TypeName() string  { return "Output" }
func (*SymStr) TypeName() string  { return "str" }
