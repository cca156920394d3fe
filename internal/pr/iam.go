package pr

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/pr/iamdata"
)

// IAM answers what the diff needs to know about IAM actions. The real answers come from
// AWS's Service Authorization Reference (package iamdata); the interface keeps the diff
// testable and the catalogue swappable.
type IAM interface {
	// AccessLevel is AWS's access level of a single action; ok is false when the action is
	// not in the catalogue.
	AccessLevel(action string) (level string, ok bool)
	// Expand lists the actions a pattern such as "dynamodb:*" grants; ok is false when the
	// pattern names no known service.
	Expand(pattern string) (actions []string, ok bool)
	// Covers reports whether the granted action pattern covers the requested one.
	Covers(granting, requested string) bool
	// ResourceCovers reports whether the granted resource pattern covers the requested one;
	// symbols such as ${todos.arn} are opaque text.
	ResourceCovers(granting, requested string) bool
	// Tags are the risk tags of granting action on resource, sorted.
	Tags(action, resource string) []string
	// Version names the data, for the report's footer.
	Version() string
}

// awsCatalogue is the embedded catalogue of AWS's Service Authorization Reference as IAM.
type awsCatalogue struct{ *iamdata.Catalog }

func (awsCatalogue) ResourceCovers(granting, requested string) bool {
	return iamdata.ResourceCovers(granting, requested)
}

// LoadCatalogue decodes the embedded IAM catalogue (package iamdata).
func LoadCatalogue() (IAM, error) {
	c, err := iamdata.Load()
	if err != nil {
		return nil, fmt.Errorf("load the IAM catalogue: %w", err)
	}
	return awsCatalogue{c}, nil
}

// Unknown is the access level shown for an action the catalogue does not know: we never
// guess one.
const Unknown = "unknown"

// levelOrder is the order access levels are listed in when a wildcard spans several.
var levelOrder = []string{"List", "Read", "Write", "Permissions management", "Tagging"}

// accessLevel is the access level of an action or, for a pattern, the levels of the
// actions it expands to.
func accessLevel(iam IAM, action string) string {
	if !strings.ContainsAny(action, "*?") {
		if level, ok := iam.AccessLevel(action); ok {
			return level
		}
		return Unknown
	}
	actions, ok := iam.Expand(action)
	if !ok || len(actions) == 0 {
		return Unknown
	}
	seen := map[string]bool{}
	for _, a := range actions {
		if level, ok := iam.AccessLevel(a); ok {
			seen[level] = true
		}
	}
	var levels []string
	for _, l := range levelOrder {
		if seen[l] {
			levels = append(levels, l)
			delete(seen, l)
		}
	}
	rest := make([]string, 0, len(seen))
	for l := range seen {
		rest = append(rest, l)
	}
	slices.Sort(rest)
	return strings.Join(append(levels, rest...), " · ")
}

// sensitiveServices are the services whose grants a new link must always surface: they
// hand out identities, keys and secrets (anchors.md §11.2).
var sensitiveServices = []string{"iam", "kms", "secretsmanager", "sts"}

// sensitive reports whether an action pattern can grant an action of a sensitive service.
func sensitive(action string) bool {
	service, _, ok := strings.Cut(action, ":")
	if !ok {
		return action == "*"
	}
	service = strings.ToLower(service)
	for _, s := range sensitiveServices {
		if globMatch(service, s) {
			return true
		}
	}
	return false
}

// globMatch matches a plain string against an IAM-style pattern ('*' any run, '?' one
// character).
func globMatch(pattern, s string) bool {
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for i := len(s); i >= 0; i-- {
				if globMatch(pattern[1:], s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
			pattern, s = pattern[1:], s[1:]
		default:
			if s == "" || s[0] != pattern[0] {
				return false
			}
			pattern, s = pattern[1:], s[1:]
		}
	}
	return s == ""
}

// memoIAM remembers answers for one diff: a large app asks the same few questions about
// the same actions thousands of times.
type memoIAM struct {
	IAM
	access    map[string]string
	tags      map[[2]string][]string
	covers    map[[2]string]bool
	resCovers map[[2]string]bool
}

func newMemoIAM(iam IAM) *memoIAM {
	return &memoIAM{IAM: iam, access: map[string]string{}, tags: map[[2]string][]string{},
		covers: map[[2]string]bool{}, resCovers: map[[2]string]bool{}}
}

func (m *memoIAM) accessLevel(action string) string {
	level, ok := m.access[action]
	if !ok {
		level = accessLevel(m.IAM, action)
		m.access[action] = level
	}
	return level
}

func (m *memoIAM) Tags(action, resource string) []string {
	return memo(m.tags, action, resource, m.IAM.Tags)
}

func (m *memoIAM) Covers(granting, requested string) bool {
	return memo(m.covers, granting, requested, m.IAM.Covers)
}

func (m *memoIAM) ResourceCovers(granting, requested string) bool {
	return memo(m.resCovers, granting, requested, m.IAM.ResourceCovers)
}

// memo returns f(a, b), computing it once per pair.
func memo[V any](cache map[[2]string]V, a, b string, f func(string, string) V) V {
	k := [2]string{a, b}
	v, ok := cache[k]
	if !ok {
		v = f(a, b)
		cache[k] = v
	}
	return v
}
