package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// CommentMarker starts every deploy comment, so tools (and people) can find them.
const CommentMarker = "<!-- stelvio-action:deploy -->"

// Report limits keep a comment far below GitHub's 65,536 characters.
const (
	maxOutputRows   = 50
	maxValueRunes   = 300
	maxErrorRunes   = 2000
	maxShippedRunes = 30000
)

// report sets the Deployment's final status, comments on the merged pull request and writes
// the job summary. Failures here are warnings: the deploy itself is over.
func (r *run) report(ctx context.Context, deployErr error) {
	if deployErr == nil {
		r.deps.Log.Infof("Deployed %s to %s in %s: %s", r.res.App, r.res.Target.Env, r.res.Duration.Round(time.Second), countsText(r.res.Counts))
	}
	body := r.deps.Log.Mask(r.render(deployErr))
	r.setFinalStatus(ctx, deployErr)
	if r.cfg.Comment {
		r.comment(ctx, body)
	}
	if err := r.deps.Outputs.AddStepSummary(body); err != nil {
		r.deps.Log.Warningf("job summary: %v", err)
	}
}

func (r *run) setFinalStatus(ctx context.Context, deployErr error) {
	st := DeploymentStatus{State: "success", LogURL: r.cfg.RunURL, Description: "Deployed: " + countsText(r.res.Counts)}
	switch {
	case deployErr == nil:
		if name := r.rc.EnvironmentURLOutput; name != "" {
			if url, ok := r.res.Outputs.Lookup(name); ok && (strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")) {
				st.EnvURL = url
			} else {
				r.deps.Log.Warningf("%s: environment_url_output %q is not an output with a URL value", RepoConfigPath, name)
			}
		}
	case errors.Is(deployErr, context.Canceled):
		st.State, st.Description = "error", "Cancelled"
	default:
		st.State, st.Description = "failure", r.res.FirstError
	}
	st.Description = r.deps.Log.Mask(firstLine(st.Description))
	r.setStatus(ctx, st)
}

// setStatus adds a status to the run's Deployment, if it has one.
func (r *run) setStatus(ctx context.Context, st DeploymentStatus) {
	if r.res.DeploymentID == 0 {
		return
	}
	if err := r.deps.GitHub.SetDeploymentStatus(ctx, r.res.DeploymentID, st); err != nil {
		r.deps.Log.Warningf("%v", err)
	}
}

func (r *run) comment(ctx context.Context, body string) {
	t := r.res.Target
	number, found, err := r.deps.GitHub.MergedPullRequest(ctx, t.SHA, t.Branch)
	if err != nil {
		r.deps.Log.Warningf("find the pull request merged as %s: %v", shortSHA(t.SHA), err)
		return
	}
	if !found {
		r.deps.Log.Infof("No merged pull request for %s: no comment", shortSHA(t.SHA))
		return
	}
	r.res.PullRequest = number
	url, err := r.deps.GitHub.CreateComment(ctx, number, body)
	if err != nil {
		r.deps.Log.Warningf("%v", err)
		return
	}
	r.res.CommentURL = url
}

// render is the report, Markdown, for the comment and the job summary alike.
func (r *run) render(deployErr error) string {
	t, res := r.res.Target, r.res
	var b strings.Builder
	b.WriteString(CommentMarker + "\n")
	app := res.App
	if app == "" {
		app = "the app"
	} else {
		app = "`" + mdCode(app) + "`"
	}
	if deployErr == nil {
		fmt.Fprintf(&b, "### ✅ Deployed %s to `%s`\n\n", app, mdCode(t.Env))
	} else {
		fmt.Fprintf(&b, "### ❌ Deploy of %s to `%s` failed\n\n", app, mdCode(t.Env))
	}
	fmt.Fprintf(&b, "Commit `%s` of `%s`", shortSHA(t.SHA), mdCode(t.Branch))
	if res.Account != "" {
		fmt.Fprintf(&b, " · AWS account `%s`", res.Account)
	}
	fmt.Fprintf(&b, " · %s", res.Duration.Round(time.Second))
	if r.cfg.RunURL != "" {
		fmt.Fprintf(&b, " · [run log](%s)", r.cfg.RunURL)
	}
	b.WriteString("\n\n")
	if res.LockWaits > 0 {
		fmt.Fprintf(&b, "Waited %d time(s) for Stelvio's state lock.\n\n", res.LockWaits)
	}
	c := res.Counts
	b.WriteString("| created | updated | replaced | deleted | failed |\n|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| %d | %d | %d | %d | %d |\n\n", c.Created, c.Updated, c.Replaced, c.Deleted, c.Failed)
	if deployErr != nil {
		fmt.Fprintf(&b, "**First error**\n\n```text\n%s\n```\n\n", strings.ReplaceAll(cut(res.FirstError, maxErrorRunes), "```", "`‵`"))
	}
	r.renderOutputs(&b)
	if s := strings.TrimSpace(r.cfg.ShippedChanges); s != "" {
		fmt.Fprintf(&b, "#### Link changes shipped\n\n%s\n\n", cut(s, maxShippedRunes))
	}
	return b.String()
}

func (r *run) renderOutputs(b *strings.Builder) {
	flat := r.res.Outputs.Flat()
	if len(flat) == 0 {
		return
	}
	b.WriteString("#### Outputs\n\n| output | value |\n|---|---|\n")
	for i, o := range flat {
		if i == maxOutputRows {
			fmt.Fprintf(b, "| …and %d more | |\n", len(flat)-i)
			break
		}
		fmt.Fprintf(b, "| `%s` | `%s` |\n", mdCode(o.Key), mdCode(cut(o.Value, maxValueRunes)))
	}
	b.WriteString("\n")
}

// mdCode makes s safe inside a one-line code span in a table cell.
func mdCode(s string) string {
	s = strings.NewReplacer("`", "'", "|", "\\|", "\r", " ", "\n", " ").Replace(s)
	return s
}

func countsText(c Counts) string {
	return fmt.Sprintf("%d created, %d updated, %d replaced, %d deleted", c.Created, c.Updated, c.Replaced, c.Deleted)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
