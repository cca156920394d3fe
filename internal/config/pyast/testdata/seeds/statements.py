a is not b not in c < d
s = r"\n" u"\u00e9\N{BULLET}" """tri
ple""" f'{x:{"a"}}' F"{{}}"
n = 1_000 + 0x_ff + 0o17 + 0b1 + 1.5e3 + 2j + 1_0.0_1
@dec.x(1)
@other
async def g(*, k):
    global q
    nonlocal r
    del a[0], b
    assert x, "m"
    raise E from c
    async for i in y: pass
    else: pass
    async with a as (b, c), d: pass
    await z
    yield
    x = yield from w
class C(B, metaclass=M):
    x: int = 3
    y: str
while (n := 3) > 1: break
else: continue
r = {k: v for k, v in d.items() if k if v}
t = {x for x in y}, (x for x in y), [x async for x in y]
u = a if b else c
v = not a and b or -c ** ~d
w = x[1], x[1:], x[:], x[::2], x[a,]
with (open(a) as f, open(b) as g): pass
from . import x
from ..a.b import (c as d, e)
from .m import *
import a.b.c as d, e
print "hi"
