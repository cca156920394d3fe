try:
    pass
except (A, B) as e:
    pass
except C:
    pass
except:
    pass
else:
    pass
finally:
    pass
if a:
    pass
elif b:
    pass
else:
    pass
*a, b = x
for x, in y: pass
f = lambda: 0
g = lambda *, k: k
d = {**a, 'b': 1, **c}
s = {*a, 1}
e = ...
x = a[b:c]
(y) = (1)
async def h():
    return [await q async for q in z]
x = -1
