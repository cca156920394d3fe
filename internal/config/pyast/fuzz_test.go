package pyast

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addSeeds adds every .py under dir (if it exists) to the fuzz corpus.
func addSeeds(f *testing.F, dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
		return nil
	})
}

func FuzzParse(f *testing.F) {
	addSeeds(f, "testdata/seeds")
	addSeeds(f, filepath.Join("..", "..", "..", "..", "shared", "corpus"))
	f.Add([]byte("x = f'{a!r:{b}}'\n"))
	f.Add([]byte("match x:\n    case [1, *r] | {'k': -1j}: pass\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := Parse("f.py", src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error is %T, want *SyntaxError: %v", err, err)
			}
			if se.Line < 1 || se.Col < 1 {
				t.Fatalf("bad position %d:%d", se.Line, se.Col)
			}
			_ = se.Excerpt()
			return
		}
		if m == nil {
			t.Fatal("nil module without an error")
		}
	})
}
