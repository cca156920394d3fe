package pyeval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

func TestImports(t *testing.T) {
	files := map[string]string{
		"main.py": `import infra.tables
import infra.tables as tabs
from infra.queues import jobs as j, helper
from infra import tables, queues
from infra.deep.leaf import LEAF
import ns.mod
from star_all import *
from star_public import *
import infra.tables
counts = infra.counter.COUNT
same = tabs is infra.tables is tables
`,
		"infra/__init__.py":      "from . import counter\n",
		"infra/counter.py":       "COUNT = 0\nCOUNT += 1\n",
		"infra/tables.py":        "from . import counter\ncounter.COUNT += 1\norders = 'orders-table'\n",
		"infra/queues.py":        "from .tables import orders\nfrom infra import tables\njobs = orders + '-jobs'\ndef helper():\n    return tables.orders\n",
		"infra/deep/__init__.py": "",
		"infra/deep/leaf.py":     "from ..tables import orders\nfrom .. import queues\nLEAF = orders + '/' + queues.jobs\n",
		"ns/mod.py":              "VALUE = 'namespace package'\n",
		"star_all.py":            "__all__ = ['a', '_b']\na = 1\n_b = 2\nc = 3\n",
		"star_public.py":         "d = 4\n_e = 5\n",
	}
	_, m, reports, err := run(t, files)
	if err != nil {
		t.Fatal(err)
	}
	if got := vars(m, "j counts same LEAF a _b d"); got != "j='orders-table-jobs' counts=2 same=True LEAF='orders-table/orders-table-jobs' a=1 _b=2 d=4" {
		t.Errorf("got %s", got)
	}
	for _, name := range []string{"c", "_e"} {
		if _, ok := m.GetAttr(name); ok {
			t.Errorf("%s should not be imported by *", name)
		}
	}
	helper, _ := m.GetAttr("helper")
	ns, _ := m.GetAttr("ns")
	mod, _ := ns.(*Module).GetAttr("mod")
	if v, _ := mod.(*Module).GetAttr("VALUE"); v != Str("namespace package") {
		t.Errorf("namespace package: %v", v)
	}
	if helper.(*Function).Module.Name != "infra.queues" {
		t.Errorf("helper's module %q", helper.(*Function).Module.Name)
	}
	if len(reports) != 0 {
		t.Errorf("reports: %v", reports)
	}
}

func TestImportCycle(t *testing.T) {
	files := map[string]string{
		"main.py": "import a\nresult = a.from_b\n",
		"a.py":    "import b\nA = 'a'\nfrom_b = b.get_a()\n",
		"b.py":    "import a\ndef get_a():\n    return a.A\n",
	}
	_, m, _, err := run(t, files)
	if err != nil {
		t.Fatal(err)
	}
	if got := vars(m, "result"); got != "result='a'" {
		t.Errorf("got %s", got)
	}
	files["b.py"] = "from a import A\n"
	_, _, _, err = run(t, files)
	var pe *PyError
	if !errors.As(err, &pe) || pe.Type != "ImportError" || !strings.Contains(pe.Msg, "partially initialized module 'a'") || pe.Pos.File != "b.py" {
		t.Errorf("want a circular ImportError in b.py, got %v", err)
	}
}

func TestImportErrors(t *testing.T) {
	cases := []struct {
		files   map[string]string
		errType string
		where   string
		msg     string
	}{
		{map[string]string{"main.py": "from infra import missing\n", "infra/__init__.py": ""}, "ImportError", "main.py:1", "cannot import name 'missing' from 'infra'"},
		{map[string]string{"main.py": "from . import x\n"}, "ImportError", "main.py:1", "no known parent package"},
		{map[string]string{"main.py": "import p.q\n", "p/__init__.py": "", "p/q.py": "from ... import x\n"}, "ImportError", "p/q.py:1", "beyond top-level package"},
		{map[string]string{"main.py": "import broken\n", "broken.py": "x = (\n"}, "", "broken.py:1:5", "was never closed"},
		{map[string]string{"main.py": "import helper\nhelper.boom()\n", "helper.py": "def boom():\n    return 1 / 0\n"}, "ZeroDivisionError", "helper.py:2", "division by zero"},
	}
	for _, tc := range cases {
		_, _, _, err := run(t, tc.files)
		if err == nil {
			t.Errorf("%v: no error", tc.files)
			continue
		}
		if tc.errType != "" {
			var pe *PyError
			if !errors.As(err, &pe) || pe.Type != tc.errType {
				t.Errorf("%v: want %s, got %v", tc.files, tc.errType, err)
				continue
			}
		} else {
			var se *pyast.SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("want a SyntaxError, got %v", err)
			}
		}
		if !strings.Contains(err.Error(), tc.where) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("error %q should mention %s and %q", err, tc.where, tc.msg)
		}
	}
}

func TestImportsOutsideTheApp(t *testing.T) {
	host := ImporterFunc(func(c *Call, name string) (*Module, bool, error) {
		if name != "stelvio" && name != "stelvio.app" && name != "shadowed" {
			return nil, false, nil
		}
		m := NewModule(name)
		m.SetAttr("ORIGIN", Str("host"))
		return m, true, nil
	})
	files := map[string]string{
		"main.py": `import mkdocs.commands.build, mkdocs.config
from stelvio.app import ORIGIN
import shadowed
import data
from typing import Any
site = mkdocs.commands.build.build(mkdocs.config.load_config("mkdocs.yml"))
local = shadowed.ORIGIN
d = data.VALUE
`,
		"shadowed.py": "ORIGIN = 'app'\n",
		"data.json":   `{"VALUE": 1}`,
	}
	_, m, _, err := run(t, files, func(o *Options) { o.Host = host })
	if err != nil {
		t.Fatal(err)
	}
	if got := vars(m, "ORIGIN local site d Any"); got != "ORIGIN='host' local='app' site=?6 d=?8 Any=?5" {
		t.Errorf("got %s", got)
	}
	site, _ := m.GetAttr("site")
	if r := site.(*Unknown).Reason; r != "mkdocs.commands.build.build: module mkdocs.commands.build is not part of the app and is not evaluated" {
		t.Errorf("reason %q", r)
	}
}

func TestModuleRunsOnce(t *testing.T) {
	files := map[string]string{
		"main.py":   "import reg\nimport a\nimport b\nn = len(reg.items)\n",
		"reg.py":    "items = []\n",
		"shared.py": "import reg\nreg.items.append(1)\n",
		"a.py":      "import shared\n",
		"b.py":      "import shared\nfrom shared import reg\n",
	}
	_, m, _, err := run(t, files)
	if err != nil {
		t.Fatal(err)
	}
	if got := vars(m, "n"); got != "n=1" {
		t.Errorf("shared ran more than once: %s", got)
	}
}

func TestSymlinkRefused(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.py")
	if err := os.WriteFile(secret, []byte("TOKEN = 'do-not-read'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "creds.py")); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.py"), []byte("import creds\nt = creds.TOKEN\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := New(context.Background(), Options{Root: os.DirFS(dir)})
	_, err := in.Import(nil, "main")
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("want the symlink refused, got %v", err)
	}
	if strings.Contains(err.Error(), "do-not-read") {
		t.Fatal("the error leaks the linked file")
	}
	// a linked directory
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(dir, "pkg")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.py"), []byte("from pkg import secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in = New(context.Background(), Options{Root: os.DirFS(dir)})
	if _, err := in.Import(nil, "main"); err == nil || !strings.Contains(err.Error(), "pkg is a symbolic link") {
		t.Fatalf("want the linked directory refused, got %v", err)
	}
}
