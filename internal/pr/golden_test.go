package pr

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const (
	baseSHA = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"
	headSHA = "9f8e7d6c5b4a39281706f5e4d3c2b1a098f7e6d5"
)

// pair is a base → head edit of the same app.
type pair struct {
	name       string
	base, head *linker.Result
}

// goldenPairs are the edits the acceptance list names, built as the linker resolves them.
func goldenPairs(t *testing.T) []pair {
	todos, uploads := tableLink("todos"), bucketLink("uploads")
	list := func(links ...link) linker.Function { return fn(t, "list", links...) }
	create := func(links ...link) linker.Function { return fn(t, "create", links...) }
	purge := func(links ...link) linker.Function { return fn(t, "purge", links...) }
	return []pair{
		{"add-link",
			result(t, list(todos), create(todos)),
			result(t, list(todos, uploads), create(todos))},
		{"narrow-with-permissions",
			result(t, list(todos), create(todos)),
			result(t, list(todos), create(todos.withPermissions(allow("${todos.arn}", "dynamodb:GetItem", "dynamodb:PutItem"))))},
		{"add-dynamodb-star",
			result(t, list(todos), purge(todos)),
			result(t, list(todos), purge(todos.withPermissions(allow("${todos.arn}", "dynamodb:*"))))},
		{"remove-function",
			result(t, list(todos), create(todos), purge(todos)),
			result(t, list(todos), create(todos))},
		{"rename-table",
			result(t, list(todos), create(todos)),
			result(t, list(tableLink("tasks")), create(tableLink("tasks")))},
		{"change-env-literal",
			result(t, withEnv(list(todos), "LOG_LEVEL", "info"), create(todos)),
			result(t, withEnv(list(todos), "LOG_LEVEL", "debug"), create(todos))},
		{"new-function",
			result(t, list(todos)),
			result(t, list(todos), fn(t, "notify", queueLink("jobs"), tableLink("todos")))},
		{"no-changes",
			result(t, list(todos), create(todos)),
			result(t, list(todos), create(todos))},
	}
}

// fixturePairs are base → head pairs saved as `resolve --format json` output in
// testdata/fixtures/NAME.{base,head}.json.
func fixturePairs(t *testing.T) []pair {
	bases, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.base.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []pair
	for _, b := range bases {
		name := strings.TrimSuffix(filepath.Base(b), ".base.json")
		out = append(out, pair{"fixture-" + name, readResult(t, b), readResult(t, strings.TrimSuffix(b, ".base.json")+".head.json")})
	}
	if len(out) == 0 {
		t.Fatal("no fixtures in testdata/fixtures")
	}
	return out
}

func readResult(t *testing.T, file string) *linker.Result {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r linker.Result
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &r
}

func goldenOptions() Options {
	return Options{BaseSHA: baseSHA, HeadSHA: headSHA}
}

func TestGolden(t *testing.T) {
	for _, p := range append(goldenPairs(t), fixturePairs(t)...) {
		t.Run(p.name, func(t *testing.T) {
			rep := Diff(p.base, p.head, catalogue(t))
			md := Markdown(rep, goldenOptions())
			checkMarkdown(t, md)
			compareGolden(t, p.name+".md", md)
			js, err := JSON(rep, goldenOptions())
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, p.name+".json", string(js))
		})
	}
}

func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/pr -run TestGolden -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (rerun with -update if the change is right):\n%s", name, lineDiff(string(want), got))
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
