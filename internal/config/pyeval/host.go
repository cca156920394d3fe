package pyeval

// HostClass is a host value that isinstance() and class patterns can test against (the
// Stelvio component classes). It is usually also a Callable.
type HostClass interface {
	Value
	IsInstance(v Value) bool
}

// Builtin is a Go function exposed as a Python callable: the interpreter's builtins and
// methods, and a convenient way for host code to make small functions.
type Builtin struct {
	Name string
	Fn   func(c *Call, args Args) (Value, error)
}

func (*Builtin) TypeName() string { return "builtin_function_or_method" }

// Call implements Callable.
func (b *Builtin) Call(c *Call, args Args) (Value, error) { return b.Fn(c, args) }

// Bytes is a bytes value (a literal b'...'); it supports the few operations apps use.
type Bytes string

func (Bytes) TypeName() string { return "bytes" }

// UnknownAt is a shorthand for host code: an Unknown at pos with a reason.
func UnknownAt(pos Pos, format string, args ...any) *Unknown {
	return &Unknown{Pos: pos, Reason: sprintf(format, args...)}
}
