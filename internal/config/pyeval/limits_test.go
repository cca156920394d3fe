package pyeval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestLimits(t *testing.T) {
	cases := []struct {
		name, src string
		limit     string // LimitError.Limit, or "" for a PyError
		errType   string // PyError.Type when limit is ""
		line      int
		opts      func(*Options)
	}{
		{name: "while true", src: "x = 1\nwhile True:\n    pass\n", limit: "steps"},
		{name: "for over huge range", src: "for i in range(10**12):\n    pass\n", limit: "steps", line: 1},
		{name: "recursion", src: "def f(n):\n    return f(n + 1)\nf(0)\n", errType: "RecursionError", line: 2},
		{name: "mutual recursion", src: "def a():\n    return b()\ndef b():\n    return a()\na()\n", errType: "RecursionError"},
		{name: "list repeat", src: "x = [0] * 10**9\n", limit: "collection", line: 1},
		{name: "str repeat", src: "x = 'ab' * 10**8\n", limit: "collection", line: 1},
		{name: "range materialised", src: "x = list(range(10**12))\n", limit: "collection", line: 1},
		{name: "growing list", src: "x = []\nwhile True:\n    x.append(1)\n", limit: "collection", line: 3,
			opts: func(o *Options) { o.MaxCollection = 1000; o.MaxSteps = 1_000_000 }},
		{name: "doubling string", src: "s = 'x'\nwhile True:\n    s = s + s\n", limit: "collection", line: 3},
		{name: "comprehension", src: "x = [i for i in range(10**7)]\n", limit: "collection", line: 1},
		{name: "nested loops", src: "n = 0\nfor i in range(10**6):\n    for j in range(10**6):\n        n += 1\n", limit: "steps"},
		{name: "caught recursion still bounded", src: "def f():\n    try:\n        f()\n    except RecursionError:\n        f()\nf()\n", limit: "steps",
			opts: func(o *Options) { o.MaxDepth = 40; o.MaxSteps = 200_000 }},
		{name: "small step budget", src: "x = [i * i for i in range(1000)]\n", limit: "steps", opts: func(o *Options) { o.MaxSteps = 500 }},
		{name: "infinite generator exhausted", src: "def count():\n    n = 0\n    while True:\n        yield n\n        n += 1\nx = list(count())\n", limit: "steps"},
		{name: "infinite generator in a comprehension", src: "def ones():\n    while True:\n        yield 1\nx = [i for i in ones()]\n", limit: "collection",
			opts: func(o *Options) { o.MaxCollection = 1000 }},
		{name: "generators left suspended", src: "def g():\n    yield 1\n    yield 2\nfor i in range(5000):\n    next(g())\n", limit: "generators", line: 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var opts []func(*Options)
			if tc.opts != nil {
				opts = append(opts, tc.opts)
			}
			start := time.Now()
			_, _, _, err := run(t, map[string]string{"main.py": tc.src}, opts...)
			if time.Since(start) > 15*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			var le *LimitError
			var pe *PyError
			switch {
			case tc.limit != "":
				if !errors.As(err, &le) || le.Limit != tc.limit {
					t.Fatalf("want a %s LimitError, got %v", tc.limit, err)
				}
				if tc.line > 0 && le.Pos.Line != tc.line {
					t.Errorf("limit hit at %v, want line %d", le.Pos, tc.line)
				}
				if le.Pos.File != "main.py" {
					t.Errorf("error has no file: %v", le)
				}
			default:
				if !errors.As(err, &pe) || pe.Type != tc.errType {
					t.Fatalf("want %s, got %v", tc.errType, err)
				}
				if tc.line > 0 && pe.Pos.Line != tc.line {
					t.Errorf("raised at %v, want line %d", pe.Pos, tc.line)
				}
				if !strings.HasPrefix(pe.Error(), "main.py:") {
					t.Errorf("message lacks file:line: %s", pe.Error())
				}
			}
		})
	}
}

func TestDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	in := New(ctx, Options{Root: fstest.MapFS{"main.py": {Data: []byte("while True:\n    x = 1\n")}}, MaxSteps: 1 << 60})
	start := time.Now()
	_, err := in.Import(nil, "main")
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "time" {
		t.Fatalf("want a time LimitError, got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopped after %v", d)
	}
}

// TestNoCodeRuns evaluates an app that would write files, run programs and open sockets
// at import: nothing may happen on disk or in processes.
func TestNoCodeRuns(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "pwned.txt")
	app := `import os
import subprocess
import socket
import shutil
from pathlib import Path

open("pwned.txt", "w").write("x")
Path("pwned.txt").write_text("x")
os.system("touch pwned.txt")
os.popen("touch pwned.txt")
subprocess.run(["touch", "pwned.txt"])
subprocess.Popen("touch pwned.txt", shell=True)
shutil.rmtree("/")
socket.create_connection(("example.com", 80))
exec("open('pwned.txt', 'w')")
eval("__import__('os').system('touch pwned.txt')")
__import__("os").system("touch pwned.txt")
with open("pwned.txt", "w") as f:
    f.write("x")
done = True
`
	if err := os.WriteFile(filepath.Join(dir, "stlv_app.py"), []byte(app), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadDir(dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil { // relative paths in the app would land here
		t.Fatal(err)
	}
	defer func() { _ = os.Chdir(wd) }()
	in := New(context.Background(), Options{Root: root.FS()})
	m, err := in.Import(nil, "stlv_app")
	if err != nil {
		t.Fatal(err)
	}
	if got := show(m, "done"); got != "True" {
		t.Errorf("the app did not run to the end: done=%s", got)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the app wrote a file")
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(before) {
		t.Errorf("the directory changed: %v -> %v", before, after)
	}
}

// TestSharedStructures builds values whose naive traversal is exponential (a tuple of two
// references to the previous tuple, 60 times); every operation must stay bounded.
func TestSharedStructures(t *testing.T) {
	build := "x = ()\nfor i in range(60):\n    x = (x, x)\n"
	cases := []struct{ expr, want string }{
		{"str(x)", "?4"},
		{"x == x", "True"},
		{"x == (x, x)", "False"},
		{"[x] < [x]", "False"},
	}
	for _, tc := range cases {
		start := time.Now()
		_, m, _, err := run(t, map[string]string{"main.py": build + "y = " + tc.expr + "\n"}, func(o *Options) { o.MaxSteps = 100_000 })
		if time.Since(start) > 5*time.Second {
			t.Errorf("%s took %v", tc.expr, time.Since(start))
		}
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		if got := show(m, "y"); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
	twin := "z = ()\nfor i in range(60):\n    z = (z, z)\n"
	for _, expr := range []string{"{x: 1}", "x == z", "sorted([x, z])", "x in [z]"} {
		_, _, _, err := run(t, map[string]string{"main.py": build + twin + "y = " + expr + "\n"}, func(o *Options) { o.MaxSteps = 100_000 })
		var le *LimitError
		var pe *PyError
		if !errors.As(err, &le) && !(errors.As(err, &pe) && pe.Type == "EvaluationLimit") {
			t.Errorf("%s: want a limit error, got %v", expr, err)
		}
	}
}
