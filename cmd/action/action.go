package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
	"github.com/stelvio-action/stelvio-action/internal/ghaction"
	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/pr"
	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

// reviewTimeout bounds a whole review; GitHub's own job timeout is much longer, and a
// review that hangs should say so well before it.
const reviewTimeout = 15 * time.Minute

// ReportPath is where the review writes report.json, relative to the workspace: the
// action runs in a container, and later steps (actions/upload-artifact) read the file
// from outside it. Not a hidden folder: upload-artifact skips those by default.
const ReportPath = "stelvio-report/report.json"

// runAction is action mode: the event and the mode input decide what to do.
func runAction(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) int {
	a := ghaction.New(ghaction.WithGetenv(getenv), ghaction.WithWriter(stdout))
	in, err := config.ReadInputs(a)
	if err != nil {
		return refuse(a, exitInput, unjoin(err)...)
	}
	gh, err := a.Context()
	if err != nil {
		return refuse(a, exitInput, err)
	}
	mode, err := actionMode(in.Mode, gh.EventName)
	if err != nil {
		return refuse(a, exitInput, err)
	}
	switch mode {
	case config.ModeReview, config.ModeCheck:
		return runReview(ctx, a, in, gh, mode == config.ModeCheck)
	case config.ModeComment:
		return runCommentMode(ctx, a, in, gh)
	case config.ModeDeploy:
		return runDeployMode(ctx, a, in, gh, stderr)
	}
	a.Errorf("mode %q: not handled", mode)
	return exitInput
}

// actionMode resolves `auto` from the event.
func actionMode(m config.Mode, event string) (config.Mode, error) {
	isPR := slices.Contains(pr.PullRequestEvents, event)
	switch m {
	case config.ModeAuto:
		switch {
		case isPR:
			return config.ModeReview, nil
		case event == "push" || event == "workflow_dispatch":
			return config.ModeDeploy, nil
		case event == "workflow_run":
			return config.ModeComment, nil
		}
		return "", fmt.Errorf("mode auto: the %q event is neither a pull request (review) nor a push (deploy); set `mode`", event)
	case config.ModeReview, config.ModeCheck:
		if !isPR {
			return "", fmt.Errorf("mode %s needs a pull_request, pull_request_target or pull_request_review event, not %q", m, event)
		}
	case config.ModeComment:
		if event != "workflow_run" {
			return "", fmt.Errorf("mode comment runs on workflow_run (see docs/workflow-run.md), not on %q", event)
		}
	}
	return m, nil
}

func runReview(ctx context.Context, a *ghaction.Action, in *config.Inputs, gh *ghaction.Context, check bool) int {
	ctx, cancel := context.WithTimeout(ctx, reviewTimeout)
	defer cancel()
	ev, err := pr.ParseEvent(gh.EventName, gh.EventRaw)
	if err != nil {
		return refuse(a, exitInput, err)
	}
	r, err := newReview(a, in, gh, ev)
	if err != nil {
		return refuse(a, exitUnexpected, err)
	}
	r.Check = check
	return finishReview(ctx, a, gh, r)
}

// newReview wires a review: GitHub clients, sources, the static reader and the link diff.
func newReview(a *ghaction.Action, in *config.Inputs, gh *ghaction.Context, ev *pr.Event) (*pr.Review, error) {
	owner, name, ok := strings.Cut(ev.BaseRepo, "/")
	if !ok {
		return nil, fmt.Errorf("the event names no repository")
	}
	iam, err := pr.LoadCatalogue()
	if err != nil {
		return nil, err
	}
	cache := pyeval.NewParseCache() // base and head share their unchanged modules
	resolve := func(ctx context.Context, req pr.ResolveRequest) (*linker.Result, error) {
		return resolveForReview(ctx, req, cache)
	}
	r := &pr.Review{Inputs: in, Event: ev, Resolve: resolve, Diff: pr.NewLinkDiff(iam), Log: a, Version: version, RunURL: gh.RunURL()}
	var api *github.Client
	if in.GitHubToken != "" {
		if api, err = newClient(in.GitHubToken, gh, owner, name); err != nil {
			return nil, err
		}
		r.API = api
	}
	if in.CommitToken != "" {
		c, err := newClient(in.CommitToken, gh, owner, name)
		if err != nil {
			return nil, err
		}
		r.Commits = c
	}
	temp := gh.RunnerTemp
	if temp == "" {
		temp = os.TempDir()
	}
	r.Sources = &pr.Sources{TempDir: temp}
	if api != nil {
		r.Sources.API = api
	}
	if ws := workspace(gh); isGitRepo(ws) {
		r.Sources.Git = &pr.Git{Dir: ws}
	}
	return r, nil
}

func newClient(token string, gh *ghaction.Context, owner, name string) (*github.Client, error) {
	return github.New(github.Config{Token: token, APIURL: gh.APIURL, Owner: owner, Repo: name, UserAgent: "stelvio-action/" + version})
}

// finishReview runs the review and hands its results to the runner.
func finishReview(ctx context.Context, a *ghaction.Action, gh *ghaction.Context, r *pr.Review) int {
	out, err := r.Run(ctx)
	if err != nil {
		var ie *config.InputError
		if errors.As(err, &ie) {
			return refuse(a, exitInput, err)
		}
		return refuse(a, exitUnexpected, err)
	}
	code := out.ExitCode
	if err := a.AddStepSummary(out.Summary); err != nil {
		a.Warningf("job summary: %v", err)
	}
	reportPath := ""
	if len(out.Report) > 0 {
		full := filepath.Join(workspace(gh), filepath.FromSlash(ReportPath))
		if err := writeFile(full, out.Report); err != nil {
			a.Errorf("report.json: %v", err)
			code = max(code, exitUnexpected)
		} else {
			reportPath = ReportPath
		}
	}
	ids := make([]string, len(out.CommentIDs))
	for i, id := range out.CommentIDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	outputs := [][2]string{
		{"changed", strconv.FormatBool(out.Changed)},
		{"iam-changed", strconv.FormatBool(out.IAMChanged)},
		{"permissions-broadened", strconv.FormatBool(out.Broadened)},
		{"env-changed", strconv.FormatBool(out.EnvChanged)},
		{"files-changed", strconv.FormatBool(out.FilesChanged)},
		{"commit-sha", out.CommitSHA},
		{"comment-id", strings.Join(ids, ",")},
		{"report-path", reportPath},
	}
	for _, o := range outputs {
		if err := a.SetOutput(o[0], o[1]); err != nil {
			a.Errorf("output %s: %v", o[0], err)
			code = max(code, exitUnexpected)
		}
	}
	return code
}

// resolveForReview reads one app of an extracted revision.
func resolveForReview(ctx context.Context, req pr.ResolveRequest, cache *pyeval.ParseCache) (*linker.Result, error) {
	// resolveApp takes the nearest folder holding .git for the repository's root, up to
	// which it looks for lock files (a uv workspace keeps one at its top). An extracted
	// revision has no .git: mark its root so.
	if err := os.Mkdir(filepath.Join(req.Root, ".git"), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return resolveApp(ctx, appFlags{dir: filepath.Join(req.Root, filepath.FromSlash(req.AppDir)), env: req.Env, version: req.StelvioVersion, cache: cache})
}

func workspace(gh *ghaction.Context) string {
	if gh.Workspace != "" {
		return gh.Workspace
	}
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return wd
}

func isGitRepo(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ".git"))
	return err == nil
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// refuse reports what stops the run, in the log and in the job summary (which is always
// written), and returns code.
func refuse(a *ghaction.Action, code int, errs ...error) int {
	var b strings.Builder
	b.WriteString("## 🔗 Stelvio\n\nThe action stopped:\n\n")
	for _, err := range errs {
		a.Errorf("%v", err)
		b.WriteString("- " + a.Mask(err.Error()) + "\n")
	}
	if err := a.AddStepSummary(b.String()); err != nil {
		a.Warningf("job summary: %v", err)
	}
	return code
}

// nothingToDo says why the run ends without doing anything, in the log and the job summary.
func nothingToDo(a *ghaction.Action, why string) int {
	a.Noticef("%s", why)
	if err := a.AddStepSummary("## 🔗 Stelvio\n\n" + why + "\n"); err != nil {
		a.Warningf("job summary: %v", err)
	}
	return exitOK
}

// unjoin lists the errors an errors.Join holds, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// runCommentMode is mode comment: the workflow_run half of the fork recipe. It checks the
// review run's report for the head, then reviews that head again itself (see
// internal/pr/comment_mode.go for why the report is not what it posts).
func runCommentMode(ctx context.Context, a *ghaction.Action, in *config.Inputs, gh *ghaction.Context) int {
	ctx, cancel := context.WithTimeout(ctx, reviewTimeout)
	defer cancel()
	run, err := pr.ParseWorkflowRun(gh.EventRaw)
	if err != nil {
		return refuse(a, exitInput, err)
	}
	if run.Event != "pull_request" && run.Event != "pull_request_target" {
		return nothingToDo(a, fmt.Sprintf("The workflow run was started by %q, not by a pull request: nothing to comment on.", run.Event))
	}
	if in.ReportFile == "" {
		return refuse(a, exitInput, errors.New("mode comment needs `report-file`: the report.json the review run uploaded"))
	}
	if _, err := pr.ReadReviewReport(filepath.Join(workspace(gh), filepath.FromSlash(in.ReportFile)), run.HeadSHA); err != nil {
		return refuse(a, exitInput, err)
	}
	owner, name, ok := strings.Cut(run.Repository, "/")
	if !ok || in.GitHubToken == "" {
		return refuse(a, exitInput, errors.New("mode comment needs the repository and a `github-token`"))
	}
	api, err := newClient(in.GitHubToken, gh, owner, name)
	if err != nil {
		return refuse(a, exitUnexpected, err)
	}
	p, err := pr.FindPullRequest(ctx, api, run)
	if err != nil {
		return refuse(a, exitUnexpected, err)
	}
	if p == nil {
		return nothingToDo(a, fmt.Sprintf("No open pull request has %s as its head any more: nothing to comment on.", run.HeadSHA))
	}
	r, err := newReview(a, in, gh, pr.EventFor(p))
	if err != nil {
		return refuse(a, exitUnexpected, err)
	}
	r.NoCommit = true
	return finishReview(ctx, a, gh, r)
}
