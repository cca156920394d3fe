package pyeval

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// Function is a user `def` or `lambda`, closed over its defining scope.
type Function struct {
	Name string // "<lambda>" for a lambda
	Pos  Pos    // where it is defined
	// Module is the module whose globals the function sees.
	Module *Module

	params  []param
	body    []pyast.Stmt // a def's body
	expr    pyast.Expr   // a lambda's body
	code    *codeInfo
	closure *frame
	attrs   *namespace
	// defClass is the class whose body (or a method of which) defined the function:
	// Python's __class__ cell, which zero-argument super() reads.
	defClass *Class
}

type param struct {
	name   string
	kind   pyast.ParamKind
	def    Value // nil without a default
	hasDef bool
}

func (*Function) TypeName() string { return "function" }

// Params lists the parameter names in order (with * and ** parameters, without stars).
func (f *Function) Params() []string {
	out := make([]string, 0, len(f.params))
	for _, p := range f.params {
		out = append(out, p.name)
	}
	return out
}

// Attr implements Object: attributes set on the function (fn.x = 1), and __name__.
func (f *Function) Attr(c *Call, name string) (Value, bool, error) {
	if f.attrs != nil {
		if v, ok := f.attrs.get(name); ok {
			return v, true, nil
		}
	}
	switch name {
	case "__name__", "__qualname__":
		return Str(f.Name), true, nil
	case "__module__":
		return Str(f.Module.Name), true, nil
	case "__doc__":
		return None, true, nil
	}
	return nil, false, nil
}

// codeInfo is what scoping needs to know about a function body, computed once per def.
type codeInfo struct {
	locals    map[string]bool
	globals   map[string]bool
	nonlocals map[string]bool
	generator bool // contains yield: calling it makes a generator
}

type frameKind int

const (
	moduleFrame frameKind = iota
	funcFrame
	classFrame
	compFrame
)

// frame is one scope being executed: a module, a function call, a class body or a
// comprehension.
type frame struct {
	kind   frameKind
	vars   *namespace
	code   *codeInfo // function frames
	parent *frame    // lexically enclosing scope
	module *Module
	fn     *Function // function frames: the function running
	// handling is the exception being handled by the innermost except clause (bare raise).
	handling *PyError
	// uncertain is set when a skipped branch held a return: the result is then unknown.
	uncertain *Unknown
	ret       Value
	// loops counts the loops running in this frame, for skipUnknown.
	loops int
	// cls is the class whose body a class frame runs: functions defined in it get it as
	// the class zero-argument super() works from.
	cls *Class
	// comp is the kind of comprehension a comprehension frame runs ("list", "gen", ...).
	comp string
	// gen is the generator a generator function's frame runs in.
	gen *genState
}

// pos converts an AST position in this frame's file.
func (fr *frame) pos(n pyast.Node) Pos {
	p := n.At()
	return Pos{File: fr.module.File, Line: p.Line, Col: p.Col}
}

// codeFor analyses a def or lambda body once.
func (in *Interp) codeFor(node pyast.Node, params pyast.Params, body []pyast.Stmt, expr pyast.Expr) *codeInfo {
	if c, ok := in.codes[node]; ok {
		return c
	}
	c := &codeInfo{locals: map[string]bool{}, globals: map[string]bool{}, nonlocals: map[string]bool{}}
	for _, p := range params {
		c.locals[p.Name] = true
	}
	b := &binder{names: c.locals, globals: c.globals, nonlocals: c.nonlocals}
	b.stmts(body)
	if expr != nil {
		b.expr(expr)
	}
	c.generator = b.yields
	for n := range c.globals {
		delete(c.locals, n)
	}
	for n := range c.nonlocals {
		delete(c.locals, n)
	}
	in.codes[node] = c
	return c
}

// binder collects the names a block of code binds, the way Python's compiler decides
// which names are local. It does not enter nested functions or classes (their names are
// bound, their bodies are not) nor comprehensions (except for := targets).
type binder struct {
	names     map[string]bool
	globals   map[string]bool
	nonlocals map[string]bool
	yields    bool
	// bases collects names whose value is mutated in place (x[k] = v, x.a = v,
	// x.append(...)) for the skipped-branch rule; nil when not wanted.
	bases map[string]bool
	// returns is set when the block holds a return statement; breaks when it holds a
	// break that ends the enclosing loop (not one inside a nested loop).
	returns   bool
	breaks    bool
	loopDepth int
}

func (b *binder) bind(name string) { b.names[name] = true }

func (b *binder) stmts(ss []pyast.Stmt) {
	for _, s := range ss {
		b.stmt(s)
	}
}

func (b *binder) stmt(s pyast.Stmt) {
	switch s := s.(type) {
	case *pyast.ExprStmt:
		b.expr(s.Value)
		if b.bases != nil {
			if call, ok := s.Value.(*pyast.Call); ok {
				if attr, ok := call.Func.(*pyast.Attribute); ok {
					if base := baseName(attr.Value); base != "" {
						b.bases[base] = true
					}
				}
			}
		}
	case *pyast.Assign:
		for _, t := range s.Targets {
			b.target(t)
		}
		b.expr(s.Value)
	case *pyast.AugAssign:
		b.target(s.Target)
		b.expr(s.Value)
	case *pyast.AnnAssign:
		b.target(s.Target)
		if s.Value != nil {
			b.expr(s.Value)
		}
	case *pyast.Del:
		for _, t := range s.Targets {
			b.target(t)
		}
	case *pyast.Return:
		b.returns = true
		if s.Value != nil {
			b.expr(s.Value)
		}
	case *pyast.Raise:
		b.expr(s.Exc)
		b.expr(s.Cause)
	case *pyast.Global:
		for _, n := range s.Names {
			if b.globals != nil {
				b.globals[n] = true
			}
		}
	case *pyast.Nonlocal:
		for _, n := range s.Names {
			if b.nonlocals != nil {
				b.nonlocals[n] = true
			}
		}
	case *pyast.Assert:
		b.expr(s.Test)
		b.expr(s.Msg)
	case *pyast.Import:
		for _, a := range s.Names {
			b.bind(importBinding(a))
		}
	case *pyast.ImportFrom:
		for _, a := range s.Names {
			if a.AsName != "" {
				b.bind(a.AsName)
			} else {
				b.bind(a.Name)
			}
		}
	case *pyast.If:
		b.expr(s.Test)
		b.stmts(s.Body)
		b.stmts(s.OrElse)
	case *pyast.For:
		b.target(s.Target)
		b.expr(s.Iter)
		b.loopDepth++
		b.stmts(s.Body)
		b.loopDepth--
		b.stmts(s.OrElse)
	case *pyast.While:
		b.expr(s.Test)
		b.loopDepth++
		b.stmts(s.Body)
		b.loopDepth--
		b.stmts(s.OrElse)
	case *pyast.Break:
		if b.loopDepth == 0 {
			b.breaks = true
		}
	case *pyast.With:
		for _, it := range s.Items {
			b.expr(it.Expr)
			if it.Target != nil {
				b.target(it.Target)
			}
		}
		b.stmts(s.Body)
	case *pyast.Try:
		b.stmts(s.Body)
		for _, h := range s.Handlers {
			b.expr(h.Type)
			if h.Name != "" {
				b.bind(h.Name)
			}
			b.stmts(h.Body)
		}
		b.stmts(s.OrElse)
		b.stmts(s.Finally)
	case *pyast.FunctionDef:
		b.bind(s.Name)
		for _, d := range s.Decorators {
			b.expr(d)
		}
		for _, p := range s.Params {
			b.expr(p.Default)
		}
	case *pyast.ClassDef:
		b.bind(s.Name)
		for _, d := range s.Decorators {
			b.expr(d)
		}
		for _, a := range s.Bases {
			b.expr(a.Value)
		}
	case *pyast.Match:
		b.expr(s.Subject)
		for _, c := range s.Cases {
			b.pattern(c.Pattern)
			b.expr(c.Guard)
			b.stmts(c.Body)
		}
	case *pyast.TypeAlias:
		b.bind(s.Name)
	}
}

func (b *binder) target(t pyast.Expr) {
	switch t := t.(type) {
	case *pyast.Name:
		b.bind(t.Id)
	case *pyast.Tuple:
		for _, e := range t.Elts {
			b.target(e)
		}
	case *pyast.List:
		for _, e := range t.Elts {
			b.target(e)
		}
	case *pyast.Starred:
		b.target(t.Value)
	case *pyast.Attribute:
		b.expr(t.Value)
		if base := baseName(t.Value); base != "" && b.bases != nil {
			b.bases[base] = true
		}
	case *pyast.Subscript:
		b.expr(t.Value)
		b.expr(t.Index)
		if base := baseName(t.Value); base != "" && b.bases != nil {
			b.bases[base] = true
		}
	}
}

// baseName is the variable at the root of a.b[c].d, or "".
func baseName(e pyast.Expr) string {
	for {
		switch x := e.(type) {
		case *pyast.Name:
			return x.Id
		case *pyast.Attribute:
			e = x.Value
		case *pyast.Subscript:
			e = x.Value
		default:
			return ""
		}
	}
}

func (b *binder) pattern(p pyast.Pattern) {
	switch p := p.(type) {
	case *pyast.MatchCapture:
		if p.Name != "_" {
			b.bind(p.Name)
		}
	case *pyast.MatchStar:
		if p.Name != "_" {
			b.bind(p.Name)
		}
	case *pyast.MatchSequence:
		for _, q := range p.Patterns {
			b.pattern(q)
		}
	case *pyast.MatchMapping:
		for _, q := range p.Patterns {
			b.pattern(q)
		}
		if p.Rest != "" {
			b.bind(p.Rest)
		}
	case *pyast.MatchClass:
		for _, q := range p.Patterns {
			b.pattern(q)
		}
		for _, q := range p.KwdPats {
			b.pattern(q)
		}
	case *pyast.MatchAs:
		b.pattern(p.Pattern)
		if p.Name != "" {
			b.bind(p.Name)
		}
	case *pyast.MatchOr:
		for _, q := range p.Patterns {
			b.pattern(q)
		}
	}
}

// expr finds := targets and yields; they are the only bindings inside expressions.
func (b *binder) expr(e pyast.Expr) {
	walkExpr(e, func(x pyast.Expr) bool {
		switch x := x.(type) {
		case *pyast.NamedExpr:
			b.bind(x.Target)
		case *pyast.Yield, *pyast.Await:
			b.yields = b.yields || isYield(x)
		case *pyast.Lambda:
			for _, p := range x.Params {
				b.expr(p.Default)
			}
			return false
		}
		return true
	})
}

func isYield(e pyast.Expr) bool { _, ok := e.(*pyast.Yield); return ok }

// importBinding is the name `import a.b as c` binds: c, or a without `as`.
func importBinding(a pyast.Alias) string {
	if a.AsName != "" {
		return a.AsName
	}
	for i := 0; i < len(a.Name); i++ {
		if a.Name[i] == '.' {
			return a.Name[:i]
		}
	}
	return a.Name
}

// walkExpr calls f on e and its sub-expressions, depth first; f returns false to skip the
// children of a node.
func walkExpr(e pyast.Expr, f func(pyast.Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	w := func(x pyast.Expr) { walkExpr(x, f) }
	switch e := e.(type) {
	case *pyast.FString:
		for _, p := range e.Parts {
			w(p)
		}
	case *pyast.FormattedValue:
		w(e.Value)
		if e.Spec != nil {
			w(e.Spec)
		}
	case *pyast.Attribute:
		w(e.Value)
	case *pyast.Subscript:
		w(e.Value)
		w(e.Index)
	case *pyast.Slice:
		w(e.Lower)
		w(e.Upper)
		w(e.Step)
	case *pyast.Call:
		w(e.Func)
		for _, a := range e.Args {
			w(a.Value)
		}
	case *pyast.BinOp:
		w(e.Left)
		w(e.Right)
	case *pyast.UnaryOp:
		w(e.Operand)
	case *pyast.BoolOp:
		for _, v := range e.Values {
			w(v)
		}
	case *pyast.Compare:
		w(e.Left)
		for _, v := range e.Comparators {
			w(v)
		}
	case *pyast.IfExp:
		w(e.Test)
		w(e.Body)
		w(e.OrElse)
	case *pyast.Lambda:
		w(e.Body)
	case *pyast.List:
		for _, v := range e.Elts {
			w(v)
		}
	case *pyast.Tuple:
		for _, v := range e.Elts {
			w(v)
		}
	case *pyast.Set:
		for _, v := range e.Elts {
			w(v)
		}
	case *pyast.Dict:
		for _, it := range e.Items {
			w(it.Key)
			w(it.Value)
		}
	case *pyast.Starred:
		w(e.Value)
	case *pyast.Comp:
		w(e.Key)
		w(e.Elt)
		for _, c := range e.For {
			w(c.Iter)
			for _, i := range c.Ifs {
				w(i)
			}
		}
	case *pyast.NamedExpr:
		w(e.Value)
	case *pyast.Await:
		w(e.Value)
	case *pyast.Yield:
		w(e.Value)
	}
}
