package pyeval

import "fmt"

// namespace is an insertion-ordered name → value map: module globals, function locals.
type namespace struct {
	m     map[string]Value
	order []string
}

func newNamespace() *namespace { return &namespace{m: map[string]Value{}} }

func (n *namespace) get(name string) (Value, bool) {
	v, ok := n.m[name]
	return v, ok
}

func (n *namespace) set(name string, v Value) {
	if _, ok := n.m[name]; !ok {
		n.order = append(n.order, name)
	}
	n.m[name] = v
}

func (n *namespace) del(name string) bool {
	if _, ok := n.m[name]; !ok {
		return false
	}
	delete(n.m, name)
	for i, k := range n.order {
		if k == name {
			n.order = append(n.order[:i:i], n.order[i+1:]...)
			break
		}
	}
	return true
}

func (n *namespace) names() []string { return append([]string(nil), n.order...) }

// Module is a Python module: one of the app's source files, a host module (stelvio.*), or a
// stand-in for a module the app imports but that is not evaluated (json, os).
type Module struct {
	Name string // dotted name, e.g. "infra.tables"
	File string // source path relative to Options.Root; "" for host and stand-in modules
	// MissingReason, when set, makes every attribute the module lacks an Unknown carrying
	// this reason instead of an AttributeError (modules that are not evaluated).
	MissingReason string
	// Fallback, when set, is consulted for attributes the module lacks before
	// MissingReason (like a module-level __getattr__); host modules can use it to create
	// attributes lazily. ok=false means the attribute does not exist.
	Fallback func(c *Call, name string) (v Value, ok bool, err error)

	ns      *namespace
	path    string // package directory when the module is a package, "" otherwise
	pkg     bool
	loading bool
}

// NewModule returns an empty module; host code fills it with SetAttr.
func NewModule(name string) *Module {
	return &Module{Name: name, ns: newNamespace()}
}

func (*Module) TypeName() string { return "module" }

// SetAttr binds an attribute (a module-level name).
func (m *Module) SetAttr(name string, v Value) { m.ns.set(name, v) }

// GetAttr returns an attribute that is bound; it never makes an Unknown.
func (m *Module) GetAttr(name string) (Value, bool) { return m.ns.get(name) }

// Names lists the bound attributes in the order they were first bound.
func (m *Module) Names() []string { return m.ns.names() }

// Attr implements Object.
func (m *Module) Attr(c *Call, name string) (Value, bool, error) {
	if v, ok := m.ns.get(name); ok {
		return v, true, nil
	}
	if m.Fallback != nil {
		if v, ok, err := m.Fallback(c, name); ok || err != nil {
			return v, ok, err
		}
	}
	if m.MissingReason != "" {
		pos := Pos{}
		if c != nil {
			pos = c.Pos
		}
		if reason, ok := wellKnown[m.Name+"."+name]; ok && m.File == "" {
			return &Unknown{Pos: pos, Reason: reason}, true, nil
		}
		return &Unknown{Pos: pos, Reason: fmt.Sprintf("%s.%s: %s", m.Name, name, m.MissingReason)}, true, nil
	}
	return nil, false, nil
}
