package pyeval

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// benchApp writes an app with n Function-like calls across a helper, a loop, f-strings and
// links, roughly what a large Stelvio app looks like.
func benchApp(n int) string {
	var b strings.Builder
	b.WriteString(`from host import Function, DynamoTable

DEFAULTS = {"memory": 256, "timeout": 30}
tables = {name: DynamoTable(name) for name in ["orders", "users", "events"]}

def worker(name, handler, *links, **overrides):
    return Function(name, handler=handler, links=list(links), **{**DEFAULTS, **overrides})

`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "fn%d = worker(f\"fn-{%d}\", \"functions/f%d.handler\", tables[\"orders\"], tables[\"users\"], memory=512 if %d %% 2 else 256, environment={\"N\": str(%d)})\n", i, i, i, i, i)
	}
	return b.String()
}

func BenchmarkParseAndEval1000(b *testing.B) {
	src := []byte(benchApp(1000))
	fsys := fstest.MapFS{"app.py": {Data: src}}
	var calls int
	ctor := &hostClass{name: "Function", calls: new([]Args)}
	host := hostWith(map[string]Value{
		"Function":    &Builtin{Name: "Function", Fn: func(c *Call, a Args) (Value, error) { calls++; return ctor.Call(c, a) }},
		"DynamoTable": &Builtin{Name: "DynamoTable", Fn: func(c *Call, a Args) (Value, error) { return &component{name: string(a.Positional[0].(Str))}, nil }},
	})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		calls = 0
		*ctor.calls = nil
		in := New(context.Background(), Options{Root: fsys, Host: host})
		if _, err := in.Import(nil, "app"); err != nil {
			b.Fatal(err)
		}
		if calls != 1000 {
			b.Fatalf("%d calls", calls)
		}
	}
}

// BenchmarkEvalCached1000 is the same app with its parse cached, as when one app is
// evaluated for several environments: what evaluation alone costs.
func BenchmarkEvalCached1000(b *testing.B) {
	src := []byte(benchApp(1000))
	fsys := fstest.MapFS{"app.py": {Data: src}}
	cache := NewParseCache()
	host := hostWith(map[string]Value{
		"Function":    &Builtin{Name: "Function", Fn: func(c *Call, a Args) (Value, error) { return &component{name: "f"}, nil }},
		"DynamoTable": &Builtin{Name: "DynamoTable", Fn: func(c *Call, a Args) (Value, error) { return &component{name: "t"}, nil }},
	})
	b.ReportAllocs()
	for b.Loop() {
		in := New(context.Background(), Options{Root: fsys, Host: host, Cache: cache})
		if _, err := in.Import(nil, "app"); err != nil {
			b.Fatal(err)
		}
	}
}
