package pyeval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgainstCPython replays cases whose expected values were recorded by running the same
// source in CPython (testdata/cpython/record.py): 3.11 for language, stdlib and strings;
// 3.12, the oldest Python Stelvio supports, for the files added since (super, ...).
func TestAgainstCPython(t *testing.T) {
	files, err := filepath.Glob("testdata/cpython/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no recorded cases: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cases []struct{ Name, Src, Names, Want string }
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		group := strings.TrimSuffix(filepath.Base(f), ".json")
		for _, c := range cases {
			t.Run(group+"/"+c.Name, func(t *testing.T) {
				_, m, _, err := run(t, map[string]string{"main.py": c.Src})
				var got string
				if err != nil {
					pe, ok := err.(*PyError)
					if !ok {
						t.Fatalf("unexpected error: %v", err)
					}
					got = "ERROR " + pe.Type + ": " + pe.Msg
				} else {
					got = vars(m, c.Names)
				}
				if got != c.Want {
					t.Errorf("\n%s\n got %s\nwant %s", c.Src, got, c.Want)
				}
			})
		}
	}
}
