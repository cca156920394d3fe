package deploy

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

func TestMergeDeploysAndReports(t *testing.T) {
	sc := scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON(), UVSync: step{Stderr: []string{"Resolved 42 packages in 3ms"}}}
	h := newHarness(t, sc)
	res, err := h.run(context.Background())
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if !res.Deployed || res.Skipped != "" {
		t.Fatalf("Deployed = %v, Skipped = %q", res.Deployed, res.Skipped)
	}
	if want := (Counts{Created: 3, Updated: 1, Unchanged: 7}); res.Counts != want {
		t.Errorf("Counts = %+v, want %+v", res.Counts, want)
	}
	if res.App != "shop" || res.Account != testAccount || res.PullRequest != h.pr {
		t.Errorf("App %q, Account %q, PullRequest %d", res.App, res.Account, res.PullRequest)
	}

	// The commands, in order, in the app directory.
	wantCmds := []string{"uv sync --locked", "uv run --no-sync stlv deploy prod --yes --stream", "stlv deploy prod --yes --stream",
		"uv run --no-sync stlv outputs prod --json", "stlv outputs prod --json"}
	if got := h.commands(); !slices.Equal(got, wantCmds) {
		t.Errorf("commands:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantCmds, "\n"))
	}
	h.checkChildEnv()

	// The Deployment: in_progress, then success with the env URL and the run as log.
	deps := h.repo.Deployments()
	if len(deps) != 1 {
		t.Fatalf("%d deployments, want 1", len(deps))
	}
	d := deps[0]
	if d.SHA != h.mergeSHA || d.Environment != "prod" || !slices.Equal(d.States, []string{"in_progress", "success"}) {
		t.Errorf("deployment %+v", d)
	}
	if d.EnvURL != "https://api.example.com" || d.LogURL != h.cfg.RunURL {
		t.Errorf("env URL %q, log URL %q", d.EnvURL, d.LogURL)
	}

	// The comment on the merged pull request.
	comments := h.repo.Comments(h.pr)
	if len(comments) != 1 {
		t.Fatalf("%d comments on #%d, want 1", len(comments), h.pr)
	}
	body := comments[0].Body
	for _, want := range []string{CommentMarker, "✅ Deployed `shop` to `prod`", "| 3 | 1 | 0 | 0 | 0 |", "`api_url` | `https://api.example.com`",
		"`db_password` | `[secret]`", "`signing_secret` | `[secret]`", "`table_name` | `shop-prod-orders`",
		"`Api shop-api: url` | `https://abc.execute-api.eu-west-1.amazonaws.com/v1`", "[run log](" + h.cfg.RunURL + ")", "AWS account `" + testAccount + "`"} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
	if h.summary() != body+"\n" && h.summary() != body {
		t.Errorf("job summary differs from the comment:\n%s", h.summary())
	}

	// Step outputs.
	outs := h.stepOutputs()
	if outs["deployed"] != "true" {
		t.Errorf("deployed = %q", outs["deployed"])
	}
	var so StackOutputs
	if err := json.Unmarshal([]byte(outs["deploy-outputs"]), &so); err != nil {
		t.Fatalf("deploy-outputs %q: %v", outs["deploy-outputs"], err)
	}
	if so.UserDefined["api_url"] != "https://api.example.com" || so.UserDefined["db_password"] != SecretText {
		t.Errorf("deploy-outputs = %+v", so.UserDefined)
	}

	// The log: progress live, grouped per component, the warning as an annotation.
	log := h.log.String()
	for _, want := range []string{"::group::Function api\n✓ created   shop-prod-api-r (aws:iam/role:Role)\n✓ created   shop-prod-api (aws:lambda/function:Function)\n::endgroup::\n::group::Queue jobs\n",
		"::warning::Function api: deprecated runtime", "AWS account 123456789012", "Resolved 42 packages"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	h.assertNoSecrets()
	t.Logf("GitHub API calls: %d (%d writes)\n%s", h.sim.APICalls(), h.sim.WriteCalls(), h.sim.RouteSummary())
}

// checkChildEnv asserts the stand-ins saw exactly the allow-listed environment.
func (h *harness) checkChildEnv() {
	h.t.Helper()
	for _, c := range h.calls() {
		env := map[string]string{}
		for _, kv := range c.Env {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
		want := map[string]string{
			"CI": "true", "STLV_RUN_ID": h.cfg.RunURL, "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1",
			"AWS_ACCESS_KEY_ID": testAccessKey, "AWS_SECRET_ACCESS_KEY": testSecretKey, "AWS_SESSION_TOKEN": testSessionToken,
			"UV_LINK_MODE": "copy", "LANG": "C.UTF-8",
		}
		for k, v := range want {
			if env[k] != v {
				h.t.Errorf("%s: %s=%q, want %q", c.Tool, k, env[k], v)
			}
		}
		for k := range env {
			if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "INPUT_") || strings.HasPrefix(k, "ACTIONS_") || k == "AWS_PROFILE" {
				h.t.Errorf("%s got %s", c.Tool, k)
			}
		}
		if c.Dir != h.appDir {
			h.t.Errorf("%s ran in %s, want %s", c.Tool, c.Dir, h.appDir)
		}
	}
}

func TestAssumeRoleRequest(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	if _, err := h.run(context.Background()); err != nil {
		t.Fatal(err)
	}
	reqs, authz := h.sts.calls()
	if len(reqs) != 2 {
		t.Fatalf("%d STS requests, want AssumeRoleWithWebIdentity then GetCallerIdentity", len(reqs))
	}
	a := reqs[0]
	oidc := h.sim.OIDCTokens()
	if len(oidc) != 1 {
		t.Fatalf("%d OIDC tokens requested, want 1", len(oidc))
	}
	want := map[string]string{"Action": "AssumeRoleWithWebIdentity", "Version": "2011-06-15", "RoleArn": testRole,
		"RoleSessionName": "gh-acme-shop-4242-1", "WebIdentityToken": oidc[0], "DurationSeconds": "1800"}
	for k, v := range want {
		if a.Get(k) != v {
			t.Errorf("AssumeRoleWithWebIdentity %s = %q, want %q", k, a.Get(k), v)
		}
	}
	if authz[0] != "" {
		t.Errorf("AssumeRoleWithWebIdentity was signed (%q): it must not need credentials", authz[0])
	}
	if reqs[1].Get("Action") != "GetCallerIdentity" || !strings.Contains(authz[1], "Credential="+testAccessKey+"/") || !strings.Contains(authz[1], "/eu-west-1/sts/") {
		t.Errorf("GetCallerIdentity %v signed %q: want the assumed keys in eu-west-1", reqs[1], authz[1])
	}
	// The token carries the audience AWS checks.
	if !strings.Contains(decodeJWTClaims(t, oidc[0]), `"aud":"sts.amazonaws.com"`) {
		t.Errorf("OIDC token audience: %s", decodeJWTClaims(t, oidc[0]))
	}
}

func TestBadCredentialsFailBeforeStlv(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	h.sts.rejectGCI = true
	res, err := h.run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "InvalidClientTokenId") {
		t.Fatalf("err = %v, want InvalidClientTokenId", err)
	}
	if got := h.commands(); len(got) != 0 {
		t.Errorf("processes started despite bad credentials: %v", got)
	}
	if res.Deployed {
		t.Error("Deployed = true")
	}
	d := h.repo.Deployments()
	if len(d) != 1 || !slices.Equal(d[0].States, []string{"in_progress", "failure"}) {
		t.Errorf("deployments %+v", d)
	}
	if c := h.repo.Comments(h.pr); len(c) != 1 || !strings.Contains(c[0].Body, "InvalidClientTokenId") {
		t.Errorf("comments %+v", c)
	}
	if h.stepOutputs()["deployed"] != "false" {
		t.Errorf("deployed output %q", h.stepOutputs()["deployed"])
	}
	h.assertNoSecrets()
}

func TestStaleCommitIsSkipped(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	// Another merge lands and deploys before this run starts.
	newer := h.repo.Push("main", "hotfix", ghsim.Files{"api/x.py": "x = 1\n"})
	h.repo.AddDeployment(newer, newer, "prod", "success")
	h.sim.ResetCalls()
	res, err := h.run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Deployed || !strings.Contains(res.Skipped, "no longer the head of main") {
		t.Fatalf("Deployed %v, Skipped %q", res.Deployed, res.Skipped)
	}
	if got := h.commands(); len(got) != 0 {
		t.Errorf("stlv ran for a stale commit: %v", got)
	}
	if n := h.sim.WriteCalls(); n != 0 {
		t.Errorf("%d GitHub writes for a skipped deploy:\n%s", n, h.sim.CallLog())
	}
	if !strings.Contains(h.log.String(), "::notice::Not deploying:") || h.stepOutputs()["deployed"] != "false" || h.stepOutputs()["deploy-outputs"] != "{}" {
		t.Errorf("notice or outputs missing: %v\n%s", h.stepOutputs(), h.log.String())
	}
}

func TestNewerThanLastDeployIsNotStale(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	// The previous main head was deployed; a later push moved main on, but this commit is
	// still newer than what runs in prod.
	parents := h.repo.Parents(h.mergeSHA)
	h.repo.AddDeployment(parents[0], parents[0], "prod", "success")
	h.repo.Push("main", "docs", ghsim.Files{"README.md": "hi\n"})
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed {
		t.Fatalf("Deployed %v, Skipped %q, err %v", res.Deployed, res.Skipped, err)
	}
	if h.sim.RouteCalls("GET /repos/{owner}/{repo}/compare/{basehead}") != 1 {
		t.Errorf("compare not used:\n%s", h.sim.CallLog())
	}
}

func TestLockHeldTwiceThenFree(t *testing.T) {
	locked := step{Exit: 4, Stdout: []string{`{"event": "error", "operation": "deploy", "app": null, "env": "prod", "timestamp": "2026-06-21T10:00:00+00:00", "status": "failed", "exit_code": 4, "errors": [{"message": "Environment locked by 'deploy' since 2026-06-21T09:58:01.123456+00:00. Run 'stlv unlock prod' to force unlock."}]}`}}
	h := newHarness(t, scenario{Deploy: []step{locked, locked, successfulDeploy()}, Outputs: outputsJSON()})
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed {
		t.Fatalf("Deployed %v, err %v", res.Deployed, err)
	}
	if res.LockWaits != 2 {
		t.Errorf("LockWaits = %d", res.LockWaits)
	}
	if !slices.Equal(h.sleeps, []time.Duration{30 * time.Second, time.Minute}) {
		t.Errorf("back-off waits %v, want [30s 1m0s]", h.sleeps)
	}
	deploys := 0
	for _, c := range h.commands() {
		if strings.HasPrefix(c, "stlv deploy") {
			deploys++
		}
	}
	if deploys != 3 {
		t.Errorf("%d deploy runs, want 3: %v", deploys, h.commands())
	}
	if !strings.Contains(h.log.String(), "held by 'deploy' since 2026-06-21T09:58:01.123456+00:00") {
		t.Error("the log does not say who holds the lock")
	}
	if d := h.repo.Deployments(); !slices.Equal(d[0].States, []string{"in_progress", "success"}) {
		t.Errorf("states %v", d[0].States)
	}
	if c := h.repo.Comments(h.pr); len(c) != 1 || !strings.Contains(c[0].Body, "Waited 2 time(s)") || strings.Contains(c[0].Body, "First error") {
		t.Errorf("comment %+v", c)
	}
}

func TestLockNeverFreed(t *testing.T) {
	locked := step{Exit: 4, Stdout: []string{event("error", map[string]any{"app": nil, "status": "failed", "exit_code": 4,
		"errors": []any{map[string]any{"message": "Environment locked by 'dev-mode' since 2026-06-20T08:00:00+00:00. Run 'stlv unlock prod' to force unlock."}}})}}
	h := newHarness(t, scenario{Deploy: []step{locked}})
	h.cfg.LockRetries = 2
	res, err := h.run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "still locked after 2 retries") || !strings.Contains(err.Error(), "stlv unlock prod") {
		t.Fatalf("err = %v", err)
	}
	if res.LockWaits != 2 || len(h.sleeps) != 2 {
		t.Errorf("LockWaits %d, sleeps %v", res.LockWaits, h.sleeps)
	}
	if c := h.repo.Comments(h.pr); len(c) != 1 || !strings.Contains(c[0].Body, "held by 'dev-mode'") {
		t.Errorf("comment %+v", c)
	}
}

func TestDeployErrorReportsFirstError(t *testing.T) {
	failing := step{Exit: 1, Stdout: []string{
		event("start", nil),
		resourceEvent("Function/api", "shop-prod-api-r", "aws:iam/role:Role", "create"),
		event("error", map[string]any{"error": map[string]any{"resource": "aws:lambda/function:Function",
			"message": "creating Lambda Function (shop-prod-api): InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda.\nleak: {{env:AWS_SECRET_ACCESS_KEY}}"}}),
		event("error", map[string]any{"error": map[string]any{"name": "shop-prod-jobs", "type": "aws:sqs/queue:Queue", "operation": "create", "error": "second error"}}),
		summaryEvent("failed", 1, Counts{Created: 1, Failed: 2}, []map[string]any{{"resource": "aws:lambda/function:Function", "message": "creating Lambda Function"}}),
	}}
	h := newHarness(t, scenario{Deploy: []step{failing}, Outputs: outputsJSON()})
	res, err := h.run(context.Background())
	if err == nil || res.Deployed {
		t.Fatalf("Deployed %v, err %v", res.Deployed, err)
	}
	if !strings.HasPrefix(res.FirstError, "aws:lambda/function:Function: creating Lambda Function (shop-prod-api): InvalidParameterValueException") {
		t.Errorf("FirstError = %q", res.FirstError)
	}
	d := h.repo.Deployments()
	if !slices.Equal(d[0].States, []string{"in_progress", "failure"}) || d[0].EnvURL != "" {
		t.Errorf("deployment %+v", d[0])
	}
	c := h.repo.Comments(h.pr)
	if len(c) != 1 {
		t.Fatalf("%d comments", len(c))
	}
	for _, want := range []string{"❌ Deploy of `shop` to `prod` failed", "**First error**", "InvalidParameterValueException: The role defined", "leak: ***", "| 1 | 0 | 0 | 0 | 2 |"} {
		if !strings.Contains(c[0].Body, want) {
			t.Errorf("comment lacks %q:\n%s", want, c[0].Body)
		}
	}
	if strings.Contains(c[0].Body, "second error") {
		t.Error("the comment shows more than the first error")
	}
	if slices.Contains(h.commands(), "stlv outputs prod --json") {
		t.Error("outputs read after a failed deploy")
	}
	h.assertNoSecrets()
}

func TestCancellationStopsTheProcessGroup(t *testing.T) {
	hang := step{Hang: true, Stdout: []string{event("start", nil)}}
	h := newHarness(t, scenario{Deploy: []step{hang}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		waitForFile(t, h.appDir+"/.fakestlv/hang.pid")
		cancel()
	}()
	res, err := h.run(ctx)
	if err == nil || res.Deployed {
		t.Fatalf("err %v", err)
	}
	h.checkStopped(err, "was cancelled")
	if d := h.repo.Deployments(); !slices.Equal(d[0].States, []string{"in_progress", "error"}) {
		t.Errorf("states %v: the Deployment must be closed even though the run was cancelled", d[0].States)
	}
}

func TestTimeoutStopsTheProcessGroup(t *testing.T) {
	hang := step{Hang: true, Stdout: []string{event("start", nil)}}
	h := newHarness(t, scenario{Deploy: []step{hang}})
	h.cfg.Timeout = 2 * time.Second
	h.cfg.Grace = time.Second
	res, err := h.run(context.Background())
	if err == nil || res.Deployed {
		t.Fatalf("err %v", err)
	}
	h.checkStopped(err, "did not finish within 2s")
	if d := h.repo.Deployments(); !slices.Equal(d[0].States, []string{"in_progress", "failure"}) {
		t.Errorf("states %v", d[0].States)
	}
}

// checkStopped asserts the hanging stand-in got SIGINT and SIGTERM, ignored both, and was
// killed with its grandchild: the whole process group is gone.
func (h *harness) checkStopped(err error, why string) {
	h.t.Helper()
	if !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), "SIGINT, then SIGTERM, then SIGKILL") || !strings.Contains(err.Error(), "killed by SIGKILL") {
		h.t.Errorf("err = %v", err)
	}
	sigs := readTestFile(h.t, h.appDir+"/.fakestlv/signals")
	if sigs != "interrupt\nterminated\n" {
		h.t.Errorf("signals received: %q, want SIGINT then SIGTERM", sigs)
	}
	for _, f := range []string{"hang.pid", "grandchild.pid"} {
		pid := readTestFile(h.t, h.appDir+"/.fakestlv/"+f)
		if alive(pid) {
			h.t.Errorf("%s %s is still running", f, pid)
		}
	}
}

func TestInvalidEnvironmentIsNotRetried(t *testing.T) {
	invalid := step{Exit: 2, Stdout: []string{event("error", map[string]any{"app": nil, "status": "failed", "exit_code": 2,
		"errors": []any{map[string]any{"message": "Invalid environment 'prod'. Use your username 'runner' for a personal environment. No shared environments are configured."}}})}}
	h := newHarness(t, scenario{Deploy: []step{invalid}})
	_, err := h.run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "refused the project or environment (exit code 2): Invalid environment 'prod'") {
		t.Fatalf("err = %v", err)
	}
	if len(h.sleeps) != 0 {
		t.Errorf("waited %v for a usage error", h.sleeps)
	}
	if c := h.repo.Comments(h.pr); len(c) != 1 || !strings.Contains(c[0].Body, "No shared environments are configured") {
		t.Errorf("comment %+v", c)
	}
}
