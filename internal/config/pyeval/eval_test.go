package pyeval

import (
	"strings"
	"testing"
)

type evalCase struct {
	name, src, names, want string
}

func runCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := evalSrc(t, strings.TrimLeft(tc.src, "\n"))
			if got := vars(m, tc.names); got != tc.want {
				t.Errorf("\n%s\n got %s\nwant %s", tc.src, got, tc.want)
			}
		})
	}
}

func TestLiteralsAndOperators(t *testing.T) {
	runCases(t, []evalCase{
		{"ints", "a = 1 + 2 * 3\nb = 7 // 2\nc = -7 // 2\nd = -7 % 3\ne = 2 ** 10\nf = 7 / 2", "a b c d e f", "a=7 b=3 c=-4 d=2 e=1024 f=3.5"},
		{"floats", "a = 0.1 + 0.2\nb = 1e16\nc = 2.0\nd = 1 / 3", "a b c d", "a=0.30000000000000004 b=1e+16 c=2.0 d=0.3333333333333333"},
		{"overflow", "a = 2 ** 64\nb = 9223372036854775807 + 1\nc = 99999999999999999999", "a b c", "a=?1 b=?2 c=?3"},
		{"strings", "a = 'x' + \"y\"\nb = 'ab' * 3\nc = 'abc'[1]\nd = 'abcdef'[1:4]\ne = 'abc'[::-1]", "a b c d e", "a='xy' b='ababab' c='b' d='bcd' e='cba'"},
		{"implicit concat", "a = ('a' 'b'\n     'c')", "a", "a='abc'"},
		{"containers", "a = [1, 2, *[3, 4]]\nb = (1,)\nc = {'k': 1, **{'j': 2}}\nd = {1, 2, 2}\ne = ()", "a b c d e", "a=[1, 2, 3, 4] b=(1,) c={'k': 1, 'j': 2} d={1, 2} e=()"},
		{"dict order", "d = {'a': 1, 'b': 2}\nd['a'] = 3\nd['c'] = 4\ndel d['b']\nd['b'] = 5", "d", "d={'a': 3, 'c': 4, 'b': 5}"},
		{"dict key equality", "d = {1: 'int'}\nd[1.0] = 'float'\nd[True] = 'bool'", "d", "d={1: 'bool'}"},
		{"comparison chains", "a = 1 < 2 < 3\nb = 1 < 3 < 2\nc = 'a' in 'cat'\nd = 3 not in [1, 2]\ne = None is None\nf = [1] == [1]\ng = (1, 2) < (1, 3)", "a b c d e f g", "a=True b=False c=True d=True e=True f=True g=True"},
		{"bool ops", "a = 0 or 'x'\nb = 1 and 0\nc = not []\nd = None or [] or 3", "a b c d", "a='x' b=0 c=True d=3"},
		{"ternary", "x = 5\na = 'big' if x > 3 else 'small'", "a", "a='big'"},
		{"unary", "a = -(3)\nb = ~5\nc = +2.5\nd = not 1", "a b c d", "a=-3 b=-6 c=2.5 d=False"},
		{"bytes", "a = b'ab' + b'c'\nb = len(b'xyz')\nc = b'hi'.decode()", "a b c", "a=b'abc' b=3 c='hi'"},
		{"set ops", "a = {1, 2} | {3}\nb = {1, 2} & {2}\nc = {1, 2} - {1}\nd = {1} <= {1, 2}", "a b c d", "a={1, 2, 3} b={2} c={2} d=True"},
		{"dict merge", "a = {'x': 1} | {'y': 2}", "a", "a={'x': 1, 'y': 2}"},
		{"walrus", "if (n := 10) > 5:\n    big = n", "n big", "n=10 big=10"},
		{"ellipsis", "a = ...", "a", "a=Ellipsis"},
	})
}
