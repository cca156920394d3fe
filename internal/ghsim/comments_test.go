package ghsim_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
)

func TestCommentsPaginateOverTwoPages(t *testing.T) {
	f := newFixture(t)
	for i := range 45 {
		f.repo.AddComment(f.pr, "someone", fmt.Sprintf("comment %d", i))
	}
	var all []*github.IssueComment
	opts := &github.IssueListCommentsOptions{}
	pages := 0
	for {
		got, resp, err := f.gh.Issues.ListComments(f.ctx, "octo", "app", f.pr, opts)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		all = append(all, got...)
		if pages == 1 {
			if len(got) != 30 || resp.NextPage != 2 || resp.LastPage != 2 {
				t.Fatalf("first page: %d comments, next %d, last %d; want 30, 2, 2 (Link %q)", len(got), resp.NextPage, resp.LastPage, resp.Header.Get("Link"))
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	if pages != 2 || len(all) != 45 {
		t.Fatalf("got %d comments over %d pages, want 45 over 2", len(all), pages)
	}
	ids := map[int64]bool{}
	for i, c := range all {
		if c.GetBody() != fmt.Sprintf("comment %d", i) || ids[c.GetID()] {
			t.Fatalf("comment %d: body %q id %d (duplicate %v)", i, c.GetBody(), c.GetID(), ids[c.GetID()])
		}
		ids[c.GetID()] = true
	}
	if n := f.sim.RouteCalls("GET /repos/{owner}/{repo}/issues/{issue_number}/comments"); n != 2 {
		t.Errorf("list calls = %d, want 2", n)
	}
}

func TestCommentsPerPageIsCappedAt100(t *testing.T) {
	f := newFixture(t)
	for i := range 120 {
		f.repo.AddComment(f.pr, "someone", fmt.Sprint(i))
	}
	got, resp, err := f.gh.Issues.ListComments(f.ctx, "octo", "app", f.pr, &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 100 || resp.LastPage != 2 {
		t.Fatalf("per_page=100 gave %d comments, last page %d", len(got), resp.LastPage)
	}
}

func TestCommentCreatePatchDelete(t *testing.T) {
	f := newFixture(t)
	c, _, err := f.gh.Issues.CreateComment(f.ctx, "octo", "app", f.pr, &github.IssueComment{Body: github.String("<!-- stelvio -->\nfirst")})
	if err != nil {
		t.Fatal(err)
	}
	if c.GetUser().GetLogin() != "github-actions[bot]" || c.GetID() == 0 {
		t.Fatalf("created comment by %q id %d", c.GetUser().GetLogin(), c.GetID())
	}
	edited, _, err := f.gh.Issues.EditComment(f.ctx, "octo", "app", c.GetID(), &github.IssueComment{Body: github.String("<!-- stelvio -->\nsecond")})
	if err != nil {
		t.Fatal(err)
	}
	if edited.GetID() != c.GetID() || edited.GetBody() != "<!-- stelvio -->\nsecond" || !edited.GetUpdatedAt().After(c.GetUpdatedAt().Time) {
		t.Fatalf("edit: %+v", edited)
	}
	if got := f.repo.Comments(f.pr); len(got) != 1 || got[0].Body != "<!-- stelvio -->\nsecond" {
		t.Fatalf("state after edit: %+v", got)
	}
	if _, err := f.gh.Issues.DeleteComment(f.ctx, "octo", "app", c.GetID()); err != nil {
		t.Fatal(err)
	}
	_, resp, err := f.gh.Issues.GetComment(f.ctx, "octo", "app", c.GetID())
	if err == nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("get after delete: %v, %v", resp.StatusCode, err)
	}
	if got := f.sim.WriteCalls(); got != 3 {
		t.Errorf("write calls = %d, want 3\n%s", got, f.sim.CallLog())
	}
}

func TestCommentDeletedByAPersonIsGone(t *testing.T) {
	f := newFixture(t)
	id := f.repo.AddComment(f.pr, "github-actions[bot]", "ours")
	if !f.repo.DeleteComment(id) {
		t.Fatal("DeleteComment found nothing")
	}
	_, _, err := f.gh.Issues.EditComment(f.ctx, "octo", "app", id, &github.IssueComment{Body: github.String("x")})
	var ghErr *github.ErrorResponse
	if !asErr(err, &ghErr) || ghErr.Response.StatusCode != http.StatusNotFound {
		t.Fatalf("edit of a deleted comment: %v", err)
	}
}

func TestCommentBodyOverGitHubsLimitIsRejected(t *testing.T) {
	f := newFixture(t)
	_, resp, err := f.gh.Issues.CreateComment(f.ctx, "octo", "app", f.pr, &github.IssueComment{Body: github.String(strings.Repeat("é", 65537))})
	if err == nil || resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(err.Error(), "Body is too long") {
		t.Fatalf("65537-character body: %v", err)
	}
	if _, _, err := f.gh.Issues.CreateComment(f.ctx, "octo", "app", f.pr, &github.IssueComment{Body: github.String(strings.Repeat("é", 65536))}); err != nil {
		t.Fatalf("65536-character body: %v", err)
	}
}
