package pyast

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// str converts a string literal or an implicit concatenation of them.
func (c *conv) str(i int32) Expr {
	pieces := []int32{i}
	if c.node(i).kind == "concatenated_string" {
		pieces = c.named(i)
	}
	acc := strAcc{pos: c.pos(i)}
	for _, s := range pieces {
		if c.node(s).kind != "string" {
			c.fail(s, "invalid syntax: unexpected %s in a string", c.node(s).kind)
			continue
		}
		prefix, body := c.stringParts(s)
		if strings.ContainsAny(prefix, "tT") {
			c.fail(s, "template strings (t-strings) are not supported")
		}
		raw, bytesLit, fstr := acc.piece(prefix)
		for _, seg := range body {
			if seg.interp >= 0 {
				acc.field(c.interpolation(seg.interp, raw))
				continue
			}
			acc.text(seg.text, raw, bytesLit, fstr)
		}
	}
	e, mixed := acc.result()
	if mixed {
		c.fail(i, "cannot mix bytes and nonbytes literals")
	}
	return e
}

// strAcc builds the value of one string literal or implicit concatenation from its pieces,
// so both parsers give the same parts, positions and decoding.
type strAcc struct {
	pos                    Pos
	parts                  []Expr
	lit                    strings.Builder
	unsupported            string
	isF, isBytes, nonBytes bool
}

// piece starts one quoted piece and reports how its body is read.
func (a *strAcc) piece(prefix string) (raw, bytesLit, fstr bool) {
	raw = strings.ContainsAny(prefix, "rR")
	bytesLit = strings.ContainsAny(prefix, "bB")
	fstr = strings.ContainsAny(prefix, "fF")
	if bytesLit {
		a.isBytes = true
	} else {
		a.nonBytes = true
	}
	a.isF = a.isF || fstr
	return raw, bytesLit, fstr
}

// text adds literal body text, still escaped as in the source.
func (a *strAcc) text(s string, raw, bytesLit, fstr bool) {
	text, bad := decodeString(s, raw, bytesLit, fstr)
	if bad != "" && a.unsupported == "" {
		a.unsupported = bad
	}
	a.lit.WriteString(text)
}

// field adds an f-string replacement field.
func (a *strAcc) field(e Expr) {
	a.flush()
	a.parts = append(a.parts, e)
}

func (a *strAcc) flush() {
	if a.lit.Len() > 0 || a.unsupported != "" {
		a.parts = append(a.parts, &Str{Pos: a.pos, Value: a.lit.String(), Unsupported: a.unsupported})
		a.lit.Reset()
	}
}

// result is the finished literal; mixed reports bytes and str pieces joined, which Python
// refuses.
func (a *strAcc) result() (e Expr, mixed bool) {
	mixed = a.isBytes && a.nonBytes
	if a.isF {
		a.flush()
		return &FString{Pos: a.pos, Parts: a.parts}, mixed
	}
	if a.isBytes {
		return &Bytes{Pos: a.pos, Value: a.lit.String()}, mixed
	}
	return &Str{Pos: a.pos, Value: a.lit.String(), Unsupported: a.unsupported}, mixed
}

// segment is a literal piece of string body text, or an interpolation node (interp >= 0).
type segment struct {
	text   string
	interp int32
}

// stringParts returns a string node's prefix (r, b, f, ...) and its body split around
// interpolations. The body is taken from the source between the quotes, so escape
// sequences and doubled braces are decoded by us, not by the grammar.
func (c *conv) stringParts(s int32) (string, []segment) {
	var start, end int32 = -1, -1
	var interps []int32
	for _, k := range c.kids(s) {
		switch c.node(k).kind {
		case "string_start":
			start = k
		case "string_end":
			end = k
		case "interpolation":
			interps = append(interps, k)
		}
	}
	if start < 0 || end < 0 {
		c.fail(s, "unterminated string literal")
		return "", nil
	}
	st := c.text(start)
	prefix := strings.TrimRight(st, `'"`)
	var segs []segment
	at := c.node(start).end
	for _, k := range interps {
		n := c.node(k)
		if n.start > at {
			segs = append(segs, segment{text: string(c.src[at:n.start]), interp: -1})
		}
		segs = append(segs, segment{interp: k})
		at = n.end
	}
	// The body ends at the closing quote. tree-sitter's string_end token can start earlier:
	// in r'\\' it swallows the backslashes, which are body text.
	quote := uint32(len(st) - len(prefix))
	if e := c.node(end).end - quote; e > at {
		segs = append(segs, segment{text: string(c.src[at:e]), interp: -1})
	}
	return prefix, segs
}

// interpolation converts `{expr!conv:spec}` (also used for nested format_expression).
func (c *conv) interpolation(i int32, raw bool) Expr {
	fv := &FormattedValue{Pos: c.pos(i)}
	var exprs []int32
	var open uint32
	for _, k := range c.kids(i) {
		n := c.node(k)
		switch {
		case !n.named && n.kind == "{":
			open = n.end
		case !n.named && n.kind == "=":
			fv.Debug = string(c.src[open:n.end])
		case n.field == "expression":
			exprs = append(exprs, k)
		case n.field == "type_conversion":
			t := c.text(k)
			if len(t) == 2 && strings.ContainsRune("rsa", rune(t[1])) {
				fv.Conversion = rune(t[1])
			} else {
				c.fail(k, "f-string: invalid conversion character %q: expected 's', 'r', or 'a'", t)
			}
		case n.field == "format_specifier":
			fv.Spec = c.formatSpec(k, raw)
		}
	}
	if len(exprs) == 0 {
		c.fail(i, "f-string: valid expression required before '}'")
		fv.Value = &Const{Pos: fv.Pos, Value: "None"}
		return fv
	}
	fv.Value = c.exprOrTuple(exprs)
	return fv
}

// formatSpec converts the part after ':' in an interpolation: literal text and nested
// `{...}` fields.
func (c *conv) formatSpec(i int32, raw bool) *FString {
	spec := &FString{Pos: c.pos(i)}
	n := c.node(i)
	at := n.start
	for _, k := range c.kids(i) {
		kn := c.node(k)
		if !kn.named && kn.kind == ":" && kn.start == n.start {
			at = kn.end
			continue
		}
		if kn.kind != "format_expression" {
			continue
		}
		if kn.start > at {
			text, _ := decodeString(string(c.src[at:kn.start]), raw, false, true)
			spec.Parts = append(spec.Parts, &Str{Pos: spec.Pos, Value: text})
		}
		spec.Parts = append(spec.Parts, c.interpolation(k, raw))
		at = kn.end
	}
	if n.end > at {
		text, _ := decodeString(string(c.src[at:n.end]), raw, false, true)
		spec.Parts = append(spec.Parts, &Str{Pos: spec.Pos, Value: text})
	}
	return spec
}

// decodeString applies Python's escape rules to literal body text. It returns a reason when
// the text holds something we do not decode (\N{...} names), so the caller can refuse to
// guess the value.
func decodeString(s string, raw, bytesLit, fstr bool) (string, string) {
	if !strings.ContainsAny(s, `\{}`) {
		return s, ""
	}
	var b strings.Builder
	unsupported := ""
	for i := 0; i < len(s); {
		ch := s[i]
		if fstr && (ch == '{' || ch == '}') && i+1 < len(s) && s[i+1] == ch {
			b.WriteByte(ch)
			i += 2
			continue
		}
		if ch != '\\' || raw || i+1 >= len(s) {
			b.WriteByte(ch)
			i++
			continue
		}
		esc := s[i+1]
		i += 2
		switch esc {
		case '\n':
		case '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case '\\', '\'', '"':
			b.WriteByte(esc)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i - 1
			for j < len(s) && j < i+2 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i-1:j], 8, 32)
			writeCode(&b, rune(v), bytesLit)
			i = j
		case 'x':
			if v, ok := hexAt(s, i, 2); ok {
				writeCode(&b, rune(v), bytesLit)
				i += 2
			} else {
				b.WriteString(`\x`)
			}
		case 'u', 'U':
			width := 4
			if esc == 'U' {
				width = 8
			}
			if bytesLit {
				b.WriteByte('\\')
				b.WriteByte(esc)
			} else if v, ok := hexAt(s, i, width); ok && v <= utf8.MaxRune {
				b.WriteRune(rune(v))
				i += width
			} else {
				b.WriteByte('\\')
				b.WriteByte(esc)
			}
		case 'N':
			if bytesLit {
				b.WriteString(`\N`)
				break
			}
			end := strings.IndexByte(s[i:], '}')
			if i < len(s) && s[i] == '{' && end > 0 {
				if unsupported == "" {
					unsupported = "the string uses a \\N{" + s[i+1:i+end] + "} escape, which is not decoded"
				}
				i += end + 1
			} else {
				b.WriteString(`\N`)
			}
		default:
			b.WriteByte('\\')
			b.WriteByte(esc)
		}
	}
	return b.String(), unsupported
}

func hexAt(s string, i, width int) (uint64, bool) {
	if i+width > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+width], 16, 32)
	return v, err == nil
}

// writeCode writes a code point from an escape: a raw byte in bytes literals, UTF-8 in str.
func writeCode(b *strings.Builder, r rune, bytesLit bool) {
	if bytesLit {
		b.WriteByte(byte(r))
		return
	}
	b.WriteRune(r)
}
