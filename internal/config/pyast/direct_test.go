package pyast

import "testing"

// Shapes the direct parser took on after its first version; each must be read (not left
// to tree-sitter) and agree with tree-sitter's tree.
func TestDirectReadsGeneratorsAndSoftKeywordNames(t *testing.T) {
	for _, src := range []string{
		"def g():\n    yield\n    yield 1, 2\n    x = yield y\n    x += yield\n    yield from h()\n    return (yield)\n",
		"match = re.match(p, s)\nmatch.group(1)\ntype = 'x'\ncase, rest = 1, 2\nmatch += 1\n",
		"print(x, *s.split())\nx = [*d.fromkeys(a)]\n",
	} {
		if _, why := parseDirectWhy("t.py", []byte(src)); why != "" {
			t.Errorf("the direct parser declines (%s):\n%s", why, src)
		}
		checkAgree(t, "t.py", []byte(src))
	}
	for _, src := range []string{"match x:\n    case 1:\n        pass\n", "type X = int\n", "type(x).y = 1\n"} {
		if _, ok := parseDirect("t.py", []byte(src)); ok {
			t.Errorf("the direct parser reads a soft-keyword statement it should leave to tree-sitter:\n%s", src)
		}
	}
}
