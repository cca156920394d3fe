package config

import (
	"fmt"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// setupCORS reads Api(cors=True | CorsConfig | dict) into the env vars Stelvio registers
// for every route function (linking.md §6.3).
func (r *reader) setupCORS(c *pyeval.Call, comp *Component) error {
	v := comp.Arg("cors")
	if isNone(v) {
		return nil
	}
	if b, ok := v.(pyeval.Bool); ok {
		if b {
			comp.cors = &corsSettings{env: []EnvVar{{Name: "STLV_CORS_ALLOW_ORIGIN", Value: pyeval.Str("*")}}}
		}
		return nil
	}
	var field func(string) pyeval.Value
	switch cfg := v.(type) {
	case *record:
		field = cfg.get
	case *pyeval.Dict:
		field = func(k string) pyeval.Value { x, _ := cfg.GetStr(k); return x }
	case *pyeval.Unknown:
		r.unresolved(c.Pos, fmt.Sprintf("Api %q: cors= is not known statically (%s): CORS env vars of its routes are unknown", comp.Name, cfg.Reason), "")
		r.rootCause(cfg)
		comp.cors = &corsSettings{env: []EnvVar{{Name: "STLV_CORS_ALLOW_ORIGIN", Value: cfg}}}
		return nil
	default:
		return typeError(c.Pos, "cors must be a bool, CorsConfig or dict, not %s", v.TypeName())
	}
	origin := field("allow_origins")
	if isNone(origin) {
		origin = pyeval.Str("*")
	}
	if _, isList := elems(origin); isList {
		return pyeval.Errorf(c.Pos, "ValueError", "Api %q: a REST API takes one allow_origins string, not a list", comp.Name)
	}
	env := []EnvVar{{Name: "STLV_CORS_ALLOW_ORIGIN", Value: origin}}
	if h := field("expose_headers"); !isNone(h) {
		list, ok := elems(h)
		switch {
		case ok && len(list) > 0:
			parts := make([]string, 0, len(list))
			for _, e := range list {
				s, isStr := str(e)
				if !isStr {
					return typeError(c.Pos, "expose_headers must be a list of str")
				}
				parts = append(parts, s)
			}
			env = append(env, EnvVar{Name: "STLV_CORS_EXPOSE_HEADERS", Value: pyeval.Str(strings.Join(parts, ","))})
		case !ok:
			env = append(env, EnvVar{Name: "STLV_CORS_EXPOSE_HEADERS", Value: &pyeval.Unknown{Pos: c.Pos, Reason: "expose_headers is not a list known statically"}})
		}
	}
	if cred, known := pyeval.Truth(orNone(field("allow_credentials"))); cred && known {
		if s, _ := str(origin); s == "*" {
			return pyeval.Errorf(c.Pos, "ValueError", "Api %q: allow_credentials=True needs a specific origin, not '*'", comp.Name)
		}
		env = append(env, EnvVar{Name: "STLV_CORS_ALLOW_CREDENTIALS", Value: pyeval.Str("true")})
	}
	comp.cors = &corsSettings{env: env}
	return nil
}

func orNone(v pyeval.Value) pyeval.Value {
	if v == nil {
		return pyeval.None
	}
	return v
}

// setupPool reads UserPool(triggers={key: handler}): each trigger becomes a Function
// "{pool}-trigger-{key}". A plain string handler cannot carry links.
func (r *reader) setupPool(c *pyeval.Call, comp *Component) error {
	comp.pool = &poolState{}
	t := comp.Arg("triggers")
	if isNone(t) {
		return nil
	}
	d, ok := t.(*pyeval.Dict)
	if !ok {
		if u := unknownIn(t); u != nil {
			r.unresolved(c.Pos, fmt.Sprintf("UserPool %q: triggers= is not known statically (%s)", comp.Name, u.Reason), "")
			r.rootCause(u)
			return nil
		}
		return typeError(c.Pos, "triggers must be a dict, not %s", t.TypeName())
	}
	for _, it := range d.Items() {
		key, ok := str(it.Key)
		if !ok {
			return typeError(c.Pos, "trigger names must be str")
		}
		spec, err := specOf(c, it.Value, nil)
		if err != nil {
			return err
		}
		if err := r.checkSpec(spec); err != nil {
			return err
		}
		comp.pool.triggers = append(comp.pool.triggers, &subscription{fnName: comp.Name + "-trigger-" + key, spec: spec, pos: c.Pos})
	}
	return nil
}

// setupAppSync reads AppSync(auth=LambdaAuth(...), additional_auth=[...]): Lambda
// authorizers become Functions "{api}-authorizer" and "{api}-authorizer-additional-{i}".
func (r *reader) setupAppSync(c *pyeval.Call, comp *Component) error {
	lambdaAuth := func(v pyeval.Value, fnName string) error {
		rec, ok := v.(*record)
		if !ok || rec.kind != "LambdaAuth" {
			return nil
		}
		var opts []pyeval.Keyword
		for _, it := range rec.fields.Items() {
			k, _ := str(it.Key)
			if k != "handler" && k != "result_ttl" && k != "identity_validation_expression" {
				opts = append(opts, pyeval.Keyword{Name: k, Value: it.Value})
			}
		}
		spec, err := specOf(c, orNone(rec.get("handler")), opts)
		if err != nil {
			return err
		}
		if err := r.checkSpec(spec); err != nil {
			return err
		}
		comp.subs = append(comp.subs, &subscription{fnName: fnName, spec: spec, pos: rec.pos})
		return nil
	}
	if err := lambdaAuth(comp.Arg("auth"), comp.Name+"-authorizer"); err != nil {
		return err
	}
	if extra, ok := elems(comp.Arg("additional_auth")); ok {
		for i, v := range extra {
			if err := lambdaAuth(v, fmt.Sprintf("%s-authorizer-additional-%d", comp.Name, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// outputClass is pulumi.Output: concat and format keep values symbolic.
func (r *reader) outputClass() *class {
	k := &class{name: "Output", module: "pulumi", attrs: map[string]pyeval.Value{}}
	k.attrs["concat"] = &method{"concat", func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
		var t pyeval.Template
		for _, a := range args.Positional {
			switch v := a.(type) {
			case pyeval.Str:
				t = append(t, pyeval.Part{Text: string(v)})
			case *pyeval.Output:
				t = append(t, v.T...)
			case *pyeval.SymStr:
				t = append(t, v.T...)
			case *pyeval.Unknown:
				return v, nil
			default:
				return &pyeval.Unknown{Pos: c.Pos, Reason: "Output.concat of a " + a.TypeName()}, nil
			}
		}
		return &pyeval.Output{T: t}, nil
	}}
	for _, name := range []string{"all", "format", "from_input", "json_dumps", "secret"} {
		n := name
		k.attrs[n] = &method{n, func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
			return &pyeval.Unknown{Pos: c.Pos, Reason: "Output." + n + " is not evaluated statically"}, nil
		}}
	}
	return k
}
