package deploy

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config"
)

// Target is what a run deploys: a commit of a branch to a Stelvio env.
type Target struct {
	Branch string
	SHA    string
	Env    string
	// Source says where the env came from, for the log.
	Source string
}

var (
	// stackName is Pulumi's stack-name rule: Stelvio has none of its own, and the env is the
	// stack name.
	stackName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,100}$`)
	// recommendedEnv keeps AWS resource names (lower-cased {app}-{env}-{name}) unsurprising.
	recommendedEnv = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	commitSHA      = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

func checkEnvName(env string) error {
	if !stackName.MatchString(env) {
		return fmt.Errorf("%q is not a valid Stelvio environment name (letters, digits, '-', '_', '.'; at most 100)", env)
	}
	return nil
}

// triggerEvent is the part of a push or workflow_dispatch payload the deploy reads.
type triggerEvent struct {
	Ref     string         `json:"ref"`
	After   string         `json:"after"`
	Deleted bool           `json:"deleted"`
	Inputs  map[string]any `json:"inputs"`
}

// resolveTarget decides what to deploy. skip is a reason not to deploy at all (shown as a
// notice, not a failure): an event that is not a deploy, a deleted branch, a branch mapped
// to no env.
func resolveTarget(cfg *Config, rc *RepoConfig) (t Target, skip string, err error) {
	var ev triggerEvent
	if len(cfg.EventPayload) > 0 {
		if err := json.Unmarshal(cfg.EventPayload, &ev); err != nil {
			return Target{}, "", fmt.Errorf("read the %s event payload: %w", cfg.EventName, err)
		}
	}
	ref := firstNonEmpty(ev.Ref, cfg.Ref)
	t.SHA = strings.ToLower(firstNonEmpty(cfg.SHA, ev.After))
	switch cfg.EventName {
	case "push":
		if ev.Deleted {
			return Target{}, fmt.Sprintf("the push deleted %s: nothing to deploy", ref), nil
		}
		if ev.After != "" {
			t.SHA = strings.ToLower(ev.After)
		}
	case "workflow_dispatch":
	default:
		return Target{}, fmt.Sprintf("a %q event does not deploy (push to a deploy branch or workflow_dispatch does)", cfg.EventName), nil
	}
	branch, isBranch := strings.CutPrefix(ref, "refs/heads/")
	if !isBranch || branch == "" {
		return Target{}, fmt.Sprintf("%s is not a branch: only branch heads are deployed", ref), nil
	}
	t.Branch = branch
	if !commitSHA.MatchString(t.SHA) {
		return Target{}, "", fmt.Errorf("the commit to deploy is unknown: GITHUB_SHA is %q", t.SHA)
	}
	t.Env, t.Source = pickEnv(cfg, rc, ev, branch)
	if t.Env == "" {
		return Target{}, fmt.Sprintf("branch %s is not mapped to an environment (deploy-branches input or `deploy:` in %s)", branch, RepoConfigPath), nil
	}
	if err := checkEnvName(t.Env); err != nil {
		return Target{}, "", fmt.Errorf("%s: %w", t.Source, err)
	}
	return t, "", nil
}

// pickEnv applies the precedence: the environment input, a workflow_dispatch input named
// environment, the deploy-branches input, then .github/stelvio.yml.
func pickEnv(cfg *Config, rc *RepoConfig, ev triggerEvent, branch string) (env, source string) {
	if cfg.Environment != "" {
		return cfg.Environment, "input environment"
	}
	if cfg.EventName == "workflow_dispatch" {
		if v, ok := ev.Inputs["environment"].(string); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v), "workflow_dispatch input environment"
		}
	}
	if len(cfg.DeployBranches) > 0 {
		// The input replaces the file's map entirely, as action.yml documents.
		for _, b := range cfg.DeployBranches {
			if matchBranch(b.Pattern, branch) {
				return b.Env, fmt.Sprintf("input deploy-branches (%s=%s)", b.Pattern, b.Env)
			}
		}
		return "", ""
	}
	for i, b := range rc.Deploy {
		if matchBranch(b.Pattern, branch) {
			return b.Env, fmt.Sprintf("%s:%d (%s: %s)", RepoConfigPath, rc.Lines[i], b.Pattern, b.Env)
		}
	}
	return "", ""
}

// matchBranch applies GitHub's branch-filter wildcards as the deploy-branches input does.
func matchBranch(pattern, branch string) bool {
	in := config.Inputs{DeployBranches: []config.DeployBranch{{Pattern: pattern, Env: "x"}}}
	_, ok := in.DeployEnv(branch)
	return ok
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
