package pr

import (
	"slices"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// tuple is one (effect, action, resource) a function's policy grants, with its links in
// the order they grant it.
type tuple struct {
	tupleKey
	links   []string
	unknown bool
}

type tupleKey struct{ effect, action, resource string }

// tupleSet is a function's tuples in statement order. Most functions have a few dozen, which a
// scan finds faster than a map; a map is built only for large policies.
type tupleSet struct {
	list  []tuple
	index map[tupleKey]int
}

const tupleScanMax = 48

func (s *tupleSet) find(k tupleKey) int {
	if s.index != nil {
		if i, ok := s.index[k]; ok {
			return i
		}
		return -1
	}
	for i := range s.list {
		if s.list[i].tupleKey == k {
			return i
		}
	}
	return -1
}

func (s *tupleSet) add(k tupleKey, links []string, unknown bool) {
	if i := s.find(k); i >= 0 {
		t := &s.list[i]
		for _, l := range links {
			if !slices.Contains(t.links, l) {
				t.links = append(slices.Clip(t.links), l) // links may be shared: copy on write
			}
		}
		t.unknown = t.unknown || unknown
		return
	}
	s.list = append(s.list, tuple{tupleKey: k, links: links, unknown: unknown})
	if s.index != nil {
		s.index[k] = len(s.list) - 1
	} else if len(s.list) > tupleScanMax {
		s.index = make(map[tupleKey]int, 2*len(s.list))
		for i := range s.list {
			s.index[s.list[i].tupleKey] = i
		}
	}
}

var unknownList = []string{unknownText}

// tuples flattens a function's statements into (effect, action, resource) tuples in
// statement order; a statement with N actions and M resources gives N×M.
func tuples(fn *linker.Function) *tupleSet {
	s := &tupleSet{}
	if fn == nil {
		return s
	}
	n := 0
	for _, st := range fn.Statements {
		n += max(1, len(st.Actions)) * max(1, len(st.Resources))
	}
	s.list = make([]tuple, 0, n)
	for _, st := range fn.Statements {
		actions, resources := st.Actions, st.Resources
		if len(actions) == 0 {
			actions = unknownList
		}
		if len(resources) == 0 {
			resources = unknownList
		}
		links := []string{st.Link}
		for _, a := range actions {
			for _, res := range resources {
				s.add(tupleKey{st.Effect, a, res}, links, st.Unknown)
			}
		}
	}
	return s
}

// diffStatements appends the function's IAM changes to out.
func diffStatements(out []IAMChange, name string, base, head *linker.Function, iam *memoIAM) []IAMChange {
	if base != nil && head != nil && sameStatements(base.Statements, head.Statements) {
		return out // the common case in a large app: skip building the tuples
	}
	before, after := tuples(base), tuples(head)
	var baseLinks []string
	if base != nil {
		baseLinks = base.Links
	}
	for i := range before.list {
		t := &before.list[i]
		if after.find(t.tupleKey) < 0 {
			c := newIAMChange(Removed, name, t, iam)
			if strings.EqualFold(t.effect, "Deny") {
				c.Broadened, c.Reasons = true, []string{ReasonRemovedDeny}
			}
			out = append(out, c)
		}
	}
	for i := range after.list {
		t := &after.list[i]
		if before.find(t.tupleKey) >= 0 {
			continue
		}
		c := newIAMChange(Added, name, t, iam)
		if strings.EqualFold(t.effect, "Allow") {
			c.Reasons = broadening(t, base == nil, before.list, baseLinks, iam)
			c.Broadened = len(c.Reasons) > 0
		}
		out = append(out, c)
	}
	return out
}

func sameStatements(a, b []linker.LinkStatement) bool {
	return slices.EqualFunc(a, b, func(x, y linker.LinkStatement) bool {
		return x.Effect == y.Effect && x.Link == y.Link && x.Unknown == y.Unknown &&
			slices.Equal(x.Actions, y.Actions) && slices.Equal(x.Resources, y.Resources)
	})
}

func newIAMChange(ch Change, fn string, t *tuple, iam *memoIAM) IAMChange {
	c := IAMChange{Change: ch, Function: fn, Effect: t.effect, Action: t.action, Resource: t.resource,
		Links: sortedLinks(t.links), Unknown: t.unknown, Access: Unknown}
	if t.action != unknownText {
		c.Access = iam.accessLevel(t.action)
		if strings.EqualFold(t.effect, "Allow") {
			c.Risk = iam.Tags(t.action, t.resource)
		}
	}
	return c
}

func sortedLinks(links []string) []string {
	if len(links) == 1 {
		return links
	}
	return slices.Sorted(slices.Values(links))
}

// broadening says why an added Allow tuple broadens the function's permissions (CDK's
// rule lifted to links, anchors.md §5 and §11.2), or nil when a base tuple already
// covered it and it comes from no new sensitive link.
func broadening(t *tuple, newFunction bool, base []tuple, baseLinks []string, iam IAM) []string {
	var reasons []string
	if newFunction {
		reasons = append(reasons, ReasonNewFunction)
	} else if !coveredBy(t, base, iam) {
		reasons = append(reasons, ReasonNotGranted)
		if strings.ContainsAny(t.action, "*?") || strings.ContainsAny(t.resource, "*?") {
			reasons = append(reasons, ReasonWildcard)
		}
	}
	if sensitive(t.action) {
		for _, l := range t.links {
			if !slices.Contains(baseLinks, l) {
				reasons = append(reasons, ReasonSensitive)
				break
			}
		}
	}
	return reasons
}

func coveredBy(t *tuple, base []tuple, iam IAM) bool {
	if t.action == unknownText || t.resource == unknownText {
		return false
	}
	for i := range base {
		b := &base[i]
		if strings.EqualFold(b.effect, "Allow") && b.action != unknownText && b.resource != unknownText &&
			iam.Covers(b.action, t.action) && iam.ResourceCovers(b.resource, t.resource) {
			return true
		}
	}
	return false
}
