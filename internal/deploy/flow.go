package deploy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// reportTimeout bounds the reporting after the deploy, which runs even when the run was
// cancelled: the Deployment must not be left in_progress.
const reportTimeout = 30 * time.Second

// stsAudience is the audience AWS expects in a GitHub OIDC token.
const stsAudience = "sts.amazonaws.com"

// exitStateLocked is Stelvio's exit code for a held state lock (app-and-cli.md §3.2).
const exitStateLocked = 4

// deployAndReport records a GitHub Deployment, deploys, and reports however it ended.
func (r *run) deployAndReport(ctx context.Context) error {
	t := r.res.Target
	start := r.deps.Now()
	id, err := r.deps.GitHub.CreateDeployment(ctx, DeploymentRequest{
		SHA: t.SHA, Env: t.Env, Description: "stlv deploy " + t.Env,
		Payload: map[string]any{"stelvio_env": t.Env, "app_dir": r.cfg.AppDir, "run_url": r.cfg.RunURL},
	})
	switch {
	case err != nil && ctx.Err() != nil:
		return err
	case err != nil:
		// The record of the deploy is not worth blocking the deploy for.
		r.deps.Log.Warningf("%v; deploying without a GitHub Deployment (the job needs `permissions: deployments: write`)", err)
	default:
		r.res.DeploymentID = id
		r.setStatus(ctx, DeploymentStatus{State: "in_progress", Description: "Deploying", LogURL: r.cfg.RunURL})
	}
	deployErr := r.deploy(ctx)
	r.res.Duration = r.deps.Now().Sub(start)
	r.res.Deployed = deployErr == nil
	if deployErr != nil && r.res.FirstError == "" {
		r.res.FirstError = r.deps.Log.Mask(deployErr.Error())
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), reportTimeout)
	defer cancel()
	r.report(rctx, deployErr)
	return deployErr
}

// deploy is everything between the Deployment's in_progress and its final status.
func (r *run) deploy(ctx context.Context) error {
	appDir := path.Clean(r.cfg.AppDir)
	if _, err := fs.Stat(r.fsys, path.Join(appDir, "stlv_app.py")); err != nil {
		return fmt.Errorf("no stlv_app.py in %s (working-directory): %w", appDir, err)
	}
	plan, err := planStelvio(r.fsys, appDir, r.cfg.StelvioVersion)
	if err != nil {
		return err
	}
	r.deps.Log.Infof("Stelvio: %s", plan.Pin)
	uvDir, cleanup, err := r.ensureUV(ctx)
	if err != nil {
		return err
	}
	defer cleanup()
	region := r.region()
	creds, err := r.credentials(ctx, region)
	if err != nil {
		return err
	}
	set := map[string]string{
		"CI":          "true",
		"STLV_RUN_ID": r.cfg.RunURL,
		// Stelvio's JSON is UTF-8; user code printing to stdout must not change the encoding.
		"PYTHONUTF8":       "1",
		"PYTHONUNBUFFERED": "1",
	}
	if uvDir != "" {
		set["PATH"] = prependPath(uvDir, envValue(r.cfg.Environ, "PATH"))
	}
	env := childEnv(r.cfg.Environ, creds, region, set)
	dir := filepath.Join(r.cfg.Workspace, filepath.FromSlash(appDir))
	if plan.Sync != nil {
		if err := r.install(ctx, dir, env, plan.Sync); err != nil {
			return err
		}
	}
	if err := r.deployWithRetries(ctx, dir, env, plan.Stlv); err != nil {
		return err
	}
	r.readOutputs(ctx, dir, env, plan.Stlv)
	return nil
}

// region is the region handed to Stelvio: the input, else the environment's.
func (r *run) region() string {
	if r.cfg.AWSRegion != "" {
		return r.cfg.AWSRegion
	}
	return firstNonEmpty(envValue(r.cfg.Environ, "AWS_REGION"), envValue(r.cfg.Environ, "AWS_DEFAULT_REGION"))
}

// credentials assumes the role (when one is configured) and checks the credentials with
// GetCallerIdentity, so that bad ones fail here and not halfway through a deploy.
func (r *run) credentials(ctx context.Context, region string) (*Credentials, error) {
	var creds *Credentials
	if r.cfg.AWSRoleARN != "" {
		token, err := r.deps.Tokens.IDToken(ctx, stsAudience)
		if err != nil {
			return nil, err
		}
		r.deps.Log.AddMask(token)
		creds, err = r.deps.AWS.AssumeRoleWithWebIdentity(ctx, AssumeRequest{
			Region: region, RoleARN: r.cfg.AWSRoleARN, Token: token, Duration: r.cfg.RoleDuration,
			SessionName: SessionName(r.cfg.Repository, r.cfg.RunID, r.cfg.RunAttempt),
		})
		if err != nil {
			if errors.Is(err, errAWSRejected) {
				err = fmt.Errorf("%w (check the role's trust policy: it must trust token.actions.githubusercontent.com for this repository, ref or environment)", err)
			}
			return nil, err
		}
		for _, s := range []string{creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken} {
			r.deps.Log.AddMask(s)
		}
	} else {
		for _, name := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
			if v := envValue(r.cfg.Environ, name); v != "" {
				r.deps.Log.AddMask(v)
			}
		}
	}
	id, err := r.deps.AWS.CallerIdentity(ctx, region, creds)
	if err != nil {
		if creds == nil {
			err = fmt.Errorf("%w (no aws-role-arn input: the ambient AWS credentials were used)", err)
		}
		return nil, fmt.Errorf("AWS credentials do not work: %w", err)
	}
	r.res.Account = id.Account
	r.deps.Log.Infof("AWS account %s, as %s", id.Account, id.ARN)
	return creds, nil
}

// install runs `uv sync` in a log group; its output is shown, masked.
func (r *run) install(ctx context.Context, dir string, env, args []string) error {
	r.deps.Log.Group("Install the app's dependencies: " + strings.Join(args, " "))
	defer r.deps.Log.EndGroup()
	p := newProgress(r.deps.Log)
	exit, err := r.deps.Runner.Run(ctx, Process{Dir: dir, Args: args, Env: env, Stdout: p.stdout, Stderr: p.stderr, Grace: r.cfg.Grace})
	if err != nil {
		return fmt.Errorf("install Stelvio: %w", err)
	}
	if exit.Cancelled() {
		return fmt.Errorf("install Stelvio: stopped with %s: %w", signalList(exit.Sent), ctx.Err())
	}
	if exit.Code != 0 {
		return fmt.Errorf("install Stelvio: `%s` failed (%s): %s", strings.Join(args, " "), exit, lastLine(p.stderrTail))
	}
	return nil
}

func lastLine(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(lines[i]); s != "" {
			return s
		}
	}
	return "no error output"
}
