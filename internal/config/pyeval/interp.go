package pyeval

import (
	"context"
	"fmt"
	"io/fs"
	"runtime/debug"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
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
	// Root is the app's directory: the only files ever read, and only .py files. Give it
	// an fs.FS that cannot leave the directory (os.OpenRoot(dir).FS(), not os.DirFS, which
	// follows symlinks out of it); symlinks are refused where the FS can tell (fs.ReadLinkFS).
	Root fs.FS
	// Host is consulted for module names the app does not have. May be nil.
	Host Importer
	// Report is told about control flow that could not be followed (an `if` or `for` on an
	// Unknown, ...), once per statement execution, with the Unknown it depends on when there
	// is one (cause may be nil). May be nil.
	Report func(pos Pos, msg string, cause *Unknown)

	// Cache, when set, is where parsed files are looked up and kept; share it between
	// interpreters over the same sources. Without it each Interp parses its own files.
	Cache *ParseCache

	MaxSteps      int64 // statements, expressions and allocated elements; default 5,000,000
	MaxDepth      int   // Python call depth; default 200
	MaxCollection int   // elements of one list/dict/set/tuple, or bytes of one str; default 1,000,000
}

// Default limits.
const (
	DefaultMaxSteps      = 5_000_000
	DefaultMaxDepth      = 200
	DefaultMaxCollection = 1_000_000
)

// ctxCheckEvery is how many steps pass between checks of the context's deadline.
const ctxCheckEvery = 1024

// LimitError is returned when an evaluation exceeds a bound (steps, depth, size, time). The
// app cannot catch it with try/except.
type LimitError struct {
	Limit string // "steps", "collection", "time", "generators"
	Pos   Pos
	Msg   string
}

func (e *LimitError) Error() string { return fmt.Sprintf("%s: evaluation stopped: %s", e.Pos, e.Msg) }

// InternalError is a bug in the evaluator caught at an entry point instead of crashing.
type InternalError struct {
	Pos   Pos
	Msg   string
	Stack string
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("%s: internal error in the Python evaluator: %s", e.Pos, e.Msg)
}

// Interp evaluates the modules of one app. It is not safe for concurrent use.
type Interp struct {
	ctx  context.Context
	opts Options

	modules  map[string]*Module
	codes    map[pyast.Node]*codeInfo
	builtins *namespace
	// superFn is the builtin super: a call `super()` of it is resolved from the frame.
	superFn *Builtin
	// suspended are the generators started and not run to their end; entries counts the
	// evaluations (Import, CallValue) running, so the outermost can close them.
	suspended map[*Iterator]bool
	entries   int
	steps     int64
	depth     int
	// pos is the position being evaluated, for errors raised far from an AST node.
	pos Pos
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
	if opts.Cache == nil {
		opts.Cache = NewParseCache()
	}
	in := &Interp{
		ctx: ctx, opts: opts,
		modules:   map[string]*Module{},
		codes:     map[pyast.Node]*codeInfo{},
		suspended: map[*Iterator]bool{},
	}
	in.builtins = newBuiltins(in)
	return in
}

// Steps is the number of steps spent so far.
func (in *Interp) Steps() int64 { return in.steps }

// Import imports a module by its absolute dotted name ("stlv_app", "infra.tables") the way
// `import name` would, and returns that module (not its top package). c may be nil for a
// top-level import by the host.
func (in *Interp) Import(c *Call, name string) (m *Module, err error) {
	pos := Pos{}
	if c != nil {
		pos = c.Pos
	}
	defer in.recoverAt(pos, &err)
	defer in.enter()()
	return in.importAbs(pos, name)
}

// CallValue calls fn (a user function, a host Callable, ...) with args, as Python would.
// Host code uses it to call link creators and decorated functions.
func (in *Interp) CallValue(c *Call, fn Value, args Args) (v Value, err error) {
	pos := Pos{}
	if c != nil {
		pos = c.Pos
	}
	defer in.recoverAt(pos, &err)
	defer in.enter()()
	v, err = in.call(pos, fn, args)
	if rest, ok := err.(*unknownRest); ok {
		return rest.u, nil
	}
	return v, err
}

// enter counts an evaluation in; the function it returns counts it out, and the last
// one out closes the generators left suspended.
func (in *Interp) enter() func() {
	in.entries++
	return func() {
		in.entries--
		if in.entries == 0 {
			in.closeSuspended()
		}
	}
}

// recoverAt turns a panic into an InternalError: a last line of defence, never a way of
// reporting input errors.
func (in *Interp) recoverAt(pos Pos, err *error) {
	if r := recover(); r != nil {
		if in.pos.File != "" {
			pos = in.pos
		}
		*err = &InternalError{Pos: pos, Msg: fmt.Sprint(r), Stack: string(debug.Stack())}
	}
}

// step charges n steps and checks the bounds that do not depend on the operation.
func (in *Interp) step(pos Pos, n int64) error {
	before := in.steps
	in.steps += n
	if in.steps > in.opts.MaxSteps {
		return &LimitError{Limit: "steps", Pos: pos, Msg: fmt.Sprintf("the step budget (%d steps) is used up; is there an endless loop?", in.opts.MaxSteps)}
	}
	if before/ctxCheckEvery != in.steps/ctxCheckEvery {
		if err := in.ctx.Err(); err != nil {
			return &LimitError{Limit: "time", Pos: pos, Msg: fmt.Sprintf("the time limit was reached (%v)", err)}
		}
	}
	return nil
}

// charge spends one step inside a walk that cannot return an error (comparisons); it
// reports false once the budget is gone, and the next step() turns that into a
// LimitError.
func (in *Interp) charge() bool {
	in.steps++
	return in.steps <= in.opts.MaxSteps
}

// grow checks that a collection of n elements (or a str of n bytes) may be built, and
// charges for it: building big values costs steps like running code does.
func (in *Interp) grow(pos Pos, n int) error {
	if n > in.opts.MaxCollection {
		return &LimitError{Limit: "collection", Pos: pos, Msg: fmt.Sprintf("a value of %d elements is larger than the limit of %d", n, in.opts.MaxCollection)}
	}
	return nil
}

// alloc charges one step per new element, so memory is bounded by the step budget too
// (5,000,000 steps is at most ~80 MB of elements).
func (in *Interp) alloc(pos Pos, n int) error {
	if n < 64 {
		return nil
	}
	return in.step(pos, int64(n))
}

// allocStr charges for a new str of n bytes: a step per 16 bytes, the size of an element.
func (in *Interp) allocStr(pos Pos, n int) error {
	if n > in.opts.MaxCollection {
		return in.grow(pos, n)
	}
	if n < 1024 {
		return nil
	}
	return in.step(pos, int64(n/16))
}

func (in *Interp) report(pos Pos, msg string) { in.reportCause(pos, msg, nil) }

// reportCause reports control flow that depends on the Unknown cause, so the caller can
// point at the root (the file read) as well as at the statement.
func (in *Interp) reportCause(pos Pos, msg string, cause Value) {
	if in.opts.Report == nil {
		return
	}
	u, _ := cause.(*Unknown)
	in.opts.Report(pos, msg, u)
}

// raise makes a PyError at pos.
func raise(pos Pos, typ, format string, args ...any) *PyError {
	return &PyError{Type: typ, Msg: sprintf(format, args...), Pos: pos}
}

// at gives a position to an error raised without one (helpers that do not know it).
func at(err error, pos Pos) error {
	if pe, ok := err.(*PyError); ok && pe.Pos.File == "" {
		pe.Pos = pos
	}
	return err
}
