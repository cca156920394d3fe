package pr

import (
	"context"
	"errors"
	"unicode/utf8"

	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

// The check runs the review sets on the pull request's head.
const (
	// CheckLinks passes when every stlv_resources.py matches what Stelvio would write.
	CheckLinks = "stelvio/links"
	// CheckPermissions fails while broadened permissions are not approved.
	CheckPermissions = "stelvio/permissions"
)

type checksAPI interface {
	CheckRuns(ctx context.Context, sha string) ([]github.CheckRun, error)
	CreateCheckRun(ctx context.Context, run github.CheckRun) (github.CheckRun, error)
	UpdateCheckRun(ctx context.Context, run github.CheckRun) (github.CheckRun, error)
}

// maxCheckText is GitHub's limit on a check run's summary and text, in characters.
const maxCheckText = 65535

// checkRuns caches the check runs of commits, read once each.
type checkRuns struct {
	api  checksAPI
	runs map[string][]github.CheckRun
}

func newCheckRuns(api checksAPI) *checkRuns {
	return &checkRuns{api: api, runs: map[string][]github.CheckRun{}}
}

// on lists the latest check run of each name on sha.
func (c *checkRuns) on(ctx context.Context, sha string) ([]github.CheckRun, error) {
	if runs, ok := c.runs[sha]; ok {
		return runs, nil
	}
	runs, err := c.api.CheckRuns(ctx, sha)
	if err != nil {
		return nil, err
	}
	c.runs[sha] = runs
	return runs, nil
}

// fresh records that sha is a commit just made: it has no check runs, and asking would
// be a wasted call.
func (c *checkRuns) fresh(sha string) { c.runs[sha] = []github.CheckRun{} }

func (c *checkRuns) named(ctx context.Context, sha, name string) (*github.CheckRun, error) {
	runs, err := c.on(ctx, sha)
	if err != nil {
		return nil, err
	}
	for i := range runs {
		if runs[i].Name == name {
			return &runs[i], nil
		}
	}
	return nil, nil
}

// set makes the check run want.Name on want.HeadSHA say what want says: an existing run
// is updated (only when it differs, and not when keep accepts it as it is), so a commit
// never shows two runs of one name. It reports whether it wrote.
func (c *checkRuns) set(ctx context.Context, want github.CheckRun, keep func(have github.CheckRun) bool) (bool, error) {
	want.Summary, want.Text = cutCheckText(want.Summary), cutCheckText(want.Text)
	have, err := c.named(ctx, want.HeadSHA, want.Name)
	if err != nil {
		return false, err
	}
	if have != nil && keep != nil && keep(*have) {
		return false, nil
	}
	if have != nil {
		return c.update(ctx, have, want)
	}
	made, err := c.api.CreateCheckRun(ctx, want)
	if errors.Is(err, github.ErrServer) {
		// GitHub may have made it before failing: look before making another.
		delete(c.runs, want.HeadSHA)
		if have, err = c.named(ctx, want.HeadSHA, want.Name); err != nil {
			return false, err
		}
		if have != nil {
			return c.update(ctx, have, want)
		}
		made, err = c.api.CreateCheckRun(ctx, want)
	}
	if err != nil {
		return false, err
	}
	c.runs[want.HeadSHA] = append(c.runs[want.HeadSHA], made)
	return true, nil
}

func (c *checkRuns) update(ctx context.Context, have *github.CheckRun, want github.CheckRun) (bool, error) {
	// The details URL names the run that wrote it; a later run with the same result
	// leaves it alone rather than spend a call on it.
	if have.Status == "completed" && have.Conclusion == want.Conclusion && have.Title == want.Title &&
		have.Summary == want.Summary && have.Text == want.Text && have.ExternalID == want.ExternalID {
		return false, nil
	}
	want.ID = have.ID
	updated, err := c.api.UpdateCheckRun(ctx, want)
	if err != nil {
		return false, err
	}
	*have = updated
	return true, nil
}

func cutCheckText(s string) string {
	if utf8.RuneCountInString(s) <= maxCheckText {
		return s
	}
	const note = "\n\n…cut at GitHub's limit; the job summary has all of it."
	runes := []rune(s)
	return string(runes[:maxCheckText-utf8.RuneCountInString(note)]) + note
}
