package pyeval

import "github.com/stelvio-action/stelvio-action/internal/config/pyast"

// Function is a user `def` or `lambda`, closed over its defining scope.
type Function struct {
	Name string // "<lambda>" for a lambda
	Pos  Pos    // where it is defined
	// Module is the module whose globals the function sees.
	Module *Module

	params   []param
	body     []pyast.Stmt // a def's body
	expr     pyast.Expr   // a lambda's body
	code     *codeInfo
	closure  *frame
	attrs    *namespace
	isMethod bool
}

type param struct {
	name   string
	kind   pyast.ParamKind
	def    Value // nil without a default
	hasDef bool
}

func (*Function) TypeName() string { return "function" }

// Params lists the parameter names in order (without * and **).
func (f *Function) Params() []string {
	out := make([]string, 0, len(f.params))
	for _, p := range f.params {
		out = append(out, p.name)
	}
	return out
}

// codeInfo is what scoping needs to know about a function body, computed once per def.
type codeInfo struct {
	locals    map[string]bool
	globals   map[string]bool
	nonlocals map[string]bool
}

// frame is one scope being executed: a module, a function call, a class body or a
// comprehension.
type frame struct {
	vars   *namespace
	code   *codeInfo
	parent *frame
	module *Module
}
