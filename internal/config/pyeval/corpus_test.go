package pyeval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stubHost stands in for the Stelvio layer: every stelvio.* name is a callable class whose
// instances have stub attributes (Pulumi attributes are Outputs). It records created
// components and decorated functions so the test can drive the app like Stelvio does.
type stubHost struct {
	created  []string
	unknowns []*Unknown // Unknowns passed to stub calls, as the Stelvio layer would see them
	config   Value
	run      Value
	modules  []string
}

type stub struct {
	h    *stubHost
	name string // dotted path of the stub, e.g. "stelvio.aws.function.Function"
	inst bool
}

func (s *stub) TypeName() string { return s.name }

func (s *stub) Attr(c *Call, name string) (Value, bool, error) {
	switch name {
	case "env":
		if s.inst && strings.HasSuffix(s.name, ".context") {
			return Str("prod"), true, nil
		}
	case "arn", "name", "url", "id", "invoke_url", "bucket":
		if s.inst {
			return &Output{T: Template{{Ref: &Ref{Root: s.name, Path: []string{name}}}}}, true, nil
		}
	case "config", "run":
		if strings.HasSuffix(s.name, "StelvioApp") {
			kind := name
			return &Builtin{Name: "app." + name, Fn: func(c *Call, args Args) (Value, error) {
				if kind == "config" {
					s.h.config = args.Positional[0]
				} else {
					s.h.run = args.Positional[0]
				}
				return args.Positional[0], nil
			}}, true, nil
		}
	}
	return &stub{h: s.h, name: s.name + "." + name, inst: s.inst}, true, nil
}

func (s *stub) Call(c *Call, args Args) (Value, error) {
	label := s.name
	if len(args.Positional) > 0 {
		if n, ok := args.Positional[0].(Str); ok {
			label += "(" + string(n) + ")"
		}
	}
	s.h.created = append(s.h.created, label)
	for _, a := range args.Positional {
		s.h.collectUnknowns(a)
	}
	for _, k := range args.Keywords {
		s.h.collectUnknowns(k.Value)
	}
	if mods, ok := args.Kw("modules"); ok {
		for _, m := range mods.(*List).Elems {
			s.h.modules = append(s.h.modules, string(m.(Str)))
		}
	}
	return &stub{h: s.h, name: s.name, inst: true}, nil
}

func (h *stubHost) collectUnknowns(v Value) {
	switch x := v.(type) {
	case *Unknown:
		h.unknowns = append(h.unknowns, x)
	case *List:
		for _, e := range x.Elems {
			h.collectUnknowns(e)
		}
	case Tuple:
		for _, e := range x {
			h.collectUnknowns(e)
		}
	case *Dict:
		for _, it := range x.Items() {
			h.collectUnknowns(it.Value)
		}
	}
}

func (s *stub) IsInstance(v Value) bool {
	o, ok := v.(*stub)
	return ok && o.inst && o.name == s.name
}

func (h *stubHost) Import(c *Call, name string) (*Module, bool, error) {
	if name != "stelvio" && !strings.HasPrefix(name, "stelvio.") {
		return nil, false, nil
	}
	m := NewModule(name)
	m.Fallback = func(c *Call, attr string) (Value, bool, error) {
		return &stub{h: h, name: name + "." + attr}, true, nil
	}
	return m, true, nil
}

// driveApp evaluates an app directory the way Stelvio runs it: import stlv_app, call the
// @app.config function with the env, call @app.run, then import modules=[...].
func driveApp(t *testing.T, dir string) (*stubHost, []reported, error) {
	h := &stubHost{}
	var reports []reported
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	in := New(ctx, Options{Root: root.FS(), Host: h, Report: func(p Pos, msg string, _ *Unknown) { reports = append(reports, reported{p, msg}) }})
	if _, err := in.Import(nil, "stlv_app"); err != nil {
		return h, reports, err
	}
	if h.config != nil {
		if _, err := in.CallValue(nil, h.config, Args{Positional: []Value{Str("prod")}}); err != nil {
			return h, reports, err
		}
	}
	if h.run != nil {
		if _, err := in.CallValue(nil, h.run, Args{}); err != nil {
			return h, reports, err
		}
	}
	for _, m := range h.modules {
		if _, err := in.Import(nil, m); err != nil {
			return h, reports, err
		}
	}
	return h, reports, nil
}

func TestCorpusApps(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	apps, _ := filepath.Glob(filepath.Join(corpus, "*", "stlv_app.py"))
	if len(apps) == 0 {
		t.Skipf("corpus not found at %s; skipping", corpus)
	}
	for _, app := range apps {
		dir := filepath.Dir(app)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			h, reports, err := driveApp(t, dir)
			switch {
			case strings.HasPrefix(name, "15-"):
				if err == nil || !strings.Contains(err.Error(), "stlv_app.py:16:16") {
					t.Fatalf("want the syntax error at stlv_app.py:16:16, got %v", err)
				}
				return
			case err != nil:
				t.Fatalf("evaluating: %v", err)
			case strings.HasPrefix(name, "16-"):
				checkApp16(t, h, reports)
				return
			}
			if len(reports) > 0 || len(h.unknowns) > 0 {
				t.Errorf("unexpected reports %v or unknowns %v", reports, describeAll(h.unknowns))
			}
			if len(h.created) == 0 || h.run == nil {
				t.Errorf("the app created nothing (run=%v)", h.run)
			}
			t.Logf("created %d: %v", len(h.created), h.created)
		})
	}
}

func checkApp16(t *testing.T, h *stubHost, reports []reported) {
	lines := map[int]string{}
	for _, r := range reports {
		lines[r.pos.Line] = r.msg
	}
	// the comprehension over SPEC (its for clause is on line 29) and the for loop (31)
	for _, want := range []int{29, 31} {
		msg, ok := lines[want]
		if !ok {
			t.Errorf("no report at line %d; reports: %v", want, reports)
			continue
		}
		if !strings.Contains(msg, "stlv_app.py:17") {
			t.Errorf("line %d report does not point at SPEC's origin (line 17): %s", want, msg)
		}
	}
	// the getattr with a computed name reaches Function("archiver", links=[archive])
	found36 := false
	for _, u := range h.unknowns {
		if u.Pos.Line == 36 && strings.Contains(u.Reason, "getattr() with an attribute name not known statically") {
			found36 = true
		}
	}
	if !found36 {
		t.Errorf("no Unknown from line 36 reached the host: %v", h.unknowns)
	}
	var archiver string
	for _, c := range h.created {
		if strings.Contains(c, "archiver") || strings.Contains(c, "health") {
			archiver += c + ";"
		}
	}
	if !strings.Contains(archiver, "Function(archiver)") || !strings.Contains(archiver, "Function(health)") {
		t.Errorf("archiver and health must still be created: %v", h.created)
	}
	t.Logf("reports: %v\ncreated: %v", reports, h.created)
}

func describeAll(us []*Unknown) []string {
	var out []string
	for _, u := range us {
		out = append(out, describe(u))
	}
	return out
}
