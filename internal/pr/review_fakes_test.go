package pr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
	"github.com/stelvio-action/stelvio-action/internal/ghaction"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// The review is tested with a stand-in for the static reader, which has its own tests:
// the fake resolver reads the resolved app from a file the test commits (stlv_fake.py),
// so every revision of the test repository resolves to what its files say. Functions may
// also come from stlv_fake_*.py files, so two branches can add functions without touching
// one file (and git merges them). The link diff is the real one.

// fakeApp is what stlv_fake.py holds: a compact resolved app.
type fakeApp struct {
	Name      string              `json:"name"`
	Functions map[string]fakeFunc `json:"functions"`
	// Error makes the app unreadable with a source error at stlv_app.py:Line.
	Error string `json:"error,omitempty"`
	Line  int    `json:"line,omitempty"`
	// Drift makes every generated file one more "#" than is on disk: an app whose
	// regeneration never converges, for the loop guard.
	Drift bool `json:"drift,omitempty"`
}

type fakeFunc struct {
	Folder string            `json:"folder"`
	Grants []string          `json:"grants"` // "action resource"
	Env    map[string]string `json:"env"`
}

func (a fakeApp) json() string {
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(data) + "\n"
}

// resourcesFile is what the fake app's Stelvio writes into a folder.
func (a fakeApp) resourcesFile(folder string) string {
	var names []string
	for _, fn := range a.Functions {
		if fn.Folder == folder {
			for k := range fn.Env {
				names = append(names, k)
			}
		}
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("# generated\n")
	for _, n := range names {
		fmt.Fprintf(&b, "%s = %q\n", n, n)
	}
	return b.String()
}

// files is the app's source: stlv_app.py, a handler per folder, stlv_fake.py and, when
// inSync, the stlv_resources.py files Stelvio would write.
func (a fakeApp) files(dir string, inSync bool) map[string]string {
	out := map[string]string{dir + "/stlv_app.py": "from stelvio.app import StelvioApp\n", dir + "/stlv_fake.py": a.json()}
	for _, fn := range a.Functions {
		out[dir+"/"+fn.Folder+"/handler.py"] = "def handler(event, context):\n    return {}\n"
		if inSync {
			out[dir+"/"+fn.Folder+"/"+linker.ResourcesFileName] = a.resourcesFile(fn.Folder)
		}
	}
	return out
}

type fakeResolver struct {
	mu    sync.Mutex
	calls int
}

func (f *fakeResolver) resolve(_ context.Context, req ResolveRequest) (*linker.Result, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	dir := filepath.Join(req.Root, filepath.FromSlash(req.AppDir))
	data, err := os.ReadFile(filepath.Join(dir, "stlv_fake.py"))
	if err != nil {
		return nil, fmt.Errorf("fake resolver: %w", err)
	}
	var app fakeApp
	if err := json.Unmarshal(data, &app); err != nil {
		return nil, fmt.Errorf("fake resolver: %w", err)
	}
	more, err := filepath.Glob(filepath.Join(dir, "stlv_fake_*.py"))
	if err != nil {
		return nil, err
	}
	for _, p := range more {
		var part fakeApp
		data, err := os.ReadFile(p)
		if err == nil {
			err = json.Unmarshal(data, &part)
		}
		if err != nil {
			return nil, fmt.Errorf("fake resolver: %w", err)
		}
		if app.Functions == nil {
			app.Functions = map[string]fakeFunc{}
		}
		for name, fn := range part.Functions {
			app.Functions[name] = fn
		}
	}
	if app.Error != "" {
		return nil, &config.SourceError{Pos: pyeval.Pos{File: "stlv_app.py", Line: app.Line}, Msg: app.Error}
	}
	env := req.Env
	if env == "" {
		env = "dev"
	}
	res := &linker.Result{App: app.Name, Env: env, StelvioVersion: "0.9.0", Functions: []linker.Function{}, Files: []linker.File{}}
	folders := map[string]bool{}
	for name, fn := range app.Functions {
		f := linker.Function{Name: name, Folder: fn.Folder, ManagedPolicies: []string{linker.BasicExecutionPolicy}}
		for _, g := range fn.Grants {
			action, resource, _ := strings.Cut(g, " ")
			f.Statements = append(f.Statements, linker.LinkStatement{Effect: "Allow", Actions: []string{action}, Resources: []string{resource}, Link: "l"})
		}
		for k, v := range fn.Env {
			f.Env = append(f.Env, linker.EnvVar{Name: k, Value: v, Source: "link"})
		}
		sort.Slice(f.Env, func(i, j int) bool { return f.Env[i].Name < f.Env[j].Name })
		res.Functions = append(res.Functions, f)
		folders[fn.Folder] = true
	}
	sort.Slice(res.Functions, func(i, j int) bool { return res.Functions[i].Name < res.Functions[j].Name })
	for folder := range folders {
		content := app.resourcesFile(folder)
		if app.Drift {
			old, err := os.ReadFile(filepath.Join(dir, folder, linker.ResourcesFileName))
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			content = string(old) + "#\n"
		}
		sum := sha256.Sum256([]byte(content))
		res.Files = append(res.Files, linker.File{Path: folder + "/" + linker.ResourcesFileName, Action: "write", Content: content, SHA256: hex.EncodeToString(sum[:])})
	}
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	return res, nil
}

// linkDiff is the real link diff with the embedded IAM catalogue, decoded once per test
// binary.
func linkDiff(t testing.TB) DiffFunc {
	t.Helper()
	iam, err := testCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	return NewLinkDiff(iam)
}

var testCatalogue = sync.OnceValues(LoadCatalogue)

// recordLog records what the review logs.
type recordLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *recordLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, s)
}

func (l *recordLog) Annotate(level ghaction.Level, at ghaction.Annotation, message string) {
	l.add(fmt.Sprintf("%s %s:%d %s", level, at.File, at.Line, message))
}
func (l *recordLog) Noticef(format string, args ...any) {
	l.add("notice " + fmt.Sprintf(format, args...))
}
func (l *recordLog) Warningf(format string, args ...any) {
	l.add("warning " + fmt.Sprintf(format, args...))
}
func (l *recordLog) Infof(format string, args ...any) { l.add("info " + fmt.Sprintf(format, args...)) }

// with returns the lines that start with prefix.
func (l *recordLog) with(prefix string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, s := range l.lines {
		if strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
	}
	return out
}

func (l *recordLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}
