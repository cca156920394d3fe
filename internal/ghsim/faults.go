package ghsim

import (
	"net/http"
	"path"
	"strconv"
	"time"
)

// Fault is what the simulator does instead of (or before) serving a request normally.
type Fault struct {
	// Name appears in the call log.
	Name string
	// Status, when not 0, is answered with a GitHub error body carrying Message and DocURL
	// and the extra Header; the request is not served.
	Status  int
	Message string
	DocURL  string
	Header  http.Header
	// Before, when set, runs before the request is served (normally, when Status is 0): it
	// stands for something happening elsewhere at that moment, such as a push moving a branch
	// or a person deleting a comment. It may call the Repo methods. It runs on the server's
	// goroutine, so it must not call t.Fatal.
	Before func()
}

// ServerError answers a 5xx status.
func ServerError(status int) Fault {
	return Fault{Name: "server error", Status: status, Message: http.StatusText(status)}
}

// SecondaryRateLimit answers 403 with GitHub's secondary rate limit body and Retry-After.
func SecondaryRateLimit(retryAfter time.Duration) Fault {
	h := http.Header{}
	h.Set("Retry-After", strconv.Itoa(int(retryAfter/time.Second)))
	return Fault{
		Name:    "secondary rate limit",
		Status:  http.StatusForbidden,
		Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
		DocURL:  "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
		Header:  h,
	}
}

// PrimaryRateLimit answers status (403 or 429) with X-RateLimit-Remaining: 0 and an
// X-RateLimit-Reset resetIn from now (wall clock, whole seconds, as GitHub sends it).
func PrimaryRateLimit(status int, resetIn time.Duration) Fault {
	reset := time.Now().Add(resetIn)
	h := http.Header{}
	h.Set("X-RateLimit-Limit", "5000")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Used", "5000")
	h.Set("X-RateLimit-Resource", "core")
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	return Fault{
		Name:    "primary rate limit",
		Status:  status,
		Message: "API rate limit exceeded for installation ID 1.",
		DocURL:  "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
		Header:  h,
	}
}

// NotAccessible answers 403 "Resource not accessible by integration", as GitHub does when
// the token lacks a permission. (A read-only token gets this from every write by itself;
// this fault forces it on one call.)
func NotAccessible() Fault {
	return Fault{Name: "not accessible", Status: http.StatusForbidden, Message: "Resource not accessible by integration"}
}

// RefConflict answers 409 to a ref update, as GitHub does when the repository is being
// changed concurrently.
func RefConflict() Fault {
	return Fault{Name: "ref conflict", Status: http.StatusConflict, Message: "Reference update failed"}
}

// NotFastForward answers 422 to a ref update whatever the commits are.
func NotFastForward() Fault {
	return Fault{Name: "not fast forward", Status: http.StatusUnprocessableEntity, Message: "Update is not a fast forward"}
}

// Before runs f just before the request is served normally.
func Before(name string, f func()) Fault { return Fault{Name: name, Before: f} }

// rule applies a fault to the requests it matches, a number of times.
type rule struct {
	method, pattern string
	left            int // calls still to fault; < 0 means every call
	fault           Fault
}

// FailNext applies f to the next request that matches method ("" for any) and pattern.
// The pattern is a route template as in operations.txt
// ("/repos/{owner}/{repo}/git/refs/{ref}"), a concrete path ("/repos/o/r/git/refs/heads/x"),
// a path.Match glob over the concrete path ("/repos/o/r/issues/*/comments") or "" for any.
func (s *Sim) FailNext(method, pattern string, f Fault) { s.Fail(method, pattern, 1, f) }

// Fail applies f to the next times matching requests; times < 1 means every one.
func (s *Sim) Fail(method, pattern string, times int, f Fault) {
	if times < 1 {
		times = -1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &rule{method: method, pattern: pattern, left: times, fault: f})
}

// PendingFaults counts the faults armed but not yet applied (rules applying to every call
// are not counted). Tests assert it is 0 to know each fault was really met.
func (s *Sim) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.faults {
		if r.left > 0 {
			n += r.left
		}
	}
	return n
}

// ClearFaults disarms every fault.
func (s *Sim) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

func (r *rule) matches(method string, rt *route, p string) bool {
	if r.left == 0 || (r.method != "" && r.method != method) {
		return false
	}
	if r.pattern == "" || r.pattern == p || (rt != nil && r.pattern == rt.template) {
		return true
	}
	matched, err := path.Match(r.pattern, p)
	return err == nil && matched
}

// applyFault consumes the first rule matching the request. It answers the fault's error, or
// runs its Before hook and lets the request through.
func (s *Sim) applyFault(req *request, p string, call *Call) (response, bool) {
	s.mu.Lock()
	var hit *Fault
	for _, r := range s.faults {
		if r.matches(req.Method, req.route, p) {
			if r.left > 0 {
				r.left--
			}
			f := r.fault
			hit = &f
			break
		}
	}
	s.mu.Unlock()
	if hit == nil {
		return response{}, false
	}
	call.Fault = hit.Name
	if hit.Before != nil {
		hit.Before()
	}
	if hit.Status == 0 {
		return response{}, false
	}
	resp := errorResponse(hit.Status, hit.Message)
	if hit.DocURL != "" {
		resp.body.(map[string]any)["documentation_url"] = hit.DocURL
	}
	for k, vs := range hit.Header {
		for _, v := range vs {
			resp = resp.with(k, v)
		}
	}
	return resp, true
}
