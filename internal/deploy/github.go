package deploy

import (
	"context"
	"fmt"
	"time"

	"github.com/google/go-github/v62/github"
)

// GitHub is what the deploy reads and writes on GitHub. GitHubClient is the real one.
type GitHub interface {
	BranchHead(ctx context.Context, branch string) (sha string, err error)
	// LastSuccessfulDeploy is the commit of the newest deployment of env that reached
	// success (later marked inactive or not); found is false when there is none.
	LastSuccessfulDeploy(ctx context.Context, env string) (sha string, found bool, err error)
	// Compare says where head stands relative to base: "ahead", "identical", "behind" or
	// "diverged".
	Compare(ctx context.Context, base, head string) (status string, err error)
	CreateDeployment(ctx context.Context, d DeploymentRequest) (id int64, err error)
	SetDeploymentStatus(ctx context.Context, id int64, s DeploymentStatus) error
	// MergedPullRequest is the pull request merged into branch as commit sha; found is
	// false for a direct push.
	MergedPullRequest(ctx context.Context, sha, branch string) (number int, found bool, err error)
	CreateComment(ctx context.Context, number int, body string) (url string, err error)
}

// DeploymentRequest is a GitHub Deployment to create.
type DeploymentRequest struct {
	SHA         string
	Env         string
	Description string
	Payload     map[string]any
}

// DeploymentStatus is one status of a GitHub Deployment.
type DeploymentStatus struct {
	State       string // in_progress, success, failure, error
	Description string
	LogURL      string
	EnvURL      string
}

// GitHubClient is GitHub through go-github, for one repository.
type GitHubClient struct {
	client      *github.Client
	owner, repo string
	sleep       func(context.Context, time.Duration) error
}

// NewGitHubClient serves owner/repo with client; sleep paces retries.
func NewGitHubClient(client *github.Client, owner, repo string, sleep func(context.Context, time.Duration) error) *GitHubClient {
	return &GitHubClient{client: client, owner: owner, repo: repo, sleep: sleep}
}

// lastDeploysScanned bounds the search for the last successful deployment: one page.
const lastDeploysScanned = 30

// retryDelays pace the retries of calls GitHub answered with a 5xx.
var retryDelays = [...]time.Duration{time.Second, 3 * time.Second}

// retry runs call again after a GitHub 5xx; the calls it wraps are safe to repeat.
func (g *GitHubClient) retry(ctx context.Context, what string, call func() (*github.Response, error)) error {
	for attempt := 0; ; attempt++ {
		resp, err := call()
		if err == nil {
			return nil
		}
		if resp == nil || resp.StatusCode < 500 || attempt >= len(retryDelays) {
			return fmt.Errorf("%s: %w", what, err)
		}
		if serr := g.sleep(ctx, retryDelays[attempt]); serr != nil {
			return fmt.Errorf("%s: %w (retry: %w)", what, err, serr)
		}
	}
}

func (g *GitHubClient) BranchHead(ctx context.Context, branch string) (string, error) {
	var b *github.Branch
	err := g.retry(ctx, "get branch "+branch, func() (r *github.Response, err error) {
		b, r, err = g.client.Repositories.GetBranch(ctx, g.owner, g.repo, branch, 1)
		return r, err
	})
	if err != nil {
		return "", err
	}
	return b.GetCommit().GetSHA(), nil
}

func (g *GitHubClient) LastSuccessfulDeploy(ctx context.Context, env string) (string, bool, error) {
	var deps []*github.Deployment
	err := g.retry(ctx, "list deployments of "+env, func() (r *github.Response, err error) {
		deps, r, err = g.client.Repositories.ListDeployments(ctx, g.owner, g.repo, &github.DeploymentsListOptions{
			Environment: env, ListOptions: github.ListOptions{PerPage: lastDeploysScanned}})
		return r, err
	})
	if err != nil {
		return "", false, err
	}
	for _, d := range deps { // newest first
		var statuses []*github.DeploymentStatus
		err := g.retry(ctx, fmt.Sprintf("list statuses of deployment %d", d.GetID()), func() (r *github.Response, err error) {
			statuses, r, err = g.client.Repositories.ListDeploymentStatuses(ctx, g.owner, g.repo, d.GetID(), &github.ListOptions{PerPage: 100})
			return r, err
		})
		if err != nil {
			return "", false, err
		}
		for _, s := range statuses {
			if s.GetState() == "success" {
				return d.GetSHA(), true, nil
			}
		}
	}
	return "", false, nil
}

func (g *GitHubClient) Compare(ctx context.Context, base, head string) (string, error) {
	var c *github.CommitsComparison
	err := g.retry(ctx, "compare "+base+"..."+head, func() (r *github.Response, err error) {
		c, r, err = g.client.Repositories.CompareCommits(ctx, g.owner, g.repo, base, head, &github.ListOptions{PerPage: 1})
		return r, err
	})
	if err != nil {
		return "", err
	}
	return c.GetStatus(), nil
}

func (g *GitHubClient) CreateDeployment(ctx context.Context, d DeploymentRequest) (int64, error) {
	req := &github.DeploymentRequest{
		Ref:         github.String(d.SHA),
		Task:        github.String("deploy"),
		AutoMerge:   github.Bool(false),
		Environment: github.String(d.Env),
		Description: github.String(cut(d.Description, 140)),
		Payload:     d.Payload,
		// The commit is already merged and its checks ran on the pull request; GitHub would
		// otherwise refuse the deployment while any status of the merge commit is pending.
		RequiredContexts:     &[]string{},
		TransientEnvironment: github.Bool(false),
	}
	// Not retried: a deployment that was created despite a 5xx would be left behind.
	dep, _, err := g.client.Repositories.CreateDeployment(ctx, g.owner, g.repo, req)
	if err != nil {
		return 0, fmt.Errorf("create a deployment of %s to %s: %w", shortSHA(d.SHA), d.Env, err)
	}
	return dep.GetID(), nil
}

func (g *GitHubClient) SetDeploymentStatus(ctx context.Context, id int64, s DeploymentStatus) error {
	req := &github.DeploymentStatusRequest{
		State:       github.String(s.State),
		Description: github.String(cut(s.Description, 140)),
		LogURL:      github.String(s.LogURL),
	}
	if s.EnvURL != "" {
		req.EnvironmentURL = github.String(s.EnvURL)
	}
	return g.retry(ctx, fmt.Sprintf("set deployment %d to %s", id, s.State), func() (*github.Response, error) {
		_, r, err := g.client.Repositories.CreateDeploymentStatus(ctx, g.owner, g.repo, id, req)
		return r, err
	})
}

func (g *GitHubClient) MergedPullRequest(ctx context.Context, sha, branch string) (int, bool, error) {
	var prs []*github.PullRequest
	err := g.retry(ctx, "list pull requests of "+shortSHA(sha), func() (r *github.Response, err error) {
		prs, r, err = g.client.PullRequests.ListPullRequestsWithCommit(ctx, g.owner, g.repo, sha, &github.ListOptions{PerPage: 100})
		return r, err
	})
	if err != nil {
		return 0, false, err
	}
	best := 0
	for _, pr := range prs {
		if pr.MergedAt == nil || pr.GetBase().GetRef() != branch {
			continue
		}
		if pr.GetMergeCommitSHA() == sha {
			return pr.GetNumber(), true, nil
		}
		if best == 0 {
			best = pr.GetNumber()
		}
	}
	return best, best != 0, nil
}

func (g *GitHubClient) CreateComment(ctx context.Context, number int, body string) (string, error) {
	// Not retried: a comment created despite a 5xx would be posted twice.
	c, _, err := g.client.Issues.CreateComment(ctx, g.owner, g.repo, number, &github.IssueComment{Body: github.String(body)})
	if err != nil {
		return "", fmt.Errorf("comment on #%d: %w", number, err)
	}
	return c.GetHTMLURL(), nil
}

func shortSHA(sha string) string { return sha[:min(len(sha), 7)] }

// cut shortens s to at most n runes, ending with "…" when it had to cut.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
