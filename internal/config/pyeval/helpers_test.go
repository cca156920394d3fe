package pyeval

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

type reported struct {
	pos Pos
	msg string
}

func (r reported) String() string { return fmt.Sprintf("%s: %s", r.pos, r.msg) }

// run evaluates main.py (plus any other files) in a fresh interpreter.
func run(t testing.TB, files map[string]string, opts ...func(*Options)) (*Interp, *Module, []reported, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	var reports []reported
	o := Options{Root: fsys, Report: func(pos Pos, msg string, _ *Unknown) { reports = append(reports, reported{pos, msg}) }}
	for _, f := range opts {
		f(&o)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	in := New(ctx, o)
	m, err := in.Import(nil, "main")
	return in, m, reports, err
}

// evalSrc runs src as main.py and fails the test on an error.
func evalSrc(t *testing.T, src string) (*Module, []reported) {
	t.Helper()
	_, m, reports, err := run(t, map[string]string{"main.py": src})
	if err != nil {
		t.Fatalf("evaluating:\n%s\nerror: %v", src, err)
	}
	return m, reports
}

// show renders a module variable for comparison: repr for known values, "?" plus the
// line for an Unknown.
func show(m *Module, name string) string {
	v, ok := m.GetAttr(name)
	if !ok {
		return "<unbound>"
	}
	if u, ok := v.(*Unknown); ok {
		return fmt.Sprintf("?%d", u.Pos.Line)
	}
	return Repr(v)
}

// vars renders "a=1 b=2" for the names given.
func vars(m *Module, names string) string {
	var parts []string
	for _, n := range strings.Fields(names) {
		parts = append(parts, n+"="+show(m, n))
	}
	return strings.Join(parts, " ")
}
