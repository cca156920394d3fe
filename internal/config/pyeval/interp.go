package pyeval

import (
	"context"
	"fmt"
	"io/fs"
)

// Importer gives the interpreter modules the app does not have (stelvio.*, pulumi). Import
// returns ok=false for a name it does not know; the interpreter then makes a stand-in
// module whose attributes are all Unknown.
type Importer interface {
	Import(c *Call, name string) (m *Module, ok bool, err error)
}

// ImporterFunc adapts a function to Importer.
type ImporterFunc func(c *Call, name string) (*Module, bool, error)

// Import implements Importer.
func (f ImporterFunc) Import(c *Call, name string) (*Module, bool, error) { return f(c, name) }

// Options configure an Interp. Zero limits take the defaults below.
type Options struct {
	// Root is the app's directory: the only files ever read, and only .py files.
	Root fs.FS
	// Host is consulted for module names the app does not have. May be nil.
	Host Importer
	// Report is told about control flow that could not be followed (an `if` or `for` on an
	// Unknown, ...), once per statement execution. May be nil.
	Report func(pos Pos, msg string)

	MaxSteps      int64 // statements, expressions and allocated elements; default 5,000,000
	MaxDepth      int   // Python call depth; default 200
	MaxCollection int   // elements of one list/dict/set/str-repeat; default 1,000,000
}

// Default limits.
const (
	DefaultMaxSteps      = 5_000_000
	DefaultMaxDepth      = 200
	DefaultMaxCollection = 1_000_000
)

// Interp evaluates the modules of one app. It is not safe for concurrent use.
type Interp struct {
	ctx  context.Context
	opts Options

	modules map[string]*Module
	steps   int64
	depth   int
}

// New returns an interpreter over opts.Root. ctx bounds the wall time of every evaluation.
func New(ctx context.Context, opts Options) *Interp {
	if opts.MaxSteps <= 0 {
		opts.MaxSteps = DefaultMaxSteps
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxCollection <= 0 {
		opts.MaxCollection = DefaultMaxCollection
	}
	return &Interp{ctx: ctx, opts: opts, modules: map[string]*Module{}}
}

// Import imports a module by its absolute dotted name ("stlv_app", "infra.tables") the way
// `import name` would, and returns it. c may be nil for a top-level import by the host.
func (in *Interp) Import(c *Call, name string) (m *Module, err error) {
	return nil, fmt.Errorf("import %s: the evaluator is not implemented yet", name)
}

// CallValue calls fn (a user function, a host Callable, ...) with args, as Python would.
// Host code uses it to call link creators and decorated functions.
func (in *Interp) CallValue(c *Call, fn Value, args Args) (v Value, err error) {
	return nil, fmt.Errorf("call: the evaluator is not implemented yet")
}

// Steps is the number of steps spent so far.
func (in *Interp) Steps() int64 { return in.steps }
