package config

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// appObject is the StelvioApp instance: its name, modules=, link_configs=, and the
// functions registered with @app.config and @app.run.
type appObject struct {
	r       *reader
	pos     pyeval.Pos
	name    pyeval.Value
	modules []pyeval.Value
	config  pyeval.Value
	run     pyeval.Value
}

func (*appObject) TypeName() string { return "StelvioApp" }

func (a *appObject) Attr(c *pyeval.Call, name string) (pyeval.Value, bool, error) {
	switch name {
	case "config":
		return &method{name, func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
			return a.register(c, args, &a.config, "config")
		}}, true, nil
	case "run":
		return &method{name, func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
			return a.register(c, args, &a.run, "run")
		}}, true, nil
	case "name":
		return a.name, true, nil
	case "set_user_link_for":
		return &method{name, a.r.setUserLinkFor}, true, nil
	}
	// Newer decorators such as @app.on(signal) register hooks that create no components:
	// the evaluator keeps a function undecorated when its decorator is Unknown.
	return &pyeval.Unknown{Pos: c.Pos, Reason: "StelvioApp." + name + " is " + notModelled}, true, nil
}

// register implements @app.config and @app.run: each may be used once.
func (a *appObject) register(c *pyeval.Call, args pyeval.Args, slot *pyeval.Value, what string) (pyeval.Value, error) {
	if len(args.Positional) != 1 || len(args.Keywords) > 0 {
		return nil, typeError(c.Pos, "@app.%s takes the decorated function", what)
	}
	if *slot != nil {
		return nil, pyeval.Errorf(c.Pos, "RuntimeError", "@app.%s is already registered", what)
	}
	*slot = args.Positional[0]
	return args.Positional[0], nil
}

func (r *reader) appClass() *class {
	k := &class{name: "StelvioApp", module: "stelvio.app", attrs: map[string]pyeval.Value{}}
	k.attrs["set_user_link_for"] = &method{"set_user_link_for", r.setUserLinkFor}
	k.construct = func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
		b, err := params{fn: "StelvioApp", names: []string{"name", "modules", "link_configs"}}.bind(c, args)
		if err != nil {
			return nil, err
		}
		if r.appObj != nil {
			return nil, pyeval.Errorf(c.Pos, "RuntimeError", "StelvioApp already created at %s: an app has exactly one", r.appObj.pos)
		}
		name, err := b.require("StelvioApp", "name")
		if err != nil {
			return nil, err
		}
		a := &appObject{r: r, pos: c.Pos, name: name}
		if mods := b.get("modules"); !isNone(mods) {
			list, ok := elems(mods)
			if !ok {
				r.unresolved(c.Pos, "modules= is not a list known statically: modules it names are not read", "")
			}
			a.modules = list
		}
		if lc := b.get("link_configs"); !isNone(lc) {
			d, ok := lc.(*pyeval.Dict)
			if !ok {
				r.unresolved(c.Pos, "link_configs= is not a dict known statically: link creators are unknown", "")
				r.creatorsUnknown = &pyeval.Unknown{Pos: c.Pos, Reason: "link_configs= is not known statically"}
			} else {
				for _, it := range d.Items() {
					if err := r.addUserCreator(c, it.Key, it.Value); err != nil {
						return nil, err
					}
				}
			}
		}
		r.appObj = a
		return a, nil
	}
	return k
}

// setUserLinkFor is StelvioApp.set_user_link_for(cls, fn).
func (r *reader) setUserLinkFor(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	b, err := params{fn: "set_user_link_for", names: []string{"component_type", "func"}}.bind(c, args)
	if err != nil {
		return nil, err
	}
	k, err := b.require("set_user_link_for", "component_type")
	if err != nil {
		return nil, err
	}
	fn, err := b.require("set_user_link_for", "func")
	if err != nil {
		return nil, err
	}
	return pyeval.None, r.addUserCreator(c, k, fn)
}

// addUserCreator registers a user link creator for a component class. Lookup is by exact
// class (linking.md §1.3), so the key is the class's name.
func (r *reader) addUserCreator(c *pyeval.Call, key, fn pyeval.Value) error {
	k, ok := key.(*class)
	if !ok {
		if u := unknownIn(key); u != nil {
			r.creatorsUnknown = u
			r.unresolved(c.Pos, "a link_configs key is not known statically: link creators are unknown", "")
			return nil
		}
		return typeError(c.Pos, "link_configs keys must be component classes, not %s", key.TypeName())
	}
	r.userCreators[k.name] = fn
	return nil
}
