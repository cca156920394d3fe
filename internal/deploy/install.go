package deploy

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// minStreamVersion is the first Stelvio with `deploy --stream`, `outputs --json` and the
// exit codes this package relies on (app-and-cli.md §6.1).
const minStreamVersion = "0.9.0b5"

// stelvioPlan is how to install the app's Stelvio and how to run its CLI.
type stelvioPlan struct {
	Pin  config.StelvioPin
	Sync []string // the install command, nil when none is needed
	Stlv []string // the command that runs stlv; its arguments follow
}

// planStelvio picks the install: a project with a uv.lock gets `uv sync --locked` (the
// exact, reviewed dependency set, refusing a stale lock) and runs stlv from that venv;
// anything else runs the pinned Stelvio as a uv tool, with the app's requirements.txt when
// it has one. fsys is the repository and appDir a directory inside it.
func planStelvio(fsys fs.FS, appDir, override string) (stelvioPlan, error) {
	pin, err := config.DetectStelvioVersion(fsys, appDir, override)
	if err != nil && !errors.Is(err, config.ErrNoStelvioVersion) {
		return stelvioPlan{}, fmt.Errorf("find the app's Stelvio version: %w", err)
	}
	if _, hasLock := nearestFile(fsys, appDir, "uv.lock"); hasLock {
		locked, lerr := config.DetectStelvioVersion(fsys, appDir, "")
		if override != "" && lerr == nil && locked.Exact && locked.Version != override {
			return stelvioPlan{}, fmt.Errorf("input stelvio-version is %s but %s pins %s: update the lock or remove the input",
				override, locked.Source, locked.Version)
		}
		if lerr == nil {
			pin = locked
		}
		if err := checkStreamVersion(pin); err != nil {
			return stelvioPlan{}, err
		}
		return stelvioPlan{Pin: pin, Sync: []string{"uv", "sync", "--locked"}, Stlv: []string{"uv", "run", "--no-sync", "stlv"}}, nil
	}
	if err != nil || !pin.Exact {
		return stelvioPlan{}, fmt.Errorf("cannot tell which Stelvio to install for %s: the app has no uv.lock and %s; "+
			"pin it (stelvio==X in pyproject.toml or requirements.txt) or set the stelvio-version input",
			path.Clean(appDir), pinProblem(pin, err))
	}
	if err := checkStreamVersion(pin); err != nil {
		return stelvioPlan{}, err
	}
	stlv := []string{"uv", "tool", "run", "--from", "stelvio==" + pin.Version}
	if req, ok := nearestFile(fsys, appDir, "requirements.txt"); ok && path.Dir(req) == path.Clean(appDir) {
		stlv = append(stlv, "--with-requirements", "requirements.txt")
	}
	return stelvioPlan{Pin: pin, Stlv: append(stlv, "stlv")}, nil
}

func pinProblem(pin config.StelvioPin, err error) string {
	if err != nil {
		return "nothing pins Stelvio"
	}
	return "Stelvio is not pinned to one version (" + pin.String() + ")"
}

// checkStreamVersion refuses a Stelvio older than the CLI contract we drive.
func checkStreamVersion(pin config.StelvioPin) error {
	if pin.Version == "" {
		return nil // a lock without a readable version: uv installs what it says
	}
	v, err := linker.ParseVersion(pin.Version)
	if err != nil {
		return fmt.Errorf("the Stelvio version in %s: %w", pin.Source, err)
	}
	minimum, _ := linker.ParseVersion(minStreamVersion)
	if v.Compare(minimum) < 0 {
		return fmt.Errorf("the app pins Stelvio %s (%s), too old to deploy from CI: `stlv deploy --stream` needs %s or newer",
			pin.Version, pin.Source, minStreamVersion)
	}
	return nil
}

// nearestFile finds name in appDir or the nearest parent inside fsys.
func nearestFile(fsys fs.FS, appDir, name string) (string, bool) {
	dir := path.Clean(appDir)
	for {
		p := path.Join(dir, name)
		if info, err := fs.Stat(fsys, p); err == nil && info.Mode().IsRegular() {
			return p, true
		}
		if dir == "." || dir == "/" {
			return "", false
		}
		dir = path.Dir(dir)
	}
}
