package pr

import (
	"cmp"
	"slices"
	"strings"
)

// iamGroup is one table row: consecutive actions that share everything else.
type iamGroup struct {
	change    Change
	function  string
	effect    string
	resource  string
	links     []string
	access    string
	risk      []string
	broadened bool
	reasons   []string
	actions   []string
}

// changeOrder puts removals before additions, as a unified diff does.
func changeOrder(c Change) int {
	if c == Removed {
		return 0
	}
	return 1
}

// groupIAM sorts tuples by function, then resource (as CDK sorts by resource), then
// removal before addition and link, keeping Stelvio's action order within; then it merges
// consecutive actions whose other cells are equal into one row.
func groupIAM(changes []IAMChange) []iamGroup {
	var out []iamGroup
	for _, c := range sortedBy(changes, compareIAM) {
		if n := len(out); n > 0 && sameRow(&out[n-1], &c) {
			out[n-1].actions = append(out[n-1].actions, c.Action)
			continue
		}
		out = append(out, iamGroup{change: c.Change, function: c.Function, effect: c.Effect, resource: c.Resource,
			links: c.Links, access: c.Access, risk: c.Risk, broadened: c.Broadened, reasons: c.Reasons,
			actions: []string{c.Action}})
	}
	return out
}

// sortedBy returns rows in the order the tables and the JSON report use; Diff leaves them
// in that order, so only a report built some other way pays for a sort.
func sortedBy[T any](rows []T, compare func(a, b T) int) []T {
	if slices.IsSortedFunc(rows, compare) {
		return rows
	}
	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, compare)
	return sorted
}

func compareIAM(a, b IAMChange) int {
	return cmp.Or(
		strings.Compare(a.Function, b.Function),
		strings.Compare(a.Resource, b.Resource),
		cmp.Compare(changeOrder(a.Change), changeOrder(b.Change)),
		slices.Compare(a.Links, b.Links),
		strings.Compare(a.Effect, b.Effect),
	)
}

func sameRow(g *iamGroup, c *IAMChange) bool {
	return g.change == c.Change && g.function == c.Function && g.effect == c.Effect && g.resource == c.Resource &&
		slices.Equal(g.links, c.Links) && g.access == c.Access && slices.Equal(g.risk, c.Risk) &&
		g.broadened == c.Broadened && slices.Equal(g.reasons, c.Reasons)
}

// compareEnv orders env rows by function, then variable.
func compareEnv(a, b EnvChange) int {
	return cmp.Or(strings.Compare(a.Function, b.Function), strings.Compare(a.Name, b.Name))
}
