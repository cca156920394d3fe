package pyeval

import (
	"testing"
)

// TestEnumUnknown: what the evaluator cannot know about an enum, or where Python 3.12 and
// 3.13 disagree, is Unknown with a reason, never a guess.
func TestEnumUnknown(t *testing.T) {
	m, _ := evalSrc(t, `import os
from enum import Enum, StrEnum, Flag, auto
class AfterStr(Enum):
    A = "a"
    B = auto()
class Nested(Enum):
    A = 1
    class Inner:
        pass
class Custom(Enum):
    A = 1
    def __new__(cls, v):
        return object.__new__(cls)
class FromEnv(StrEnum):
    STAGE = os.environ.get("STAGE", "dev")
class Shown(Enum):
    A = 1
    def __str__(self):
        return 1
text = str(Shown.A)
fmt = f"{Shown.A}"
functional = Enum("Color", "RED GREEN")
flag = Flag
class Env(Enum):
    DEV = "dev"
by_unknown = Env(os.environ["E"])
by_unknown_name = Env[os.environ["E"]]
`)
	got := vars(m, "AfterStr Nested Custom FromEnv text fmt functional flag by_unknown by_unknown_name")
	if want := "AfterStr=?5 Nested=?8 Custom=?12 FromEnv=?14 text=?20 fmt=?21 functional=?22 flag=?2 by_unknown=?26 by_unknown_name=?27"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for name, want := range map[string]string{
		"AfterStr":   "auto() after the value 'a': Python 3.12 and 3.13 number it differently",
		"Nested":     "enum Nested defines the class Inner in its body, which Python 3.12 makes a member and 3.13 does not",
		"Custom":     "enum Custom defines __new__, which the evaluator does not model",
		"text":       "str() of Shown.A: __str__ returned non-string (type int)",
		"functional": "calling Enum with these arguments is the functional Enum API, which is not evaluated",
		"flag":       "enum.Flag: only Enum, IntEnum, StrEnum, auto and unique of the enum module are evaluated",
	} {
		v, _ := m.GetAttr(name)
		if u, ok := v.(*Unknown); !ok || u.Reason != want {
			t.Errorf("%s: got %v\nwant the reason %q", name, v, want)
		}
	}
}

// TestEnumErrorLines: errors Python raises while it builds an enum point at the line that
// caused them.
func TestEnumErrorLines(t *testing.T) {
	cases := []raiseCase{
		{"duplicate name", "from enum import Enum\nclass E(Enum):\n    A = 1\n    B = 2\n    A = 3\n    C = 4\n",
			"TypeError: 'A' already defined as 1", 5},
		{"late _generate_next_value_", "from enum import Enum, auto\nclass E(Enum):\n    A = auto()\n    def _generate_next_value_(name, start, count, last):\n        return name\n",
			"TypeError: _generate_next_value_ must be defined before members", 4},
		{"StrEnum value", "from enum import StrEnum\nclass E(StrEnum):\n    A = 'a'\n    B = 2\n",
			"TypeError: 2 is not a string", 2},
		{"lookup", "from enum import Enum\nclass E(Enum):\n    A = 1\nx = 1\nE(2)\n",
			"ValueError: 2 is not a valid E", 5},
		{"delete member", "from enum import Enum\nclass E(Enum):\n    A = 1\ndel E.A\n",
			"AttributeError: 'E' cannot delete member 'A'.", 4},
	}
	checkRaises(t, cases)
}

// TestEnumMembersReachHostAsValues: Stelvio's code sees a StrEnum or IntEnum member as
// the str or int it is, so host callables get that value.
func TestEnumMembersReachHostAsValues(t *testing.T) {
	var calls []Args
	src := `from enum import Enum, IntEnum, StrEnum
from host import Function
class Mem(IntEnum):
    LARGE = 1024
class Stage(StrEnum):
    PROD = "prod"
class Plain(Enum):
    A = 1
fn = Function(Stage.PROD, memory=Mem.LARGE, other=Plain.A)
`
	_, _, _, err := run(t, map[string]string{"main.py": src}, func(o *Options) {
		o.Host = hostWith(map[string]Value{"Function": &hostClass{name: "Function", calls: &calls}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 {
		t.Fatalf("calls: %v", calls)
	}
	a := calls[0]
	if s, ok := a.Positional[0].(Str); !ok || s != "prod" {
		t.Errorf("name: %#v", a.Positional[0])
	}
	if i, ok := a.Keywords[0].Value.(Int); !ok || i != 1024 {
		t.Errorf("memory: %#v", a.Keywords[0].Value)
	}
	if _, ok := a.Keywords[1].Value.(*Instance); !ok {
		t.Errorf("a plain Enum member is no str or int, yet got %#v", a.Keywords[1].Value)
	}
}
