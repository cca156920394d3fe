package pr

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// MergeBase is the commit a pull request's changes are measured from, and where it was
// found.
type MergeBase struct {
	SHA  string
	From string // "git", "git fetch" or "GitHub API"
}

// MergeBase finds where head's history left base's: the commit GitHub's "Files changed"
// compares head with (a three-dot diff). Compared with base itself, every change made on
// the base branch since the pull request branched would read as the pull request undoing
// it. Cheapest first: the workspace's history; in a shallow workspace, a fetch of a little
// history of both commits; then GitHub's compare API. The error names why each failed.
func (s *Sources) MergeBase(ctx context.Context, base, head string) (MergeBase, error) {
	var reasons []string
	if s.Git != nil && s.Git.Dir != "" {
		mb, err := s.gitMergeBase(ctx, base, head)
		if err == nil {
			return mb, nil
		}
		reasons = append(reasons, err.Error())
	}
	if s.API == nil {
		reasons = append(reasons, "no GitHub API to ask")
	} else {
		sha, err := s.API.MergeBase(ctx, base, head)
		if err == nil {
			return MergeBase{SHA: sha, From: "GitHub API"}, nil
		}
		reasons = append(reasons, err.Error())
	}
	return MergeBase{}, fmt.Errorf("merge base of %s and %s: %s", abbrev(base), abbrev(head), strings.Join(reasons, "; "))
}

func (s *Sources) gitMergeBase(ctx context.Context, base, head string) (MergeBase, error) {
	g := s.Git
	present := g.HasCommit(ctx, base) && g.HasCommit(ctx, head)
	if present {
		sha, found, err := g.MergeBase(ctx, base, head)
		if err != nil || found {
			return MergeBase{SHA: sha, From: "git"}, err
		}
	}
	shallow, err := g.Shallow(ctx)
	if err != nil {
		return MergeBase{}, err
	}
	if present && !shallow {
		// The whole history is here: there is nothing more to fetch.
		return MergeBase{}, errors.New("git: no common history")
	}
	depth := 0
	if shallow {
		depth = g.historyDepth()
	}
	if err := g.FetchHistory(ctx, depth, base, head); err != nil {
		return MergeBase{}, err
	}
	sha, found, err := g.MergeBase(ctx, base, head)
	switch {
	case err != nil:
		return MergeBase{}, err
	case !found && shallow:
		return MergeBase{}, fmt.Errorf("git: none within %d commits of either", depth)
	case !found:
		return MergeBase{}, errors.New("git: no common history")
	}
	return MergeBase{SHA: sha, From: "git fetch"}, nil
}
