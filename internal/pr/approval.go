package pr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

type approvalAPI interface {
	Reviews(ctx context.Context, number int) ([]github.Review, error)
	Permission(ctx context.Context, login string) (string, error)
}

// Fingerprint names a set of broadened grants; "" for none. An approval is recorded with
// the fingerprint and the digest of each grant it covers (grantsText).
func Fingerprint(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	sum := sha256.Sum256([]byte(strings.Join(sorted, "\n")))
	return hex.EncodeToString(sum[:])[:20]
}

// Approval is whether the broadened grants of a head are approved, and by whom.
type Approval struct {
	Fingerprint string // of the broadened grants; "" when nothing is broadened
	Approved    bool
	By          string // the approver's login
	Via         string // "review" or "label"
	// Notes say why a review or label did not count (the user lacks write access, …).
	Notes []string
}

// externalID records the approval on the stelvio/permissions check run, where only the
// workflow's token can write it: a later run reads it back to carry an approval over
// pushes that broaden nothing new.
func (a Approval) externalID() string {
	approved, via := "-", "-"
	if a.Approved && a.Fingerprint != "" {
		approved, via = a.Fingerprint, a.Via+":"+a.By
	}
	fp := a.Fingerprint
	if fp == "" {
		fp = "-"
	}
	return fmt.Sprintf("stelvio/v1 broadened=%s approved=%s via=%s", fp, approved, via)
}

// grantsMarker starts the hidden line of a stelvio/permissions run's text that lists the
// digest of each broadened grant. An approval covers later heads whose broadened grants are
// all among those of the head it was given on: a push that only removes grants keeps it, one
// that adds any grant (even one it removed before) needs a new one. The fingerprint alone
// could only tell "the same set" from "another set".
const grantsMarker = "<!-- stelvio-action broadened grants:"

// grantDigests names each grant by a short hash: the list stays small, and the grants are in
// the run's summary for people anyway.
func grantDigests(keys []string) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		sum := sha256.Sum256([]byte(k))
		out = append(out, hex.EncodeToString(sum[:])[:12])
	}
	sort.Strings(out)
	return out
}

// grantsText is the hidden line recording keys; "" for none.
func grantsText(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return grantsMarker + " " + strings.Join(grantDigests(keys), " ") + " -->"
}

// covers reports whether the grants recorded on run include every one of keys. A run from
// before grants were recorded covers exactly the set of its fingerprint.
func covers(run *github.CheckRun, rec recordedApproval, fp string, keys []string) bool {
	rest, found := strings.CutPrefix(run.Text, grantsMarker)
	line, _, closed := strings.Cut(rest, "-->")
	if !found || !closed {
		return rec.broadened == fp
	}
	recorded := map[string]bool{}
	for _, d := range strings.Fields(line) {
		recorded[d] = true
	}
	for _, d := range grantDigests(keys) {
		if !recorded[d] {
			return false
		}
	}
	return true
}

// recordedApproval reads an externalID back.
type recordedApproval struct {
	broadened, approved, via, by string
}

func parseApprovalID(id string) (recordedApproval, bool) {
	f := strings.Fields(id)
	if len(f) != 4 || f[0] != "stelvio/v1" {
		return recordedApproval{}, false
	}
	var r recordedApproval
	for _, kv := range f[1:] {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "broadened":
			r.broadened = v
		case "approved":
			r.approved = v
		case "via":
			r.via, r.by, _ = strings.Cut(v, ":")
		}
	}
	return r, true
}

// approver decides approval for one run.
type approver struct {
	api    approvalAPI
	checks *checkRuns
	event  *Event
	label  string            // the approval-label input
	perms  map[string]string // login → permission, asked once each
	number int

	reviews   map[string]github.Review // listed once, when needed
	reviewers []string
}

// writer reports whether login may approve: admin, maintain or write permission (GitHub
// reports maintain as write).
func (a *approver) writer(ctx context.Context, login string) (bool, error) {
	if login == "" {
		return false, nil
	}
	p, ok := a.perms[login]
	if !ok {
		var err error
		if p, err = a.api.Permission(ctx, login); err != nil {
			return false, err
		}
		a.perms[login] = p
	}
	return p == "admin" || p == "write", nil
}

// decide finds an approval of the broadened grants keys on head, looking in order at: an
// approval recorded by an earlier run on this head or the commits before it (carried), the
// event itself (a review or the label just added), then the pull request's reviews.
func (a *approver) decide(ctx context.Context, keys []string, heads []string) (Approval, error) {
	fp := Fingerprint(keys)
	out := Approval{Fingerprint: fp}
	if fp == "" {
		return out, nil
	}
	by, via, ok, err := a.carried(ctx, fp, keys, heads)
	if err != nil {
		return out, err
	}
	if ok && via == "review" {
		// The reviewer may have changed their mind since: a later request for changes,
		// or a dismissal, withdraws what their approval gave.
		if ok, err = a.stillApproves(ctx, by); err != nil {
			return out, err
		}
	}
	if ok {
		out.Approved, out.By, out.Via = true, by, via
		return out, nil
	}
	if ok, err := a.fromEvent(ctx, &out, heads[0]); err != nil || ok {
		return out, err
	}
	return out, a.fromReviews(ctx, &out, fp, keys, heads[0])
}

// carried looks for an approval covering keys recorded on the stelvio/permissions run of
// one of the commits. Removing the approval label withdraws an approval the label gave, and
// dismissing a review the approval that review gave.
func (a *approver) carried(ctx context.Context, fp string, keys []string, commits []string) (by, via string, ok bool, err error) {
	ev := a.event
	withdrawn := func(rec recordedApproval) bool {
		if ev.Action == "unlabeled" && strings.EqualFold(ev.Label, a.label) && rec.via == "label" {
			return true
		}
		return ev.Action == "dismissed" && ev.Review != nil && rec.via == "review" && strings.EqualFold(rec.by, ev.Review.User)
	}
	for _, sha := range commits {
		if sha == "" {
			continue
		}
		run, err := a.checks.named(ctx, sha, CheckPermissions)
		if err != nil || run == nil {
			if err != nil {
				return "", "", false, err
			}
			continue
		}
		rec, valid := parseApprovalID(run.ExternalID)
		if !valid || rec.approved == "-" || rec.approved != rec.broadened || !covers(run, rec, fp, keys) || withdrawn(rec) {
			continue
		}
		return rec.by, rec.via, true, nil
	}
	return "", "", false, nil
}

func (a *approver) fromEvent(ctx context.Context, out *Approval, head string) (bool, error) {
	ev := a.event
	switch {
	case ev.Action == "labeled" && strings.EqualFold(ev.Label, a.label):
		ok, err := a.writer(ctx, ev.Sender)
		if err != nil {
			return false, err
		}
		if !ok {
			out.Notes = append(out.Notes, fmt.Sprintf("@%s added the label `%s` but lacks write access to the repository, so it approves nothing", ev.Sender, a.label))
			return false, nil
		}
		out.Approved, out.By, out.Via = true, ev.Sender, "label"
		return true, nil
	case ev.Review != nil && ev.Review.State == "APPROVED" && ev.Review.CommitID == head:
		ok, err := a.writer(ctx, ev.Review.User)
		if err != nil || !ok {
			return false, err
		}
		out.Approved, out.By, out.Via = true, ev.Review.User, "review"
		return true, nil
	}
	return false, nil
}

func (a *approver) stillApproves(ctx context.Context, login string) (bool, error) {
	latest, _, err := a.latestReviews(ctx)
	if err != nil {
		return false, err
	}
	r, ok := latest[strings.ToLower(login)]
	return ok && r.State == "APPROVED", nil
}

// latestReviews is each reviewer's latest verdict (comments are no verdict), keyed by
// lower-cased login, with the reviewers in the order they first gave one.
func (a *approver) latestReviews(ctx context.Context) (map[string]github.Review, []string, error) {
	if a.reviews == nil {
		reviews, err := a.api.Reviews(ctx, a.number)
		if err != nil {
			return nil, nil, err
		}
		a.reviews = map[string]github.Review{}
		for _, r := range reviews {
			switch r.State {
			case "APPROVED", "CHANGES_REQUESTED", "DISMISSED":
				key := strings.ToLower(r.User)
				if _, seen := a.reviews[key]; !seen {
					a.reviewers = append(a.reviewers, key)
				}
				a.reviews[key] = r
			}
		}
	}
	return a.reviews, a.reviewers, nil
}

// fromReviews counts each reviewer's latest verdict. An approval given on an earlier commit
// still counts when that commit broadened every grant broadened now.
func (a *approver) fromReviews(ctx context.Context, out *Approval, fp string, keys []string, head string) error {
	latest, order, err := a.latestReviews(ctx)
	if err != nil {
		return err
	}
	for _, key := range order {
		r := latest[key]
		if r.State != "APPROVED" {
			continue
		}
		user := r.User
		if r.CommitID != head {
			run, err := a.checks.named(ctx, r.CommitID, CheckPermissions)
			if err != nil {
				return err
			}
			rec, valid := parseApprovalID(runExternalID(run))
			if !valid || !covers(run, rec, fp, keys) {
				out.Notes = append(out.Notes, fmt.Sprintf("@%s approved an earlier commit, %s, before these permissions were broadened", user, abbrev(r.CommitID)))
				continue
			}
		}
		ok, err := a.writer(ctx, user)
		if err != nil {
			return err
		}
		if !ok {
			out.Notes = append(out.Notes, fmt.Sprintf("@%s approved but lacks write access to the repository", user))
			continue
		}
		out.Approved, out.By, out.Via = true, user, "review"
		return nil
	}
	return nil
}

func runExternalID(run *github.CheckRun) string {
	if run == nil {
		return ""
	}
	return run.ExternalID
}
