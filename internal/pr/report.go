package pr

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// Schema names the JSON report's format; a change that breaks readers bumps its version.
const Schema = "stelvio-action/report/v1"

// jsonReport is the JSON report: the whole diff, never cut for size, literals masked
// unless ShowValues.
type jsonReport struct {
	Schema          string         `json:"schema"`
	App             string         `json:"app"`
	Env             string         `json:"env"`
	BaseSHA         string         `json:"base_sha,omitempty"`
	MergeBaseOf     string         `json:"merge_base_of,omitempty"`
	HeadSHA         string         `json:"head_sha,omitempty"`
	IAMData         string         `json:"iam_data,omitempty"`
	ValuesShown     bool           `json:"values_shown"`
	Changed         bool           `json:"changed"`
	Incomplete      bool           `json:"incomplete"`
	Summary         Summary        `json:"summary"`
	Functions       jsonFunctions  `json:"functions"`
	IAM             []jsonIAM      `json:"iam"`
	ManagedPolicies []jsonPolicy   `json:"managed_policies"`
	EnvVars         []jsonEnv      `json:"env_vars"`
	Files           []jsonFile     `json:"files"`
	Unresolved      []jsonLocation `json:"unresolved"`
}

type jsonFunctions struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

type jsonIAM struct {
	Change    Change   `json:"change"`
	Function  string   `json:"function"`
	Effect    string   `json:"effect"`
	Action    string   `json:"action"`
	Resource  string   `json:"resource"`
	Links     []string `json:"links"`
	Access    string   `json:"access"`
	Risk      []string `json:"risk"`
	Broadened bool     `json:"broadened"`
	Reasons   []string `json:"reasons,omitempty"`
	Unknown   bool     `json:"unknown,omitempty"`
}

type jsonPolicy struct {
	Change    Change `json:"change"`
	Function  string `json:"function"`
	ARN       string `json:"arn"`
	Broadened bool   `json:"broadened"`
}

type jsonEnv struct {
	Change   Change     `json:"change"`
	Function string     `json:"function"`
	Name     string     `json:"name"`
	Before   *jsonValue `json:"before,omitempty"`
	After    *jsonValue `json:"after,omitempty"`
}

type jsonValue struct {
	Value   string `json:"value"`
	Masked  bool   `json:"masked,omitempty"`
	Length  string `json:"length,omitempty"` // the size class of a masked literal
	Literal bool   `json:"literal,omitempty"`
	Unknown bool   `json:"unknown,omitempty"`
	Link    string `json:"link,omitempty"`
	Source  string `json:"source"`
}

type jsonFile struct {
	Path         string `json:"path"`
	Change       Change `json:"change"`
	BeforeSHA256 string `json:"before_sha256,omitempty"`
	AfterSHA256  string `json:"after_sha256,omitempty"`
	Diff         string `json:"diff,omitempty"`
	Reason       string `json:"reason,omitempty"`
}

type jsonLocation struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
	Function string `json:"function,omitempty"`
}

// JSON renders the report as the versioned, machine-readable report.json. Options give
// the names, SHAs and ShowValues; Budget does not apply.
func JSON(r *Report, opts Options) ([]byte, error) {
	opts = opts.withDefaults(r)
	sum := r.Summary()
	out := jsonReport{
		Schema: Schema, App: opts.AppName, Env: opts.Env, BaseSHA: opts.BaseSHA, MergeBaseOf: opts.MergeBaseOf, HeadSHA: opts.HeadSHA,
		IAMData: r.IAMData, ValuesShown: opts.ShowValues, Changed: sum.HasChanges(), Incomplete: r.Incomplete,
		Summary:   sum,
		Functions: jsonFunctions{Added: nonNil(r.FunctionsAdded), Removed: nonNil(r.FunctionsRemoved)},
		IAM:       []jsonIAM{}, ManagedPolicies: []jsonPolicy{}, EnvVars: []jsonEnv{}, Files: []jsonFile{},
		Unresolved: []jsonLocation{},
	}
	for _, g := range sortedBy(r.IAM, compareIAM) {
		out.IAM = append(out.IAM, jsonIAM{Change: g.Change, Function: g.Function, Effect: g.Effect, Action: g.Action,
			Resource: g.Resource, Links: nonNil(g.Links), Access: g.Access, Risk: nonNil(g.Risk), Broadened: g.Broadened,
			Reasons: g.Reasons, Unknown: g.Unknown})
	}
	for _, p := range r.Policies {
		out.ManagedPolicies = append(out.ManagedPolicies, jsonPolicy(p))
	}
	for _, e := range sortedBy(r.EnvVars, compareEnv) {
		out.EnvVars = append(out.EnvVars, jsonEnv{Change: e.Change, Function: e.Function, Name: e.Name,
			Before: newJSONValue(e.Before, opts.ShowValues), After: newJSONValue(e.After, opts.ShowValues)})
	}
	for _, f := range r.Files {
		out.Files = append(out.Files, jsonFile(f))
	}
	for _, u := range r.Unresolved {
		out.Unresolved = append(out.Unresolved, jsonLocation(u))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode the report: %w", err)
	}
	return layout(bytes.TrimSpace(buf.Bytes()), 2), nil
}

// layout indents compact JSON down to depth levels and leaves what is deeper on one line:
// the report reads one IAM tuple or env var per line, and costs a third of full
// indentation to write.
func layout(compact []byte, depth int) []byte {
	out := make([]byte, 0, len(compact)+len(compact)/8)
	start, level := 0, 0
	// breakAt copies what is pending up to and including i, then a line break indented to
	// level.
	breakAt := func(i, level int) {
		out = append(out, compact[start:i+1]...)
		out = append(out, '\n')
		for range level {
			out = append(out, ' ', ' ')
		}
		start = i + 1
	}
	for i := 0; i < len(compact); i++ {
		switch c := compact[i]; c {
		case '"':
			for i++; i < len(compact) && compact[i] != '"'; i++ {
				if compact[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			level++
			if level <= depth && i+1 < len(compact) && compact[i+1] != '}' && compact[i+1] != ']' {
				breakAt(i, level)
			}
		case '}', ']':
			if level <= depth && compact[i-1] != '{' && compact[i-1] != '[' {
				breakAt(i-1, level-1)
			}
			level--
		case ',':
			if level <= depth {
				breakAt(i, level)
			}
		case ':':
			if level <= depth {
				out = append(out, compact[start:i+1]...)
				out = append(out, ' ')
				start = i + 1
			}
		}
	}
	out = append(out, compact[start:]...)
	return append(out, '\n')
}

func newJSONValue(v *linker.EnvVar, show bool) *jsonValue {
	if v == nil {
		return nil
	}
	shown, masked, length := shownValue(v, show)
	return &jsonValue{Value: shown, Masked: masked, Length: length, Literal: v.Literal, Unknown: v.Unknown,
		Link: v.Link, Source: v.Source}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
