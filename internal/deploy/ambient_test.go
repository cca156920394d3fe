package deploy

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// Without aws-role-arn the ambient chain is used: here, keys in the environment, as
// aws-actions/configure-aws-credentials leaves them. The SDK reads the process environment,
// so this test sets it.
func TestAmbientCredentials(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	h.cfg.AWSRoleARN = ""
	h.cfg.AWSRegion = ""
	ambient := map[string]string{
		"AWS_ACCESS_KEY_ID": testAccessKey, "AWS_SECRET_ACCESS_KEY": testSecretKey, "AWS_SESSION_TOKEN": testSessionToken,
		"AWS_REGION": "ap-southeast-2", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "",
	}
	for k, v := range ambient {
		t.Setenv(k, v)
		h.cfg.Environ = append(h.cfg.Environ, k+"="+v)
	}
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed {
		t.Fatalf("Deployed %v, err %v", res.Deployed, err)
	}
	reqs, authz := h.sts.calls()
	if len(reqs) != 1 || reqs[0].Get("Action") != "GetCallerIdentity" || !strings.Contains(authz[0], "Credential="+testAccessKey+"/") ||
		!strings.Contains(authz[0], "/ap-southeast-2/sts/") {
		t.Errorf("STS calls %v, %q: want one GetCallerIdentity signed with the ambient keys", reqs, authz)
	}
	if n := len(h.sim.OIDCTokens()); n != 0 {
		t.Errorf("%d OIDC tokens requested without a role", n)
	}
	for _, c := range h.calls() {
		if !slices.Contains(c.Env, "AWS_SECRET_ACCESS_KEY="+testSecretKey) || !slices.Contains(c.Env, "AWS_DEFAULT_REGION=ap-southeast-2") {
			t.Errorf("%s did not get the ambient chain: %v", c.Tool, c.Env)
		}
	}
	h.assertNoSecrets()
}

func TestGitHubServerErrorsAreRetried(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	h.sim.FailNext("GET", "/repos/{owner}/{repo}/branches/{branch}", ghsim.ServerError(502))
	h.sim.FailNext("POST", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", ghsim.ServerError(503))
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed {
		t.Fatalf("Deployed %v, err %v", res.Deployed, err)
	}
	if h.sim.PendingFaults() != 0 {
		t.Error("faults not met")
	}
	if d := h.repo.Deployments(); !slices.Equal(d[0].States, []string{"in_progress", "success"}) {
		t.Errorf("states %v", d[0].States)
	}
	if len(h.sleeps) != 2 {
		t.Errorf("retry waits %v", h.sleeps)
	}
}

func TestNoCommentWithoutMergedPR(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	// A direct push on top of the merge: no pull request holds it.
	before := h.mergeSHA
	h.mergeSHA = h.repo.Push("main", "direct push", ghsim.Files{"README.md": "x\n"})
	h.cfg.SHA = h.mergeSHA
	h.cfg.EventPayload = h.repo.PushEvent("main", before, "octocat")
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed || res.PullRequest != 0 {
		t.Fatalf("Deployed %v, PR %d, err %v", res.Deployed, res.PullRequest, err)
	}
	if c := h.repo.Comments(h.pr); len(c) != 0 {
		t.Errorf("commented on #%d, which is not this push's", h.pr)
	}
	if !strings.Contains(h.summary(), "✅ Deployed") {
		t.Error("no job summary")
	}
}

func TestDeployWithoutDeploymentsPermission(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	perms := ghsim.AllAccess(ghsim.Write)
	perms["deployments"] = ghsim.Read
	h.sim.AddToken(ghsim.Token{Value: "ghs_noDeployments000000000000000000000", Login: ghsim.BotLogin, Type: "Bot", Perms: perms})
	h.token = "ghs_noDeployments000000000000000000000"
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed || res.DeploymentID != 0 {
		t.Fatalf("Deployed %v, DeploymentID %d, err %v", res.Deployed, res.DeploymentID, err)
	}
	if !strings.Contains(h.log.String(), "::warning::create a deployment of") || !strings.Contains(h.log.String(), "deployments: write") {
		t.Error("no warning about the missing permission")
	}
	if n := h.sim.RouteCalls("POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"); n != 0 {
		t.Errorf("%d status calls without a deployment", n)
	}
	if c := h.repo.Comments(h.pr); len(c) != 1 {
		t.Errorf("%d comments", len(c))
	}
}
