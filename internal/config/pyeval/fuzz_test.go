package pyeval

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func addPySeeds(f *testing.F, dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(string(src))
			}
		}
		return nil
	})
}

// FuzzEval parses and evaluates arbitrary source with small limits: it must never panic
// (a recovered panic surfaces as InternalError), hang, or fail without a position.
func FuzzEval(f *testing.F) {
	addPySeeds(f, filepath.Join("..", "..", "..", "..", "shared", "corpus"))
	addPySeeds(f, filepath.Join("..", "pyast", "testdata"))
	files, _ := filepath.Glob("testdata/cpython/*.json")
	for _, file := range files {
		data, _ := os.ReadFile(file)
		var cases []struct{ Src string }
		_ = json.Unmarshal(data, &cases)
		for _, c := range cases {
			f.Add(c.Src)
		}
	}
	f.Add("x = [1] * 10**9")
	f.Add("def f(): return f()\nf()")
	f.Add("import os\nif os.environ: x = 1\nfor i in os.environ: y = i")
	f.Add("def g():\n    n = 0\n    while True:\n        yield n\n        n += 1\nx = list(zip('ab', g()))\ny = list(g())")
	f.Add("def w(n):\n    yield n\n    yield from w(n + 1)\nfor i in range(3):\n    next(w(i))\nlist(w(0))")
	f.Add("import os\ndef g():\n    yield 1\n    if os.environ: yield 2\n    x = os.environ or (yield 3)\nfor v in g(): pass\nnext(g(), 0)")
	f.Add("class A:\n    def __init__(self, **k):\n        super().__init__(**k)\nclass B(A):\n    def __init__(self):\n        super(B, self).__init__()\n        super().__setattr__('x', super())\nB()")
	f.Add("from enum import Enum, IntEnum, StrEnum, auto, unique\n@unique\nclass E(StrEnum):\n    A = auto()\n    B = 'b'\nclass I(IntEnum):\n    X = auto()\n    Y = X + 1\nx = (E('a'), E['B'], I.Y * 2, f'{E.A:>4}', list(I), 'b' in E)")
	f.Fuzz(func(t *testing.T, src string) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		fsys := fstest.MapFS{"main.py": {Data: []byte(src)}, "other.py": {Data: []byte("X = 1\n")}}
		in := New(ctx, Options{Root: fsys, MaxSteps: 20_000, MaxDepth: 30, MaxCollection: 10_000, Report: func(Pos, string, *Unknown) {}})
		start := time.Now()
		_, err := in.Import(nil, "main")
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("evaluation took %v", d)
		}
		var ie *InternalError
		if errors.As(err, &ie) {
			t.Fatalf("internal error: %v\n%s", ie, ie.Stack)
		}
		var pe *PyError
		if errors.As(err, &pe) && pe.Pos.File == "" {
			t.Fatalf("error without a position: %v", err)
		}
	})
}
