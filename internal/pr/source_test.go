package pr

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/corpus"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// edit is a change to one file of a corpus app: every old text must be there.
type edit struct {
	file     string
	old, new string
}

// sourcePair is a corpus app before and after edits, both read and resolved from source.
// An app named "repo:NN-name" is one of the repository's own testdata/apps, which a clone
// without ../shared still has.
type sourcePair struct {
	name, app, env string
	edits          []edit
}

// repoApps is the repository's own test apps.
const repoApps = "../../testdata/apps"

const (
	purgeCron       = `Cron("purge-done", "rate(1 day)", "functions/cleanup.purge", links=[todos])`
	withPermissions = `Cron("purge-done", "rate(1 day)", "functions/cleanup.purge", links=[todos.link().with_permissions(AwsPermission(actions=[%s], resources=[todos.arn]))])`
)

var sourcePairs = []sourcePair{
	{"src-add-link", "01-todo-api", "prod", []edit{
		{"stlv_app.py", `api.route("GET", "/health", "functions/todos.health")`, `api.route("GET", "/health", "functions/todos.health", links=[todos])`},
	}},
	{"src-narrow-with-permissions", "01-todo-api", "prod", []edit{
		{"stlv_app.py", "from stelvio.config import", "from stelvio.aws.permission import AwsPermission\nfrom stelvio.config import"},
		{"stlv_app.py", purgeCron, strings.Replace(withPermissions, "%s", `"dynamodb:Query", "dynamodb:DeleteItem"`, 1)},
	}},
	{"src-add-dynamodb-star", "01-todo-api", "prod", []edit{
		{"stlv_app.py", "from stelvio.config import", "from stelvio.aws.permission import AwsPermission\nfrom stelvio.config import"},
		{"stlv_app.py", purgeCron, strings.Replace(withPermissions, "%s", `"dynamodb:*"`, 1)},
	}},
	{"src-remove-function", "01-todo-api", "prod", []edit{
		{"stlv_app.py", "    " + purgeCron + "\n", ""},
	}},
	{"src-rename-table", "01-todo-api", "prod", []edit{
		{"stlv_app.py", `DynamoTable(` + "\n" + `        "todos",`, `DynamoTable(` + "\n" + `        "tasks",`},
	}},
	{"src-change-env-literal", "03-media-library", "prod", []edit{
		{"stlv_app.py", `environment={"LINK_TTL_SECONDS": "900"}`, `environment={"LINK_TTL_SECONDS": "3600", "API_KEY": "` + secretKey + `"}`},
	}},
	{"src-new-kms-link", "repo:02-link-methods", "prod", []edit{
		{"stlv_app.py", `permissions=[]), marker],`, `permissions=[]), marker, kms],`},
	}},
	{"src-new-unresolved", "repo:19-static-unresolved", "prod", []edit{
		{"stlv_app.py", `environment={"SLOTS": "blue,green"})`, `environment={"SLOTS": os.environ["SLOTS"]})` + "\n    Queue(os.environ[\"EXTRA_QUEUE\"])"},
	}},
}

// TestGoldenFromSource diffs corpus apps against edited copies, each read from source by
// the static reader and resolved by the linker, as the action does on a pull request.
func TestGoldenFromSource(t *testing.T) {
	for _, p := range sourcePairs {
		t.Run(p.name, func(t *testing.T) {
			var src string
			if app, ok := strings.CutPrefix(p.app, "repo:"); ok {
				src = filepath.Join(repoApps, app)
			} else {
				src = filepath.Join(corpus.Root(t), p.app)
			}
			base := resolveSource(t, copyApp(t, src, nil), p.env)
			head := resolveSource(t, copyApp(t, src, p.edits), p.env)
			rep := Diff(base, head, catalogue(t))
			if !rep.Summary().HasChanges() {
				t.Fatal("the edit changed nothing")
			}
			md := Markdown(rep, goldenOptions())
			checkMarkdown(t, md)
			compareGolden(t, p.name+".md", md)
			js, err := JSON(rep, goldenOptions())
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, p.name+".json", string(js))
			for _, out := range []string{md, string(js), Markdown(rep, Options{Budget: SummaryBudget})} {
				if strings.Contains(out, secretKey) {
					t.Error("a rendering shows the literal API key")
				}
			}
		})
	}
}

// copyApp copies a corpus app (without its expected/ outputs) into a temporary folder and
// applies the edits.
func copyApp(t *testing.T, src string, edits []edit) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel == "expected" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		p := filepath.Join(dst, e.file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), e.old) {
			t.Fatalf("%s: the edit expects %q, which the corpus app no longer has", e.file, e.old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), e.old, e.new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// resolveSource reads and resolves an app as the resolve command does.
func resolveSource(t *testing.T, dir, env string) *linker.Result {
	t.Helper()
	res, err := tryResolve(dir, env)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return res
}

// TestEveryAppRenders diffs every app the reader can read against itself (no change) and
// against nothing (a new app), and checks both renderings.
func TestEveryAppRenders(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(repoApps, "*", "stlv_app.py"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "corpus")); err == nil {
		more, _ := filepath.Glob(filepath.Join(corpus.Root(t), "*", "stlv_app.py"))
		dirs = append(dirs, more...)
	}
	read := 0
	for _, f := range dirs {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := tryResolve(dir, "prod")
			name := filepath.Base(dir)
			if strings.Contains(name, "-reject-") || strings.Contains(name, "syntax-error") {
				if err == nil {
					t.Error("an app that must be rejected was read")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			read++
			if rep := Diff(res, res, catalogue(t)); rep.Summary().HasChanges() {
				t.Errorf("an app differs from itself: %+v", rep.Summary())
			}
			rep := Diff(nil, res, catalogue(t))
			md := Markdown(rep, Options{})
			checkMarkdown(t, md)
			if len(md) > CommentBudget {
				t.Errorf("%d bytes", len(md))
			}
			if _, err := JSON(rep, Options{}); err != nil {
				t.Error(err)
			}
		})
	}
	if read < 10 {
		t.Errorf("only %d apps could be read", read)
	}
}

// tryResolve reads and resolves an app as the resolve command does.
func tryResolve(dir, env string) (*linker.Result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pin, err := config.DetectStelvioVersion(os.DirFS(dir), ".", "")
	if err != nil {
		return nil, err
	}
	rules, _, err := linker.RulesForPinned(pin.Version)
	if err != nil {
		return nil, err
	}
	app, err := config.Read(ctx, dir, config.Options{Env: env, Catalog: linker.NewCatalog(rules),
		Behaviour: linker.BehaviourFor(rules), Version: pin})
	if err != nil {
		return nil, err
	}
	return linker.Resolve(app, rules)
}
