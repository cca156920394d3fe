package ghsim_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
)

func TestCheckRunsCreateUpdateAndListLatestByName(t *testing.T) {
	f := newFixture(t)
	head := f.repo.PullRequest(f.pr).HeadSHA
	run, _, err := f.gh.Checks.CreateCheckRun(f.ctx, "octo", "app", github.CreateCheckRunOptions{Name: "stelvio/links", HeadSHA: head, Status: github.String("in_progress")})
	if err != nil {
		t.Fatal(err)
	}
	annotations := []*github.CheckRunAnnotation{{Path: github.String("stlv_app.py"), StartLine: github.Int(3), EndLine: github.Int(3), AnnotationLevel: github.String("failure"), Message: github.String("stale")}}
	done, _, err := f.gh.Checks.UpdateCheckRun(f.ctx, "octo", "app", run.GetID(), github.UpdateCheckRunOptions{
		Name: "stelvio/links", Conclusion: github.String("failure"),
		Output: &github.CheckRunOutput{Title: github.String("1 stale file"), Summary: github.String("regenerate"), Annotations: annotations},
	})
	if err != nil {
		t.Fatal(err)
	}
	if done.GetStatus() != "completed" || done.GetConclusion() != "failure" || done.GetOutput().GetAnnotationsCount() != 1 || done.CompletedAt == nil {
		t.Fatalf("updated run: %+v", done)
	}
	// A second run of the same name and one of another name.
	if _, _, err := f.gh.Checks.CreateCheckRun(f.ctx, "octo", "app", github.CreateCheckRunOptions{Name: "stelvio/links", HeadSHA: head, Conclusion: github.String("success")}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.gh.Checks.CreateCheckRun(f.ctx, "octo", "app", github.CreateCheckRunOptions{Name: "stelvio/permissions", HeadSHA: head, Conclusion: github.String("neutral")}); err != nil {
		t.Fatal(err)
	}
	list, _, err := f.gh.Checks.ListCheckRunsForRef(f.ctx, "octo", "app", head, &github.ListCheckRunsOptions{CheckName: github.String("stelvio/links")})
	if err != nil {
		t.Fatal(err)
	}
	if list.GetTotal() != 1 || list.CheckRuns[0].GetConclusion() != "success" {
		t.Fatalf("latest stelvio/links: total %d, %+v", list.GetTotal(), list.CheckRuns)
	}
	all, _, err := f.gh.Checks.ListCheckRunsForRef(f.ctx, "octo", "app", "feature", &github.ListCheckRunsOptions{Filter: github.String("all")})
	if err != nil {
		t.Fatal(err)
	}
	if all.GetTotal() != 3 {
		t.Fatalf("all runs on the branch: %d, want 3", all.GetTotal())
	}
	if got := f.repo.CheckRuns(head); len(got) != 3 || got[0].Title != "1 stale file" || got[0].Annotations != 1 {
		t.Fatalf("state: %+v", got)
	}
}

// GitHub's limits on check runs are in the description too: the request is reported as
// invalid and answered 422, as GitHub answers it.
func TestCheckRunLimits(t *testing.T) {
	rec := &recorder{TB: t}
	f := newFixture(rec)
	head := f.repo.Branch("feature")
	many := make([]*github.CheckRunAnnotation, 51)
	for i := range many {
		many[i] = &github.CheckRunAnnotation{Path: github.String("a.py"), StartLine: github.Int(1), EndLine: github.Int(1), AnnotationLevel: github.String("warning"), Message: github.String("m")}
	}
	_, resp, err := f.gh.Checks.CreateCheckRun(f.ctx, "octo", "app", github.CreateCheckRunOptions{Name: "x", HeadSHA: head, Output: &github.CheckRunOutput{Title: github.String("t"), Summary: github.String("s"), Annotations: many}})
	if err == nil || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("51 annotations: %v", err)
	}
	_, resp, err = f.gh.Checks.CreateCheckRun(f.ctx, "octo", "app", github.CreateCheckRunOptions{Name: "x", HeadSHA: head, Output: &github.CheckRunOutput{Title: github.String("t"), Summary: github.String(strings.Repeat("s", 65536))}})
	if err == nil || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("65536-character summary: %v", err)
	}
	reports := strings.Join(rec.reports(), "\n")
	for _, want := range []string{"maximum number of items is 50", "maximum string length is 65535"} {
		if !strings.Contains(reports, want) {
			t.Errorf("no validation report of %q in:\n%s", want, reports)
		}
	}
	_, resp, err = f.gh.Checks.CreateCheckRun(f.ctx, "octo", "app", github.CreateCheckRunOptions{Name: "x", HeadSHA: strings.Repeat("0", 40)})
	if err == nil || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("unknown head sha: %v", err)
	}
}
