package pr

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/pr/github"
	"github.com/stelvio-action/stelvio-action/internal/udiff"
)

// The labels the review keeps in sync when the labels input is on.
const (
	LabelBroadened  = "stelvio:iam-broadened"
	LabelEnvChanged = "stelvio:env-changed"
	LabelNoChanges  = "stelvio:no-link-changes"
)

type labelsAPI interface {
	AddLabels(ctx context.Context, number int, names ...string) error
	RemoveLabel(ctx context.Context, number int, name string) error
}

// approve decides whether broadened grants are approved. It only asks GitHub when the
// answer matters: for the check run, or for fail-on-broadened.
func (s *reviewRun) approve(ctx context.Context) {
	keys := s.broadenedKeys()
	fp := Fingerprint(keys)
	s.out.Approval = Approval{Fingerprint: fp}
	if fp == "" || s.API == nil || !(s.writable() || s.Inputs.FailOnBroadened) {
		return
	}
	a := &approver{api: s.API, checks: s.checks, event: s.Event, label: s.Inputs.ApprovalLabel, perms: map[string]string{}, number: s.number}
	heads := []string{s.final, s.headSHA}
	if s.Event.Action == "synchronize" && s.Event.Before != "" {
		heads = append(heads, s.Event.Before)
	}
	ap, err := a.decide(ctx, keys, slices.Compact(heads))
	if err != nil && !s.deny(err, "reading reviews and permissions for the approval", "pull-requests: read") {
		s.fail(fmt.Errorf("deciding approval: %w", err))
	}
	s.out.Approval = ap
}

// render draws each app's diff for the final head.
func (s *reviewRun) render() {
	for _, a := range s.apps {
		if a.Diff == nil {
			continue
		}
		req := RenderRequest{AppName: a.Name, Env: a.Env, BaseSHA: s.compared, HeadSHA: s.final, MergeBaseOf: s.mergeBaseOf(), ShowValues: s.Inputs.ShowValues}
		if s.noMergeBase {
			req.MergeBaseMissing = s.branchName()
		}
		r, err := a.Diff.Render(req)
		if err != nil {
			a.Err = fmt.Errorf("render: %w", err)
			s.fail(fmt.Errorf("app %s: %w", a.Dir, a.Err))
			continue
		}
		a.Rendered = r
	}
}

// publish writes comments, check runs and labels, as far as the token allows.
func (s *reviewRun) publish(ctx context.Context) {
	if s.readOnlyFork() && !s.Check {
		s.Log.Noticef("This pull request comes from a fork, and GitHub runs pull_request workflows of forks with a read-only token: " +
			"no comment, check runs or commit. The review is in the job summary and report.json; " +
			"to comment on fork pull requests, add the workflow_run recipe (docs/workflow-run.md).")
	}
	if !s.writable() {
		return
	}
	if s.Inputs.Comment {
		s.postComments(ctx)
	}
	s.setChecks(ctx)
	if s.Inputs.Labels {
		s.syncLabels(ctx)
	}
}

func (s *reviewRun) postComments(ctx context.Context) {
	cs := &comments{api: s.API, number: s.number}
	for _, a := range s.apps {
		if a.Rendered.Comment == "" {
			continue
		}
		marker, _, _ := strings.Cut(a.Rendered.Comment, "\n")
		res, err := cs.post(ctx, Sticky{Marker: marker, Body: a.Rendered.Comment, Create: a.Diff.Changed || len(a.Stale) > 0})
		if err != nil {
			if !s.deny(err, "the comment", "pull-requests: write") {
				s.fail(err)
			}
			return
		}
		if res.ID != 0 {
			s.out.CommentIDs = append(s.out.CommentIDs, res.ID)
		}
		s.Log.Infof("Comment for %s: %s.", a.Name, res.Action)
	}
}

func (s *reviewRun) setChecks(ctx context.Context) {
	links := s.linksCheck()
	// A head we regenerated keeps saying so: "in sync" on it is no news worth a call.
	keepRegenerated := func(have github.CheckRun) bool {
		return links.Conclusion == "success" && have.Conclusion == "success" && have.ExternalID == links.ExternalID &&
			strings.HasPrefix(have.Title, "Regenerated ")
	}
	for _, c := range []struct {
		run  github.CheckRun
		keep func(github.CheckRun) bool
	}{{links, keepRegenerated}, {s.permissionsCheck(), nil}} {
		if _, err := s.checks.set(ctx, c.run, c.keep); err != nil {
			if !s.deny(err, "the check runs", "checks: write") {
				s.fail(err)
			}
			return
		}
	}
}

func (s *reviewRun) syncLabels(ctx context.Context) {
	want := []struct {
		name string
		on   bool
	}{
		{LabelBroadened, s.out.Broadened},
		{LabelEnvChanged, s.out.EnvChanged},
		{LabelNoChanges, !s.out.Changed},
	}
	var add []string
	for _, w := range want {
		has := slices.ContainsFunc(s.labels, func(l string) bool { return strings.EqualFold(l, w.name) })
		var err error
		switch {
		case w.on && !has:
			add = append(add, w.name)
		case !w.on && has:
			err = s.API.RemoveLabel(ctx, s.number, w.name)
		}
		if err != nil {
			if !s.deny(err, "the labels", "pull-requests: write") {
				s.fail(err)
			}
			return
		}
	}
	if len(add) > 0 {
		if err := s.API.AddLabels(ctx, s.number, add...); err != nil && !s.deny(err, "the labels", "pull-requests: write") {
			s.fail(err)
		}
	}
}

// failedApps lists the apps that could not be read, one line each.
func (s *reviewRun) failedApps() []string {
	var out []string
	for _, a := range s.apps {
		if a.Err != nil {
			out = append(out, fmt.Sprintf("- `%s`: %v", a.Dir, a.Err))
		}
	}
	return out
}

func (s *reviewRun) linksCheck() github.CheckRun {
	run := github.CheckRun{Name: CheckLinks, HeadSHA: s.final, DetailsURL: s.RunURL, ExternalID: "stelvio/v1"}
	var unknown []string
	for _, a := range s.apps {
		for _, p := range a.Unknown {
			unknown = append(unknown, "- `"+a.repoPath(p)+"`")
		}
	}
	switch failed := s.failedApps(); {
	case len(failed) > 0:
		run.Conclusion, run.Title = "failure", countOf(len(failed), "app cannot be read", "apps cannot be read")
		run.Summary = "The generated files cannot be checked:\n\n" + strings.Join(failed, "\n")
	case len(s.out.Stale) > 0 && s.regen.Committed != "":
		run.Conclusion = "success"
		run.Title = fmt.Sprintf("Regenerated %s in %s", countOf(len(s.out.Stale), "file", "files"), abbrev(s.regen.Committed))
		run.Summary = "stelvio-action committed what Stelvio writes:\n\n" + s.staleList()
	case len(s.out.Stale) > 0:
		run.Conclusion = "failure"
		run.Title = countOf(len(s.out.Stale), "stale generated file", "stale generated files")
		run.Summary = "These files differ from what Stelvio writes for this head:\n\n" + s.staleList() +
			"\n\nThey were not committed: " + s.regen.Why + ". Apply the patch below (also in the job summary), " +
			"or regenerate them locally with `stelvio-action generate`."
		run.Text = diffBlock(s.patch())
	case len(unknown) > 0:
		run.Conclusion = "neutral"
		run.Title = countOf(len(unknown), "generated file cannot be checked statically", "generated files cannot be checked statically")
		run.Summary = "Their content depends on what cannot be resolved without running the app:\n\n" + strings.Join(unknown, "\n")
	default:
		run.Conclusion, run.Title = "success", "Generated files are in sync"
		run.Summary = "Every stlv_resources.py is what Stelvio writes for this head."
	}
	return run
}

func (s *reviewRun) permissionsCheck() github.CheckRun {
	ap := s.out.Approval
	keys := s.broadenedKeys()
	run := github.CheckRun{Name: CheckPermissions, HeadSHA: s.final, DetailsURL: s.RunURL, ExternalID: ap.externalID(), Text: grantsText(keys)}
	switch failed := s.failedApps(); {
	case len(failed) > 0:
		run.Conclusion, run.Title = "failure", countOf(len(failed), "app cannot be read", "apps cannot be read")
		run.Summary = "Their permissions cannot be judged:\n\n" + strings.Join(failed, "\n")
	case ap.Fingerprint == "":
		run.Conclusion, run.Title = "success", "No broadened permissions"
		run.Summary = "No link in this pull request grants a function more than the base does."
	case ap.Approved:
		run.Conclusion = "success"
		run.Title = fmt.Sprintf("Broadened permissions approved by @%s", ap.By)
		run.Summary = fmt.Sprintf("@%s approved (%s) these grants:\n\n%s", ap.By, ap.Via, bulletList(keys))
	default:
		run.Conclusion = "failure"
		run.Title = countOf(len(keys), "broadened grant needs approval", "broadened grants need approval")
		run.Summary = "This pull request grants more than the base does:\n\n" + bulletList(keys) +
			fmt.Sprintf("\n\nA user with write access approves them with an approving review, or by adding the label `%s`. "+
				"A later push that broadens anything more needs a new approval; one that only removes grants keeps it.", s.Inputs.ApprovalLabel)
		if len(ap.Notes) > 0 {
			run.Summary += "\n\n" + bulletList(ap.Notes)
		}
	}
	return run
}

func (s *reviewRun) staleList() string {
	var lines []string
	for _, a := range s.apps {
		for _, c := range a.Stale {
			lines = append(lines, fmt.Sprintf("- `%s` (%s)", a.repoPath(c.Path), c.Action))
		}
	}
	return strings.Join(lines, "\n")
}

// patch is the unified diff that brings the stale files up to date, applicable with
// `git apply` at the repository's root.
func (s *reviewRun) patch() string {
	var b strings.Builder
	for _, a := range s.apps {
		for _, c := range a.Stale {
			b.WriteString(udiff.Diff(a.repoPath(c.Path), c.Old, c.OldExists, c.New, c.Action == "write"))
		}
	}
	return b.String()
}

func bulletList(items []string) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("- " + it)
	}
	return b.String()
}

// diffBlock fences a patch for Markdown, with a fence longer than any run of backticks in
// it, so no file content can end the block early.
func diffBlock(patch string) string {
	longest, run := 0, 0
	for _, c := range patch {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	if !strings.HasSuffix(patch, "\n") {
		patch += "\n"
	}
	return fence + "diff\n" + patch + fence + "\n"
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
