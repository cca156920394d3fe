package pr

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"
)

// gfm parses and renders as GitHub does: GFM tables, strikethrough, autolinks, and raw
// HTML passed through (GitHub sanitises it to an allow-list, checked below).
var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))

// renderedTable is a GFM table as the renderer understood it.
type renderedTable struct {
	header []string
	rows   [][]string
}

// parseMarkdown returns the tables a GFM renderer finds in md, and the HTML it renders.
func parseMarkdown(t *testing.T, md string) ([]renderedTable, string) {
	t.Helper()
	src := []byte(md)
	doc := gfm.Parser().Parse(gmtext.NewReader(src))
	var tables []renderedTable
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		table, ok := n.(*east.Table)
		if !ok {
			return ast.WalkContinue, nil
		}
		var rt renderedTable
		for row := table.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, nodeText(cell, src))
			}
			if _, isHeader := row.(*east.TableHeader); isHeader {
				rt.header = cells
			} else {
				rt.rows = append(rt.rows, cells)
			}
		}
		tables = append(tables, rt)
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := gfm.Renderer().Render(&out, src, doc); err != nil {
		t.Fatal(err)
	}
	return tables, out.String()
}

// nodeText is the text a reader sees in a node.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				s := c.Segments.At(i)
				b.Write(s.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// allowedTags are the HTML elements our Markdown may produce; anything else means text
// from the app leaked into markup.
var allowedTags = map[string]bool{
	"p": true, "h3": true, "h4": true, "strong": true, "em": true, "code": true, "pre": true,
	"blockquote": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"ul": true, "li": true, "details": true, "summary": true, "sub": true, "br": false,
}

var tagRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`)

// checkMarkdown asserts what every rendering must satisfy: the marker first, every table
// row as wide as its header, only our own HTML elements, comments only our marker.
func checkMarkdown(t *testing.T, md string) ([]renderedTable, string) {
	t.Helper()
	if !strings.HasPrefix(md, "<!-- stelvio-action:") {
		t.Errorf("the marker is not the first line: %.80q", md)
	}
	tables, htmlOut := parseMarkdown(t, md)
	for i, tb := range tables {
		for j, r := range tb.rows {
			if len(r) != len(tb.header) {
				t.Errorf("table %d row %d has %d cells, header %d: %q", i, j, len(r), len(tb.header), r)
			}
		}
	}
	for _, m := range tagRE.FindAllStringSubmatch(htmlOut, -1) {
		if !allowedTags[strings.ToLower(m[2])] {
			t.Errorf("rendered HTML holds a <%s> element", m[2])
		}
	}
	if n := strings.Count(htmlOut, "<!--"); n != 1 {
		t.Errorf("rendered HTML holds %d comments, want only the marker", n)
	}
	return tables, htmlOut
}
