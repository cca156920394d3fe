package config

import (
	"fmt"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// componentMethod returns the builder methods of a component kind (linking.md §6.1).
func (r *reader) componentMethod(comp *Component, name string) pyeval.Value {
	m := func(fn func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error)) pyeval.Value {
		return &method{name, fn}
	}
	switch comp.Kind + "." + name {
	case "DynamoTable.subscribe", "Queue.subscribe", "Topic.subscribe":
		return m(func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) { return r.subscribe(c, comp, args) })
	case "Bucket.notify_function":
		return m(func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) { return r.notifyFunction(c, comp, args) })
	case "Api.route", "RestApi.route", "HttpApi.route", "WebsocketApi.route":
		return m(func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) { return r.route(c, comp, args) })
	case "Api.add_token_authorizer", "Api.add_request_authorizer", "RestApi.add_token_authorizer",
		"RestApi.add_request_authorizer", "HttpApi.add_lambda_authorizer", "WebsocketApi.add_lambda_authorizer":
		return m(func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) { return r.addAuthorizer(c, comp, args) })
	case "UserPool.add_client":
		return m(func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) { return r.addClient(c, comp, args) })
	case "AppSync.data_source_lambda":
		return m(func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) { return r.dataSourceLambda(c, comp, args) })
	case "Topic.subscribe_queue", "Bucket.notify_queue", "Bucket.notify_topic", "Api.add_cognito_authorizer",
		"RestApi.add_cognito_authorizer", "UserPool.add_identity_provider", "AppSync.data_source_dynamo",
		"AppSync.data_source_http", "AppSync.data_source_rds", "AppSync.data_source_opensearch",
		"AppSync.query", "AppSync.mutation", "AppSync.subscription", "AppSync.resolver", "AppSync.pipe_function",
		"Router.route":
		// These attach no Function of ours: they change no link, env var or role.
		return m(func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) { return pyeval.None, nil })
	}
	return nil
}

// namedHandler reads the (name, handler, **opts) arguments shared by subscribe-like
// methods: the name, the validated handler spec built from the handler and the options
// not in named, and the bound arguments. An unknown name gives name "" (reported).
func (r *reader) namedHandler(c *pyeval.Call, args pyeval.Args, fn string, named map[string]bool) (string, *fnSpec, *bound, error) {
	b, err := params{fn: fn, names: []string{"name", "handler"}, varKw: true}.bind(c, args)
	if err != nil {
		return "", nil, nil, err
	}
	name, err := r.nameArg(c, b, fn)
	if err != nil || name == "" {
		return "", nil, b, err
	}
	handler, err := b.require(fn, "handler")
	if err != nil {
		return "", nil, nil, err
	}
	var opts []pyeval.Keyword
	for _, kw := range b.kwargs {
		if !named[kw.Name] {
			opts = append(opts, kw)
		}
	}
	spec, err := specOf(c, handler, opts)
	if err != nil {
		return "", nil, nil, err
	}
	return name, spec, b, r.checkSpec(spec)
}

// subscribe is DynamoTable/Queue/Topic.subscribe(name, handler, **opts).
func (r *reader) subscribe(c *pyeval.Call, comp *Component, args pyeval.Args) (pyeval.Value, error) {
	named := map[string]bool{"filters": true, "batch_size": true, "filter_": true, "customize": true}
	name, spec, b, err := r.namedHandler(c, args, "subscribe", named)
	if err != nil || name == "" {
		return pyeval.None, err
	}
	sub := &subscription{spec: spec, pos: c.Pos}
	var kind string
	switch comp.Kind {
	case "Queue":
		kind = "QueueSubscription"
		sub.fnName = strings.ReplaceAll(comp.Name, ".", "-") + "-" + name
		if r.behaviour.LegacyQueueNames {
			sub.fnName = comp.Name + "-" + name
		}
		sub.implicit = r.implicitLink(c.Pos, comp, "-sqs", "arn",
			"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")
	case "DynamoTable":
		if isNone(comp.Arg("stream")) {
			return nil, pyeval.Errorf(c.Pos, "ValueError", "DynamoTable %q has no stream: pass stream= to subscribe to it", comp.Name)
		}
		kind = "DynamoSubscription"
		sub.fnName = comp.Name + "-" + name
		sub.implicit = r.implicitLink(c.Pos, comp, "-stream", "stream_arn",
			"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams")
	case "Topic":
		kind = "TopicSubscription"
		sub.fnName = comp.Name + "-" + name
		// Topic.subscribe(customize=) nests the function's customize under "function".
		if cust, ok := b.kwargs0("customize"); ok {
			sub.customize = dictPath(cust, "function")
		}
	}
	return pyeval.None, r.addSubscription(c, comp, kind, sub)
}

// addSubscription registers the subscription component Stelvio makes at call time.
func (r *reader) addSubscription(c *pyeval.Call, parent *Component, kind string, sub *subscription) error {
	sc := &Component{Kind: kind, Name: sub.fnName + "-subscription", Pos: c.Pos, Parent: parent, app: r,
		subs: []*subscription{sub}, extra: map[string]any{}}
	sub.comp = sc
	if err := r.register(c.Pos, sc); err != nil {
		return err
	}
	parent.subs = append(parent.subs, sub)
	return nil
}

// implicitLink is the link Queue/DynamoTable.subscribe prepends (linking.md §3.3): no
// properties, one statement on the queue ARN or stream ARN.
func (r *reader) implicitLink(pos pyeval.Pos, comp *Component, suffix, attr string, actions ...string) *Link {
	perm := &Permission{Pos: pos}
	for _, a := range actions {
		perm.Actions = append(perm.Actions, pyeval.Str(a))
	}
	perm.Resources = []pyeval.Value{&pyeval.Output{T: pyeval.Template{{Ref: &pyeval.Ref{Root: comp.Name, Path: []string{attr}}}}}}
	return &Link{Name: comp.Name + suffix, Pos: pos, Properties: &Props{Values: map[string]pyeval.Value{}},
		Permissions: []*Permission{perm}, Component: comp}
}

// notifyFunction is Bucket.notify_function(name, *, events, filter_prefix, filter_suffix,
// function, links, **opts): links= come before the function config's links.
func (r *reader) notifyFunction(c *pyeval.Call, comp *Component, args pyeval.Args) (pyeval.Value, error) {
	b, err := params{fn: "notify_function", names: []string{"name"},
		kwOnly: []string{"events", "filter_prefix", "filter_suffix", "function", "links", "customize"}, varKw: true}.bind(c, args)
	if err != nil {
		return nil, err
	}
	name, err := r.nameArg(c, b, "notify_function")
	if err != nil || name == "" {
		return pyeval.None, err
	}
	fnv, err := b.require("notify_function", "function")
	if err != nil {
		return nil, err
	}
	spec, err := specOf(c, fnv, b.kwargs)
	if err != nil {
		return nil, err
	}
	if err := r.checkSpec(spec); err != nil {
		return nil, err
	}
	sub := &subscription{fnName: comp.Name + "-" + name, spec: spec, pos: c.Pos,
		customize: dictPath(comp.Arg("customize"), "subscriptions", "function")}
	if l := b.get("links"); !isNone(l) {
		list, ok := elems(l)
		if !ok {
			if u, isU := l.(*pyeval.Unknown); isU {
				spec.linksU = u
			} else {
				return nil, typeError(c.Pos, "links must be a list, not %s", l.TypeName())
			}
		}
		sub.links = list
	}
	return pyeval.None, r.addSubscription(c, comp, "BucketNotifySubscription", sub)
}

// route is Api.route(method, path, handler, *, auth, cognito_scopes, **opts).
func (r *reader) route(c *pyeval.Call, comp *Component, args pyeval.Args) (pyeval.Value, error) {
	b, err := params{fn: "route", names: []string{"http_method", "path", "handler"},
		kwOnly: []string{"auth", "cognito_scopes"}, varKw: true}.bind(c, args)
	if err != nil {
		return nil, err
	}
	if r.behaviour.LegacyAPIRoutes {
		r.unresolved(c.Pos, "routes of Stelvio before 0.6.0a8 are grouped per file: not modelled by stelvio-action", "")
		return pyeval.None, nil
	}
	if comp.created {
		return nil, pyeval.Errorf(c.Pos, "RuntimeError", "cannot add a route to Api %q after its resources were created", comp.Name)
	}
	handler, err := b.require("route", "handler")
	if err != nil {
		return nil, err
	}
	spec, err := specOf(c, handler, b.kwargs)
	if err != nil {
		return nil, err
	}
	rt := &route{spec: spec, pos: c.Pos}
	rt.method, _ = str(b.get("http_method"))
	rt.path, _ = str(b.get("path"))
	if spec.instance == nil && spec.unknown == nil {
		if rt.parts, err = parseHandler(c.Pos, spec.handler, spec.folder); err != nil {
			return nil, err
		}
	}
	if spec.unknown != nil {
		r.unresolved(c.Pos, fmt.Sprintf("route %s %s of Api %q: its handler is not known statically (%s)", rt.method, rt.path, comp.Name, spec.unknown.Reason), "")
		r.rootCause(spec.unknown)
	}
	comp.routes = append(comp.routes, rt)
	return pyeval.None, nil
}

// addAuthorizer is Api.add_token_authorizer / add_request_authorizer(name, handler, **fn).
func (r *reader) addAuthorizer(c *pyeval.Call, comp *Component, args pyeval.Args) (pyeval.Value, error) {
	named := map[string]bool{"identity_source": true, "ttl": true}
	name, spec, _, err := r.namedHandler(c, args, "authorizer", named)
	if err != nil || name == "" {
		return pyeval.None, err
	}
	comp.authz = append(comp.authz, &authorizer{sub: &subscription{fnName: comp.Name + "-auth-" + name, spec: spec, pos: c.Pos}})
	return pyeval.None, nil
}

// addClient is UserPool.add_client(name, **opts): a linkable UserPoolClient "{pool}-{name}".
func (r *reader) addClient(c *pyeval.Call, comp *Component, args pyeval.Args) (pyeval.Value, error) {
	b, err := params{fn: "add_client", names: []string{"name"}, varKw: true}.bind(c, args)
	if err != nil {
		return nil, err
	}
	name, err := r.nameArg(c, b, "add_client")
	if err != nil || name == "" {
		return &pyeval.Unknown{Pos: c.Pos, Reason: "a user pool client whose name is not known statically"}, err
	}
	client := &Component{Kind: "UserPoolClient", Name: comp.Name + "-" + name, Pos: c.Pos, Parent: comp, app: r,
		Args: pyeval.Args{Keywords: b.kwargs}, extra: map[string]any{}}
	if err := r.register(c.Pos, client); err != nil {
		return nil, err
	}
	return client, nil
}

// dataSourceLambda is AppSync.data_source_lambda(name, handler, **fn_opts).
func (r *reader) dataSourceLambda(c *pyeval.Call, comp *Component, args pyeval.Args) (pyeval.Value, error) {
	name, spec, _, err := r.namedHandler(c, args, "data_source_lambda", map[string]bool{"customize": true})
	if err != nil || name == "" {
		return pyeval.None, err
	}
	sub := &subscription{fnName: comp.Name + "-ds-" + name + "-fn", spec: spec, pos: c.Pos}
	sc := &Component{Kind: "AppSyncDataSource", Name: comp.Name + "-ds-" + name, Pos: c.Pos, Parent: comp, app: r,
		subs: []*subscription{sub}, extra: map[string]any{}}
	sub.comp = sc
	return sc, r.register(c.Pos, sc)
}

// nameArg reads a name argument; an Unknown name is reported and gives "".
func (r *reader) nameArg(c *pyeval.Call, b *bound, fn string) (string, error) {
	v, err := b.require(fn, "name")
	if err != nil {
		return "", err
	}
	if u := unknownIn(v); u != nil {
		r.unresolved(c.Pos, fmt.Sprintf("%s() with a name not known statically (%s): the function it makes is unknown", fn, u.Reason), "")
		r.rootCause(u)
		return "", nil
	}
	s, ok := str(v)
	if !ok {
		return "", typeError(c.Pos, "%s() name must be a str, not %s", fn, v.TypeName())
	}
	return s, nil
}
