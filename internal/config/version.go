package config

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// StelvioPin is the Stelvio version an app is pinned to, and where that was read.
type StelvioPin struct {
	// Version is the exact version, or the lower bound of a range; "" when the
	// requirement gives no single lower bound (plain "stelvio", "<1.0", "^0.9 || ^0.10").
	Version string
	// Exact is true for a lock file, an `==` pin or the override.
	Exact bool
	// Spec is the constraint as written ("==0.9.0b5", ">=0.9.0b5,<1", "^0.9"), "" for a lock.
	Spec string
	// Source is where the pin was read ("services/api/uv.lock:17", "override").
	Source string
}

func (p StelvioPin) String() string {
	switch {
	case p.Exact:
		return fmt.Sprintf("%s (%s)", p.Version, p.Source)
	case p.Version != "":
		return fmt.Sprintf("at least %s (range %q, %s)", p.Version, p.Spec, p.Source)
	default:
		return fmt.Sprintf("unknown (%q has no lower bound, %s)", p.Spec, p.Source)
	}
}

// ErrNoStelvioVersion says that no file pins Stelvio.
var ErrNoStelvioVersion = errors.New("no Stelvio version found")

// DetectStelvioVersion finds the Stelvio version of the app in appDir, a directory of fsys
// (normally the repository; pass the app directory itself and "." when there is no
// repository). A non-empty override wins. Otherwise lock files (uv.lock, then poetry.lock)
// are searched from appDir up to the root of fsys, nearest first, because a uv workspace
// keeps its one lock at the top; then requirements*.txt and pyproject.toml, nearest first,
// where an exact pin beats a range and a range beats an unversioned requirement.
func DetectStelvioVersion(fsys fs.FS, appDir, override string) (StelvioPin, error) {
	if override = strings.TrimSpace(override); override != "" {
		if !inputPEP440.MatchString(override) {
			return StelvioPin{}, fmt.Errorf("stelvio version override %q is not a version (like 0.9.0b5)", override)
		}
		return StelvioPin{Version: override, Exact: true, Spec: "==" + override, Source: "override"}, nil
	}
	dirs, err := pinDirsUp(appDir)
	if err != nil {
		return StelvioPin{}, err
	}
	for _, dir := range dirs {
		for _, lock := range []string{"uv.lock", "poetry.lock"} {
			pin, found, err := pinFromLock(fsys, path.Join(dir, lock))
			if err != nil || found {
				return pin, err
			}
		}
	}
	var best *StelvioPin
	for _, dir := range dirs {
		pins, err := pinFromRequirementsDir(fsys, dir)
		if err != nil {
			return StelvioPin{}, err
		}
		more, err := pinFromPyproject(fsys, path.Join(dir, "pyproject.toml"))
		if err != nil {
			return StelvioPin{}, err
		}
		for _, pin := range append(pins, more...) {
			if best == nil || pinRank(pin) > pinRank(*best) {
				best = &pin
			}
		}
		if best != nil && best.Exact {
			break
		}
	}
	if best == nil {
		return StelvioPin{}, fmt.Errorf("%w in uv.lock, poetry.lock, requirements*.txt or pyproject.toml from %s up to the repository root; "+
			"set the stelvio-version input", ErrNoStelvioVersion, path.Clean(appDir))
	}
	return *best, nil
}

func pinRank(p StelvioPin) int {
	switch {
	case p.Exact:
		return 2
	case p.Version != "":
		return 1
	default:
		return 0
	}
}

// pinDirsUp lists appDir and its parents up to ".".
func pinDirsUp(appDir string) ([]string, error) {
	dir := path.Clean(appDir)
	if !fs.ValidPath(dir) {
		return nil, fmt.Errorf("app directory %q is not a path inside the repository", appDir)
	}
	dirs := []string{dir}
	for dir != "." {
		dir = path.Dir(dir)
		dirs = append(dirs, dir)
	}
	return dirs, nil
}

// maxPinFile bounds what is read of one file; real lock files are a few hundred KiB.
const maxPinFile = 16 << 20

// pinReadFile reads name, reporting found=false when it does not exist.
func pinReadFile(fsys fs.FS, name string) (data []byte, found bool, err error) {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", name, err)
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, maxPinFile+1))
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxPinFile {
		return nil, false, fmt.Errorf("%s: larger than %d MiB", name, maxPinFile>>20)
	}
	return data, true, nil
}

func pinErrorf(file string, line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
}

// pinIsStelvio compares a distribution name with "stelvio" after PEP 503 normalization.
func pinIsStelvio(name string) bool {
	return pinNameSeparators.ReplaceAllString(strings.ToLower(strings.TrimSpace(name)), "-") == "stelvio"
}

var pinNameSeparators = regexp.MustCompile(`[-_.]+`)

// --- lock files ---

// pinFromLock reads the [[package]] named stelvio of a uv.lock or poetry.lock.
func pinFromLock(fsys fs.FS, name string) (StelvioPin, bool, error) {
	values, found, err := pinReadTOML(fsys, name)
	if err != nil || !found {
		return StelvioPin{}, false, err
	}
	type pkg struct {
		name, version     string
		nameLine, verLine int
	}
	packages := map[string]*pkg{}
	var order []string
	for _, v := range values {
		if len(v.path) != 2 || !strings.HasPrefix(v.path[0], "package#") {
			continue
		}
		p := packages[v.path[0]]
		if p == nil {
			p = &pkg{}
			packages[v.path[0]] = p
			order = append(order, v.path[0])
		}
		switch v.path[1] {
		case "name":
			p.name, p.nameLine = v.value, v.line
		case "version":
			p.version, p.verLine = v.value, v.line
		}
	}
	var pins []StelvioPin
	for _, key := range order {
		p := packages[key]
		if !pinIsStelvio(p.name) {
			continue
		}
		if p.version == "" {
			return StelvioPin{}, false, pinErrorf(name, p.nameLine, "the stelvio package has no version")
		}
		pins = append(pins, StelvioPin{Version: p.version, Exact: true, Source: fmt.Sprintf("%s:%d", name, p.verLine)})
	}
	if len(pins) == 0 {
		return StelvioPin{}, false, nil
	}
	for _, p := range pins[1:] {
		// uv forks a resolution per platform or Python; which fork runs is not ours to guess.
		if p.Version != pins[0].Version {
			return StelvioPin{}, false, fmt.Errorf("%s and %s lock different Stelvio versions (%s, %s); set the stelvio-version input",
				pins[0].Source, p.Source, pins[0].Version, p.Version)
		}
	}
	return pins[0], true, nil
}

// --- TOML with positions ---

// pinTOMLString is one string of a TOML document with its full key path. A segment of an
// array of tables carries the element number ("package#3"); elements of an array share
// the array's path.
type pinTOMLString struct {
	path  []string
	value string
	line  int
}

// pinReadTOML lists every string in the TOML file name with its line. go-toml/v2 checks the
// whole document (duplicate keys included) and its parser gives each value's position,
// which is the file:line a user needs; a hand parser would have to match TOML 1.0 exactly.
func pinReadTOML(fsys fs.FS, name string) (_ []pinTOMLString, found bool, err error) {
	data, found, err := pinReadFile(fsys, name)
	if err != nil || !found {
		return nil, found, err
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		var decodeErr *toml.DecodeError
		if errors.As(err, &decodeErr) {
			line, _ := decodeErr.Position()
			return nil, true, pinErrorf(name, line, "invalid TOML: %v", err)
		}
		return nil, true, fmt.Errorf("%s: invalid TOML: %w", name, err)
	}
	defer func() {
		// The parser's node API is documented to panic on misuse; a document Unmarshal
		// accepted should never get there, but a bad file must still end in an error.
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: cannot read TOML: %v", name, r)
		}
	}()
	w := pinTOMLWalker{arrays: map[string]int{}, lineStarts: pinLineStarts(data)}
	w.parser.Reset(data)
	for w.parser.NextExpression() {
		w.expression(w.parser.Expression())
	}
	if err := w.parser.Error(); err != nil {
		return nil, true, fmt.Errorf("%s: invalid TOML: %w", name, err)
	}
	return w.out, true, nil
}

type pinTOMLWalker struct {
	parser unstable.Parser
	// lineStarts holds the offset of every line; Parser.Shape would rescan the document
	// from its start for each value, quadratic on a large lock file.
	lineStarts []int
	arrays     map[string]int // resolved path of an array of tables → elements so far
	table      []string       // resolved path of the current table header
	out        []pinTOMLString
}

func pinLineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// line is the 1-based line of a byte offset.
func (w *pinTOMLWalker) line(offset uint32) int {
	n, _ := slices.BinarySearch(w.lineStarts, int(offset))
	if n < len(w.lineStarts) && w.lineStarts[n] == int(offset) {
		return n + 1
	}
	return n
}

func (w *pinTOMLWalker) expression(e *unstable.Node) {
	switch e.Kind {
	case unstable.Table, unstable.ArrayTable:
		keys := pinKeyParts(e.Key())
		w.table = w.table[:0:0]
		for i, k := range keys {
			w.table = append(w.table, k)
			id := strings.Join(w.table, "\x00")
			if e.Kind == unstable.ArrayTable && i == len(keys)-1 {
				w.arrays[id]++
			}
			if n := w.arrays[id]; n > 0 {
				w.table[i] = fmt.Sprintf("%s#%d", k, n)
			}
		}
	case unstable.KeyValue:
		w.value(append(slices.Clone(w.table), pinKeyParts(e.Key())...), e.Value())
	}
}

func (w *pinTOMLWalker) value(keyPath []string, n *unstable.Node) {
	switch n.Kind {
	case unstable.String:
		w.out = append(w.out, pinTOMLString{path: keyPath, value: string(n.Data), line: w.line(n.Raw.Offset)})
	case unstable.Array:
		for it := n.Children(); it.Next(); {
			w.value(keyPath, it.Node())
		}
	case unstable.InlineTable:
		for it := n.Children(); it.Next(); {
			kv := it.Node()
			if kv.Kind == unstable.KeyValue {
				w.value(append(slices.Clone(keyPath), pinKeyParts(kv.Key())...), kv.Value())
			}
		}
	}
}

func pinKeyParts(it unstable.Iterator) []string {
	var keys []string
	for it.Next() {
		keys = append(keys, string(it.Node().Data))
	}
	return keys
}

// --- pyproject.toml ---

// pinFromPyproject lists every stelvio requirement of pyproject.toml: PEP 621 dependencies
// and optional dependencies, PEP 735 dependency groups, uv's dev-dependencies, and
// Poetry's dependency tables.
func pinFromPyproject(fsys fs.FS, name string) ([]StelvioPin, error) {
	values, found, err := pinReadTOML(fsys, name)
	if err != nil || !found {
		return nil, err
	}
	var pins []StelvioPin
	for _, v := range values {
		var (
			pin StelvioPin
			ok  bool
			err error
		)
		switch {
		case pinPathIs(v.path, "project", "dependencies"),
			pinPathIs(v.path, "project", "optional-dependencies", "*"),
			pinPathIs(v.path, "dependency-groups", "*"),
			pinPathIs(v.path, "tool", "uv", "dev-dependencies"):
			pin, ok, err = pinFromRequirement(v.value)
		case pinPathIs(v.path, "tool", "poetry", "dependencies", "*"),
			pinPathIs(v.path, "tool", "poetry", "dev-dependencies", "*"),
			pinPathIs(v.path, "tool", "poetry", "group", "*", "dependencies", "*"):
			if ok = pinIsStelvio(v.path[len(v.path)-1]); ok {
				pin, err = pinFromPoetry(v.value)
			}
		case pinPathIs(v.path, "tool", "poetry", "dependencies", "*", "version"),
			pinPathIs(v.path, "tool", "poetry", "dev-dependencies", "*", "version"),
			pinPathIs(v.path, "tool", "poetry", "group", "*", "dependencies", "*", "version"):
			if ok = pinIsStelvio(v.path[len(v.path)-2]); ok {
				pin, err = pinFromPoetry(v.value)
			}
		}
		if err != nil {
			return nil, pinErrorf(name, v.line, "%v", err)
		}
		if ok {
			pin.Source = fmt.Sprintf("%s:%d", name, v.line)
			pins = append(pins, pin)
		}
	}
	return pins, nil
}

// pinPathIs matches a key path against a pattern where "*" is any one segment.
func pinPathIs(keyPath []string, pattern ...string) bool {
	if len(keyPath) != len(pattern) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != keyPath[i] {
			return false
		}
	}
	return true
}

// --- requirements*.txt ---

// pinFromRequirementsDir reads requirements.txt and then the other requirements*.txt of dir
// in name order, following -r and -c includes.
func pinFromRequirementsDir(fsys fs.FS, dir string) ([]StelvioPin, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasPrefix(n, "requirements") && strings.HasSuffix(n, ".txt") {
			names = append(names, n)
		}
	}
	slices.SortStableFunc(names, func(a, b string) int {
		switch {
		case a == "requirements.txt":
			return -1
		case b == "requirements.txt":
			return 1
		}
		return strings.Compare(a, b)
	})
	r := pinRequirementsReader{fsys: fsys, seen: map[string]bool{}}
	for _, n := range names {
		if err := r.read(path.Join(dir, n)); err != nil {
			return nil, err
		}
	}
	return r.pins, nil
}

type pinRequirementsReader struct {
	fsys fs.FS
	seen map[string]bool
	pins []StelvioPin
}

// maxRequirementsIncludes bounds -r chains; real projects nest two or three deep.
const maxRequirementsIncludes = 50

func (r *pinRequirementsReader) read(name string) error {
	if r.seen[name] {
		return nil
	}
	r.seen[name] = true
	if len(r.seen) > maxRequirementsIncludes {
		return fmt.Errorf("%s: more than %d requirements files included", name, maxRequirementsIncludes)
	}
	data, found, err := pinReadFile(r.fsys, name)
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	for line, text := range pinRequirementLines(data) {
		if err := r.line(name, line, text); err != nil {
			return err
		}
	}
	return nil
}

func (r *pinRequirementsReader) line(name string, line int, text string) error {
	if include, ok := pinIncludeTarget(text); ok {
		if strings.Contains(include, "://") {
			return pinErrorf(name, line, "cannot follow the remote include %q", include)
		}
		target := path.Clean(path.Join(path.Dir(name), include))
		if !fs.ValidPath(target) || path.IsAbs(include) {
			return pinErrorf(name, line, "include %q is outside the repository", include)
		}
		if _, found, err := pinReadFile(r.fsys, target); err != nil || !found {
			return pinErrorf(name, line, "include %q: file not found", include)
		}
		return r.read(target)
	}
	if strings.HasPrefix(text, "-") {
		return nil // an option line (-e, --index-url, …) names no pinned version
	}
	// Per-requirement options such as --hash follow the requirement.
	if i := strings.Index(text, " --"); i >= 0 {
		text = text[:i]
	}
	pin, ok, err := pinFromRequirement(text)
	if err != nil {
		return pinErrorf(name, line, "%v", err)
	}
	if ok {
		pin.Source = fmt.Sprintf("%s:%d", name, line)
		r.pins = append(r.pins, pin)
	}
	return nil
}

// pinRequirementLines yields the logical lines of a requirements file with their first
// line number: comments removed, backslash continuations joined, blanks skipped.
func pinRequirementLines(data []byte) func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(nil, maxPinFile)
		var logical strings.Builder
		start := 0
		for n := 1; sc.Scan(); n++ {
			text := sc.Text()
			if logical.Len() == 0 {
				start = n
			}
			if strings.HasSuffix(text, `\`) {
				logical.WriteString(strings.TrimSuffix(text, `\`))
				continue
			}
			logical.WriteString(text)
			full := strings.TrimSpace(pinRequirementComment.ReplaceAllString(logical.String(), ""))
			logical.Reset()
			if full != "" && !yield(start, full) {
				return
			}
		}
		if full := strings.TrimSpace(pinRequirementComment.ReplaceAllString(logical.String(), "")); full != "" {
			yield(start, full)
		}
	}
}

// pinRequirementComment is pip's rule: '#' at the start or after whitespace.
var pinRequirementComment = regexp.MustCompile(`(^|\s+)#.*$`)

// pinIncludeTarget returns the file of a -r/--requirement or -c/--constraint line.
func pinIncludeTarget(text string) (string, bool) {
	for _, opt := range []string{"--requirement", "--constraint", "-r", "-c"} {
		rest, ok := strings.CutPrefix(text, opt)
		if !ok {
			continue
		}
		if strings.HasPrefix(opt, "--") {
			if rest != "" && rest[0] != '=' && rest[0] != ' ' && rest[0] != '\t' {
				continue // a longer option that merely starts the same
			}
			rest = strings.TrimPrefix(rest, "=")
		}
		if target := strings.TrimSpace(rest); target != "" {
			return target, true
		}
	}
	return "", false
}

// --- requirement and constraint syntax ---

// pinRequirement is a PEP 508 requirement: name, optional [extras], then a version
// specifier or "@ url", then optional "; markers".
var pinRequirement = regexp.MustCompile(`^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$`)

// pinFromRequirement reads a PEP 508 requirement; ok is false when it is not stelvio.
func pinFromRequirement(req string) (pin StelvioPin, ok bool, err error) {
	m := pinRequirement.FindStringSubmatch(strings.TrimSpace(req))
	if m == nil || !pinIsStelvio(m[1]) {
		return StelvioPin{}, false, nil
	}
	spec, _, _ := strings.Cut(m[3], ";")
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "@") {
		return StelvioPin{Spec: spec}, true, nil // a URL or path: no version to read
	}
	if strings.HasPrefix(spec, "(") && strings.HasSuffix(spec, ")") {
		spec = strings.TrimSpace(spec[1 : len(spec)-1])
	}
	version, exact, err := pinPEP440Bound(spec)
	if err != nil {
		return StelvioPin{}, true, fmt.Errorf("requirement %q: %w", req, err)
	}
	return StelvioPin{Version: version, Exact: exact, Spec: spec}, true, nil
}

var pinSpecOperators = []string{"===", "==", "~=", "!=", "<=", ">=", "<", ">"}

// pinPEP440Bound reads a PEP 440 specifier set: the exact version of an ==/=== clause, else
// the version of its only lower-bound clause (>=, ~=, >, ==X.*). Which of several lower
// bounds is the highest would take version comparison, which is not ours to do here.
func pinPEP440Bound(spec string) (version string, exact bool, err error) {
	if spec == "" {
		return "", false, nil
	}
	var lower []string
	for clause := range strings.SplitSeq(spec, ",") {
		clause = strings.TrimSpace(clause)
		op := ""
		for _, candidate := range pinSpecOperators {
			if strings.HasPrefix(clause, candidate) {
				op = candidate
				break
			}
		}
		v := strings.TrimSpace(strings.TrimPrefix(clause, op))
		if op == "" || !pinVersionText.MatchString(v) {
			return "", false, fmt.Errorf("%q is not a version specifier (like ==0.9.0b5 or >=0.9)", clause)
		}
		switch {
		case op == "===" || op == "==" && !strings.HasSuffix(v, ".*"):
			return v, true, nil
		case op == "==":
			lower = append(lower, strings.TrimSuffix(v, ".*"))
		case op == ">=" || op == "~=" || op == ">":
			lower = append(lower, v)
		}
	}
	if len(lower) == 1 {
		return lower[0], false, nil
	}
	return "", false, nil
}

// pinVersionText is loose on purpose: it only rejects what cannot be a version at all.
var pinVersionText = regexp.MustCompile(`^v?[0-9][0-9A-Za-z.+!_-]*(\.\*)?$`)

// pinFromPoetry reads a Poetry constraint: ^X, ~X, X (exact), ==X, >=X, X.*, *, and
// comma-separated combinations; "||" alternatives have no single lower bound.
func pinFromPoetry(constraint string) (StelvioPin, error) {
	c := strings.TrimSpace(constraint)
	pin := StelvioPin{Spec: c}
	if c == "" || c == "*" || strings.Contains(c, "|") {
		return pin, nil
	}
	var pep440 []string
	for clause := range strings.SplitSeq(c, ",") {
		clause = strings.TrimSpace(clause)
		switch {
		case strings.HasPrefix(clause, "^"), strings.HasPrefix(clause, "~") && !strings.HasPrefix(clause, "~="):
			pep440 = append(pep440, ">="+strings.TrimSpace(clause[1:]))
		case clause != "" && clause[0] >= '0' && clause[0] <= '9':
			pep440 = append(pep440, "=="+clause)
		default:
			pep440 = append(pep440, clause)
		}
	}
	version, exact, err := pinPEP440Bound(strings.Join(pep440, ","))
	if err != nil {
		return StelvioPin{}, fmt.Errorf("poetry constraint %q: %w", c, err)
	}
	pin.Version, pin.Exact = version, exact
	return pin, nil
}
