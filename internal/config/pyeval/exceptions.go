package pyeval

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// ExcClass is a built-in exception class (ValueError, ...).
type ExcClass struct {
	Name string
	Base *ExcClass
}

func (*ExcClass) TypeName() string { return "type" }

func (e *ExcClass) isSubclassOf(other *ExcClass) bool {
	for c := e; c != nil; c = c.Base {
		if c == other || c.Name == other.Name {
			return true
		}
	}
	return false
}

// ExcInstance is a raised or created built-in exception.
type ExcInstance struct {
	Class *ExcClass
	Args  Tuple
}

func (e *ExcInstance) TypeName() string { return e.Class.Name }

// Attr implements Object.
func (e *ExcInstance) Attr(c *Call, name string) (Value, bool, error) {
	if name == "args" {
		return e.Args, true, nil
	}
	return nil, false, nil
}

// Repr implements Reprer: ValueError('bad'), as Python shows it.
func (e *ExcInstance) Repr() string {
	inner := Repr(e.Args)
	switch len(e.Args) {
	case 0:
		inner = "()"
	case 1:
		inner = "(" + Repr(e.Args[0]) + ")"
	}
	return e.Class.Name + inner
}

// keyError is the KeyError for a missing key; like Python, its message is the key's repr
// and its args hold the key itself.
func (in *Interp) keyError(pos Pos, key Value) *PyError {
	return &PyError{Type: "KeyError", Msg: Repr(key), Pos: pos, Value: &ExcInstance{Class: in.excClassOf("KeyError"), Args: Tuple{key}}}
}

// excParents is the built-in exception hierarchy, child → parent.
var excParents = [][2]string{
	{"Exception", "BaseException"}, {"SystemExit", "BaseException"},
	{"KeyboardInterrupt", "BaseException"}, {"GeneratorExit", "BaseException"},
	{"ArithmeticError", "Exception"}, {"ZeroDivisionError", "ArithmeticError"},
	{"OverflowError", "ArithmeticError"}, {"FloatingPointError", "ArithmeticError"},
	{"LookupError", "Exception"}, {"KeyError", "LookupError"}, {"IndexError", "LookupError"},
	{"ValueError", "Exception"}, {"UnicodeError", "ValueError"},
	{"UnicodeDecodeError", "UnicodeError"}, {"UnicodeEncodeError", "UnicodeError"},
	{"TypeError", "Exception"}, {"AttributeError", "Exception"}, {"NameError", "Exception"},
	{"UnboundLocalError", "NameError"}, {"ImportError", "Exception"},
	{"ModuleNotFoundError", "ImportError"}, {"RuntimeError", "Exception"},
	{"NotImplementedError", "RuntimeError"}, {"RecursionError", "RuntimeError"},
	{"AssertionError", "Exception"}, {"StopIteration", "Exception"},
	{"OSError", "Exception"}, {"FileNotFoundError", "OSError"},
	{"FileExistsError", "OSError"}, {"PermissionError", "OSError"},
	{"IsADirectoryError", "OSError"}, {"NotADirectoryError", "OSError"},
	{"TimeoutError", "OSError"}, {"EOFError", "Exception"}, {"MemoryError", "Exception"},
	{"SyntaxError", "Exception"}, {"SystemError", "Exception"}, {"BufferError", "Exception"},
	{"Warning", "Exception"}, {"UserWarning", "Warning"}, {"DeprecationWarning", "Warning"},
	{"RuntimeWarning", "Warning"}, {"FutureWarning", "Warning"},
}

// excClasses builds the hierarchy for one interpreter.
func excClasses() map[string]*ExcClass {
	m := map[string]*ExcClass{"BaseException": {Name: "BaseException"}}
	for _, p := range excParents {
		m[p[0]] = &ExcClass{Name: p[0], Base: m[p[1]]}
	}
	return m
}

// excClassOf finds the class of a raised error by name; unknown names (a host's own
// exception types) count as direct subclasses of Exception.
func (in *Interp) excClassOf(name string) *ExcClass {
	if v, ok := in.builtins.get(name); ok {
		if c, ok := v.(*ExcClass); ok {
			return c
		}
	}
	base, _ := in.builtins.get("Exception")
	return &ExcClass{Name: name, Base: base.(*ExcClass)}
}

func (in *Interp) raiseStmt(fr *frame, s *pyast.Raise, pos Pos) error {
	if s.Exc == nil {
		if fr.handling != nil {
			return fr.handling
		}
		return raise(pos, "RuntimeError", "No active exception to reraise")
	}
	v, err := in.eval(fr, s.Exc)
	if err != nil {
		return err
	}
	if s.Cause != nil {
		if _, err := in.eval(fr, s.Cause); err != nil {
			return err
		}
	}
	return in.toPyError(pos, v)
}

// toPyError turns a raised value into the error that propagates.
func (in *Interp) toPyError(pos Pos, v Value) error {
	switch x := v.(type) {
	case *ExcClass:
		return &PyError{Type: x.Name, Pos: pos, Value: &ExcInstance{Class: x}}
	case *ExcInstance:
		return &PyError{Type: x.Class.Name, Msg: excMessage(x.Args), Pos: pos, Value: x}
	case *Class:
		if x.excBase() == nil {
			return raise(pos, "TypeError", "exceptions must derive from BaseException")
		}
		inst, err := in.instantiate(pos, x, Args{})
		if err != nil {
			return err
		}
		return in.toPyError(pos, inst)
	case *Instance:
		if x.Class.excBase() == nil {
			return raise(pos, "TypeError", "exceptions must derive from BaseException")
		}
		args, _ := x.attrs.get("args")
		t, _ := args.(Tuple)
		return &PyError{Type: x.Class.Name, Msg: excMessage(t), Pos: pos, Value: x}
	case *Unknown:
		return &PyError{Type: "Exception", Msg: "an exception not known statically: " + describe(x), Pos: pos, Value: x}
	}
	return raise(pos, "TypeError", "exceptions must derive from BaseException")
}

func excMessage(args Tuple) string {
	switch len(args) {
	case 0:
		return ""
	case 1:
		return StrOf(args[0])
	}
	return Repr(args)
}

// excInstance is what `except E as e` binds.
func (in *Interp) excInstance(pe *PyError) Value {
	if pe.Value != nil {
		return pe.Value
	}
	args := Tuple{}
	if pe.Msg != "" {
		args = Tuple{Str(pe.Msg)}
	}
	return &ExcInstance{Class: in.excClassOf(pe.Type), Args: args}
}

// excMatches decides whether an except clause's type matches a raised error.
func (in *Interp) excMatches(pos Pos, typ Value, pe *PyError) (bool, error) {
	switch t := typ.(type) {
	case Tuple:
		for _, e := range t {
			ok, err := in.excMatches(pos, e, pe)
			if ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	case *ExcClass:
		if inst, ok := pe.Value.(*Instance); ok {
			return inst.Class.isSubclassOf(t), nil
		}
		if pe.Type == "Exception" && pe.Value != nil {
			if _, unknown := pe.Value.(*Unknown); unknown {
				return t.Name == "Exception" || t.Name == "BaseException", nil
			}
		}
		return in.excClassOf(pe.Type).isSubclassOf(t), nil
	case *Class:
		if inst, ok := pe.Value.(*Instance); ok {
			return inst.Class.isSubclassOf(t), nil
		}
		return false, nil
	case *Unknown:
		in.reportCause(pos, "the exception type of this except clause is not known statically ("+describe(t)+"); it is treated as not matching", t)
		return false, nil
	}
	return false, raise(pos, "TypeError", "catching classes that do not inherit from BaseException is not allowed")
}

func (in *Interp) tryStmt(fr *frame, s *pyast.Try) (flow, error) {
	fl, err := in.execBlock(fr, s.Body)
	if pe, ok := err.(*PyError); ok && pe.Type != "EvaluationLimit" {
		for _, h := range s.Handlers {
			hpos := fr.pos(h)
			match := true
			if h.Type != nil {
				typ, terr := in.eval(fr, h.Type)
				if terr != nil {
					err = terr
					break
				}
				m, merr := in.excMatches(hpos, typ, pe)
				if merr != nil {
					err = merr
					break
				}
				match = m
			}
			if !match {
				continue
			}
			if h.Name != "" {
				in.store(fr, h.Name, in.excInstance(pe))
			}
			saved := fr.handling
			fr.handling = pe
			fl, err = in.execBlock(fr, h.Body)
			fr.handling = saved
			if h.Name != "" {
				_ = in.deleteName(fr, h.Name, hpos)
			}
			break
		}
	} else if err == nil && fl == flowNext {
		fl, err = in.execBlock(fr, s.OrElse)
	}
	if len(s.Finally) > 0 {
		if _, limit := err.(*LimitError); limit {
			return fl, err
		}
		if _, internal := err.(*InternalError); internal {
			return fl, err
		}
		if _, stopped := err.(*genStop); stopped {
			return fl, err
		}
		savedRet := fr.ret
		ffl, ferr := in.execBlock(fr, s.Finally)
		if ferr != nil || ffl != flowNext {
			return ffl, ferr
		}
		fr.ret = savedRet
	}
	return fl, err
}
