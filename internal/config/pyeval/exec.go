package pyeval

import (
	"sort"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// flow is how a statement ends.
type flow int

const (
	flowNext flow = iota
	flowBreak
	flowContinue
	flowReturn
)

func (in *Interp) execBlock(fr *frame, ss []pyast.Stmt) (flow, error) {
	for _, s := range ss {
		fl, err := in.exec(fr, s)
		if err == nil && in.steps > in.opts.MaxSteps {
			// a comparison or repr spent the budget without being able to stop
			err = in.step(fr.pos(s), 0)
		}
		if err != nil || fl != flowNext {
			return fl, err
		}
	}
	return flowNext, nil
}

func (in *Interp) exec(fr *frame, s pyast.Stmt) (flow, error) {
	pos := fr.pos(s)
	in.pos = pos
	if err := in.step(pos, 1); err != nil {
		return flowNext, err
	}
	switch s := s.(type) {
	case *pyast.ExprStmt:
		_, err := in.eval(fr, s.Value)
		return flowNext, err
	case *pyast.Assign:
		v, err := in.eval(fr, s.Value)
		if err != nil {
			return flowNext, err
		}
		in.pos = pos // the value may have run code elsewhere
		for _, t := range s.Targets {
			if err := in.assign(fr, t, v); err != nil {
				return flowNext, err
			}
		}
		return flowNext, nil
	case *pyast.AugAssign:
		return flowNext, in.augAssign(fr, s, pos)
	case *pyast.AnnAssign:
		if name, ok := s.Target.(*pyast.Name); ok && (fr.kind == classFrame || fr.kind == moduleFrame) {
			in.annotate(fr, name.Id, pos)
		}
		if s.Value == nil {
			return flowNext, nil
		}
		v, err := in.eval(fr, s.Value)
		if err != nil {
			return flowNext, err
		}
		return flowNext, in.assign(fr, s.Target, v)
	case *pyast.Del:
		for _, t := range s.Targets {
			if err := in.del(fr, t); err != nil {
				return flowNext, err
			}
		}
		return flowNext, nil
	case *pyast.Pass, *pyast.Global, *pyast.Nonlocal:
		return flowNext, nil
	case *pyast.Break:
		return flowBreak, nil
	case *pyast.Continue:
		return flowContinue, nil
	case *pyast.Return:
		fr.ret = None
		if s.Value != nil {
			v, err := in.eval(fr, s.Value)
			if err != nil {
				return flowNext, err
			}
			fr.ret = v
		}
		return flowReturn, nil
	case *pyast.Raise:
		return flowNext, in.raiseStmt(fr, s, pos)
	case *pyast.Assert:
		return flowNext, in.assert(fr, s, pos)
	case *pyast.Import:
		return flowNext, in.importStmt(fr, s, pos)
	case *pyast.ImportFrom:
		return flowNext, in.importFrom(fr, s, pos)
	case *pyast.If:
		return in.ifStmt(fr, s, pos)
	case *pyast.For:
		return in.forStmt(fr, s, pos)
	case *pyast.While:
		return in.whileStmt(fr, s, pos)
	case *pyast.With:
		return in.withStmt(fr, s, pos)
	case *pyast.Try:
		return in.tryStmt(fr, s)
	case *pyast.FunctionDef:
		return flowNext, in.funcDef(fr, s, pos)
	case *pyast.ClassDef:
		return flowNext, in.classDef(fr, s, pos)
	case *pyast.Match:
		return in.matchStmt(fr, s, pos)
	case *pyast.TypeAlias:
		in.store(fr, s.Name, UnknownAt(pos, "type aliases are not evaluated"))
		return flowNext, nil
	}
	return flowNext, raise(pos, "SyntaxError", "unsupported statement")
}

// skipUnknown is the rule for control flow that depends on an Unknown: report it, run
// none of the code, and bind every name the code would have assigned (or mutated in
// place) to an Unknown saying so. A return in the skipped code makes the running
// function's result unknown.
//
// It returns flowBreak when the skipped code could leave the running loop (a break, or a
// return inside a loop): the loop then stops here, since running on could loop forever.
// In a generator, skipped code that would yield, return or leave a loop stops the
// generator: what it yields from there on is not known.
func (in *Interp) skipUnknown(fr *frame, pos Pos, u *Unknown, what string, blocks ...[]pyast.Stmt) (flow, error) {
	in.reportCause(pos, "cannot follow this "+what+": it depends on a value not known statically ("+describe(u)+"); its body is not evaluated", u)
	b := &binder{names: map[string]bool{}, bases: map[string]bool{}}
	for _, blk := range blocks {
		b.stmts(blk)
	}
	leaves := fr.loops > 0 && (b.breaks && !strings.HasSuffix(what, "loop") || b.returns)
	if fr.gen != nil && (b.yields || b.returns || leaves) {
		return flowNext, genUncertain(fr, pos, what, u)
	}
	reason := "assigned in " + what + " at line " + itoa(pos.Line) + " that could not be followed (" + describe(u) + ")"
	for _, name := range sortedKeys(b.names) {
		in.store(fr, name, &Unknown{Pos: pos, Reason: reason})
	}
	changed := "changed in " + what + " at line " + itoa(pos.Line) + " that could not be followed (" + describe(u) + ")"
	for _, name := range sortedKeys(b.bases) {
		if !b.names[name] {
			in.rebind(fr, name, &Unknown{Pos: pos, Reason: changed})
		}
	}
	if b.returns && fr.kind == funcFrame && fr.uncertain == nil {
		fr.uncertain = &Unknown{Pos: pos, Reason: "the function may return from " + what + " at line " + itoa(pos.Line) + ", which could not be followed (" + describe(u) + ")"}
	}
	if leaves {
		in.report(pos, "the enclosing loop may end at this "+what+"; it is not run further")
		return flowBreak, nil
	}
	return flowNext, nil
}

// rebind replaces the value of an existing variable wherever it lives.
func (in *Interp) rebind(fr *frame, name string, v Value) {
	for f := fr; f != nil; f = f.parent {
		switch f.kind {
		case funcFrame:
			if f.code.globals[name] {
				f.module.ns.set(name, v)
				return
			}
			if f.code.locals[name] {
				f.vars.set(name, v)
				return
			}
		case compFrame, classFrame:
			if _, ok := f.vars.get(name); ok {
				f.vars.set(name, v)
				return
			}
		case moduleFrame:
			if _, ok := f.module.ns.get(name); ok {
				f.module.ns.set(name, v)
			}
			return
		}
	}
	if _, ok := fr.module.ns.get(name); ok {
		fr.module.ns.set(name, v)
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (in *Interp) ifStmt(fr *frame, s *pyast.If, pos Pos) (flow, error) {
	test, err := in.eval(fr, s.Test)
	if err != nil {
		return flowNext, err
	}
	t, known := Truth(test)
	if !known {
		return in.skipUnknown(fr, pos, in.unknownTruth(pos, test), "`if` statement", s.Body, s.OrElse)
	}
	if t {
		return in.execBlock(fr, s.Body)
	}
	return in.execBlock(fr, s.OrElse)
}

func (in *Interp) forStmt(fr *frame, s *pyast.For, pos Pos) (flow, error) {
	iterable, err := in.eval(fr, s.Iter)
	if err != nil {
		return flowNext, err
	}
	next, u, err := in.iter(pos, iterable)
	if err != nil {
		return flowNext, err
	}
	skip := func(u *Unknown) (flow, error) {
		return in.skipUnknown(fr, pos, u, "`for` loop", []pyast.Stmt{&pyast.Assign{Pos: s.Pos, Targets: []pyast.Expr{s.Target}, Value: s.Iter}}, s.Body, s.OrElse)
	}
	if u != nil {
		return skip(u)
	}
	fr.loops++
	defer func() { fr.loops-- }()
	for {
		v, ok, err := next()
		if rest, isRest := err.(*unknownRest); isRest {
			// the items so far ran the body; the rest are not known
			fr.loops--
			fl, err := skip(rest.u)
			fr.loops++
			return fl, err
		}
		if err != nil {
			return flowNext, err
		}
		if !ok {
			break
		}
		if err := in.step(pos, 1); err != nil {
			return flowNext, err
		}
		if err := in.assign(fr, s.Target, v); err != nil {
			return flowNext, err
		}
		fl, err := in.execBlock(fr, s.Body)
		if err != nil {
			return flowNext, err
		}
		switch fl {
		case flowBreak:
			return flowNext, nil
		case flowReturn:
			return fl, nil
		}
	}
	return in.execBlock(fr, s.OrElse)
}

func (in *Interp) whileStmt(fr *frame, s *pyast.While, pos Pos) (flow, error) {
	fr.loops++
	defer func() { fr.loops-- }()
	for {
		test, err := in.eval(fr, s.Test)
		if err != nil {
			return flowNext, err
		}
		t, known := Truth(test)
		if !known {
			fr.loops--
			fl, err := in.skipUnknown(fr, pos, in.unknownTruth(pos, test), "`while` loop", s.Body, s.OrElse)
			fr.loops++
			return fl, err
		}
		if !t {
			return in.execBlock(fr, s.OrElse)
		}
		fl, err := in.execBlock(fr, s.Body)
		if err != nil {
			return flowNext, err
		}
		switch fl {
		case flowBreak:
			return flowNext, nil
		case flowReturn:
			return fl, nil
		}
	}
}

// withStmt runs the body. What `as` binds is what __enter__ returns; that is only known
// for an Unknown context (it stays Unknown), so any other value binds an Unknown too.
func (in *Interp) withStmt(fr *frame, s *pyast.With, pos Pos) (flow, error) {
	for _, it := range s.Items {
		v, err := in.eval(fr, it.Expr)
		if err != nil {
			return flowNext, err
		}
		if it.Target == nil {
			continue
		}
		bound := v
		if unknownOf(v) == nil {
			bound = UnknownAt(fr.pos(it.Expr), "the value of `with ... as` comes from __enter__ of a %s, which is not evaluated", v.TypeName())
		}
		if err := in.assign(fr, it.Target, bound); err != nil {
			return flowNext, err
		}
	}
	return in.execBlock(fr, s.Body)
}

func (in *Interp) assert(fr *frame, s *pyast.Assert, pos Pos) error {
	test, err := in.eval(fr, s.Test)
	if err != nil {
		return err
	}
	t, known := Truth(test)
	if !known {
		in.report(pos, "this assert's condition is not known statically ("+describe(in.unknownTruth(pos, test))+"); it is assumed to hold")
		return nil
	}
	if t {
		return nil
	}
	msg := ""
	if s.Msg != nil {
		m, err := in.eval(fr, s.Msg)
		if err != nil {
			return err
		}
		msg = StrOf(m)
	}
	return raise(pos, "AssertionError", "%s", msg)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// annotate records a class or module annotation in __annotations__ (the order of fields
// is what dataclasses need); the annotation itself is never evaluated.
func (in *Interp) annotate(fr *frame, name string, pos Pos) {
	ns := fr.vars
	if fr.kind == moduleFrame {
		ns = fr.module.ns
	}
	ann, ok := ns.get("__annotations__")
	d, isDict := ann.(*Dict)
	if !ok || !isDict {
		d = NewDict()
		ns.set("__annotations__", d)
	}
	_ = d.Set(Str(name), UnknownAt(pos, "annotations are not evaluated"))
}
