package pyeval

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestGeneratorUnknown: a generator whose items cannot be followed gives the items it
// yielded before that point, then an Unknown rest: list() is Unknown, a for loop has run
// its body for the known items and binds Unknowns after, next() is known up to there.
func TestGeneratorUnknown(t *testing.T) {
	m, reports := evalSrc(t, `import os
def stages():
    yield "dev"
    if os.environ.get("QA"):
        yield "qa"
    yield "prod"
all_stages = list(stages())
seen = []
for s in stages():
    seen.append(s)
first = next(stages())
g = stages()
one = next(g)
two = next(g)
def from_env():
    yield "a"
    yield from os.environ["LIST"]
delegated = list(from_env())
def either():
    yield 1
    x = os.environ.get("A") or (yield 2)
known_first = next(either())
`)
	if got := vars(m, "all_stages seen s first one two delegated known_first"); got != "all_stages=?4 seen=?9 s=?9 first='dev' one='dev' two=?4 delegated=?17 known_first=1" {
		t.Errorf("got %s", got)
	}
	v, _ := m.GetAttr("all_stages")
	want := "the items of stages from line 4 on are not known statically: the `if` statement there could not be followed (main.py:4: os.environ reads the environment of whoever deploys)"
	if u := v.(*Unknown); u.Reason != want {
		t.Errorf("reason %q\nwant   %q", u.Reason, want)
	}
	if got := reportLines(reports); got != "4,4,9,4,17" {
		t.Errorf("reports at %s: %v", got, reports)
	}
}

// TestGeneratorErrors are Python's errors with the line they come from; CPython's
// messages for most are in testdata/cpython/generators.json.
func TestGeneratorErrors(t *testing.T) {
	cases := []raiseCase{
		{"yield outside function", "x = 1\ny = yield x\n", "SyntaxError: 'yield' outside function", 2},
		{"yield in comprehension", "def g():\n    return [(yield i) for i in range(3)]\nlist(g())\n", "SyntaxError: 'yield' inside list comprehension", 2},
		{"raised in the body", "def g():\n    yield 1\n    raise ValueError('v')\nfor x in g():\n    pass\n", "ValueError: v", 3},
		{"next after the end", "def g():\n    yield 1\nit = g()\nnext(it)\nnext(it)\n", "StopIteration: ", 5},
		{"recursive yield from", "def walk(n):\n    yield n\n    yield from walk(n + 1)\nx = list(walk(0))\n",
			"RecursionError: maximum recursion depth exceeded resuming walk (the limit is 200 nested calls)", 3},
	}
	checkRaises(t, cases)
}

// TestGeneratorLeftSuspended: a generator still suspended when the evaluation that
// started it ends is closed, so no coroutine outlives the evaluation; a later evaluation
// that consumes it gets an Unknown, not the empty rest of a closed generator.
func TestGeneratorLeftSuspended(t *testing.T) {
	before := runtime.NumGoroutine()
	in, m, _, err := run(t, map[string]string{"main.py": `def numbers():
    n = 0
    while True:
        yield n
        n += 1
gens = [numbers() for _ in range(50)]
firsts = [next(g) for g in gens]
def rest():
    return next(gens[0])
`})
	if err != nil {
		t.Fatal(err)
	}
	if got := vars(m, "firsts"); !strings.HasPrefix(got, "firsts=[0, 0, 0,") {
		t.Errorf("got %s", got)
	}
	if len(in.suspended) != 0 {
		t.Errorf("%d generators still suspended after the import", len(in.suspended))
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+5 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+5 {
		t.Errorf("%d goroutines before, %d after: the generators' coroutines outlived the evaluation", before, n)
	}
	fn, _ := m.GetAttr("rest")
	v, err := in.CallValue(nil, fn, Args{})
	if err != nil {
		t.Fatal(err)
	}
	u, ok := v.(*Unknown)
	if !ok || !strings.Contains(u.Reason, "the generator numbers was left suspended when the evaluation that started it ended") || u.Pos.Line != 6 {
		t.Errorf("got %v", v)
	}
}

// TestGeneratorClosedRunsNoCode: closing a suspended generator (explicitly or at the end
// of the evaluation) runs none of its code, not even finally blocks.
func TestGeneratorClosedRunsNoCode(t *testing.T) {
	m, _ := evalSrc(t, `log = []
def gen():
    try:
        yield 1
        yield 2
    finally:
        log.append("finally")
g = gen()
first = next(g)
g.close()
rest = list(g)
`)
	if got := vars(m, "first rest log"); got != "first=1 rest=[] log=[]" {
		t.Errorf("got %s", got)
	}
}

// TestGeneratorsReachHostAsLists: a host callable gets a generator argument as the list
// of its items.
func TestGeneratorsReachHostAsLists(t *testing.T) {
	var calls []Args
	src := `from host import Function
def handlers():
    yield "a.main"
    yield "b.main"
fn = Function("api", handlers=handlers(), names=(h.upper() for h in ["x"]))
`
	_, _, _, err := run(t, map[string]string{"main.py": src}, func(o *Options) {
		o.Host = hostWith(map[string]Value{"Function": &hostClass{name: "Function", calls: &calls}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 {
		t.Fatalf("calls: %v", calls)
	}
	if got := Repr(calls[0].Keywords[0].Value) + " " + Repr(calls[0].Keywords[1].Value); got != "['a.main', 'b.main'] ['X']" {
		t.Errorf("got %s", got)
	}
}
