package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// readTimeout bounds one static read of an app; real apps take milliseconds.
const readTimeout = 30 * time.Second

// appFlags are the flags every command that reads an app takes.
type appFlags struct {
	dir     string
	env     string
	version string
	cache   *pyeval.ParseCache // shared between reads of revisions of one app; may be nil
}

func (f *appFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dir, "dir", ".", "the project root: the folder that holds stlv_app.py")
	fs.StringVar(&f.env, "env", "", "the Stelvio env (default: .stelvio/userenv, else the OS user name)")
	fs.StringVar(&f.version, "stelvio-version", "", "the Stelvio version to follow (default: the version the app pins)")
}

// resolveApp reads and resolves the app the flags name, with the rules of the Stelvio
// version it pins (or --stelvio-version).
func resolveApp(ctx context.Context, f appFlags) (*linker.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, readTimeout)
	defer cancel()
	version, err := detectVersion(f.dir, f.version)
	if err != nil {
		return nil, err
	}
	rules, notice, err := linker.RulesForPinned(version.Version)
	if err != nil {
		return nil, fmt.Errorf("stelvio version %s: %w", version, err)
	}
	app, err := config.Read(ctx, f.dir, config.Options{
		Env:       f.env,
		Catalog:   linker.NewCatalog(rules),
		Behaviour: linker.BehaviourFor(rules),
		Version:   version,
		Cache:     f.cache,
	})
	if err != nil {
		return nil, err
	}
	res, err := linker.Resolve(app, rules)
	if err != nil {
		return nil, err
	}
	if notice != "" {
		res.Notices = append(res.Notices, linker.Unresolved{Message: notice})
	}
	return res, nil
}

// detectVersion finds the Stelvio version the app pins, looking up to the repository
// root (the nearest folder with .git) for lock files.
func detectVersion(dir, override string) (config.StelvioPin, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return config.StelvioPin{}, err
	}
	root := abs
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			root = d
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return config.StelvioPin{}, err
	}
	pin, err := config.DetectStelvioVersion(os.DirFS(root), filepath.ToSlash(rel), override)
	if errors.Is(err, config.ErrNoStelvioVersion) {
		return config.StelvioPin{}, nil
	}
	return pin, err
}

func runResolve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("resolve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f appFlags
	f.register(fs)
	format := fs.String("format", "json", "output format: json or text")
	if err := fs.Parse(args); err != nil {
		return exitInput
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintf(stderr, "resolve: --format must be json or text, not %q\n", *format)
		return exitInput
	}
	res, err := resolveApp(ctx, f)
	if err != nil {
		return reportError(stderr, err)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "resolve: %v\n", err)
			return exitUnexpected
		}
	} else {
		writeText(stdout, res)
	}
	if len(res.Unresolved) > 0 {
		fmt.Fprintf(stderr, "resolve: the result is incomplete: %d item(s) cannot be known statically\n", len(res.Unresolved))
		return exitCheck
	}
	return exitOK
}

// reportError prints an input error with its place, or an unexpected one.
func reportError(stderr io.Writer, err error) int {
	var ie *config.SourceError
	if errors.As(err, &ie) {
		fmt.Fprintf(stderr, "error: %s\n", ie.Error())
		if ie.Excerpt != "" {
			fmt.Fprintln(stderr, ie.Excerpt)
		}
		return exitInput
	}
	fmt.Fprintf(stderr, "error: %v\n", err)
	return exitUnexpected
}

// writeText prints the resolved app for a terminal.
func writeText(w io.Writer, res *linker.Result) {
	fmt.Fprintf(w, "app %s, env %s, Stelvio %s\n", res.App, res.Env, orDash(res.StelvioVersion))
	for _, fn := range res.Functions {
		fmt.Fprintf(w, "\n%s  (%s, %s)\n", fn.Name, fn.Handler, fn.DefinedAt)
		fmt.Fprintf(w, "  folder: %s\n  links:  %s\n", fn.Folder, orDash(strings.Join(fn.Links, ", ")))
		for _, e := range fn.Env {
			fmt.Fprintf(w, "  env     %s = %s\n", e.Name, e.Value)
		}
		for _, s := range fn.Statements {
			if s.Unknown && len(s.Actions) == 0 {
				fmt.Fprintf(w, "  allow   <not known statically>  (via %s)\n", orDash(s.Link))
				continue
			}
			fmt.Fprintf(w, "  allow   %s on %s  (via %s)\n", strings.Join(s.Actions, ", "), strings.Join(s.Resources, ", "), s.Link)
		}
	}
	for _, f := range res.Files {
		if f.Reason != "" {
			fmt.Fprintf(w, "\nfile %s: %s (%s)\n", f.Path, f.Action, f.Reason)
			continue
		}
		fmt.Fprintf(w, "\nfile %s: %s\n", f.Path, f.Action)
	}
	for _, u := range res.Unresolved {
		fmt.Fprintf(w, "\nunresolved %s:%d: %s\n", u.File, u.Line, u.Message)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
