package ghsim_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// mergeCommit makes a commit with the given parents through the Git Data API, as a merge
// on a developer's machine would arrive.
func mergeCommit(t *testing.T, f *fixture, message string, parents ...string) string {
	t.Helper()
	first, _, err := f.gh.Git.GetCommit(f.ctx, "octo", "app", parents[0])
	if err != nil {
		t.Fatal(err)
	}
	var ps []*github.Commit
	for _, p := range parents {
		ps = append(ps, &github.Commit{SHA: github.String(p)})
	}
	c, _, err := f.gh.Git.CreateCommit(f.ctx, "octo", "app", &github.Commit{Message: github.String(message), Tree: first.Tree, Parents: ps}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.GetSHA()
}

func TestCompareNamesTheMergeBase(t *testing.T) {
	f := newFixture(t)
	root := f.repo.Branch("main")
	// main moves on after feature branched; the comparison is still from the branch point.
	forked := f.repo.Push("main", "a1", ghsim.Files{"a1": "1"})
	feature := f.repo.Commit(forked, "f1", ghsim.Files{"f1": "1"})
	f.repo.SetBranch("feature", feature)
	tip := forked
	for _, name := range []string{"a2", "a3", "a4", "a5"} {
		tip = f.repo.Push("main", name, ghsim.Files{name: "1"})
	}
	// An old branch off the root is merged into main: the root is now two steps from main's
	// head, nearer than the branch point, yet an ancestor of it and so no merge base.
	old := f.repo.Commit(root, "old", ghsim.Files{"old": "1"})
	merged := mergeCommit(t, f, "merge old", tip, old)
	f.repo.SetBranch("main", merged)

	cmp, _, err := f.gh.Repositories.CompareCommits(f.ctx, "octo", "app", "main", "feature", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cmp.GetMergeBaseCommit().GetSHA(); got != forked {
		t.Errorf("merge base %s, want the branch point %s (root %s)", got, forked, root)
	}
	if cmp.GetStatus() != "diverged" || cmp.GetAheadBy() != 1 || cmp.GetBehindBy() != 6 {
		t.Errorf("status %s, ahead %d, behind %d", cmp.GetStatus(), cmp.GetAheadBy(), cmp.GetBehindBy())
	}
	if len(cmp.Files) != 1 || cmp.Files[0].GetFilename() != "f1" {
		t.Errorf("files %v, want only what feature changed since the branch point", cmp.Files)
	}
}

func TestComparePagesItsCommits(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"c2", "c3"} {
		f.repo.Push("feature", name, ghsim.Files{name: "1"})
	}
	first, resp, err := f.gh.Repositories.CompareCommits(f.ctx, "octo", "app", "main", "feature", &github.ListOptions{PerPage: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Commits) != 1 || first.GetTotalCommits() != 3 || resp.NextPage != 2 || len(first.Files) != 3 {
		t.Errorf("page 1: %d commits of %d, next %d, %d files", len(first.Commits), first.GetTotalCommits(), resp.NextPage, len(first.Files))
	}
	last, resp, err := f.gh.Repositories.CompareCommits(f.ctx, "octo", "app", "main", "feature", &github.ListOptions{PerPage: 1, Page: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(last.Commits) != 1 || last.Commits[0].GetSHA() != f.repo.Branch("feature") || resp.NextPage != 0 || last.Files != nil {
		t.Errorf("page 3: %v, next %d, files %v", last.Commits, resp.NextPage, last.Files)
	}
}

func TestCompareWithoutCommonHistoryIsNotFound(t *testing.T) {
	f := newFixture(t)
	f.repo.SetBranch("orphan", f.repo.Commit("", "unrelated", ghsim.Files{"x": "1"}))
	_, resp, err := f.gh.Repositories.CompareCommits(f.ctx, "octo", "app", "main", "orphan", nil)
	if err == nil || resp.StatusCode != http.StatusNotFound || !strings.Contains(err.Error(), "No common ancestor between main and orphan") {
		t.Fatalf("err = %v, want GitHub's 404", err)
	}
}
