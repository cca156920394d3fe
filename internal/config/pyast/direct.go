package pyast

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// The direct parser: a recursive-descent parser for the Python that app code is written
// in, about six times faster than tree-sitter through cgo. It builds exactly the tree
// the tree-sitter path builds (agree_test.go holds it to that) and declines any file with
// a construct it does not read, or with an error: tree-sitter then parses the file and
// words the error.

// maxDirectDepth bounds the direct parser's recursion; deeper files go to tree-sitter,
// which has its own limit and message.
const maxDirectDepth = 100

type dparser struct {
	src   []byte
	li    *lineIndex
	sc    *scanner
	toks  []token
	i     int
	depth int
	bad   bool
	why   string
}

// parseDirect parses src without tree-sitter. It declines (false) whenever the file holds
// anything it does not handle exactly as the tree-sitter path would, so a caller falls back.
func parseDirect(file string, src []byte) (*Module, bool) {
	m, why := parseDirectWhy(file, src)
	return m, why == ""
}

// parseDirectWhy is parseDirect that says where it declined, for tests.
func parseDirectWhy(file string, src []byte) (*Module, string) {
	if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 || bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		return nil, "not plain UTF-8 text"
	}
	sc, ok := scanModule(src)
	if !ok {
		pos := newLineIndex(src).posAt(min(sc.pos, len(src)))
		return nil, fmt.Sprintf("tokens at %d:%d", pos.Line, pos.Col)
	}
	p := &dparser{src: src, li: newLineIndex(src), sc: sc, toks: sc.toks}
	var body []Stmt
	for !p.bad && p.kind() != tEOF {
		body = p.statement(body)
	}
	if p.bad {
		return nil, p.why
	}
	return &Module{File: file, Body: body}, ""
}

func (p *dparser) tok() *token   { return &p.toks[p.i] }
func (p *dparser) kind() tokKind { return p.toks[p.i].kind }

// is reports whether t is the operator or keyword code.
func (t *token) is(code opCode) bool { return t.kind == tOp && t.code == code }

func (p *dparser) at(code opCode) bool { return p.toks[p.i].is(code) }

// peekAt reports whether the token n ahead is the operator or keyword code.
func (p *dparser) peekAt(n int, code opCode) bool {
	return p.i+n < len(p.toks) && p.toks[p.i+n].is(code)
}

func (p *dparser) advance() {
	if p.i < len(p.toks)-1 {
		p.i++
	}
}

func (p *dparser) accept(code opCode) bool {
	if p.at(code) {
		p.advance()
		return true
	}
	return false
}

func (p *dparser) expect(code opCode) {
	if !p.accept(code) {
		p.fail()
	}
}

// fail gives up on the file; parsing runs on to the end token and its result is dropped.
func (p *dparser) fail() {
	if !p.bad {
		t := p.toks[p.i]
		pos := p.li.posAt(int(t.start))
		p.why = fmt.Sprintf("%d:%d at %q", pos.Line, pos.Col, p.src[t.start:t.end])
	}
	p.bad = true
	p.i = len(p.toks) - 1
}

func (p *dparser) enter() bool {
	p.depth++
	if p.depth > maxDirectDepth {
		p.fail()
		return false
	}
	return true
}

func (p *dparser) leave() { p.depth-- }

func (p *dparser) posOf(i int) Pos { return p.li.posAt(int(p.toks[i].start)) }

func (p *dparser) textOf(t *token) string { return string(p.src[t.start:t.end]) }

func (p *dparser) ident() string {
	t := p.tok()
	if t.kind != tName {
		p.fail()
		return ""
	}
	p.advance()
	return p.textOf(t)
}

// posAt converts a byte offset to a position. Offsets mostly come in increasing order, so
// the line found last is tried first.
func (li *lineIndex) posAt(off int) Pos {
	row := li.hint
	if row >= len(li.starts) || li.starts[row] > off || row+1 < len(li.starts) && li.starts[row+1] <= off {
		lo, hi := 0, len(li.starts)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if li.starts[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		row = lo
		li.hint = row
	}
	start := li.starts[row]
	return Pos{Line: row + 1, Col: utf8.RuneCount(li.src[start:off]) + 1}
}
