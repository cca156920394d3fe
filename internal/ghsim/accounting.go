package ghsim

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// Call is one request the simulator received.
type Call struct {
	Seq    int    // 1-based position among all calls
	Method string // HTTP method
	Path   string // escaped path without the /api/v3 prefix
	Query  string // raw query
	Route  string // "METHOD /template" of the operation served, "" when none matched
	Status int    // status answered
	Token  string // bearer token sent, "" for none
	Fault  string // name of the fault applied, "" for none
}

// Write reports whether the call could change state.
func (c Call) Write() bool { return c.Method != http.MethodGet && c.Method != http.MethodHead }

func (c Call) String() string {
	q := ""
	if c.Query != "" {
		q = "?" + c.Query
	}
	f := ""
	if c.Fault != "" {
		f = " (fault: " + c.Fault + ")"
	}
	return fmt.Sprintf("%s %s%s -> %d%s", c.Method, c.Path, q, c.Status, f)
}

// Calls returns every call received since the start or the last ResetCalls, in order.
func (s *Sim) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// ResetCalls forgets the calls recorded so far, e.g. between two runs of the action.
func (s *Sim) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
}

// APICalls counts the REST calls received (the OIDC token endpoint is not the REST API and
// is not counted).
func (s *Sim) APICalls() int {
	return s.count(func(c Call) bool { return c.Route != oidcRoute })
}

// WriteCalls counts the REST calls that could change state (every method but GET).
func (s *Sim) WriteCalls() int {
	return s.count(func(c Call) bool { return c.Write() && c.Route != oidcRoute })
}

// RouteCalls counts the calls served by one operation, named "METHOD /template" as in
// operations.txt, e.g. "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}".
func (s *Sim) RouteCalls(route string) int {
	return s.count(func(c Call) bool { return c.Route == route })
}

// RouteCounts returns the number of calls per operation.
func (s *Sim) RouteCounts() map[string]int {
	counts := map[string]int{}
	for _, c := range s.Calls() {
		key := c.Route
		if key == "" {
			key = c.Method + " " + c.Path + " (unrouted)"
		}
		counts[key]++
	}
	return counts
}

// CallLog renders the recorded calls one a line, for test failure messages.
func (s *Sim) CallLog() string {
	var b strings.Builder
	for _, c := range s.Calls() {
		fmt.Fprintf(&b, "%3d %s\n", c.Seq, c)
	}
	return b.String()
}

// RouteSummary renders RouteCounts sorted by operation, for test logs.
func (s *Sim) RouteSummary() string {
	counts := s.RouteCounts()
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%4d  %s\n", counts[k], k)
	}
	return b.String()
}

func (s *Sim) count(keep func(Call) bool) int {
	n := 0
	for _, c := range s.Calls() {
		if keep(c) {
			n++
		}
	}
	return n
}
