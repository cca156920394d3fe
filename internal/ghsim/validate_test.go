package ghsim_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// recorder collects what the simulator reports instead of failing the test.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) reports() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

func TestMalformedRequestsAreReported(t *testing.T) {
	cases := []struct {
		name, method, path, body, want string
	}{
		{"comment body of the wrong type", "POST", "repos/octo/app/issues/1/comments", `{"body": 42}`, `POST /repos/octo/app/issues/1/comments does not match`},
		{"comment without a body", "POST", "repos/octo/app/issues/1/comments", `{}`, `property "body" is missing`},
		{"check run status not in the enum", "POST", "repos/octo/app/check-runs", `{"name":"x","head_sha":"abc","status":"done"}`, `Error at "/status"`},
		{"per_page that is not a number", "GET", "repos/octo/app/issues/1/comments?per_page=lots", ``, `per_page`},
		{"ref update without sha", "PATCH", "repos/octo/app/git/refs/heads/main", `{"force":false}`, `property "sha" is missing`},
		{"deployment status with an unknown state", "POST", "repos/octo/app/deployments/1/statuses", `{"state":"done"}`, `Error at "/state"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			sim := ghsim.New(rec)
			sim.Repo("octo", "app").Push("main", "init", ghsim.Files{"a": "b"})
			gh := sim.Client(ghsim.WriteToken)
			var body any
			if tc.body != "" {
				body = rawJSON(tc.body)
			}
			req, err := gh.NewRequest(tc.method, tc.path, body)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = gh.Do(t.Context(), req, nil)
			got := strings.Join(rec.reports(), "\n")
			if !strings.Contains(got, "OpenAPI description") || !strings.Contains(got, tc.want) {
				t.Fatalf("reports:\n%s\nwant a validation report mentioning %q", got, tc.want)
			}
		})
	}
}

func TestUnknownRouteIsReportedAnd404(t *testing.T) {
	rec := &recorder{TB: t}
	sim := ghsim.New(rec)
	gh := sim.Client(ghsim.WriteToken)
	req, _ := gh.NewRequest("GET", "repos/octo/app/stargazers", nil)
	resp, err := gh.Do(t.Context(), req, nil)
	if err == nil || resp.StatusCode != 404 {
		t.Fatalf("unknown route answered %v, %v", resp.StatusCode, err)
	}
	if got := rec.reports(); len(got) != 1 || !strings.Contains(got[0], "no simulated route for GET /repos/octo/app/stargazers") {
		t.Fatalf("reports: %q", got)
	}
}

// rawJSON is sent as is by go-github's request encoder.
type rawJSON string

func (r rawJSON) MarshalJSON() ([]byte, error) { return []byte(r), nil }
