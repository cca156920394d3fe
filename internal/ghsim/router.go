package ghsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// route is one operation the simulator serves, named by its OpenAPI path template.
type route struct {
	method   string
	template string
	segs     []string
	// perm is the fine-grained token permission the operation needs; "" for none.
	perm permission
	// oidc marks the Actions OIDC endpoint, which is not part of the REST description.
	oidc   bool
	handle func(*request) response
}

// request is what a handler sees: the matched parameters, the repository they name (nil when
// the route has none or it does not exist) and the decoded query.
type request struct {
	*http.Request
	route  *route
	params map[string]string
	query  url.Values
	body   []byte
	token  *Token
	repo   *Repo
}

func (r *request) param(name string) string { return r.params[name] }

// greedyParams may span several path segments: file paths and git ref names contain slashes.
var greedyParams = map[string]bool{"path": true, "ref": true}

func newRoute(method, template string, perm permission, h func(*request) response) *route {
	return &route{
		method:   method,
		template: template,
		segs:     strings.Split(strings.Trim(template, "/"), "/"),
		perm:     perm,
		handle:   h,
	}
}

// match reports whether the escaped request path fits the template and returns the
// unescaped parameters.
func (rt *route) match(segs []string) (map[string]string, bool) {
	params := map[string]string{}
	if !matchSegs(rt.segs, segs, params) {
		return nil, false
	}
	return params, true
}

func matchSegs(tmpl, segs []string, params map[string]string) bool {
	if len(tmpl) == 0 {
		return len(segs) == 0
	}
	if len(segs) == 0 {
		return false
	}
	t := tmpl[0]
	name, isParam := paramName(t)
	if !isParam {
		return t == segs[0] && matchSegs(tmpl[1:], segs[1:], params)
	}
	maxTake := 1
	if greedyParams[name] {
		maxTake = len(segs) - (len(tmpl) - 1)
	}
	// The longest span that still lets the rest of the template match wins.
	for take := maxTake; take >= 1; take-- {
		raw := strings.Join(segs[:take], "/")
		value, err := url.PathUnescape(raw)
		if err != nil || value == "" {
			continue
		}
		if matchSegs(tmpl[1:], segs[take:], params) {
			params[name] = value
			return true
		}
	}
	return false
}

// paramName handles whole-segment parameters ("{owner}"); the compare route's "{basehead}"
// is one segment holding "base...head", split by its handler.
func paramName(seg string) (string, bool) {
	if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
		return seg[1 : len(seg)-1], true
	}
	return "", false
}

func (s *Sim) findRoute(method, escapedPath string) (*route, map[string]string, bool) {
	segs := strings.Split(strings.Trim(escapedPath, "/"), "/")
	var best *route
	var bestParams map[string]string
	pathKnown := false
	for _, rt := range s.routes {
		params, ok := rt.match(segs)
		if !ok {
			continue
		}
		pathKnown = true
		// "commits/{ref}" also matches ".../commits/x/check-runs" with ref "x/check-runs";
		// the route with more literal segments is the one meant.
		if rt.method == method && (best == nil || rt.literals() > best.literals()) {
			best, bestParams = rt, params
		}
	}
	return best, bestParams, pathKnown
}

func (rt *route) literals() int {
	n := 0
	for _, seg := range rt.segs {
		if _, ok := paramName(seg); !ok {
			n++
		}
	}
	return n
}

// apiPath strips the "/api/v3" prefix that go-github adds for enterprise base URLs.
func apiPath(escaped string) string {
	if p := strings.TrimPrefix(escaped, "/api/v3"); p != escaped && (p == "" || p[0] == '/') {
		return p
	}
	return escaped
}

func (s *Sim) serveHTTP(w http.ResponseWriter, hr *http.Request) {
	body, err := io.ReadAll(hr.Body)
	if err != nil {
		s.t.Errorf("ghsim: reading %s %s: %v", hr.Method, hr.URL.Path, err)
		return
	}
	hr.Body = io.NopCloser(bytes.NewReader(body))
	p := apiPath(hr.URL.EscapedPath())
	rt, params, pathKnown := s.findRoute(hr.Method, p)
	call := Call{Method: hr.Method, Path: p, Query: hr.URL.RawQuery, Token: bearer(hr)}
	if rt == nil {
		resp := notFound()
		if pathKnown {
			resp = errorResponse(http.StatusMethodNotAllowed, "Method Not Allowed")
		}
		s.t.Errorf("ghsim: no simulated route for %s %s", hr.Method, p)
		s.finish(w, call, resp)
		return
	}
	call.Route = rt.method + " " + rt.template
	req := &request{Request: hr, route: rt, params: params, query: hr.URL.Query(), body: body}

	if s.validate && !rt.oidc {
		if err := s.spec.validateRequest(hr, rt, params); err != nil {
			s.t.Errorf("ghsim: %s %s does not match GitHub's OpenAPI description: %v", hr.Method, p, err)
		}
	}
	// Fault hooks run before the state lock: a "before" hook may change state itself.
	if resp, faulted := s.applyFault(req, p, &call); faulted {
		s.finish(w, call, resp)
		return
	}
	s.mu.Lock()
	resp := s.serveLocked(req)
	s.mu.Unlock()
	// The description documents JSON answers only; raw media type answers are not checked.
	if s.validateResponses && !rt.oidc && resp.raw == nil {
		s.checkResponse(req, p, resp)
	}
	s.finish(w, call, resp)
}

func (s *Sim) checkResponse(req *request, p string, resp response) {
	var body []byte
	header := http.Header{}
	if resp.body != nil {
		body, _ = json.Marshal(resp.body)
		header.Set("Content-Type", "application/json; charset=utf-8")
	}
	if err := s.spec.validateResponse(req.Request, req.route, req.params, resp.status, header, body); err != nil {
		s.t.Errorf("ghsim: the simulator's %d answer to %s %s does not match GitHub's OpenAPI description: %v", resp.status, req.Method, p, err)
	}
}

func (s *Sim) serveLocked(req *request) response {
	if req.route.oidc {
		return req.route.handle(req)
	}
	tok, resp, ok := s.authenticate(req.Request)
	if !ok {
		return resp
	}
	req.token = tok
	if owner, name := req.param("owner"), req.param("repo"); owner != "" {
		req.repo = s.repos[repoKey(owner, name)]
		if req.repo == nil {
			return notFound()
		}
	}
	if resp, ok := s.authorize(req); !ok {
		return resp
	}
	return req.route.handle(req)
}

func (s *Sim) finish(w http.ResponseWriter, call Call, resp response) {
	s.mu.Lock()
	call.Status = resp.status
	call.Seq = len(s.calls) + 1
	s.calls = append(s.calls, call)
	if call.Route != oidcRoute && (resp.header == nil || resp.header.Get("X-RateLimit-Remaining") == "") {
		resp = withRateHeaders(resp, call.Seq)
	}
	s.mu.Unlock()
	resp.write(w)
}

// withRateHeaders adds the rate limit headers every GitHub REST response carries; the
// remaining budget goes down with each call so clients that watch it see it move.
func withRateHeaders(resp response, used int) response {
	return resp.with("X-RateLimit-Limit", "5000").
		with("X-RateLimit-Remaining", strconv.Itoa(max(0, 5000-used))).
		with("X-RateLimit-Used", strconv.Itoa(used)).
		with("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)).
		with("X-RateLimit-Resource", "core")
}

func (r *request) String() string { return fmt.Sprintf("%s %s", r.Method, r.URL.Path) }
