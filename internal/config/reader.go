package config

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// Catalog is Stelvio's table of default links for the pinned version (linking.md §3).
// Package linker implements it; the reader only asks.
type Catalog interface {
	// Linkable reports whether components of kind have a link() method.
	Linkable(kind string) bool
	// DefaultLink is the LinkConfig Stelvio's default creator returns for comp.
	DefaultLink(comp *Component) *LinkConfig
	// StaticAttr is a deploy-time attribute whose value Stelvio knows statically (a
	// bucket's ARN, from its explicit name); ok=false for the others, which stay symbols.
	StaticAttr(comp *Component, name string) (v pyeval.Value, ok bool)
}

// Options say how to read an app.
type Options struct {
	// Env is the Stelvio env to read for; "" picks the one Stelvio would (.stelvio/userenv,
	// else the OS user name).
	Env string
	// Catalog gives default links; required.
	Catalog Catalog
	// Version is the Stelvio version the app pins, as detected by the caller.
	Version StelvioPin
	// MaxSteps bounds evaluation; 0 takes the evaluator's default.
	MaxSteps int64
	// Cache shares parsed modules between reads of the same app (base and head of a pull
	// request, several envs): unchanged files are parsed once. Nil parses afresh.
	Cache *pyeval.ParseCache
	// Behaviour are the version switches of the pinned Stelvio that change what the
	// reader builds; the zero value is the newest behaviour the reader models.
	Behaviour Behaviour
}

// Behaviour are the Stelvio version differences that change the function inventory or
// its env (linking.md §9, stelvio-newer.md); package linker derives them from a version.
type Behaviour struct {
	// LegacyQueueNames: Queue.subscribe keeps dots of the queue name (before 0.7.2b3).
	LegacyQueueNames bool
	// LegacyAPIRoutes: routes are grouped per handler file (before 0.6.0a8); not modelled.
	LegacyAPIRoutes bool
	// NoUserEnvironment: environment= is ignored (before 0.5.0a7).
	NoUserEnvironment bool
	// NoCORS: Api CORS sets no env vars (before 0.5.0a7).
	NoCORS bool
	// CORSAnyOrder: CORS env vars reach a routed Function created earlier (0.10.1b7).
	CORSAnyOrder bool
	// RequireConfig: an app without @app.config is an error (before 0.9.0b5).
	RequireConfig bool
	// NoConfigTags: StelvioAppConfig has no tags= (before 0.8.0b4).
	NoConfigTags bool
	// AbsentModules are the stelvio.* modules the pinned release does not have yet, each
	// with the release that brought it: importing one is Stelvio's ModuleNotFoundError.
	AbsentModules map[string]string
	// EmailDNSNoOptOut: Email(dns=False) does not opt out of DNS; a falsy dns= falls back
	// to the app config's (before 0.10.0b6, Stelvio commit 6ae0ce0).
	EmailDNSNoOptOut bool
}

// SourceError is an app Stelvio itself would reject, or one we cannot read: it names the
// file and line.
type SourceError struct {
	Pos     pyeval.Pos
	Col     int
	Msg     string
	Excerpt string // the source line with a caret, when known
}

func (e *SourceError) Error() string {
	loc := e.Pos.String()
	if e.Col > 0 {
		loc = fmt.Sprintf("%s:%d", loc, e.Col)
	}
	return loc + ": " + e.Msg
}

const (
	phaseImport = iota // importing stlv_app.py: Stelvio's context does not exist yet
	phaseConfig
	phaseRun
)

// reader holds the state of one read: Stelvio's registries as the app fills them.
type reader struct {
	app       *App
	interp    *pyeval.Interp
	catalog   Catalog
	behaviour Behaviour
	phase     int

	classes map[string]*class
	modules map[string]*pyeval.Module
	appObj  *appObject

	names  map[string]*Component
	kinds  []string // component classes in first-instantiation order
	byKind map[string][]*Component

	// contextDNS is the dns= of the app config, context().dns in Stelvio.
	contextDNS pyeval.Value

	userCreators       map[string]pyeval.Value // by class name
	creatorsUnknown    *pyeval.Unknown
	globalCustomizeEnv pyeval.Value
}

// Read evaluates the Stelvio app in dir for one env, without running any of its code.
func Read(ctx context.Context, dir string, opts Options) (*App, error) {
	if opts.Catalog == nil {
		return nil, errors.New("config.Read: a link catalog is required")
	}
	if _, err := os.Stat(filepath.Join(dir, "stlv_app.py")); err != nil {
		return nil, fmt.Errorf("no Stelvio app in %s: %w", dir, err)
	}
	env := opts.Env
	if env == "" {
		var err error
		if env, err = DefaultEnv(dir); err != nil {
			return nil, err
		}
	}
	r := &reader{
		app:          &App{Env: env, Dir: dir, Version: opts.Version},
		catalog:      opts.Catalog,
		behaviour:    opts.Behaviour,
		names:        map[string]*Component{},
		byKind:       map[string][]*Component{},
		userCreators: map[string]pyeval.Value{},
		contextDNS:   pyeval.None,
	}
	r.classes = r.newClasses()
	r.modules = r.hostModules()
	r.interp = pyeval.New(ctx, pyeval.Options{
		Root:  os.DirFS(dir),
		Cache: opts.Cache,
		Host:  pyeval.ImporterFunc(r.importHost),
		Report: func(pos pyeval.Pos, msg string, cause *pyeval.Unknown) {
			r.unresolved(pos, msg, "")
			r.rootCause(cause)
		},
		MaxSteps: opts.MaxSteps,
	})
	if err := r.read(); err != nil {
		return nil, inputError(err)
	}
	return r.app, nil
}

// read follows Stelvio's order: import stlv_app, @app.config(env), @app.run, modules=, drive.
func (r *reader) read() error {
	if _, err := r.interp.Import(nil, "stlv_app"); err != nil {
		return err
	}
	if r.appObj == nil {
		return &SourceError{Pos: pyeval.Pos{File: "stlv_app.py", Line: 1}, Msg: "stlv_app.py creates no StelvioApp(...)"}
	}
	name, ok := str(r.appObj.name)
	if !ok {
		r.unresolved(r.appObj.pos, "the app name is not known statically: resource names that include it are unknown", "")
	}
	r.app.Name = name
	call := &pyeval.Call{Interp: r.interp, Pos: r.appObj.pos}

	r.phase = phaseConfig
	if r.appObj.config == nil && r.behaviour.RequireConfig {
		return &SourceError{Pos: r.appObj.pos, Msg: "RuntimeError: No @StelvioApp.config function defined: Stelvio before 0.9.0b5 requires one"}
	}
	if r.appObj.config != nil {
		v, err := r.interp.CallValue(call, r.appObj.config, pyeval.Args{Positional: []pyeval.Value{pyeval.Str(r.app.Env)}})
		if err != nil {
			return err
		}
		r.useConfig(v)
	}

	r.phase = phaseRun
	if r.appObj.run == nil {
		return &SourceError{Pos: r.appObj.pos, Msg: "the app has no @app.run function: Stelvio requires one"}
	}
	if _, err := r.interp.CallValue(call, r.appObj.run, pyeval.Args{}); err != nil {
		return err
	}
	if err := r.importModules(); err != nil {
		return err
	}
	return r.drive()
}

// useConfig reads what @app.config returned.
func (r *reader) useConfig(v pyeval.Value) {
	cfg, ok := v.(*record)
	if !ok || cfg.kind != "StelvioAppConfig" {
		r.unresolved(r.appObj.pos, "@app.config did not return a StelvioAppConfig known statically", "")
		r.contextDNS = &pyeval.Unknown{Pos: r.appObj.pos, Reason: "@app.config did not return a StelvioAppConfig known statically"}
		return
	}
	r.contextDNS = cfg.field("dns")
	if envs, ok := elems(cfg.get("environments")); ok {
		r.app.Environments = []string{}
		for _, e := range envs {
			if s, ok := str(e); ok {
				r.app.Environments = append(r.app.Environments, s)
			}
		}
	}
	if cust, ok := cfg.get("customize").(*pyeval.Dict); ok {
		if fnCust, ok := cust.Get(r.classes["Function"]); ok {
			if d, ok := fnCust.(*pyeval.Dict); ok {
				if f, ok := d.GetStr("function"); ok {
					if fd, ok := f.(*pyeval.Dict); ok {
						r.globalCustomizeEnv, _ = fd.GetStr("environment")
					}
				}
			}
		}
	}
}

// importModules imports modules= entries after @app.run, as drive() does. Glob entries
// import nothing in Stelvio since 2025-03 (app-and-cli.md §1.4): we say so.
func (r *reader) importModules() error {
	for _, m := range r.appObj.modules {
		name, ok := str(m)
		if !ok {
			r.unresolved(r.appObj.pos, "a modules= entry is not known statically", "")
			continue
		}
		if strings.Contains(name, ".") && !strings.ContainsAny(name, "/*?[]") {
			if _, err := r.interp.Import(&pyeval.Call{Interp: r.interp, Pos: r.appObj.pos}, name); err != nil {
				return err
			}
			continue
		}
		r.app.Notices = append(r.app.Notices, Unresolved{Pos: r.appObj.pos,
			Message: fmt.Sprintf("modules= entry %q is a glob: Stelvio imports nothing for glob entries (only dotted module names work)", name)})
	}
	return nil
}

// unresolved records something that cannot be known statically.
func (r *reader) unresolved(pos pyeval.Pos, msg, function string) {
	for _, u := range r.app.Unresolved {
		if u.Pos == pos && u.Message == msg {
			return
		}
	}
	r.app.Unresolved = append(r.app.Unresolved, Unresolved{Pos: pos, Message: msg, Function: function})
}

// rootCause records where an Unknown came from (a file read, an env var) as an item of its
// own, once, so a report names each construct rather than only what it spoiled.
func (r *reader) rootCause(u *pyeval.Unknown) {
	if u == nil || u.Pos.File == "" {
		return
	}
	r.unresolved(u.Pos, u.Reason, "")
}

// inputError turns an evaluation error into an SourceError with a place, keeping the cause.
func inputError(err error) error {
	var ie *SourceError
	if errors.As(err, &ie) {
		return err
	}
	var se *pyast.SyntaxError
	if errors.As(err, &se) {
		return &SourceError{Pos: pyeval.Pos{File: se.File, Line: se.Line}, Col: se.Col,
			Msg: "SyntaxError: " + se.Msg, Excerpt: se.Excerpt()}
	}
	var pe *pyeval.PyError
	if errors.As(err, &pe) {
		return &SourceError{Pos: pe.Pos, Msg: pe.Type + ": " + pe.Msg}
	}
	return err
}

// DefaultEnv is the env Stelvio picks when none is given: .stelvio/userenv, else the OS
// user name.
func DefaultEnv(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, ".stelvio", "userenv"))
	if err == nil {
		if env := strings.TrimSpace(string(b)); env != "" {
			return env, nil
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read the personal env: %w", err)
	}
	u, err := user.Current()
	if err != nil {
		return "", fmt.Errorf("no env given and no user name to default to: %w", err)
	}
	return u.Username, nil
}
