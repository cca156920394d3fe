package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/deploy"
	"github.com/stelvio-action/stelvio-action/internal/ghaction"
)

// runDeployMode is the action on push to a deploy branch or workflow_dispatch: it deploys
// with `stlv deploy` and reports on the merged PR (issue 6). deploy.Run writes its own
// outputs and the ::error:: line, so a failure is only turned into an exit code here.
func runDeployMode(ctx context.Context, act *ghaction.Action, in *config.Inputs, rc *ghaction.Context, stderr io.Writer) int {
	cfg := deploy.ConfigFrom(in, rc, os.Environ())
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
