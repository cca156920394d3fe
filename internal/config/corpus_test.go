package config_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/corpus"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// The function inventory of every corpus app that Stelvio accepts equals what the real
// Stelvio created: component names, Lambda handlers and folders.
func TestCorpusInventory(t *testing.T) {
	corpus.RunAccepted(t, func(t *testing.T, dir string, o *corpus.Oracle) {
		app, err := config.Read(context.Background(), dir, config.Options{Env: o.Env, Catalog: linker.NewCatalog(rules095)})
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		if len(app.Unresolved) > 0 {
			t.Errorf("unexpected unresolved items: %+v", app.Unresolved)
		}
		if app.Name != o.App {
			t.Errorf("app name %q, want %q", app.Name, o.App)
		}
		got := map[string]*config.Function{}
		for _, fn := range app.Functions {
			got[fn.Name] = fn
		}
		var want []string
		for _, of := range o.Functions {
			want = append(want, of.Component)
			fn, ok := got[of.Component]
			if !ok {
				t.Errorf("function %q missing", of.Component)
				continue
			}
			if fn.LambdaHandler != of.Handler || fn.Folder != of.Folder {
				t.Errorf("function %q: handler %q folder %q, want %q %q", of.Component, fn.LambdaHandler, fn.Folder, of.Handler, of.Folder)
			}
		}
		var names []string
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		sort.Strings(want)
		if strings.Join(names, ",") != strings.Join(want, ",") {
			t.Errorf("functions\n got %v\nwant %v", names, want)
		}
	})
}

// Apps Stelvio rejects, or that are not Python, give a source error of Stelvio's type, at
// the line Stelvio reports or at one the app's expected/README.md names as better.
func TestAppsRejectedAsStelvioDoes(t *testing.T) {
	for _, dir := range corpus.Apps(t) {
		o := corpus.ReadOracle(t, dir)
		if o.Error == nil {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, err := config.Read(context.Background(), dir, config.Options{Env: o.Env, Catalog: linker.NewCatalog(rules095)})
			var se *config.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a SourceError like Stelvio's %s at %s:%d", err, o.Error.Type, o.Error.File, o.Error.Line)
			}
			readme, _ := os.ReadFile(filepath.Join(dir, "expected", "README.md"))
			at := fmt.Sprintf("%s:%d", se.Pos.File, se.Pos.Line)
			if (se.Pos.File != o.Error.File || se.Pos.Line != o.Error.Line) && !strings.Contains(string(readme), "`"+at) {
				t.Errorf("error at %s, want %s:%d (or a place expected/README.md names): %v", at, o.Error.File, o.Error.Line, err)
			}
			if !strings.Contains(se.Msg, o.Error.Type) {
				t.Errorf("message %q does not name Stelvio's %s", se.Msg, o.Error.Type)
			}
		})
	}
}

// App 16 builds tables and functions from a JSON file and a computed getattr: what cannot
// be known is reported at its line, and what can be known is resolved.
func TestCorpusDynamicLinks(t *testing.T) {
	dir := filepath.Join(corpus.Root(t), "16-static-dynamic-links")
	app, err := config.Read(context.Background(), dir, config.Options{Env: "prod", Catalog: linker.NewCatalog(rules095)})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	requireUnresolvedAt(t, app, 17, 29, 31, 36)
	fns := map[string]*config.Function{}
	for _, fn := range app.Functions {
		fns[fn.Name] = fn
	}
	archiver, health := fns["archiver"], fns["health"]
	if archiver == nil || health == nil {
		t.Fatalf("archiver and health must be known; got %v", fns)
	}
	if archiver.Folder != "archive" || len(archiver.Links) != 1 || archiver.Links[0].Unknown == nil {
		t.Errorf("archiver: folder %q links %+v; want folder archive with one unknown link", archiver.Folder, archiver.Links)
	}
	if health.Folder != "health" || len(health.Links) != 0 || len(health.Environment) != 1 {
		t.Errorf("health: %+v", health)
	}
}

// rules095 are the rules of Stelvio 0.9.0b5, the version the corpus pins.
var rules095, _, _ = linker.RulesForPinned("0.9.0b5")

// requireUnresolvedAt checks that stlv_app.py has an unresolved item at each line.
func requireUnresolvedAt(t *testing.T, app *config.App, lines ...int) {
	t.Helper()
	at := map[int]bool{}
	for _, u := range app.Unresolved {
		if u.Pos.File == "stlv_app.py" {
			at[u.Pos.Line] = true
		}
	}
	for _, l := range lines {
		if !at[l] {
			t.Errorf("no unresolved item at stlv_app.py:%d; got %+v", l, app.Unresolved)
		}
	}
}

// App 19 hides a queue name in os.environ, functions in a loop over a JSON file and a
// function's options behind a computed getattr: each construct is reported at its line,
// dispatch is known with unknown options, and status is fully resolved.
func TestAppUnresolvedConstructs(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "apps", "19-static-unresolved")
	app, err := config.Read(context.Background(), dir, config.Options{Env: "prod", Catalog: linker.NewCatalog(rules095)})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	requireUnresolvedAt(t, app, 26, 34, 35, 39)
	fns := map[string]*config.Function{}
	for _, fn := range app.Functions {
		fns[fn.Name] = fn
	}
	if d := fns["dispatch"]; d == nil || d.LambdaHandler != "dispatch.handler" || len(d.Links) == 0 || d.Links[len(d.Links)-1].Unknown == nil {
		t.Errorf("dispatch: %+v; want a known function with unknown links", d)
	}
	if s := fns["status"]; s == nil || len(s.Links) != 1 || s.Links[0].Unknown != nil || s.EnvUnknown != nil {
		t.Errorf("status: %+v; want it fully resolved", s)
	}
}
