// Package ghsim is a stateful GitHub REST simulator for tests. It runs an httptest server
// that the real go-github client talks to, keeps repositories (git objects, refs, pull
// requests, comments, labels, check runs, reviews, deployments) in memory, injects faults on
// demand, records every call, and validates every request it receives against GitHub's
// official REST OpenAPI description. Problems it notices (an unknown route, a request the
// description rejects) fail the test that created it.
//
// A typical test:
//
//	sim := ghsim.New(t)
//	repo := sim.Repo("octo", "app")
//	repo.Push("main", "initial", ghsim.Files{"stlv_app.py": "..."})
//	repo.Push("feature", "change", ghsim.Files{"functions/a.py": "..."})
//	pr := repo.OpenPR(ghsim.PR{Head: "feature", User: "alice"})
//	event := repo.PullRequestEvent(pr, "opened", "", "")      // for GITHUB_EVENT_PATH
//	sim.FailNext("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.ServerError(502))
//
//	// run the code under test with GITHUB_API_URL=sim.APIURL(), GITHUB_TOKEN=ghsim.WriteToken
//
//	if n := sim.WriteCalls(); n > 0 { t.Errorf("%d writes:\n%s", n, sim.CallLog()) }
//	comments := repo.Comments(pr)
package ghsim

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"
)

// Sim is one simulated GitHub. All its state sits behind one mutex: requests are served
// one at a time, which keeps ids and orderings deterministic.
type Sim struct {
	t      testing.TB
	srv    *httptest.Server
	spec   *spec
	routes []*route

	mu       sync.Mutex
	repos    map[string]*Repo // by lower-cased "owner/name"
	tokens   map[string]*Token
	faults   []*rule
	calls    []Call
	oidc     []string // OIDC tokens handed out, for leak checks
	nextID   int64
	clock    time.Time
	validate bool
	// validateResponses checks the simulator's own answers; its tests turn it on.
	validateResponses bool
}

// Option configures a Sim.
type Option func(*Sim)

// WithoutValidation turns off OpenAPI validation of requests. Only the simulator's own test
// of deliberately malformed requests should need it.
func WithoutValidation() Option { return func(s *Sim) { s.validate = false } }

// ValidateResponses also checks every answer the simulator gives against the description,
// reporting mismatches to the test. The simulator's own tests run with it.
func ValidateResponses() Option { return func(s *Sim) { s.validateResponses = true } }

// WithClock sets where the simulated clock starts (created_at and the like, commit dates of
// seeded commits); by default 2024-05-01T12:00:00Z. It advances one second per time stamp
// taken, so the same test makes the same commits and ids every run.
func WithClock(start time.Time) Option { return func(s *Sim) { s.clock = start.UTC() } }

// New starts a simulator for the duration of the test t. The server is closed when t ends.
func New(t testing.TB, opts ...Option) *Sim {
	t.Helper()
	sp, err := loadSpec()
	if err != nil {
		t.Fatalf("ghsim: %v", err)
	}
	s := &Sim{
		t:        t,
		spec:     sp,
		repos:    map[string]*Repo{},
		tokens:   map[string]*Token{},
		nextID:   1000,
		clock:    time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
		validate: true,
	}
	for _, o := range opts {
		o(s)
	}
	s.routes = s.routeTable()
	if err := s.spec.checkRoutes(s.routes); err != nil {
		t.Fatalf("ghsim: %v", err)
	}
	s.addDefaultTokens()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the server's base URL with a trailing slash, as go-github's BaseURL wants it.
func (s *Sim) URL() string { return s.srv.URL + "/" }

// APIURL is the value for GITHUB_API_URL (no trailing slash). Paths are served both as is
// and under "/api/v3", the prefix go-github's WithEnterpriseURLs adds.
func (s *Sim) APIURL() string { return s.srv.URL }

// Client returns a go-github client that talks to the simulator with the given token ("" for
// none).
func (s *Sim) Client(token string) *github.Client {
	c := github.NewClient(s.srv.Client())
	if token != "" {
		c = c.WithAuthToken(token)
	}
	c, err := c.WithEnterpriseURLs(s.URL(), s.URL())
	if err != nil {
		s.t.Fatalf("ghsim: client: %v", err)
	}
	return c
}

// now returns the simulated clock and advances it, so that every write gets a distinct,
// increasing time stamp.
func (s *Sim) now() time.Time {
	t := s.clock
	s.clock = s.clock.Add(time.Second)
	return t
}

func (s *Sim) newID() int64 {
	s.nextID++
	return s.nextID
}

// htmlBase is what the simulated github.com serves web pages under; it is only ever printed.
const htmlBase = "https://github.com"

func (s *Sim) apiBase() string { return strings.TrimSuffix(s.srv.URL, "/") }
