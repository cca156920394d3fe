package ghsim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// GitHub's limits on a check run's output.
const (
	maxCheckSummary       = 65535
	maxAnnotationsPerCall = 50
)

type checkRun struct {
	id          int64
	name        string
	headSHA     string
	status      string
	conclusion  string
	detailsURL  string
	externalID  string
	title       string
	summary     string
	text        string
	annotations []json.RawMessage
	started     time.Time
	completed   time.Time
}

// CheckRun is a snapshot of a check run, for assertions.
type CheckRun struct {
	ID          int64
	Name        string
	HeadSHA     string
	Status      string
	Conclusion  string
	Title       string
	Summary     string
	Text        string
	Annotations int
}

// CheckRuns returns the check runs created on a commit, oldest first.
func (r *Repo) CheckRuns(sha string) []CheckRun {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	var out []CheckRun
	for _, c := range r.checks {
		if c.headSHA == sha {
			out = append(out, CheckRun{
				ID: c.id, Name: c.name, HeadSHA: c.headSHA, Status: c.status, Conclusion: c.conclusion,
				Title: c.title, Summary: c.summary, Text: c.text, Annotations: len(c.annotations),
			})
		}
	}
	return out
}

// checkRunInput is the body of a create or update; pointers tell "absent" from "empty".
type checkRunInput struct {
	Name        *string `json:"name"`
	HeadSHA     *string `json:"head_sha"`
	Status      *string `json:"status"`
	Conclusion  *string `json:"conclusion"`
	DetailsURL  *string `json:"details_url"`
	ExternalID  *string `json:"external_id"`
	StartedAt   *string `json:"started_at"`
	CompletedAt *string `json:"completed_at"`
	Output      *struct {
		Title       *string           `json:"title"`
		Summary     *string           `json:"summary"`
		Text        *string           `json:"text"`
		Annotations []json.RawMessage `json:"annotations"`
	} `json:"output"`
}

func (in checkRunInput) check() (response, bool) {
	if in.Output == nil {
		return response{}, true
	}
	if in.Output.Summary != nil && utf8.RuneCountInString(*in.Output.Summary) > maxCheckSummary {
		return validationFailed("Invalid request.\n\nOnly 65535 characters are allowed; " + strconv.Itoa(utf8.RuneCountInString(*in.Output.Summary)) + " were supplied."), false
	}
	if in.Output.Text != nil && utf8.RuneCountInString(*in.Output.Text) > maxCheckSummary {
		return validationFailed("Invalid request.\n\nOnly 65535 characters are allowed for text."), false
	}
	if len(in.Output.Annotations) > maxAnnotationsPerCall {
		return validationFailed("Invalid request.\n\nOnly 50 annotations are allowed per request."), false
	}
	return response{}, true
}

func (c *checkRun) apply(in checkRunInput, now time.Time) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&c.name, in.Name)
	set(&c.status, in.Status)
	set(&c.detailsURL, in.DetailsURL)
	set(&c.externalID, in.ExternalID)
	if in.Conclusion != nil {
		c.conclusion = *in.Conclusion
		c.status = "completed"
	}
	if in.Output != nil {
		set(&c.title, in.Output.Title)
		set(&c.summary, in.Output.Summary)
		set(&c.text, in.Output.Text)
		// Annotations accumulate over updates, as on GitHub.
		c.annotations = append(c.annotations, in.Output.Annotations...)
	}
	if c.status == "completed" && c.completed.IsZero() {
		c.completed = now
	}
}

func handleCreateCheckRun(req *request) response {
	var in checkRunInput
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	if resp, ok := in.check(); !ok {
		return resp
	}
	if in.Name == nil || in.HeadSHA == nil {
		return validationFailed("Invalid request.\n\n\"name\" and \"head_sha\" are required.")
	}
	if _, found := req.repo.objects.commit(*in.HeadSHA); !found {
		return validationFailed("No commit found for SHA: " + *in.HeadSHA)
	}
	now := req.repo.sim.now()
	c := &checkRun{id: req.repo.sim.newID(), headSHA: *in.HeadSHA, status: "queued", started: now}
	c.apply(in, now)
	req.repo.checks = append(req.repo.checks, c)
	return created(req.repo.checkRunJSON(c))
}

func handleUpdateCheckRun(req *request) response {
	c := req.repo.checkRunParam(req)
	if c == nil {
		return notFound()
	}
	var in checkRunInput
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	if resp, ok := in.check(); !ok {
		return resp
	}
	c.apply(in, req.repo.sim.now())
	return okJSON(req.repo.checkRunJSON(c))
}

func handleGetCheckRun(req *request) response {
	c := req.repo.checkRunParam(req)
	if c == nil {
		return notFound()
	}
	return okJSON(req.repo.checkRunJSON(c))
}

func (r *Repo) checkRunParam(req *request) *checkRun {
	id, _ := strconv.ParseInt(req.param("check_run_id"), 10, 64)
	for _, c := range r.checks {
		if c.id == id {
			return c
		}
	}
	return nil
}

func handleListCheckRunsForRef(req *request) response {
	sha, found := req.repo.resolve(req.param("ref"))
	if !found {
		return validationFailed("No commit found for SHA: " + req.param("ref"))
	}
	name, status := req.query.Get("check_name"), req.query.Get("status")
	latestOnly := req.query.Get("filter") != "all"
	var runs []*checkRun
	seen := map[string]bool{}
	for i := len(req.repo.checks) - 1; i >= 0; i-- { // newest first
		c := req.repo.checks[i]
		if c.headSHA != sha || (name != "" && c.name != name) || (status != "" && c.status != status) {
			continue
		}
		if latestOnly && seen[c.name] {
			continue
		}
		seen[c.name] = true
		runs = append(runs, c)
	}
	out := []map[string]any{}
	for _, c := range runs {
		out = append(out, req.repo.checkRunJSON(c))
	}
	page, link := paginate(req, out)
	resp := okJSON(map[string]any{"total_count": len(out), "check_runs": page})
	if link != "" {
		resp = resp.with("Link", link)
	}
	return resp
}

func (r *Repo) checkRunJSON(c *checkRun) map[string]any {
	var conclusion, completed any
	if c.conclusion != "" {
		conclusion = c.conclusion
	}
	if !c.completed.IsZero() {
		completed = stamp(c.completed)
	}
	annotations := fmt.Sprintf("%s/check-runs/%d/annotations", r.apiURL(), c.id)
	return map[string]any{
		"id":           c.id,
		"node_id":      nodeID("CheckRun", c.id),
		"head_sha":     c.headSHA,
		"name":         c.name,
		"external_id":  c.externalID,
		"url":          fmt.Sprintf("%s/check-runs/%d", r.apiURL(), c.id),
		"html_url":     fmt.Sprintf("%s/runs/%d", r.htmlURL(), c.id),
		"details_url":  c.detailsURL,
		"status":       c.status,
		"conclusion":   conclusion,
		"started_at":   stamp(c.started),
		"completed_at": completed,
		"output": map[string]any{
			"title":             c.title,
			"summary":           c.summary,
			"text":              c.text,
			"annotations_count": len(c.annotations),
			"annotations_url":   annotations,
		},
		"check_suite":   map[string]any{"id": c.id + 1},
		"app":           r.sim.appJSON(),
		"pull_requests": []any{},
	}
}
