package pyast

import (
	"bytes"
	"fmt"
	"strings"
)

// Parse parses one Python source file. file is used in positions and messages. A file that
// is not valid Python gives a *SyntaxError.
//
// The common shapes of app code are read by a direct parser in Go; anything it does not
// handle, and every file with an error, goes to tree-sitter, which also words the errors.
func Parse(file string, src []byte) (*Module, error) {
	if len(src) > maxSource {
		return nil, &SyntaxError{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("file too large to read (%d bytes, the limit is %d)", len(src), maxSource)}
	}
	if m, ok := parseDirect(file, src); ok {
		return m, nil
	}
	return parseTreeSitter(file, src)
}

// parseTreeSitter parses with tree-sitter and converts its tree.
func parseTreeSitter(file string, src []byte) (*Module, error) {
	li := newLineIndex(src)
	if len(src) > maxSource {
		return nil, &SyntaxError{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("file too large to read (%d bytes, the limit is %d)", len(src), maxSource)}
	}
	t, ok := parseTree(src)
	if !ok {
		return nil, &SyntaxError{File: file, Line: 1, Col: 1, Msg: "the Python parser could not read the file"}
	}
	c := &conv{t: t, src: src, li: li, file: file, unsplat: -1}
	if t.tooBig {
		return nil, c.syntaxErr(0, "the file is nested too deeply or is too large to read")
	}
	if err := c.firstError(); err != nil {
		return nil, err
	}
	m := &Module{File: file, Body: c.block(0)}
	if c.err != nil {
		return nil, c.err
	}
	return m, nil
}

// conv converts the copied tree-sitter tree into the AST. It records the first problem in
// err and keeps going with placeholders, so no conversion function needs an error return.
type conv struct {
	t     *ctree
	src   []byte
	li    *lineIndex
	file  string
	err   *SyntaxError
	depth int
	// unsplat is the list_splat node being moved to the top of its chain (see
	// hoistSplat), or -1.
	unsplat int32
}

// node returns node i; -1 (a missing field) gives an empty node with no children.
func (c *conv) node(i int32) *tnode {
	if i < 0 {
		return &tnode{}
	}
	return &c.t.nodes[i]
}

func (c *conv) kids(i int32) []int32 {
	if i < 0 {
		return nil
	}
	n := &c.t.nodes[i]
	return c.t.kids[n.kidStart:n.kidEnd]
}

// named returns the named children, skipping punctuation and keywords.
func (c *conv) named(i int32) []int32 {
	var out []int32
	for _, k := range c.kids(i) {
		if c.t.nodes[k].named {
			out = append(out, k)
		}
	}
	return out
}

// field returns the first child in the named field, or -1.
func (c *conv) field(i int32, name string) int32 {
	for _, k := range c.kids(i) {
		if c.t.nodes[k].field == name {
			return k
		}
	}
	return -1
}

func (c *conv) fields(i int32, name string) []int32 {
	var out []int32
	for _, k := range c.kids(i) {
		if c.t.nodes[k].field == name {
			out = append(out, k)
		}
	}
	return out
}

// hasToken reports whether an anonymous child with this text exists.
func (c *conv) hasToken(i int32, tok string) bool {
	for _, k := range c.kids(i) {
		n := &c.t.nodes[k]
		if !n.named && n.kind == tok {
			return true
		}
	}
	return false
}

func (c *conv) text(i int32) string {
	if i < 0 {
		return ""
	}
	n := &c.t.nodes[i]
	return string(c.src[n.start:n.end])
}

func (c *conv) pos(i int32) Pos {
	if i < 0 || int(i) >= len(c.t.nodes) {
		return Pos{Line: 1, Col: 1}
	}
	n := &c.t.nodes[i]
	if c.unsplat >= 0 && n.start == c.t.nodes[c.unsplat].start {
		if kids := c.named(c.unsplat); len(kids) > 0 {
			n = &c.t.nodes[kids[0]]
		}
	}
	return Pos{Line: int(n.row) + 1, Col: c.li.col(n.row, n.col)}
}

func (c *conv) syntaxErr(i int32, msg string) *SyntaxError {
	p := c.pos(i)
	return &SyntaxError{File: c.file, Line: p.Line, Col: p.Col, Msg: msg, Source: c.li.line(p.Line)}
}

func (c *conv) fail(i int32, format string, args ...any) {
	if c.err == nil {
		c.err = c.syntaxErr(i, fmt.Sprintf(format, args...))
	}
}

// firstError finds the earliest ERROR or MISSING node: tree-sitter recovers from errors,
// Python does not. It then places the report where CPython would, as far as it can tell.
func (c *conv) firstError() *SyntaxError {
	best := int32(-1)
	for i := range c.t.nodes {
		n := &c.t.nodes[i]
		if !n.isError && !n.missing {
			continue
		}
		if best < 0 || n.start < c.t.nodes[best].start {
			best = int32(i)
		}
	}
	if best < 0 {
		return c.layoutError()
	}
	n := &c.t.nodes[best]
	if n.missing {
		what := n.kind
		if n.named {
			what = strings.ReplaceAll(what, "_", " ")
		} else {
			what = fmt.Sprintf("%q", what)
		}
		return c.syntaxErr(best, fmt.Sprintf("invalid syntax: expected %s (the file is not valid Python)", what))
	}
	if open := c.unclosedBracket(best); open >= 0 {
		return c.syntaxErr(open, fmt.Sprintf("'%s' was never closed (the file is not valid Python)", c.node(open).kind))
	}
	if q := c.src[n.start]; q == '\'' || q == '"' {
		return c.syntaxErr(best, "unterminated string literal (the file is not valid Python)")
	}
	// An error that swallows a whole statement: CPython stops after the last token that
	// still made sense, which is the end of the statement's first line.
	if kids := c.kids(best); c.startsLine(best) && (len(kids) > 1 || len(kids) == 1 && isKeyword(c.node(kids[0]))) {
		last := int32(-1)
		for _, k := range c.leaves(best) {
			if c.node(k).row == n.row {
				last = k
			}
		}
		if last >= 0 {
			ln := c.node(last)
			line := int(ln.row) + 1
			col := c.li.col(ln.row, ln.col+(ln.end-ln.start))
			return &SyntaxError{File: c.file, Line: line, Col: col, Msg: "invalid syntax (the file is not valid Python)", Source: c.li.line(line)}
		}
	}
	return c.syntaxErr(best, "invalid syntax (the file is not valid Python)")
}

// leaves lists the tokens under i in document order.
func (c *conv) leaves(i int32) []int32 {
	kids := c.kids(i)
	if len(kids) == 0 {
		return []int32{i}
	}
	var out []int32
	for _, k := range kids {
		out = append(out, c.leaves(k)...)
	}
	return out
}

// unclosedBracket returns an opening bracket under the error node i that is never closed
// inside it, or -1.
func (c *conv) unclosedBracket(i int32) int32 {
	var stack []int32
	for _, k := range c.leaves(i) {
		n := c.node(k)
		if n.named {
			continue
		}
		switch n.kind {
		case "(", "[", "{":
			stack = append(stack, k)
		case ")", "]", "}":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return -1
	}
	// Only an error that runs to the end of the file leaves a bracket open for good.
	if int(c.node(i).end) < len(strings.TrimRight(string(c.src), " \t\r\n")) {
		return -1
	}
	return stack[0]
}

// startsLine reports whether node i is the first thing on its line.
func (c *conv) startsLine(i int32) bool {
	n := c.node(i)
	start := c.li.starts[n.row]
	return strings.TrimLeft(string(c.src[start:n.start]), " \t\f") == ""
}

// layoutError checks what tree-sitter lets through but Python does not: indentation that
// does not line up, and blocks with no statement.
func (c *conv) layoutError() *SyntaxError {
	var check func(i int32, indent int) *SyntaxError
	check = func(i int32, indent int) *SyntaxError {
		kind := c.node(i).kind
		if kind == "block" || kind == "module" {
			stmts := c.named(i)
			if kind == "block" && len(stmts) == 0 {
				return c.emptyBlock(i)
			}
			lastRow := int64(-1)
			if kind == "block" {
				lastRow = int64(c.headerRow(i))
			}
			want := indent
			for _, s := range stmts {
				n := c.node(s)
				if int64(n.row) != lastRow {
					col := int(n.col)
					if want < 0 {
						want = col
					}
					if col != want {
						msg := "unexpected indent"
						if col < want || col < c.prevIndent(n.row) {
							msg = "unindent does not match any outer indentation level"
						}
						return c.syntaxErr(s, msg+" (the file is not valid Python)")
					}
				}
				lastRow = int64(c.endRow(s))
			}
		}
		for _, k := range c.kids(i) {
			if !c.node(k).named {
				continue
			}
			next := -1
			if c.node(k).kind != "block" {
				next = indent
			}
			if err := check(k, next); err != nil {
				return err
			}
		}
		return nil
	}
	return check(0, 0)
}

// headerRow is the row of the line that opens block i (`def f():` ...), so statements on
// that same line are not checked for indentation.
func (c *conv) headerRow(i int32) uint32 {
	n := c.node(i)
	row := n.row
	// The block starts at its first statement; the header is the last line before it that
	// holds a ':' token of the parent. Statements on the header line share its row.
	for r := int(n.start) - 1; r >= 0; r-- {
		b := c.src[r]
		if b == ':' {
			return uint32(c.rowOf(r))
		}
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\\' {
			break
		}
	}
	return row
}

func (c *conv) rowOf(off int) int {
	lo, hi := 0, len(c.li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func (c *conv) endRow(i int32) uint32 {
	end := int(c.node(i).end)
	if end > 0 {
		end--
	}
	return uint32(c.rowOf(end))
}

func (c *conv) emptyBlock(i int32) *SyntaxError {
	n := c.node(i)
	header := c.rowOf(int(n.start)) + 1
	for j := range c.t.nodes {
		m := &c.t.nodes[j]
		if m.start >= n.end && m.row > n.row && len(c.kids(int32(j))) == 0 {
			return c.syntaxErr(int32(j), fmt.Sprintf("expected an indented block after line %d (the file is not valid Python)", header))
		}
	}
	return c.syntaxErr(i, fmt.Sprintf("expected an indented block after line %d (the file is not valid Python)", header))
}

// maxNesting bounds recursion in the converter and, through the AST depth, in the
// evaluator. CPython itself refuses more than 200 nested parentheses.
const maxNesting = 1000

func (c *conv) enter(i int32) bool {
	c.depth++
	if c.depth > maxNesting {
		c.fail(i, "too many nested expressions or blocks")
		return false
	}
	return true
}

func (c *conv) leave() { c.depth-- }

// ---- statements ----

// block converts the statements under a module or block node.
func (c *conv) block(i int32) []Stmt {
	if i < 0 {
		return nil
	}
	var out []Stmt
	for _, k := range c.named(i) {
		if s := c.stmt(k); s != nil {
			out = append(out, s)
		}
	}
	return out
}

func (c *conv) stmt(i int32) Stmt {
	if !c.enter(i) {
		return nil
	}
	defer c.leave()
	n := c.node(i)
	p := c.pos(i)
	switch n.kind {
	case "expression_statement":
		kids := c.named(i)
		if len(kids) == 1 {
			k := kids[0]
			switch c.node(k).kind {
			case "assignment":
				return c.assignment(k)
			case "augmented_assignment":
				op := c.text(c.field(k, "operator"))
				return &AugAssign{Pos: p, Target: c.expr(c.field(k, "left")), Op: strings.TrimSuffix(op, "="), Value: c.rhs(k)}
			}
			return &ExprStmt{Pos: p, Value: c.expr(k)}
		}
		return &ExprStmt{Pos: p, Value: &Tuple{Pos: p, Elts: c.exprs(kids)}}
	case "return_statement":
		var v Expr
		if kids := c.named(i); len(kids) > 0 {
			v = c.expr(kids[0])
		}
		return &Return{Pos: p, Value: v}
	case "pass_statement":
		return &Pass{Pos: p}
	case "break_statement":
		return &Break{Pos: p}
	case "continue_statement":
		return &Continue{Pos: p}
	case "raise_statement":
		r := &Raise{Pos: p}
		for _, k := range c.named(i) {
			if c.node(k).field == "cause" {
				r.Cause = c.expr(k)
			} else if r.Exc == nil {
				r.Exc = c.expr(k)
			}
		}
		return r
	case "global_statement":
		return &Global{Pos: p, Names: c.identifiers(i)}
	case "nonlocal_statement":
		return &Nonlocal{Pos: p, Names: c.identifiers(i)}
	case "assert_statement":
		kids := c.named(i)
		a := &Assert{Pos: p}
		if len(kids) > 0 {
			a.Test = c.expr(kids[0])
		}
		if len(kids) > 1 {
			a.Msg = c.expr(kids[1])
		}
		return a
	case "delete_statement":
		d := &Del{Pos: p}
		for _, k := range c.named(i) {
			if c.node(k).kind == "expression_list" {
				d.Targets = append(d.Targets, c.exprs(c.named(k))...)
			} else {
				d.Targets = append(d.Targets, c.expr(k))
			}
		}
		return d
	case "import_statement":
		return &Import{Pos: p, Names: c.aliases(i)}
	case "import_from_statement":
		return c.importFrom(i)
	case "future_import_statement":
		return &ImportFrom{Pos: p, Module: "__future__", Names: c.aliases(i)}
	case "if_statement":
		return c.ifStmt(i)
	case "for_statement":
		f := &For{Pos: p, Target: c.target(c.field(i, "left")), Iter: c.exprOrTuple(c.fields(i, "right")),
			Body: c.block(c.field(i, "body")), Async: c.hasToken(i, "async")}
		if e := c.field(i, "alternative"); e >= 0 {
			f.OrElse = c.block(c.field(e, "body"))
		}
		return f
	case "while_statement":
		w := &While{Pos: p, Test: c.expr(c.field(i, "condition")), Body: c.block(c.field(i, "body"))}
		if e := c.field(i, "alternative"); e >= 0 {
			w.OrElse = c.block(c.field(e, "body"))
		}
		return w
	case "with_statement":
		return c.with(i)
	case "try_statement":
		return c.try(i)
	case "function_definition":
		return c.funcDef(i, nil)
	case "class_definition":
		return c.classDef(i, nil)
	case "decorated_definition":
		var decos []Expr
		for _, k := range c.named(i) {
			if c.node(k).kind == "decorator" {
				if d := c.named(k); len(d) > 0 {
					decos = append(decos, c.expr(d[0]))
				}
			}
		}
		def := c.field(i, "definition")
		if def < 0 {
			c.fail(i, "a decorator must be followed by def or class")
			return nil
		}
		if c.node(def).kind == "class_definition" {
			return c.classDef(def, decos)
		}
		return c.funcDef(def, decos)
	case "match_statement":
		return c.match(i)
	case "type_alias_statement":
		if rest := bytes.TrimLeft(c.src[n.start+uint32(len("type")):n.end], " \t\\\r\n"); len(rest) > 0 && !isIdentStart(rest[0]) {
			// tree-sitter-python 0.23.6 reads `type(x).y = z` as an alias named x; Python
			// reads an assignment. Refuse rather than bind the wrong name.
			c.fail(i, "this statement starting with `type(` is misread by the parser; assign type(...) to a name first")
			return nil
		}
		left := c.field(i, "left")
		name := ""
		for _, k := range c.named(left) {
			name = c.typeName(k)
			break
		}
		return &TypeAlias{Pos: p, Name: name, Value: c.typeExpr(c.field(i, "right"))}
	case "print_statement":
		c.fail(i, "Missing parentheses in call to 'print' (a Python 2 print statement)")
	case "exec_statement":
		c.fail(i, "Missing parentheses in call to 'exec' (a Python 2 exec statement)")
	default:
		c.fail(i, "invalid syntax: unexpected %s", strings.ReplaceAll(n.kind, "_", " "))
	}
	return nil
}

// assignment handles `a = b = c` (nested in tree-sitter) and annotated assignments.
func (c *conv) assignment(i int32) Stmt {
	p := c.pos(i)
	if ann := c.field(i, "type"); ann >= 0 {
		a := &AnnAssign{Pos: p, Target: c.target(c.field(i, "left")), Annotation: c.typeExpr(ann)}
		if c.field(i, "right") >= 0 {
			a.Value = c.rhs(i)
		}
		return a
	}
	a := &Assign{Pos: p}
	cur := i
	for {
		a.Targets = append(a.Targets, c.target(c.field(cur, "left")))
		r := c.field(cur, "right")
		if r >= 0 && c.node(r).kind == "assignment" && c.field(r, "type") < 0 {
			cur = r
			continue
		}
		a.Value = c.rhs(cur)
		return a
	}
}

// rhs is the right side of an assignment node.
func (c *conv) rhs(i int32) Expr {
	r := c.field(i, "right")
	if r < 0 {
		c.fail(i, "invalid syntax: assignment without a value")
		return &Const{Pos: c.pos(i), Value: "None"}
	}
	if k := c.node(r).kind; k == "assignment" || k == "augmented_assignment" {
		c.fail(r, "invalid syntax: this assignment form is not valid Python")
		return &Const{Pos: c.pos(r), Value: "None"}
	}
	return c.expr(r)
}

func (c *conv) identifiers(i int32) []string {
	var out []string
	for _, k := range c.named(i) {
		if c.node(k).kind == "identifier" {
			out = append(out, c.text(k))
		}
	}
	return out
}

func (c *conv) aliases(i int32) []Alias {
	var out []Alias
	for _, k := range c.fields(i, "name") {
		out = append(out, c.alias(k))
	}
	return out
}

func (c *conv) alias(k int32) Alias {
	if c.node(k).kind == "aliased_import" {
		return Alias{Pos: c.pos(k), Name: c.dotted(c.field(k, "name")), AsName: c.text(c.field(k, "alias"))}
	}
	return Alias{Pos: c.pos(k), Name: c.dotted(k)}
}

// dotted joins a dotted_name's identifiers, dropping whitespace and comments between them.
func (c *conv) dotted(i int32) string {
	if i < 0 {
		return ""
	}
	if c.node(i).kind == "identifier" {
		return c.text(i)
	}
	var parts []string
	for _, k := range c.named(i) {
		parts = append(parts, c.text(k))
	}
	return strings.Join(parts, ".")
}

func (c *conv) importFrom(i int32) Stmt {
	f := &ImportFrom{Pos: c.pos(i)}
	mod := c.field(i, "module_name")
	if mod >= 0 {
		if c.node(mod).kind == "relative_import" {
			for _, k := range c.kids(mod) {
				switch c.node(k).kind {
				case "import_prefix":
					f.Level = strings.Count(c.text(k), ".")
				case "dotted_name":
					f.Module = c.dotted(k)
				}
			}
		} else {
			f.Module = c.dotted(mod)
		}
	}
	for _, k := range c.kids(i) {
		n := c.node(k)
		switch {
		case n.field == "name":
			f.Names = append(f.Names, c.alias(k))
		case n.kind == "wildcard_import":
			f.Star = true
		}
	}
	return f
}

func (c *conv) ifStmt(i int32) Stmt {
	top := &If{Pos: c.pos(i), Test: c.expr(c.field(i, "condition")), Body: c.block(c.field(i, "consequence"))}
	cur := top
	for _, alt := range c.fields(i, "alternative") {
		switch c.node(alt).kind {
		case "elif_clause":
			next := &If{Pos: c.pos(alt), Test: c.expr(c.field(alt, "condition")), Body: c.block(c.field(alt, "consequence"))}
			cur.OrElse = []Stmt{next}
			cur = next
		case "else_clause":
			cur.OrElse = c.block(c.field(alt, "body"))
		}
	}
	return top
}

func (c *conv) with(i int32) Stmt {
	w := &With{Pos: c.pos(i), Async: c.hasToken(i, "async"), Body: c.block(c.field(i, "body"))}
	for _, clause := range c.named(i) {
		if c.node(clause).kind != "with_clause" {
			continue
		}
		for _, item := range c.named(clause) {
			if c.node(item).kind != "with_item" {
				continue
			}
			v := c.field(item, "value")
			if v < 0 {
				continue
			}
			if c.node(v).kind == "as_pattern" {
				e, target := c.asPattern(v)
				w.Items = append(w.Items, WithItem{Expr: e, Target: target})
			} else {
				w.Items = append(w.Items, WithItem{Expr: c.expr(v)})
			}
		}
	}
	return w
}

// asPattern splits `expr as target` (with items, except clauses).
func (c *conv) asPattern(i int32) (Expr, Expr) {
	var e, target Expr
	for _, k := range c.named(i) {
		if c.node(k).field == "alias" {
			if ts := c.named(k); len(ts) > 0 {
				target = c.target(ts[0])
			}
		} else if e == nil {
			e = c.expr(k)
		}
	}
	if e == nil {
		e = &Const{Pos: c.pos(i), Value: "None"}
	}
	return e, target
}

func (c *conv) try(i int32) Stmt {
	t := &Try{Pos: c.pos(i), Body: c.block(c.field(i, "body"))}
	for _, k := range c.named(i) {
		switch c.node(k).kind {
		case "except_clause", "except_group_clause":
			t.Star = t.Star || c.node(k).kind == "except_group_clause"
			h := ExceptHandler{Pos: c.pos(k)}
			for _, part := range c.named(k) {
				switch c.node(part).kind {
				case "block":
					h.Body = c.block(part)
				case "as_pattern":
					e, target := c.asPattern(part)
					h.Type = e
					if nm, ok := target.(*Name); ok {
						h.Name = nm.Id
					} else if target != nil {
						c.fail(part, "invalid syntax: an except clause binds a plain name")
					}
				default:
					if h.Type == nil {
						h.Type = c.expr(part)
					}
				}
			}
			t.Handlers = append(t.Handlers, h)
		case "else_clause":
			t.OrElse = c.block(c.field(k, "body"))
		case "finally_clause":
			for _, b := range c.named(k) {
				if c.node(b).kind == "block" {
					t.Finally = c.block(b)
				}
			}
		}
	}
	return t
}

func (c *conv) funcDef(i int32, decos []Expr) Stmt {
	f := &FunctionDef{Pos: c.pos(i), Name: c.text(c.field(i, "name")), Decorators: decos, Async: c.hasToken(i, "async")}
	f.TypeParams = c.typeParams(c.field(i, "type_parameters"))
	f.Params = c.params(c.field(i, "parameters"))
	if r := c.field(i, "return_type"); r >= 0 {
		f.Returns = c.typeExpr(r)
	}
	f.Body = c.block(c.field(i, "body"))
	return f
}

func (c *conv) classDef(i int32, decos []Expr) Stmt {
	cd := &ClassDef{Pos: c.pos(i), Name: c.text(c.field(i, "name")), Decorators: decos}
	cd.TypeParams = c.typeParams(c.field(i, "type_parameters"))
	if sup := c.field(i, "superclasses"); sup >= 0 {
		cd.Bases = c.args(sup)
	}
	cd.Body = c.block(c.field(i, "body"))
	return cd
}

func (c *conv) typeParams(i int32) []string {
	if i < 0 {
		return nil
	}
	var out []string
	for _, k := range c.named(i) {
		out = append(out, c.typeName(k))
	}
	return out
}

// typeName is the declared name in a type parameter or alias (`T`, `*Ts`, `T: int`).
func (c *conv) typeName(i int32) string {
	if c.node(i).kind == "identifier" {
		return c.text(i)
	}
	for _, k := range c.named(i) {
		if n := c.typeName(k); n != "" {
			return n
		}
	}
	return ""
}

// typeExpr converts an annotation. Annotations are never evaluated, so anything that is
// not a plain expression becomes None.
func (c *conv) typeExpr(i int32) Expr {
	if i < 0 {
		return nil
	}
	if c.node(i).kind == "type" {
		kids := c.named(i)
		if len(kids) == 1 && isExprKind(c.node(kids[0]).kind) {
			return c.expr(kids[0])
		}
		return &Const{Pos: c.pos(i), Value: "None"}
	}
	return c.expr(i)
}

func isExprKind(k string) bool {
	switch k {
	case "constrained_type", "generic_type", "member_type", "splat_type", "union_type", "type":
		return false
	}
	return true
}

func (c *conv) params(i int32) Params {
	if i < 0 {
		return nil
	}
	var out Params
	kwOnly := false
	for _, k := range c.named(i) {
		n := c.node(k)
		p := Param{Pos: c.pos(k), Kind: PosOrKw}
		if kwOnly {
			p.Kind = KwOnly
		}
		switch n.kind {
		case "identifier":
			p.Name = c.text(k)
		case "typed_parameter":
			p.Annotation = c.typeExpr(c.field(k, "type"))
			for _, sub := range c.named(k) {
				switch c.node(sub).kind {
				case "identifier":
					p.Name = c.text(sub)
				case "list_splat_pattern":
					p.Name, p.Kind, kwOnly = c.splatName(sub), VarPos, true
				case "dictionary_splat_pattern":
					p.Name, p.Kind = c.splatName(sub), VarKw
				}
			}
		case "default_parameter", "typed_default_parameter":
			name := c.field(k, "name")
			if name < 0 || c.node(name).kind != "identifier" {
				c.fail(k, "invalid syntax: a parameter must be a name")
				continue
			}
			p.Name = c.text(name)
			p.Default = c.expr(c.field(k, "value"))
			if t := c.field(k, "type"); t >= 0 {
				p.Annotation = c.typeExpr(t)
			}
		case "list_splat_pattern":
			p.Name, p.Kind, kwOnly = c.splatName(k), VarPos, true
		case "dictionary_splat_pattern":
			p.Name, p.Kind = c.splatName(k), VarKw
		case "keyword_separator":
			kwOnly = true
			continue
		case "positional_separator":
			for j := range out {
				if out[j].Kind == PosOrKw {
					out[j].Kind = PosOnly
				}
			}
			continue
		default:
			c.fail(k, "invalid syntax: unexpected %s in a parameter list", strings.ReplaceAll(n.kind, "_", " "))
			continue
		}
		out = append(out, p)
	}
	return out
}

func (c *conv) splatName(i int32) string {
	for _, k := range c.named(i) {
		if c.node(k).kind == "identifier" {
			return c.text(k)
		}
	}
	c.fail(i, "invalid syntax: * and ** parameters need a name")
	return ""
}

func (c *conv) args(i int32) []Arg {
	var out []Arg
	for _, k := range c.named(i) {
		n := c.node(k)
		p := c.pos(k)
		switch n.kind {
		case "list_splat":
			out = append(out, Arg{Pos: p, Value: c.inner(k), Star: true})
		case "dictionary_splat":
			out = append(out, Arg{Pos: p, Value: c.inner(k), DoubleStar: true})
		case "keyword_argument":
			out = append(out, Arg{Pos: p, Name: c.text(c.field(k, "name")), Value: c.expr(c.field(k, "value"))})
		default:
			e := c.expr(k)
			if st, ok := e.(*Starred); ok {
				// Only a hoisted star gets here (f(*a.b()) misread as a call on (*a).b:
				// see splatBottom); it is a star argument.
				out = append(out, Arg{Pos: p, Value: st.Value, Star: true})
				continue
			}
			out = append(out, Arg{Pos: p, Value: e})
		}
	}
	return out
}

// inner converts the single operand of a splat-like node.
func (c *conv) inner(i int32) Expr {
	kids := c.named(i)
	if len(kids) == 0 {
		c.fail(i, "invalid syntax: missing operand")
		return &Const{Pos: c.pos(i), Value: "None"}
	}
	return c.expr(kids[0])
}

func isKeyword(n *tnode) bool {
	if n.named || n.kind == "" {
		return false
	}
	for _, r := range n.kind {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// prevIndent is the indentation of the last code line above row, or 0.
func (c *conv) prevIndent(row uint32) int {
	for r := int(row) - 1; r >= 0; r-- {
		line := c.li.line(r + 1)
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		return len(line) - len(trimmed)
	}
	return 0
}
