package config

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Mode is what the action does in a run (the `mode` input).
type Mode string

// The modes of action.md §6. ModeAuto picks review or deploy from the event.
const (
	ModeAuto    Mode = "auto"
	ModeReview  Mode = "review"
	ModeCheck   Mode = "check"
	ModeDeploy  Mode = "deploy"
	ModeComment Mode = "comment"
)

// DeployBranch maps a branch pattern to the Stelvio env that merges to it deploy.
// Pattern uses the two wildcards of GitHub's branch filters: `*` matches within one path
// segment, `**` across segments.
type DeployBranch struct {
	Pattern string
	Env     string
}

// Inputs are the action's inputs, parsed and checked. Durations and counts are in their
// final units; tokens are already registered as secrets.
type Inputs struct {
	GitHubToken      string
	CommitToken      string // "" means push with GitHubToken
	WorkingDirectory string // cleaned, relative to the workspace, "." by default
	Apps             []string
	Environment      string
	Mode             Mode
	Comment          bool
	Labels           bool
	CommitGenerated  bool
	ShowValues       bool
	FailOnBroadened  bool
	ApprovalLabel    string
	AWSRoleARN       string
	AWSRegion        string
	StelvioVersion   string // "" means detect it from the app's lock or requirements files
	UVVersion        string // "" means the uv on PATH, else the release the deploy pins
	UVSHA256         string // the digest of the uv-version archive (checked on deploy)
	UVDownloadURL    string // "" means uv's GitHub releases
	DeployBranches   []DeployBranch
	DeployTimeout    time.Duration // timeout-minutes
	RoleDuration     time.Duration // role-duration-seconds
	ReportFile       string        // mode comment: the report.json to post, inside the workspace
	LockRetries      int
}

// InputReader is the part of the Actions runtime that inputs come from
// (*ghaction.Action satisfies it).
type InputReader interface {
	Input(name string) string
	BoolInput(name string, fallback bool) (bool, error)
	AddMask(secret string)
}

// InputError is an input the action cannot use; the message names the input.
type InputError struct {
	Input   string
	Problem string
}

func (e *InputError) Error() string { return fmt.Sprintf("input %q: %s", e.Input, e.Problem) }

// InputSpec is one input of action.yml and its default.
type InputSpec struct {
	Name    string
	Default string
}

// KnownInputs lists every input ReadInputs reads, with the default it assumes when the
// input is empty; action.yml must declare the same.
func KnownInputs() []InputSpec {
	return []InputSpec{
		{"github-token", ""}, // action.yml defaults it to ${{ github.token }}
		{"commit-token", ""},
		{"working-directory", "."},
		{"apps", ""},
		{"environment", ""},
		{"mode", string(ModeAuto)},
		{"comment", "true"},
		{"labels", "false"},
		{"commit-generated", "true"},
		{"show-values", "false"},
		{"fail-on-broadened", "false"},
		{"approval-label", "stelvio:approve-iam"},
		{"aws-role-arn", ""},
		{"aws-region", ""},
		{"stelvio-version", ""},
		{"uv-version", ""},
		{"uv-sha256", ""},
		{"uv-download-url", ""},
		{"deploy-branches", ""},
		{"timeout-minutes", "30"},
		{"role-duration-seconds", "3600"},
		{"report-file", ""},
		{"lock-retries", "5"},
	}
}

// ReadInputs reads and checks every input. All problems are reported together, each as an
// *InputError, so one failed run shows everything to fix.
func ReadInputs(r InputReader) (*Inputs, error) {
	p := inputParser{r: r, defaults: map[string]string{}}
	for _, spec := range KnownInputs() {
		p.defaults[spec.Name] = spec.Default
	}
	in := &Inputs{
		GitHubToken:      p.secret("github-token"),
		CommitToken:      p.secret("commit-token"),
		WorkingDirectory: p.relPath("working-directory"),
		Apps:             p.globs("apps"),
		Environment:      p.envName("environment"),
		Mode:             p.mode("mode"),
		Comment:          p.boolean("comment"),
		Labels:           p.boolean("labels"),
		CommitGenerated:  p.boolean("commit-generated"),
		ShowValues:       p.boolean("show-values"),
		FailOnBroadened:  p.boolean("fail-on-broadened"),
		ApprovalLabel:    p.label("approval-label"),
		AWSRoleARN:       p.matching("aws-role-arn", inputRoleARN, "is not an IAM role ARN (arn:aws:iam::123456789012:role/name)"),
		AWSRegion:        p.matching("aws-region", inputRegion, "is not an AWS region (like us-east-1)"),
		StelvioVersion:   p.matching("stelvio-version", inputPEP440, "is not a Stelvio version (like 0.9.0b5)"),
		UVVersion:        p.matching("uv-version", inputUVVersion, "is not a uv version (like 0.11.7)"),
		UVSHA256:         p.matching("uv-sha256", inputSHA256, "is not a SHA-256 digest (64 hexadecimal digits)"),
		UVDownloadURL:    p.matching("uv-download-url", inputHTTPURL, "is not an http(s) URL"),
		DeployBranches:   p.deployBranches("deploy-branches"),
		DeployTimeout:    time.Duration(p.integer("timeout-minutes", 1, 360)) * time.Minute,
		RoleDuration:     time.Duration(p.integer("role-duration-seconds", 900, 43200)) * time.Second,
		ReportFile:       p.optionalRelPath("report-file"),
		LockRetries:      p.integer("lock-retries", 0, 100),
	}
	if err := errors.Join(p.errs...); err != nil {
		return nil, err
	}
	return in, nil
}

// DeployEnv is the env that a push to branch deploys, from the first matching pattern.
func (in *Inputs) DeployEnv(branch string) (env string, ok bool) {
	for _, b := range in.DeployBranches {
		if inputBranchMatch(b.Pattern, branch) {
			return b.Env, true
		}
	}
	return "", false
}

var (
	inputRoleARN = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$`)
	inputRegion  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
	// inputPEP440 accepts the public version forms Stelvio releases use (0.9.0b5, 0.10.1,
	// 1.0.0rc1.post2); local versions (+abc) cannot come from PyPI.
	inputPEP440 = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*((a|b|rc)[0-9]+)?(\.post[0-9]+)?(\.dev[0-9]+)?$`)

	// uv-version, uv-sha256 and uv-download-url; the deploy checks how they combine.
	inputUVVersion = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+([.-][0-9A-Za-z.-]+)?$`)
	inputSHA256    = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
	inputHTTPURL   = regexp.MustCompile(`^https?://[^\s/]+(/\S*)?$`)
	// inputStackName is Pulumi's stack-name rule, the only hard limit on a Stelvio env name.
	inputStackName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,100}$`)
)

// inputParser reads inputs and collects every problem instead of stopping at the first.
type inputParser struct {
	r        InputReader
	defaults map[string]string
	errs     []error
}

func (p *inputParser) fail(name, format string, args ...any) {
	p.errs = append(p.errs, &InputError{Input: name, Problem: fmt.Sprintf(format, args...)})
}

func (p *inputParser) value(name string) string {
	if v := p.r.Input(name); v != "" {
		return v
	}
	return p.defaults[name]
}

func (p *inputParser) secret(name string) string {
	v := p.r.Input(name)
	if v != "" {
		p.r.AddMask(v)
	}
	if strings.ContainsAny(v, " \t\r\n") {
		// The value is a secret: say what is wrong without showing it.
		p.fail(name, "contains whitespace; is it the token itself?")
	}
	return v
}

func (p *inputParser) boolean(name string) bool {
	b, err := p.r.BoolInput(name, p.defaults[name] == "true")
	if err != nil {
		p.fail(name, "%q is not a boolean (use true or false)", p.r.Input(name))
	}
	return b
}

func (p *inputParser) integer(name string, lo, hi int) int {
	v := p.value(name)
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		p.fail(name, "%q is not a whole number", v)
	case n < lo || n > hi:
		p.fail(name, "%d is outside %d..%d", n, lo, hi)
	}
	return n
}

func (p *inputParser) matching(name string, re *regexp.Regexp, problem string) string {
	v := p.value(name)
	if v != "" && !re.MatchString(v) {
		p.fail(name, "%q %s", v, problem)
	}
	return v
}

func (p *inputParser) mode(name string) Mode {
	switch m := Mode(p.value(name)); m {
	case ModeAuto, ModeReview, ModeCheck, ModeDeploy, ModeComment:
		return m
	default:
		p.fail(name, "%q is not one of auto, review, check, deploy, comment", string(m))
		return ""
	}
}

func (p *inputParser) envName(name string) string {
	v := p.value(name)
	if v != "" && !inputStackName.MatchString(v) {
		p.fail(name, "%q is not a valid env name (letters, digits, '-', '_', '.'; at most 100)", v)
	}
	return v
}

func (p *inputParser) label(name string) string {
	v := p.value(name)
	if v == "" || utf8.RuneCountInString(v) > 50 || strings.ContainsAny(v, "\r\n") {
		p.fail(name, "%q is not a GitHub label name (one line, 1 to 50 characters)", v)
	}
	return v
}

// relPath is a path inside the workspace: the action never reads outside it.
func (p *inputParser) relPath(name string) string {
	v := p.value(name)
	clean := path.Clean(v)
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
		p.fail(name, "%q must be a path inside the repository", v)
	}
	return clean
}

func (p *inputParser) optionalRelPath(name string) string {
	if p.value(name) == "" {
		return ""
	}
	return p.relPath(name)
}

// globs splits a list given one per line or comma-separated.
func (p *inputParser) globs(name string) []string {
	var globs []string
	for _, g := range inputListItems(p.value(name)) {
		clean := path.Clean(g)
		if _, err := path.Match(clean, ""); err != nil {
			p.fail(name, "%q is not a valid glob: %v", g, err)
			continue
		}
		if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
			p.fail(name, "%q must be a path inside the repository", g)
			continue
		}
		globs = append(globs, clean)
	}
	return globs
}

// deployBranches parses `main=prod, release/*=staging`, one pair per line or comma.
func (p *inputParser) deployBranches(name string) []DeployBranch {
	var out []DeployBranch
	seen := map[string]bool{}
	for _, item := range inputListItems(p.value(name)) {
		pattern, env, ok := strings.Cut(item, "=")
		pattern, env = strings.TrimSpace(pattern), strings.TrimSpace(env)
		switch {
		case !ok || pattern == "" || env == "":
			p.fail(name, "%q is not branch=env", item)
		case strings.ContainsAny(pattern, " \t"):
			p.fail(name, "branch pattern %q contains a space", pattern)
		case strings.ContainsAny(pattern, "?+[]") || strings.HasPrefix(pattern, "!"):
			// GitHub gives these a meaning we do not copy; failing beats a silent mismatch.
			p.fail(name, "branch pattern %q: only the wildcards * and ** are supported", pattern)
		case !inputStackName.MatchString(env):
			p.fail(name, "%q: %q is not a valid env name", item, env)
		case seen[pattern]:
			p.fail(name, "branch pattern %q is mapped twice", pattern)
		default:
			seen[pattern] = true
			out = append(out, DeployBranch{Pattern: pattern, Env: env})
		}
	}
	return out
}

func inputListItems(s string) []string {
	var items []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' }) {
		if f = strings.TrimSpace(f); f != "" {
			items = append(items, f)
		}
	}
	return items
}

// inputBranchMatch reports whether branch matches a GitHub branch-filter pattern.
func inputBranchMatch(pattern, branch string) bool {
	if pattern == "" {
		return branch == ""
	}
	switch {
	case strings.HasPrefix(pattern, "**"):
		rest := pattern[2:]
		for i := 0; i <= len(branch); i++ {
			if inputBranchMatch(rest, branch[i:]) {
				return true
			}
		}
		return false
	case pattern[0] == '*':
		rest := pattern[1:]
		for i := 0; i <= len(branch); i++ {
			if inputBranchMatch(rest, branch[i:]) {
				return true
			}
			if i < len(branch) && branch[i] == '/' {
				return false
			}
		}
		return false
	default:
		return branch != "" && pattern[0] == branch[0] && inputBranchMatch(pattern[1:], branch[1:])
	}
}
