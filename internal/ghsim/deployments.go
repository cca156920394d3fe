package ghsim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

type deployment struct {
	id          int64
	sha, ref    string
	task        string
	environment string
	description string
	creator     string
	payload     json.RawMessage
	transient   bool
	production  bool
	created     time.Time
	statuses    []*deploymentStatus // oldest first
}

type deploymentStatus struct {
	id          int64
	state       string
	description string
	logURL      string
	envURL      string
	creator     string
	created     time.Time
}

// Deployment is a snapshot of a deployment and its statuses, for assertions.
type Deployment struct {
	ID          int64
	SHA, Ref    string
	Environment string
	Creator     string
	States      []string // status states, oldest first
	LogURL      string   // of the latest status
	EnvURL      string   // of the latest status
}

// Deployments returns the repository's deployments, oldest first.
func (r *Repo) Deployments() []Deployment {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	var out []Deployment
	for _, d := range r.deploys {
		snap := Deployment{ID: d.id, SHA: d.sha, Ref: d.ref, Environment: d.environment, Creator: d.creator}
		for _, st := range d.statuses {
			snap.States = append(snap.States, st.state)
			snap.LogURL, snap.EnvURL = st.logURL, st.envURL
		}
		out = append(out, snap)
	}
	return out
}

// AddDeployment seeds a deployment of sha to environment with the given status states
// (e.g. "success") and returns its id.
func (r *Repo) AddDeployment(sha, ref, environment string, states ...string) int64 {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	d := &deployment{id: r.sim.newID(), sha: sha, ref: ref, task: "deploy", environment: environment,
		creator: r.owner, payload: json.RawMessage("{}"), created: r.sim.now()}
	r.deploys = append(r.deploys, d)
	for _, st := range states {
		r.addDeploymentStatus(d, &deploymentStatus{state: st, creator: r.owner}, true)
	}
	return d.id
}

func handleCreateDeployment(req *request) response {
	var in struct {
		Ref                   string          `json:"ref"`
		Task                  *string         `json:"task"`
		Environment           *string         `json:"environment"`
		Description           *string         `json:"description"`
		Payload               json.RawMessage `json:"payload"`
		TransientEnvironment  bool            `json:"transient_environment"`
		ProductionEnvironment *bool           `json:"production_environment"`
	}
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	sha, found := req.repo.resolve(in.Ref)
	if !found {
		return validationFailed("No ref found for: " + in.Ref)
	}
	d := &deployment{id: req.repo.sim.newID(), sha: sha, ref: in.Ref, task: "deploy", environment: "production",
		creator: req.token.Login, payload: json.RawMessage("{}"), transient: in.TransientEnvironment, created: req.repo.sim.now()}
	if in.Task != nil {
		d.task = *in.Task
	}
	if in.Environment != nil {
		d.environment = *in.Environment
	}
	if in.Description != nil {
		d.description = *in.Description
	}
	if len(in.Payload) > 0 && string(in.Payload) != "null" {
		d.payload = in.Payload
	}
	d.production = d.environment == "production"
	if in.ProductionEnvironment != nil {
		d.production = *in.ProductionEnvironment
	}
	req.repo.deploys = append(req.repo.deploys, d)
	return created(req.repo.deploymentJSON(d))
}

func handleListDeployments(req *request) response {
	q := req.query
	var out []map[string]any
	for i := len(req.repo.deploys) - 1; i >= 0; i-- { // newest first
		d := req.repo.deploys[i]
		if (q.Get("sha") != "" && q.Get("sha") != d.sha) || (q.Get("ref") != "" && q.Get("ref") != d.ref) ||
			(q.Get("task") != "" && q.Get("task") != d.task) || (q.Get("environment") != "" && q.Get("environment") != d.environment) {
			continue
		}
		out = append(out, req.repo.deploymentJSON(d))
	}
	return listResponse(req, out)
}

func handleGetDeployment(req *request) response {
	d := req.repo.deploymentParam(req)
	if d == nil {
		return notFound()
	}
	return okJSON(req.repo.deploymentJSON(d))
}

func (r *Repo) deploymentParam(req *request) *deployment {
	id, _ := strconv.ParseInt(req.param("deployment_id"), 10, 64)
	for _, d := range r.deploys {
		if d.id == id {
			return d
		}
	}
	return nil
}

func handleCreateDeploymentStatus(req *request) response {
	d := req.repo.deploymentParam(req)
	if d == nil {
		return notFound()
	}
	var in struct {
		State          string  `json:"state"`
		Description    string  `json:"description"`
		LogURL         string  `json:"log_url"`
		TargetURL      string  `json:"target_url"`
		EnvironmentURL string  `json:"environment_url"`
		Environment    *string `json:"environment"`
		AutoInactive   *bool   `json:"auto_inactive"`
	}
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	st := &deploymentStatus{state: in.State, description: in.Description, logURL: in.LogURL, envURL: in.EnvironmentURL, creator: req.token.Login}
	if st.logURL == "" {
		st.logURL = in.TargetURL
	}
	if in.Environment != nil {
		d.environment = *in.Environment
	}
	req.repo.addDeploymentStatus(d, st, in.AutoInactive == nil || *in.AutoInactive)
	return created(req.repo.deploymentStatusJSON(d, st))
}

// addDeploymentStatus records a status; a success with auto_inactive marks the earlier
// successful deployments of the same environment inactive, as GitHub does.
func (r *Repo) addDeploymentStatus(d *deployment, st *deploymentStatus, autoInactive bool) {
	st.id = r.sim.newID()
	st.created = r.sim.now()
	d.statuses = append(d.statuses, st)
	if st.state != "success" || !autoInactive {
		return
	}
	for _, other := range r.deploys {
		if other == d || other.environment != d.environment || len(other.statuses) == 0 {
			continue
		}
		if other.statuses[len(other.statuses)-1].state == "success" {
			other.statuses = append(other.statuses, &deploymentStatus{id: r.sim.newID(), state: "inactive", creator: st.creator, created: st.created})
		}
	}
}

func handleListDeploymentStatuses(req *request) response {
	d := req.repo.deploymentParam(req)
	if d == nil {
		return notFound()
	}
	var out []map[string]any
	for i := len(d.statuses) - 1; i >= 0; i-- { // newest first
		out = append(out, req.repo.deploymentStatusJSON(d, d.statuses[i]))
	}
	return listResponse(req, out)
}

func (r *Repo) deploymentJSON(d *deployment) map[string]any {
	url := fmt.Sprintf("%s/deployments/%d", r.apiURL(), d.id)
	return map[string]any{
		"id":                     d.id,
		"node_id":                nodeID("Deployment", d.id),
		"url":                    url,
		"sha":                    d.sha,
		"ref":                    d.ref,
		"task":                   d.task,
		"payload":                d.payload,
		"original_environment":   d.environment,
		"environment":            d.environment,
		"description":            d.description,
		"creator":                r.sim.userJSON(d.creator),
		"created_at":             stamp(d.created),
		"updated_at":             stamp(d.created),
		"statuses_url":           url + "/statuses",
		"repository_url":         r.apiURL(),
		"transient_environment":  d.transient,
		"production_environment": d.production,
	}
}

func (r *Repo) deploymentStatusJSON(d *deployment, st *deploymentStatus) map[string]any {
	url := fmt.Sprintf("%s/deployments/%d", r.apiURL(), d.id)
	return map[string]any{
		"id":              st.id,
		"node_id":         nodeID("DeploymentStatus", st.id),
		"url":             fmt.Sprintf("%s/statuses/%d", url, st.id),
		"state":           st.state,
		"creator":         r.sim.userJSON(st.creator),
		"description":     st.description,
		"environment":     d.environment,
		"target_url":      st.logURL,
		"log_url":         st.logURL,
		"environment_url": st.envURL,
		"deployment_url":  url,
		"repository_url":  r.apiURL(),
		"created_at":      stamp(st.created),
		"updated_at":      stamp(st.created),
	}
}
