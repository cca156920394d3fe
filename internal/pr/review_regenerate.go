package pr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

// regenResult is what became of the stale files.
type regenResult struct {
	Committed string // the commit made, "" for none
	// Why says why stale files were left alone; "" when there were none or they were
	// committed.
	Why string
}

// staleSet is stale files by app folder.
type staleSet map[string][]linker.Change

func (s *reviewRun) regenerate(ctx context.Context) {
	if len(s.out.Stale) == 0 {
		return
	}
	switch {
	case s.Check:
		s.regen.Why = "this run is in `check` mode, which writes nothing"
		return
	case !s.Inputs.CommitGenerated:
		s.regen.Why = "`commit-generated` is false"
		return
	case s.Event.Fork():
		s.regen.Why = "the pull request comes from a fork, whose branch this workflow cannot push to"
		return
	case s.NoCommit:
		s.regen.Why = "this run is in `comment` mode, which pushes nothing"
		return
	case s.API == nil:
		s.regen.Why = "there is no GitHub token"
		return
	}
	stale := staleSet{}
	for _, a := range s.apps {
		if len(a.Stale) > 0 {
			stale[a.Dir] = a.Stale
		}
	}
	g, err := s.plan(ctx, s.headRev, stale)
	if err != nil {
		s.fail(err)
		s.regen.Why = "the head commit could not be read"
		return
	}
	api := s.Commits
	if api == nil {
		api = s.API
	}
	sha, err := commitBack(ctx, api, s.headRef, g, s.replan)
	switch {
	case err == nil && sha != "":
		s.regen.Committed, s.out.CommitSHA, s.final = sha, sha, sha
		s.checks.fresh(sha)
		s.Log.Infof("Committed the regenerated files to %s as %s.", s.headRef, abbrev(sha))
		if s.Commits == nil {
			s.Log.Infof("It was pushed with github-token: GitHub starts no workflow for such a push, so this action set the check runs of %s itself. Give `commit-token` for CI to run on it.", abbrev(sha))
		}
	case err == nil:
		s.regen.Why = "the branch moved on meanwhile, and its new head needs no regeneration"
	case errors.Is(err, ErrLoopGuard), errors.Is(err, ErrHeadMoved):
		s.regen.Why = err.Error()
		s.Log.Noticef("stelvio-action did not commit the regenerated files: %v.", err)
	case s.deny(err, "the commit of regenerated files", "contents: write"):
		s.regen.Why = "the token may not push to the branch (it needs `contents: write`)"
	default:
		s.fail(err)
		s.regen.Why = "committing them failed: " + err.Error()
	}
}

// plan turns stale files into a commit on rev.
func (s *reviewRun) plan(ctx context.Context, rev *Revision, stale staleSet) (*Regeneration, error) {
	tree, message, err := rev.Commit(ctx)
	if err != nil {
		return nil, err
	}
	g := &Regeneration{Parent: rev.SHA, ParentTree: tree, ParentMessage: message, InputHash: s.inputHash(rev)}
	var lines []string
	for _, a := range s.apps {
		for _, c := range stale[a.Dir] {
			p := a.repoPath(c.Path)
			mode := rev.Mode(p)
			if mode == "" {
				mode = "100644"
			}
			g.Files = append(g.Files, github.FileWrite{Path: p, Content: c.New, Delete: c.Action == "delete", Mode: mode})
			lines = append(lines, "- "+c.Action+" "+p)
		}
	}
	version := "?"
	for _, a := range s.apps {
		if a.Head != nil && a.Head.StelvioVersion != "" {
			version = a.Head.StelvioVersion
			break
		}
	}
	g.Describe = fmt.Sprintf("Written by stelvio-action %s as Stelvio %s would for %s:\n%s",
		s.Version, version, abbrev(rev.SHA), strings.Join(lines, "\n"))
	return g, nil
}

// inputHash names everything the generated files were computed from: the action, the
// Stelvio version asked for, the env, and every file the apps read except the generated
// ones.
func (s *reviewRun) inputHash(rev *Revision) string {
	h := sha256.New()
	fmt.Fprintf(h, "stelvio-action %s\nstelvio %s\n", s.Version, s.Inputs.StelvioVersion)
	for _, a := range s.apps {
		fmt.Fprintf(h, "app %s env %s\n", a.Dir, a.Env)
		for _, p := range rev.Inputs(a.Dir) {
			if path.Base(p) != linker.ResourcesFileName {
				fmt.Fprintf(h, "%s %s\n", p, rev.Blob(p))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// replan computes the stale files again for a head that moved while we committed.
func (s *reviewRun) replan(ctx context.Context, head string) (*Regeneration, error) {
	s.Log.Infof("The branch moved to %s while committing: computing the generated files again there.", abbrev(head))
	rev, err := s.Sources.Open(ctx, head)
	if err != nil {
		return nil, err
	}
	var apps []*appReview
	var dirs []string
	for _, a := range s.apps {
		if a.Head != nil && rev.Has(path.Join(a.Dir, AppFile)) {
			apps, dirs = append(apps, a), append(dirs, a.Dir)
		}
	}
	root, err := rev.Extract(ctx, dirs...)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(root)
	stale := staleSet{}
	for _, a := range apps {
		res, err := s.resolve(ctx, root, a)
		if err != nil {
			return nil, fmt.Errorf("app %s at %s: %w", a.Dir, abbrev(head), err)
		}
		changes, _, err := linker.Changes(filepath.Join(root, filepath.FromSlash(a.Dir)), res.Files)
		if err != nil {
			return nil, err
		}
		if len(changes) > 0 {
			stale[a.Dir] = changes
		}
	}
	if len(stale) == 0 {
		return nil, nil
	}
	return s.plan(ctx, rev, stale)
}
