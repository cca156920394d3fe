package pyast

// Expressions of the direct parser, by Python's precedence. A node is at the first token
// of its syntax, parentheses included, as tree-sitter places it: `(a).b` is at the `(`.

// startsExpr reports whether the current token can begin an expression.
func (p *dparser) startsExpr() bool {
	t := p.tok()
	switch t.kind {
	case tName, tNumber, tString:
		return true
	case tOp:
		switch t.code {
		case opLParen, opLBrack, opLBrace, opMinus, opPlus, opTilde, opStar, opEllipsis,
			kwNot, kwLambda, kwTrue, kwFalse, kwNone:
			return true
		}
	}
	return false
}

// starExprList reads `a, *b, c` (a tuple when there is a comma) or one expression. A
// star needs the tuple: `x = *a` is not Python.
func (p *dparser) starExprList() Expr {
	e := p.tupleOf(p.starExpr, p.startsExpr)
	if _, lone := e.(*Starred); lone {
		p.fail()
	}
	return e
}

// valueList is the right side of an assignment or an expression statement: a yield or an
// expression list.
func (p *dparser) valueList() Expr {
	if p.at(kwYield) {
		return p.yield()
	}
	return p.starExprList()
}

// yield reads `yield`, `yield a, b` and `yield from x`.
func (p *dparser) yield() Expr {
	y := &Yield{Pos: p.posOf(p.i)}
	p.advance()
	switch {
	case p.accept(kwFrom):
		y.From = true
		y.Value = p.expr()
	case p.startsExpr():
		y.Value = p.starExprList()
	}
	return y
}

// targetList reads the targets of a for loop or comprehension, up to `in`.
func (p *dparser) targetList() Expr {
	return p.tupleOf(p.targetItem, func() bool { return !p.at(kwIn) })
}

// tupleOf reads `item, item, ...`: one item alone, else a Tuple at the first item. more
// says whether an item follows a comma (a trailing comma ends the tuple).
func (p *dparser) tupleOf(item func() Expr, more func() bool) Expr {
	start := p.i
	e := item()
	if !p.at(opComma) {
		return e
	}
	elts := []Expr{e}
	for !p.bad && p.accept(opComma) && more() {
		elts = append(elts, item())
	}
	return &Tuple{Pos: p.posOf(start), Elts: elts}
}

func (p *dparser) starExpr() Expr   { return p.starred(p.expr) }
func (p *dparser) targetItem() Expr { return p.starred(p.bitOr) }

// starred reads `*x` or, without a star, operand.
func (p *dparser) starred(operand func() Expr) Expr {
	if !p.at(opStar) {
		return operand()
	}
	pos := p.posOf(p.i)
	p.advance()
	return &Starred{Pos: pos, Value: p.bitOr()}
}

// starNamedExpr is an item of a display: `*x`, `y := v` or an expression.
func (p *dparser) starNamedExpr() Expr { return p.starred(p.namedExpr) }

func (p *dparser) namedExpr() Expr {
	if p.kind() == tName && p.peekAt(1, opWalrus) {
		pos := p.posOf(p.i)
		name := p.ident()
		p.advance()
		return &NamedExpr{Pos: pos, Target: name, Value: p.expr()}
	}
	return p.expr()
}

func (p *dparser) expr() Expr {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	if p.at(kwLambda) {
		return p.lambda()
	}
	start := p.i
	body := p.disjunction()
	if !p.at(kwIf) {
		return body
	}
	p.advance()
	test := p.disjunction()
	p.expect(kwElse)
	return &IfExp{Pos: p.posOf(start), Test: test, Body: body, OrElse: p.expr()}
}

func (p *dparser) lambda() Expr {
	l := &Lambda{Pos: p.posOf(p.i)}
	p.advance()
	l.Params = p.params(opColon, false)
	p.expect(opColon)
	l.Body = p.expr()
	return l
}

func (p *dparser) disjunction() Expr { return p.boolOp(kwOr) }

// boolOp reads `a or b or c` (op kwOr) or `a and b` (kwAnd) as one flat BoolOp.
func (p *dparser) boolOp(op opCode) Expr {
	start := p.i
	operand := func() Expr {
		if op == kwOr {
			return p.boolOp(kwAnd)
		}
		return p.inversion()
	}
	first := operand()
	if !p.at(op) {
		return first
	}
	b := &BoolOp{Pos: p.posOf(start), Op: "or", Values: []Expr{first}}
	if op == kwAnd {
		b.Op = "and"
	}
	for !p.bad && p.accept(op) {
		b.Values = append(b.Values, operand())
	}
	return b
}

func (p *dparser) inversion() Expr {
	if !p.at(kwNot) {
		return p.comparison()
	}
	if !p.enter() {
		return nil
	}
	defer p.leave()
	pos := p.posOf(p.i)
	p.advance()
	return &UnaryOp{Pos: pos, Op: "not", Operand: p.inversion()}
}

func (p *dparser) comparison() Expr {
	start := p.i
	left := p.bitOr()
	var cmp *Compare
	for !p.bad {
		op := p.compareOp()
		if op == "" {
			break
		}
		if cmp == nil {
			cmp = &Compare{Pos: p.posOf(start), Left: left}
		}
		cmp.Ops = append(cmp.Ops, op)
		cmp.Comparators = append(cmp.Comparators, p.bitOr())
	}
	if cmp == nil {
		return left
	}
	return cmp
}

// compareOp reads a comparison operator, or returns "".
func (p *dparser) compareOp() string {
	t := p.tok()
	if t.kind != tOp {
		return ""
	}
	switch t.code {
	case opLT, opGT, opLE, opGE, opEQ, opNE:
		p.advance()
		return opText[t.code]
	case kwIn:
		p.advance()
		return "in"
	case kwNot:
		if p.peekAt(1, kwIn) {
			p.advance()
			p.advance()
			return "not in"
		}
	case kwIs:
		p.advance()
		if p.accept(kwNot) {
			return "is not"
		}
		return "is"
	}
	return ""
}

// binLevels are the binary operators from loosest to tightest, as Python binds them.
var binLevels = [...][]opCode{
	{opPipe},
	{opCaret},
	{opAmp},
	{opLShift, opRShift},
	{opPlus, opMinus},
	{opStar, opSlash, opDSlash, opPercent, opAt},
}

func (p *dparser) bitOr() Expr { return p.binary(0) }

func (p *dparser) binary(level int) Expr {
	if level == len(binLevels) {
		return p.factor()
	}
	start := p.i
	left := p.binary(level + 1)
	for !p.bad {
		t := p.tok()
		if t.kind != tOp || !hasOp(binLevels[level], t.code) {
			break
		}
		p.advance()
		right := p.binary(level + 1)
		left = &BinOp{Pos: p.posOf(start), Op: opText[t.code], Left: left, Right: right}
	}
	return left
}

func hasOp(ops []opCode, code opCode) bool {
	for _, o := range ops {
		if o == code {
			return true
		}
	}
	return false
}

func (p *dparser) factor() Expr {
	t := p.tok()
	if t.kind != tOp || t.code != opMinus && t.code != opPlus && t.code != opTilde {
		return p.power()
	}
	if !p.enter() {
		return nil
	}
	defer p.leave()
	pos := p.posOf(p.i)
	p.advance()
	return &UnaryOp{Pos: pos, Op: opText[t.code], Operand: p.factor()}
}

func (p *dparser) power() Expr {
	start := p.i
	base := p.primary()
	if !p.accept(opDStar) {
		return base
	}
	return &BinOp{Pos: p.posOf(start), Op: "**", Left: base, Right: p.factor()}
}

// primary reads an atom and its trailers: `.name`, `(args)` and `[index]`.
func (p *dparser) primary() Expr {
	start := p.i
	e := p.atom()
	for !p.bad {
		switch {
		case p.accept(opDot):
			e = &Attribute{Pos: p.posOf(start), Value: e, Attr: p.ident()}
		case p.accept(opLParen):
			call := &Call{Pos: p.posOf(start), Func: e}
			call.Args = p.args(true)
			p.expect(opRParen)
			e = call
		case p.accept(opLBrack):
			e = &Subscript{Pos: p.posOf(start), Value: e, Index: p.index()}
			p.expect(opRBrack)
		default:
			return e
		}
	}
	return e
}

// args reads call arguments after the `(`; a lone generator argument (`f(x for x in y)`)
// is at the `(`, as tree-sitter has it.
func (p *dparser) args(genOK bool) []Arg {
	var out []Arg
	for !p.bad && !p.at(opRParen) {
		pos := p.posOf(p.i)
		switch {
		case p.accept(opStar):
			out = append(out, Arg{Pos: pos, Value: p.expr(), Star: true})
		case p.accept(opDStar):
			out = append(out, Arg{Pos: pos, Value: p.expr(), DoubleStar: true})
		case p.kind() == tName && p.peekAt(1, opAssign):
			name := p.ident()
			p.advance()
			out = append(out, Arg{Pos: pos, Name: name, Value: p.expr()})
		default:
			open := p.i - 1
			v := p.namedExpr()
			if p.at(kwFor) {
				if len(out) > 0 || !genOK {
					p.fail()
					return nil
				}
				gpos := p.posOf(open)
				g := p.comp("gen", gpos, nil, v)
				if !p.at(opRParen) {
					p.fail()
				}
				return []Arg{{Pos: gpos, Value: g}}
			}
			out = append(out, Arg{Pos: pos, Value: v})
		}
		if !p.accept(opComma) {
			break
		}
	}
	return out
}

// index reads what is inside `[...]` of a subscript.
func (p *dparser) index() Expr {
	return p.tupleOf(p.sliceItem, func() bool { return !p.at(opRBrack) })
}

func (p *dparser) sliceItem() Expr {
	start := p.i
	var lower Expr
	if !p.at(opColon) {
		if p.at(opStar) {
			p.fail()
			return nil
		}
		lower = p.namedExpr()
		if !p.at(opColon) {
			return lower
		}
	}
	s := &Slice{Pos: p.posOf(start), Lower: lower}
	p.advance()
	if !p.at(opColon) && !p.at(opComma) && !p.at(opRBrack) {
		s.Upper = p.expr()
	}
	if p.accept(opColon) && !p.at(opComma) && !p.at(opRBrack) {
		s.Step = p.expr()
	}
	return s
}

func (p *dparser) atom() Expr {
	t := p.tok()
	pos := p.posOf(p.i)
	switch t.kind {
	case tName:
		p.advance()
		return &Name{Pos: pos, Id: p.textOf(t)}
	case tNumber:
		p.advance()
		n, msg := numberLit(pos, p.textOf(t), t.aux == 1)
		if msg != "" {
			p.fail()
		}
		return n
	case tString:
		return p.strings()
	case tOp:
		switch t.code {
		case kwTrue, kwFalse, kwNone:
			p.advance()
			return &Const{Pos: pos, Value: p.textOf(t)}
		case opEllipsis:
			p.advance()
			return &Ellipsis{Pos: pos}
		case opLParen:
			return p.paren()
		case opLBrack:
			return p.listDisplay()
		case opLBrace:
			return p.braceDisplay()
		}
	}
	p.fail()
	return nil
}

// paren reads `()`, `(x)`, `(a, b)` and `(x for x in y)`.
func (p *dparser) paren() Expr {
	pos := p.posOf(p.i)
	p.advance()
	if p.accept(opRParen) {
		return &Tuple{Pos: pos, Elts: []Expr{}}
	}
	if p.at(kwYield) {
		y := p.yield()
		p.expect(opRParen)
		return y
	}
	first := p.starNamedExpr()
	_, starred := first.(*Starred)
	switch {
	case p.at(kwFor) && !starred:
		g := p.comp("gen", pos, nil, first)
		p.expect(opRParen)
		return g
	case p.at(opRParen) && !starred:
		p.advance()
		return first
	case !p.at(opComma):
		p.fail()
		return nil
	}
	elts := []Expr{first}
	for !p.bad && p.accept(opComma) && !p.at(opRParen) {
		elts = append(elts, p.starNamedExpr())
	}
	p.expect(opRParen)
	return &Tuple{Pos: pos, Elts: elts}
}

func (p *dparser) listDisplay() Expr {
	pos := p.posOf(p.i)
	p.advance()
	if p.accept(opRBrack) {
		return &List{Pos: pos, Elts: []Expr{}}
	}
	first := p.starNamedExpr()
	if _, starred := first.(*Starred); p.at(kwFor) && !starred {
		c := p.comp("list", pos, nil, first)
		p.expect(opRBrack)
		return c
	}
	elts := []Expr{first}
	for !p.bad && p.accept(opComma) && !p.at(opRBrack) {
		elts = append(elts, p.starNamedExpr())
	}
	p.expect(opRBrack)
	return &List{Pos: pos, Elts: elts}
}

// braceDisplay reads a dict or set display or comprehension.
func (p *dparser) braceDisplay() Expr {
	pos := p.posOf(p.i)
	p.advance()
	if p.accept(opRBrace) {
		return &Dict{Pos: pos}
	}
	if p.at(opDStar) {
		return p.dict(pos, nil)
	}
	first := p.starNamedExpr()
	switch first.(type) {
	case *Starred, *NamedExpr:
	default:
		if p.at(opColon) {
			return p.dict(pos, first)
		}
	}
	if _, starred := first.(*Starred); p.at(kwFor) && !starred {
		c := p.comp("set", pos, nil, first)
		p.expect(opRBrace)
		return c
	}
	elts := []Expr{first}
	for !p.bad && p.accept(opComma) && !p.at(opRBrace) {
		elts = append(elts, p.starNamedExpr())
	}
	p.expect(opRBrace)
	return &Set{Pos: pos, Elts: elts}
}

// dict reads a dict display or comprehension; key, when set, is the first key, already
// read.
func (p *dparser) dict(pos Pos, key Expr) Expr {
	d := &Dict{Pos: pos}
	for !p.bad && !p.at(opRBrace) {
		if key == nil && p.accept(opDStar) {
			d.Items = append(d.Items, DictItem{Value: p.bitOr()})
		} else {
			if key == nil {
				key = p.expr()
			}
			p.expect(opColon)
			value := p.expr()
			if p.at(kwFor) && len(d.Items) == 0 {
				c := p.comp("dict", pos, key, value)
				p.expect(opRBrace)
				return c
			}
			d.Items = append(d.Items, DictItem{Key: key, Value: value})
			key = nil
		}
		if !p.accept(opComma) {
			break
		}
	}
	p.expect(opRBrace)
	return d
}

// comp reads the `for ... in ... if ...` clauses after a comprehension's element.
func (p *dparser) comp(kind string, pos Pos, key, elt Expr) Expr {
	c := &Comp{Pos: pos, Kind: kind, Key: key, Elt: elt}
	for !p.bad && p.at(kwFor) {
		f := CompFor{Pos: p.posOf(p.i)}
		p.advance()
		f.Target = p.target(p.targetList())
		p.expect(kwIn)
		f.Iter = p.disjunction()
		for !p.bad && p.accept(kwIf) {
			f.Ifs = append(f.Ifs, p.disjunction())
		}
		c.For = append(c.For, f)
	}
	return c
}
