package pyeval

import (
	"strings"
	"testing"
)

func reportLines(rs []reported) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, itoa(r.pos.Line))
	}
	return strings.Join(parts, ",")
}

func TestUnknownPropagation(t *testing.T) {
	m, reports := evalSrc(t, `import os
import json
env = os.environ.get("STAGE", "dev")
a = env + "-suffix"
b = f"app-{env}"
c = env.upper()
d = [env][0]
e = {"k": env}["k"]
f = len(env)
g = env == "prod"
h = env is None
i = not env
j = json.dumps({"a": 1})
k = 1 if env else 2
l = env and "x"
m = "x" in env
n = os.getenv("X")
`)
	if got := vars(m, "a b c d e f g h i j k l m n"); got != "a=?3 b=?3 c=?3 d=?3 e=?3 f=?3 g=?3 h=?3 i=?3 j=?13 k=?3 l=?3 m=?3 n=?17" {
		t.Errorf("got %s", got)
	}
	a, _ := m.GetAttr("a")
	if r := a.(*Unknown).Reason; !strings.Contains(r, "os.environ reads the environment") {
		t.Errorf("reason %q does not name the root cause", r)
	}
	j, _ := m.GetAttr("j")
	if r := j.(*Unknown).Reason; r != "json.dumps: module json is not part of the app and is not evaluated" {
		t.Errorf("reason %q", r)
	}
	if len(reports) != 0 {
		t.Errorf("no control flow was skipped, yet reported %v", reports)
	}
}

func TestUnknownControlFlow(t *testing.T) {
	m, reports := evalSrc(t, `import os
flag = os.environ.get("FLAG")
tags = {"team": "a"}
x = 1
if flag:
    x = 2
    tags["extra"] = "y"
    made = "yes"
else:
    other = 3
for item in flag:
    looped = item
total = 0
while flag:
    total += 1
after = "still runs"
def f():
    if flag:
        return 1
    return 2
r = f()
known = 5 if True else flag
`)
	if got := vars(m, "x tags made other item looped total after r known"); got != "x=?5 tags=?5 made=?5 other=?5 item=?11 looped=?11 total=?14 after='still runs' r=?18 known=5" {
		t.Errorf("got %s", got)
	}
	if got := reportLines(reports); got != "5,11,14,18" {
		t.Errorf("reports at lines %s: %v", got, reports)
	}
	for _, r := range reports {
		if !strings.Contains(r.msg, "os.environ reads the environment") || !strings.Contains(r.msg, "main.py:2") {
			t.Errorf("report does not name the root cause: %s", r)
		}
	}
	x, _ := m.GetAttr("x")
	if r := x.(*Unknown).Reason; !strings.Contains(r, "`if` statement at line 5") {
		t.Errorf("reason %q", r)
	}
}

func TestUnknownComprehensionAndCalls(t *testing.T) {
	m, reports := evalSrc(t, `import json
SPEC = json.load(open("spec.json"))
tables = {name: name.upper() for name in SPEC["tables"]}
picked = [t for t in ["a", "b"] if t in SPEC]
n = len([1, 2, *SPEC])
def make(*args):
    return args
called = make(*SPEC)
ok = make(1, 2)
`)
	if got := vars(m, "SPEC tables picked n called ok"); got != "SPEC=?2 tables=?2 picked=?2 n=?2 called=?2 ok=(1, 2)" {
		t.Errorf("got %s", got)
	}
	if got := reportLines(reports); got != "3,4,8" {
		t.Errorf("reports at lines %s: %v", got, reports)
	}
}

func TestOpenAndDangerousBuiltinsAreNeverRun(t *testing.T) {
	m, _ := evalSrc(t, `f = open("x.txt", "w")
e = eval("1 + 1")
x = exec("import os")
i = __import__("os")
g = globals()
c = compile("1", "f", "eval")
with open("data.json") as fh:
    data = fh.read()
`)
	if got := vars(m, "f e x i g c fh data"); got != "f=?1 e=?2 x=?3 i=?4 g=?5 c=?6 fh=?7 data=?7" {
		t.Errorf("got %s", got)
	}
	f, _ := m.GetAttr("f")
	if r := f.(*Unknown).Reason; r != "open() reads a file at deploy time" {
		t.Errorf("reason %q", r)
	}
}

func TestGetattrComputedName(t *testing.T) {
	files := map[string]string{
		"main.py": `import os
import infra.storage
backend = os.environ.get("B", "bucket")
make = getattr(infra.storage, f"{backend}_storage")
known = getattr(infra.storage, "bucket_storage")("x")
has = hasattr(infra.storage, "queue_storage")
`,
		"infra/__init__.py": "",
		"infra/storage.py":  "def bucket_storage(n):\n    return n + '-objects'\ndef queue_storage(n):\n    return n\n",
	}
	_, m, _, err := run(t, files)
	if err != nil {
		t.Fatal(err)
	}
	if got := vars(m, "make known has"); got != "make=?4 known='x-objects' has=True" {
		t.Errorf("got %s", got)
	}
	mk, _ := m.GetAttr("make")
	if r := mk.(*Unknown).Reason; !strings.Contains(r, "getattr() with an attribute name not known statically") || !strings.Contains(r, "main.py:3") {
		t.Errorf("reason %q", r)
	}
}

func TestUnknownDecoratorLeavesFunction(t *testing.T) {
	m, reports := evalSrc(t, `import functools
@functools.cache
def f():
    return 3
a = f()
`)
	if got := vars(m, "a"); got != "a=3" {
		t.Errorf("got %s", got)
	}
	if got := reportLines(reports); got != "2" {
		t.Errorf("reports %v", reports)
	}
}

func TestUnknownInsideLoops(t *testing.T) {
	m, reports := evalSrc(t, `import os
tries = 0
while True:
    tries += 1
    if os.environ.get("DONE"):
        break
seen = []
for i in range(3):
    seen.append(i)
    for j in os.environ:
        break
def find():
    for name in ["a", "b"]:
        if os.getenv(name):
            return name
    return None
found = find()
`)
	if got := vars(m, "tries seen found"); got != "tries=1 seen=[0, 1, 2] found=?14" {
		t.Errorf("got %s", got)
	}
	if got := reportLines(reports); got != "5,5,10,10,10,14,14" {
		t.Errorf("reports at %s: %v", got, reports)
	}
}
