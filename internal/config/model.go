package config

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// App is a Stelvio app as Stelvio would build it for one env, read without running it.
type App struct {
	Name    string
	Env     string
	Dir     string // the project root, the folder holding stlv_app.py
	Version StelvioPin

	// Environments are the shared envs of @app.config; nil without a config.
	Environments []string

	// Components in registration order, the order Stelvio's registry keeps.
	Components []*Component

	// Functions in the order Stelvio finishes creating them (the order in which each one
	// writes its folder's stlv_resources.py).
	Functions []*Function

	// Unresolved lists what could not be known statically, each with its place.
	Unresolved []Unresolved

	// Notices are facts a user should know that change nothing we resolve.
	Notices []Unresolved
}

// Unresolved is something the reader could not know without running the app.
type Unresolved struct {
	Pos      pyeval.Pos
	Message  string
	Function string // the function it makes uncertain, if any
}

// Component is one Stelvio component the app creates (DynamoTable, Api, Function, ...).
type Component struct {
	Kind string // the Stelvio class name: "DynamoTable", "Function", "QueueSubscription"
	Name string
	Pos  pyeval.Pos
	Args pyeval.Args // constructor arguments as evaluated

	// Parent is the component that made this one (an Api for its route functions).
	Parent *Component

	app      *reader
	created  bool
	creating bool

	// Kind-specific state.
	fn     *Function       // Kind == "Function"
	spec   *fnSpec         // Function: its handler spec
	sub    *subscription   // Function made by a parent: what the parent attached
	routes []*route        // Api
	subs   []*subscription // Queue, Topic, DynamoTable, Bucket
	authz  []*authorizer   // Api
	cors   *corsSettings   // Api
	pool   *poolState      // UserPool
	extra  map[string]any  // small per-kind facts (fifo, sandbox, generate_secret, ...)
}

func (c *Component) TypeName() string { return c.Kind }

// Function is one Lambda: a Function component and what Stelvio derives for it.
type Function struct {
	Name string // the component name, e.g. "todo-http-functions-todos_list_todos"

	// Handler is the handler as written in the app ("services/users::handler.list_users");
	// LambdaHandler what Lambda gets ("handler.list_users"); Folder the folder key of its
	// stlv_resources.py ("services/users", "." for the project root).
	Handler       string
	LambdaHandler string
	Folder        string

	DefinedAt pyeval.Pos
	Parent    *Component // nil for a plain Function(...)

	// Links in Stelvio's order: implicit subscription links first, then the user's.
	Links []*Link

	// Environment is the user's environment= dict, in insertion order.
	Environment []EnvVar

	// CORS holds the env vars an Api with CORS registers for its route functions.
	CORS []EnvVar

	// CustomizeEnv is set when a customize "function" dict carries "environment", which
	// replaces every env var Stelvio would set.
	CustomizeEnv pyeval.Value

	// EnvUnknown is set when environment= cannot be known statically.
	EnvUnknown *pyeval.Unknown

	// Order is the position in creation order (0 first).
	Order int

	// Unknown is set when the function itself (its name or handler) cannot be known.
	Unknown *pyeval.Unknown
}

// EnvVar is one environment variable and its value as the app gives it.
type EnvVar struct {
	Name  string
	Value pyeval.Value
}

// Link is a resolved Stelvio Link: what a Function gets from one entry of links=[...].
type Link struct {
	Name string
	Pos  pyeval.Pos // where the link entered links=[...]

	// Properties maps a property name to its value in Stelvio's order; nil means None.
	Properties *Props
	// Permissions are the AwsPermissions in order; nil means None.
	Permissions []*Permission

	// Component is the linked component, if the link came from one.
	Component *Component

	// Unknown is set when the link could not be resolved statically.
	Unknown *pyeval.Unknown
}

// Props is an ordered property map with Python dict semantics.
type Props struct {
	Keys   []string
	Values map[string]pyeval.Value

	unknown *pyeval.Unknown // the whole map is not known statically
}

// Permission is an AwsPermission: always an Allow statement.
type Permission struct {
	Actions   []pyeval.Value
	Resources []pyeval.Value
	Pos       pyeval.Pos

	unknown *pyeval.Unknown // the permission is not known statically
}

// LinkConfig is Stelvio's LinkConfig: what a link creator returns.
type LinkConfig struct {
	Properties  *Props
	Permissions []*Permission
}
