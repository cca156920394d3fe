package github

import (
	"context"
	"fmt"

	gh "github.com/google/go-github/v62/github"
)

// PullRequest is what the review reads of a pull request.
type PullRequest struct {
	Number   int
	State    string
	Author   string
	HeadSHA  string
	HeadRef  string // the branch, in HeadRepo
	HeadRepo string // owner/name; differs from BaseRepo on a fork
	BaseSHA  string
	BaseRef  string
	BaseRepo string
	Labels   []string
}

// Comment is an issue comment.
type Comment struct {
	ID          int64
	Body        string
	Author      string
	AuthorType  string // "User" or "Bot"
	Association string // OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, …
	URL         string
}

// Review is a pull request review.
type Review struct {
	ID       int64
	User     string
	State    string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
	CommitID string
}

// PullRequest reads pull request number.
func (c *Client) PullRequest(ctx context.Context, number int) (*PullRequest, error) {
	p, resp, err := c.gh.PullRequests.Get(ctx, c.owner, c.repo, number)
	if err != nil {
		return nil, wrap(fmt.Sprintf("read pull request #%d", number), resp, err)
	}
	return pullRequest(p), nil
}

// OpenPullRequests lists the open pull requests whose head is branch of headOwner's
// repository.
func (c *Client) OpenPullRequests(ctx context.Context, headOwner, branch string) ([]*PullRequest, error) {
	opts := &gh.PullRequestListOptions{State: "open", Head: headOwner + ":" + branch, ListOptions: gh.ListOptions{PerPage: perPage}}
	var out []*PullRequest
	for {
		page, resp, err := c.gh.PullRequests.List(ctx, c.owner, c.repo, opts)
		if err != nil {
			return nil, wrap(fmt.Sprintf("list pull requests from %s:%s", headOwner, branch), resp, err)
		}
		for _, p := range page {
			out = append(out, pullRequest(p))
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

func pullRequest(p *gh.PullRequest) *PullRequest {
	out := &PullRequest{
		Number: p.GetNumber(), State: p.GetState(), Author: p.GetUser().GetLogin(),
		HeadSHA: p.GetHead().GetSHA(), HeadRef: p.GetHead().GetRef(), HeadRepo: p.GetHead().GetRepo().GetFullName(),
		BaseSHA: p.GetBase().GetSHA(), BaseRef: p.GetBase().GetRef(), BaseRepo: p.GetBase().GetRepo().GetFullName(),
	}
	for _, l := range p.Labels {
		out.Labels = append(out.Labels, l.GetName())
	}
	return out
}

// Comments lists every comment on issue or pull request number, oldest first, reading
// every page.
func (c *Client) Comments(ctx context.Context, number int) ([]Comment, error) {
	opts := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{PerPage: perPage}}
	var out []Comment
	for {
		page, resp, err := c.gh.Issues.ListComments(ctx, c.owner, c.repo, number, opts)
		if err != nil {
			return nil, wrap(fmt.Sprintf("list comments on #%d", number), resp, err)
		}
		for _, cm := range page {
			out = append(out, comment(cm))
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

// CreateComment posts a comment. It is not repeated after a server error, which may hide a
// comment that was made: the caller looks before trying again.
func (c *Client) CreateComment(ctx context.Context, number int, body string) (Comment, error) {
	cm, resp, err := c.gh.Issues.CreateComment(withoutServerRetry(ctx), c.owner, c.repo, number, &gh.IssueComment{Body: &body})
	if err != nil {
		return Comment{}, wrap(fmt.Sprintf("comment on #%d", number), resp, err)
	}
	return comment(cm), nil
}

// UpdateComment replaces a comment's body; a deleted comment gives ErrNotFound.
func (c *Client) UpdateComment(ctx context.Context, id int64, body string) (Comment, error) {
	cm, resp, err := c.gh.Issues.EditComment(ctx, c.owner, c.repo, id, &gh.IssueComment{Body: &body})
	if err != nil {
		return Comment{}, wrap(fmt.Sprintf("update comment %d", id), resp, err)
	}
	return comment(cm), nil
}

func comment(cm *gh.IssueComment) Comment {
	return Comment{ID: cm.GetID(), Body: cm.GetBody(), Author: cm.GetUser().GetLogin(), AuthorType: cm.GetUser().GetType(),
		Association: cm.GetAuthorAssociation(), URL: cm.GetHTMLURL()}
}

// AddLabels adds labels to issue or pull request number, creating missing ones.
func (c *Client) AddLabels(ctx context.Context, number int, names ...string) error {
	op := fmt.Sprintf("add labels %v to #%d", names, number)
	// GitHub's description accepts only the {"labels": [...]} form it recommends;
	// go-github's AddLabelsToIssue sends the bare array.
	u := fmt.Sprintf("repos/%s/%s/issues/%d/labels", c.owner, c.repo, number)
	req, err := c.gh.NewRequest("POST", u, map[string][]string{"labels": names})
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	resp, err := c.gh.Do(ctx, req, nil)
	return wrap(op, resp, err)
}

// RemoveLabel removes a label from issue or pull request number; a label already gone is
// no error.
func (c *Client) RemoveLabel(ctx context.Context, number int, name string) error {
	resp, err := c.gh.Issues.RemoveLabelForIssue(ctx, c.owner, c.repo, number, name)
	if err := wrap(fmt.Sprintf("remove label %q from #%d", name, number), resp, err); err != nil && !isNotFound(err) {
		return err
	}
	return nil
}

// Reviews lists every review of pull request number, oldest first.
func (c *Client) Reviews(ctx context.Context, number int) ([]Review, error) {
	opts := &gh.ListOptions{PerPage: perPage}
	var out []Review
	for {
		page, resp, err := c.gh.PullRequests.ListReviews(ctx, c.owner, c.repo, number, opts)
		if err != nil {
			return nil, wrap(fmt.Sprintf("list reviews of #%d", number), resp, err)
		}
		for _, r := range page {
			out = append(out, Review{ID: r.GetID(), User: r.GetUser().GetLogin(), State: r.GetState(), CommitID: r.GetCommitID()})
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

// Permission is login's permission on the repository: "admin", "write", "read" or "none"
// (GitHub reports maintain as write and triage as read).
func (c *Client) Permission(ctx context.Context, login string) (string, error) {
	p, resp, err := c.gh.Repositories.GetPermissionLevel(ctx, c.owner, c.repo, login)
	if err != nil {
		return "", wrap(fmt.Sprintf("read %s's permission", login), resp, err)
	}
	return p.GetPermission(), nil
}
