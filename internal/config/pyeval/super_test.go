package pyeval

import (
	"testing"
)

// TestSuperErrors checks what CPython 3.12 also raises (testdata/cpython/super.json has
// the messages), here for the position: the line of the super() call, in the app's file.
func TestSuperErrors(t *testing.T) {
	cases := []raiseCase{
		{"module level", "x = 1\nsuper()\n", "RuntimeError: super(): no arguments", 2},
		{"bad object", "class A:\n    pass\nclass B:\n    def f(self):\n        return super(A, self)\nB().f()\n",
			"TypeError: super(type, obj): obj must be an instance or subtype of type", 5},
		{"missing attribute", "class A:\n    pass\nclass B(A):\n    def f(self):\n        return super().nope\nB().f()\n",
			"AttributeError: 'super' object has no attribute 'nope'", 5},
		// CPython 3.13 words it on one line; 3.12 breaks it after "resolution".
		{"inconsistent mro", "class A:\n    pass\nclass B(A):\n    pass\nclass C(A, B):\n    pass\n",
			"TypeError: Cannot create a consistent method resolution order (MRO) for bases A, B", 5},
		{"inconsistent mro of two orders", "class X:\n    pass\nclass Y:\n    pass\nclass P(X, Y):\n    pass\nclass Q(Y, X):\n    pass\nclass R(P, Q):\n    pass\n",
			"TypeError: Cannot create a consistent method resolution order (MRO) for bases X, Y", 9},
		{"object init", "class A:\n    def __init__(self, **kw):\n        super().__init__(**kw)\nA(x=1)\n",
			"TypeError: object.__init__() takes exactly one argument (the instance to initialize)", 3},
	}
	checkRaises(t, cases)
}

// TestSuperUnknown: what super() reaches but the evaluator does not model stays Unknown,
// with the line and a reason, never a guess.
func TestSuperUnknown(t *testing.T) {
	m, _ := evalSrc(t, `import os
class Err(ValueError):
    def __init__(self, m):
        super().__init__(m)
        self.note = super().add_note
class A:
    def r(self):
        return super().__repr__()
    def one(self):
        return super(A)
e = Err("bad")
args = e.args
note = e.note
r = A().r()
one = A().one()
over_int = super(int, 1)
env = os.environ.get("K")
via_unknown = super(A, env)
`)
	if got := vars(m, "args note r one over_int via_unknown"); got != "args=('bad',) note=?5 r=?8 one=?10 over_int=?16 via_unknown=?17" {
		t.Errorf("got %s", got)
	}
	for name, want := range map[string]string{
		"note":     "ValueError.add_note reached through super() is not evaluated",
		"r":        "object.__repr__ reached through super() is not evaluated",
		"one":      "super() with one argument (an unbound super object) is not evaluated",
		"over_int": "super() over the built-in or host class int is not evaluated",
	} {
		v, _ := m.GetAttr(name)
		if u, ok := v.(*Unknown); !ok || u.Reason != want {
			t.Errorf("%s: got %v, want the reason %q", name, v, want)
		}
	}
}

// namedHostClass is a host class the way package config makes Stelvio's: a callable
// type with a __name__.
type namedHostClass struct{ name string }

func (*namedHostClass) TypeName() string { return "type" }
func (h *namedHostClass) Call(c *Call, args Args) (Value, error) {
	return UnknownAt(c.Pos, "constructed"), nil
}
func (h *namedHostClass) IsInstance(v Value) bool { return false }
func (h *namedHostClass) Attr(c *Call, name string) (Value, bool, error) {
	if name == "__name__" {
		return Str(h.name), true, nil
	}
	return nil, false, nil
}

// TestSubclassOfHostClass pins what a user class deriving from a Stelvio component gives:
// the class is Unknown, named with the host class, and so is everything made from it;
// its body (and any super() in it) is not run.
func TestSubclassOfHostClass(t *testing.T) {
	src := `from host import Function
class Api(Function):
    def __init__(self, name):
        super().__init__(name, handler="functions/api.handler")
api = Api("orders")
`
	_, m, _, err := run(t, map[string]string{"main.py": src}, func(o *Options) {
		o.Host = hostWith(map[string]Value{"Function": &namedHostClass{name: "Function"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := vars(m, "Api api"); got != "Api=?2 api=?2" {
		t.Errorf("got %s", got)
	}
	v, _ := m.GetAttr("api")
	want := "class Api derives from the host class Function (subclassing a Stelvio class is not evaluated), which the evaluator does not model"
	if u := v.(*Unknown); u.Reason != want {
		t.Errorf("reason %q\nwant   %q", u.Reason, want)
	}
}

// TestSuperCallsUserCodeOnce: a cooperative chain runs each __init__ exactly once, in
// C3 order, even where depth-first order would visit the shared base twice.
func TestSuperCallsUserCodeOnce(t *testing.T) {
	m, _ := evalSrc(t, `calls = []
class Base:
    def __init__(self):
        calls.append("Base")
class L(Base):
    def __init__(self):
        calls.append("L")
        super().__init__()
class R(Base):
    def __init__(self):
        calls.append("R")
        super().__init__()
class Both(L, R):
    def __init__(self):
        calls.append("Both")
        super().__init__()
Both()
`)
	if got := vars(m, "calls"); got != "calls=['Both', 'L', 'R', 'Base']" {
		t.Errorf("got %s", got)
	}
}
