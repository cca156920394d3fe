package ghaction

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestContext(t *testing.T) {
	dir := t.TempDir()
	eventPath := filepath.Join(dir, "event.json")
	payload := `{"action": "synchronize", "number": 42, "pull_request": {"head": {"sha": "abc123"}}}`
	if err := os.WriteFile(eventPath, []byte(payload), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"GITHUB_EVENT_NAME":  "pull_request",
		"GITHUB_EVENT_PATH":  eventPath,
		"GITHUB_SHA":         "ffff0000",
		"GITHUB_REF":         "refs/pull/42/merge",
		"GITHUB_REPOSITORY":  "acme/todo",
		"GITHUB_RUN_ID":      "9876543210",
		"GITHUB_RUN_ATTEMPT": "2",
		"GITHUB_SERVER_URL":  "https://ghe.example.com/",
		"GITHUB_API_URL":     "https://ghe.example.com/api/v3",
		"GITHUB_GRAPHQL_URL": "https://ghe.example.com/api/graphql",
		"GITHUB_WORKSPACE":   "/home/runner/work/todo/todo",
		"GITHUB_ACTOR":       "octocat",
		"GITHUB_HEAD_REF":    "feature/x",
		"GITHUB_BASE_REF":    "main",
		"RUNNER_TEMP":        "/home/runner/work/_temp",
	}
	a, _ := newTestAction(t, env)
	c, err := a.Context()
	if err != nil {
		t.Fatal(err)
	}
	want := Context{
		EventName: "pull_request", EventPath: eventPath, SHA: "ffff0000", Ref: "refs/pull/42/merge",
		Repository: "acme/todo", RunID: 9876543210, RunAttempt: 2,
		ServerURL: "https://ghe.example.com/", APIURL: "https://ghe.example.com/api/v3",
		GraphQLURL: "https://ghe.example.com/api/graphql", Workspace: "/home/runner/work/todo/todo",
		Actor: "octocat", HeadRef: "feature/x", BaseRef: "main", RunnerTemp: "/home/runner/work/_temp",
	}
	got := *c
	got.Event, got.EventRaw = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("context\n got %+v\nwant %+v", got, want)
	}
	if string(c.EventRaw) != payload {
		t.Errorf("EventRaw = %q", c.EventRaw)
	}
	if c.Event["action"] != "synchronize" || c.Event["number"] != float64(42) {
		t.Errorf("Event = %v", c.Event)
	}
	if pr, _ := c.Event["pull_request"].(map[string]any); pr == nil {
		t.Errorf("nested payload missing: %v", c.Event)
	}
	if got, want := c.RunURL(), "https://ghe.example.com/acme/todo/actions/runs/9876543210/attempts/2"; got != want {
		t.Errorf("RunURL = %q, want %q", got, want)
	}
	if owner, name, ok := c.RepoOwnerName(); !ok || owner != "acme" || name != "todo" {
		t.Errorf("RepoOwnerName = %q %q %v", owner, name, ok)
	}
}

func TestContextDefaults(t *testing.T) {
	a, _ := newTestAction(t, map[string]string{"GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "5"})
	c, err := a.Context()
	if err != nil {
		t.Fatal(err)
	}
	if c.ServerURL != "https://github.com" || c.APIURL != "https://api.github.com" || c.GraphQLURL != "https://api.github.com/graphql" {
		t.Errorf("defaults: %+v", c)
	}
	if c.Event != nil || c.EventRaw != nil {
		t.Errorf("no event path but an event: %v", c.Event)
	}
	if got := c.RunURL(); got != "https://github.com/o/r/actions/runs/5" {
		t.Errorf("RunURL = %q", got)
	}
	if got := (&Context{}).RunURL(); got != "" {
		t.Errorf("RunURL of an unknown run = %q", got)
	}
	for _, repo := range []string{"", "o", "o/", "/r", "o/r/x"} {
		if _, _, ok := (&Context{Repository: repo}).RepoOwnerName(); ok {
			t.Errorf("RepoOwnerName(%q) ok", repo)
		}
	}
}

func TestContextErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"bad run id", map[string]string{"GITHUB_RUN_ID": "12x"}, `$GITHUB_RUN_ID="12x"`},
		{"bad attempt", map[string]string{"GITHUB_RUN_ATTEMPT": "-1"}, `$GITHUB_RUN_ATTEMPT`},
		{"missing event", map[string]string{"GITHUB_EVENT_PATH": filepath.Join(dir, "nope.json")}, "read event payload"},
		{"syntax error", map[string]string{"GITHUB_EVENT_PATH": write("bad.json", "{\n  \"a\": 1,\n  \"b\": ]\n}")}, "bad.json:3: event payload is not valid JSON"},
		{"not an object", map[string]string{"GITHUB_EVENT_PATH": write("array.json", "[1, 2]")}, "array.json: event payload is not a JSON object"},
		{"empty", map[string]string{"GITHUB_EVENT_PATH": write("empty.json", "")}, "empty.json:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := newTestAction(t, tt.env)
			_, err := a.Context()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
