package ghsim_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

func TestDeploymentsAndStatuses(t *testing.T) {
	f := newFixture(t)
	old := f.repo.AddDeployment(f.repo.Branch("main"), "main", "prod", "success")
	merge := f.repo.MergePR(f.pr, "bob")
	d, _, err := f.gh.Repositories.CreateDeployment(f.ctx, "octo", "app", &github.DeploymentRequest{
		Ref: github.String(merge), Environment: github.String("prod"), AutoMerge: github.Bool(false), RequiredContexts: &[]string{},
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.GetSHA() != merge || d.GetEnvironment() != "prod" || d.GetCreator().GetLogin() != ghsim.BotLogin {
		t.Fatalf("deployment: %+v", d)
	}
	for _, state := range []string{"in_progress", "success"} {
		if _, _, err := f.gh.Repositories.CreateDeploymentStatus(f.ctx, "octo", "app", d.GetID(), &github.DeploymentStatusRequest{
			State: github.String(state), LogURL: github.String("https://github.com/octo/app/actions/runs/1"), EnvironmentURL: github.String("https://app.example.com"),
		}); err != nil {
			t.Fatal(err)
		}
	}
	list, _, err := f.gh.Repositories.ListDeployments(f.ctx, "octo", "app", &github.DeploymentsListOptions{Environment: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].GetID() != d.GetID() || list[1].GetID() != old {
		t.Fatalf("deployments, newest first: %+v", list)
	}
	statuses, _, err := f.gh.Repositories.ListDeploymentStatuses(f.ctx, "octo", "app", d.GetID(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(statuses) != 2 || statuses[0].GetState() != "success" || statuses[1].GetState() != "in_progress" {
		t.Fatalf("statuses, newest first: %+v", statuses)
	}
	// A new success makes the previous successful deployment of the environment inactive.
	all := f.repo.Deployments()
	if got := strings.Join(all[0].States, ","); got != "success,inactive" {
		t.Errorf("old deployment states = %s", got)
	}
	if got := all[1]; strings.Join(got.States, ",") != "in_progress,success" || got.EnvURL != "https://app.example.com" {
		t.Errorf("new deployment: %+v", got)
	}
	bySHA, _, err := f.gh.Repositories.ListDeployments(f.ctx, "octo", "app", &github.DeploymentsListOptions{SHA: merge})
	if err != nil || len(bySHA) != 1 {
		t.Fatalf("by sha: %d, %v", len(bySHA), err)
	}
}

func TestOIDCToken(t *testing.T) {
	sim := ghsim.New(t)
	get := func(token string) (*http.Response, []byte) {
		req, err := http.NewRequestWithContext(t.Context(), "GET", sim.OIDCRequestURL()+"&audience=sts.amazonaws.com", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	if resp, _ := get("wrong"); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong request token: %d", resp.StatusCode)
	}
	resp, body := get(ghsim.OIDCRequestToken)
	var out struct{ Value string }
	if resp.StatusCode != 200 || json.Unmarshal(body, &out) != nil {
		t.Fatalf("token response %d %s", resp.StatusCode, body)
	}
	parts := strings.Split(out.Value, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", out.Value)
	}
	claims, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || !strings.Contains(string(claims), `"aud":"sts.amazonaws.com"`) {
		t.Fatalf("claims %s (%v)", claims, err)
	}
	if got := sim.OIDCTokens(); len(got) != 1 || got[0] != out.Value {
		t.Fatalf("recorded tokens: %q", got)
	}
	if sim.APICalls() != 0 {
		t.Fatal("the OIDC endpoint was counted as a REST call")
	}
}
