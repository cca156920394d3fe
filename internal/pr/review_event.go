package pr

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Event is what the review reads of the webhook payload that started the run.
type Event struct {
	Name   string // pull_request, pull_request_target, pull_request_review
	Action string // opened, synchronize, reopened, labeled, unlabeled, submitted, …

	Number   int
	State    string // open, closed
	HeadSHA  string
	HeadRef  string
	HeadRepo string // owner/name; "" when the fork was deleted
	BaseSHA  string
	BaseRef  string
	BaseRepo string
	Labels   []string // the pull request's labels when the event was sent

	Sender string // who caused the event: pushed, labelled, reviewed
	Label  string // labeled and unlabeled: the label
	Before string // synchronize: the head before the push

	Review *EventReview // pull_request_review
}

// EventReview is the review of a pull_request_review event.
type EventReview struct {
	ID       int64
	User     string
	State    string // upper case, as the REST API spells it: APPROVED, …
	CommitID string
}

// Fork reports whether the pull request comes from another repository (or from a deleted
// one): its branch cannot be pushed to, and on pull_request its token is read-only.
func (e *Event) Fork() bool { return !strings.EqualFold(e.HeadRepo, e.BaseRepo) }

// PullRequestEvents are the events the review runs on.
var PullRequestEvents = []string{"pull_request", "pull_request_target", "pull_request_review"}

type payloadUser struct {
	Login string `json:"login"`
}

type payloadSide struct {
	SHA  string `json:"sha"`
	Ref  string `json:"ref"`
	Repo *struct {
		FullName string `json:"full_name"`
	} `json:"repo"`
}

type payload struct {
	Action      string `json:"action"`
	Number      int    `json:"number"`
	Before      string `json:"before"`
	PullRequest *struct {
		Number int         `json:"number"`
		State  string      `json:"state"`
		Head   payloadSide `json:"head"`
		Base   payloadSide `json:"base"`
		Labels []struct {
			Name string `json:"name"`
		} `json:"labels"`
	} `json:"pull_request"`
	Label *struct {
		Name string `json:"name"`
	} `json:"label"`
	Review *struct {
		ID       int64       `json:"id"`
		User     payloadUser `json:"user"`
		State    string      `json:"state"`
		CommitID string      `json:"commit_id"`
	} `json:"review"`
	Sender payloadUser `json:"sender"`
}

// ParseEvent reads a pull_request, pull_request_target or pull_request_review payload.
func ParseEvent(name string, raw []byte) (*Event, error) {
	var p payload
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("%s event payload: %w", name, err)
	}
	if p.PullRequest == nil {
		return nil, fmt.Errorf("the %s event payload has no pull_request", name)
	}
	pr := p.PullRequest
	e := &Event{
		Name: name, Action: p.Action, Number: pr.Number, State: pr.State,
		HeadSHA: pr.Head.SHA, HeadRef: pr.Head.Ref, BaseSHA: pr.Base.SHA, BaseRef: pr.Base.Ref,
		Sender: p.Sender.Login, Before: p.Before,
	}
	if pr.Head.Repo != nil {
		e.HeadRepo = pr.Head.Repo.FullName
	}
	if pr.Base.Repo != nil {
		e.BaseRepo = pr.Base.Repo.FullName
	}
	for _, l := range pr.Labels {
		e.Labels = append(e.Labels, l.Name)
	}
	if p.Label != nil {
		e.Label = p.Label.Name
	}
	if p.Review != nil {
		e.Review = &EventReview{ID: p.Review.ID, User: p.Review.User.Login, State: strings.ToUpper(p.Review.State), CommitID: p.Review.CommitID}
	}
	if e.Number == 0 || !isSHA(e.HeadSHA) || !isSHA(e.BaseSHA) || e.BaseRepo == "" {
		return nil, fmt.Errorf("the %s event payload lacks the pull request's number, head and base", name)
	}
	return e, nil
}

func isSHA(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
