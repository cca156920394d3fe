package pyeval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Truth is Python's truth test. known is false when v is Unknown (or holds one).
func Truth(v Value) (b bool, known bool) {
	switch x := v.(type) {
	case NoneType:
		return false, true
	case Bool:
		return bool(x), true
	case Int:
		return x != 0, true
	case Float:
		return x != 0, true
	case Str:
		return x != "", true
	case Tuple:
		return len(x) > 0, true
	case *List:
		return len(x.Elems) > 0, true
	case *Dict:
		return x.Len() > 0, true
	case *Set:
		return x.Len() > 0, true
	case *Unknown:
		return false, false
	case *SymStr:
		return false, false
	case *Output:
		return true, true
	case *Instance:
		if x.plain != nil {
			return Truth(x.plain)
		}
	}
	return true, true
}

// Reprer lets a host value choose its repr().
type Reprer interface {
	Value
	Repr() string
}

// Repr is Python's repr() for values that have one; Unknown and host values get a readable
// stand-in.
func Repr(v Value) string {
	w := &reprWriter{maxNodes: maxReprNodes, maxLen: maxReprLen}
	w.write(v, 0)
	return w.b.String()
}

// reprWriter renders values with a budget: shared sub-values can make a value whose repr
// is exponentially long ((x, x) nested 60 times), so the walk stops after maxNodes values
// or maxLen bytes and writes "..." instead.
type reprWriter struct {
	b        strings.Builder
	nodes    int
	maxNodes int
	maxLen   int
	exceeded bool
	// unknown is set when the value holds something known only at deploy time.
	unknown bool
}

const (
	maxReprNodes = 100_000
	maxReprLen   = 1 << 20
)

// StrOf is Python's str(): a str is itself, everything else is its repr. (Str is the type.)
func StrOf(v Value) string {
	switch x := v.(type) {
	case Str:
		return string(x)
	case *SymStr:
		return x.T.String()
	}
	return Repr(v)
}

// maxReprDepth stops repr of deeply nested or self-containing values.
const maxReprDepth = 200

func (w *reprWriter) write(v Value, depth int) {
	b := &w.b
	w.nodes++
	if depth > maxReprDepth || w.nodes > w.maxNodes || b.Len() > w.maxLen {
		w.exceeded = w.exceeded || depth <= maxReprDepth
		b.WriteString("...")
		return
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("<nil>")
	case NoneType:
		b.WriteString("None")
	case Bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case Int:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case Float:
		b.WriteString(floatRepr(float64(x)))
	case Str:
		b.WriteString(strRepr(string(x)))
	case *SymStr:
		w.unknown = true
		b.WriteString(strRepr(x.T.String()))
	case Bytes:
		b.WriteString(bytesRepr(string(x)))
	case EllipsisType:
		b.WriteString("Ellipsis")
	case Tuple:
		b.WriteString("(")
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			w.write(e, depth+1)
		}
		if len(x) == 1 {
			b.WriteString(",")
		}
		b.WriteString(")")
	case *List:
		b.WriteString("[")
		for i, e := range x.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			w.write(e, depth+1)
		}
		b.WriteString("]")
	case *Dict:
		b.WriteString("{")
		for i, it := range x.Items() {
			if i > 0 {
				b.WriteString(", ")
			}
			w.write(it.Key, depth+1)
			b.WriteString(": ")
			w.write(it.Value, depth+1)
		}
		b.WriteString("}")
	case *Set:
		if x.Len() == 0 {
			b.WriteString("set()")
			return
		}
		b.WriteString("{")
		for i, e := range x.Elems() {
			if i > 0 {
				b.WriteString(", ")
			}
			w.write(e, depth+1)
		}
		b.WriteString("}")
	case *Unknown:
		w.unknown = true
		b.WriteString("<unknown: " + x.Reason + ">")
	case *Output:
		w.unknown = true
		b.WriteString("<Output " + x.T.String() + ">")
	case *Module:
		b.WriteString("<module '" + x.Name + "'>")
	case *Function:
		b.WriteString("<function " + x.Name + " at " + x.Pos.String() + ">")
	case *Instance:
		if name, ok := x.member(); ok {
			b.WriteString("<" + x.Class.Name + "." + name + ": ")
			v, _ := x.attrs.get("_value_")
			w.write(v, depth+1)
			b.WriteString(">")
			return
		}
		b.WriteString("<" + v.TypeName() + " object>")
	case *Class:
		if x.enum != nil {
			b.WriteString("<enum '" + x.Name + "'>")
			return
		}
		b.WriteString("<" + v.TypeName() + " object>")
	case Reprer:
		b.WriteString(x.Repr())
	default:
		b.WriteString("<" + v.TypeName() + " object>")
	}
}

// floatRepr formats like Python's repr(float): shortest digits, scientific outside
// 1e-4 <= |f| < 1e16.
func floatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// strRepr quotes like Python's repr(str).
func strRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case !unicode.IsPrint(r) && r != ' ':
			switch {
			case r <= 0xff:
				fmt.Fprintf(&b, `\x%02x`, r)
			case r <= 0xffff:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(quote)
	return b.String()
}

// bytesRepr quotes like Python's repr(bytes).
func bytesRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.WriteString("b")
	b.WriteByte(quote)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == quote || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(quote)
	return b.String()
}
