package pyeval

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// notEvaluatedReason is the reason carried by attributes of modules that are not part of
// the app (json, os, mkdocs, ...).
const notEvaluatedReason = "module %s is not part of the app and is not evaluated"

// wellKnown gives precise reasons for the names of not-evaluated modules that apps reach
// for most, so the user reads the cause rather than a generic note.
var wellKnown = map[string]string{
	"os.environ":              "os.environ reads the environment of whoever deploys",
	"os.getenv":               "os.getenv() reads the environment of whoever deploys",
	"os.system":               "os.system() runs a program, which is never done",
	"os.popen":                "os.popen() runs a program, which is never done",
	"os.listdir":              "os.listdir() reads the file system at deploy time",
	"sys.argv":                "sys.argv is the command line of whoever deploys",
	"subprocess.run":          "subprocess.run() runs a program, which is never done",
	"subprocess.call":         "subprocess.call() runs a program, which is never done",
	"subprocess.Popen":        "subprocess.Popen() runs a program, which is never done",
	"json.load":               "json.load() reads a file at deploy time",
	"json.loads":              "json.loads() parses data that is not evaluated",
	"pathlib.Path":            "pathlib.Path works on the file system at deploy time",
	"importlib.import_module": "importlib.import_module() imports a computed module name, which is not evaluated",
}

// standInModule is a module the app imports but that is not evaluated: every attribute is
// an Unknown.
func standInModule(name string) *Module {
	m := NewModule(name)
	m.MissingReason = strings.ReplaceAll(notEvaluatedReason, "%s", name)
	return m
}

// importAbs imports the dotted name and its parents; it returns the named module.
func (in *Interp) importAbs(pos Pos, name string) (*Module, error) {
	if err := validModuleName(pos, name); err != nil {
		return nil, err
	}
	if m, ok := in.modules[name]; ok {
		return m, nil
	}
	parts := strings.Split(name, ".")
	var parent *Module
	for i := range parts {
		sub := strings.Join(parts[:i+1], ".")
		m, ok := in.modules[sub]
		if !ok {
			var err error
			m, err = in.load(pos, sub, parent)
			if err != nil {
				return nil, err
			}
		}
		if parent != nil {
			if _, bound := parent.ns.get(parts[i]); !bound || parent.MissingReason != "" {
				parent.ns.set(parts[i], m)
			}
		}
		parent = m
	}
	return parent, nil
}

func validModuleName(pos Pos, name string) error {
	for _, p := range strings.Split(name, ".") {
		if !isIdentifier(p) {
			return raise(pos, "ModuleNotFoundError", "No module named %s", strRepr(name))
		}
	}
	return nil
}

// load finds and runs one module whose parent packages are loaded: the app's own file or
// package first (as sys.path[0] would), then the host, then a namespace package
// (directory without __init__.py), and else a stand-in.
func (in *Interp) load(pos Pos, name string, parent *Module) (*Module, error) {
	if parent != nil && parent.MissingReason != "" && parent.File == "" && parent.path == "" {
		// Submodules of a stand-in are stand-ins too (mkdocs.commands.build).
		m := standInModule(name)
		in.modules[name] = m
		return m, nil
	}
	rel := strings.ReplaceAll(name, ".", "/")
	if parent == nil || parent.path != "" || parent.File != "" {
		if parent != nil && parent.path != "" {
			rel = path.Join(parent.path, name[strings.LastIndexByte(name, '.')+1:])
		}
		if src, file, err := in.readSource(rel + ".py"); err != nil {
			return nil, at(err, pos)
		} else if src != nil {
			return in.run(name, file, src, "", pos)
		}
		if src, file, err := in.readSource(rel + "/__init__.py"); err != nil {
			return nil, at(err, pos)
		} else if src != nil {
			return in.run(name, file, src, rel, pos)
		}
	}
	if m, ok := in.stdlibModule(name); ok {
		in.modules[name] = m
		return m, nil
	}
	if in.opts.Host != nil {
		m, ok, err := in.opts.Host.Import(&Call{Interp: in, Pos: pos}, name)
		if err != nil {
			return nil, at(err, pos)
		}
		if ok && m != nil {
			in.modules[name] = m
			return m, nil
		}
	}
	if in.isDir(rel) && (parent == nil || parent.path != "") {
		m := NewModule(name)
		m.path = rel
		m.pkg = true
		in.modules[name] = m
		return m, nil
	}
	m := standInModule(name)
	in.modules[name] = m
	return m, nil
}

// readSource reads an app file, refusing anything but a regular .py file inside Root.
func (in *Interp) readSource(rel string) ([]byte, string, error) {
	if in.opts.Root == nil || !strings.HasSuffix(rel, ".py") || !fs.ValidPath(rel) {
		return nil, "", nil
	}
	if rl, ok := in.opts.Root.(fs.ReadLinkFS); ok {
		// Every component: a linked directory leads out of the app as surely as a linked file.
		parts := strings.Split(rel, "/")
		for i := range parts {
			p := strings.Join(parts[:i+1], "/")
			info, err := rl.Lstat(p)
			if err != nil {
				return nil, "", nil
			}
			if info.Mode()&fs.ModeSymlink != 0 {
				return nil, "", raise(Pos{}, "ImportError", "%s is a symbolic link; only the app's own files are read", p)
			}
		}
	}
	info, err := fs.Stat(in.opts.Root, rel)
	if err != nil || !info.Mode().IsRegular() {
		return nil, "", nil
	}
	src, err := fs.ReadFile(in.opts.Root, rel)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", nil
		}
		return nil, "", raise(Pos{}, "ImportError", "cannot read %s: %v", rel, err)
	}
	return src, rel, nil
}

func (in *Interp) isDir(rel string) bool {
	if in.opts.Root == nil || !fs.ValidPath(rel) {
		return false
	}
	info, err := fs.Stat(in.opts.Root, rel)
	return err == nil && info.IsDir()
}

// run parses and executes a module; a module that fails is forgotten, as Python does.
func (in *Interp) run(name, file string, src []byte, pkgPath string, pos Pos) (*Module, error) {
	tree, err := in.opts.Cache.Parse(file, src)
	if err != nil {
		return nil, err
	}
	m := NewModule(name)
	m.File = file
	m.path = pkgPath
	m.pkg = pkgPath != ""
	m.ns.set("__name__", Str(name))
	m.ns.set("__file__", UnknownAt(Pos{File: file, Line: 1, Col: 1}, "__file__ is the absolute path of %s at deploy time", file))
	pkg := name
	if !m.pkg {
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			pkg = name[:i]
		} else {
			pkg = ""
		}
	}
	m.ns.set("__package__", Str(pkg))
	m.ns.set("__doc__", None)
	in.modules[name] = m
	m.loading = true
	fr := &frame{kind: moduleFrame, module: m}
	_, err = in.execBlock(fr, tree.Body)
	m.loading = false
	if err != nil {
		delete(in.modules, name)
		return nil, err
	}
	return m, nil
}

// packageOf is the package a module's relative imports start from.
func packageOf(m *Module) string {
	if m.pkg {
		return m.Name
	}
	if i := strings.LastIndexByte(m.Name, '.'); i >= 0 {
		return m.Name[:i]
	}
	return ""
}

func (in *Interp) resolveRelative(pos Pos, m *Module, level int, name string) (string, error) {
	if level == 0 {
		return name, nil
	}
	pkg := packageOf(m)
	if pkg == "" {
		return "", raise(pos, "ImportError", "attempted relative import with no known parent package")
	}
	parts := strings.Split(pkg, ".")
	if level-1 >= len(parts) {
		return "", raise(pos, "ImportError", "attempted relative import beyond top-level package")
	}
	base := strings.Join(parts[:len(parts)-(level-1)], ".")
	if name == "" {
		return base, nil
	}
	return base + "." + name, nil
}

func (in *Interp) importStmt(fr *frame, s *pyast.Import, pos Pos) error {
	for _, a := range s.Names {
		m, err := in.importAbs(pos, a.Name)
		if err != nil {
			return err
		}
		if a.AsName != "" {
			in.store(fr, a.AsName, m)
			continue
		}
		top := a.Name
		if i := strings.IndexByte(top, '.'); i >= 0 {
			top = top[:i]
		}
		in.store(fr, top, in.modules[top])
	}
	return nil
}

func (in *Interp) importFrom(fr *frame, s *pyast.ImportFrom, pos Pos) error {
	name, err := in.resolveRelative(pos, fr.module, s.Level, s.Module)
	if err != nil {
		return err
	}
	m, err := in.importAbs(pos, name)
	if err != nil {
		return err
	}
	if s.Star {
		return in.importStar(fr, m, pos)
	}
	isApp := m.File != "" || m.path != ""
	for _, a := range s.Names {
		bind := a.Name
		if a.AsName != "" {
			bind = a.AsName
		}
		v, ok, err := m.Attr(&Call{Interp: in, Pos: pos}, a.Name)
		if err != nil {
			return at(err, pos)
		}
		if sub, loaded := in.modules[name+"."+a.Name]; loaded && (!ok || unknownOf(v) != nil) {
			v, ok = sub, true
		}
		if !ok {
			sub, err := in.importAbs(pos, name+"."+a.Name)
			if err != nil {
				return err
			}
			if isApp && sub.File == "" && sub.path == "" && sub.MissingReason != "" {
				// Neither a name in the module nor a submodule of the app: ImportError.
				delete(in.modules, name+"."+a.Name)
				if m.loading {
					return raise(pos, "ImportError", "cannot import name %s from partially initialized module %s (most likely due to a circular import)", strRepr(a.Name), strRepr(name))
				}
				return raise(pos, "ImportError", "cannot import name %s from %s", strRepr(a.Name), strRepr(name))
			}
			v = sub
		}
		in.store(fr, bind, v)
	}
	return nil
}

func (in *Interp) importStar(fr *frame, m *Module, pos Pos) error {
	if m.MissingReason != "" && m.File == "" {
		in.report(pos, "`from "+m.Name+" import *` takes names from a module that is not evaluated; they are unknown")
		return nil
	}
	names := m.Names()
	if all, ok := m.ns.get("__all__"); ok {
		items, u, err := in.toList(pos, all)
		if err != nil {
			return err
		}
		if u != nil {
			in.reportCause(pos, "__all__ of "+m.Name+" is not known statically ("+describe(u)+"); its public names are imported", u)
		} else {
			names = names[:0]
			for _, it := range items {
				s, ok := it.(Str)
				if !ok {
					return raise(pos, "TypeError", "Item in %s.__all__ must be str, not %s", m.Name, it.TypeName())
				}
				names = append(names, string(s))
			}
			for _, n := range names {
				v, ok := m.ns.get(n)
				if !ok {
					sub, err := in.importAbs(pos, m.Name+"."+n)
					if err != nil {
						return err
					}
					v = sub
				}
				in.store(fr, n, v)
			}
			return nil
		}
	}
	for _, n := range names {
		if strings.HasPrefix(n, "_") {
			continue
		}
		v, _ := m.ns.get(n)
		in.store(fr, n, v)
	}
	return nil
}
