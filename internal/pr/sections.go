package pr

import (
	"fmt"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// The sections of the Markdown body, each a table or list that fill can cut.

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
	changes := sortedBy(r.EnvVars, compareEnv)
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
