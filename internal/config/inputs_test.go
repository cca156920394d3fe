package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/ghaction"
)

// inputsFrom runs ReadInputs over the given inputs through the real runtime; the returned
// buffer holds what the runtime wrote to the log.
func inputsFrom(t *testing.T, inputs map[string]string) (*Inputs, *bytes.Buffer, error) {
	t.Helper()
	env := map[string]string{}
	for name, v := range inputs {
		env[ghaction.InputEnvName(name)] = v
	}
	var log bytes.Buffer
	act := ghaction.New(
		ghaction.WithGetenv(func(n string) string { return env[n] }),
		ghaction.WithWriter(&log),
	)
	in, err := ReadInputs(act)
	return in, &log, err
}

func TestInputsDefaults(t *testing.T) {
	in, log, err := inputsFrom(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &Inputs{
		WorkingDirectory: ".",
		Mode:             ModeAuto,
		Comment:          true,
		CommitGenerated:  true,
		ApprovalLabel:    "stelvio:approve-iam",
		DeployTimeout:    30 * time.Minute,
		RoleDuration:     time.Hour,
		LockRetries:      5,
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("defaults\n got %+v\nwant %+v", in, want)
	}
	if log.Len() != 0 {
		t.Errorf("nothing to mask, yet the log has %q", log.String())
	}
}

func TestInputsAllSet(t *testing.T) {
	in, log, err := inputsFrom(t, map[string]string{
		"github-token":          "ghs_0123456789abcdef",
		"commit-token":          " github_pat_11AAAA \n",
		"working-directory":     "./services/api/",
		"apps":                  "apps/*\n services/api , tools/**/stlv\n\n",
		"environment":           "pr-42",
		"mode":                  "review",
		"comment":               "false",
		"labels":                "True",
		"commit-generated":      "FALSE",
		"show-values":           "true",
		"fail-on-broadened":     "true",
		"approval-label":        "iam-ok",
		"aws-role-arn":          "arn:aws:iam::123456789012:role/gha/deploy-role",
		"aws-region":            "eu-central-1",
		"stelvio-version":       "0.10.1",
		"deploy-branches":       "main=prod, release/*=staging\nhotfix/**=prod",
		"timeout-minutes":       "45",
		"role-duration-seconds": "900",
		"report-file":           "./out/report.json",
		"lock-retries":          "0",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := &Inputs{
		GitHubToken:      "ghs_0123456789abcdef",
		CommitToken:      "github_pat_11AAAA",
		WorkingDirectory: "services/api",
		Apps:             []string{"apps/*", "services/api", "tools/**/stlv"},
		Environment:      "pr-42",
		Mode:             ModeReview,
		Labels:           true,
		ShowValues:       true,
		FailOnBroadened:  true,
		ApprovalLabel:    "iam-ok",
		AWSRoleARN:       "arn:aws:iam::123456789012:role/gha/deploy-role",
		AWSRegion:        "eu-central-1",
		StelvioVersion:   "0.10.1",
		DeployBranches: []DeployBranch{
			{"main", "prod"}, {"release/*", "staging"}, {"hotfix/**", "prod"},
		},
		DeployTimeout: 45 * time.Minute,
		RoleDuration:  15 * time.Minute,
		ReportFile:    "out/report.json",
		LockRetries:   0,
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("inputs\n got %+v\nwant %+v", in, want)
	}
	for _, token := range []string{"ghs_0123456789abcdef", "github_pat_11AAAA"} {
		if !strings.Contains(log.String(), "::add-mask::"+token+"\n") {
			t.Errorf("token %s was not masked on read; log:\n%s", token[:4], log.String())
		}
	}
}

func TestInputsErrorsNameTheInput(t *testing.T) {
	tests := []struct {
		input, value, want string
	}{
		{"mode", "plan", `input "mode": "plan" is not one of auto, review, check, deploy, comment`},
		{"comment", "yes", `input "comment": "yes" is not a boolean`},
		{"labels", "1", `input "labels"`},
		{"commit-generated", "off", `input "commit-generated"`},
		{"show-values", "y", `input "show-values"`},
		{"fail-on-broadened", "maybe", `input "fail-on-broadened"`},
		{"working-directory", "../other", `input "working-directory": "../other" must be a path inside the repository`},
		{"working-directory", "/etc", `input "working-directory"`},
		{"apps", "ok/*, bad[", `input "apps": "bad[" is not a valid glob`},
		{"apps", "a/../../x", `input "apps": "a/../../x" must be a path inside`},
		{"environment", "prod env", `input "environment": "prod env" is not a valid env name`},
		{"environment", strings.Repeat("e", 101), `input "environment"`},
		{"approval-label", strings.Repeat("l", 51), `input "approval-label"`},
		{"aws-role-arn", "arn:aws:iam::12345:role/x", `input "aws-role-arn": "arn:aws:iam::12345:role/x" is not an IAM role ARN`},
		{"aws-role-arn", "arn:aws:iam::123456789012:user/x", `input "aws-role-arn"`},
		{"aws-region", "Europe", `input "aws-region": "Europe" is not an AWS region`},
		{"stelvio-version", ">=0.9", `input "stelvio-version": ">=0.9" is not a Stelvio version`},
		{"deploy-branches", "main", `input "deploy-branches": "main" is not branch=env`},
		{"deploy-branches", "main=", `input "deploy-branches": "main=" is not branch=env`},
		{"deploy-branches", "main=prod,main=staging", `input "deploy-branches": branch pattern "main" is mapped twice`},
		{"deploy-branches", "main=pr od", `input "deploy-branches": "main=pr od": "pr od" is not a valid env name`},
		{"deploy-branches", "v?=prod", `only the wildcards * and ** are supported`},
		{"deploy-branches", "!main=prod", `only the wildcards`},
		{"timeout-minutes", "ten", `input "timeout-minutes": "ten" is not a whole number`},
		{"timeout-minutes", "0", `input "timeout-minutes": 0 is outside 1..360`},
		{"role-duration-seconds", "60", `input "role-duration-seconds": 60 is outside 900..43200`},
		{"lock-retries", "-1", `input "lock-retries": -1 is outside 0..100`},
		{"report-file", "../report.json", `input "report-file": "../report.json" must be a path inside the repository`},
	}
	for _, tt := range tests {
		t.Run(tt.input+"="+tt.value, func(t *testing.T) {
			in, _, err := inputsFrom(t, map[string]string{tt.input: tt.value})
			if err == nil {
				t.Fatalf("accepted: %+v", in)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Input != tt.input {
				t.Errorf("err %v is not an *InputError for %q", err, tt.input)
			}
		})
	}
}

func TestInputsReportsEveryProblem(t *testing.T) {
	_, _, err := inputsFrom(t, map[string]string{"mode": "x", "comment": "x", "lock-retries": "x"})
	for _, name := range []string{"mode", "comment", "lock-retries"} {
		if err == nil || !strings.Contains(err.Error(), `input "`+name+`"`) {
			t.Errorf("err = %v, want a line for %s", err, name)
		}
	}
}

func TestInputsTokenErrorHidesTheToken(t *testing.T) {
	_, log, err := inputsFrom(t, map[string]string{"github-token": "Bearer ghs_secretvalue"})
	if err == nil || strings.Contains(err.Error(), "ghs_secretvalue") {
		t.Errorf("err = %v: want an error that does not show the token", err)
	}
	if !strings.Contains(log.String(), "::add-mask::Bearer ghs_secretvalue") {
		t.Errorf("a malformed token must still be masked; log:\n%s", log.String())
	}
}

func TestKnownInputsMatchDefaults(t *testing.T) {
	seen := map[string]bool{}
	for _, spec := range KnownInputs() {
		if seen[spec.Name] {
			t.Errorf("%s listed twice", spec.Name)
		}
		seen[spec.Name] = true
		if spec.Default == "" {
			continue
		}
		// Giving the default explicitly must read the same as leaving the input out.
		explicit, _, err := inputsFrom(t, map[string]string{spec.Name: spec.Default})
		if err != nil {
			t.Fatalf("%s=%q: %v", spec.Name, spec.Default, err)
		}
		implicit, _, _ := inputsFrom(t, nil)
		if !reflect.DeepEqual(explicit, implicit) {
			t.Errorf("%s: default %q reads differently when given", spec.Name, spec.Default)
		}
	}
}

func TestInputsDeployEnv(t *testing.T) {
	in := &Inputs{DeployBranches: []DeployBranch{
		{"main", "prod"},
		{"release/*", "staging"},
		{"hotfix/**", "prod"},
		{"feat-*-x", "dev"},
		{"**", "sandbox"},
	}}
	tests := []struct{ branch, want string }{
		{"main", "prod"},
		{"main2", "sandbox"},
		{"release/1.2", "staging"},
		{"release/", "staging"},
		{"release/1/2", "sandbox"},
		{"hotfix/a/b", "prod"},
		{"feat-a-x", "dev"},
		{"feat-a/b-x", "sandbox"},
		{"anything/else", "sandbox"},
	}
	for _, tt := range tests {
		if got, ok := in.DeployEnv(tt.branch); !ok || got != tt.want {
			t.Errorf("DeployEnv(%q) = %q, %v; want %q", tt.branch, got, ok, tt.want)
		}
	}
	only := &Inputs{DeployBranches: []DeployBranch{{"main", "prod"}, {"release/*", "staging"}}}
	for _, branch := range []string{"", "mai", "mainx", "release", "release/a/b", "x/release/a"} {
		if env, ok := only.DeployEnv(branch); ok {
			t.Errorf("DeployEnv(%q) = %q, want no match", branch, env)
		}
	}
}

// TestKnownInputsMatchActionYAML keeps ReadInputs and action.yml in step: the same inputs,
// and the same defaults (an expression default such as ${{ github.token }} is the runner's
// business and reads as empty here).
func TestKnownInputsMatchActionYAML(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatalf("action.yml belongs to the repository: %v", err)
	}
	declared := inputsDeclared(t, string(data))
	known := map[string]string{}
	for _, spec := range KnownInputs() {
		known[spec.Name] = spec.Default
	}
	for name, def := range declared {
		want, ok := known[name]
		switch {
		case !ok:
			t.Errorf("action.yml declares %q, which ReadInputs does not read", name)
		case strings.HasPrefix(def, "${{"):
			if want != "" {
				t.Errorf("%s: action.yml defaults to an expression, ReadInputs to %q", name, want)
			}
		case def != want:
			t.Errorf("%s: action.yml default %q, ReadInputs default %q", name, def, want)
		}
	}
	for name := range known {
		if _, ok := declared[name]; !ok {
			t.Errorf("ReadInputs reads %q, which action.yml does not declare", name)
		}
	}
}

// inputsDeclared reads the names and defaults of the `inputs:` map of action.yml. The file
// is ours and plainly laid out (two-space keys, `default:` on one line), which is all this
// needs to read.
func inputsDeclared(t *testing.T, actionYAML string) map[string]string {
	t.Helper()
	inputs := map[string]string{}
	inSection, current := false, ""
	for _, line := range strings.Split(actionYAML, "\n") {
		switch {
		case line == "inputs:":
			inSection = true
		case inSection && line != "" && !strings.HasPrefix(line, " "):
			return inputs
		case inSection && strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") && strings.HasSuffix(line, ":") && !strings.HasPrefix(strings.TrimSpace(line), "#"):
			current = strings.TrimSuffix(strings.TrimSpace(line), ":")
			inputs[current] = ""
		case inSection && current != "" && strings.HasPrefix(strings.TrimSpace(line), "default:"):
			v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "default:"))
			if unquoted, err := strconv.Unquote(v); err == nil {
				v = unquoted
			}
			inputs[current] = v
		}
	}
	if len(inputs) == 0 {
		t.Fatal("no inputs found in action.yml")
	}
	return inputs
}
