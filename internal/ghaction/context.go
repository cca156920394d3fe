package ghaction

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Context is the run as the runner describes it in GITHUB_* and RUNNER_* variables, plus
// the event payload.
type Context struct {
	EventName  string         // GITHUB_EVENT_NAME: pull_request, push, …
	EventPath  string         // GITHUB_EVENT_PATH
	Event      map[string]any // the payload at EventPath; nil when there is none
	EventRaw   []byte         // the payload's bytes, for decoding into typed structs
	SHA        string         // GITHUB_SHA: on pull_request, the test merge commit
	Ref        string         // GITHUB_REF
	Repository string         // GITHUB_REPOSITORY: owner/name
	RunID      int64          // GITHUB_RUN_ID
	RunAttempt int            // GITHUB_RUN_ATTEMPT
	ServerURL  string         // GITHUB_SERVER_URL, default https://github.com
	APIURL     string         // GITHUB_API_URL, default https://api.github.com
	GraphQLURL string         // GITHUB_GRAPHQL_URL, default https://api.github.com/graphql
	Workspace  string         // GITHUB_WORKSPACE
	Actor      string         // GITHUB_ACTOR
	HeadRef    string         // GITHUB_HEAD_REF: the PR's branch, pull requests only
	BaseRef    string         // GITHUB_BASE_REF: the PR's target branch, pull requests only
	RunnerTemp string         // RUNNER_TEMP
}

// Context reads the run's context. A payload that cannot be read or parsed is an error:
// every decision of the action depends on it.
func (a *Action) Context() (*Context, error) {
	c := &Context{
		EventName:  a.getenv("GITHUB_EVENT_NAME"),
		EventPath:  a.getenv("GITHUB_EVENT_PATH"),
		SHA:        a.getenv("GITHUB_SHA"),
		Ref:        a.getenv("GITHUB_REF"),
		Repository: a.getenv("GITHUB_REPOSITORY"),
		ServerURL:  envOr(a.getenv, "GITHUB_SERVER_URL", "https://github.com"),
		APIURL:     envOr(a.getenv, "GITHUB_API_URL", "https://api.github.com"),
		GraphQLURL: envOr(a.getenv, "GITHUB_GRAPHQL_URL", "https://api.github.com/graphql"),
		Workspace:  a.getenv("GITHUB_WORKSPACE"),
		Actor:      a.getenv("GITHUB_ACTOR"),
		HeadRef:    a.getenv("GITHUB_HEAD_REF"),
		BaseRef:    a.getenv("GITHUB_BASE_REF"),
		RunnerTemp: a.getenv("RUNNER_TEMP"),
	}
	var err error
	if c.RunID, err = envInt[int64](a.getenv, "GITHUB_RUN_ID"); err != nil {
		return nil, err
	}
	if c.RunAttempt, err = envInt[int](a.getenv, "GITHUB_RUN_ATTEMPT"); err != nil {
		return nil, err
	}
	if c.EventPath != "" {
		if c.EventRaw, err = os.ReadFile(c.EventPath); err != nil {
			return nil, fmt.Errorf("read event payload: %w", err)
		}
		if c.Event, err = parseEvent(c.EventPath, c.EventRaw); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// RunURL links to this run (and attempt) on GitHub, or "" when the run is unknown.
func (c *Context) RunURL() string {
	if c.Repository == "" || c.RunID == 0 {
		return ""
	}
	u := fmt.Sprintf("%s/%s/actions/runs/%d", strings.TrimSuffix(c.ServerURL, "/"), c.Repository, c.RunID)
	if c.RunAttempt > 0 {
		u += fmt.Sprintf("/attempts/%d", c.RunAttempt)
	}
	return u
}

// RepoOwnerName splits Repository into owner and name; ok is false when it is not owner/name.
func (c *Context) RepoOwnerName() (owner, name string, ok bool) {
	owner, name, ok = strings.Cut(c.Repository, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return "", "", false
	}
	return owner, name, true
}

func parseEvent(path string, raw []byte) (map[string]any, error) {
	var event map[string]any
	err := json.Unmarshal(raw, &event)
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return event, nil
	case errors.As(err, &syntaxErr):
		return nil, fmt.Errorf("%s:%d: event payload is not valid JSON: %w", path, lineAt(raw, syntaxErr.Offset), err)
	case errors.As(err, &typeErr):
		return nil, fmt.Errorf("%s: event payload is not a JSON object: %w", path, err)
	default:
		return nil, fmt.Errorf("%s: event payload: %w", path, err)
	}
}

// lineAt is the 1-based line holding byte offset off of data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + strings.Count(string(data[:off]), "\n")
}

func envOr(getenv func(string) string, name, fallback string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return fallback
}

func envInt[T int | int64](getenv func(string) string, name string) (T, error) {
	v := getenv(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("$%s=%q is not a run number", name, v)
	}
	return T(n), nil
}
