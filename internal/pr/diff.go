// Package pr turns two resolved revisions of a Stelvio app into a review: the link diff,
// which grants broaden permissions, and its Markdown and JSON renderings.
package pr

import (
	"slices"
	"sort"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/udiff"
)

// Change says how an item differs between base and head.
type Change string

// The changes an item can have. An IAM tuple is only added or removed: an update is one of
// each, as in CDK's tables.
const (
	Added   Change = "added"
	Removed Change = "removed"
	Changed Change = "changed"
	// Unsure is a generated file whose content head cannot know statically.
	Unsure Change = "unknown"
)

// Report is the link diff of one app and env.
type Report struct {
	App     string
	Env     string
	IAMData string // the catalogue access levels and risk tags come from

	FunctionsAdded   []string
	FunctionsRemoved []string
	IAM              []IAMChange // one per (function, effect, action, resource), in table order

	Policies   []PolicyChange // managed policies
	EnvVars    []EnvChange    // by function, then name
	Files      []FileChange
	Unresolved []linker.Unresolved // new in head
	// Incomplete says head holds links, statements, env vars or files that cannot be known
	// statically, so the diff may miss changes.
	Incomplete bool
}

// IAMChange is one (function, effect, action, resource) tuple granted in one revision only.
type IAMChange struct {
	Change   Change
	Function string
	Effect   string
	Action   string
	Resource string
	Links    []string // the links granting it, sorted
	Access   string   // AWS's access level(s), or Unknown
	Risk     []string
	// Broadened is set on additions the base did not grant and on removed Denies; Reasons
	// say why.
	Broadened bool
	Reasons   []string
	Unknown   bool // the statement holds a value not known statically
}

// PolicyChange is a managed policy attached to a function's role in one revision only.
type PolicyChange struct {
	Change    Change
	Function  string
	ARN       string
	Broadened bool
}

// EnvChange is an env var added, removed or changed; Before or After is nil when absent.
type EnvChange struct {
	Change   Change
	Function string
	Name     string
	Before   *linker.EnvVar
	After    *linker.EnvVar
}

// FileChange is a stlv_resources.py that head's plan writes, deletes or cannot know
// differently from base's.
type FileChange struct {
	Path         string
	Change       Change
	BeforeSHA256 string
	AfterSHA256  string
	Diff         string // unified diff, when both contents are known
	Reason       string // why head's content is not known, for Unsure
}

// The reasons a change broadens permissions.
const (
	ReasonNewFunction = "new function"
	ReasonNotGranted  = "not granted before"
	ReasonWildcard    = "wildcard"
	ReasonSensitive   = "new link to IAM, KMS, Secrets Manager or STS"
	ReasonRemovedDeny = "removed Deny"
)

// unknownText stands for an action or resource list a statement could not resolve.
const unknownText = "<unknown>"

// Diff compares two resolved revisions of one app. Either may be nil: an app that is new
// in head, or gone from it.
func Diff(base, head *linker.Result, catalogue IAM) *Report {
	base, head = orEmpty(base), orEmpty(head)
	iam := newMemoIAM(catalogue)
	r := &Report{App: head.App, Env: head.Env, IAMData: iam.Version()}
	if r.App == "" {
		r.App, r.Env = base.App, base.Env
	}
	baseFns, headFns := byName(base.Functions), byName(head.Functions)
	for _, fn := range head.Functions {
		if _, ok := baseFns[fn.Name]; !ok {
			r.FunctionsAdded = append(r.FunctionsAdded, fn.Name)
		}
	}
	for _, fn := range base.Functions {
		if _, ok := headFns[fn.Name]; !ok {
			r.FunctionsRemoved = append(r.FunctionsRemoved, fn.Name)
		}
	}
	for _, name := range unionNames(baseFns, headFns) {
		b, h := baseFns[name], headFns[name]
		r.IAM = diffStatements(r.IAM, name, b, h, iam)
		r.Policies = append(r.Policies, diffPolicies(name, b, h)...)
		r.EnvVars = append(r.EnvVars, diffEnv(name, b, h)...)
	}
	slices.SortStableFunc(r.IAM, compareIAM)
	slices.SortStableFunc(r.EnvVars, compareEnv)
	r.Files = diffFiles(base.Files, head.Files)
	r.Unresolved = newUnresolved(base.Unresolved, head.Unresolved)
	r.Incomplete = incomplete(head)
	return r
}

func orEmpty(r *linker.Result) *linker.Result {
	if r == nil {
		return &linker.Result{}
	}
	return r
}

func byName(fns []linker.Function) map[string]*linker.Function {
	m := make(map[string]*linker.Function, len(fns))
	for i := range fns {
		m[fns[i].Name] = &fns[i]
	}
	return m
}

func unionNames(a, b map[string]*linker.Function) []string {
	names := make([]string, 0, len(a)+len(b))
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

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

// diffPolicies compares managed policies. An added one broadens, as in CDK, except
// Stelvio's basic execution policy that every function's role has.
func diffPolicies(name string, base, head *linker.Function) []PolicyChange {
	var b, h []string
	if base != nil {
		b = base.ManagedPolicies
	}
	if head != nil {
		h = head.ManagedPolicies
	}
	var out []PolicyChange
	for _, arn := range b {
		if !slices.Contains(h, arn) {
			out = append(out, PolicyChange{Change: Removed, Function: name, ARN: arn})
		}
	}
	for _, arn := range h {
		if !slices.Contains(b, arn) {
			out = append(out, PolicyChange{Change: Added, Function: name, ARN: arn, Broadened: arn != linker.BasicExecutionPolicy})
		}
	}
	return out
}

func diffEnv(name string, base, head *linker.Function) []EnvChange {
	var before, after []linker.EnvVar
	if base != nil {
		before = base.Env
	}
	if head != nil {
		after = head.Env
	}
	if slices.Equal(before, after) {
		return nil
	}
	findBefore, findAfter := envFinder(before), envFinder(after)
	var out []EnvChange
	for i := range before {
		v := &before[i]
		if findAfter(v.Name) == nil {
			out = append(out, EnvChange{Change: Removed, Function: name, Name: v.Name, Before: v})
		}
	}
	for i := range after {
		v := &after[i]
		switch old := findBefore(v.Name); {
		case old == nil:
			out = append(out, EnvChange{Change: Added, Function: name, Name: v.Name, After: v})
		case *old != *v:
			out = append(out, EnvChange{Change: Changed, Function: name, Name: v.Name, Before: old, After: v})
		}
	}
	return out
}

// envFinder finds a variable by name: by scanning a function's few vars, or through a map
// when it has many.
func envFinder(vars []linker.EnvVar) func(name string) *linker.EnvVar {
	if len(vars) <= tupleScanMax {
		return func(name string) *linker.EnvVar {
			for i := range vars {
				if vars[i].Name == name {
					return &vars[i]
				}
			}
			return nil
		}
	}
	m := make(map[string]*linker.EnvVar, len(vars))
	for i := range vars {
		m[vars[i].Name] = &vars[i]
	}
	return func(name string) *linker.EnvVar { return m[name] }
}

// diffFiles compares the two plans of stlv_resources.py: what each revision's Stelvio
// would leave in each folder.
func diffFiles(base, head []linker.File) []FileChange {
	before := map[string]*linker.File{}
	for i := range base {
		before[base[i].Path] = &base[i]
	}
	seen := map[string]bool{}
	var out []FileChange
	for i := range head {
		h := &head[i]
		seen[h.Path] = true
		b := before[h.Path]
		bWrites := b != nil && b.Action == "write"
		c := FileChange{Path: h.Path}
		if bWrites {
			c.BeforeSHA256 = b.SHA256
		}
		switch {
		case h.Action == "unknown":
			if b != nil && b.Action == "unknown" {
				continue
			}
			c.Change, c.Reason = Unsure, h.Reason
		case h.Action == "write" && !bWrites:
			c.Change, c.AfterSHA256 = Added, h.SHA256
			c.Diff = fileDiff(h.Path, b, h)
		case h.Action == "write" && b.SHA256 != h.SHA256:
			c.Change, c.AfterSHA256 = Changed, h.SHA256
			c.Diff = fileDiff(h.Path, b, h)
		case h.Action == "delete" && bWrites:
			c.Change = Removed
			c.Diff = fileDiff(h.Path, b, h)
		default:
			continue
		}
		out = append(out, c)
	}
	for i := range base {
		b := &base[i]
		if !seen[b.Path] && b.Action == "write" {
			// No head function uses the folder: Stelvio leaves the file alone, but nothing
			// generates it any more.
			out = append(out, FileChange{Path: b.Path, Change: Removed, BeforeSHA256: b.SHA256})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// fileDiff is the unified diff between the planned contents, or "" when a side that is
// written has no content in its result (a report read back without contents).
func fileDiff(path string, b, h *linker.File) string {
	oldExists, newExists := b != nil && b.Action == "write", h.Action == "write"
	var old, new string
	if oldExists {
		old = b.Content
	}
	if newExists {
		new = h.Content
	}
	if (oldExists && old == "") || (newExists && new == "") {
		return ""
	}
	return udiff.Diff(path, old, oldExists, new, newExists)
}

// newUnresolved lists head's unresolved items that base did not have, matched by file
// and message so that a line shift alone is no change.
func newUnresolved(base, head []linker.Unresolved) []linker.Unresolved {
	type key struct{ file, message string }
	count := map[key]int{}
	for _, u := range base {
		count[key{u.File, u.Message}]++
	}
	var out []linker.Unresolved
	for _, u := range head {
		k := key{u.File, u.Message}
		if count[k] > 0 {
			count[k]--
			continue
		}
		out = append(out, u)
	}
	return out
}

func incomplete(r *linker.Result) bool {
	if len(r.Unresolved) > 0 {
		return true
	}
	for _, fn := range r.Functions {
		if fn.Unresolved {
			return true
		}
	}
	for _, f := range r.Files {
		if f.Action == "unknown" {
			return true
		}
	}
	return false
}
