package pyast

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

func (c *conv) exprs(ids []int32) []Expr {
	out := make([]Expr, 0, len(ids))
	for _, k := range ids {
		out = append(out, c.expr(k))
	}
	return out
}

// exprOrTuple is one expression, or a tuple when a field holds several (`for x in a, b`).
func (c *conv) exprOrTuple(ids []int32) Expr {
	var kept []int32
	for _, k := range ids {
		if c.node(k).named {
			kept = append(kept, k)
		}
	}
	if len(kept) == 1 {
		return c.expr(kept[0])
	}
	if len(kept) == 0 {
		if len(ids) > 0 {
			c.fail(ids[0], "invalid syntax: missing expression")
		}
		return &Tuple{}
	}
	return &Tuple{Pos: c.pos(kept[0]), Elts: c.exprs(kept)}
}

// target converts an assignment target; targets share the expression node kinds.
func (c *conv) target(i int32) Expr {
	if i < 0 {
		return &Name{Id: "_"}
	}
	e := c.expr(i)
	c.checkTarget(i, e)
	return e
}

func (c *conv) checkTarget(i int32, e Expr) {
	switch t := e.(type) {
	case *Name, *Attribute, *Subscript:
	case *Starred:
		c.checkTarget(i, t.Value)
	case *Tuple:
		for _, x := range t.Elts {
			c.checkTarget(i, x)
		}
	case *List:
		for _, x := range t.Elts {
			c.checkTarget(i, x)
		}
	default:
		c.fail(i, "cannot assign to this expression")
	}
}

func (c *conv) expr(i int32) Expr {
	if i < 0 {
		return &Const{Value: "None"}
	}
	if !c.enter(i) {
		return &Const{Pos: c.pos(i), Value: "None"}
	}
	defer c.leave()
	if s := c.splatBottom(i); s >= 0 && s != c.unsplat {
		return c.hoistSplat(i, s)
	}
	n := c.node(i)
	p := c.pos(i)
	switch n.kind {
	case "identifier":
		return &Name{Pos: p, Id: c.text(i)}
	case "true":
		return &Const{Pos: p, Value: "True"}
	case "false":
		return &Const{Pos: p, Value: "False"}
	case "none":
		return &Const{Pos: p, Value: "None"}
	case "ellipsis":
		return &Ellipsis{Pos: p}
	case "integer", "float":
		return c.number(i)
	case "string", "concatenated_string":
		return c.str(i)
	case "attribute":
		return &Attribute{Pos: p, Value: c.expr(c.field(i, "object")), Attr: c.text(c.field(i, "attribute"))}
	case "subscript":
		return c.subscript(i)
	case "slice":
		return c.slice(i)
	case "call":
		return &Call{Pos: p, Func: c.expr(c.field(i, "function")), Args: c.callArgs(i)}
	case "binary_operator":
		if c.isBitAndXor(i) {
			return c.bitAndXor(i)
		}
		return &BinOp{Pos: p, Op: c.node(c.field(i, "operator")).kind, Left: c.expr(c.field(i, "left")), Right: c.expr(c.field(i, "right"))}
	case "unary_operator":
		return &UnaryOp{Pos: p, Op: c.node(c.field(i, "operator")).kind, Operand: c.expr(c.field(i, "argument"))}
	case "not_operator":
		return &UnaryOp{Pos: p, Op: "not", Operand: c.expr(c.field(i, "argument"))}
	case "boolean_operator":
		return c.boolOp(i)
	case "comparison_operator":
		return c.compare(i)
	case "conditional_expression":
		kids := c.named(i)
		if len(kids) != 3 {
			c.fail(i, "invalid syntax: incomplete conditional expression")
			return &Const{Pos: p, Value: "None"}
		}
		return &IfExp{Pos: p, Body: c.expr(kids[0]), Test: c.expr(kids[1]), OrElse: c.expr(kids[2])}
	case "lambda":
		l := &Lambda{Pos: p, Params: c.params(c.field(i, "parameters")), Body: c.expr(c.field(i, "body"))}
		for _, prm := range l.Params {
			if prm.Annotation != nil {
				c.fail(i, "invalid syntax: lambda parameters cannot have annotations")
			}
		}
		return l
	case "list", "list_pattern":
		return &List{Pos: p, Elts: c.elts(i)}
	case "tuple":
		return &Tuple{Pos: p, Elts: c.elts(i)}
	case "tuple_pattern":
		elts := c.elts(i)
		if len(elts) == 1 && !c.hasToken(i, ",") {
			return elts[0] // (x) = 1 assigns x
		}
		return &Tuple{Pos: p, Elts: elts}
	case "expression_list", "pattern_list":
		return &Tuple{Pos: p, Elts: c.elts(i)}
	case "set":
		return &Set{Pos: p, Elts: c.elts(i)}
	case "dictionary":
		return c.dict(i)
	case "list_splat", "list_splat_pattern", "parenthesized_list_splat":
		if i == c.unsplat {
			return c.inner(i)
		}
		if n.kind == "parenthesized_list_splat" {
			return c.inner(i)
		}
		return &Starred{Pos: p, Value: c.inner(i)}
	case "parenthesized_expression":
		kids := c.named(i)
		if len(kids) != 1 {
			c.fail(i, "invalid syntax: empty or malformed parentheses")
			return &Const{Pos: p, Value: "None"}
		}
		return c.expr(kids[0])
	case "list_comprehension":
		return c.comp(i, "list")
	case "set_comprehension":
		return c.comp(i, "set")
	case "dictionary_comprehension":
		return c.comp(i, "dict")
	case "generator_expression":
		return c.comp(i, "gen")
	case "named_expression":
		return &NamedExpr{Pos: p, Target: c.text(c.field(i, "name")), Value: c.expr(c.field(i, "value"))}
	case "await":
		return &Await{Pos: p, Value: c.inner(i)}
	case "yield":
		y := &Yield{Pos: p, From: c.hasToken(i, "from")}
		if kids := c.named(i); len(kids) > 0 {
			y.Value = c.expr(kids[0])
		}
		return y
	case "type":
		return c.typeExpr(i)
	case "keyword_argument", "dictionary_splat", "as_pattern", "pair":
		c.fail(i, "invalid syntax: %s is not allowed here", strings.ReplaceAll(n.kind, "_", " "))
	default:
		c.fail(i, "invalid syntax: unexpected %s", strings.ReplaceAll(n.kind, "_", " "))
	}
	return &Const{Pos: p, Value: "None"}
}

// splatBottom finds a list_splat at the leftmost end of expression i: tree-sitter-python
// 0.23.6 reads `[*d.fromkeys(x)]` as a call on `(*d).fromkeys` and `*a % b, c` as
// `(*a) % b`, where Python stars the whole item. It returns -1 when there is none.
func (c *conv) splatBottom(i int32) int32 {
	top := i
	for {
		switch c.node(i).kind {
		case "call":
			i = c.field(i, "function")
		case "attribute":
			i = c.field(i, "object")
		case "subscript":
			i = c.field(i, "value")
		case "binary_operator", "boolean_operator":
			i = c.field(i, "left")
		case "comparison_operator", "conditional_expression":
			kids := c.named(i)
			if len(kids) == 0 {
				return -1
			}
			i = kids[0]
		case "list_splat":
			if i == top {
				return -1
			}
			return i
		default:
			return -1
		}
	}
}

// hoistSplat converts chain i with its bottom splat s moved to the top, as Python reads it:
// the chain's nodes then start where the splat's operand does.
func (c *conv) hoistSplat(i, s int32) Expr {
	saved := c.unsplat
	c.unsplat = s
	inner := c.expr(i)
	c.unsplat = saved
	return &Starred{Pos: c.pos(s), Value: inner}
}

// callArgs converts the arguments of call node i; a lone generator argument
// (`f(x for x in y)`) is at its `(`.
func (c *conv) callArgs(i int32) []Arg {
	a := c.field(i, "arguments")
	switch {
	case a < 0:
		return nil
	case c.node(a).kind == "generator_expression":
		return []Arg{{Pos: c.pos(a), Value: c.expr(a)}}
	}
	return c.args(a)
}

// elts converts the items of a display or target list.
func (c *conv) elts(i int32) []Expr {
	return c.exprs(c.named(i))
}

func (c *conv) dict(i int32) Expr {
	d := &Dict{Pos: c.pos(i)}
	for _, k := range c.named(i) {
		switch c.node(k).kind {
		case "pair":
			d.Items = append(d.Items, DictItem{Key: c.expr(c.field(k, "key")), Value: c.expr(c.field(k, "value"))})
		case "dictionary_splat":
			d.Items = append(d.Items, DictItem{Value: c.inner(k)})
		default:
			c.fail(k, "invalid syntax: a dict item needs a key and a value")
		}
	}
	return d
}

func (c *conv) comp(i int32, kind string) Expr {
	cp := &Comp{Pos: c.pos(i), Kind: kind}
	body := c.field(i, "body")
	if kind == "dict" {
		if body < 0 || c.node(body).kind != "pair" {
			c.fail(i, "invalid syntax: a dict comprehension needs key: value")
			return cp
		}
		cp.Key = c.expr(c.field(body, "key"))
		cp.Elt = c.expr(c.field(body, "value"))
	} else {
		cp.Elt = c.expr(body)
	}
	for _, k := range c.named(i) {
		switch c.node(k).kind {
		case "for_in_clause":
			cp.For = append(cp.For, CompFor{Pos: c.pos(k), Target: c.target(c.field(k, "left")),
				Iter: c.exprOrTuple(c.fields(k, "right")), Async: c.hasToken(k, "async")})
		case "if_clause":
			if len(cp.For) == 0 {
				c.fail(k, "invalid syntax: if before for in a comprehension")
				continue
			}
			last := &cp.For[len(cp.For)-1]
			last.Ifs = append(last.Ifs, c.inner(k))
		}
	}
	if len(cp.For) == 0 {
		c.fail(i, "invalid syntax: a comprehension needs a for clause")
	}
	return cp
}

func (c *conv) boolOp(i int32) Expr {
	op := c.node(c.field(i, "operator")).kind
	b := &BoolOp{Pos: c.pos(i), Op: op}
	var add func(j int32)
	add = func(j int32) {
		if c.node(j).kind == "boolean_operator" && c.node(c.field(j, "operator")).kind == op {
			add(c.field(j, "left"))
			add(c.field(j, "right"))
			return
		}
		b.Values = append(b.Values, c.expr(j))
	}
	add(c.field(i, "left"))
	add(c.field(i, "right"))
	return b
}

func (c *conv) compare(i int32) Expr {
	cmp := &Compare{Pos: c.pos(i)}
	first := true
	for _, k := range c.kids(i) {
		n := c.node(k)
		switch {
		case n.field == "operators":
			cmp.Ops = append(cmp.Ops, n.kind)
		case n.named && first:
			cmp.Left = c.expr(k)
			first = false
		case n.named:
			cmp.Comparators = append(cmp.Comparators, c.expr(k))
		}
	}
	if cmp.Left == nil || len(cmp.Ops) == 0 || len(cmp.Ops) != len(cmp.Comparators) {
		c.fail(i, "invalid syntax: incomplete comparison")
	}
	return cmp
}

func (c *conv) subscript(i int32) Expr {
	s := &Subscript{Pos: c.pos(i), Value: c.expr(c.field(i, "value"))}
	idx := c.fields(i, "subscript")
	switch {
	case len(idx) == 1 && !c.trailingComma(i):
		s.Index = c.expr(idx[0])
	case len(idx) == 0:
		c.fail(i, "invalid syntax: empty subscript")
		s.Index = &Tuple{Pos: s.Pos}
	default:
		s.Index = &Tuple{Pos: c.pos(idx[0]), Elts: c.exprs(idx)}
	}
	return s
}

// trailingComma reports whether a subscript is written `x[a,]` (a one-element tuple).
func (c *conv) trailingComma(i int32) bool { return c.hasToken(i, ",") }

func (c *conv) slice(i int32) Expr {
	s := &Slice{Pos: c.pos(i)}
	colons := 0
	for _, k := range c.kids(i) {
		n := c.node(k)
		if !n.named {
			if n.kind == ":" {
				colons++
			}
			continue
		}
		e := c.expr(k)
		switch colons {
		case 0:
			s.Lower = e
		case 1:
			s.Upper = e
		default:
			s.Step = e
		}
	}
	return s
}

func (c *conv) number(i int32) Expr {
	n, msg := numberLit(c.pos(i), c.text(i), c.node(i).kind == "float")
	if msg != "" {
		c.fail(i, "%s", msg)
	}
	return n
}

// numberLit reads a number literal's text; isFloat says the grammar read it as a float.
// A non-empty msg says why the text is not a valid Python number.
func numberLit(p Pos, text string, isFloat bool) (*Num, string) {
	clean := strings.ReplaceAll(text, "_", "")
	lower := strings.ToLower(clean)
	if strings.HasSuffix(lower, "j") {
		f, err := strconv.ParseFloat(lower[:len(lower)-1], 64)
		if err != nil && !isRangeErr(err) {
			return &Num{Pos: p, Kind: ImagNum, Text: text}, fmt.Sprintf("invalid number literal %q", text)
		}
		return &Num{Pos: p, Kind: ImagNum, Float: f, Text: text}, ""
	}
	if isFloat {
		f, err := strconv.ParseFloat(lower, 64)
		if err != nil && !isRangeErr(err) {
			return &Num{Pos: p, Kind: FloatNum, Text: text}, fmt.Sprintf("invalid number literal %q", text)
		}
		return &Num{Pos: p, Kind: FloatNum, Float: f, Text: text}, ""
	}
	base, digits := 10, lower
	switch {
	case strings.HasPrefix(lower, "0x"):
		base, digits = 16, lower[2:]
	case strings.HasPrefix(lower, "0o"):
		base, digits = 8, lower[2:]
	case strings.HasPrefix(lower, "0b"):
		base, digits = 2, lower[2:]
	case len(lower) > 1 && lower[0] == '0' && strings.Trim(lower, "0") != "":
		return &Num{Pos: p, Kind: IntNum, Text: text}, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
	}
	u, err := strconv.ParseUint(digits, base, 64)
	switch {
	case err != nil && isRangeErr(err), err == nil && u > math.MaxInt64:
		f, _ := strconv.ParseFloat(clean, 64)
		return &Num{Pos: p, Kind: IntNum, Overflow: true, Float: f, Text: text}, ""
	case err != nil:
		return &Num{Pos: p, Kind: IntNum, Text: text}, fmt.Sprintf("invalid number literal %q", text)
	}
	return &Num{Pos: p, Kind: IntNum, Int: int64(u), Text: text}, ""
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// isBitAndXor reports whether node i is an unparenthesised `&` or `^` binary operator.
func (c *conv) isBitAndXor(i int32) bool {
	if i < 0 || c.node(i).kind != "binary_operator" {
		return false
	}
	op := c.node(c.field(i, "operator")).kind
	return op == "&" || op == "^"
}

// bitAndXor rebuilds a run of `&` and `^` operators with Python's precedence.
// tree-sitter-python 0.23.6 binds `^` tighter than `&`, the reverse of Python, so
// `a & b ^ c` arrives as `a & (b ^ c)`. Reading the run back in source order and regrouping
// (`&` first, both left-associative) gives Python's tree. Parenthesised operands are
// parenthesized_expression nodes, so they stay whole.
func (c *conv) bitAndXor(i int32) Expr {
	var run bitRun
	c.flattenBitRun(i, &run)
	// Split at every `^` into `&` chains, then chain those with `^`.
	var out Expr
	var outPos Pos
	start := 0
	for j := 0; j <= len(run.ops); j++ {
		if j < len(run.ops) && run.ops[j] != "^" {
			continue
		}
		group := run.operands[start]
		for k := start + 1; k <= j; k++ {
			group = &BinOp{Pos: run.pos[start], Op: "&", Left: group, Right: run.operands[k]}
		}
		if out == nil {
			out, outPos = group, run.pos[start]
		} else {
			out = &BinOp{Pos: outPos, Op: "^", Left: out, Right: group}
		}
		start = j + 1
	}
	return out
}

// bitRun is a run of `&`/`^` operators in source order: ops[k] sits between operands[k]
// and operands[k+1]; pos[k] is where operand k's node starts (at its parenthesis, as
// tree-sitter places a binary operator at the start of its left operand node).
type bitRun struct {
	operands []Expr
	pos      []Pos
	ops      []string
}

// flattenBitRun walks the run under node i in order. Operands are converted where the walk
// finds them and each nested operator counts one level, so nesting is bounded exactly as
// converting the tree node by node would bound it.
func (c *conv) flattenBitRun(i int32, run *bitRun) {
	c.bitOperand(c.field(i, "left"), run)
	run.ops = append(run.ops, c.node(c.field(i, "operator")).kind)
	c.bitOperand(c.field(i, "right"), run)
}

func (c *conv) bitOperand(k int32, run *bitRun) {
	if !c.isBitAndXor(k) {
		run.operands = append(run.operands, c.expr(k))
		run.pos = append(run.pos, c.pos(k))
		return
	}
	if !c.enter(k) {
		run.operands = append(run.operands, &Const{Pos: c.pos(k), Value: "None"})
		run.pos = append(run.pos, c.pos(k))
		return
	}
	defer c.leave()
	c.flattenBitRun(k, run)
}
