package pyeval

import (
	"fmt"
	"iter"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// Generators run lazily, as in Python: a generator function's body runs only as far as
// its consumer asks, in a coroutine (iter.Pull) that is suspended at each yield. So
// `next(gen())`, `zip(names, gen())` and a `for` loop that breaks early take only what
// they need, an infinite generator is fine until something tries to exhaust it (then the
// step or size budget stops it), and code after the last item consumed never runs.
//
// A generator whose items cannot be followed (a yield under an `if` on an Unknown, a
// `yield from` an Unknown) ends its iteration with unknownRest: the consumer knows the
// items it got, and that the rest is Unknown.

// maxSuspended bounds the generators started and not yet run to their end, each a
// suspended coroutine holding memory.
const maxSuspended = 1000

// genState is a generator function's body, run in a coroutine.
type genState struct {
	fn      *Function
	frame   *frame
	pos     Pos // where the generator was made
	next    func() (Value, bool)
	stop    func()
	yield   func(Value) bool
	running bool
	ret     Value    // what the body returned, the value of a `yield from` it
	err     error    // what the body raised, for the consumer
	unknown *Unknown // set when the rest of the items is not known
}

// genStop unwinds a generator's body without running any more of its code (no except or
// finally): the generator was closed (unknown is nil), or what it yields next is not known.
type genStop struct{ unknown *Unknown }

func (e *genStop) Error() string {
	if e.unknown != nil {
		return "generator stopped: " + describe(e.unknown)
	}
	return "generator closed"
}

// newGenerator is calling a generator function: its arguments are bound now, its body
// runs when the generator is first iterated.
func (in *Interp) newGenerator(pos Pos, f *Function, fr *frame) *Iterator {
	g := &genState{fn: f, frame: fr, pos: pos}
	fr.gen = g
	return &Iterator{typ: "generator", gen: g}
}

// resume runs a generator function's body up to its next yield.
func (in *Interp) resume(pos Pos, it *Iterator) (Value, bool, error) {
	g := it.gen
	if g.unknown != nil && g.next == nil {
		return nil, false, &unknownRest{g.unknown} // left suspended by an earlier evaluation
	}
	if g.running {
		return nil, false, raise(pos, "ValueError", "generator already executing")
	}
	if in.depth >= in.opts.MaxDepth {
		return nil, false, raise(pos, "RecursionError", "maximum recursion depth exceeded resuming %s (the limit is %d nested calls)", g.fn.Name, in.opts.MaxDepth)
	}
	if g.next == nil {
		if len(in.suspended) >= maxSuspended {
			return nil, false, &LimitError{Limit: "generators", Pos: pos, Msg: fmt.Sprintf("more than %d generators are started and not run to their end", maxSuspended)}
		}
		g.next, g.stop = iter.Pull(in.genBody(g))
		in.suspended[it] = true
	}
	g.running = true
	in.depth++
	v, ok := g.next()
	in.depth--
	g.running = false
	if ok {
		return v, true, nil
	}
	delete(in.suspended, it)
	if g.err != nil {
		return nil, false, g.err
	}
	if g.unknown != nil {
		return nil, false, &unknownRest{g.unknown}
	}
	return nil, false, nil
}

// genBody is the body of a generator function as an iterator.
func (in *Interp) genBody(g *genState) iter.Seq[Value] {
	return func(yield func(Value) bool) {
		g.yield = yield
		var fl flow
		var err error
		if g.fn.expr != nil {
			_, err = in.eval(g.frame, g.fn.expr)
		} else {
			fl, err = in.execBlock(g.frame, g.fn.body)
		}
		switch e := err.(type) {
		case nil:
			if fl == flowReturn {
				g.ret = g.frame.ret
			}
		case *genStop:
			if e.unknown != nil { // else closed: whoever closed it says what follows
				g.unknown = e.unknown
			}
		case *PyError:
			if e.Type == "StopIteration" {
				err = raise(e.Pos, "RuntimeError", "generator raised StopIteration")
			}
			g.err = err
		default:
			g.err = err
		}
	}
}

// closeSuspended stops the generators still suspended when the outermost evaluation
// ends, so no coroutine outlives it. Consuming one later gives an Unknown.
func (in *Interp) closeSuspended() {
	for it := range in.suspended {
		g := it.gen
		stop := g.stop
		g.next, g.stop = nil, nil
		g.unknown = &Unknown{Pos: g.pos, Reason: "the generator " + g.fn.Name + " was left suspended when the evaluation that started it ended; its remaining items are not evaluated"}
		delete(in.suspended, it)
		stop()
	}
}

// yieldExpr is `yield value` and `yield from iterable` in the body of a generator.
func (in *Interp) yieldExpr(fr *frame, e *pyast.Yield, pos Pos) (Value, error) {
	switch {
	case fr.kind == compFrame:
		return nil, raise(pos, "SyntaxError", "'yield' inside %s", compName(fr.comp))
	case fr.kind != funcFrame || fr.gen == nil:
		return nil, raise(pos, "SyntaxError", "'yield' outside function")
	}
	var v Value = None
	if e.Value != nil {
		var err error
		if v, err = in.eval(fr, e.Value); err != nil {
			return nil, err
		}
	}
	if e.From {
		return in.yieldFrom(fr, pos, v)
	}
	if !fr.gen.yield(v) {
		return nil, &genStop{}
	}
	return None, nil // what send() would pass in; only next() is evaluated
}

func compName(kind string) string {
	switch kind {
	case "gen":
		return "generator expression"
	case "list", "set", "dict":
		return kind + " comprehension"
	}
	return "comprehension"
}

// yieldFrom yields every item of v; its value is what a sub-generator returned.
func (in *Interp) yieldFrom(fr *frame, pos Pos, v Value) (Value, error) {
	next, u, err := in.iter(pos, v)
	if err != nil {
		return nil, err
	}
	for u == nil {
		item, ok, err := next()
		if rest, isRest := err.(*unknownRest); isRest {
			u = rest.u
			break
		}
		if err != nil {
			return nil, err
		}
		if !ok {
			if sub, isGen := v.(*Iterator); isGen && sub.gen != nil && sub.gen.ret != nil {
				return sub.gen.ret, nil
			}
			return None, nil
		}
		if !fr.gen.yield(item) {
			return nil, &genStop{}
		}
	}
	in.reportCause(pos, "cannot follow this `yield from`: it delegates to values not known statically ("+describe(u)+"); the generator's remaining items are not evaluated", u)
	return nil, &genStop{unknown: &Unknown{Pos: pos, Reason: "the items of " + fr.fn.Name + " from line " + itoa(pos.Line) + " on are not known statically: the `yield from` there delegates to values not known statically (" + describe(u) + ")"}}
}

// genUncertain is the stop of a generator whose code that could not be followed (under
// an Unknown) would have yielded, returned or left a loop: what it yields from there on
// is not known.
func genUncertain(fr *frame, pos Pos, what string, u *Unknown) error {
	return &genStop{unknown: &Unknown{Pos: pos, Reason: "the items of " + fr.fn.Name + " from line " + itoa(pos.Line) + " on are not known statically: the " + what + " there could not be followed (" + describe(u) + ")"}}
}

// hasYield reports whether evaluating e would yield.
func hasYield(e pyast.Expr) bool {
	found := false
	walkExpr(e, func(x pyast.Expr) bool {
		switch x.(type) {
		case *pyast.Yield:
			found = true
		case *pyast.Lambda:
			return false
		}
		return !found
	})
	return found
}

// generatorMethod gives the methods of a generator object apps call.
func (in *Interp) generatorMethod(pos Pos, it *Iterator, name string) (Value, error) {
	switch name {
	case "__next__":
		return &Builtin{Name: it.typ + ".__next__", Fn: func(c *Call, args Args) (Value, error) {
			return in.next(c, Args{Positional: append([]Value{it}, args.Positional...), Keywords: args.Keywords})
		}}, nil
	case "__iter__":
		return &Builtin{Name: it.typ + ".__iter__", Fn: func(c *Call, args Args) (Value, error) { return it, nil }}, nil
	}
	if it.typ == "generator" {
		switch name {
		case "send":
			return &Builtin{Name: "generator.send", Fn: func(c *Call, args Args) (Value, error) {
				if err := argCheck(c, "send", args, 1, 1); err != nil {
					return nil, err
				}
				if _, none := args.Positional[0].(NoneType); none {
					return in.next(c, Args{Positional: []Value{it}})
				}
				return UnknownAt(c.Pos, "generator.send() of a value other than None is not evaluated"), nil
			}}, nil
		case "close":
			return &Builtin{Name: "generator.close", Fn: func(c *Call, args Args) (Value, error) {
				if err := argCheck(c, "close", args, 0, 0); err != nil {
					return nil, err
				}
				in.closeGenerator(it)
				return None, nil
			}}, nil
		case "throw":
			return UnknownAt(pos, "generator.throw() is not evaluated"), nil
		}
	}
	return nil, raise(pos, "AttributeError", "'%s' object has no attribute '%s'", it.typ, name)
}

// closeGenerator is generator.close(): the generator ends without running more of its
// code (its finally blocks are not run).
func (in *Interp) closeGenerator(it *Iterator) {
	it.done = true
	if g := it.gen; g != nil && g.stop != nil && !g.running {
		stop := g.stop
		g.next, g.stop = nil, nil
		delete(in.suspended, it)
		stop()
	}
}
