package pyast

import (
	"sync"
	"unicode/utf8"
	"unsafe"

	sitter "github.com/tree-sitter/go-tree-sitter"
	python "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// tnode is one tree-sitter node copied into Go memory, so the conversion to our AST makes
// no cgo calls and the tree-sitter tree can be freed right after the copy.
type tnode struct {
	kind     string
	field    string
	start    uint32 // byte offsets
	end      uint32
	row      uint32 // 0-based
	col      uint32 // 0-based, in bytes
	named    bool
	missing  bool
	isError  bool
	kidStart int32 // children are kids[kidStart:kidEnd]
	kidEnd   int32
}

// ctree is the copied tree: nodes[0] is the root.
type ctree struct {
	nodes []tnode
	kids  []int32
	// tooBig is set when the tree is deeper or larger than we copy; the copy is then
	// incomplete and must not be converted.
	tooBig bool
}

// grammar holds the Python language and its kind and field names by id. It is built once
// and never changed.
type grammar struct {
	lang    *sitter.Language
	langPtr unsafe.Pointer
	kinds   []string
	fields  []string
}

var loadGrammar = sync.OnceValue(func() *grammar {
	ptr := python.Language()
	lang := sitter.NewLanguage(ptr)
	g := &grammar{lang: lang, langPtr: ptr}
	for id := uint32(0); id < lang.NodeKindCount(); id++ {
		g.kinds = append(g.kinds, lang.NodeKindForId(uint16(id)))
	}
	g.fields = append(g.fields, "")
	for id := uint32(1); id <= lang.FieldCount(); id++ {
		g.fields = append(g.fields, lang.FieldNameForId(uint16(id)))
	}
	return g
})

// maxSource bounds the input size; Stelvio app files are a few kilobytes.
const maxSource = 8 << 20

// parseTree runs tree-sitter and copies its tree into Go memory.
func parseTree(src []byte) (*ctree, bool) {
	g := loadGrammar()
	recs, res := parseFlat(g.langPtr, src)
	switch res {
	case walkTooBig:
		return &ctree{tooBig: true}, true
	case walkFailed:
		return nil, false
	}
	t := &ctree{nodes: make([]tnode, 0, len(recs))}
	// Comments and line continuations can sit anywhere; they are dropped here so the
	// converter never sees them. They have no children, so parent indices stay valid
	// through newIdx.
	newIdx := make([]int32, len(recs))
	parents := make([]int32, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		kind := ""
		if int(r.symbol) < len(g.kinds) {
			kind = g.kinds[r.symbol]
		}
		named := r.flags&flagNamed != 0
		if named && (kind == "comment" || kind == "line_continuation") && r.parent >= 0 {
			newIdx[i] = -1
			continue
		}
		field := ""
		if int(r.field) < len(g.fields) {
			field = g.fields[r.field]
		}
		newIdx[i] = int32(len(t.nodes))
		p := int32(-1)
		if r.parent >= 0 {
			p = newIdx[r.parent]
		}
		parents = append(parents, p)
		t.nodes = append(t.nodes, tnode{
			kind: kind, field: field,
			start: uint32(r.start), end: uint32(r.end),
			row: uint32(r.row), col: uint32(r.col),
			named: named, missing: r.flags&flagMissing != 0, isError: r.flags&flagError != 0,
		})
	}
	if len(t.nodes) == 0 {
		return nil, false
	}

	// Children in document order: count, then fill.
	counts := make([]int32, len(t.nodes)+1)
	for _, p := range parents[1:] {
		counts[p+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	t.kids = make([]int32, len(t.nodes))
	fill := make([]int32, len(t.nodes))
	copy(fill, counts[:len(t.nodes)])
	for i, p := range parents {
		if i == 0 {
			continue
		}
		t.kids[fill[p]] = int32(i)
		fill[p]++
	}
	for i := range t.nodes {
		t.nodes[i].kidStart = counts[i]
		t.nodes[i].kidEnd = counts[i+1]
	}
	return t, true
}

const (
	maxNodes     = 4 << 20
	maxTreeDepth = 2000
)

// lineIndex turns byte positions into 1-based rune columns.
type lineIndex struct {
	src    []byte
	starts []int
	hint   int // the row posAt found last
}

func newLineIndex(src []byte) *lineIndex {
	li := &lineIndex{src: src, starts: []int{0}}
	for i, b := range src {
		if b == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// col converts a 0-based row and byte column to a 1-based rune column.
func (li *lineIndex) col(row, byteCol uint32) int {
	if int(row) >= len(li.starts) {
		return int(byteCol) + 1
	}
	start := li.starts[row]
	end := start + int(byteCol)
	if end > len(li.src) {
		end = len(li.src)
	}
	return utf8.RuneCount(li.src[start:end]) + 1
}

// line returns the text of a 1-based line without its line ending.
func (li *lineIndex) line(n int) string {
	if n < 1 || n > len(li.starts) {
		return ""
	}
	start := li.starts[n-1]
	end := len(li.src)
	if n < len(li.starts) {
		end = li.starts[n] - 1
	}
	s := string(li.src[start:end])
	if len(s) > 0 && s[len(s)-1] == '\r' {
		s = s[:len(s)-1]
	}
	return s
}
