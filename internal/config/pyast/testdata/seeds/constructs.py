x = f"{a!r:>{w}.{p}f} {'q'} {x=} {{lit}}"
x = f"{d["k"]}"
x = f'{a:%Y-%m-%d}' f"z"
def f[T](a, /, b: int = 1, *args, c, d=2, **kw) -> T: pass
type X = int
@app.run
def run() -> None: pass
if (n := len(a)) > 10: pass
match cmd:
    case ["go", d] if d: pass
    case {"k": 1, **rest}: pass
    case Point(0, y=1) | None: pass
    case _: pass
async def f():
    async with a as b: await c
a, *b = c
x = a[1:2, ::3]
f = lambda a, b=2, *c, **d: a
r = [x for x in y if x for z in x]
global a
with open(p) as f, g: pass
try:
    pass
except* E as e:
    pass
finally:
    pass
raise E("x") from c
assert x, "m"
del a[0], b.c
ok = 1 < a <= 3 != b
v = a if b else c
s = "a" 'b' """c"""
b = b'\x00\xff' rb'\n'
n = [1_000, 0x_ff, 0o17, 0b101, 1.5e3, 2j, 0.5, 1e400, 99999999999999999999]
s = "\t\n\\\x41\u00e9\101"
s = r"\d+\n"
x: dict[str, int] = {}
print(*a, **k, x=1)
d = {**a, "b": 1}
x = not a and b or -c ** ~d
(y) = 1
for i, in []: pass
else: pass
while True:
    break
class C(Base, metaclass=M):
    x = 1
from ..pkg.mod import (a as b, c)
from . import *
import a.b.c as d, e
x = f"{'nested' + f'{y}'}"
if a:
    pass
elif b:
    pass
else:
    pass

