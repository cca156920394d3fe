package pr

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/ghaction"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// appReview is one app's part of the review.
type appReview struct {
	Dir        string // slash path in the repository
	Name       string // for the marker and headings
	Env        string // the Stelvio env both revisions are read for
	Base, Head *linker.Result
	Diff       *LinkDiff
	Stale      []linker.Change // paths relative to Dir
	Unknown    []string        // generated files whose content cannot be known statically
	Err        error           // the app could not be read or compared
	Rendered   Rendered
}

// repoPath is a path of the app as the repository names it.
func (a *appReview) repoPath(p string) string { return path.Join(a.Dir, p) }

// analyse reads base and head, finds the apps, resolves and compares each.
func (s *reviewRun) analyse(ctx context.Context) error {
	// First: in a shallow workspace its fetch brings head and the merge base as well.
	s.findMergeBase(ctx)
	var err error
	if s.headRev, err = s.Sources.Open(ctx, s.headSHA); err != nil {
		return fmt.Errorf("head: %w", err)
	}
	if s.baseRev, err = s.Sources.Open(ctx, s.compared); err != nil {
		return fmt.Errorf("base: %w", err)
	}
	s.Log.Infof("Reviewing %s (head, read with %s) against %s (%s, read with %s).", abbrev(s.headSHA), s.headRev.From, abbrev(s.compared), s.baseName(), s.baseRev.From)
	dirs := s.appDirs()
	if len(dirs) == 0 {
		return &config.InputError{Input: s.appsInput(), Problem: fmt.Sprintf("no %s there at head %s or base %s", AppFile, abbrev(s.headSHA), abbrev(s.compared))}
	}
	if s.headRoot, err = s.headRev.Extract(ctx, dirs...); err != nil {
		return err
	}
	if s.baseRoot, err = s.baseRev.Extract(ctx, dirs...); err != nil {
		return err
	}
	names := map[string]int{}
	for _, dir := range dirs {
		a := s.analyseApp(ctx, dir)
		names[a.Name]++
		s.apps = append(s.apps, a)
	}
	for _, a := range s.apps {
		if names[a.Name] > 1 {
			// Two apps with one name would share a marker, and so a comment.
			a.Name = a.Dir
		}
	}
	s.totals()
	return nil
}

// findMergeBase sets what head is compared with: where it left the base branch, as
// GitHub's "Files changed" compares; the base branch's head only when that cannot be found,
// and then the comment says so.
func (s *reviewRun) findMergeBase(ctx context.Context) {
	mb, err := s.Sources.MergeBase(ctx, s.baseSHA, s.headSHA)
	if err != nil {
		s.noMergeBase = true
		s.Log.Noticef("Comparing with the head of %s (%s), not with the merge base: %v", s.branchName(), abbrev(s.baseSHA), err)
		return
	}
	s.compared, s.out.BaseSHA = mb.SHA, mb.SHA
	if mb.SHA != s.baseSHA {
		s.Log.Infof("%s moved on since this branch left it: comparing with the merge base %s (found with %s), not with %s.", s.branchName(), abbrev(mb.SHA), mb.From, abbrev(s.baseSHA))
	}
}

// mergeBaseOf is the base branch when head is compared with its merge base rather than
// with its head, else "".
func (s *reviewRun) mergeBaseOf() string {
	if s.compared == s.baseSHA {
		return ""
	}
	return s.branchName()
}

// baseName says what the compared commit is, for the log.
func (s *reviewRun) baseName() string {
	if of := s.mergeBaseOf(); of != "" {
		return "merge base of " + of
	}
	return "base"
}

func (s *reviewRun) branchName() string {
	if s.baseRef == "" {
		return "the base branch"
	}
	return s.baseRef
}

func (s *reviewRun) appsInput() string {
	if len(s.Inputs.Apps) > 0 {
		return "apps"
	}
	return "working-directory"
}

// appDirs are the app folders at head or base.
func (s *reviewRun) appDirs() []string {
	globs := s.Inputs.Apps
	if len(globs) == 0 {
		globs = []string{s.Inputs.WorkingDirectory}
	}
	dirs := append(s.headRev.AppDirs(globs), s.baseRev.AppDirs(globs)...)
	slices.Sort(dirs)
	return slices.Compact(dirs)
}

func (s *reviewRun) analyseApp(ctx context.Context, dir string) *appReview {
	a := &appReview{Dir: dir, Name: dir, Env: s.env}
	var err error
	inHead := s.headRev.Has(path.Join(dir, AppFile))
	if a.Env == "" {
		// As Stelvio picks it (.stelvio/userenv, else the user's name), once for both
		// revisions: base and head must be compared for the same env.
		root := s.headRoot
		if !inHead {
			root = s.baseRoot
		}
		if a.Env, err = config.DefaultEnv(filepath.Join(root, filepath.FromSlash(dir))); err != nil {
			a.Err = err
			s.fail(fmt.Errorf("app %s: %w", dir, err))
			return a
		}
	}
	if inHead {
		if a.Head, err = s.resolve(ctx, s.headRoot, a); err != nil {
			a.Err = fmt.Errorf("head %s: %w", abbrev(s.headSHA), err)
			s.annotateError(a, err)
			return a
		}
		a.Name = a.Head.App
		if a.Stale, a.Unknown, err = linker.Changes(filepath.Join(s.headRoot, filepath.FromSlash(dir)), a.Head.Files); err != nil {
			a.Err = err
			return a
		}
	}
	if s.baseRev.Has(path.Join(dir, AppFile)) {
		if a.Base, err = s.resolve(ctx, s.baseRoot, a); err != nil {
			// The base is what the pull request is compared with; without it the
			// comparison would call everything new.
			a.Err = fmt.Errorf("base %s: %w", abbrev(s.compared), err)
			return a
		}
		if a.Head == nil {
			a.Name = a.Base.App
		}
	}
	if a.Diff, err = s.Diff(a.Base, a.Head); err != nil {
		a.Err = fmt.Errorf("compare: %w", err)
		return a
	}
	for _, u := range a.Diff.Unresolved {
		s.Log.Annotate(ghaction.LevelError, ghaction.Annotation{Title: "Stelvio: not resolvable statically", File: a.repoPath(u.File), Line: u.Line}, u.Message)
	}
	return a
}

func (s *reviewRun) resolve(ctx context.Context, root string, a *appReview) (*linker.Result, error) {
	return s.Resolve(ctx, ResolveRequest{Root: root, AppDir: a.Dir, Env: a.Env, StelvioVersion: s.Inputs.StelvioVersion})
}

// annotateError puts an error in the app's source on its file and line, and marks the run
// as failed by its input.
func (s *reviewRun) annotateError(a *appReview, err error) {
	var se *config.SourceError
	if errors.As(err, &se) {
		s.input = true
		s.Log.Annotate(ghaction.LevelError, ghaction.Annotation{Title: "Stelvio: cannot read the app", File: a.repoPath(se.Pos.File), Line: se.Pos.Line, Col: se.Col}, se.Msg)
		return
	}
	s.fail(fmt.Errorf("app %s: %w", a.Dir, err))
}

// totals fills the outcome's flags from the apps.
func (s *reviewRun) totals() {
	for _, a := range s.apps {
		for _, c := range a.Stale {
			s.out.Stale = append(s.out.Stale, a.repoPath(c.Path))
		}
		if a.Diff == nil {
			continue
		}
		s.out.Changed = s.out.Changed || a.Diff.Changed || len(a.Stale) > 0
		s.out.IAMChanged = s.out.IAMChanged || a.Diff.IAMChanged
		s.out.EnvChanged = s.out.EnvChanged || a.Diff.EnvChanged
		s.out.FilesChanged = s.out.FilesChanged || a.Diff.FilesChanged || len(a.Stale) > 0
		s.out.Broadened = s.out.Broadened || len(a.Diff.Broadened) > 0
	}
	s.out.FilesChanged = s.out.FilesChanged || len(s.out.Stale) > 0
}

// broadenedKeys are the broadened grants of every app, each key prefixed with its app.
func (s *reviewRun) broadenedKeys() []string {
	var keys []string
	for _, a := range s.apps {
		if a.Diff != nil {
			for _, k := range a.Diff.Broadened {
				keys = append(keys, a.Dir+"|"+k)
			}
		}
	}
	return keys
}
