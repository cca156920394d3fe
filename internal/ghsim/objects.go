package ghsim

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// objectStore holds git objects in git's own encoding, keyed by their real SHA-1, so a
// commit created through the simulator has the same id as the same commit made by git, and
// a local git repository can be imported with its ids intact.
type objectStore struct {
	objs map[string]object
}

type object struct {
	kind string // "blob", "tree", "commit"
	data []byte // the object's content without git's "<kind> <size>\x00" header
}

func newObjectStore() *objectStore { return &objectStore{objs: map[string]object{}} }

func hashObject(kind string, data []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", kind, len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (st *objectStore) put(kind string, data []byte) string {
	sha := hashObject(kind, data)
	st.objs[sha] = object{kind: kind, data: data}
	return sha
}

func (st *objectStore) get(sha, kind string) ([]byte, bool) {
	o, ok := st.objs[strings.ToLower(sha)]
	if !ok || o.kind != kind {
		return nil, false
	}
	return o.data, true
}

// treeEntry is one entry of a git tree.
type treeEntry struct {
	mode string // git's octal mode without leading zeros: "100644", "100755", "40000", "120000", "160000"
	name string
	sha  string
}

func (e treeEntry) kind() string {
	switch e.mode {
	case "40000":
		return "tree"
	case "160000":
		return "commit"
	}
	return "blob"
}

// apiMode is the mode as the REST API spells it (trees are "040000").
func (e treeEntry) apiMode() string {
	if e.mode == "40000" {
		return "040000"
	}
	return e.mode
}

func encodeTree(entries []treeEntry) []byte {
	sorted := append([]treeEntry(nil), entries...)
	// git sorts tree entries by name, comparing a subtree's name as if it ended in "/".
	key := func(e treeEntry) string {
		if e.mode == "40000" {
			return e.name + "/"
		}
		return e.name
	}
	sort.Slice(sorted, func(i, j int) bool { return key(sorted[i]) < key(sorted[j]) })
	var b bytes.Buffer
	for _, e := range sorted {
		raw, _ := hex.DecodeString(e.sha)
		fmt.Fprintf(&b, "%s %s\x00", e.mode, e.name)
		b.Write(raw)
	}
	return b.Bytes()
}

func decodeTree(data []byte) ([]treeEntry, error) {
	var entries []treeEntry
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp < 0 || nul < sp || len(data) < nul+21 {
			return nil, fmt.Errorf("corrupt tree object")
		}
		entries = append(entries, treeEntry{
			mode: string(data[:sp]),
			name: string(data[sp+1 : nul]),
			sha:  hex.EncodeToString(data[nul+1 : nul+21]),
		})
		data = data[nul+21:]
	}
	return entries, nil
}

// signature is a commit's author or committer line.
type signature struct {
	Name  string
	Email string
	When  time.Time
}

func (sg signature) encode() string {
	_, offset := sg.When.Zone()
	sign := '+'
	if offset < 0 {
		sign, offset = '-', -offset
	}
	return fmt.Sprintf("%s <%s> %d %c%02d%02d", sg.Name, sg.Email, sg.When.Unix(), sign, offset/3600, offset%3600/60)
}

func parseSignature(s string) signature {
	lt, gt := strings.Index(s, "<"), strings.LastIndex(s, ">")
	if lt < 0 || gt < lt {
		return signature{Name: s}
	}
	sg := signature{Name: strings.TrimSpace(s[:lt]), Email: s[lt+1 : gt]}
	fields := strings.Fields(s[gt+1:])
	if len(fields) == 2 {
		secs, _ := strconv.ParseInt(fields[0], 10, 64)
		tz := fields[1]
		offset := 0
		if len(tz) == 5 {
			h, _ := strconv.Atoi(tz[1:3])
			m, _ := strconv.Atoi(tz[3:5])
			offset = h*3600 + m*60
			if tz[0] == '-' {
				offset = -offset
			}
		}
		sg.When = time.Unix(secs, 0).In(time.FixedZone("", offset))
	}
	return sg
}

// commitObj is a parsed commit.
type commitObj struct {
	tree      string
	parents   []string
	author    signature
	committer signature
	message   string
}

func (c commitObj) encode() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "tree %s\n", c.tree)
	for _, p := range c.parents {
		fmt.Fprintf(&b, "parent %s\n", p)
	}
	fmt.Fprintf(&b, "author %s\ncommitter %s\n\n%s", c.author.encode(), c.committer.encode(), c.message)
	return []byte(b.String())
}

func decodeCommit(data []byte) (commitObj, error) {
	head, msg, found := strings.Cut(string(data), "\n\n")
	if !found {
		return commitObj{}, fmt.Errorf("corrupt commit object")
	}
	c := commitObj{message: msg}
	for _, line := range strings.Split(head, "\n") {
		key, value, _ := strings.Cut(line, " ")
		switch key {
		case "tree":
			c.tree = value
		case "parent":
			c.parents = append(c.parents, value)
		case "author":
			c.author = parseSignature(value)
		case "committer":
			c.committer = parseSignature(value)
		}
	}
	if c.tree == "" {
		return commitObj{}, fmt.Errorf("commit object without a tree")
	}
	return c, nil
}

func (st *objectStore) commit(sha string) (commitObj, bool) {
	data, ok := st.get(sha, "commit")
	if !ok {
		return commitObj{}, false
	}
	c, err := decodeCommit(data)
	return c, err == nil
}

func (st *objectStore) tree(sha string) ([]treeEntry, bool) {
	data, ok := st.get(sha, "tree")
	if !ok {
		return nil, false
	}
	entries, err := decodeTree(data)
	return entries, err == nil
}

// flatten lists every non-tree entry below a tree by its full path.
func (st *objectStore) flatten(treeSHA, prefix string, into map[string]treeEntry) bool {
	entries, ok := st.tree(treeSHA)
	if !ok {
		return false
	}
	for _, e := range entries {
		p := prefix + e.name
		if e.mode == "40000" {
			if !st.flatten(e.sha, p+"/", into) {
				return false
			}
			continue
		}
		e.name = p
		into[p] = e
	}
	return true
}

// buildTree writes the nested trees for a flat path → entry map and returns the root's sha.
func (st *objectStore) buildTree(flat map[string]treeEntry) string {
	children := map[string]map[string]treeEntry{} // directory → sub-path → entry
	var here []treeEntry
	for p, e := range flat {
		dir, rest, nested := strings.Cut(p, "/")
		if !nested {
			e.name = p
			here = append(here, e)
			continue
		}
		if children[dir] == nil {
			children[dir] = map[string]treeEntry{}
		}
		children[dir][rest] = e
	}
	for dir, sub := range children {
		here = append(here, treeEntry{mode: "40000", name: dir, sha: st.buildTree(sub)})
	}
	return st.put("tree", encodeTree(here))
}

// isAncestor reports whether ancestor is reachable from descendant through parents
// (a commit is its own ancestor).
func (st *objectStore) isAncestor(ancestor, descendant string) bool {
	_, found := st.ancestors(descendant)[ancestor]
	return found
}

// ancestors maps every commit reachable from sha (itself included) to its distance.
func (st *objectStore) ancestors(sha string) map[string]int {
	dist := map[string]int{sha: 0}
	queue := []string{sha}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		c, ok := st.commit(cur)
		if !ok {
			continue
		}
		for _, p := range c.parents {
			if _, seen := dist[p]; !seen {
				dist[p] = dist[cur] + 1
				queue = append(queue, p)
			}
		}
	}
	return dist
}
