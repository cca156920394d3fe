package config

import (
	"fmt"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// Stelvio creates resources lazily: after @app.run and the modules= imports, drive() walks
// the registry by class (in first-instantiation order) and touches each component, and a
// component may create others first (linking.md §5.7). The order matters because every
// Function rewrites its folder's stlv_resources.py from the accumulated map.

// drive mirrors Stelvio's drive(): the class list is a snapshot, each class's list is live.
func (r *reader) drive() error {
	kinds := append([]string(nil), r.kinds...)
	for _, k := range kinds {
		for i := 0; i < len(r.byKind[k]); i++ {
			comp := r.byKind[k][i]
			if err := r.create(comp.Pos, comp); err != nil {
				return err
			}
		}
	}
	return nil
}

// create makes comp's resources once, creating what it depends on first.
func (r *reader) create(pos pyeval.Pos, comp *Component) error {
	if comp.created || r.phase == phaseImport {
		return nil
	}
	if comp.creating {
		if comp.Kind == "Function" {
			return pyeval.Errorf(pos, "RecursionError", "function %q links itself, directly or through other functions: Stelvio recurses forever", comp.Name)
		}
		return nil
	}
	comp.creating = true
	defer func() { comp.creating = false }()
	var err error
	switch comp.Kind {
	case "Function":
		err = r.createFunction(comp)
	case "Api", "RestApi", "HttpApi", "WebsocketApi":
		err = r.createApi(comp)
	case "Bucket":
		for _, sub := range comp.subs {
			if err = r.create(sub.pos, sub.comp); err != nil {
				break
			}
		}
	case "UserPool":
		err = r.createSubs(comp, comp.pool.triggers)
	case "Queue", "Topic", "DynamoTable":
		// Their subscribers are created by the subscription components, in those
		// classes' turn.
	default:
		err = r.createSubs(comp, comp.subs)
	}
	if err != nil {
		return err
	}
	comp.created = true
	return nil
}

// createSubs creates the functions a component attaches (cron target, subscribers, ...).
func (r *reader) createSubs(parent *Component, subs []*subscription) error {
	for _, sub := range subs {
		fn, err := r.instantiate(parent, sub)
		if err != nil || fn == nil {
			return err
		}
		if err := r.create(sub.pos, fn); err != nil {
			return err
		}
	}
	return nil
}

// instantiate makes the Function a parent derives, as Stelvio does during the parent's
// creation: it is registered now, or the Function passed as handler is used.
func (r *reader) instantiate(parent *Component, sub *subscription) (*Component, error) {
	if sub.fn != nil {
		return sub.fn, nil
	}
	if sub.spec.instance != nil {
		sub.fn = sub.spec.instance
		return sub.fn, nil
	}
	owner := parent
	if sub.comp != nil {
		owner = sub.comp.Parent
	}
	comp := &Component{Kind: "Function", Name: sub.fnName, Pos: sub.pos, Parent: owner, app: r, extra: map[string]any{}}
	if err := r.newFunction(comp, sub.spec, owner); err != nil {
		return nil, err
	}
	comp.sub = sub
	if err := r.register(sub.pos, comp); err != nil {
		return nil, err
	}
	sub.fn = comp
	return comp, nil
}

// createApi creates authorizer functions, then one function per route group in the order
// of each group's first route; only the one configuring route of a group gives its links.
func (r *reader) createApi(api *Component) error {
	for _, a := range api.authz {
		if err := r.createSubs(api, []*subscription{a.sub}); err != nil {
			return err
		}
	}
	var keys []string
	groups := map[string][]*route{}
	for _, rt := range api.routes {
		key := rt.parts.full
		switch {
		case rt.spec.instance != nil:
			key = "fn:" + rt.spec.instance.Name
		case rt.spec.unknown != nil:
			continue // reported when the route was added
		}
		if _, seen := groups[key]; !seen {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], rt)
	}
	for _, key := range keys {
		fn, err := r.routeFunction(api, key, groups[key])
		if err != nil {
			return err
		}
		late := fn.created || fn.creating
		if (!late || r.behaviour.CORSAnyOrder) && api.cors != nil && fn.fn != nil && !r.behaviour.NoCORS {
			fn.fn.CORS = api.cors.env
		}
		if err := r.create(fn.Pos, fn); err != nil {
			return err
		}
	}
	return nil
}

// routeFunction picks the group's configuring route and returns its function.
func (r *reader) routeFunction(api *Component, key string, group []*route) (*Component, error) {
	var configuring []*route
	for _, rt := range group {
		if rt.spec.configured {
			configuring = append(configuring, rt)
		}
	}
	if len(configuring) > 1 {
		paths := make([]string, len(configuring))
		for i, rt := range configuring {
			paths[i] = rt.path
		}
		return nil, pyeval.Errorf(configuring[1].pos, "ValueError",
			"Multiple routes trying to configure the same lambda function: %s (routes at %s and %s both set options such as links=; set them on one route only)",
			strings.Join(paths, ", "), configuring[0].pos, configuring[1].pos)
	}
	chosen := group[0]
	if len(configuring) == 1 {
		chosen = configuring[0]
	}
	if chosen.spec.instance != nil {
		return chosen.spec.instance, nil
	}
	name := routeFunctionName(api.Name, key)
	if existing, ok := r.names[name]; ok && existing.Kind == "Function" {
		return existing, nil
	}
	return r.instantiate(api, &subscription{fnName: name, spec: chosen.spec, pos: chosen.pos})
}

// createFunction resolves a function's links (creating linked functions first, as the
// link creator reads their resources) and records its place in creation order.
func (r *reader) createFunction(comp *Component) error {
	fn := comp.fn
	spec := comp.spec
	var items []pyeval.Value
	if comp.sub != nil {
		if comp.sub.implicit != nil {
			items = append(items, comp.sub.implicit)
		}
		items = append(items, comp.sub.links...)
	}
	if spec != nil {
		list, _ := elems(spec.links)
		items = append(items, list...)
	}
	for _, it := range items {
		l, err := r.linkItem(spec.pos, comp, it)
		if err != nil {
			return err
		}
		fn.Links = append(fn.Links, l)
	}
	if spec != nil && spec.linksU != nil {
		fn.Links = append(fn.Links, &Link{Pos: spec.linksU.Pos, Unknown: spec.linksU})
		r.unresolved(spec.linksU.Pos, fmt.Sprintf("function %q: links= is not known statically (%s)", comp.Name, spec.linksU.Reason), comp.Name)
		r.rootCause(spec.linksU)
	}
	if spec != nil {
		if err := r.functionEnv(comp, spec); err != nil {
			return err
		}
	}
	fn.Order = len(r.app.Functions)
	r.app.Functions = append(r.app.Functions, fn)
	return nil
}

// linkItem turns one entry of links=[...] into a Link, as Function creation does.
func (r *reader) linkItem(pos pyeval.Pos, owner *Component, it pyeval.Value) (*Link, error) {
	switch v := it.(type) {
	case *Link:
		if v.Unknown != nil {
			r.unresolved(v.Unknown.Pos, fmt.Sprintf("function %q: a link is not known statically (%s)", owner.Name, v.Unknown.Reason), owner.Name)
			r.rootCause(v.Unknown)
		}
		return v, r.checkLink(pos, owner, v)
	case *Component:
		if !r.linkable(v) {
			return nil, pyeval.Errorf(pos, "AttributeError", "'%s' object has no attribute 'link': %s %q cannot be linked (in links= of function %q)", v.Kind, v.Kind, v.Name, owner.Name)
		}
		l, err := r.linkOf(pos, v)
		if err != nil {
			return nil, err
		}
		return l, r.checkLink(pos, owner, l)
	case *pyeval.Unknown:
		r.unresolved(v.Pos, fmt.Sprintf("function %q: a link is not known statically (%s)", owner.Name, v.Reason), owner.Name)
		r.rootCause(v)
		return &Link{Pos: v.Pos, Unknown: v}, nil
	}
	return nil, pyeval.Errorf(pos, "AttributeError", "'%s' object has no attribute 'link': links= of function %q holds a %s", it.TypeName(), owner.Name, it.TypeName())
}

// checkLink rejects what makes Stelvio fail while it creates the function.
func (r *reader) checkLink(pos pyeval.Pos, owner *Component, l *Link) error {
	if l.Unknown == nil && l.Properties == nil {
		return pyeval.Errorf(pos, "TypeError", "link %q of function %q has properties=None: Stelvio fails with \"'NoneType' object is not iterable\"; give properties={} for a permissions-only link", l.Name, owner.Name)
	}
	return nil
}

// linkable reports whether comp has a link() method in the pinned Stelvio.
func (r *reader) linkable(comp *Component) bool {
	return r.catalog != nil && r.catalog.Linkable(comp.Kind)
}

// linkOf is comp.link(): the user creator registered for its class now, else Stelvio's
// default; both read the component's resources, which creates it.
func (r *reader) linkOf(pos pyeval.Pos, comp *Component) (*Link, error) {
	if err := r.create(pos, comp); err != nil {
		return nil, err
	}
	l := &Link{Name: comp.Name, Pos: pos, Component: comp}
	if creator, ok := r.userCreators[comp.Kind]; ok {
		v, err := r.interp.CallValue(&pyeval.Call{Interp: r.interp, Pos: pos}, creator, pyeval.Args{Positional: []pyeval.Value{comp}})
		if err != nil {
			return nil, fmt.Errorf("link creator for %s %q: %w", comp.Kind, comp.Name, err)
		}
		switch cfg := v.(type) {
		case *LinkConfig:
			l.Properties, l.Permissions = cfg.Properties, cfg.Permissions
		case *pyeval.Unknown:
			l.Unknown = cfg
		default:
			return nil, typeError(pos, "the link creator for %s must return a LinkConfig, not %s", comp.Kind, v.TypeName())
		}
		return l, nil
	}
	if r.creatorsUnknown != nil {
		l.Unknown = r.creatorsUnknown
		return l, nil
	}
	cfg := r.catalog.DefaultLink(comp)
	l.Properties, l.Permissions = cfg.Properties, cfg.Permissions
	return l, nil
}

// functionEnv reads environment= and an environment override in customize.
func (r *reader) functionEnv(comp *Component, spec *fnSpec) error {
	fn := comp.fn
	environment := spec.environment
	if r.behaviour.NoUserEnvironment {
		environment = nil // Stelvio before 0.5.0a7 accepted environment= and ignored it
	}
	switch env := environment.(type) {
	case nil, pyeval.NoneType:
	case *pyeval.Dict:
		for _, it := range env.Items() {
			k, ok := str(it.Key)
			if !ok {
				if u := unknownIn(it.Key); u != nil {
					fn.EnvUnknown = u
					continue
				}
				return typeError(spec.pos, "environment keys must be str, not %s", it.Key.TypeName())
			}
			fn.Environment = append(fn.Environment, EnvVar{Name: k, Value: it.Value})
			if u := unknownIn(it.Value); u != nil {
				r.unresolved(u.Pos, fmt.Sprintf("function %q: env var %s is not known statically (%s)", comp.Name, k, u.Reason), comp.Name)
				r.rootCause(u)
			}
		}
	case *pyeval.Unknown:
		fn.EnvUnknown = env
		r.unresolved(env.Pos, fmt.Sprintf("function %q: environment= is not known statically (%s)", comp.Name, env.Reason), comp.Name)
		r.rootCause(env)
	default:
		return typeError(spec.pos, "environment must be a dict, not %s", env.TypeName())
	}
	customize := spec.customize
	if comp.sub != nil && comp.sub.customize != nil {
		customize = comp.sub.customize
	}
	if v := customizeEnv(customize); v != nil {
		fn.CustomizeEnv = v
	} else if r.globalCustomizeEnv != nil {
		fn.CustomizeEnv = r.globalCustomizeEnv
	}
	return nil
}

// dictPath follows string keys through nested dicts; nil when a step is missing.
func dictPath(v pyeval.Value, keys ...string) pyeval.Value {
	for _, k := range keys {
		d, ok := v.(*pyeval.Dict)
		if !ok {
			return nil
		}
		if v, ok = d.GetStr(k); !ok {
			return nil
		}
	}
	return v
}

// customizeEnv returns customize["function"]["environment"] when present.
func customizeEnv(customize pyeval.Value) pyeval.Value {
	d, ok := customize.(*pyeval.Dict)
	if !ok {
		return nil
	}
	f, ok := d.GetStr("function")
	if !ok {
		return nil
	}
	fd, ok := f.(*pyeval.Dict)
	if !ok {
		return nil
	}
	env, _ := fd.GetStr("environment")
	return env
}
