package pyeval

import (
	"strings"
	"testing"
)

// component is a minimal host object whose Pulumi attributes are Outputs.
type component struct{ name string }

func (c *component) TypeName() string { return "DynamoTable" }

func (c *component) Attr(_ *Call, name string) (Value, bool, error) {
	switch name {
	case "arn", "resources":
		return &Output{T: Template{{Ref: &Ref{Root: c.name, Path: []string{name}}}}}, true, nil
	}
	return nil, false, nil
}

func hostWith(values map[string]Value) Importer {
	return ImporterFunc(func(c *Call, name string) (*Module, bool, error) {
		if name != "host" {
			return nil, false, nil
		}
		m := NewModule("host")
		for k, v := range values {
			m.SetAttr(k, v)
		}
		return m, true, nil
	})
}

func TestOutputs(t *testing.T) {
	src := `from host import table
arn = table.arn
deep = table.resources.table.name
idx = table.arn.apply(lambda a: f"{a}/index/*")
plus = table.arn.apply(lambda a: a + "/x")
chained = table.arn.apply(lambda a: "prefix-" + a).apply(lambda b: b + "-suffix")
const = table.arn.apply(lambda a: "constant")
item = table.resources["key"]
bad_fstring = f"{table.arn}/index"
bad_concat = "arn:" + table.arn
method = table.arn.apply(lambda a: a.upper())
number = table.arn.apply(lambda a: len(a))
def creator(t):
    return {"table_name": t.resources.table.name, "resources": [t.arn, t.arn.apply(lambda a: f"{a}/*")]}
made = creator(table)
`
	_, m, _, err := run(t, map[string]string{"main.py": src}, func(o *Options) {
		o.Host = hostWith(map[string]Value{"table": &component{name: "todos"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"arn":     "${todos.arn}",
		"deep":    "${todos.resources.table.name}",
		"idx":     "${todos.arn}/index/*",
		"plus":    "${todos.arn}/x",
		"chained": "prefix-${todos.arn}-suffix",
		"const":   "constant",
		"item":    "${todos.resources.key}",
	}
	for name, tmpl := range want {
		v, _ := m.GetAttr(name)
		o, ok := v.(*Output)
		if !ok {
			t.Errorf("%s = %s, want an Output", name, Repr(v))
			continue
		}
		if o.T.String() != tmpl {
			t.Errorf("%s = %s, want %s", name, o.T, tmpl)
		}
	}
	for _, name := range []string{"bad_fstring", "bad_concat"} {
		v, _ := m.GetAttr(name)
		u, ok := v.(*Unknown)
		if !ok || u.Reason != pulumiFormatReason {
			t.Errorf("%s = %s, want Unknown(%q)", name, Repr(v), pulumiFormatReason)
		}
	}
	for _, name := range []string{"method", "number"} {
		if v, _ := m.GetAttr(name); unknownOf(v) == nil {
			t.Errorf("%s = %s, want Unknown", name, Repr(v))
		}
	}
	made, _ := m.GetAttr("made")
	if got := Repr(made); got != "{'table_name': <Output ${todos.resources.table.name}>, 'resources': [<Output ${todos.arn}>, <Output ${todos.arn}/*>]}" {
		t.Errorf("made = %s", got)
	}
	method, _ := m.GetAttr("method")
	if r := method.(*Unknown).Reason; !strings.Contains(r, "str.upper() of a str known only at deploy time") {
		t.Errorf("reason %q", r)
	}
}

func TestHostCallsAndIsinstance(t *testing.T) {
	var calls []Args
	ctor := &hostClass{name: "Function", calls: &calls}
	src := `from host import Function
fn = Function("api", handler="h.main", links=[1, *[2, 3]], **{"memory": 256})
is_fn = isinstance(fn, Function)
is_str = isinstance("x", (int, Function))
registry = {Function: "creator"}
looked = registry[Function]
`
	_, m, _, err := run(t, map[string]string{"main.py": src}, func(o *Options) {
		o.Host = hostWith(map[string]Value{"Function": ctor})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 {
		t.Fatalf("calls: %v", calls)
	}
	a := calls[0]
	if Repr(Tuple(a.Positional)) != "('api',)" || len(a.Keywords) != 3 || a.Keywords[0].Name != "handler" || Repr(a.Keywords[1].Value) != "[1, 2, 3]" || a.Keywords[2].Name != "memory" {
		t.Errorf("args: %+v", a)
	}
	if got := vars(m, "is_fn is_str looked"); got != "is_fn=True is_str=False looked='creator'" {
		t.Errorf("got %s", got)
	}
}

type hostClass struct {
	name  string
	calls *[]Args
}

type hostObj struct{ cls *hostClass }

func (h *hostClass) TypeName() string { return h.name }
func (h *hostClass) Call(c *Call, args Args) (Value, error) {
	*h.calls = append(*h.calls, args)
	return &hostObj{cls: h}, nil
}
func (h *hostClass) IsInstance(v Value) bool { o, ok := v.(*hostObj); return ok && o.cls == h }
func (o *hostObj) TypeName() string          { return o.cls.name }

func TestCallValueFromHost(t *testing.T) {
	in, m, _, err := run(t, map[string]string{"main.py": `
def config(env, *, region="eu"):
    tags = {"env": env}
    if env == "prod":
        tags["oncall"] = "yes"
    return tags, region
`})
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := m.GetAttr("config")
	v, err := in.CallValue(&Call{Interp: in, Pos: Pos{File: "host", Line: 1}}, fn, Args{Positional: []Value{Str("prod")}, Keywords: []Keyword{{Name: "region", Value: Str("us")}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := Repr(v); got != "({'env': 'prod', 'oncall': 'yes'}, 'us')" {
		t.Errorf("got %s", got)
	}
	_, err = in.CallValue(nil, fn, Args{})
	if err == nil || !strings.Contains(err.Error(), "missing 1 required positional argument: 'env'") {
		t.Errorf("got %v", err)
	}
}
