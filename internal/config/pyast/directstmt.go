package pyast

import "strings"

// Statements of the direct parser. Positions follow tree-sitter's nodes: a statement is
// at its first token, a decorated def at its `def`.

func (p *dparser) statement(out []Stmt) []Stmt {
	if !p.enter() {
		return out
	}
	defer p.leave()
	t := p.tok()
	switch t.kind {
	case tIndent, tDedent, tNewline:
		p.fail()
		return out
	case tName:
		// Soft keywords and Python 2 statements read differently in tree-sitter's grammar.
		switch p.textOf(t) {
		case "match", "case", "type":
			if !p.plainNameAhead() { // `type(x).y = z` stays with tree-sitter, which refuses it
				p.fail()
				return out
			}
		case "print", "exec":
			if !p.peekAt(1, opLParen) {
				p.fail()
				return out
			}
		}
	case tOp:
		switch t.code {
		case kwIf:
			return append(out, p.ifStmt())
		case kwFor:
			return append(out, p.forStmt())
		case kwWhile:
			return append(out, p.whileStmt())
		case kwWith:
			return append(out, p.withStmt())
		case kwTry:
			return append(out, p.tryStmt())
		case kwDef:
			return append(out, p.funcDef(nil))
		case kwClass:
			return append(out, p.classDef(nil))
		case opAt:
			return append(out, p.decorated())
		}
	}
	return p.simpleStmts(out)
}

// plainNameAhead reports whether the name at the start of a statement is used as a plain
// name (`match = ...`, `match.group()`) rather than opening a soft-keyword statement.
func (p *dparser) plainNameAhead() bool {
	for _, code := range []opCode{opAssign, opAug, opDot, opComma, opSemi} {
		if p.peekAt(1, code) {
			return true
		}
	}
	return p.i+1 < len(p.toks) && p.toks[p.i+1].kind == tNewline
}

// block reads the suite after a compound statement's colon: an indented block, or simple
// statements on the same line.
func (p *dparser) block() []Stmt {
	if p.kind() != tNewline {
		return p.simpleStmts(nil)
	}
	p.advance()
	if p.kind() != tIndent {
		p.fail()
		return nil
	}
	p.advance()
	var out []Stmt
	for !p.bad && p.kind() != tDedent {
		out = p.statement(out)
	}
	p.advance()
	return out
}

// simpleStmts reads `a; b; c` up to the end of the line.
func (p *dparser) simpleStmts(out []Stmt) []Stmt {
	for !p.bad {
		out = append(out, p.simple())
		if p.accept(opSemi) && p.kind() != tNewline {
			continue
		}
		if p.kind() != tNewline {
			p.fail()
			return out
		}
		p.advance()
		return out
	}
	return out
}

func (p *dparser) endOfSimple() bool { return p.kind() == tNewline || p.at(opSemi) }

func (p *dparser) simple() Stmt {
	pos := p.posOf(p.i)
	t := p.tok()
	if t.kind != tOp {
		return p.exprStmt()
	}
	switch t.code {
	case kwPass:
		p.advance()
		return &Pass{Pos: pos}
	case kwBreak:
		p.advance()
		return &Break{Pos: pos}
	case kwContinue:
		p.advance()
		return &Continue{Pos: pos}
	case kwReturn:
		p.advance()
		r := &Return{Pos: pos}
		if !p.endOfSimple() {
			r.Value = p.starExprList()
		}
		return r
	case kwRaise:
		p.advance()
		r := &Raise{Pos: pos}
		if !p.endOfSimple() {
			r.Exc = p.expr()
			if p.accept(kwFrom) {
				r.Cause = p.expr()
			}
		}
		return r
	case kwGlobal, kwNonlocal:
		p.advance()
		var names []string
		for names = append(names, p.ident()); p.accept(opComma); {
			names = append(names, p.ident())
		}
		if t.code == kwGlobal {
			return &Global{Pos: pos, Names: names}
		}
		return &Nonlocal{Pos: pos, Names: names}
	case kwAssert:
		p.advance()
		a := &Assert{Pos: pos, Test: p.expr()}
		if p.accept(opComma) {
			a.Msg = p.expr()
		}
		return a
	case kwDel:
		p.advance()
		d := &Del{Pos: pos}
		for d.Targets = append(d.Targets, p.expr()); p.accept(opComma); {
			d.Targets = append(d.Targets, p.expr())
		}
		return d
	case kwImport:
		p.advance()
		imp := &Import{Pos: pos}
		for imp.Names = append(imp.Names, p.dottedAlias()); p.accept(opComma); {
			imp.Names = append(imp.Names, p.dottedAlias())
		}
		return imp
	case kwFrom:
		return p.importFrom()
	}
	return p.exprStmt()
}

func (p *dparser) dottedAlias() Alias {
	a := Alias{Pos: p.posOf(p.i), Name: p.dotted()}
	if p.accept(kwAs) {
		a.AsName = p.ident()
	}
	return a
}

func (p *dparser) dotted() string {
	name := p.ident()
	for !p.bad && p.accept(opDot) {
		name += "." + p.ident()
	}
	return name
}

func (p *dparser) importFrom() Stmt {
	f := &ImportFrom{Pos: p.posOf(p.i)}
	p.advance()
	for {
		if p.accept(opDot) {
			f.Level++
		} else if p.accept(opEllipsis) {
			f.Level += 3
		} else {
			break
		}
	}
	if p.kind() == tName {
		f.Module = p.dotted()
	} else if f.Level == 0 {
		p.fail()
	}
	p.expect(kwImport)
	if p.accept(opStar) {
		f.Star = true
		if f.Module == "__future__" && f.Level == 0 {
			p.fail() // Python refuses it: tree-sitter's path words the error
		}
		return f
	}
	paren := p.accept(opLParen)
	for !p.bad {
		a := Alias{Pos: p.posOf(p.i), Name: p.ident()}
		if p.accept(kwAs) {
			a.AsName = p.ident()
		}
		f.Names = append(f.Names, a)
		if !p.accept(opComma) || paren && p.at(opRParen) {
			break
		}
	}
	if paren {
		p.expect(opRParen)
	}
	return f
}

// exprStmt reads an expression statement or an assignment of any form.
func (p *dparser) exprStmt() Stmt {
	start := p.i
	pos := p.posOf(start)
	first := p.valueList()
	switch {
	case p.at(opAssign):
		a := &Assign{Pos: pos, Targets: []Expr{p.target(first)}}
		for p.accept(opAssign) && !p.bad {
			v := p.valueList()
			if !p.at(opAssign) {
				a.Value = v
				break
			}
			a.Targets = append(a.Targets, p.target(v))
		}
		return a
	case p.at(opColon):
		if !p.singleTarget(start, first) {
			return nil
		}
		p.advance()
		a := &AnnAssign{Pos: pos, Target: first, Annotation: p.annotation()}
		if p.accept(opAssign) {
			a.Value = p.valueList()
		}
		return a
	case p.at(opAug):
		if !p.singleTarget(start, first) {
			return nil
		}
		t := p.tok()
		p.advance()
		op := string(p.src[t.start : t.end-1])
		return &AugAssign{Pos: pos, Target: first, Op: op, Value: p.valueList()}
	}
	if tup, ok := first.(*Tuple); ok && len(tup.Elts) == 1 {
		// `a,` as a statement: tree-sitter drops the trailing comma; Python makes a tuple.
		p.fail()
	}
	if _, ok := first.(*Starred); ok {
		p.fail()
	}
	return &ExprStmt{Pos: pos, Value: first}
}

// singleTarget checks the target of an annotated or augmented assignment.
func (p *dparser) singleTarget(start int, e Expr) bool {
	switch e.(type) {
	case *Name, *Attribute, *Subscript:
		if !p.toks[start].is(opLParen) {
			return true
		}
	}
	p.fail()
	return false
}

// target checks that e can be assigned to, as the tree-sitter converter does.
func (p *dparser) target(e Expr) Expr {
	switch t := e.(type) {
	case *Name, *Attribute, *Subscript:
	case *Starred:
		p.target(t.Value)
	case *Tuple:
		for _, x := range t.Elts {
			p.target(x)
		}
	case *List:
		for _, x := range t.Elts {
			p.target(x)
		}
	default:
		p.fail()
	}
	return e
}

func (p *dparser) ifStmt() Stmt {
	top := &If{Pos: p.posOf(p.i)}
	p.advance()
	top.Test = p.namedExpr()
	p.expect(opColon)
	top.Body = p.block()
	cur := top
	for !p.bad && p.at(kwElif) {
		next := &If{Pos: p.posOf(p.i)}
		p.advance()
		next.Test = p.namedExpr()
		p.expect(opColon)
		next.Body = p.block()
		cur.OrElse = []Stmt{next}
		cur = next
	}
	cur.OrElse = p.elseBlock(cur.OrElse)
	return top
}

// elseBlock reads an optional `else:` suite; without one it returns dflt.
func (p *dparser) elseBlock(dflt []Stmt) []Stmt {
	if !p.accept(kwElse) {
		return dflt
	}
	p.expect(opColon)
	return p.block()
}

func (p *dparser) forStmt() Stmt {
	f := &For{Pos: p.posOf(p.i)}
	p.advance()
	f.Target = p.target(p.targetList())
	p.expect(kwIn)
	f.Iter = p.iterList()
	p.expect(opColon)
	f.Body = p.block()
	f.OrElse = p.elseBlock(nil)
	return f
}

// iterList reads `in a, b`: tree-sitter keeps no trailing comma there, so none is read.
func (p *dparser) iterList() Expr {
	start := p.i
	e := p.expr()
	if !p.at(opComma) {
		return e
	}
	elts := []Expr{e}
	for !p.bad && p.accept(opComma) {
		if !p.startsExpr() || p.at(opStar) {
			p.fail()
			break
		}
		elts = append(elts, p.expr())
	}
	return &Tuple{Pos: p.posOf(start), Elts: elts}
}

func (p *dparser) whileStmt() Stmt {
	w := &While{Pos: p.posOf(p.i)}
	p.advance()
	w.Test = p.namedExpr()
	p.expect(opColon)
	w.Body = p.block()
	w.OrElse = p.elseBlock(nil)
	return w
}

func (p *dparser) withStmt() Stmt {
	w := &With{Pos: p.posOf(p.i)}
	p.advance()
	if p.at(opLParen) {
		p.fail() // `with (a as b):` is read differently by the grammar
		return w
	}
	for !p.bad {
		item := WithItem{Expr: p.expr()}
		if p.accept(kwAs) {
			item.Target = p.target(p.bitOr())
		}
		w.Items = append(w.Items, item)
		if !p.accept(opComma) {
			break
		}
	}
	p.expect(opColon)
	w.Body = p.block()
	return w
}

func (p *dparser) tryStmt() Stmt {
	t := &Try{Pos: p.posOf(p.i)}
	p.advance()
	p.expect(opColon)
	t.Body = p.block()
	for !p.bad && p.at(kwExcept) {
		h := ExceptHandler{Pos: p.posOf(p.i)}
		p.advance()
		if p.at(opStar) {
			p.fail()
			break
		}
		if !p.at(opColon) {
			h.Type = p.expr()
			if p.accept(kwAs) {
				h.Name = p.ident()
			}
		}
		p.expect(opColon)
		h.Body = p.block()
		t.Handlers = append(t.Handlers, h)
	}
	if len(t.Handlers) > 0 {
		t.OrElse = p.elseBlock(nil)
	}
	if p.accept(kwFinally) {
		p.expect(opColon)
		t.Finally = p.block()
		if t.Finally == nil {
			p.fail()
		}
	} else if len(t.Handlers) == 0 {
		p.fail()
	}
	return t
}

func (p *dparser) decorated() Stmt {
	var decos []Expr
	for !p.bad && p.accept(opAt) {
		decos = append(decos, p.namedExpr())
		if p.kind() != tNewline {
			p.fail()
			return nil
		}
		p.advance()
	}
	switch {
	case p.at(kwDef):
		return p.funcDef(decos)
	case p.at(kwClass):
		return p.classDef(decos)
	}
	p.fail()
	return nil
}

func (p *dparser) funcDef(decos []Expr) Stmt {
	f := &FunctionDef{Pos: p.posOf(p.i), Decorators: decos}
	p.advance()
	f.Name = p.ident()
	p.expect(opLParen)
	f.Params = p.params(opRParen, true)
	p.expect(opRParen)
	if p.accept(opArrow) {
		f.Returns = p.annotation()
	}
	p.expect(opColon)
	f.Body = p.block()
	return f
}

func (p *dparser) classDef(decos []Expr) Stmt {
	c := &ClassDef{Pos: p.posOf(p.i), Decorators: decos}
	p.advance()
	c.Name = p.ident()
	if p.accept(opLParen) {
		c.Bases = p.args(false)
		p.expect(opRParen)
	}
	p.expect(opColon)
	c.Body = p.block()
	return c
}

// params reads a def's or a lambda's parameters up to close.
func (p *dparser) params(close opCode, annotations bool) Params {
	var out Params
	var shape []byte // the list's layout, for validParams
	kwOnly := false
	for !p.bad && !p.at(close) {
		prm := Param{Pos: p.posOf(p.i), Kind: PosOrKw}
		if kwOnly {
			prm.Kind = KwOnly
		}
		switch {
		case p.accept(opSlash):
			shape = append(shape, '/')
			for j := range out {
				if out[j].Kind == PosOrKw {
					out[j].Kind = PosOnly
				}
			}
		case p.at(opStar) && (p.peekAt(1, opComma) || p.peekAt(1, close)):
			p.advance()
			shape = append(shape, 'b')
			kwOnly = true
		case p.at(opStar) || p.at(opDStar):
			if p.at(opStar) {
				prm.Kind, kwOnly = VarPos, true
				shape = append(shape, '*')
			} else {
				prm.Kind = VarKw
				shape = append(shape, 'k')
			}
			p.advance()
			prm.Name = p.ident()
			if annotations && p.accept(opColon) {
				prm.Annotation = p.annotation()
			}
			out = append(out, prm)
		default:
			shape = append(shape, 'p')
			prm.Name = p.ident()
			if annotations && p.accept(opColon) {
				prm.Annotation = p.annotation()
			}
			if p.accept(opAssign) {
				prm.Default = p.expr()
			}
			out = append(out, prm)
		}
		if !p.accept(opComma) {
			break
		}
	}
	if !validParams(string(shape)) {
		p.fail()
	}
	return out
}

// validParams checks a parameter list's layout ('p' a name, '/', 'b' a bare `*`, '*' and
// 'k' for `*args` and `**kw`) as Python does: `/` once, after names only; one star, a bare
// one followed by a name; `**kw` last. tree-sitter lets some of these through.
func validParams(shape string) bool {
	slash := strings.IndexByte(shape, '/')
	star := strings.IndexAny(shape, "b*")
	kw := strings.IndexByte(shape, 'k')
	switch {
	case strings.Count(shape, "/") > 1 || slash == 0 || slash > 0 && strings.Trim(shape[:slash], "p") != "":
		return false
	case strings.Count(shape, "b")+strings.Count(shape, "*") > 1:
		return false
	case star >= 0 && shape[star] == 'b' && (star+1 >= len(shape) || shape[star+1] != 'p'):
		return false
	case kw >= 0 && kw != len(shape)-1:
		return false
	}
	return true
}

// annotation reads a type annotation. tree-sitter reads annotations with a type grammar of
// its own that misreads the unusual ones (`x: a[b] @ c` takes `@ c` for a decorator), so
// only the shapes real type hints have are read here: names, dotted names, strings,
// None, subscripts and `|` unions of those.
func (p *dparser) annotation() Expr {
	e := p.expr()
	if !typeHint(e) {
		p.fail()
	}
	return e
}

func typeHint(e Expr) bool {
	switch t := e.(type) {
	case *Name, *Str, *Ellipsis:
		return true
	case *Const:
		return t.Value == "None"
	case *Attribute:
		return typeHint(t.Value)
	case *Subscript:
		return typeHint(t.Value) && typeHint(t.Index)
	case *Tuple:
		return allTypeHints(t.Elts)
	case *List:
		return allTypeHints(t.Elts)
	case *BinOp:
		return t.Op == "|" && typeHint(t.Left) && typeHint(t.Right)
	}
	return false
}

func allTypeHints(es []Expr) bool {
	for _, e := range es {
		if !typeHint(e) {
			return false
		}
	}
	return true
}
