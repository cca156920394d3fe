package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
	"github.com/stelvio-action/stelvio-action/internal/deploy"
	"github.com/stelvio-action/stelvio-action/internal/ghaction"
	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/pr"
)

// runDeployMode is the action on push to a deploy branch or workflow_dispatch: it deploys
// with `stlv deploy` and reports on the merged PR (issue 6). deploy.Run writes its own
// outputs and the ::error:: line, so a failure is only turned into an exit code here.
func runDeployMode(ctx context.Context, act *ghaction.Action, in *config.Inputs, rc *ghaction.Context, stderr io.Writer) int {
	cfg := deploy.ConfigFrom(in, rc, os.Environ())
	cfg.Shipped = func(ctx context.Context, t deploy.Target) (string, error) {
		return shippedChanges(ctx, in, rc, t)
	}
	deps, err := deploy.NewDeps(act, rc, in.GitHubToken)
	if err != nil {
		fmt.Fprintf(stderr, "deploy: %v\n", err)
		return exitInput
	}
	res, err := deploy.Run(ctx, cfg, deps)
	if err != nil {
		return exitCheck
	}
	if res.Skipped != "" {
		act.Noticef("deploy skipped: %s", res.Skipped)
	}
	return exitOK
}

// shippedBudget keeps the link changes a small part of the deploy comment.
const shippedBudget = 20_000

// shippedChanges is the review diff of what this push ships: the app at the push's
// "before" commit against the deployed commit, for the deploy's env.
func shippedChanges(ctx context.Context, in *config.Inputs, rc *ghaction.Context, t deploy.Target) (string, error) {
	before, _ := rc.Event["before"].(string)
	if before == "" || strings.Trim(before, "0") == "" || before == t.SHA {
		return "", nil // a new branch or a manual run: nothing to compare with
	}
	src := &pr.Sources{Git: &pr.Git{Dir: rc.Workspace}}
	cache := pyeval.NewParseCache()
	resolveAt := func(sha string) (*linker.Result, error) {
		rev, err := src.Open(ctx, sha)
		if err != nil {
			return nil, err
		}
		if !rev.Has(path.Join(in.WorkingDirectory, "stlv_app.py")) {
			return nil, nil
		}
		root, err := rev.Extract(ctx, in.WorkingDirectory)
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(root)
		return resolveApp(ctx, appFlags{dir: filepath.Join(root, filepath.FromSlash(in.WorkingDirectory)), env: t.Env, version: in.StelvioVersion, cache: cache})
	}
	base, err := resolveAt(before)
	if err != nil {
		return "", fmt.Errorf("the app before the push (%s): %w", before, err)
	}
	head, err := resolveAt(t.SHA)
	if err != nil {
		return "", fmt.Errorf("the deployed app (%s): %w", t.SHA, err)
	}
	if base == nil && head == nil {
		return "", nil
	}
	iam, err := pr.LoadCatalogue()
	if err != nil {
		return "", err
	}
	report := pr.Diff(base, head, iam)
	return pr.Markdown(report, pr.Options{Env: t.Env, BaseSHA: before, HeadSHA: t.SHA, ShowValues: in.ShowValues, Budget: shippedBudget}), nil
}
