package pr

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/linker"
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
	AppName    string // the app's name in the marker and heading; default: the report's
	Env        string // default: the report's
	BaseSHA    string
	HeadSHA    string
	ShowValues bool // show literal env values instead of masking them
	Budget     int  // the most bytes the Markdown may take; 0 means CommentBudget
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
		parts = append(parts, "base "+shortRev(opts.BaseSHA)+" → head "+shortRev(opts.HeadSHA))
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

func broadenedSection(r *Report) section {
	var changes []IAMChange
	for _, c := range r.IAM {
		if c.Broadened {
			changes = append(changes, c)
		}
	}
	groups := groupIAM(changes)
	var policies []PolicyChange
	for _, p := range r.Policies {
		if p.Broadened {
			policies = append(policies, p)
		}
	}
	return section{
		head:  "#### ⚠️ Broadened permissions\n\n" + tableHead("Function", "Action", "Resource", "Via link", "Access", "Risk", "Why"),
		end:   "\n",
		noun:  "broadened rows",
		count: len(groups) + len(policies),
		row: func(i int) string {
			if i >= len(groups) {
				p := policies[i-len(groups)]
				return row(code(p.Function, true), "_managed policy_", code(p.ARN, true), "—", "—", "—", "managed policy added")
			}
			g := groups[i]
			return row(code(g.function, true), actionCell(g), code(g.resource, true),
				linkCell(g.links), g.access, riskCell(g.risk), strings.Join(g.reasons, ", "))
		},
	}
}

func iamSection(r *Report) section {
	groups := groupIAM(r.IAM)
	return section{
		head:  "#### IAM permission changes\n\n" + tableHead("±", "Function", "Action", "Resource", "Via link", "Access", "Risk"),
		end:   "\n",
		noun:  "IAM rows",
		count: len(groups),
		row: func(i int) string {
			g := groups[i]
			return row(sign(g.change, g.broadened), code(g.function, true), actionCell(g),
				code(g.resource, true), linkCell(g.links), g.access, riskCell(g.risk))
		},
	}
}

func actionCell(g iamGroup) string {
	cell := code(strings.Join(g.actions, ", "), true)
	if !strings.EqualFold(g.effect, "Allow") {
		cell = "**" + text(g.effect) + "** " + cell
	}
	return cell
}

func riskCell(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return text(strings.Join(tags, ", "))
}

func policySection(r *Report) section {
	return section{
		head:  "#### Managed policy changes\n\n" + tableHead("±", "Function", "Managed policy ARN"),
		end:   "\n",
		noun:  "managed policy rows",
		count: len(r.Policies),
		row: func(i int) string {
			p := r.Policies[i]
			return row(sign(p.Change, p.Broadened), code(p.Function, true), code(p.ARN, true))
		},
	}
}

func envSection(r *Report, opts Options) section {
	changes := sortedEnv(r.EnvVars)
	return section{
		head:  "#### Environment variable changes\n\n" + tableHead("±", "Function", "Variable", "Value", "Via link"),
		end:   "\n",
		noun:  "env rows",
		count: len(changes),
		row:   func(i int) string { return envRow(changes[i], opts.ShowValues) },
	}
}

func envRow(e EnvChange, show bool) string {
	var value, via string
	switch {
	case e.Before == nil:
		value, via = valueCell(e.After, show), viaCell(e.After)
	case e.After == nil:
		value, via = valueCell(e.Before, show), viaCell(e.Before)
	default:
		value = valueCell(e.Before, show) + " → " + valueCell(e.After, show)
		via = viaCell(e.After)
		if old := viaCell(e.Before); old != via {
			via = old + " → " + via
		}
	}
	return row(sign(e.Change, false), code(e.Function, true), code(e.Name, true), value, via)
}

func valueCell(v *linker.EnvVar, show bool) string {
	shown, masked, length := shownValue(v, show)
	switch {
	case length != "":
		return Mask + " _(literal, " + length + " chars)_"
	case masked:
		return code(shown, true) + " _(literal text masked)_"
	case v.Unknown:
		return "_" + text(v.Value) + "_"
	}
	return code(shown, true)
}

func viaCell(v *linker.EnvVar) string {
	if v.Link != "" {
		return code(v.Link, true)
	}
	return "_" + text(v.Source) + "_"
}

func filesSection(r *Report) section {
	verbs := map[Change]string{Added: "generated", Changed: "changed", Removed: "deleted", Unsure: "not known statically"}
	return section{
		head:  fmt.Sprintf("<details><summary>Generated files (%d)</summary>\n\n", len(r.Files)),
		end:   "</details>\n\n",
		noun:  "files",
		count: len(r.Files),
		row: func(i int) string {
			f := r.Files[i]
			item := "**" + code(f.Path, false) + "** · " + verbs[f.Change]
			if f.Reason != "" {
				item += ": " + text(f.Reason)
			}
			item += "\n\n"
			if f.Diff != "" {
				fc := fence(f.Diff)
				item += fc + "diff\n" + f.Diff + fc + "\n\n"
			}
			return item
		},
	}
}

func unresolvedSection(r *Report) section {
	return section{
		head:  fmt.Sprintf("#### Unresolved (%d new)\n\n", len(r.Unresolved)),
		end:   "\n",
		noun:  "unresolved items",
		count: len(r.Unresolved),
		row: func(i int) string {
			u := r.Unresolved[i]
			item := "- " + code(fmt.Sprintf("%s:%d", u.File, u.Line), false) + " — " + text(u.Message)
			if u.Function != "" {
				item += " (function " + code(u.Function, false) + ")"
			}
			return item + "\n"
		},
	}
}

// section is a part of the body that can be cut to fit: a head, rows, and an end. Rows are
// made on demand, so a cut section costs only the rows it shows.
type section struct {
	head  string
	end   string
	noun  string // what the rows are, for "…and N more …"
	count int
	row   func(i int) string
}

func (s section) omitted(hint string) string {
	return fmt.Sprintf("_%d %s not shown: over the size budget (%s)._\n\n", s.count, s.noun, hint)
}

func (s section) more(n int, hint string) string {
	return fmt.Sprintf("\n_…and %d more %s (%s)._\n", n, s.noun, hint)
}

// fill writes sections in order within budget bytes, keeping room for every later
// section's omission note.
func fill(b *bytes.Buffer, sections []section, budget int, hint string) {
	var live []section
	for _, s := range sections {
		if s.count > 0 {
			live = append(live, s)
		}
	}
	for i, s := range live {
		reserve := 0
		for _, later := range live[i+1:] {
			reserve += len(later.omitted(hint))
		}
		start := b.Len()
		avail := budget - start - reserve
		b.WriteString(s.head)
		var sizes []int
		for len(sizes) < s.count {
			r := s.row(len(sizes))
			if b.Len()-start+len(r)+len(s.end) > avail {
				break
			}
			b.WriteString(r)
			sizes = append(sizes, len(r))
		}
		if len(sizes) < s.count {
			for len(sizes) > 0 && b.Len()-start+len(s.more(s.count-len(sizes), hint))+len(s.end) > avail {
				b.Truncate(b.Len() - sizes[len(sizes)-1])
				sizes = sizes[:len(sizes)-1]
			}
		}
		if len(sizes) == 0 {
			b.Truncate(start)
			if note := s.omitted(hint); len(note) <= avail {
				b.WriteString(note)
			}
			continue
		}
		if len(sizes) < s.count {
			b.WriteString(s.more(s.count-len(sizes), hint))
		}
		b.WriteString(s.end)
	}
}
