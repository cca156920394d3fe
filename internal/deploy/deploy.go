// Package deploy deploys a Stelvio app on merge: it maps the pushed branch to a Stelvio env,
// refuses stale commits, gets AWS credentials through GitHub OIDC, runs Stelvio's own
// `stlv deploy ENV --yes --stream` (retrying while Stelvio's state lock is held), and reports
// on a GitHub Deployment, the merged pull request, the job summary and the step outputs.
//
// Stelvio owns its state, locks and snapshots; this package only drives its CLI.
package deploy

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/config"
)

// Config is one deploy run: the action's inputs and the run's context.
type Config struct {
	Workspace  string // the checkout (GITHUB_WORKSPACE), an absolute path
	AppDir     string // working-directory: the app's directory, relative to Workspace
	Repository string // owner/name
	RunID      int64
	RunAttempt int
	RunURL     string // the run's page: the Deployment's log URL and STLV_RUN_ID

	EventName    string // push or workflow_dispatch
	EventPayload []byte // the event payload (GITHUB_EVENT_PATH's content)
	SHA, Ref     string // GITHUB_SHA, GITHUB_REF

	Environment    string // input environment; wins over every mapping
	DeployBranches []config.DeployBranch
	AWSRoleARN     string
	AWSRegion      string
	RoleDuration   time.Duration
	StelvioVersion string // input stelvio-version; "" reads the app's pin
	UVVersion      string // input uv-version; "" uses the uv on PATH, else DefaultUVVersion
	UVSHA256       string // input uv-sha256: the digest of UVVersion's archive
	UVDownloadURL  string // input uv-download-url; "" is DefaultUVDownloadURL
	Timeout        time.Duration
	LockRetries    int
	Comment        bool // comment on the merged pull request

	// LockBackoff is the first wait for a held state lock; it doubles up to LockBackoffMax.
	LockBackoff    time.Duration
	LockBackoffMax time.Duration
	// Grace is how long a cancelled or timed-out stlv gets before SIGKILL.
	Grace time.Duration

	// Environ is the action's environment (os.Environ()): the child process gets the
	// allow-listed part of it.
	Environ []string

	// ShippedChanges is Markdown describing the link changes the merge shipped (from the
	// review diff); when set it becomes a section of the comment and the job summary.
	ShippedChanges string
	// Shipped, when set and ShippedChanges is empty, computes ShippedChanges once the
	// target (branch, SHA, env) is known; its failure is a warning, not a failed deploy.
	Shipped func(ctx context.Context, t Target) (string, error)
}

// Defaults for the Config durations left zero.
const (
	DefaultTimeout        = 30 * time.Minute
	DefaultRoleDuration   = time.Hour
	DefaultLockBackoff    = 30 * time.Second
	DefaultLockBackoffMax = 5 * time.Minute
	DefaultGrace          = 30 * time.Second
)

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.Timeout, DefaultTimeout)
	def(&c.RoleDuration, DefaultRoleDuration)
	def(&c.LockBackoff, DefaultLockBackoff)
	def(&c.LockBackoffMax, DefaultLockBackoffMax)
	def(&c.Grace, DefaultGrace)
	if c.AppDir == "" {
		c.AppDir = "."
	}
	return c
}

// Log is the run's log (*ghaction.Action satisfies it). Everything it writes is masked.
type Log interface {
	Infof(format string, args ...any)
	Noticef(format string, args ...any)
	Warningf(format string, args ...any)
	Errorf(format string, args ...any)
	Group(title string)
	EndGroup()
	AddMask(secret string)
	Mask(s string) string
}

// StepOutputs is where step outputs and the job summary go (*ghaction.Action satisfies it).
type StepOutputs interface {
	SetOutput(name, value string) error
	AddStepSummary(markdown string) error
}

// TokenSource hands out GitHub OIDC tokens (*ghaction.Action satisfies it).
type TokenSource interface {
	IDToken(ctx context.Context, audience string) (string, error)
}

// Deps are the outside world the deploy talks to. NewDeps builds the real ones.
type Deps struct {
	GitHub  GitHub
	AWS     AWS
	Tokens  TokenSource
	Runner  Runner
	Log     Log
	Outputs StepOutputs
	// Sleep waits (lock back-off, retries); it returns early with the context's error.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
}

// Result is what a run did.
type Result struct {
	Deployed bool
	// Skipped says why nothing was deployed (not a failure); "" otherwise.
	Skipped string
	Target  Target
	// App is the Stelvio app name as Stelvio reported it.
	App          string
	DeploymentID int64
	PullRequest  int    // the merged pull request commented on, 0 for none
	CommentURL   string // "" when no comment was posted
	Account      string // the AWS account deployed to
	Counts       Counts
	// Outputs are Stelvio's outputs after the deploy, secrets masked.
	Outputs *StackOutputs
	// FirstError is the first error Stelvio reported, masked.
	FirstError string
	// LockWaits counts the waits for a held state lock.
	LockWaits int
	Duration  time.Duration
}

// Run deploys as cfg says. A skip (wrong event, unmapped branch, stale commit) returns a
// Result with Skipped set and no error; a failed deploy returns the Result and an error.
// Step outputs `deployed` and `deploy-outputs` are set in every case, and a failure is
// written to the log as an error annotation (the caller need not print it again).
func Run(ctx context.Context, cfg Config, deps Deps) (*Result, error) {
	cfg = cfg.withDefaults()
	if deps.Sleep == nil {
		deps.Sleep = Sleep
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	r := &run{cfg: cfg, deps: deps, fsys: os.DirFS(cfg.Workspace), res: &Result{}}
	err := r.run(ctx)
	r.setOutputs()
	if err != nil {
		deps.Log.Errorf("Deploy failed: %v", err)
	}
	return r.res, err
}

type run struct {
	cfg  Config
	deps Deps
	fsys fs.FS // the repository, read-only
	rc   *RepoConfig
	res  *Result
}

func (r *run) run(ctx context.Context) error {
	rc, err := ReadRepoConfig(r.fsys)
	if err != nil {
		return err
	}
	r.rc = rc
	t, skip, err := resolveTarget(&r.cfg, rc)
	if err != nil {
		return err
	}
	if skip != "" {
		return r.skip(skip)
	}
	r.res.Target = t
	if r.cfg.ShippedChanges == "" && r.cfg.Shipped != nil {
		md, err := r.cfg.Shipped(ctx, t)
		if err != nil {
			r.deps.Log.Warningf("the link changes this deploy ships are not shown: %v", err)
		}
		r.cfg.ShippedChanges = md
	}
	r.deps.Log.Infof("Deploying %s (%s) to Stelvio environment %q, from %s", t.Branch, shortSHA(t.SHA), t.Env, t.Source)
	if !recommendedEnv.MatchString(t.Env) {
		r.deps.Log.Warningf("environment %q: prefer lower-case letters, digits and '-' (AWS resource names are {app}-{env}-{name}, lower-cased)", t.Env)
	}
	if reason, err := checkFresh(ctx, r.deps.GitHub, t); err != nil {
		return fmt.Errorf("stale-deploy check: %w", err)
	} else if reason != "" {
		return r.skip(reason)
	}
	return r.deployAndReport(ctx)
}

func (r *run) skip(reason string) error {
	r.res.Skipped = reason
	r.deps.Log.Noticef("Not deploying: %s", reason)
	return nil
}

func (r *run) setOutputs() {
	outputs := "{}"
	if r.res.Outputs != nil {
		if data, err := json.Marshal(r.res.Outputs); err == nil {
			outputs = r.deps.Log.Mask(string(data))
		}
	}
	for name, value := range map[string]string{"deployed": fmt.Sprint(r.res.Deployed), "deploy-outputs": outputs} {
		if err := r.deps.Outputs.SetOutput(name, value); err != nil {
			r.deps.Log.Warningf("set output %s: %v", name, err)
		}
	}
}
