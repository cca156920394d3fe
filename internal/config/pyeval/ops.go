package pyeval

import (
	"math"
	"math/bits"
	"reflect"
	"strings"
)

const pulumiFormatReason = "a Pulumi Output cannot be formatted into a str; use .apply or Output.concat"

// numeric returns v as an int or a float (bool counts as int).
func numeric(v Value) (i int64, f float64, isInt, ok bool) {
	switch x := v.(type) {
	case Int:
		return int64(x), float64(x), true, true
	case Bool:
		if x {
			return 1, 1, true, true
		}
		return 0, 0, true, true
	case Float:
		return 0, float64(x), false, true
	case *Instance:
		if x.plain != nil {
			return numeric(x.plain)
		}
	}
	return 0, 0, false, false
}

func tooBig(pos Pos) *Unknown {
	return UnknownAt(pos, "an integer result does not fit in 64 bits, which the evaluator does not handle")
}

func (in *Interp) binop(pos Pos, op string, a, b Value) (Value, error) {
	a = plainOf(a)
	if _, format := a.(Str); !format || op != "%" {
		b = plainOf(b) // "%s" % member formats the member, not its value
	}
	if u := unknownOf(a); u != nil {
		return u, nil
	}
	if u := unknownOf(b); u != nil {
		return u, nil
	}
	if v, handled, err := in.symbolicOp(pos, op, a, b); handled {
		return v, err
	}
	ai, af, aInt, aNum := numeric(a)
	bi, bf, bInt, bNum := numeric(b)
	if aNum && bNum {
		if aInt && bInt {
			return intOp(pos, op, ai, bi)
		}
		return floatOp(pos, op, af, bf)
	}
	switch op {
	case "+":
		return in.concat(pos, a, b)
	case "*":
		if aNum && aInt {
			return in.repeat(pos, b, ai, a)
		}
		if bNum && bInt {
			return in.repeat(pos, a, bi, b)
		}
	case "%":
		if s, ok := a.(Str); ok {
			return in.percentFormat(pos, string(s), b)
		}
	case "|", "&", "-", "^":
		if v, ok, err := in.setOp(pos, op, a, b); ok {
			return v, err
		}
	}
	return nil, raise(pos, "TypeError", "unsupported operand type(s) for %s: '%s' and '%s'", op, a.TypeName(), b.TypeName())
}

// symbolicOp handles str operations on deploy-time values: SymStr concatenation stays
// symbolic; a Pulumi Output inside str arithmetic is what real Pulumi turns into a
// warning text, so it is Unknown.
func (in *Interp) symbolicOp(pos Pos, op string, a, b Value) (Value, bool, error) {
	_, aOut := a.(*Output)
	_, bOut := b.(*Output)
	as, aSym := a.(*SymStr)
	bs, bSym := b.(*SymStr)
	if !aOut && !bOut && !aSym && !bSym {
		return nil, false, nil
	}
	if op == "+" {
		if aOut || bOut {
			_, aStr := a.(Str)
			_, bStr := b.(Str)
			if aStr || bStr || aSym || bSym {
				return UnknownAt(pos, pulumiFormatReason), true, nil
			}
			return nil, true, raise(pos, "TypeError", "unsupported operand type(s) for +: '%s' and '%s'", a.TypeName(), b.TypeName())
		}
		left, lok := templateOf(a, as)
		right, rok := templateOf(b, bs)
		if lok && rok {
			return &SymStr{T: joinTemplates(left, right)}, true, nil
		}
		return nil, true, raise(pos, "TypeError", "can only concatenate str (not \"%s\") to str", b.TypeName())
	}
	what := "a deploy-time str"
	if aOut || bOut {
		what = "a Pulumi Output"
	}
	return UnknownAt(pos, "the %s operator on %s is not known statically", op, what), true, nil
}

func templateOf(v Value, sym *SymStr) (Template, bool) {
	if sym != nil {
		return sym.T, true
	}
	if s, ok := v.(Str); ok {
		return Template{{Text: string(s)}}, true
	}
	return nil, false
}

// joinTemplates concatenates, merging adjacent text parts.
func joinTemplates(ts ...Template) Template {
	var out Template
	for _, t := range ts {
		for _, p := range t {
			if p.Ref == nil && p.Text == "" {
				continue
			}
			if p.Ref == nil && len(out) > 0 && out[len(out)-1].Ref == nil {
				out[len(out)-1].Text += p.Text
				continue
			}
			out = append(out, p)
		}
	}
	return out
}

func intOp(pos Pos, op string, a, b int64) (Value, error) {
	switch op {
	case "+":
		s := a + b
		if (s > a) != (b > 0) {
			return tooBig(pos), nil
		}
		return Int(s), nil
	case "-":
		s := a - b
		if (s < a) != (b > 0) {
			return tooBig(pos), nil
		}
		return Int(s), nil
	case "*":
		if a == 0 || b == 0 {
			return Int(0), nil
		}
		p := a * b
		if p/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
			return tooBig(pos), nil
		}
		return Int(p), nil
	case "/":
		if b == 0 {
			return nil, raise(pos, "ZeroDivisionError", "division by zero")
		}
		return Float(float64(a) / float64(b)), nil
	case "//":
		if b == 0 {
			return nil, raise(pos, "ZeroDivisionError", "integer division or modulo by zero")
		}
		if a == math.MinInt64 && b == -1 {
			return tooBig(pos), nil
		}
		q := a / b
		if (a%b != 0) && ((a < 0) != (b < 0)) {
			q--
		}
		return Int(q), nil
	case "%":
		if b == 0 {
			return nil, raise(pos, "ZeroDivisionError", "integer division or modulo by zero")
		}
		if b == -1 {
			return Int(0), nil
		}
		m := a % b
		if m != 0 && ((m < 0) != (b < 0)) {
			m += b
		}
		return Int(m), nil
	case "**":
		if b < 0 {
			if a == 0 {
				return nil, raise(pos, "ZeroDivisionError", "0.0 cannot be raised to a negative power")
			}
			return Float(math.Pow(float64(a), float64(b))), nil
		}
		result, base := int64(1), a
		for e := b; e > 0; e >>= 1 {
			if e&1 == 1 {
				hi, lo := bits.Mul64(uint64(abs64(result)), uint64(abs64(base)))
				if hi != 0 || lo > math.MaxInt64 {
					return tooBig(pos), nil
				}
				neg := (result < 0) != (base < 0)
				result = int64(lo)
				if neg {
					result = -result
				}
			}
			if e > 1 {
				hi, lo := bits.Mul64(uint64(abs64(base)), uint64(abs64(base)))
				if hi != 0 || lo > math.MaxInt64 {
					return tooBig(pos), nil
				}
				base = int64(lo)
			}
		}
		return Int(result), nil
	case "<<":
		if b < 0 {
			return nil, raise(pos, "ValueError", "negative shift count")
		}
		if b >= 63 || (a != 0 && bits.Len64(uint64(abs64(a)))+int(b) > 62) {
			if a == 0 {
				return Int(0), nil
			}
			return tooBig(pos), nil
		}
		return Int(a << uint(b)), nil
	case ">>":
		if b < 0 {
			return nil, raise(pos, "ValueError", "negative shift count")
		}
		if b > 63 {
			b = 63
		}
		return Int(a >> uint(b)), nil
	case "&":
		return Int(a & b), nil
	case "|":
		return Int(a | b), nil
	case "^":
		return Int(a ^ b), nil
	}
	return nil, raise(pos, "TypeError", "unsupported operand type(s) for %s: 'int' and 'int'", op)
}

func abs64(x int64) int64 {
	if x < 0 {
		if x == math.MinInt64 {
			return math.MaxInt64 // callers treat the result as too big anyway
		}
		return -x
	}
	return x
}

func floatOp(pos Pos, op string, a, b float64) (Value, error) {
	switch op {
	case "+":
		return Float(a + b), nil
	case "-":
		return Float(a - b), nil
	case "*":
		return Float(a * b), nil
	case "/":
		if b == 0 {
			return nil, raise(pos, "ZeroDivisionError", "float division by zero")
		}
		return Float(a / b), nil
	case "//":
		if b == 0 {
			return nil, raise(pos, "ZeroDivisionError", "float floor division by zero")
		}
		return Float(math.Floor(a / b)), nil
	case "%":
		if b == 0 {
			return nil, raise(pos, "ZeroDivisionError", "float modulo")
		}
		m := math.Mod(a, b)
		if m != 0 && ((m < 0) != (b < 0)) {
			m += b
		}
		return Float(m), nil
	case "**":
		if a == 0 && b < 0 {
			return nil, raise(pos, "ZeroDivisionError", "0.0 cannot be raised to a negative power")
		}
		if a < 0 && b != math.Trunc(b) {
			return UnknownAt(pos, "a negative number raised to a fractional power is complex, which is not evaluated"), nil
		}
		r := math.Pow(a, b)
		if math.IsInf(r, 0) && !math.IsInf(a, 0) {
			return nil, raise(pos, "OverflowError", "(34, 'Numerical result out of range')")
		}
		return Float(r), nil
	}
	return nil, raise(pos, "TypeError", "unsupported operand type(s) for %s: 'float' and 'float'", op)
}

func (in *Interp) concat(pos Pos, a, b Value) (Value, error) {
	switch x := a.(type) {
	case Str:
		if y, ok := b.(Str); ok {
			if err := in.allocStr(pos, len(x)+len(y)); err != nil {
				return nil, err
			}
			return x + y, nil
		}
		return nil, raise(pos, "TypeError", "can only concatenate str (not \"%s\") to str", b.TypeName())
	case Bytes:
		if y, ok := b.(Bytes); ok {
			if err := in.allocStr(pos, len(x)+len(y)); err != nil {
				return nil, err
			}
			return x + y, nil
		}
	case *List:
		if y, ok := b.(*List); ok {
			n := len(x.Elems) + len(y.Elems)
			if err := in.grow(pos, n); err != nil {
				return nil, err
			}
			if err := in.alloc(pos, n); err != nil {
				return nil, err
			}
			out := make([]Value, 0, n)
			return &List{Elems: append(append(out, x.Elems...), y.Elems...)}, nil
		}
		return nil, raise(pos, "TypeError", "can only concatenate list (not \"%s\") to list", b.TypeName())
	case Tuple:
		if y, ok := b.(Tuple); ok {
			n := len(x) + len(y)
			if err := in.grow(pos, n); err != nil {
				return nil, err
			}
			if err := in.alloc(pos, n); err != nil {
				return nil, err
			}
			out := make(Tuple, 0, n)
			return append(append(out, x...), y...), nil
		}
		return nil, raise(pos, "TypeError", "can only concatenate tuple (not \"%s\") to tuple", b.TypeName())
	}
	return nil, raise(pos, "TypeError", "unsupported operand type(s) for +: '%s' and '%s'", a.TypeName(), b.TypeName())
}

// repeat is seq * n, refused before allocating when the result would be too large.
func (in *Interp) repeat(pos Pos, seq Value, n int64, num Value) (Value, error) {
	if n < 0 {
		n = 0
	}
	size := func(l int) error {
		if l > 0 && n > int64(in.opts.MaxCollection/l) {
			return &LimitError{Limit: "collection", Pos: pos, Msg: "repeating a sequence would build a value larger than the limit of " + itoa(in.opts.MaxCollection) + " elements"}
		}
		return nil
	}
	switch x := seq.(type) {
	case Str:
		if err := size(len(x)); err != nil {
			return nil, err
		}
		if err := in.allocStr(pos, len(x)*int(n)); err != nil {
			return nil, err
		}
		return Str(strings.Repeat(string(x), int(n))), nil
	case Bytes:
		if err := size(len(x)); err != nil {
			return nil, err
		}
		if err := in.allocStr(pos, len(x)*int(n)); err != nil {
			return nil, err
		}
		return Bytes(strings.Repeat(string(x), int(n))), nil
	case *List:
		if err := size(len(x.Elems)); err != nil {
			return nil, err
		}
		total := len(x.Elems) * int(n)
		if err := in.alloc(pos, total); err != nil {
			return nil, err
		}
		out := make([]Value, 0, total)
		for i := int64(0); i < n; i++ {
			out = append(out, x.Elems...)
		}
		return &List{Elems: out}, nil
	case Tuple:
		if err := size(len(x)); err != nil {
			return nil, err
		}
		total := len(x) * int(n)
		if err := in.alloc(pos, total); err != nil {
			return nil, err
		}
		out := make(Tuple, 0, total)
		for i := int64(0); i < n; i++ {
			out = append(out, x...)
		}
		return out, nil
	}
	return nil, raise(pos, "TypeError", "can't multiply sequence by non-int of type '%s'", num.TypeName())
}

func (in *Interp) setOp(pos Pos, op string, a, b Value) (Value, bool, error) {
	if da, ok := a.(*Dict); ok && op == "|" {
		db, ok := b.(*Dict)
		if !ok {
			return nil, false, nil
		}
		out := da.Copy()
		if err := in.mergeInto(pos, out, db); err != nil {
			return nil, true, err
		}
		return out, true, nil
	}
	sa, ok1 := a.(*Set)
	sb, ok2 := b.(*Set)
	if !ok1 || !ok2 {
		return nil, false, nil
	}
	out := NewSet()
	switch op {
	case "|":
		for _, v := range append(sa.Elems(), sb.Elems()...) {
			_ = out.Add(v)
		}
	case "&":
		for _, v := range sa.Elems() {
			if sb.Has(v) {
				_ = out.Add(v)
			}
		}
	case "-":
		for _, v := range sa.Elems() {
			if !sb.Has(v) {
				_ = out.Add(v)
			}
		}
	case "^":
		for _, v := range sa.Elems() {
			if !sb.Has(v) {
				_ = out.Add(v)
			}
		}
		for _, v := range sb.Elems() {
			if !sa.Has(v) {
				_ = out.Add(v)
			}
		}
	}
	if err := in.alloc(pos, out.Len()); err != nil {
		return nil, true, err
	}
	return out, true, nil
}

func (in *Interp) unary(pos Pos, op string, v Value) (Value, error) {
	if op == "not" {
		t, known := Truth(v)
		if !known {
			return in.unknownTruth(pos, v), nil
		}
		return Bool(!t), nil
	}
	if u := unknownOf(v); u != nil {
		return u, nil
	}
	i, f, isInt, ok := numeric(v)
	if !ok {
		if _, sym := v.(*SymStr); sym {
			return UnknownAt(pos, "unary %s on a deploy-time str is not known statically", op), nil
		}
		return nil, raise(pos, "TypeError", "bad operand type for unary %s: '%s'", op, v.TypeName())
	}
	switch op {
	case "-":
		if isInt {
			if i == math.MinInt64 {
				return tooBig(pos), nil
			}
			return Int(-i), nil
		}
		return Float(-f), nil
	case "+":
		if isInt {
			return Int(i), nil
		}
		return Float(f), nil
	case "~":
		if isInt {
			return Int(^i), nil
		}
		return nil, raise(pos, "TypeError", "bad operand type for unary ~: 'float'")
	}
	return nil, raise(pos, "SyntaxError", "unknown unary operator %s", op)
}

// compare evaluates one comparison; the result is a Bool or an Unknown.
func (in *Interp) compare(pos Pos, op string, a, b Value) (Value, error) {
	switch op {
	case "is", "is not":
		if ua, ub := unknownOf(a), unknownOf(b); ua != nil || ub != nil {
			if ua != nil {
				return ua, nil
			}
			return ub, nil
		}
		same := identical(a, b)
		return Bool(same == (op == "is")), nil
	case "in", "not in":
		r, err := in.contains(pos, b, a)
		if err != nil {
			return nil, err
		}
		if t, ok := r.(Bool); ok && op == "not in" {
			return !t, nil
		}
		return r, nil
	case "==", "!=":
		eq, known := in.equal(a, b, 0)
		if !known {
			return in.unknownCompare(pos, a, b), nil
		}
		return Bool(eq == (op == "==")), nil
	}
	lt, err := in.order(pos, op, a, b)
	return lt, err
}

func (in *Interp) unknownCompare(pos Pos, a, b Value) *Unknown {
	if in.steps > in.opts.MaxSteps {
		return UnknownAt(pos, "comparing these values used up the step budget")
	}
	if u := unknownOf(a); u != nil {
		return u
	}
	if u := unknownOf(b); u != nil {
		return u
	}
	for _, v := range []Value{a, b} {
		switch v.(type) {
		case *SymStr:
			return UnknownAt(pos, "comparing a str known only at deploy time")
		case *Output:
			return UnknownAt(pos, "comparing a Pulumi Output, known only at deploy time")
		}
	}
	return UnknownAt(pos, "comparing values that hold something known only at deploy time")
}

// identical is Python's `is` for the values we model: singletons and scalars by value,
// objects by identity.
func identical(a, b Value) bool {
	switch x := a.(type) {
	case NoneType, EllipsisType:
		return a == b
	case Bool, Int, Float, Str, Bytes:
		return reflect.TypeOf(a) == reflect.TypeOf(b) && a == b
	case Tuple:
		y, ok := b.(Tuple)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	}
	ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
	if ra.Kind() == reflect.Pointer && rb.Kind() == reflect.Pointer {
		return ra.Type() == rb.Type() && ra.Pointer() == rb.Pointer()
	}
	if ra.Type() == rb.Type() && ra.Comparable() && rb.Comparable() {
		return a == b
	}
	return false
}

const maxCompareDepth = 200

// equal is Python's ==; known is false when the answer depends on deploy-time values.
func (in *Interp) equal(a, b Value, depth int) (eq, known bool) {
	if depth > maxCompareDepth || !in.charge() {
		return false, false
	}
	if unknownOf(a) != nil || unknownOf(b) != nil {
		return false, false
	}
	a, b = plainOf(a), plainOf(b)
	switch a.(type) {
	case Tuple, *List, *Dict, *Set:
		if identical(a, b) {
			return true, true // as CPython: a container is equal to itself
		}
	}
	if sa, ok := a.(*SymStr); ok {
		if sb, ok := b.(*SymStr); ok && sa.T.String() == sb.T.String() {
			return true, true
		}
		return false, isNonStr(b)
	}
	if _, ok := b.(*SymStr); ok {
		return false, isNonStr(a)
	}
	ai, af, aInt, aNum := numeric(a)
	bi, bf, bInt, bNum := numeric(b)
	if aNum && bNum {
		if aInt && bInt {
			return ai == bi, true
		}
		return af == bf, true
	}
	switch x := a.(type) {
	case Str:
		y, ok := b.(Str)
		return ok && x == y, true
	case Bytes:
		y, ok := b.(Bytes)
		return ok && x == y, true
	case NoneType:
		_, ok := b.(NoneType)
		return ok, true
	case Tuple:
		y, ok := b.(Tuple)
		if !ok {
			return false, true
		}
		return in.seqEqual(x, y, depth)
	case *List:
		y, ok := b.(*List)
		if !ok {
			return false, true
		}
		if x == y {
			return true, true
		}
		return in.seqEqual(x.Elems, y.Elems, depth)
	case *Dict:
		y, ok := b.(*Dict)
		if !ok {
			return false, true
		}
		if x.Len() != y.Len() {
			return false, true
		}
		for _, it := range x.Items() {
			v, found := y.Get(it.Key)
			if !found {
				return false, true
			}
			if eq, known := in.equal(it.Value, v, depth+1); !known || !eq {
				return eq, known
			}
		}
		return true, true
	case *Set:
		y, ok := b.(*Set)
		if !ok {
			return false, true
		}
		if x.Len() != y.Len() {
			return false, true
		}
		for _, v := range x.Elems() {
			if !y.Has(v) {
				return false, true
			}
		}
		return true, true
	}
	return identical(a, b), true
}

// isNonStr reports whether v is certainly not equal to any str.
func isNonStr(v Value) bool {
	switch v.(type) {
	case Str, *SymStr, *Unknown, *Output:
		return false
	}
	return true
}

func (in *Interp) seqEqual(x, y []Value, depth int) (bool, bool) {
	if len(x) != len(y) {
		return false, true
	}
	allKnown := true
	for i := range x {
		eq, known := in.equal(x[i], y[i], depth+1)
		if known && !eq {
			return false, true
		}
		if !known {
			allKnown = false
		}
	}
	return allKnown, allKnown
}

// order evaluates <, <=, >, >=.
func (in *Interp) order(pos Pos, op string, a, b Value) (Value, error) {
	if ua, ub := unknownOf(a), unknownOf(b); ua != nil || ub != nil {
		if ua != nil {
			return ua, nil
		}
		return ub, nil
	}
	c, known, err := in.cmp(pos, op, a, b, 0)
	if err != nil {
		return nil, err
	}
	if !known {
		return in.unknownCompare(pos, a, b), nil
	}
	if c == 2 { // unordered: NaN, or sets neither subset nor superset
		return Bool(false), nil
	}
	switch op {
	case "<":
		return Bool(c < 0), nil
	case "<=":
		return Bool(c <= 0), nil
	case ">":
		return Bool(c > 0), nil
	}
	return Bool(c >= 0), nil
}

// cmp returns -1, 0 or 1, with TypeError for unordered types as Python does.
func (in *Interp) cmp(pos Pos, op string, a, b Value, depth int) (int, bool, error) {
	if depth > maxCompareDepth || !in.charge() {
		return 0, false, nil
	}
	if unknownOf(a) != nil || unknownOf(b) != nil {
		return 0, false, nil
	}
	a, b = plainOf(a), plainOf(b)
	ai, af, aInt, aNum := numeric(a)
	bi, bf, bInt, bNum := numeric(b)
	if aNum && bNum {
		if aInt && bInt {
			return cmp3(ai < bi, ai > bi), true, nil
		}
		if math.IsNaN(af) || math.IsNaN(bf) {
			return 2, true, nil // every ordering of NaN is false; 2 makes <,<=,>,>= false below
		}
		return cmp3(af < bf, af > bf), true, nil
	}
	switch x := a.(type) {
	case Str:
		if y, ok := b.(Str); ok {
			return strings.Compare(string(x), string(y)), true, nil
		}
	case Bytes:
		if y, ok := b.(Bytes); ok {
			return strings.Compare(string(x), string(y)), true, nil
		}
	case Tuple:
		if y, ok := b.(Tuple); ok {
			return in.seqCmp(pos, op, x, y, depth)
		}
	case *List:
		if y, ok := b.(*List); ok {
			return in.seqCmp(pos, op, x.Elems, y.Elems, depth)
		}
	case *SymStr:
		if _, ok := b.(Str); ok {
			return 0, false, nil
		}
		if _, ok := b.(*SymStr); ok {
			return 0, false, nil
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			sub := x.Len() <= y.Len()
			for _, v := range x.Elems() {
				if !y.Has(v) {
					sub = false
				}
			}
			sup := y.Len() <= x.Len()
			for _, v := range y.Elems() {
				if !x.Has(v) {
					sup = false
				}
			}
			switch {
			case sub && sup:
				return 0, true, nil
			case sub:
				return -1, true, nil
			case sup:
				return 1, true, nil
			}
			return 2, true, nil
		}
	}
	if _, ok := b.(*SymStr); ok {
		if _, ok := a.(Str); ok {
			return 0, false, nil
		}
	}
	return 0, false, raise(pos, "TypeError", "'%s' not supported between instances of '%s' and '%s'", op, a.TypeName(), b.TypeName())
}

func cmp3(lt, gt bool) int {
	switch {
	case lt:
		return -1
	case gt:
		return 1
	}
	return 0
}

func (in *Interp) seqCmp(pos Pos, op string, x, y []Value, depth int) (int, bool, error) {
	for i := 0; i < len(x) && i < len(y); i++ {
		eq, known := in.equal(x[i], y[i], depth+1)
		if !known {
			return 0, false, nil
		}
		if !eq {
			return in.cmp(pos, op, x[i], y[i], depth+1)
		}
	}
	return cmp3(len(x) < len(y), len(x) > len(y)), true, nil
}

// contains is `item in container`; the result is a Bool or an Unknown.
func (in *Interp) contains(pos Pos, container, item Value) (Value, error) {
	if u := unknownOf(container); u != nil {
		return u, nil
	}
	if c, ok := container.(*Class); ok && c.enum != nil {
		return in.enumContains(pos, c, item), nil
	}
	container = plainOf(container)
	if _, ok := container.(Str); ok {
		item = plainOf(item)
	}
	switch c := container.(type) {
	case Str:
		if s, ok := item.(Str); ok {
			return Bool(strings.Contains(string(c), string(s))), nil
		}
		if u := unknownOf(item); u != nil {
			return u, nil
		}
		if _, ok := item.(*SymStr); ok {
			return UnknownAt(pos, "`in` with a str known only at deploy time"), nil
		}
		return nil, raise(pos, "TypeError", "'in <string>' requires string as left operand, not %s", item.TypeName())
	case *Dict:
		if u := unknownOf(item); u != nil {
			return u, nil
		}
		if _, err := hashKey(item); err != nil {
			return nil, at(err, pos)
		}
		_, ok := c.Get(item)
		return Bool(ok), nil
	case *Set:
		if u := unknownOf(item); u != nil {
			return u, nil
		}
		if _, err := hashKey(item); err != nil {
			return nil, at(err, pos)
		}
		return Bool(c.Has(item)), nil
	case *rangeValue:
		if u := unknownOf(item); u != nil {
			return u, nil
		}
		return Bool(c.has(item)), nil
	}
	hit, u, err := in.firstMatch(pos, container, func(v Value) (bool, *Unknown) {
		eq, known := in.equal(item, v, 0)
		if !known {
			return false, in.unknownCompare(pos, item, v)
		}
		return eq, nil
	})
	switch {
	case err != nil:
		return nil, err
	case hit:
		return Bool(true), nil
	case u != nil:
		return u, nil
	}
	return Bool(false), nil
}

// firstMatch walks v's items until match finds one, as any(), all() and `in` do. When
// none matches, u is the first item match could not decide, or the Unknown of v or of the
// rest of its items.
func (in *Interp) firstMatch(pos Pos, v Value, match func(Value) (bool, *Unknown)) (hit bool, u *Unknown, err error) {
	next, u, err := in.iter(pos, v)
	if err != nil || u != nil {
		return false, u, err
	}
	for {
		item, ok, err := next()
		if rest, isRest := err.(*unknownRest); isRest {
			return false, rest.u, nil
		}
		if err != nil || !ok {
			return false, u, err
		}
		if err := in.step(pos, 1); err != nil {
			return false, nil, err
		}
		found, unsure := match(item)
		if found {
			return true, nil, nil
		}
		if u == nil {
			u = unsure
		}
	}
}
