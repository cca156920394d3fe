package pyeval

import (
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// BoundMethod is a function bound to the object it was looked up on.
type BoundMethod struct {
	Self Value
	Fn   Value
}

func (*BoundMethod) TypeName() string { return "method" }

// call calls fn the way Python would.
func (in *Interp) call(pos Pos, fn Value, args Args) (Value, error) {
	switch f := fn.(type) {
	case *Function:
		return in.callFunction(pos, f, args)
	case *BoundMethod:
		return in.call(pos, f.Fn, Args{Positional: append([]Value{f.Self}, args.Positional...), Keywords: args.Keywords})
	case *Builtin:
		in.pos = pos
		v, err := f.Fn(&Call{Interp: in, Pos: pos}, args)
		return v, at(err, pos)
	case *Class:
		return in.instantiate(pos, f, args)
	case *ExcClass:
		return &ExcInstance{Class: f, Args: Tuple(args.Positional)}, nil
	case *Unknown:
		return f, nil
	case *Output:
		return UnknownAt(pos, "calling a Pulumi Output is not evaluated"), nil
	case *SymStr:
		return nil, raise(pos, "TypeError", "'str' object is not callable")
	case Callable:
		in.pos = pos
		if hostCallable(f) {
			var err error
			if args, err = in.hostArgs(pos, args); err != nil {
				return nil, err
			}
		}
		v, err := f.Call(&Call{Interp: in, Pos: pos}, args)
		if err != nil {
			return nil, at(err, pos)
		}
		if v == nil {
			v = None
		}
		return v, nil
	}
	return nil, raise(pos, "TypeError", "'%s' object is not callable", fn.TypeName())
}

// hostCallable tells the host's callables (Stelvio classes and functions) from the
// evaluator's own.
func hostCallable(f Callable) bool {
	switch f.(type) {
	case *TypeValue, *nativeMethod, *asyncFunction:
		return false
	}
	return true
}

// hostArgs passes members of str and int enums to host code as the str or int they
// are, which is how Stelvio's own code treats them, and iterators (generators) as the
// list of their items, which is all Stelvio does with an iterable argument.
func (in *Interp) hostArgs(pos Pos, args Args) (Args, error) {
	conv := func(v Value) (Value, bool, error) {
		if p, ok := enumPlain(v); ok {
			return p, true, nil
		}
		if it, ok := v.(*Iterator); ok {
			items, u, err := in.toList(pos, it)
			if err != nil || u != nil {
				return unknownOr(u), true, err
			}
			return &List{Elems: items}, true, nil
		}
		return v, false, nil
	}
	out := args
	copied := false
	for i, v := range args.Positional {
		p, changed, err := conv(v)
		if err != nil {
			return Args{}, err
		}
		if changed {
			if !copied {
				out.Positional, copied = append([]Value(nil), args.Positional...), true
			}
			out.Positional[i] = p
		}
	}
	copied = false
	for i, k := range args.Keywords {
		p, changed, err := conv(k.Value)
		if err != nil {
			return Args{}, err
		}
		if changed {
			if !copied {
				out.Keywords, copied = append([]Keyword(nil), args.Keywords...), true
			}
			out.Keywords[i].Value = p
		}
	}
	return out, nil
}

func (in *Interp) callFunction(pos Pos, f *Function, args Args) (Value, error) {
	if f.code.generator {
		fr := &frame{kind: funcFrame, vars: newNamespace(), code: f.code, parent: f.closure, module: f.Module, fn: f}
		if err := in.bindArgs(pos, f, fr.vars, args); err != nil {
			return nil, err
		}
		return in.newGenerator(pos, f, fr), nil
	}
	if in.depth >= in.opts.MaxDepth {
		return nil, raise(pos, "RecursionError", "maximum recursion depth exceeded calling %s (the limit is %d nested calls)", f.Name, in.opts.MaxDepth)
	}
	in.depth++
	defer func() { in.depth-- }()
	fr := &frame{kind: funcFrame, vars: newNamespace(), code: f.code, parent: f.closure, module: f.Module, fn: f}
	if err := in.bindArgs(pos, f, fr.vars, args); err != nil {
		return nil, err
	}
	if f.expr != nil {
		return in.eval(fr, f.expr)
	}
	fl, err := in.execBlock(fr, f.body)
	if err != nil {
		return nil, err
	}
	if fr.uncertain != nil {
		return fr.uncertain, nil
	}
	if fl == flowReturn {
		return fr.ret, nil
	}
	return None, nil
}

// bindArgs binds call arguments to parameters with Python's rules.
func (in *Interp) bindArgs(pos Pos, f *Function, vars *namespace, args Args) error {
	name := f.Name + "()"
	var varPos, varKw *param
	positional := 0
	for i := range f.params {
		p := &f.params[i]
		switch p.kind {
		case pyast.VarPos:
			varPos = p
		case pyast.VarKw:
			varKw = p
		case pyast.PosOnly, pyast.PosOrKw:
			positional++
		}
	}
	bound := map[string]bool{}
	pi := 0
	for i := range f.params {
		p := &f.params[i]
		if (p.kind == pyast.PosOnly || p.kind == pyast.PosOrKw) && pi < len(args.Positional) {
			vars.set(p.name, args.Positional[pi])
			bound[p.name] = true
			pi++
		}
	}
	if pi < len(args.Positional) {
		if varPos == nil {
			return raise(pos, "TypeError", "%s takes %d positional argument%s but %d %s given", name, positional, plural(positional), len(args.Positional), wasWere(len(args.Positional)))
		}
	}
	if varPos != nil {
		rest := Tuple{}
		if pi < len(args.Positional) {
			rest = append(Tuple(nil), args.Positional[pi:]...)
		}
		vars.set(varPos.name, rest)
	}
	var extra *Dict
	if varKw != nil {
		extra = NewDict()
	}
	for _, kw := range args.Keywords {
		var target *param
		for i := range f.params {
			p := &f.params[i]
			if p.name == kw.Name && (p.kind == pyast.PosOrKw || p.kind == pyast.KwOnly) {
				target = p
				break
			}
		}
		if target == nil {
			if extra == nil {
				return raise(pos, "TypeError", "%s got an unexpected keyword argument '%s'", name, kw.Name)
			}
			if _, dup := extra.GetStr(kw.Name); dup {
				return raise(pos, "TypeError", "%s got multiple values for keyword argument '%s'", name, kw.Name)
			}
			_ = extra.Set(Str(kw.Name), kw.Value)
			continue
		}
		if bound[target.name] {
			return raise(pos, "TypeError", "%s got multiple values for argument '%s'", name, kw.Name)
		}
		vars.set(target.name, kw.Value)
		bound[target.name] = true
	}
	if varKw != nil {
		vars.set(varKw.name, extra)
	}
	var missing []string
	kwOnlyMissing := false
	for i := range f.params {
		p := &f.params[i]
		if p.kind == pyast.VarPos || p.kind == pyast.VarKw || bound[p.name] {
			continue
		}
		if p.hasDef {
			vars.set(p.name, p.def)
			continue
		}
		missing = append(missing, "'"+p.name+"'")
		kwOnlyMissing = kwOnlyMissing || p.kind == pyast.KwOnly
	}
	if len(missing) > 0 {
		kind := "positional"
		if kwOnlyMissing {
			kind = "keyword-only"
		}
		return raise(pos, "TypeError", "%s missing %d required %s argument%s: %s", name, len(missing), kind, plural(len(missing)), strings.Join(missing, ", "))
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// makeFunction builds a def or lambda; defaults are evaluated now, once, as in Python.
func (in *Interp) makeFunction(fr *frame, node pyast.Node, name string, params pyast.Params, body []pyast.Stmt, expr pyast.Expr) (*Function, error) {
	f := &Function{Name: name, Pos: fr.pos(node), Module: fr.module, body: body, expr: expr}
	f.code = in.codeFor(node, params, body, expr)
	for _, p := range params {
		pr := param{name: p.Name, kind: p.Kind}
		if p.Default != nil {
			v, err := in.eval(fr, p.Default)
			if err != nil {
				return nil, err
			}
			pr.def, pr.hasDef = v, true
		}
		f.params = append(f.params, pr)
	}
	f.defClass = enclosingClass(fr)
	// Functions defined in a class body do not see the class's names.
	closure := fr
	for closure != nil && closure.kind == classFrame {
		closure = closure.parent
	}
	f.closure = closure
	return f, nil
}

// enclosingClass is the class a function defined in fr gets as its __class__: the class
// whose body is running, or the one the enclosing function has.
func enclosingClass(fr *frame) *Class {
	for ; fr != nil; fr = fr.parent {
		switch fr.kind {
		case classFrame:
			return fr.cls
		case funcFrame:
			return fr.fn.defClass
		case moduleFrame:
			return nil
		}
	}
	return nil
}

func (in *Interp) funcDef(fr *frame, s *pyast.FunctionDef, pos Pos) error {
	decos, err := in.evalDecorators(fr, s.Decorators)
	if err != nil {
		return err
	}
	f, err := in.makeFunction(fr, s, s.Name, s.Params, s.Body, nil)
	if err != nil {
		return err
	}
	var v Value = f
	if s.Async {
		v = &asyncFunction{fn: f}
	}
	v, err = in.applyDecorators(fr, s.Decorators, decos, v)
	if err != nil {
		return err
	}
	in.store(fr, s.Name, v)
	return nil
}

func (in *Interp) evalDecorators(fr *frame, exprs []pyast.Expr) ([]Value, error) {
	out := make([]Value, len(exprs))
	for i, d := range exprs {
		v, err := in.eval(fr, d)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// applyDecorators applies decorators bottom-up. An Unknown decorator leaves the value
// undecorated (and is reported): the function stays usable, which is what a tolerant
// reader of a newer Stelvio (@app.on(...)) needs.
func (in *Interp) applyDecorators(fr *frame, exprs []pyast.Expr, decos []Value, v Value) (Value, error) {
	for i := len(decos) - 1; i >= 0; i-- {
		dpos := fr.pos(exprs[i])
		if u := unknownOf(decos[i]); u != nil {
			in.reportCause(dpos, "this decorator is not known statically ("+describe(u)+"); the definition is left undecorated", u)
			continue
		}
		r, err := in.call(dpos, decos[i], Args{Positional: []Value{v}})
		if err != nil {
			return nil, err
		}
		v = r
	}
	return v, nil
}

// asyncFunction is an `async def`: calling it makes a coroutine, which is not evaluated.
type asyncFunction struct{ fn *Function }

func (*asyncFunction) TypeName() string { return "function" }

// Call implements Callable.
func (a *asyncFunction) Call(c *Call, args Args) (Value, error) {
	return UnknownAt(c.Pos, "%s is an async function; coroutines are not evaluated", a.fn.Name), nil
}
