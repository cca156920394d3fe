package pyast

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// tree-sitter-python 0.23.6 rejects some valid Python: a line inside brackets indented less
// than its block (`def f():\n    x = (a +\nb)`), annotations beyond its type grammar
// (`x: A[B]()`, `x: A[0] < b`, `x: A[1:]`), `def f() -> r: a[b]` on one line. The direct
// parser reads those, so when it accepts a file tree-sitter rejects, CPython's own parser
// (ast.parse) decides whether the file is Python at all.

// cpythonParser is one long-running python3 that answers ast.parse for each source sent to
// it, so a fuzz run can ask thousands of times.
type cpythonParser struct {
	mu  sync.Mutex
	in  io.WriteCloser
	out *bufio.Reader
}

// cpythonServe reads "<length>\n<source>" requests and answers "err <message>", or "ok"
// followed by the statements in preorder as "Kind line byteCol" items separated by ";".
const cpythonServe = `
import ast, sys
inp, out = sys.stdin.buffer, sys.stdout
names = {"Expr": "ExprStmt", "Delete": "Del", "AsyncFor": "For", "AsyncWith": "With",
         "AsyncFunctionDef": "FunctionDef", "TryStar": "Try"}
def skel(body, acc):
    for s in body:
        acc.append("%s %d %d" % (names.get(type(s).__name__, type(s).__name__), s.lineno, s.col_offset))
        for field in ("body", "orelse", "finalbody"):
            skel(getattr(s, field, []), acc)
        for h in getattr(s, "handlers", []):
            skel(h.body, acc)
        for c in getattr(s, "cases", []):
            skel(c.body, acc)
    return acc
while True:
    head = inp.readline()
    if not head:
        break
    src = inp.read(int(head))
    try:
        tree = ast.parse(src)
        out.write("ok " + ";".join(skel(tree.body, [])) + "\n")
    except (SyntaxError, ValueError) as e:
        out.write("err " + str(e).replace("\n", " ") + "\n")
    out.flush()
`

// startCPython is called once per test process; a nil parser means there is no python3.
var startCPython = sync.OnceValues(func() (*cpythonParser, error) {
	py, err := exec.LookPath("python3")
	if err != nil {
		return nil, fmt.Errorf("no python3 on PATH: %w", err)
	}
	cmd := exec.Command(py, "-c", cpythonServe)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("python3 stdin: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("python3 stdout: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting python3: %w", err)
	}
	// The process ends when the test binary exits and its stdin closes.
	return &cpythonParser{in: in, out: bufio.NewReader(out)}, nil
})

// cpythonAccepts reports whether CPython's parser accepts src, and why not. err says that
// no answer could be had (no python3, or it died).
func cpythonAccepts(src []byte) (ok bool, why string, err error) {
	ok, answer, err := askCPython(src)
	if ok {
		return true, "", err
	}
	return false, answer, err
}

// cpythonSkeleton lists CPython's statements in preorder as "Kind line:col" (our kind
// names, rune columns), for telling which parser misread a file's statements.
func cpythonSkeleton(src []byte) (skel []string, err error) {
	ok, answer, err := askCPython(src)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("CPython rejects the file: %s", answer)
	}
	li := newLineIndex(src)
	for _, item := range strings.Split(answer, ";") {
		var kind string
		var line, col int
		if _, err := fmt.Sscanf(item, "%s %d %d", &kind, &line, &col); err != nil {
			return nil, fmt.Errorf("python3 answered %q: %w", item, err)
		}
		skel = append(skel, fmt.Sprintf("%s %d:%d", kind, line, li.col(uint32(line-1), uint32(col))))
	}
	return skel, nil
}

// askCPython sends src and returns ok and the rest of the answer line.
func askCPython(src []byte) (ok bool, answer string, err error) {
	p, err := startCPython()
	if err != nil {
		return false, "", err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := fmt.Fprintf(p.in, "%d\n%s", len(src), src); err != nil {
		return false, "", fmt.Errorf("asking python3: %w", err)
	}
	line, err := p.out.ReadString('\n')
	if err != nil {
		return false, "", fmt.Errorf("reading python3's answer: %w", err)
	}
	line = strings.TrimSuffix(line, "\n")
	if rest, found := strings.CutPrefix(line, "ok"); found {
		return true, strings.TrimPrefix(rest, " "), nil
	}
	return false, strings.TrimPrefix(line, "err "), nil
}

// skeleton lists a module's statements in preorder as "Kind line:col", as cpythonSkeleton.
func skeleton(body []Stmt) []string {
	var out []string
	for _, s := range body {
		p := s.At()
		out = append(out, fmt.Sprintf("%s %d:%d", strings.TrimPrefix(fmt.Sprintf("%T", s), "*pyast."), p.Line, p.Col))
		for _, inner := range innerBodies(s) {
			out = append(out, skeleton(inner)...)
		}
	}
	return out
}

func TestCPythonJudgesTreeSitterRejects(t *testing.T) {
	if _, err := startCPython(); err != nil {
		t.Skipf("cannot ask CPython: %v", err)
	}
	// Valid Python that tree-sitter rejects: no failure to report.
	valid := []string{"def f():\n    x = (a +\nb)\n", "x: A[B]()\n", "x: A[0] < b\n", "def f() -> r: a[b]\n"}
	for _, src := range valid {
		_, tsErr := parseTreeSitter("t.py", []byte(src))
		if tsErr == nil {
			t.Errorf("tree-sitter now accepts %q: update the list in cpython_test.go", src)
			continue
		}
		if msg := judgeTreeSitterReject([]byte(src), tsErr); msg != "" {
			t.Errorf("%q is valid Python, judged: %s", src, msg)
		}
	}
	src := []byte("x = (1,\n")
	_, tsErr := parseTreeSitter("t.py", src)
	if tsErr == nil {
		t.Fatal("tree-sitter accepts an unclosed bracket")
	}
	if msg := judgeTreeSitterReject(src, tsErr); !strings.Contains(msg, "not Python") || !strings.Contains(msg, "never closed") {
		t.Errorf("an unclosed bracket judged %q", msg)
	}
}

func TestTreeSitterMisreadStatements(t *testing.T) {
	if _, err := startCPython(); err != nil {
		t.Skipf("cannot ask CPython: %v", err)
	}
	// tree-sitter joins a statement ending in a comma with the next line: `a, c, d = 1`.
	src := []byte("def f():\n    a, c,\n    d = 1\n")
	ts, err := parseTreeSitter("t.py", src)
	if err != nil {
		t.Fatal(err)
	}
	right := &Module{File: "t.py", Body: []Stmt{&FunctionDef{Pos: Pos{Line: 1, Col: 1}, Name: "f", Body: []Stmt{
		&ExprStmt{Pos: Pos{Line: 2, Col: 5}}, &Assign{Pos: Pos{Line: 3, Col: 5}},
	}}}}
	if err := treeSitterMisreadStatements(right, ts, src); err == nil {
		t.Errorf("tree-sitter's %v passed for CPython's statements", skeleton(ts.Body))
	}
	if err := treeSitterMisreadStatements(ts, ts, src); err != nil {
		t.Errorf("identical modules: %v", err)
	}
}
