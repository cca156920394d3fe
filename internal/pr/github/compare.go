package github

import (
	"context"
	"fmt"

	gh "github.com/google/go-github/v62/github"
)

// MergeBase is the commit where head's history left base's, as GitHub's three-dot compare
// (the "Files changed" tab) finds it. GitHub answers 404 (ErrNotFound) when the two share no
// history.
func (c *Client) MergeBase(ctx context.Context, base, head string) (string, error) {
	op := fmt.Sprintf("compare %s...%s", short(base), short(head))
	// One commit a page: only merge_base_commit is wanted, and the commit list is the part
	// of the answer that grows with the branch.
	cmp, resp, err := c.gh.Repositories.CompareCommits(ctx, c.owner, c.repo, base, head, &gh.ListOptions{PerPage: 1})
	if err != nil {
		return "", wrap(op, resp, err)
	}
	sha := cmp.GetMergeBaseCommit().GetSHA()
	if sha == "" {
		return "", fmt.Errorf("%s: GitHub named no merge base", op)
	}
	return sha, nil
}
