package pr

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Budgets, in bytes (a byte count bounds GitHub's character count from above).
const (
	// CommentBudget keeps a PR comment clear of GitHub's 65,536-character limit.
	CommentBudget = 60_000
	// SummaryBudget is GitHub's limit for one step's job summary.
	SummaryBudget = 1 << 20
)

// Options say how to render a report.
type Options struct {
	AppName string // the app's name in the marker and heading; default: the report's
	Env     string // default: the report's
	BaseSHA string
	HeadSHA string
	// MergeBaseOf names the base branch when BaseSHA is the merge base with it (what
	// GitHub's "Files changed" compares with) and not the branch's head.
	MergeBaseOf string
	// MergeBaseMissing names the base branch when BaseSHA is its head because the merge
	// base could not be found: one line warns that its later changes may show as undone.
	MergeBaseMissing string
	ShowValues       bool // show literal env values instead of masking them
	Budget           int  // the most bytes the Markdown may take; 0 means CommentBudget
	// MoreHint says where rows cut for size can be read; default: the job summary and the
	// JSON report.
	MoreHint string
}

func (o Options) withDefaults(r *Report) Options {
	if o.AppName == "" {
		o.AppName = r.App
	}
	if o.Env == "" {
		o.Env = r.Env
	}
	if o.Budget <= 0 {
		o.Budget = CommentBudget
	}
	if o.MoreHint == "" {
		o.MoreHint = "the job summary and the JSON report have them all"
	}
	return o
}

// Marker is the hidden first line that finds the comment of one app and env again. Bytes
// other than letters, digits, '.', '_' and '-' are percent-encoded so no name can end the
// HTML comment.
func Marker(app, env string) string {
	return "<!-- stelvio-action:" + markerPart(app) + ":" + markerPart(env) + " -->"
}

func markerPart(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Markdown renders the report for a PR comment or a job summary. Sections are filled in
// priority order (summary, warnings, broadened, IAM, managed policies, env, files,
// unresolved) and each is cut with "…and N more" once the budget runs out, so the summary
// and the warnings always show.
func Markdown(r *Report, opts Options) string {
	opts = opts.withDefaults(r)
	sum := r.Summary()
	var b bytes.Buffer
	b.Grow(min(opts.Budget, 4096+300*(len(r.IAM)+len(r.EnvVars)+len(r.Policies)+len(r.Unresolved))+filesSize(r)))
	b.WriteString(Marker(opts.AppName, opts.Env) + "\n")
	fmt.Fprintf(&b, "### 🔗 Stelvio links · %s · env %s\n\n", code(opts.AppName, false), code(opts.Env, false))
	if branch := opts.MergeBaseMissing; branch != "" {
		fmt.Fprintf(&b, "_Compared with the head of %s: the merge base could not be found, so changes made on %[1]s since this branch left it may show as undone._\n\n", code(branch, false))
	}
	footer := footerLine(r, opts) + "\n"
	if !sum.HasChanges() {
		b.WriteString("✅ **No link changes.**\n\n")
		b.WriteString(warnings(r, sum))
		b.WriteString(footer)
		return b.String()
	}
	b.WriteString("**" + summaryLine(sum) + "**\n\n")
	b.WriteString(warnings(r, sum))
	sections := []section{
		broadenedSection(r),
		iamSection(r),
		policySection(r),
		envSection(r, opts),
		filesSection(r),
		unresolvedSection(r),
	}
	fill(&b, sections, opts.Budget-len(footer), opts.MoreHint)
	b.WriteString(footer)
	return b.String()
}

func filesSize(r *Report) int {
	n := 0
	for _, f := range r.Files {
		n += 100 + len(f.Diff)
	}
	return n
}

func summaryLine(s Summary) string {
	parts := []string{
		fmt.Sprintf("functions +%d / −%d", s.FunctionsAdded, s.FunctionsRemoved),
		fmt.Sprintf("IAM +%d / −%d", s.IAMAdded, s.IAMRemoved),
	}
	if s.PoliciesAdded+s.PoliciesRemoved > 0 {
		parts = append(parts, fmt.Sprintf("managed policies +%d / −%d", s.PoliciesAdded, s.PoliciesRemoved))
	}
	if s.Broadened > 0 {
		parts = append(parts, fmt.Sprintf("⚠️ %d broadened", s.Broadened))
	}
	parts = append(parts, fmt.Sprintf("env +%d / −%d / ~%d", s.EnvAdded, s.EnvRemoved, s.EnvChanged))
	if s.Files > 0 {
		parts = append(parts, plural(s.Files, "generated file", "generated files"))
	}
	if s.Unresolved > 0 {
		parts = append(parts, fmt.Sprintf("%d new unresolved", s.Unresolved))
	}
	return strings.Join(parts, " · ")
}

func warnings(r *Report, s Summary) string {
	var b strings.Builder
	if s.Broadened > 0 {
		fmt.Fprintf(&b, "> [!WARNING]\n> **Permissions broadened:** %s the base revision did not give (listed below, marked ⚠️). Review them before merging.\n\n",
			plural(s.Broadened, "grant", "grants"))
	}
	if r.Incomplete {
		b.WriteString("> [!NOTE]\n> Parts of this app cannot be resolved statically, so this diff may miss changes there (new items are listed under *Unresolved*).\n\n")
	}
	return b.String()
}

var hexSHA = regexp.MustCompile(`^[0-9a-f]{12,64}$`)

func footerLine(r *Report, opts Options) string {
	var parts []string
	if opts.BaseSHA != "" || opts.HeadSHA != "" {
		base := "base " + shortRev(opts.BaseSHA)
		if opts.MergeBaseOf != "" {
			base = "merge base " + shortRev(opts.BaseSHA) + " of " + code(opts.MergeBaseOf, false)
		}
		parts = append(parts, base+" → head "+shortRev(opts.HeadSHA))
	}
	if r.IAMData != "" {
		parts = append(parts, "access levels: "+code(r.IAMData, false))
	}
	parts = append(parts, "stelvio-action")
	return "<sub>" + strings.Join(parts, " · ") + "</sub>"
}

func shortRev(rev string) string {
	if rev == "" {
		return "?"
	}
	if hexSHA.MatchString(rev) {
		rev = rev[:7]
	}
	return code(rev, false)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sign is the ± cell of a row.
func sign(c Change, broadened bool) string {
	s := map[Change]string{Added: "+", Removed: "−", Changed: "~", Unsure: "?"}[c]
	if broadened {
		s += " ⚠️"
	}
	return s
}

func row(cells ...string) string {
	return "| " + strings.Join(cells, " | ") + " |\n"
}

func tableHead(cols ...string) string {
	return row(cols...) + "|" + strings.Repeat("---|", len(cols)) + "\n"
}

// linkCell names the links that grant a row.
func linkCell(links []string) string {
	cells := make([]string, len(links))
	for i, l := range links {
		cells[i] = code(l, true)
	}
	return strings.Join(cells, ", ")
}
