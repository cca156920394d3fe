package linker_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/corpus"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// tagReport is one oracle report recorded with an older Stelvio release (testdata/tags).
type tagReport struct {
	corpus.Oracle
	Stelvio struct {
		Version string `json:"version"`
	} `json:"stelvio"`
}

// The rules of each older release resolve every app that release accepts exactly as that
// release did, and reject the apps it rejected (testdata/tags/README.md says how they were
// recorded).
func TestOlderTagsMatchOracle(t *testing.T) {
	reports, err := filepath.Glob(filepath.Join("testdata", "tags", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) == 0 {
		t.Fatal("no reports under testdata/tags")
	}
	for _, path := range reports {
		tag, app := filepath.Base(filepath.Dir(path)), strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(tag+"/"+app, func(t *testing.T) {
			if why, ok := knownTagDifferences[tag+"/"+app]; ok {
				t.Skip("known difference: " + why)
			}
			var r tagReport
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &r); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if "v"+r.Stelvio.Version != tag {
				t.Fatalf("%s: recorded with Stelvio %s, not %s", path, r.Stelvio.Version, tag)
			}
			compareTag(t, tagAppDir(t, app), r)
		})
	}
}

// knownTagDifferences are reports where the recorded Stelvio is right and our rules do not
// model that release yet; each is kept so the test starts checking it once the rule exists.
var knownTagDifferences = map[string]string{}

// tagAppDir finds the app in the shared corpus or the repository's own test apps.
func tagAppDir(t *testing.T, app string) string {
	t.Helper()
	for _, dir := range []string{filepath.Join("..", "..", "..", "shared", "corpus", app), filepath.Join("..", "..", "testdata", "apps", app)} {
		if _, err := os.Stat(filepath.Join(dir, "stlv_app.py")); err == nil {
			return dir
		}
	}
	t.Skipf("app %s is absent (neither ../shared/corpus nor testdata/apps has it)", app)
	return ""
}

func compareTag(t *testing.T, dir string, r tagReport) {
	rules, _, err := linker.RulesForPinned(r.Stelvio.Version)
	if err != nil {
		t.Fatal(err)
	}
	app, err := config.Read(context.Background(), dir, config.Options{Env: r.Env, Catalog: linker.NewCatalog(rules), Behaviour: linker.BehaviourFor(rules)})
	var res *linker.Result
	if err == nil {
		res, err = linker.Resolve(app, rules)
	}
	if r.Error != nil {
		var se *config.SourceError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, r.Error.Type) || se.Pos.Line != r.Error.Line {
			t.Fatalf("err = %v; want Stelvio's %s at line %d", err, r.Error.Type, r.Error.Line)
		}
		return
	}
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	mock := mocker(app)
	byName := map[string]linker.Function{}
	for _, f := range res.Functions {
		byName[f.Name] = f
	}
	if len(res.Functions) != len(r.Functions) {
		t.Errorf("%d functions, Stelvio built %d", len(res.Functions), len(r.Functions))
	}
	for _, of := range r.Functions {
		f, ok := byName[of.Component]
		if !ok {
			t.Errorf("function %s missing", of.Component)
			continue
		}
		compareEnv(t, of, f, mock)
		compareStatements(t, of, f, mock)
		comparePackageFile(t, of, f)
	}
	compareReportFiles(t, r.Files, res.Files)
}

// compareReportFiles checks the planned stlv_resources.py files against the report's
// files: a path with content is written with exactly those bytes, a null path is absent.
func compareReportFiles(t *testing.T, want map[string]*string, planned []linker.File) {
	t.Helper()
	got := map[string]linker.File{}
	for _, f := range planned {
		got[f.Path] = f
	}
	for p, content := range want {
		f, ok := got[p]
		switch {
		case content == nil && ok && f.Action == "write":
			t.Errorf("file %s written, but Stelvio leaves no such file", p)
		case content != nil && (!ok || f.Action != "write"):
			t.Errorf("file %s: planned %q, want it written", p, f.Action)
		case content != nil && f.Content != *content:
			t.Errorf("file %s differs:\n got %q\nwant %q", p, f.Content, *content)
		}
	}
	for p, f := range got {
		if _, ok := want[p]; !ok && f.Action == "write" {
			t.Errorf("file %s written, but Stelvio does not list it", p)
		}
	}
}
