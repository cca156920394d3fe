// Package pyast parses Python 3.12+ source into a small Go syntax tree. A direct parser in
// Go reads the shapes app code is written in; every other file, and every file with an
// error, goes through tree-sitter (cgo), which reads all of Python and words the errors.
// Both build the same plain-Go tree (agree_test.go holds them to it), so the evaluator
// never touches cgo and a parsed module can be kept and walked as often as needed.
package pyast

// Pos is a 1-based line and a 1-based column counted in runes. The file is the Module's.
type Pos struct {
	Line int
	Col  int
}

// Module is one parsed source file.
type Module struct {
	File string
	Body []Stmt
}

// Node is anything with a position.
type Node interface{ At() Pos }

// Stmt is a statement.
type Stmt interface {
	Node
	stmt()
}

// Expr is an expression.
type Expr interface {
	Node
	expr()
}

// At returns the node's position; every node embeds Pos.
func (p Pos) At() Pos { return p }

// ---- statements ----

type (
	// ExprStmt is an expression evaluated for its effect (a call, a docstring).
	ExprStmt struct {
		Pos
		Value Expr
	}
	// Assign is `t1 = t2 = value`.
	Assign struct {
		Pos
		Targets []Expr
		Value   Expr
	}
	// AugAssign is `target op= value`; Op is the binary operator without "=" ("+", "//").
	AugAssign struct {
		Pos
		Target Expr
		Op     string
		Value  Expr
	}
	// AnnAssign is `target: annotation [= value]`; Value is nil without a value.
	AnnAssign struct {
		Pos
		Target     Expr
		Annotation Expr
		Value      Expr
	}
	// Del is `del a, b[0]`.
	Del struct {
		Pos
		Targets []Expr
	}
	Pass     struct{ Pos }
	Break    struct{ Pos }
	Continue struct{ Pos }
	// Return's Value is nil for a bare `return`.
	Return struct {
		Pos
		Value Expr
	}
	// Raise's Exc is nil for a bare `raise`.
	Raise struct {
		Pos
		Exc   Expr
		Cause Expr
	}
	Global struct {
		Pos
		Names []string
	}
	Nonlocal struct {
		Pos
		Names []string
	}
	Assert struct {
		Pos
		Test Expr
		Msg  Expr
	}
	// Import is `import a.b as c, d`.
	Import struct {
		Pos
		Names []Alias
	}
	// ImportFrom is `from ..a.b import x as y`; Level counts the leading dots; Star is
	// `import *` (Names is then empty).
	ImportFrom struct {
		Pos
		Module string
		Level  int
		Names  []Alias
		Star   bool
	}
	// If holds `elif` as a single nested If in OrElse.
	If struct {
		Pos
		Test   Expr
		Body   []Stmt
		OrElse []Stmt
	}
	For struct {
		Pos
		Target Expr
		Iter   Expr
		Body   []Stmt
		OrElse []Stmt
		Async  bool
	}
	While struct {
		Pos
		Test   Expr
		Body   []Stmt
		OrElse []Stmt
	}
	With struct {
		Pos
		Items []WithItem
		Body  []Stmt
		Async bool
	}
	Try struct {
		Pos
		Body     []Stmt
		Handlers []ExceptHandler
		OrElse   []Stmt
		Finally  []Stmt
		Star     bool // except*
	}
	FunctionDef struct {
		Pos
		Name       string
		Params     Params
		Body       []Stmt
		Decorators []Expr
		Returns    Expr
		TypeParams []string
		Async      bool
	}
	ClassDef struct {
		Pos
		Name       string
		Bases      []Arg
		Body       []Stmt
		Decorators []Expr
		TypeParams []string
	}
	Match struct {
		Pos
		Subject Expr
		Cases   []MatchCase
	}
	// TypeAlias is `type X[T] = value`.
	TypeAlias struct {
		Pos
		Name  string
		Value Expr
	}
)

// Alias is one imported name: Name is dotted for `import a.b`; AsName is "" without `as`.
type Alias struct {
	Pos
	Name   string
	AsName string
}

// WithItem is `expr [as target]`.
type WithItem struct {
	Expr   Expr
	Target Expr
}

// ExceptHandler is one `except [Type [as Name]]:` clause; Type is nil for a bare except.
type ExceptHandler struct {
	Pos
	Type Expr
	Name string
	Body []Stmt
}

// MatchCase is `case pattern [if guard]:`.
type MatchCase struct {
	Pos
	Pattern Pattern
	Guard   Expr
	Body    []Stmt
}

// ParamKind says how an argument binds to a parameter.
type ParamKind int

const (
	PosOrKw ParamKind = iota // def f(a)
	PosOnly                  // def f(a, /)
	KwOnly                   // def f(*, a)
	VarPos                   // def f(*args)
	VarKw                    // def f(**kw)
)

// Param is one parameter; Default is nil when it has none.
type Param struct {
	Pos
	Name       string
	Kind       ParamKind
	Default    Expr
	Annotation Expr
}

// Params is a parameter list in source order.
type Params []Param

// ---- expressions ----

// NumKind distinguishes number literals.
type NumKind int

const (
	IntNum NumKind = iota
	FloatNum
	ImagNum
)

type (
	Name struct {
		Pos
		Id string
	}
	// Num is a number literal. An int literal that does not fit in 64 bits has Overflow set
	// and keeps its Text.
	Num struct {
		Pos
		Kind     NumKind
		Int      int64
		Float    float64
		Overflow bool
		Text     string
	}
	// Str is a string literal (implicitly concatenated pieces joined). Unsupported, when
	// set, says why Value is not exact (an escape we do not decode).
	Str struct {
		Pos
		Value       string
		Unsupported string
	}
	// Bytes is a bytes literal; Value holds the bytes.
	Bytes struct {
		Pos
		Value string
	}
	// FString is an f-string, or a concatenation that contains one. Parts are *Str and
	// *FormattedValue.
	FString struct {
		Pos
		Parts []Expr
	}
	// FormattedValue is one `{value!conv:spec}`; Conversion is 0, 's', 'r' or 'a'; Spec is
	// nil or an *FString. Debug holds the text before `=` for `{x=}`.
	FormattedValue struct {
		Pos
		Value      Expr
		Conversion rune
		Spec       *FString
		Debug      string
	}
	// Const is True, False or None.
	Const struct {
		Pos
		Value string
	}
	Ellipsis  struct{ Pos }
	Attribute struct {
		Pos
		Value Expr
		Attr  string
	}
	// Subscript's Index is a *Slice, a *Tuple (a[1:2, 3]) or any expression.
	Subscript struct {
		Pos
		Value Expr
		Index Expr
	}
	// Slice is `lower:upper:step`; missing parts are nil.
	Slice struct {
		Pos
		Lower, Upper, Step Expr
	}
	Call struct {
		Pos
		Func Expr
		Args []Arg
	}
	BinOp struct {
		Pos
		Op          string
		Left, Right Expr
	}
	// UnaryOp's Op is "-", "+", "~" or "not".
	UnaryOp struct {
		Pos
		Op      string
		Operand Expr
	}
	// BoolOp's Op is "and" or "or".
	BoolOp struct {
		Pos
		Op     string
		Values []Expr
	}
	// Compare is `a < b <= c`; Ops are "<", "in", "not in", "is", "is not", ...
	Compare struct {
		Pos
		Left        Expr
		Ops         []string
		Comparators []Expr
	}
	IfExp struct {
		Pos
		Test, Body, OrElse Expr
	}
	Lambda struct {
		Pos
		Params Params
		Body   Expr
	}
	List struct {
		Pos
		Elts []Expr
	}
	Tuple struct {
		Pos
		Elts []Expr
	}
	Set struct {
		Pos
		Elts []Expr
	}
	// Dict items with a nil Key are `**value`.
	Dict struct {
		Pos
		Items []DictItem
	}
	Starred struct {
		Pos
		Value Expr
	}
	// Comp is a comprehension; Kind is "list", "set", "dict" or "gen". Dict comprehensions
	// use Key and Elt as the value.
	Comp struct {
		Pos
		Kind string
		Key  Expr
		Elt  Expr
		For  []CompFor
	}
	// NamedExpr is `target := value`.
	NamedExpr struct {
		Pos
		Target string
		Value  Expr
	}
	Await struct {
		Pos
		Value Expr
	}
	// Yield is `yield value` or `yield from value` (From); Value may be nil.
	Yield struct {
		Pos
		Value Expr
		From  bool
	}
)

// Arg is one call argument: positional, Name=value, *Value (Star) or **Value (DoubleStar).
type Arg struct {
	Pos
	Name       string
	Value      Expr
	Star       bool
	DoubleStar bool
}

// DictItem is `key: value`, or `**value` when Key is nil.
type DictItem struct {
	Key   Expr
	Value Expr
}

// CompFor is one `for target in iter if cond...` clause of a comprehension.
type CompFor struct {
	Pos
	Target Expr
	Iter   Expr
	Ifs    []Expr
	Async  bool
}

// ---- match patterns ----

// Pattern is a `case` pattern.
type Pattern interface {
	Node
	pattern()
}

type (
	// MatchValue matches a literal or dotted value by equality.
	MatchValue struct {
		Pos
		Value Expr
	}
	// MatchSingleton matches True, False or None by identity.
	MatchSingleton struct {
		Pos
		Value string
	}
	// MatchCapture binds the subject to Name; Name "_" is the wildcard.
	MatchCapture struct {
		Pos
		Name string
	}
	// MatchSequence matches a list or tuple; one element may be a *MatchStar.
	MatchSequence struct {
		Pos
		Patterns []Pattern
	}
	// MatchStar is `*name` inside a sequence pattern; Name "_" binds nothing.
	MatchStar struct {
		Pos
		Name string
	}
	// MatchMapping is `{key: pattern, **rest}`.
	MatchMapping struct {
		Pos
		Keys     []Expr
		Patterns []Pattern
		Rest     string
	}
	// MatchClass is `Cls(p, k=p)`.
	MatchClass struct {
		Pos
		Cls      Expr
		Patterns []Pattern
		KwdNames []string
		KwdPats  []Pattern
	}
	// MatchAs is `pattern as name`.
	MatchAs struct {
		Pos
		Pattern Pattern
		Name    string
	}
	MatchOr struct {
		Pos
		Patterns []Pattern
	}
)

func (*ExprStmt) stmt()    {}
func (*Assign) stmt()      {}
func (*AugAssign) stmt()   {}
func (*AnnAssign) stmt()   {}
func (*Del) stmt()         {}
func (*Pass) stmt()        {}
func (*Break) stmt()       {}
func (*Continue) stmt()    {}
func (*Return) stmt()      {}
func (*Raise) stmt()       {}
func (*Global) stmt()      {}
func (*Nonlocal) stmt()    {}
func (*Assert) stmt()      {}
func (*Import) stmt()      {}
func (*ImportFrom) stmt()  {}
func (*If) stmt()          {}
func (*For) stmt()         {}
func (*While) stmt()       {}
func (*With) stmt()        {}
func (*Try) stmt()         {}
func (*FunctionDef) stmt() {}
func (*ClassDef) stmt()    {}
func (*Match) stmt()       {}
func (*TypeAlias) stmt()   {}

func (*Name) expr()           {}
func (*Num) expr()            {}
func (*Str) expr()            {}
func (*Bytes) expr()          {}
func (*FString) expr()        {}
func (*FormattedValue) expr() {}
func (*Const) expr()          {}
func (*Ellipsis) expr()       {}
func (*Attribute) expr()      {}
func (*Subscript) expr()      {}
func (*Slice) expr()          {}
func (*Call) expr()           {}
func (*BinOp) expr()          {}
func (*UnaryOp) expr()        {}
func (*BoolOp) expr()         {}
func (*Compare) expr()        {}
func (*IfExp) expr()          {}
func (*Lambda) expr()         {}
func (*List) expr()           {}
func (*Tuple) expr()          {}
func (*Set) expr()            {}
func (*Dict) expr()           {}
func (*Starred) expr()        {}
func (*Comp) expr()           {}
func (*NamedExpr) expr()      {}
func (*Await) expr()          {}
func (*Yield) expr()          {}

func (*MatchValue) pattern()     {}
func (*MatchSingleton) pattern() {}
func (*MatchCapture) pattern()   {}
func (*MatchSequence) pattern()  {}
func (*MatchStar) pattern()      {}
func (*MatchMapping) pattern()   {}
func (*MatchClass) pattern()     {}
func (*MatchAs) pattern()        {}
func (*MatchOr) pattern()        {}
