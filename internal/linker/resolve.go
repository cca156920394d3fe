package linker

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// Result is a resolved app in the shape of `resolve --format json` (action.md §5).
type Result struct {
	App            string       `json:"app"`
	Env            string       `json:"env"`
	StelvioVersion string       `json:"stelvio_version"`
	Functions      []Function   `json:"functions"`
	Files          []File       `json:"files"`
	Unresolved     []Unresolved `json:"unresolved"`
	Notices        []Unresolved `json:"notices,omitempty"`
}

// Function is one Lambda with what its links give it.
type Function struct {
	Name            string          `json:"name"`
	Handler         string          `json:"handler"`
	LambdaHandler   string          `json:"lambda_handler"`
	Folder          string          `json:"folder"`
	DefinedAt       string          `json:"defined_at"`
	Links           []string        `json:"links"`
	Env             []EnvVar        `json:"env"`
	Statements      []LinkStatement `json:"statements"`
	ManagedPolicies []string        `json:"managed_policies"`
	// PolicyDocument is the role policy exactly as Stelvio attaches it (get_policy_document's
	// JSON), with symbols for deploy-time values; "" when there is no policy or a statement
	// is not known.
	PolicyDocument string `json:"policy_document,omitempty"`
	// PackageFileSHA256 is the sha256 of the stlv_resources.py Stelvio puts in this
	// function's Lambda package (its own links only); "" when it puts none of its own.
	PackageFileSHA256 string `json:"package_file_sha256,omitempty"`
	Unresolved        bool   `json:"unresolved,omitempty"`
}

// EnvVar is one Lambda environment variable. Value is a symbol (${todos.arn}) or the
// literal; Literal says which, so renderers can mask literals.
type EnvVar struct {
	Name    string `json:"name"`
	Value   string `json:"value"`
	Link    string `json:"link,omitempty"`
	Source  string `json:"source"` // "link", "cors", "environment", "customize"
	Literal bool   `json:"literal,omitempty"`
	Unknown bool   `json:"unknown,omitempty"`
}

// LinkStatement is one IAM statement of the function's policy, with the link that grants it.
type LinkStatement struct {
	Effect    string   `json:"effect"`
	Actions   []string `json:"actions"`
	Resources []string `json:"resources"`
	Link      string   `json:"link"`
	Unknown   bool     `json:"unknown,omitempty"`
}

// File is a stlv_resources.py Stelvio writes or deletes.
type File struct {
	Path    string `json:"path"`
	Action  string `json:"action"` // "write", "delete" or "unknown"
	SHA256  string `json:"sha256,omitempty"`
	Content string `json:"content,omitempty"`
	Reason  string `json:"reason,omitempty"` // why an "unknown" file cannot be known
}

// Unresolved is something not known statically, with its place.
type Unresolved struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
	Function string `json:"function,omitempty"`
}

// BasicExecutionPolicy is the managed policy every Stelvio function role has.
const BasicExecutionPolicy = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"

// Resolve turns an app model into per-function env vars, statements and files.
func Resolve(app *config.App, rules Rules) (*Result, error) {
	res := &Result{App: app.Name, Env: app.Env, StelvioVersion: app.Version.Version,
		Functions: []Function{}, Files: []File{}, Unresolved: []Unresolved{}}
	rv := &resolver{rules: rules, policies: map[string]string{}, packages: map[string]string{},
		rendered: map[*config.Permission]LinkStatement{}, ids: map[*config.Permission]int{},
		envNames: map[[2]string]string{}}
	for _, fn := range app.Functions {
		f, err := rv.function(fn)
		if err != nil {
			return nil, err
		}
		res.Functions = append(res.Functions, f)
	}
	sort.Slice(res.Functions, func(i, j int) bool { return res.Functions[i].Name < res.Functions[j].Name })
	files, err := planFiles(app, rules)
	if err != nil {
		return nil, err
	}
	res.Files = files
	for _, u := range app.Unresolved {
		res.Unresolved = append(res.Unresolved, Unresolved{File: u.Pos.File, Line: u.Pos.Line, Message: u.Message, Function: u.Function})
	}
	for _, u := range app.Notices {
		res.Notices = append(res.Notices, Unresolved{File: u.Pos.File, Line: u.Pos.Line, Message: u.Message})
	}
	return res, nil
}

// resolver resolves the functions of one app. Functions often share a link set, so the
// policy document and the package file are rendered once per distinct input.
type resolver struct {
	rules    Rules
	policies map[string]string // statements key → policy document ("" = none)
	packages map[string]string // link map and CORS key → package file sha256 ("" = none)
	rendered map[*config.Permission]LinkStatement
	ids      map[*config.Permission]int
	envNames map[[2]string]string // (link, property) → env var name
}

func (rv *resolver) function(fn *config.Function) (Function, error) {
	rules := rv.rules
	out := Function{
		Name: fn.Name, Handler: fn.Handler, LambdaHandler: fn.LambdaHandler, Folder: fn.Folder,
		DefinedAt: fn.DefinedAt.String(), Links: []string{}, Env: []EnvVar{}, Statements: []LinkStatement{},
		ManagedPolicies: []string{BasicExecutionPolicy},
	}
	if fn.Unknown != nil {
		out.Unresolved = true
		return out, nil
	}
	for _, l := range fn.Links {
		if l.Unknown != nil {
			out.Unresolved = true
			out.Links = append(out.Links, "?")
			continue
		}
		out.Links = append(out.Links, l.Name)
	}
	env, err := functionEnv(fn, rv.envNames)
	if err != nil {
		return out, err
	}
	out.Env = env
	out.Statements = statements(fn, rv.rendered)
	key := rv.permissionsKey(fn)
	doc, seen := rv.policies[key]
	if !seen {
		doc, _ = policyDocument(out.Statements)
		rv.policies[key] = doc
	}
	out.PolicyDocument = doc
	if m, known := functionMap(fn, rules.LinkMapSkipsEmpty); known {
		key := linkMapKey(m, hasCORS(fn))
		sum, seen := rv.packages[key]
		if !seen {
			content, ok, err := ResourcesFile(m, hasCORS(fn), rules.Codegen)
			if err != nil {
				return out, fmt.Errorf("%s: function %q: %w", fn.DefinedAt, fn.Name, err)
			}
			if ok {
				h := sha256.Sum256([]byte(content))
				sum = hex.EncodeToString(h[:])
			}
			rv.packages[key] = sum
		}
		out.PackageFileSHA256 = sum
	}
	for _, e := range out.Env {
		out.Unresolved = out.Unresolved || e.Unknown
	}
	for _, s := range out.Statements {
		out.Unresolved = out.Unresolved || s.Unknown
	}
	return out, nil
}

// Render shows a value the way reports show it: literals as text, deploy-time values as
// symbols, unknowns as "<unknown>".
func Render(v pyeval.Value) (text string, literal, unknown bool) {
	switch v := v.(type) {
	case pyeval.Str:
		return string(v), true, false
	case pyeval.Int:
		return strconv.FormatInt(int64(v), 10), true, false
	case pyeval.Bool:
		if v {
			return "True", true, false
		}
		return "False", true, false
	case *pyeval.Output:
		return canonical(v.T), !hasRef(v.T), false
	case *pyeval.SymStr:
		return canonical(v.T), !hasRef(v.T), false
	case *pyeval.Unknown:
		return "<unknown: " + v.Reason + ">", false, true
	}
	return pyeval.Repr(v), true, false
}

// canonical renders a template with resource paths shortened to the component's symbol:
// table.resources.table.name reads as ${table.name}.
func canonical(t pyeval.Template) string {
	var b strings.Builder
	for _, p := range t {
		if p.Ref == nil {
			b.WriteString(p.Text)
			continue
		}
		path := p.Ref.Path
		if len(path) >= 3 && path[0] == "resources" {
			path = path[2:]
		}
		b.WriteString("${" + p.Ref.Root + "." + strings.Join(path, ".") + "}")
	}
	return b.String()
}

// hasRef reports whether a template has any deploy-time part.
func hasRef(t pyeval.Template) bool {
	for _, p := range t {
		if p.Ref != nil {
			return true
		}
	}
	return false
}

// policyDocument renders the statements as the policy Stelvio creates, when all are known.
func policyDocument(stmts []LinkStatement) (string, bool) {
	if len(stmts) == 0 {
		return "", false
	}
	in := make([]Statement, 0, len(stmts))
	for _, s := range stmts {
		if s.Unknown {
			return "", false
		}
		in = append(in, Statement{Actions: s.Actions, Resources: s.Resources})
	}
	doc, err := PolicyDocument(in)
	return doc, err == nil
}

// permissionsKey identifies a function's statements by the permissions they come from:
// default links are shared per component, so functions linking the same components share
// a key without their statements being compared text by text.
func (rv *resolver) permissionsKey(fn *config.Function) string {
	var b []byte
	for _, l := range fn.Links {
		if l.Unknown != nil {
			b = append(b, 0)
			continue
		}
		for _, p := range l.Permissions {
			id, ok := rv.ids[p]
			if !ok {
				id = len(rv.ids) + 1
				rv.ids[p] = id
			}
			b = binary.AppendUvarint(b, uint64(id))
		}
	}
	return string(b)
}

// linkMapKey identifies a link map and CORS flag for the package-file cache.
func linkMapKey(m []LinkProps, cors bool) string {
	var b strings.Builder
	if cors {
		b.WriteByte(3)
	}
	for _, lp := range m {
		b.WriteString(lp.Link)
		b.WriteByte(1)
		for _, p := range lp.Props {
			b.WriteString(p)
			b.WriteByte(0)
		}
		b.WriteByte(2)
	}
	return b.String()
}
