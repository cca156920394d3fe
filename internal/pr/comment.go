package pr

import (
	"context"
	"errors"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

type stickyAPI interface {
	Comments(ctx context.Context, number int) ([]github.Comment, error)
	CreateComment(ctx context.Context, number int, body string) (github.Comment, error)
	UpdateComment(ctx context.Context, id int64, body string) (github.Comment, error)
}

// Sticky is the comment of one app and env: found again by the hidden marker on its first
// line, created once, edited only when its body changes.
type Sticky struct {
	Marker string
	Body   string // starts with Marker
	// Create is false when there is nothing to say (no link changes): an existing comment
	// is still brought up to date, so readers see that a revert took effect, but none is
	// created.
	Create bool
}

// StickyResult is what posting did.
type StickyResult struct {
	ID     int64  // 0 when there is no comment
	Action string // "created", "updated", "unchanged", "recreated" (ours was deleted), "none"
	URL    string
}

// comments holds the pull request's comments, listed once per run for every app.
type comments struct {
	api    stickyAPI
	number int
	listed []github.Comment
	loaded bool
}

func (c *comments) load(ctx context.Context, again bool) error {
	if c.loaded && !again {
		return nil
	}
	list, err := c.api.Comments(ctx, c.number)
	if err != nil {
		return err
	}
	c.listed, c.loaded = list, true
	return nil
}

// find returns the oldest comment that is ours for marker. The marker alone is not enough:
// anyone can paste it into a comment, and we must not edit theirs. Ours is written by a
// bot (the workflow's token) or by a collaborator's token (a PAT).
func (c *comments) find(marker string) *github.Comment {
	for i := range c.listed {
		cm := &c.listed[i]
		first, _, _ := strings.Cut(cm.Body, "\n")
		if strings.TrimSpace(first) != marker {
			continue
		}
		if cm.AuthorType == "Bot" || cm.Association == "OWNER" || cm.Association == "MEMBER" || cm.Association == "COLLABORATOR" {
			return cm
		}
	}
	return nil
}

// post brings the comment for s up to date with the fewest calls: none when it already
// says the same.
func (c *comments) post(ctx context.Context, s Sticky) (StickyResult, error) {
	if err := c.load(ctx, false); err != nil {
		return StickyResult{}, err
	}
	if cm := c.find(s.Marker); cm != nil {
		if cm.Body == s.Body {
			return StickyResult{ID: cm.ID, Action: "unchanged", URL: cm.URL}, nil
		}
		updated, err := c.api.UpdateComment(ctx, cm.ID, s.Body)
		if err == nil {
			cm.Body = s.Body
			return StickyResult{ID: updated.ID, Action: "updated", URL: updated.URL}, nil
		}
		if !errors.Is(err, github.ErrNotFound) {
			return StickyResult{}, err
		}
		// Deleted since we listed: forget it and start over.
		c.listed = removeComment(c.listed, cm.ID)
		if !s.Create {
			return StickyResult{Action: "none"}, nil
		}
		return c.create(ctx, s, "recreated")
	}
	if !s.Create {
		return StickyResult{Action: "none"}, nil
	}
	return c.create(ctx, s, "created")
}

// create posts a new comment. A server error may hide a comment GitHub made anyway, so
// before one more try the comments are listed again: a duplicate is the one thing a
// sticky comment must never produce.
func (c *comments) create(ctx context.Context, s Sticky, action string) (StickyResult, error) {
	cm, err := c.api.CreateComment(ctx, c.number, s.Body)
	if err == nil {
		c.listed = append(c.listed, cm)
		return StickyResult{ID: cm.ID, Action: action, URL: cm.URL}, nil
	}
	if !errors.Is(err, github.ErrServer) {
		return StickyResult{}, err
	}
	if err := c.load(ctx, true); err != nil {
		return StickyResult{}, err
	}
	if found := c.find(s.Marker); found != nil {
		if found.Body == s.Body {
			return StickyResult{ID: found.ID, Action: action, URL: found.URL}, nil
		}
		updated, err := c.api.UpdateComment(ctx, found.ID, s.Body)
		if err != nil {
			return StickyResult{}, err
		}
		found.Body = s.Body
		return StickyResult{ID: updated.ID, Action: action, URL: updated.URL}, nil
	}
	cm, err = c.api.CreateComment(ctx, c.number, s.Body)
	if err != nil {
		return StickyResult{}, err
	}
	c.listed = append(c.listed, cm)
	return StickyResult{ID: cm.ID, Action: action, URL: cm.URL}, nil
}

func removeComment(list []github.Comment, id int64) []github.Comment {
	out := list[:0]
	for _, cm := range list {
		if cm.ID != id {
			out = append(out, cm)
		}
	}
	return out
}
