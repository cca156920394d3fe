package iamdata

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The catalogue is a tab-separated text file, one record a line, written by
// internal/gen. Lines starting with '#' are comments. The first record is
//
//	H <format=1> <npm package> <version> <updated> <services> <actions>
//
// followed by one block per service, services in byte order:
//
//	S <prefix>
//	R <resource type> <ARN template>        (sorted by name)
//	A <Action> <level code> <types>         (sorted by lower-cased name)
//
// where the level code is R, W, L, T or P and types is a comma list of
// resource type names, each ending in '*' when AWS marks it required.
//
// Load only finds the service blocks; a block's lines are decoded the first
// time something asks about that service. Plain text makes both cheap: no
// decompression and no decoder, just slicing the embedded string in place.

const formatVersion = "1"

type level uint8

const (
	levelRead level = iota
	levelWrite
	levelList
	levelTagging
	levelPermissions
)

var levelNames = [...]string{Read, Write, List, Tagging, PermissionsManagement}

func (l level) String() string { return levelNames[l] }

func levelFromCode(code string) (level, bool) {
	switch code {
	case "R":
		return levelRead, true
	case "W":
		return levelWrite, true
	case "L":
		return levelList, true
	case "T":
		return levelTagging, true
	case "P":
		return levelPermissions, true
	}
	return 0, false
}

// dataError reports bad catalogue data at a byte offset as file:line.
func dataError(text string, offset int, format string, args ...any) error {
	line := 1 + strings.Count(text[:offset], "\n")
	return fmt.Errorf("iamdata: catalog.txt:%d: %s", line, fmt.Sprintf(format, args...))
}

// parse reads the header and splits the text into service blocks.
func parse(text string) (*Catalog, error) {
	c := &Catalog{text: text}
	pos := 0
	for pos < len(text) && text[pos] == '#' {
		pos = nextLine(text, pos)
	}
	if pos >= len(text) {
		return nil, errors.New("iamdata: catalog.txt: no header")
	}
	end := nextLine(text, pos)
	if err := c.header(strings.TrimSuffix(text[pos:end], "\n")); err != nil {
		return nil, dataError(text, pos, "%v", err)
	}
	pos = end
	for pos < len(text) {
		line := strings.TrimSuffix(text[pos:nextLine(text, pos)], "\n")
		if line == "" || line[0] == '#' {
			pos = nextLine(text, pos)
			continue
		}
		prefix, ok := strings.CutPrefix(line, "S\t")
		if !ok {
			return nil, dataError(text, pos, "want a service record, got %q", line)
		}
		if err := c.addService(prefix); err != nil {
			return nil, dataError(text, pos, "%v", err)
		}
		// The block runs to the next "S" record; searching from the newline
		// that ends this one finds a service with no lines.
		start := nextLine(text, pos)
		next := len(text)
		if i := strings.Index(text[start-1:], "\nS\t"); i >= 0 {
			next = start + i
		}
		s := &c.services[len(c.services)-1]
		s.offset, s.block = start, text[start:next]
		pos = next
	}
	if len(c.services) != cap(c.services) {
		return nil, fmt.Errorf("iamdata: catalog.txt: header promises %d services, found %d", cap(c.services), len(c.services))
	}
	return c, nil
}

func nextLine(text string, pos int) int {
	if i := strings.IndexByte(text[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(text)
}

func (c *Catalog) header(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 7 || f[0] != "H" || f[1] != formatVersion {
		return fmt.Errorf("header %q: want H, format %s and 5 more fields", line, formatVersion)
	}
	nsvc, err1 := strconv.Atoi(f[5])
	nact, err2 := strconv.Atoi(f[6])
	if err1 != nil || err2 != nil || nsvc < 0 || nact < 0 || f[2] == "" || f[3] == "" {
		return fmt.Errorf("header %q: bad package, version or counts", line)
	}
	c.source, c.version, c.updated, c.actionCount = f[2], f[3], f[4], nact
	c.services = make([]service, 0, nsvc)
	return nil
}

func (c *Catalog) addService(prefix string) error {
	if prefix == "" || hasWildcard(prefix) || strings.ContainsAny(prefix, ":\t") {
		return fmt.Errorf("bad service prefix %q", prefix)
	}
	if n := len(c.services); n > 0 && compareFold(c.services[n-1].prefix, prefix) >= 0 {
		return fmt.Errorf("service %q out of order", prefix)
	}
	if len(c.services) == cap(c.services) {
		return fmt.Errorf("more services than the header's count")
	}
	c.services = append(c.services, service{prefix: prefix})
	return nil
}

// ready decodes the service's block on first use. A block that fails to
// decode leaves the service unknown rather than half-known; check reports
// why, and a test runs check on the embedded data.
func (c *Catalog) ready(s *service) bool {
	s.once.Do(func() { s.err = c.decode(s) })
	return s.err == nil
}

func (c *Catalog) decode(s *service) error {
	n := strings.Count(s.block, "\nA\t")
	if strings.HasPrefix(s.block, "A\t") {
		n++
	}
	actions := make([]action, 0, n)
	for pos := 0; pos < len(s.block); {
		end := nextLine(s.block, pos)
		line := strings.TrimSuffix(s.block[pos:end], "\n")
		var err error
		switch {
		case line == "" || line[0] == '#':
		case strings.HasPrefix(line, "A\t"):
			actions, err = appendAction(actions, s.prefix, line[2:])
		case strings.HasPrefix(line, "R\t"):
			err = s.addResource(line[2:])
		default:
			err = fmt.Errorf("unknown record %q", line)
		}
		if err != nil {
			return dataError(c.text, s.offset+pos, "%v", err)
		}
		pos = end
	}
	s.actions = actions
	applyRisk(s)
	return nil
}

func (s *service) addResource(rest string) error {
	name, arn, ok := strings.Cut(rest, "\t")
	if !ok || name == "" || arn == "" || strings.Contains(arn, "\t") {
		return fmt.Errorf("resource record %q: want name and ARN", rest)
	}
	if n := len(s.resources); n > 0 && s.resources[n-1].name >= name {
		return fmt.Errorf("resource type %q out of order", name)
	}
	s.resources = append(s.resources, resourceEntry{name: name, arn: arn})
	return nil
}

func appendAction(actions []action, prefix, rest string) ([]action, error) {
	name, tail, ok1 := strings.Cut(rest, "\t")
	code, types, ok2 := strings.Cut(tail, "\t")
	if !ok1 || !ok2 || !isActionName(name) || strings.IndexByte(types, '\t') >= 0 {
		return actions, fmt.Errorf("action record %q: want name, level and types", rest)
	}
	lvl, ok := levelFromCode(code)
	if !ok {
		return actions, fmt.Errorf("action %s:%s: unknown access level code %q", prefix, name, code)
	}
	if n := len(actions); n > 0 && compareFold(actions[n-1].name, name) >= 0 {
		return actions, fmt.Errorf("action %s:%s out of order", prefix, name)
	}
	return append(actions, action{name: name, level: lvl, types: types}), nil
}

// isActionName accepts the characters AWS uses in action names (letters,
// digits, '-', '_' and '.'), which keeps wildcards, ':' and tabs out.
func isActionName(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '_' || b == '.') {
			return false
		}
	}
	return s != ""
}

// check decodes every service and compares the total with the header, so
// tests can prove the embedded data whole.
func (c *Catalog) check() error {
	total := 0
	for i := range c.services {
		s := &c.services[i]
		if !c.ready(s) {
			return s.err
		}
		total += len(s.actions)
	}
	if total != c.actionCount {
		return fmt.Errorf("iamdata: catalog.txt: header promises %d actions, found %d", c.actionCount, total)
	}
	return nil
}
