x = (1, 2
def f(:
    pass
if x
    pass
x = 'abc
  x = 1
def f():
pass
x = [1, 2 3]
f(a b)
x = 1 +
class A
    pass
for x in : pass
x = {'a': 1 'b': 2}
import
from x import
return = 3
a = 1
  b = 2
x = """abc
print "x"
x ===== 3
lambda x: yield
x = f"{a!z}"
x = 0777
def f(a, a): pass
a + = 1

