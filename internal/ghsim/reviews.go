package ghsim

import (
	"fmt"
	"strings"
	"time"
)

type review struct {
	id        int64
	user      string
	state     string
	body      string
	commitID  string
	submitted time.Time
}

// Review describes a pull request review to add.
type Review struct {
	User     string
	State    string // "APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"
	Body     string
	CommitID string // defaults to the pull request's current head
}

// AddReview submits a review on pull request number and returns its id.
func (r *Repo) AddReview(number int, rv Review) int64 {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	pr := r.pulls[number]
	if pr == nil {
		r.sim.t.Fatalf("ghsim: AddReview: %s has no pull request #%d", r.FullName(), number)
	}
	r.refresh(pr)
	if rv.CommitID == "" {
		rv.CommitID = pr.headSHA
	}
	it := &review{id: r.sim.newID(), user: rv.User, state: strings.ToUpper(rv.State), body: rv.Body, commitID: rv.CommitID, submitted: r.sim.now()}
	pr.reviews = append(pr.reviews, it)
	return it.id
}

func (r *Repo) reviewJSON(pr *pullRequest, rv *review) map[string]any {
	html := fmt.Sprintf("%s/pull/%d#pullrequestreview-%d", r.htmlURL(), pr.number, rv.id)
	api := fmt.Sprintf("%s/pulls/%d", r.apiURL(), pr.number)
	m := map[string]any{
		"id":                 rv.id,
		"node_id":            nodeID("PullRequestReview", rv.id),
		"user":               r.sim.userJSON(rv.user),
		"body":               rv.body,
		"state":              rv.state,
		"commit_id":          rv.commitID,
		"html_url":           html,
		"pull_request_url":   api,
		"author_association": r.association(rv.user),
		"_links":             map[string]any{"html": map[string]any{"href": html}, "pull_request": map[string]any{"href": api}},
	}
	if rv.state != "PENDING" {
		m["submitted_at"] = stamp(rv.submitted)
	}
	return m
}

func handleListReviews(req *request) response {
	pr := req.repo.pullParam(req)
	if pr == nil {
		return notFound()
	}
	var out []map[string]any
	for _, rv := range pr.reviews {
		out = append(out, req.repo.reviewJSON(pr, rv))
	}
	return listResponse(req, out)
}

// handleCollaboratorPermission reports a user's permission. Anyone may read a public
// repository, so a user who is not a collaborator gets "read".
func handleCollaboratorPermission(req *request) response {
	login := req.param("username")
	role := req.repo.collabs[strings.ToLower(login)]
	if role == "" {
		role = "read"
	}
	permission := role
	switch role {
	case "maintain":
		permission = "write"
	case "triage":
		permission = "read"
	}
	user := req.repo.sim.userJSON(login)
	user["permissions"] = map[string]any{
		"admin": role == "admin", "maintain": role == "admin" || role == "maintain",
		"push": permission == "admin" || permission == "write", "triage": role != "read", "pull": true,
	}
	user["role_name"] = role
	return okJSON(map[string]any{"permission": permission, "role_name": role, "user": user})
}
