package ghsim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxCommentBody is GitHub's limit on an issue comment body, in characters.
const maxCommentBody = 65536

type comment struct {
	id      int64
	issue   int
	user    string
	body    string
	created time.Time
	updated time.Time
}

// Comment is a snapshot of an issue or pull request comment, for assertions.
type Comment struct {
	ID    int64
	Issue int
	User  string
	Body  string
}

func (c *comment) snapshot() Comment {
	return Comment{ID: c.id, Issue: c.issue, User: c.user, Body: c.body}
}

// AddComment seeds a comment by user on an issue or pull request and returns its id.
func (r *Repo) AddComment(number int, user, body string) int64 {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	if r.issues[number] == nil {
		r.sim.t.Fatalf("ghsim: AddComment: %s has no issue or pull request #%d", r.FullName(), number)
	}
	return r.addComment(number, user, body).id
}

func (r *Repo) addComment(number int, user, body string) *comment {
	now := r.sim.now()
	c := &comment{id: r.sim.newID(), issue: number, user: user, body: body, created: now, updated: now}
	r.comments = append(r.comments, c)
	return c
}

// Comments returns the comments on an issue or pull request, oldest first.
func (r *Repo) Comments(number int) []Comment {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	var out []Comment
	for _, c := range r.commentsOn(number) {
		out = append(out, c.snapshot())
	}
	return out
}

// DeleteComment removes a comment, as a person deleting it in the web interface would;
// it reports whether the comment existed.
func (r *Repo) DeleteComment(id int64) bool {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	return r.deleteComment(id)
}

func (r *Repo) deleteComment(id int64) bool {
	for i, c := range r.comments {
		if c.id == id {
			r.comments = append(r.comments[:i], r.comments[i+1:]...)
			return true
		}
	}
	return false
}

func (r *Repo) commentsOn(number int) []*comment {
	var out []*comment
	for _, c := range r.comments {
		if c.issue == number {
			out = append(out, c)
		}
	}
	return out
}

func (r *Repo) findComment(id int64) *comment {
	for _, c := range r.comments {
		if c.id == id {
			return c
		}
	}
	return nil
}

func (r *Repo) commentJSON(c *comment) map[string]any {
	return map[string]any{
		"id":                 c.id,
		"node_id":            nodeID("IssueComment", c.id),
		"url":                fmt.Sprintf("%s/issues/comments/%d", r.apiURL(), c.id),
		"html_url":           fmt.Sprintf("%s/pull/%d#issuecomment-%d", r.htmlURL(), c.issue, c.id),
		"issue_url":          fmt.Sprintf("%s/issues/%d", r.apiURL(), c.issue),
		"body":               c.body,
		"user":               r.sim.userJSON(c.user),
		"created_at":         stamp(c.created),
		"updated_at":         stamp(c.updated),
		"author_association": r.association(c.user),
	}
}

func (r *Repo) association(login string) string {
	switch r.collabs[strings.ToLower(login)] {
	case "":
		return "NONE"
	case "admin":
		if strings.EqualFold(login, r.owner) {
			return "OWNER"
		}
		return "MEMBER"
	default:
		return "COLLABORATOR"
	}
}

func handleListComments(req *request) response {
	number, resp, ok := issueNumber(req)
	if !ok {
		return resp
	}
	var items []map[string]any
	for _, c := range req.repo.commentsOn(number) {
		items = append(items, req.repo.commentJSON(c))
	}
	return listResponse(req, items)
}

type commentBody struct {
	Body *string `json:"body"`
}

func (b commentBody) check() (response, bool) {
	if b.Body == nil {
		return validationFailed("Invalid request.\n\n\"body\" wasn't supplied.", fieldError("IssueComment", "body", "missing_field")), false
	}
	if utf8.RuneCountInString(*b.Body) > maxCommentBody {
		return validationFailed("Validation Failed", map[string]any{
			"resource": "IssueComment", "code": "unprocessable", "field": "data",
			"message": fmt.Sprintf("Body is too long (maximum is %d characters)", maxCommentBody),
		}), false
	}
	return response{}, true
}

func handleCreateComment(req *request) response {
	number, resp, ok := issueNumber(req)
	if !ok {
		return resp
	}
	var in commentBody
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	if resp, ok := in.check(); !ok {
		return resp
	}
	c := req.repo.addComment(number, req.token.Login, *in.Body)
	return created(req.repo.commentJSON(c)).with("Location", fmt.Sprintf("%s/issues/comments/%d", req.repo.apiURL(), c.id))
}

func handleGetComment(req *request) response {
	c, resp, ok := commentParam(req)
	if !ok {
		return resp
	}
	return okJSON(req.repo.commentJSON(c))
}

func handleUpdateComment(req *request) response {
	c, resp, ok := commentParam(req)
	if !ok {
		return resp
	}
	var in commentBody
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	if resp, ok := in.check(); !ok {
		return resp
	}
	c.body = *in.Body
	c.updated = req.repo.sim.now()
	return okJSON(req.repo.commentJSON(c))
}

func handleDeleteComment(req *request) response {
	c, resp, ok := commentParam(req)
	if !ok {
		return resp
	}
	req.repo.deleteComment(c.id)
	return noContent()
}

func commentParam(req *request) (*comment, response, bool) {
	id, err := strconv.ParseInt(req.param("comment_id"), 10, 64)
	if err != nil {
		return nil, notFound(), false
	}
	c := req.repo.findComment(id)
	if c == nil {
		return nil, notFound(), false
	}
	return c, response{}, true
}

func issueNumber(req *request) (int, response, bool) {
	n, err := strconv.Atoi(req.param("issue_number"))
	if err != nil || req.repo.issues[n] == nil {
		return 0, notFound(), false
	}
	return n, response{}, true
}
