package config

import (
	"fmt"

	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// componentKinds are the Stelvio component classes an app constructs directly.
var componentKinds = []string{
	"Function", "DynamoTable", "Bucket", "Queue", "Topic", "Cron", "Api", "RestApi", "HttpApi",
	"WebsocketApi", "Email", "AppSync", "UserPool", "IdentityPool", "Layer", "Router",
	"S3StaticWebsite", "CloudFrontDistribution", "AcmValidatedDomain", "Vpc",
}

// route is one Api.route call.
type route struct {
	method, path string
	spec         *fnSpec
	parts        handlerParts
	pos          pyeval.Pos
}

// subscription is a function a component attaches: a queue/table/topic subscriber, a bucket
// notification, a cron target, a trigger, an authorizer, a data source.
type subscription struct {
	comp     *Component // the subscription component, when Stelvio registers one
	fnName   string
	spec     *fnSpec
	implicit *Link          // the -sqs / -stream link Stelvio prepends
	links    []pyeval.Value // links= of Bucket.notify_function, before the config's
	pos      pyeval.Pos
	fn       *Component // the Function, once created

	// customize is the function's customize dict as the parent nests it.
	customize pyeval.Value
}

type authorizer struct {
	sub *subscription
}

type corsSettings struct {
	env []EnvVar
}

type poolState struct {
	triggers []*subscription
}

// componentClass makes the class for one component kind.
func (r *reader) componentClass(kind string) *class {
	return &class{name: kind, module: "stelvio", partial: true, construct: func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
		if r.phase == phaseImport {
			return nil, pyeval.Errorf(c.Pos, "RuntimeError",
				"Stelvio context not initialized: %s(...) runs while stlv_app.py is imported; create components inside @app.run or in a module listed in modules=", kind)
		}
		if len(args.Positional) == 0 {
			if _, ok := args.Kw("name"); !ok {
				if args.Unknown != nil {
					r.unresolved(c.Pos, fmt.Sprintf("%s with a name not known statically (%s)", kind, args.Unknown.Reason), "")
					r.rootCause(args.Unknown)
					return args.Unknown, nil
				}
				return nil, typeError(c.Pos, "%s() missing required argument: 'name'", kind)
			}
		}
		nameV := firstArg(args, "name")
		if u := unknownIn(nameV); u != nil {
			r.unresolved(c.Pos, fmt.Sprintf("%s with a name not known statically (%s)", kind, u.Reason), "")
			r.rootCause(u)
			return u, nil
		}
		name, ok := str(nameV)
		if !ok {
			return nil, typeError(c.Pos, "%s name must be a str, not %s", kind, nameV.TypeName())
		}
		comp := &Component{Kind: kind, Name: name, Pos: c.Pos, Args: args, app: r, extra: map[string]any{}}
		if args.Unknown != nil {
			// Options we cannot see may change links, env or the folder of anything this
			// component makes: every generated file becomes uncertain.
			r.unresolved(c.Pos, fmt.Sprintf("%s %q: some of its options are not known statically (%s)", kind, name, args.Unknown.Reason), "")
			r.rootCause(args.Unknown)
		}
		if err := r.setup(c, comp); err != nil {
			return nil, err
		}
		if err := r.register(c.Pos, comp); err != nil {
			return nil, err
		}
		if comp.Kind == "Email" {
			// Email.__init__ checks its identity after Component.__init__ registered it.
			if err := r.checkEmail(c, comp); err != nil {
				return nil, err
			}
		}
		return comp, nil
	}}
}

// firstArg is the first positional argument or the keyword name.
func firstArg(args pyeval.Args, name string) pyeval.Value {
	if len(args.Positional) > 0 {
		return args.Positional[0]
	}
	v, _ := args.Kw(name)
	return v
}

// arg returns a constructor argument by keyword, or by position index when given that way.
func (comp *Component) arg(name string, index int) pyeval.Value {
	if v, ok := comp.Args.Kw(name); ok {
		return v
	}
	if index >= 0 && index < len(comp.Args.Positional) {
		return comp.Args.Positional[index]
	}
	return nil
}

// Arg returns a constructor keyword argument, or nil.
func (comp *Component) Arg(name string) pyeval.Value { return comp.arg(name, -1) }

// Prefix is the "{app}-{env}-" prefix of the app the component belongs to.
func (comp *Component) Prefix() string { return comp.app.prefix() }

// register adds comp to Stelvio's registry: names are unique across all kinds.
func (r *reader) register(pos pyeval.Pos, comp *Component) error {
	if prev, dup := r.names[comp.Name]; dup {
		return pyeval.Errorf(pos, "ValueError", "Duplicate Stelvio component name detected: %q (also %s at %s)", comp.Name, prev.Kind, prev.Pos)
	}
	r.names[comp.Name] = comp
	if _, seen := r.byKind[comp.Kind]; !seen {
		r.kinds = append(r.kinds, comp.Kind)
	}
	r.byKind[comp.Kind] = append(r.byKind[comp.Kind], comp)
	r.app.Components = append(r.app.Components, comp)
	return nil
}

// setup reads the constructor arguments that matter for links and derived functions.
func (r *reader) setup(c *pyeval.Call, comp *Component) error {
	switch comp.Kind {
	case "Function":
		return r.setupFunction(c, comp)
	case "Cron":
		handler := comp.arg("handler", 2)
		var opts []pyeval.Keyword
		for _, kw := range comp.Args.Keywords {
			switch kw.Name {
			case "name", "schedule", "handler", "enabled", "payload", "tags", "customize":
			default:
				opts = append(opts, kw)
			}
		}
		spec, err := specOf(c, handler, opts)
		if err != nil {
			return err
		}
		comp.subs = []*subscription{{fnName: comp.Name + "-fn", spec: spec, pos: c.Pos,
			customize: dictPath(comp.Arg("customize"), "function")}}
		return r.checkSpec(spec)
	case "Api", "RestApi", "HttpApi", "WebsocketApi":
		return r.setupCORS(c, comp)
	case "UserPool":
		return r.setupPool(c, comp)
	case "AppSync":
		return r.setupAppSync(c, comp)
	}
	return nil
}

// checkSpec validates a spec's handler the way FunctionConfig does when it is built.
func (r *reader) checkSpec(spec *fnSpec) error {
	if spec.instance != nil || spec.unknown != nil {
		return nil
	}
	_, err := parseHandler(spec.pos, spec.handler, spec.folder)
	return err
}

// setupFunction reads Function(name, config=None, **opts).
func (r *reader) setupFunction(c *pyeval.Call, comp *Component) error {
	var spec *fnSpec
	var err error
	var opts []pyeval.Keyword
	for _, kw := range comp.Args.Keywords {
		if kw.Name != "name" && kw.Name != "config" {
			opts = append(opts, kw)
		}
	}
	if cfg := comp.arg("config", 1); !isNone(cfg) {
		spec, err = specOf(c, cfg, opts)
	} else {
		h, _ := comp.Args.Kw("handler")
		rest := opts[:0:0]
		for _, kw := range opts {
			if kw.Name != "handler" {
				rest = append(rest, kw)
			}
		}
		switch {
		case h == nil && comp.Args.Unknown != nil:
			spec = &fnSpec{pos: c.Pos, unknown: comp.Args.Unknown}
		case h == nil:
			return typeError(c.Pos, "Function %q needs handler= or config=", comp.Name)
		default:
			spec, err = specOf(c, h, rest)
		}
	}
	if err != nil {
		return err
	}
	if spec.instance != nil {
		return typeError(c.Pos, "Function %q: config must be a FunctionConfig or dict, not a Function", comp.Name)
	}
	if u := comp.Args.Unknown; u != nil && spec.unknown == nil {
		spec.linksU = u // links=, environment= and folder= may hide in the unknown options
		spec.environment = u
	}
	return r.newFunction(comp, spec, nil)
}

// newFunction attaches the derived Function model to a Function component.
func (r *reader) newFunction(comp *Component, spec *fnSpec, parent *Component) error {
	fn := &Function{Name: comp.Name, DefinedAt: spec.pos, Parent: parent}
	comp.fn = fn
	comp.spec = spec
	if spec.unknown != nil {
		fn.Unknown = spec.unknown
		r.unresolved(spec.pos, fmt.Sprintf("function %q: its handler is not known statically (%s)", comp.Name, spec.unknown.Reason), comp.Name)
		r.rootCause(spec.unknown)
		return nil
	}
	parts, err := parseHandler(spec.pos, spec.handler, spec.folder)
	if err != nil {
		return err
	}
	fn.Handler = spec.handler
	if spec.folder != "" {
		fn.Handler = spec.folder + "::" + spec.handler
	}
	fn.Folder, fn.LambdaHandler = parts.folderKey, parts.lambda
	return nil
}

// Attr gives a component's attributes: methods by kind, its name, and deploy-time values
// as symbols (table.arn → ${orders.arn}).
func (comp *Component) Attr(c *pyeval.Call, name string) (pyeval.Value, bool, error) {
	r := comp.app
	if m := r.componentMethod(comp, name); m != nil {
		return m, true, nil
	}
	switch name {
	case "name":
		return pyeval.Str(comp.Name), true, nil
	case "link":
		if !r.linkable(comp) {
			return nil, false, nil
		}
		return &method{name, func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
			return r.linkOf(c.Pos, comp)
		}}, true, nil
	}
	// Reading a deploy-time value reads .resources, which makes Stelvio create the
	// component now: that can change the order functions are created in.
	if err := r.create(c.Pos, comp); err != nil {
		return nil, false, err
	}
	if v, ok := r.catalog.StaticAttr(comp, name); ok {
		return v, true, nil
	}
	return &pyeval.Output{T: pyeval.Template{{Ref: &pyeval.Ref{Root: comp.Name, Path: []string{name}}}}}, true, nil
}
