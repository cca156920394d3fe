package linker

import (
	"fmt"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// envMap is a Lambda environment with Python dict semantics: a key set again keeps its
// first position and takes the new value.
type envMap struct {
	vars  []EnvVar
	index map[string]int
}

func (m *envMap) set(v EnvVar) {
	if m.index == nil {
		m.index = map[string]int{}
	}
	if i, ok := m.index[v.Name]; ok {
		m.vars[i] = v
		return
	}
	m.index[v.Name] = len(m.vars)
	m.vars = append(m.vars, v)
}

// functionEnv composes a function's env vars in Stelvio's order and precedence
// (linking.md §4.2): links, then CORS, then environment=; customize replaces them all.
func functionEnv(fn *config.Function, names map[[2]string]string) ([]EnvVar, error) {
	m := envMap{index: make(map[string]int, 8)}
	for _, l := range fn.Links {
		if l.Unknown != nil || l.Properties.Unknown() != nil {
			u := l.Unknown
			if u == nil {
				u = l.Properties.Unknown()
			}
			name := "STLV_*"
			if prefix, err := EnvVarPrefix(l.Name); err == nil && l.Name != "" {
				name = prefix + "_*"
			}
			m.set(EnvVar{Name: name, Value: "<unknown: " + u.Reason + ">", Link: l.Name, Source: "link", Unknown: true})
			continue
		}
		if l.Properties == nil {
			continue
		}
		for _, p := range l.Properties.Keys {
			name, ok := names[[2]string{l.Name, p}]
			if !ok {
				var err error
				if name, err = EnvVarName(l.Name, p); err != nil {
					return nil, fmt.Errorf("%s: function %q: %w", l.Pos, fn.Name, err)
				}
				names[[2]string{l.Name, p}] = name
			}
			m.set(envVar(name, l.Properties.Values[p], l.Name, "link"))
		}
	}
	for _, c := range fn.CORS {
		m.set(envVar(c.Name, c.Value, "", "cors"))
	}
	if fn.EnvUnknown != nil {
		m.set(EnvVar{Name: "*", Value: "<unknown: " + fn.EnvUnknown.Reason + ">", Source: "environment", Unknown: true})
	}
	for _, e := range fn.Environment {
		m.set(envVar(e.Name, e.Value, "", "environment"))
	}
	if fn.CustomizeEnv != nil {
		return customizedEnv(fn.CustomizeEnv), nil
	}
	return m.vars, nil
}

// customizedEnv is the env when customize replaces Lambda's environment argument.
func customizedEnv(v pyeval.Value) []EnvVar {
	d, ok := v.(*pyeval.Dict)
	if ok {
		if vars, ok := d.GetStr("variables"); ok {
			if vd, ok := vars.(*pyeval.Dict); ok {
				var out []EnvVar
				for _, it := range vd.Items() {
					k, _ := it.Key.(pyeval.Str)
					out = append(out, envVar(string(k), it.Value, "", "customize"))
				}
				return out
			}
		}
	}
	return []EnvVar{{Name: "*", Value: "<unknown: customize replaces the environment with a value not known statically>", Source: "customize", Unknown: true}}
}

func envVar(name string, v pyeval.Value, link, source string) EnvVar {
	text, literal, unknown := Render(v)
	return EnvVar{Name: name, Value: text, Link: link, Source: source, Literal: literal, Unknown: unknown}
}

// statements lists a function's IAM statements: one per permission, in link order, no
// merging (linking.md §4.3).
func statements(fn *config.Function, rendered map[*config.Permission]LinkStatement) []LinkStatement {
	out := make([]LinkStatement, 0, 2*len(fn.Links))
	for _, l := range fn.Links {
		if l.Unknown != nil {
			out = append(out, LinkStatement{Effect: "Allow", Actions: []string{}, Resources: []string{}, Link: l.Name, Unknown: true})
			continue
		}
		for _, p := range l.Permissions {
			s, ok := rendered[p]
			if !ok {
				s = renderPermission(p)
				rendered[p] = s
			}
			// Each statement gets its own slices: callers may sort or edit them.
			s.Actions = append([]string{}, s.Actions...)
			s.Resources = append([]string{}, s.Resources...)
			s.Link = l.Name
			out = append(out, s)
		}
	}
	return out
}

// renderPermission renders one AwsPermission as a statement (without its link).
func renderPermission(p *config.Permission) LinkStatement {
	s := LinkStatement{Effect: "Allow", Actions: []string{}, Resources: []string{}}
	if p.Unknown() != nil {
		s.Unknown = true
		return s
	}
	for _, a := range p.Actions {
		text, _, unknown := Render(a)
		s.Actions = append(s.Actions, text)
		s.Unknown = s.Unknown || unknown
	}
	for _, r := range p.Resources {
		text, _, unknown := Render(r)
		s.Resources = append(s.Resources, text)
		s.Unknown = s.Unknown || unknown
	}
	return s
}
