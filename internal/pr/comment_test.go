package pr

import (
	"net/http"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

func newCommentsFixture(t *testing.T) (*ghsim.Sim, *ghsim.Repo, *comments) {
	t.Helper()
	sim := ghsim.New(t)
	repo := sim.Repo("octo", "shop")
	repo.Push("main", "base", ghsim.Files{"a.py": "\n"})
	repo.Push("feature", "head", ghsim.Files{"b.py": "\n"})
	number := repo.OpenPR(ghsim.PR{Head: "feature", User: "alice"})
	sc := &scenario{t: t, sim: sim, repo: repo}
	return sim, repo, &comments{api: sc.client(ghsim.WriteToken), number: number}
}

const testMarker = "<!-- stelvio-action:shop:dev -->"

func TestStickyCreatesOnceAndEditsOnlyOnChange(t *testing.T) {
	sim, repo, cs := newCommentsFixture(t)
	ctx := testContext(t)
	first, err := cs.post(ctx, Sticky{Marker: testMarker, Body: testMarker + "\none", Create: true})
	if err != nil || first.Action != "created" {
		t.Fatalf("%+v, %v", first, err)
	}
	same, err := cs.post(ctx, Sticky{Marker: testMarker, Body: testMarker + "\none", Create: true})
	if err != nil || same.Action != "unchanged" || same.ID != first.ID {
		t.Fatalf("%+v, %v", same, err)
	}
	edited, err := cs.post(ctx, Sticky{Marker: testMarker, Body: testMarker + "\ntwo", Create: false})
	if err != nil || edited.Action != "updated" || edited.ID != first.ID {
		t.Fatalf("%+v, %v", edited, err)
	}
	if got := repo.Comments(cs.number); len(got) != 1 || got[0].Body != testMarker+"\ntwo" {
		t.Errorf("comments %+v", got)
	}
	if n := sim.RouteCalls("GET /repos/{owner}/{repo}/issues/{issue_number}/comments"); n != 1 {
		t.Errorf("listed %d times, want once per run", n)
	}
}

func TestStickyWithNothingToSayCreatesNothing(t *testing.T) {
	_, repo, cs := newCommentsFixture(t)
	res, err := cs.post(testContext(t), Sticky{Marker: testMarker, Body: testMarker + "\nno link changes"})
	if err != nil || res.Action != "none" || len(repo.Comments(cs.number)) != 0 {
		t.Fatalf("%+v, %v, %+v", res, err, repo.Comments(cs.number))
	}
}

func TestStickyIgnoresMarkersOfOthers(t *testing.T) {
	_, repo, cs := newCommentsFixture(t)
	spoof := repo.AddComment(cs.number, "mallory", testMarker+"\nclick here")
	res, err := cs.post(testContext(t), Sticky{Marker: testMarker, Body: testMarker + "\nreal", Create: true})
	if err != nil || res.Action != "created" || res.ID == spoof {
		t.Fatalf("%+v, %v", res, err)
	}
	if got := repo.Comments(cs.number); got[0].Body != testMarker+"\nclick here" {
		t.Errorf("the other user's comment was edited: %+v", got)
	}
}

func TestStickyLooksBeforeRetryingAFailedCreate(t *testing.T) {
	sim, repo, cs := newCommentsFixture(t)
	body := testMarker + "\nbody"
	// GitHub makes the comment, then answers 502: a blind retry would duplicate it.
	sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/issues/{issue_number}/comments", ghsim.Fault{
		Name: "made, then failed", Status: http.StatusBadGateway, Message: "Bad Gateway",
		Before: func() { repo.AddComment(cs.number, ghsim.BotLogin, body) },
	})
	res, err := cs.post(testContext(t), Sticky{Marker: testMarker, Body: body, Create: true})
	if err != nil || res.Action != "created" {
		t.Fatalf("%+v, %v", res, err)
	}
	if got := repo.Comments(cs.number); len(got) != 1 {
		t.Errorf("%d comments, want 1: %+v", len(got), got)
	}
	// Not made at all: the second attempt makes it.
	sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/issues/{issue_number}/comments", ghsim.ServerError(502))
	other := "<!-- stelvio-action:web:dev -->"
	if res, err := cs.post(testContext(t), Sticky{Marker: other, Body: other + "\nx", Create: true}); err != nil || res.ID == 0 {
		t.Fatalf("%+v, %v", res, err)
	}
	if got := repo.Comments(cs.number); len(got) != 2 {
		t.Errorf("%d comments, want 2", len(got))
	}
}
