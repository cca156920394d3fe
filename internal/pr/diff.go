// Package pr turns two resolved revisions of a Stelvio app into a review: the link diff,
// which grants broaden permissions, and its Markdown and JSON renderings.
package pr

import (
	"slices"
	"sort"

	"github.com/stelvio-action/stelvio-action/internal/linker"
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
