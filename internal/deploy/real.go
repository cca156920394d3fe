package deploy

import (
	"context"
	"fmt"
	"net/http"

	"strings"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/ghaction"
)

// ConfigFrom builds the Config of a deploy from the action's inputs and the run's context.
// environ is the action's environment (os.Environ()).
func ConfigFrom(in *config.Inputs, c *ghaction.Context, environ []string) Config {
	return Config{
		Workspace:      c.Workspace,
		AppDir:         in.WorkingDirectory,
		Repository:     c.Repository,
		RunID:          c.RunID,
		RunAttempt:     c.RunAttempt,
		RunURL:         c.RunURL(),
		EventName:      c.EventName,
		EventPayload:   c.EventRaw,
		SHA:            c.SHA,
		Ref:            c.Ref,
		Environment:    in.Environment,
		DeployBranches: in.DeployBranches,
		AWSRoleARN:     in.AWSRoleARN,
		AWSRegion:      in.AWSRegion,
		RoleDuration:   in.RoleDuration,
		StelvioVersion: in.StelvioVersion,
		UVVersion:      in.UVVersion,
		UVSHA256:       in.UVSHA256,
		UVDownloadURL:  in.UVDownloadURL,
		Timeout:        in.DeployTimeout,
		LockRetries:    in.LockRetries,
		Comment:        in.Comment,
		Environ:        environ,
	}
}

// NewDeps builds the real outside world: go-github against the run's API URL with token,
// STS through aws-sdk-go-v2, processes through ExecRunner, and a as the log, outputs and
// OIDC token source.
func NewDeps(a *ghaction.Action, c *ghaction.Context, token string) (Deps, error) {
	owner, repo, ok := c.RepoOwnerName()
	if !ok {
		return Deps{}, fmt.Errorf("GITHUB_REPOSITORY=%q is not owner/name", c.Repository)
	}
	gh := github.NewClient(&http.Client{Timeout: 60 * time.Second}).WithAuthToken(token)
	if api := strings.TrimSuffix(c.APIURL, "/"); api != "" && api != "https://api.github.com" {
		var err error
		if gh, err = gh.WithEnterpriseURLs(api+"/", api+"/"); err != nil {
			return Deps{}, fmt.Errorf("GITHUB_API_URL=%q: %w", c.APIURL, err)
		}
	}
	return Deps{
		GitHub:  NewGitHubClient(gh, owner, repo, Sleep),
		AWS:     STSClient{},
		Tokens:  a,
		Runner:  ExecRunner{},
		Log:     a,
		Outputs: a,
		Sleep:   Sleep,
		Now:     time.Now,
	}, nil
}

// Sleep waits d or until ctx ends.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
