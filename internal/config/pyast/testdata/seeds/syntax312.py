x = f"a{b!r:>{w}} {'q'} {x=}" 'c' "d"
def f[T](a, /, b: int = 1, *args, c, d=2, **kw) -> T: pass
y = lambda a, *b, c=1, **d: a
match p:
    case [1, *rest] | {"k": v, **kw} if v: pass
    case Point(x=0, y=yy) as pt: pass
    case -1 | 2+3j | "s" | None | a.b: pass
    case _: pass
type X[T] = list[T]
a[1:2, ::3] = *b, c
try: pass
except* (A, B) as e: pass
print(*a, **k, x=1)
