package main

import (
	"errors"

	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/pr"
)

// linkDiff compares two resolved revisions of an app for the review.
//
// TODO(diff): wire internal/pr's Diff, Markdown and JSON (issue 4) here once they land;
// until then the review stops at this step with a clear error.
func linkDiff(base, head *linker.Result) (*pr.LinkDiff, error) {
	return nil, errors.New("the link diff is not wired into this build yet (issue 4)")
}
