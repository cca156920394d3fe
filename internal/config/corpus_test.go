package config_test

import (
	"context"
	"errors"
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
	for _, dir := range corpus.Apps(t) {
		o := corpus.ReadOracle(t, dir)
		if o.Error != nil || strings.HasPrefix(filepath.Base(dir), "16-") {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
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
}

// Apps Stelvio rejects, or that are not Python, give an input error at the right line.
func TestCorpusRejected(t *testing.T) {
	root := corpus.Root(t)
	cases := []struct {
		app   string
		lines []int
		text  string
	}{
		{"13-reject-duplicate-route", []int{17, 15, 14}, "Multiple routes"},
		{"14-reject-non-linkable", []int{14}, "'Cron' object has no attribute 'link'"},
		{"15-static-syntax-error", []int{16}, ""},
	}
	for _, c := range cases {
		t.Run(c.app, func(t *testing.T) {
			_, err := config.Read(context.Background(), filepath.Join(root, c.app), config.Options{Env: "prod", Catalog: linker.NewCatalog(rules095)})
			var ie *config.SourceError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an SourceError", err)
			}
			if ie.Pos.File != "stlv_app.py" || ie.Pos.Line != c.lines[0] {
				t.Errorf("error at %s, want stlv_app.py:%d: %v", ie.Pos, c.lines[0], err)
			}
			if !strings.Contains(ie.Msg, c.text) {
				t.Errorf("message %q does not say %q", ie.Msg, c.text)
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
	lines := map[int]bool{}
	for _, u := range app.Unresolved {
		if u.Pos.File == "stlv_app.py" {
			lines[u.Pos.Line] = true
		}
	}
	for _, want := range [][]int{{16, 17}, {31, 32}, {36, 37}} {
		if !lines[want[0]] && !lines[want[1]] {
			t.Errorf("no unresolved item at stlv_app.py:%d or :%d; got %+v", want[0], want[1], app.Unresolved)
		}
	}
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
