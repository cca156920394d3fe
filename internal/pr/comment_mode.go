package pr

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

// Mode comment is the second half of the fork recipe (docs/workflow-run.md): a
// workflow_run job with a write token, after a read-only review of a fork's pull request.
//
// The report that review uploaded is untrusted: the fork can change the workflow in its
// own pull request and upload anything under that name. So nothing posted comes from it.
// It only says which head was reviewed; the comment and the check runs are computed here
// again, from GitHub's copy of the pull request, by the same static reading that never
// runs the pull request's code. A forged report can therefore neither pass
// stelvio/permissions nor put its own words under our marker.

// WorkflowRun is what comment mode reads of a workflow_run event.
type WorkflowRun struct {
	Event        string // the event of the run that finished: pull_request, …
	Conclusion   string
	HeadSHA      string
	HeadBranch   string
	HeadRepo     string // owner/name of the head's repository (a fork's)
	Repository   string // owner/name of this repository
	PullRequests []int  // empty for forks: GitHub lists only same-repository ones
}

// ParseWorkflowRun reads a workflow_run event payload.
func ParseWorkflowRun(raw []byte) (*WorkflowRun, error) {
	var p struct {
		WorkflowRun *struct {
			Event          string `json:"event"`
			Conclusion     string `json:"conclusion"`
			HeadSHA        string `json:"head_sha"`
			HeadBranch     string `json:"head_branch"`
			HeadRepository *struct {
				FullName string `json:"full_name"`
			} `json:"head_repository"`
			PullRequests []struct {
				Number int `json:"number"`
			} `json:"pull_requests"`
		} `json:"workflow_run"`
		Repository struct {
			FullName string `json:"full_name"`
		} `json:"repository"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("workflow_run event payload: %w", err)
	}
	w := p.WorkflowRun
	if w == nil || !isSHA(w.HeadSHA) || p.Repository.FullName == "" {
		return nil, errors.New("the workflow_run event payload lacks the run's head")
	}
	run := &WorkflowRun{Event: w.Event, Conclusion: w.Conclusion, HeadSHA: w.HeadSHA, HeadBranch: w.HeadBranch, Repository: p.Repository.FullName}
	if w.HeadRepository != nil {
		run.HeadRepo = w.HeadRepository.FullName
	}
	for _, pr := range w.PullRequests {
		run.PullRequests = append(run.PullRequests, pr.Number)
	}
	return run, nil
}

// maxReportBytes bounds the report comment mode reads: it comes from an untrusted run.
const maxReportBytes = 16 << 20

// ReadReviewReport reads the report.json of the review run and checks that it is one, and
// for head. It returns the pull request number the report names (a hint only).
func ReadReviewReport(path, head string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("report-file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxReportBytes+1))
	if err != nil {
		return 0, fmt.Errorf("report-file %s: %w", path, err)
	}
	if len(data) > maxReportBytes {
		return 0, fmt.Errorf("report-file %s: larger than %d MiB; refused", path, maxReportBytes>>20)
	}
	var r reviewReport
	if err := json.Unmarshal(data, &r); err != nil {
		return 0, fmt.Errorf("report-file %s: not a stelvio-action report: %w", path, err)
	}
	switch {
	case r.Schema != ReviewSchema:
		return 0, fmt.Errorf("report-file %s: schema %q, want %q", path, r.Schema, ReviewSchema)
	case r.HeadSHA != head:
		return 0, fmt.Errorf("report-file %s: made for head %s, but the workflow run is for %s; refused", path, abbrev(r.HeadSHA), abbrev(head))
	}
	return r.PullRequest, nil
}

type pullFinder interface {
	PullRequest(ctx context.Context, number int) (*github.PullRequest, error)
	OpenPullRequests(ctx context.Context, headOwner, branch string) ([]*github.PullRequest, error)
}

// FindPullRequest finds the open pull request whose head is the run's head commit: by
// the run's list for same-repository pull requests, else by the head's repository and
// branch. It returns nil when there is none (closed, or pushed to since).
func FindPullRequest(ctx context.Context, api pullFinder, run *WorkflowRun) (*github.PullRequest, error) {
	for _, n := range run.PullRequests {
		p, err := api.PullRequest(ctx, n)
		if err != nil {
			return nil, err
		}
		if p.State == "open" && p.HeadSHA == run.HeadSHA {
			return p, nil
		}
	}
	owner, _, _ := strings.Cut(run.HeadRepo, "/")
	if owner == "" || run.HeadBranch == "" {
		return nil, nil
	}
	list, err := api.OpenPullRequests(ctx, owner, run.HeadBranch)
	if err != nil {
		return nil, err
	}
	for _, p := range list {
		if p.HeadSHA == run.HeadSHA && strings.EqualFold(p.HeadRepo, run.HeadRepo) {
			return p, nil
		}
	}
	return nil, nil
}

// EventFor is the review's view of pull request p, reviewed from a workflow_run.
func EventFor(p *github.PullRequest) *Event {
	return &Event{Name: "workflow_run", Action: "completed", Number: p.Number, State: p.State,
		HeadSHA: p.HeadSHA, HeadRef: p.HeadRef, HeadRepo: p.HeadRepo, BaseSHA: p.BaseSHA, BaseRef: p.BaseRef, BaseRepo: p.BaseRepo, Labels: p.Labels}
}
