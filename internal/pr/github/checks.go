package github

import (
	"context"
	"fmt"

	gh "github.com/google/go-github/v62/github"
)

// CheckRun is a check run as the review writes and reads it.
type CheckRun struct {
	ID         int64
	Name       string
	HeadSHA    string
	Status     string // queued, in_progress, completed
	Conclusion string // success, failure, neutral, …; "" while not completed
	ExternalID string
	DetailsURL string
	Title      string
	Summary    string
	Text       string
}

// CheckRuns lists the latest check run of each name on commit sha.
func (c *Client) CheckRuns(ctx context.Context, sha string) ([]CheckRun, error) {
	opts := &gh.ListCheckRunsOptions{Filter: gh.String("latest"), ListOptions: gh.ListOptions{PerPage: perPage}}
	var out []CheckRun
	for {
		page, resp, err := c.gh.Checks.ListCheckRunsForRef(ctx, c.owner, c.repo, sha, opts)
		if err != nil {
			return nil, wrap("list check runs of "+short(sha), resp, err)
		}
		for _, r := range page.CheckRuns {
			out = append(out, checkRun(r))
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

// CreateCheckRun creates a completed check run. Like CreateComment it is not repeated after
// a server error.
func (c *Client) CreateCheckRun(ctx context.Context, run CheckRun) (CheckRun, error) {
	opts := gh.CreateCheckRunOptions{Name: run.Name, HeadSHA: run.HeadSHA, Status: gh.String("completed"),
		Conclusion: gh.String(run.Conclusion), ExternalID: gh.String(run.ExternalID), Output: output(run)}
	if run.DetailsURL != "" {
		opts.DetailsURL = gh.String(run.DetailsURL)
	}
	r, resp, err := c.gh.Checks.CreateCheckRun(withoutServerRetry(ctx), c.owner, c.repo, opts)
	if err != nil {
		return CheckRun{}, wrap(fmt.Sprintf("create check run %s on %s", run.Name, short(run.HeadSHA)), resp, err)
	}
	return checkRun(r), nil
}

// UpdateCheckRun rewrites check run run.ID as run says.
func (c *Client) UpdateCheckRun(ctx context.Context, run CheckRun) (CheckRun, error) {
	opts := gh.UpdateCheckRunOptions{Name: run.Name, Status: gh.String("completed"), Conclusion: gh.String(run.Conclusion),
		ExternalID: gh.String(run.ExternalID), Output: output(run)}
	if run.DetailsURL != "" {
		opts.DetailsURL = gh.String(run.DetailsURL)
	}
	r, resp, err := c.gh.Checks.UpdateCheckRun(ctx, c.owner, c.repo, run.ID, opts)
	if err != nil {
		return CheckRun{}, wrap(fmt.Sprintf("update check run %s (%d)", run.Name, run.ID), resp, err)
	}
	return checkRun(r), nil
}

func output(run CheckRun) *gh.CheckRunOutput {
	out := &gh.CheckRunOutput{Title: gh.String(run.Title), Summary: gh.String(run.Summary)}
	if run.Text != "" {
		out.Text = gh.String(run.Text)
	}
	return out
}

func checkRun(r *gh.CheckRun) CheckRun {
	return CheckRun{ID: r.GetID(), Name: r.GetName(), HeadSHA: r.GetHeadSHA(), Status: r.GetStatus(), Conclusion: r.GetConclusion(),
		ExternalID: r.GetExternalID(), DetailsURL: r.GetDetailsURL(), Title: r.GetOutput().GetTitle(),
		Summary: r.GetOutput().GetSummary(), Text: r.GetOutput().GetText()}
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
