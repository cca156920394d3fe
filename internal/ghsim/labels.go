package ghsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

type label struct {
	id          int64
	name        string
	color       string
	description string
}

// CreateLabel seeds a repository label.
func (r *Repo) CreateLabel(name, color, description string) {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	l := r.ensureLabel(name)
	l.color, l.description = color, description
}

// Labels returns the labels on an issue or pull request, in the order they were added.
func (r *Repo) Labels(number int) []string {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	is := r.issues[number]
	if is == nil {
		return nil
	}
	var out []string
	for _, key := range is.labels {
		out = append(out, r.labels[key].name)
	}
	return out
}

// AddLabels puts labels on an issue or pull request, as a person would.
func (r *Repo) AddLabels(number int, names ...string) {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	if is := r.issues[number]; is != nil {
		r.addLabels(is, names)
	}
}

// ensureLabel returns the label, creating it as GitHub does when an unknown label is put on
// an issue.
func (r *Repo) ensureLabel(name string) *label {
	key := strings.ToLower(name)
	if l := r.labels[key]; l != nil {
		return l
	}
	l := &label{id: r.sim.newID(), name: name, color: "ededed"}
	r.labels[key] = l
	return l
}

func (r *Repo) addLabels(is *issue, names []string) {
	for _, name := range names {
		key := strings.ToLower(r.ensureLabel(name).name)
		if !containsString(is.labels, key) {
			is.labels = append(is.labels, key)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func (r *Repo) labelJSON(l *label) map[string]any {
	return map[string]any{
		"id":          l.id,
		"node_id":     nodeID("Label", l.id),
		"url":         r.apiURL() + "/labels/" + url.PathEscape(l.name),
		"name":        l.name,
		"color":       l.color,
		"description": l.description,
		"default":     false,
	}
}

func (r *Repo) issueLabelsJSON(is *issue) []map[string]any {
	out := []map[string]any{}
	for _, key := range is.labels {
		out = append(out, r.labelJSON(r.labels[key]))
	}
	return out
}

func handleListIssueLabels(req *request) response {
	n, resp, ok := issueNumber(req)
	if !ok {
		return resp
	}
	return listResponse(req, req.repo.issueLabelsJSON(req.repo.issues[n]))
}

// labelNames reads the label list of an add or replace request, which GitHub accepts as
// {"labels": [...]} or as a bare array, of names or of {"name": ...} objects.
func labelNames(body []byte) ([]string, bool) {
	var wrapped struct {
		Labels json.RawMessage `json:"labels"`
	}
	raw := json.RawMessage(body)
	if json.Unmarshal(body, &wrapped) == nil && wrapped.Labels != nil {
		raw = wrapped.Labels
	}
	var names []string
	if json.Unmarshal(raw, &names) == nil {
		return names, true
	}
	var objs []struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(raw, &objs) != nil {
		return nil, false
	}
	for _, o := range objs {
		names = append(names, o.Name)
	}
	return names, true
}

func handleAddIssueLabels(req *request) response {
	n, resp, ok := issueNumber(req)
	if !ok {
		return resp
	}
	names, ok := labelNames(req.body)
	if !ok {
		return badJSON()
	}
	is := req.repo.issues[n]
	req.repo.addLabels(is, names)
	return okJSON(req.repo.issueLabelsJSON(is))
}

func handleSetIssueLabels(req *request) response {
	n, resp, ok := issueNumber(req)
	if !ok {
		return resp
	}
	names, ok := labelNames(req.body)
	if !ok {
		return badJSON()
	}
	is := req.repo.issues[n]
	is.labels = nil
	req.repo.addLabels(is, names)
	return okJSON(req.repo.issueLabelsJSON(is))
}

func handleRemoveIssueLabel(req *request) response {
	n, resp, ok := issueNumber(req)
	if !ok {
		return resp
	}
	is := req.repo.issues[n]
	key := strings.ToLower(req.param("name"))
	for i, k := range is.labels {
		if k == key {
			is.labels = append(is.labels[:i], is.labels[i+1:]...)
			return okJSON(req.repo.issueLabelsJSON(is))
		}
	}
	return errorResponse(http.StatusNotFound, "Label does not exist")
}

func handleListRepoLabels(req *request) response {
	var out []map[string]any
	for _, l := range sortedLabels(req.repo.labels) {
		out = append(out, req.repo.labelJSON(l))
	}
	return listResponse(req, out)
}

func sortedLabels(m map[string]*label) []*label {
	out := make([]*label, 0, len(m))
	for _, l := range m {
		out = append(out, l)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].id < out[j-1].id; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func handleCreateRepoLabel(req *request) response {
	var in struct {
		Name        string `json:"name"`
		Color       string `json:"color"`
		Description string `json:"description"`
	}
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	if in.Name == "" {
		return validationFailed("Validation Failed", fieldError("Label", "name", "missing_field"))
	}
	if req.repo.labels[strings.ToLower(in.Name)] != nil {
		return validationFailed("Validation Failed", fieldError("Label", "name", "already_exists"))
	}
	l := req.repo.ensureLabel(in.Name)
	if in.Color != "" {
		l.color = strings.TrimPrefix(in.Color, "#")
	}
	l.description = in.Description
	return created(req.repo.labelJSON(l))
}

func handleGetRepoLabel(req *request) response {
	l := req.repo.labels[strings.ToLower(req.param("name"))]
	if l == nil {
		return notFound()
	}
	return okJSON(req.repo.labelJSON(l))
}

func (r *Repo) issueJSON(is *issue) map[string]any {
	api := fmt.Sprintf("%s/issues/%d", r.apiURL(), is.number)
	m := map[string]any{
		"id":             int64(is.number) + r.id*10000,
		"node_id":        nodeID("Issue", int64(is.number)+r.id*10000),
		"number":         is.number,
		"title":          is.title,
		"user":           r.sim.userJSON(is.user),
		"labels":         r.issueLabelsJSON(is),
		"state":          "open",
		"locked":         false,
		"assignee":       nil,
		"milestone":      nil,
		"closed_at":      nil,
		"url":            api,
		"html_url":       fmt.Sprintf("%s/issues/%d", r.htmlURL(), is.number),
		"repository_url": r.apiURL(),
		"labels_url":     api + "/labels{/name}",
		"comments_url":   api + "/comments",
		"events_url":     api + "/events",
		"comments":       len(r.commentsOn(is.number)),
		"created_at":     stamp(r.sim.clock),
		"updated_at":     stamp(r.sim.clock),
	}
	if pr := r.pulls[is.number]; pr != nil {
		html := fmt.Sprintf("%s/pull/%d", r.htmlURL(), is.number)
		m["pull_request"] = map[string]any{
			"url":       fmt.Sprintf("%s/pulls/%d", r.apiURL(), is.number),
			"html_url":  html,
			"diff_url":  html + ".diff",
			"patch_url": html + ".patch",
		}
		m["state"] = pr.state
	}
	return m
}

func handleGetIssue(req *request) response {
	n, resp, ok := issueNumber(req)
	if !ok {
		return resp
	}
	return okJSON(req.repo.issueJSON(req.repo.issues[n]))
}
