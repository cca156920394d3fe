package pyeval

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// strOf is str(v) during evaluation: a Str, a SymStr, or an Unknown when the text is only
// known at deploy time.
func (in *Interp) strOf(pos Pos, v Value) Value {
	switch x := v.(type) {
	case Str, *SymStr, *Unknown:
		return x
	case *Output:
		return UnknownAt(pos, pulumiFormatReason)
	case *Instance:
		if name, ok := x.member(); ok {
			return in.enumStr(pos, x, name)
		}
		if e := x.excArgs(); e != nil {
			return in.strOf(pos, e)
		}
		return UnknownAt(pos, "str() of a %s object is not evaluated", x.Class.Name)
	case *Class:
		if x.enum != nil {
			return Str("<enum '" + x.Name + "'>")
		}
	case *ExcInstance:
		if x.Class.Name == "KeyError" && len(x.Args) == 1 {
			return Str(Repr(x.Args[0]))
		}
		return Str(excMessage(x.Args))
	}
	switch v.(type) {
	case NoneType, Bool, Int, Float, Bytes, Tuple, *List, *Dict, *Set, *rangeValue, EllipsisType, Reprer:
		w := &reprWriter{maxNodes: maxReprNodes, maxLen: in.opts.MaxCollection}
		w.write(v, 0)
		switch {
		case w.unknown:
			return UnknownAt(pos, "the text of a %s holding values known only at deploy time", v.TypeName())
		case w.exceeded:
			return UnknownAt(pos, "the text of this %s is larger than the evaluator builds (%d values or %d bytes)", v.TypeName(), maxReprNodes, in.opts.MaxCollection)
		}
		in.steps += int64(w.nodes / 16)
		return Str(w.b.String())
	}
	return UnknownAt(pos, "str() of a %s object is not known statically", v.TypeName())
}

// reprOf is repr(v) during evaluation.
func (in *Interp) reprOf(pos Pos, v Value) Value {
	switch x := v.(type) {
	case *Unknown:
		return x
	case *SymStr:
		return UnknownAt(pos, "repr() of a str known only at deploy time")
	case Str:
		return Str(Repr(x))
	case *ExcInstance:
		return Str(x.Repr())
	case *Instance:
		if name, ok := x.member(); ok {
			if ownMethod(x.Class, "__repr__") {
				return UnknownAt(pos, "repr() of %s.%s calls the enum's own __repr__, which is not evaluated", x.Class.Name, name)
			}
			return Str(Repr(x))
		}
		if e := x.excArgs(); e != nil {
			if _, ok := x.Class.lookup("__repr__"); !ok {
				return Str(x.Class.Name + strings.TrimPrefix(e.Repr(), e.Class.Name))
			}
		}
	}
	if s, ok := in.strOf(pos, v).(Str); ok {
		return s
	}
	return in.strOf(pos, v)
}

// textBuilder accumulates a str that may turn symbolic (a SymStr) or unknown.
type textBuilder struct {
	parts   Template
	unknown *Unknown
}

func (t *textBuilder) add(v Value) {
	if t.unknown != nil {
		return
	}
	switch x := v.(type) {
	case Str:
		t.parts = joinTemplates(t.parts, Template{{Text: string(x)}})
	case *SymStr:
		t.parts = joinTemplates(t.parts, x.T)
	case *Unknown:
		t.unknown = x
	}
}

func (t *textBuilder) value() Value {
	if t.unknown != nil {
		return t.unknown
	}
	for _, p := range t.parts {
		if p.Ref != nil {
			return &SymStr{T: t.parts}
		}
	}
	return Str(t.parts.String())
}

func (in *Interp) fstring(fr *frame, e *pyast.FString) (Value, error) {
	var tb textBuilder
	for _, p := range e.Parts {
		v, err := in.eval(fr, p)
		if err != nil {
			return nil, err
		}
		tb.add(v)
	}
	v := tb.value()
	if s, ok := v.(Str); ok {
		if err := in.allocStr(fr.pos(e), len(s)); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// formatted is one {value!conv:spec} of an f-string.
func (in *Interp) formatted(fr *frame, e *pyast.FormattedValue) (Value, error) {
	pos := fr.pos(e)
	v, err := in.eval(fr, e.Value)
	if err != nil {
		return nil, err
	}
	conv := e.Conversion
	if e.Debug != "" && conv == 0 && e.Spec == nil {
		conv = 'r'
	}
	spec := Value(Str(""))
	if e.Spec != nil {
		spec, err = in.fstring(fr, e.Spec)
		if err != nil {
			return nil, err
		}
	}
	out, err := in.convertAndFormat(pos, v, conv, spec)
	if err != nil {
		return nil, err
	}
	if e.Debug != "" {
		var tb textBuilder
		tb.add(Str(e.Debug))
		tb.add(out)
		return tb.value(), nil
	}
	return out, nil
}

func (in *Interp) convertAndFormat(pos Pos, v Value, conv rune, spec Value) (Value, error) {
	if _, ok := v.(*Output); ok {
		return UnknownAt(pos, pulumiFormatReason), nil
	}
	switch conv {
	case 's':
		v = in.strOf(pos, v)
	case 'r', 'a':
		v = in.reprOf(pos, v)
	}
	if u := unknownOf(v); u != nil {
		return u, nil
	}
	sp, ok := spec.(Str)
	if !ok {
		if u := unknownOf(spec); u != nil {
			return u, nil
		}
		return nil, raise(pos, "TypeError", "format() argument 2 must be str, not %s", spec.TypeName())
	}
	if sym, ok := v.(*SymStr); ok {
		if sp != "" {
			return UnknownAt(pos, "a format spec applied to a str known only at deploy time"), nil
		}
		return sym, nil
	}
	return in.formatValue(pos, v, string(sp))
}

// fmtSpec is a parsed format specification: [[fill]align][sign][z][#][0][width][,_][.prec][type].
type fmtSpec struct {
	fill      rune
	align     byte
	sign      byte
	alt       bool
	zero      bool
	width     int
	grouping  byte
	precision int // -1 when absent
	typ       byte
}

func parseSpec(pos Pos, s string) (fmtSpec, error) {
	sp := fmtSpec{fill: ' ', precision: -1}
	bad := raise(pos, "ValueError", "Invalid format specifier '%s'", s)
	r := []rune(s)
	i := 0
	isAlign := func(c rune) bool { return c == '<' || c == '>' || c == '^' || c == '=' }
	if len(r) >= 2 && isAlign(r[1]) {
		sp.fill, sp.align = r[0], byte(r[1])
		i = 2
	} else if len(r) >= 1 && isAlign(r[0]) {
		sp.align = byte(r[0])
		i = 1
	}
	if i < len(r) && (r[i] == '+' || r[i] == '-' || r[i] == ' ') {
		sp.sign = byte(r[i])
		i++
	}
	if i < len(r) && r[i] == 'z' {
		i++
	}
	if i < len(r) && r[i] == '#' {
		sp.alt = true
		i++
	}
	if i < len(r) && r[i] == '0' {
		sp.zero = true
		i++
	}
	start := i
	for i < len(r) && r[i] >= '0' && r[i] <= '9' {
		i++
	}
	if i > start {
		w, err := strconv.Atoi(string(r[start:i]))
		if err != nil || w > 100000 {
			return sp, bad
		}
		sp.width = w
	}
	if i < len(r) && (r[i] == ',' || r[i] == '_') {
		sp.grouping = byte(r[i])
		i++
	}
	if i < len(r) && r[i] == '.' {
		i++
		start = i
		for i < len(r) && r[i] >= '0' && r[i] <= '9' {
			i++
		}
		if i == start {
			return sp, raise(pos, "ValueError", "Format specifier missing precision")
		}
		p, err := strconv.Atoi(string(r[start:i]))
		if err != nil || p > 10000 {
			return sp, bad
		}
		sp.precision = p
	}
	if i < len(r) {
		if r[i] > 127 || i != len(r)-1 {
			return sp, bad
		}
		sp.typ = byte(r[i])
	}
	return sp, nil
}

// formatValue is format(v, spec) for the built-in types.
func (in *Interp) formatValue(pos Pos, v Value, spec string) (Value, error) {
	if m, ok := v.(*Instance); ok {
		if name, ok := m.member(); ok {
			return in.enumFormat(pos, m, name, spec)
		}
	}
	if spec == "" {
		return in.strOf(pos, v), nil
	}
	sp, err := parseSpec(pos, spec)
	if err != nil {
		return nil, err
	}
	var body string
	numericValue := true
	switch x := v.(type) {
	case Bool:
		if sp.typ == 0 || sp.typ == 's' {
			return in.formatValue(pos, Str(Repr(x)), spec)
		}
		return in.formatValue(pos, Int(map[bool]int64{false: 0, true: 1}[bool(x)]), spec)
	case Int:
		body, err = formatInt(pos, int64(x), &sp)
	case Float:
		body, err = formatFloat(pos, float64(x), &sp)
	case Str:
		numericValue = false
		if sp.typ != 0 && sp.typ != 's' {
			return nil, raise(pos, "ValueError", "Unknown format code '%c' for object of type 'str'", sp.typ)
		}
		if sp.sign != 0 {
			return nil, raise(pos, "ValueError", "Sign not allowed in string format specifier")
		}
		body = string(x)
		if sp.precision >= 0 && utf8.RuneCountInString(body) > sp.precision {
			body = string([]rune(body)[:sp.precision])
		}
	case *Unknown:
		return x, nil
	default:
		return nil, raise(pos, "TypeError", "unsupported format string passed to %s.__format__", v.TypeName())
	}
	if err != nil {
		return nil, err
	}
	out := pad(body, &sp, numericValue)
	if err := in.allocStr(pos, len(out)); err != nil {
		return nil, err
	}
	return Str(out), nil
}

func pad(body string, sp *fmtSpec, numericValue bool) string {
	n := utf8.RuneCountInString(body)
	if n >= sp.width {
		return body
	}
	align, fill := sp.align, sp.fill
	if sp.zero && align == 0 {
		align, fill = '=', '0'
	}
	if align == 0 {
		if numericValue {
			align = '>'
		} else {
			align = '<'
		}
	}
	gap := sp.width - n
	f := string(fill)
	switch align {
	case '<':
		return body + strings.Repeat(f, gap)
	case '^':
		return strings.Repeat(f, gap/2) + body + strings.Repeat(f, gap-gap/2)
	case '=':
		sign := ""
		if body != "" && strings.ContainsRune("+- ", rune(body[0])) {
			sign, body = body[:1], body[1:]
		}
		prefix := ""
		if len(body) > 1 && body[0] == '0' && strings.ContainsRune("xXoObB", rune(body[1])) {
			prefix, body = body[:2], body[2:]
		}
		return sign + prefix + strings.Repeat(f, gap) + body
	}
	return strings.Repeat(f, gap) + body
}

func signOf(neg bool, sign byte) string {
	switch {
	case neg:
		return "-"
	case sign == '+':
		return "+"
	case sign == ' ':
		return " "
	}
	return ""
}

func formatInt(pos Pos, x int64, sp *fmtSpec) (string, error) {
	switch sp.typ {
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return formatFloat(pos, float64(x), sp)
	case 'c':
		if x < 0 || x > utf8.MaxRune {
			return "", raise(pos, "OverflowError", "%%c arg not in range(0x110000)")
		}
		return string(rune(x)), nil
	}
	if sp.precision >= 0 {
		return "", raise(pos, "ValueError", "Precision not allowed in integer format specifier")
	}
	neg := x < 0
	u := uint64(x)
	if neg {
		u = uint64(-x)
	}
	var digits, prefix string
	groupEvery := 3
	switch sp.typ {
	case 0, 'd', 'n':
		digits = strconv.FormatUint(u, 10)
	case 'x':
		digits, prefix, groupEvery = strconv.FormatUint(u, 16), "0x", 4
	case 'X':
		digits, prefix, groupEvery = strings.ToUpper(strconv.FormatUint(u, 16)), "0X", 4
	case 'o':
		digits, prefix, groupEvery = strconv.FormatUint(u, 8), "0o", 4
	case 'b':
		digits, prefix, groupEvery = strconv.FormatUint(u, 2), "0b", 4
	default:
		return "", raise(pos, "ValueError", "Unknown format code '%c' for object of type 'int'", sp.typ)
	}
	if sp.grouping != 0 {
		digits = group(digits, groupEvery, sp.grouping)
	}
	if !sp.alt {
		prefix = ""
	}
	return signOf(neg, sp.sign) + prefix + digits, nil
}

// group inserts sep every n digits from the right.
func group(digits string, n int, sep byte) string {
	if len(digits) <= n {
		return digits
	}
	var b strings.Builder
	first := len(digits) % n
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for i := first; i < len(digits); i += n {
		if b.Len() > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(digits[i : i+n])
	}
	return b.String()
}

func formatFloat(pos Pos, x float64, sp *fmtSpec) (string, error) {
	neg := math.Signbit(x) && !math.IsNaN(x)
	a := math.Abs(x)
	prec := sp.precision
	var s string
	switch {
	case math.IsInf(a, 0):
		s = "inf"
	case math.IsNaN(a):
		s = "nan"
	}
	if s != "" {
		if sp.typ == 'E' || sp.typ == 'F' || sp.typ == 'G' {
			s = strings.ToUpper(s)
		}
		if sp.typ == '%' {
			s += "%"
		}
		return signOf(neg, sp.sign) + s, nil
	}
	switch sp.typ {
	case 'f', 'F':
		if prec < 0 {
			prec = 6
		}
		s = strconv.FormatFloat(a, 'f', prec, 64)
	case '%':
		if prec < 0 {
			prec = 6
		}
		s = strconv.FormatFloat(a*100, 'f', prec, 64) + "%"
	case 'e', 'E':
		if prec < 0 {
			prec = 6
		}
		s = strconv.FormatFloat(a, 'e', prec, 64)
		if sp.typ == 'E' {
			s = strings.ToUpper(s)
		}
	case 'g', 'G', 'n':
		if prec < 0 {
			prec = 6
		}
		if prec == 0 {
			prec = 1
		}
		s = strconv.FormatFloat(a, 'g', prec, 64)
		if sp.alt && !strings.ContainsAny(s, ".e") {
			s += "."
		}
		if sp.typ == 'G' {
			s = strings.ToUpper(s)
		}
	case 0:
		if prec < 0 {
			s = floatRepr(a)
		} else {
			if prec == 0 {
				prec = 1
			}
			s = strconv.FormatFloat(a, 'g', prec, 64)
			if !strings.ContainsAny(s, ".e") {
				s += ".0"
			}
		}
	default:
		return "", raise(pos, "ValueError", "Unknown format code '%c' for object of type 'float'", sp.typ)
	}
	if sp.grouping != 0 {
		intPart, rest := s, ""
		if i := strings.IndexAny(s, ".e%"); i >= 0 {
			intPart, rest = s[:i], s[i:]
		}
		s = group(intPart, 3, sp.grouping) + rest
	}
	return signOf(neg, sp.sign) + s, nil
}

// percentFormat is `fmt % args` (printf-style).
func (in *Interp) percentFormat(pos Pos, format string, args Value) (Value, error) {
	var list []Value
	var mapping *Dict
	switch a := args.(type) {
	case Tuple:
		list = a
	case *Dict:
		mapping = a
		list = []Value{a}
	case *Unknown:
		return a, nil
	default:
		list = []Value{a}
	}
	var tb textBuilder
	argi := 0
	next := func() (Value, error) {
		if argi >= len(list) {
			return nil, raise(pos, "TypeError", "not enough arguments for format string")
		}
		argi++
		return list[argi-1], nil
	}
	usedMapping := false
	for i := 0; i < len(format); {
		c := format[i]
		if c != '%' {
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				j = len(format) - i
			}
			tb.add(Str(format[i : i+j]))
			i += j
			continue
		}
		i++
		if i >= len(format) {
			return nil, raise(pos, "ValueError", "incomplete format")
		}
		var arg Value
		if format[i] == '(' {
			end := strings.IndexByte(format[i:], ')')
			if end < 0 {
				return nil, raise(pos, "ValueError", "incomplete format key")
			}
			if mapping == nil {
				return nil, raise(pos, "TypeError", "format requires a mapping")
			}
			key := format[i+1 : i+end]
			v, ok := mapping.GetStr(key)
			if !ok {
				return nil, in.keyError(pos, Str(key))
			}
			arg = v
			usedMapping = true
			i += end + 1
		}
		sp := fmtSpec{fill: ' ', precision: -1}
		for i < len(format) && strings.IndexByte("-+ #0", format[i]) >= 0 {
			switch format[i] {
			case '-':
				sp.align = '<'
			case '+':
				sp.sign = '+'
			case ' ':
				if sp.sign == 0 {
					sp.sign = ' '
				}
			case '#':
				sp.alt = true
			case '0':
				sp.zero = true
			}
			i++
		}
		readNum := func() (int, error) {
			if i < len(format) && format[i] == '*' {
				i++
				v, err := next()
				if err != nil {
					return 0, err
				}
				n, _, isInt, ok := numeric(v)
				if !ok || !isInt || n > 100000 {
					return 0, raise(pos, "TypeError", "* wants int")
				}
				return int(n), nil
			}
			start := i
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
			if i == start {
				return -1, nil
			}
			n, err := strconv.Atoi(format[start:i])
			if err != nil || n > 100000 {
				return 0, raise(pos, "ValueError", "width or precision too large")
			}
			return n, nil
		}
		w, err := readNum()
		if err != nil {
			return nil, err
		}
		if w > 0 {
			sp.width = w
		}
		if i < len(format) && format[i] == '.' {
			i++
			p, err := readNum()
			if err != nil {
				return nil, err
			}
			if p < 0 {
				p = 0
			}
			sp.precision = p
		}
		for i < len(format) && strings.IndexByte("hlL", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			return nil, raise(pos, "ValueError", "incomplete format")
		}
		conv := format[i]
		i++
		if conv == '%' {
			tb.add(Str("%"))
			continue
		}
		if arg == nil {
			if arg, err = next(); err != nil {
				return nil, err
			}
		}
		out, err := in.percentOne(pos, conv, arg, sp)
		if err != nil {
			return nil, err
		}
		tb.add(out)
	}
	if mapping == nil && argi < len(list) {
		return nil, raise(pos, "TypeError", "not all arguments converted during string formatting")
	}
	_ = usedMapping
	return tb.value(), nil
}

func (in *Interp) percentOne(pos Pos, conv byte, arg Value, sp fmtSpec) (Value, error) {
	if u := unknownOf(arg); u != nil {
		return u, nil
	}
	if _, ok := arg.(*Output); ok {
		return UnknownAt(pos, pulumiFormatReason), nil
	}
	switch conv {
	case 's', 'r', 'a':
		var s Value
		if conv == 's' {
			s = in.strOf(pos, arg)
		} else {
			s = in.reprOf(pos, arg)
		}
		if sym, ok := s.(*SymStr); ok {
			if sp.width > 0 || sp.precision >= 0 {
				return UnknownAt(pos, "padding a str known only at deploy time"), nil
			}
			return sym, nil
		}
		str, ok := s.(Str)
		if !ok {
			return s, nil
		}
		sp.typ = 's'
		sp.sign, sp.zero = 0, false
		return in.formatValue(pos, str, specString(sp))
	case 'd', 'i', 'u':
		i, f, isInt, ok := numeric(arg)
		if !ok {
			return nil, raise(pos, "TypeError", "%%%c format: a real number is required, not %s", conv, arg.TypeName())
		}
		if !isInt {
			i = int64(math.Trunc(f))
		}
		sp.typ = 'd'
		sp.precision = -1
		return in.formatValue(pos, Int(i), specString(sp))
	case 'x', 'X', 'o':
		i, _, isInt, ok := numeric(arg)
		if !ok || !isInt {
			return nil, raise(pos, "TypeError", "%%%c format: an integer is required, not %s", conv, arg.TypeName())
		}
		sp.typ = conv
		sp.precision = -1
		return in.formatValue(pos, Int(i), specString(sp))
	case 'e', 'E', 'f', 'F', 'g', 'G':
		_, f, _, ok := numeric(arg)
		if !ok {
			return nil, raise(pos, "TypeError", "must be real number, not %s", arg.TypeName())
		}
		sp.typ = conv
		return in.formatValue(pos, Float(f), specString(sp))
	case 'c':
		switch a := arg.(type) {
		case Str:
			if utf8.RuneCountInString(string(a)) != 1 {
				return nil, raise(pos, "TypeError", "%%c requires an int or a unicode character, not a string of length %d", utf8.RuneCountInString(string(a)))
			}
			return a, nil
		case Int:
			if a < 0 || a > utf8.MaxRune {
				return nil, raise(pos, "OverflowError", "%%c arg not in range(0x110000)")
			}
			return Str(string(rune(a))), nil
		}
		return nil, raise(pos, "TypeError", "%%c requires an int or a unicode character, not %s", arg.TypeName())
	}
	return nil, raise(pos, "ValueError", "unsupported format character '%c'", conv)
}

// specString renders a fmtSpec back to format-spec text for formatValue.
func specString(sp fmtSpec) string {
	var b strings.Builder
	if sp.align != 0 {
		b.WriteRune(sp.fill)
		b.WriteByte(sp.align)
	}
	if sp.sign != 0 {
		b.WriteByte(sp.sign)
	}
	if sp.alt {
		b.WriteByte('#')
	}
	if sp.zero {
		b.WriteByte('0')
	}
	if sp.width > 0 {
		b.WriteString(strconv.Itoa(sp.width))
	}
	if sp.precision >= 0 {
		b.WriteString("." + strconv.Itoa(sp.precision))
	}
	if sp.typ != 0 {
		b.WriteByte(sp.typ)
	}
	return b.String()
}

// strFormat is str.format(*args, **kwargs).
func (in *Interp) strFormat(pos Pos, format string, args Args, depth int) (Value, error) {
	if depth > 2 {
		return nil, raise(pos, "ValueError", "Max string recursion exceeded")
	}
	var tb textBuilder
	auto := 0
	manual := false
	for i := 0; i < len(format); {
		c := format[i]
		if c == '}' {
			if i+1 < len(format) && format[i+1] == '}' {
				tb.add(Str("}"))
				i += 2
				continue
			}
			return nil, raise(pos, "ValueError", "Single '}' encountered in format string")
		}
		if c != '{' {
			j := strings.IndexAny(format[i:], "{}")
			if j < 0 {
				j = len(format) - i
			}
			tb.add(Str(format[i : i+j]))
			i += j
			continue
		}
		if i+1 < len(format) && format[i+1] == '{' {
			tb.add(Str("{"))
			i += 2
			continue
		}
		// find the matching close brace, allowing one level of nesting in the spec
		level, j := 1, i+1
		for ; j < len(format) && level > 0; j++ {
			switch format[j] {
			case '{':
				level++
			case '}':
				level--
			}
		}
		if level != 0 {
			return nil, raise(pos, "ValueError", "expected '}' before end of string")
		}
		field := format[i+1 : j-1]
		i = j
		name, conv, spec := field, rune(0), ""
		if k := strings.IndexAny(name, "!:"); k >= 0 {
			rest := name[k:]
			name = name[:k]
			if rest[0] == '!' {
				if len(rest) < 2 {
					return nil, raise(pos, "ValueError", "end of string while looking for conversion specifier")
				}
				conv = rune(rest[1])
				rest = rest[2:]
				if rest != "" && rest[0] != ':' {
					return nil, raise(pos, "ValueError", "expected ':' after conversion specifier")
				}
			}
			if rest != "" {
				spec = rest[1:]
			}
		}
		v, err := in.formatField(pos, name, args, &auto, &manual)
		if err != nil {
			return nil, err
		}
		specV := Value(Str(spec))
		if strings.ContainsRune(spec, '{') {
			specV, err = in.strFormat(pos, spec, args, depth+1)
			if err != nil {
				return nil, err
			}
		}
		if conv != 0 && conv != 's' && conv != 'r' && conv != 'a' {
			return nil, raise(pos, "ValueError", "Unknown conversion specifier %c", conv)
		}
		out, err := in.convertAndFormat(pos, v, conv, specV)
		if err != nil {
			return nil, err
		}
		tb.add(out)
	}
	return tb.value(), nil
}

// formatField resolves "0", "", "name", "0.attr", "name[key]" in str.format.
func (in *Interp) formatField(pos Pos, field string, args Args, auto *int, manual *bool) (Value, error) {
	head := field
	k := strings.IndexAny(field, ".[")
	if k >= 0 {
		head = field[:k]
	}
	var v Value
	switch {
	case head == "":
		if *manual {
			return nil, raise(pos, "ValueError", "cannot switch from manual field specification to automatic field numbering")
		}
		if *auto >= len(args.Positional) {
			return nil, raise(pos, "IndexError", "Replacement index %d out of range for positional args tuple", *auto)
		}
		v = args.Positional[*auto]
		*auto++
	case head[0] >= '0' && head[0] <= '9':
		n, err := strconv.Atoi(head)
		if err != nil {
			return nil, raise(pos, "ValueError", "invalid field name %q", head)
		}
		*manual = true
		if n >= len(args.Positional) {
			return nil, raise(pos, "IndexError", "Replacement index %d out of range for positional args tuple", n)
		}
		v = args.Positional[n]
	default:
		kv, ok := args.Kw(head)
		if !ok {
			return nil, in.keyError(pos, Str(head))
		}
		v = kv
	}
	rest := ""
	if k >= 0 {
		rest = field[k:]
	}
	for rest != "" {
		var err error
		switch rest[0] {
		case '.':
			end := strings.IndexAny(rest[1:], ".[")
			name := rest[1:]
			if end >= 0 {
				name = rest[1 : end+1]
			}
			rest = rest[1+len(name):]
			v, err = in.getattr(pos, v, name)
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, raise(pos, "ValueError", "Missing ']' in format string")
			}
			key := rest[1:end]
			rest = rest[end+1:]
			var kv Value = Str(key)
			if n, convErr := strconv.Atoi(key); convErr == nil {
				kv = Int(n)
			}
			v, err = in.getitem(pos, v, kv)
		default:
			return nil, raise(pos, "ValueError", "Only '.' or '[' may follow ']' in format field specifier")
		}
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}
