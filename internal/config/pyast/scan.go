package pyast

// The direct parser's tokenizer. It follows Python's tokenizer for the forms app code
// uses and gives up on anything else (tabs in indentation, non-ASCII names, nested
// f-string quotes, ...): the file then goes to tree-sitter, which reads all of Python and
// words the errors. Giving up is never an error here, only a missed shortcut.

type tokKind uint8

const (
	tEOF tokKind = iota
	tNewline
	tIndent
	tDedent
	tName
	tNumber
	tString
	tOp // operators, punctuation and keywords; code says which
)

type token struct {
	kind  tokKind
	code  opCode
	start int32
	end   int32
	// aux is, for a string, the index of its f-string layout (or -1); for a number, 1
	// when the literal is a float.
	aux int32
}

type opCode uint8

const (
	opNone opCode = iota
	opLParen
	opRParen
	opLBrack
	opRBrack
	opLBrace
	opRBrace
	opComma
	opColon
	opDot
	opSemi
	opAt
	opAssign
	opArrow
	opWalrus
	opEllipsis
	opAug // +=, -=, ... (the text says which)
	opPlus
	opMinus
	opStar
	opDStar
	opSlash
	opDSlash
	opPercent
	opPipe
	opAmp
	opCaret
	opLShift
	opRShift
	opTilde
	opLT
	opGT
	opLE
	opGE
	opEQ
	opNE

	kwFalse
	kwNone
	kwTrue
	kwAnd
	kwAs
	kwAssert
	kwAsync
	kwAwait
	kwBreak
	kwClass
	kwContinue
	kwDef
	kwDel
	kwElif
	kwElse
	kwExcept
	kwFinally
	kwFor
	kwFrom
	kwGlobal
	kwIf
	kwImport
	kwIn
	kwIs
	kwLambda
	kwNonlocal
	kwNot
	kwOr
	kwPass
	kwRaise
	kwReturn
	kwTry
	kwWhile
	kwWith
	kwYield
)

// opText is the source text of each operator code that the AST records as a string.
var opText = [...]string{
	opAt: "@", opPlus: "+", opMinus: "-", opStar: "*", opDStar: "**", opSlash: "/",
	opDSlash: "//", opPercent: "%", opPipe: "|", opAmp: "&", opCaret: "^", opLShift: "<<",
	opRShift: ">>", opTilde: "~", opLT: "<", opGT: ">", opLE: "<=", opGE: ">=", opEQ: "==",
	opNE: "!=",
}

var keywords = map[string]opCode{
	"False": kwFalse, "None": kwNone, "True": kwTrue, "and": kwAnd, "as": kwAs,
	"assert": kwAssert, "async": kwAsync, "await": kwAwait, "break": kwBreak,
	"class": kwClass, "continue": kwContinue, "def": kwDef, "del": kwDel, "elif": kwElif,
	"else": kwElse, "except": kwExcept, "finally": kwFinally, "for": kwFor, "from": kwFrom,
	"global": kwGlobal, "if": kwIf, "import": kwImport, "in": kwIn, "is": kwIs,
	"lambda": kwLambda, "nonlocal": kwNonlocal, "not": kwNot, "or": kwOr, "pass": kwPass,
	"raise": kwRaise, "return": kwReturn, "try": kwTry, "while": kwWhile, "with": kwWith,
	"yield": kwYield,
}

// fstring is the layout of one f-string piece: literal text runs and replacement fields.
type fstring struct{ parts []fpart }

// fpart is literal text src[start:end] (still escaped) when field < 0, else a field.
type fpart struct {
	start, end int32
	field      int32
}

// ffield is one `{expr=!c:spec}`; offsets are into the file.
type ffield struct {
	open               int32
	exprStart, exprEnd int32
	debugEnd           int32 // > 0 when `=` follows the expression: the end of the `=`
	conv               byte
	colon              int32 // >= 0 when a format spec follows
	spec               []fpart
}

type scanner struct {
	src    []byte
	pos    int
	end    int
	depth  int // bracket nesting
	toks   []token
	fstrs  []fstring
	fields []ffield
	ok     bool
}

// scanModule tokenizes a whole file: NEWLINE, INDENT and DEDENT as Python's tokenizer
// makes them. ok is false when the file holds something the direct parser leaves alone.
func scanModule(src []byte) (s *scanner, ok bool) {
	s = &scanner{src: src, end: len(src), ok: true, toks: make([]token, 0, len(src)/3+16)}
	indents := []int{0}
	lineStart := true
	for s.ok {
		if lineStart && s.depth == 0 {
			i, col := s.pos, 0
			for i < s.end && src[i] == ' ' {
				i++
				col++
			}
			if i < s.end && src[i] == '#' {
				i = s.skipComment(i)
			}
			if i >= s.end {
				s.pos = i
				break
			}
			switch src[i] {
			case '\n':
				s.pos = i + 1
				continue
			case '\r':
				if i+1 < s.end && src[i+1] == '\n' {
					s.pos = i + 2
					continue
				}
				return s, false
			case '\t', '\f', '\\':
				return s, false
			}
			top := indents[len(indents)-1]
			if col > top {
				indents = append(indents, col)
				top = col
				s.emit(tIndent, opNone, i, i)
			}
			for col < top {
				indents = indents[:len(indents)-1]
				top = indents[len(indents)-1]
				s.emit(tDedent, opNone, i, i)
			}
			if col != top {
				return s, false
			}
			s.pos = i
			lineStart = false
		}
		nl, more := s.next()
		if !more {
			break
		}
		if nl && s.depth == 0 {
			lineStart = true
		}
	}
	if !s.ok || s.depth != 0 {
		return s, false
	}
	if !lineStart {
		s.emit(tNewline, opNone, s.end, s.end)
	}
	for len(indents) > 1 {
		indents = indents[:len(indents)-1]
		s.emit(tDedent, opNone, s.end, s.end)
	}
	s.emit(tEOF, opNone, s.end, s.end)
	return s, true
}

// scanRange tokenizes src[start:end] as if inside brackets (an f-string field): no
// NEWLINE, INDENT or DEDENT tokens. The tokens go to a fresh slice; the f-string tables
// are shared with s.
func (s *scanner) scanRange(start, end int) ([]token, bool) {
	sub := &scanner{src: s.src, pos: start, end: end, depth: 1, ok: true, fstrs: s.fstrs, fields: s.fields}
	for sub.ok {
		nl, more := sub.next()
		if !more || nl {
			break
		}
	}
	s.fstrs, s.fields = sub.fstrs, sub.fields
	if !sub.ok || sub.depth != 1 || sub.pos < end {
		return nil, false
	}
	sub.emit(tEOF, opNone, end, end)
	return sub.toks, true
}

func (s *scanner) emit(kind tokKind, code opCode, start, end int) {
	s.toks = append(s.toks, token{kind: kind, code: code, start: int32(start), end: int32(end), aux: -1})
}

func (s *scanner) fail() bool {
	s.ok = false
	return false
}

// skipComment returns the offset of the line end after a comment at i.
func (s *scanner) skipComment(i int) int {
	for i < s.end && s.src[i] != '\n' && s.src[i] != '\r' {
		i++
	}
	return i
}

// next reads one token inside a logical line. nl reports a line end (a NEWLINE token
// when outside brackets); more is false at the end of input or on failure.
func (s *scanner) next() (nl, more bool) {
	src := s.src
	i := s.pos
	for i < s.end && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i < s.end && src[i] == '#' {
		i = s.skipComment(i)
	}
	s.pos = i
	if i >= s.end {
		return false, false
	}
	c := src[i]
	switch {
	case c == '\n' || c == '\r':
		n := 1
		if c == '\r' {
			if i+1 >= s.end || src[i+1] != '\n' {
				return false, s.fail()
			}
			n = 2
		}
		if s.depth == 0 {
			s.emit(tNewline, opNone, i, i)
		}
		s.pos = i + n
		return true, true
	case c == '\\':
		switch {
		case i+1 < s.end && src[i+1] == '\n':
			s.pos = i + 2
		case i+2 < s.end && src[i+1] == '\r' && src[i+2] == '\n':
			s.pos = i + 3
		default:
			return false, s.fail()
		}
		if s.pos >= s.end {
			return false, s.fail() // a continuation into the end of the file: Python's "unexpected EOF"
		}
		return false, true
	case isIdentStart(c):
		j := i + 1
		for j < s.end && isIdentChar(src[j]) {
			j++
		}
		if j < s.end && (src[j] == '"' || src[j] == '\'') && j-i <= 2 {
			return false, s.scanString(i, j)
		}
		if kw, isKw := keywords[string(src[i:j])]; isKw {
			s.emit(tOp, kw, i, j)
		} else {
			s.emit(tName, opNone, i, j)
		}
		s.pos = j
		return false, true
	case isDigit(c) || c == '.' && i+1 < s.end && isDigit(src[i+1]):
		return false, s.scanNumber(i)
	case c == '"' || c == '\'':
		return false, s.scanString(i, i)
	}
	return false, s.scanOp(i)
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// oneCharOp and twoCharOp give the code of an operator by its first character; twoCharOp
// applies when the second character is sameOrEq's entry for it.
var oneCharOp = [256]opCode{
	'(': opLParen, ')': opRParen, '[': opLBrack, ']': opRBrack, '{': opLBrace, '}': opRBrace,
	',': opComma, ';': opSemi, '~': opTilde, '.': opDot, ':': opColon, '=': opAssign,
	'-': opMinus, '<': opLT, '>': opGT, '*': opStar, '/': opSlash, '+': opPlus,
	'%': opPercent, '|': opPipe, '&': opAmp, '^': opCaret, '@': opAt,
}

func pair(a, b byte) uint16 { return uint16(a)<<8 | uint16(b) }

// twoCharOp maps a two-character operator's text to its code.
func twoCharOp(c, c1 byte) opCode {
	switch pair(c, c1) {
	case pair(':', '='):
		return opWalrus
	case pair('=', '='):
		return opEQ
	case pair('!', '='):
		return opNE
	case pair('-', '>'):
		return opArrow
	case pair('<', '='):
		return opLE
	case pair('>', '='):
		return opGE
	case pair('<', '<'):
		return opLShift
	case pair('>', '>'):
		return opRShift
	case pair('*', '*'):
		return opDStar
	case pair('/', '/'):
		return opDSlash
	}
	return opNone
}

func (s *scanner) scanOp(i int) bool {
	src := s.src
	at := func(k int) byte {
		if i+k < s.end {
			return src[i+k]
		}
		return 0
	}
	n, code := 1, oneCharOp[src[i]]
	if two := twoCharOp(src[i], at(1)); two != opNone {
		n, code = 2, two
	} else if src[i] == '.' && at(1) == '.' && at(2) == '.' {
		n, code = 3, opEllipsis
	}
	switch code {
	case opNone:
		return s.fail()
	case opLParen, opLBrack, opLBrace:
		s.depth++
	case opRParen, opRBrack, opRBrace:
		if s.depth == 0 {
			return s.fail()
		}
		s.depth--
	}
	// Augmented assignment: a binary operator directly followed by '='.
	if at(n) == '=' && isAugmentable(code) {
		n, code = n+1, opAug
	}
	s.emit(tOp, code, i, i+n)
	s.pos = i + n
	return true
}

func isAugmentable(code opCode) bool {
	switch code {
	case opPlus, opMinus, opStar, opDStar, opSlash, opDSlash, opPercent, opPipe, opAmp,
		opCaret, opLShift, opRShift, opAt:
		return true
	}
	return false
}

// scanNumber reads a number literal the way Python's tokenizer does, and gives up on the
// forms it would reject or warn about (a letter right after the number, `1..x`).
func (s *scanner) scanNumber(i int) bool {
	src := s.src
	start := i
	digits := func(i int, ok func(byte) bool) (int, bool) {
		if i >= s.end || !ok(src[i]) {
			return i, false
		}
		for i < s.end {
			switch {
			case ok(src[i]):
				i++
			case src[i] == '_' && i+1 < s.end && ok(src[i+1]):
				i += 2
			default:
				return i, true
			}
		}
		return i, true
	}
	isFloat := false
	var good bool
	if src[i] == '0' && i+1 < s.end && strchr("xXoObB", src[i+1]) {
		base := isBin
		switch src[i+1] | 0x20 {
		case 'x':
			base = isHex
		case 'o':
			base = isOct
		}
		i += 2
		if i+1 < s.end && src[i] == '_' && base(src[i+1]) {
			i++ // 0x_FF
		}
		if i, good = digits(i, base); !good {
			return s.fail()
		}
	} else {
		if isDigit(src[i]) {
			i, _ = digits(i, isDigit)
		}
		if i < s.end && src[i] == '.' {
			isFloat = true
			i++
			if i < s.end && isDigit(src[i]) {
				i, _ = digits(i, isDigit)
			}
		}
		if i < s.end && (src[i] == 'e' || src[i] == 'E') {
			isFloat = true
			i++
			if i < s.end && (src[i] == '+' || src[i] == '-') {
				i++
			}
			if i, good = digits(i, isDigit); !good {
				return s.fail()
			}
		}
		if i < s.end && (src[i] == 'j' || src[i] == 'J') {
			i++
		}
	}
	if i < s.end && (isIdentChar(src[i]) || src[i] == '.') {
		return s.fail()
	}
	s.emit(tNumber, opNone, start, i)
	if isFloat {
		s.toks[len(s.toks)-1].aux = 1
	}
	s.pos = i
	return true
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isOct(c byte) bool { return c >= '0' && c <= '7' }
func isBin(c byte) bool { return c == '0' || c == '1' }

func strchr(set string, c byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}

// stringPrefix checks a string prefix; t-strings, `ur` and the like are left to tree-sitter.
func stringPrefix(p []byte) (raw, bytesLit, fstr, ok bool) {
	var lower [2]byte
	for i, c := range p {
		lower[i] = c | 0x20
	}
	prefix := string(lower[:len(p)])
	raw = strchr(prefix, 'r')
	switch prefix {
	case "", "r", "u":
		return raw, false, false, true
	case "b", "br", "rb":
		return raw, true, false, true
	case "f", "fr", "rf":
		return raw, false, true, true
	}
	return false, false, false, false
}

// validEscape reports whether the direct parser reads the escape at i: `\x` takes two hex
// digits, and in str literals `\u` four and `\U` eight, as Python has them; `\N{name}`
// is left to tree-sitter.
func (s *scanner) validEscape(i int, bytesLit bool) bool {
	if i+1 >= s.end {
		return false
	}
	hex := func(n int) bool {
		for k := i + 2; k < i+2+n; k++ {
			if k >= s.end || !isHex(s.src[k]) {
				return false
			}
		}
		return true
	}
	switch s.src[i+1] {
	case 'x':
		return hex(2)
	case 'u', 'U', 'N':
		if bytesLit {
			// Not escapes in bytes, but tree-sitter reads them as escapes, even past a
			// closing quote (b"\u"): such rare literals are left to tree-sitter's path.
			return false
		}
	}
	switch s.src[i+1] {
	case 'u':
		return hex(4)
	case 'U':
		return hex(8)
	case 'N':
		// Whether a character name exists needs Unicode's name table; tree-sitter's path
		// reads these and marks their value unsupported.
		return false
	}
	return true
}

// scanString reads one string literal whose prefix starts at p and whose quote is at q.
func (s *scanner) scanString(p, q int) bool {
	raw, bytesLit, fstr, ok := stringPrefix(s.src[p:q])
	if !ok {
		return s.fail()
	}
	quote := s.src[q]
	triple := q+2 < s.end && s.src[q+1] == quote && s.src[q+2] == quote
	body := q + 1
	if triple {
		body = q + 3
	}
	var end int
	aux := int32(-1)
	if fstr {
		var parts []fpart
		if end, parts, ok = s.scanFString(body, quote, triple, raw); ok {
			aux = int32(len(s.fstrs))
			s.fstrs = append(s.fstrs, fstring{parts: parts})
		}
	} else {
		end, ok = s.skipString(body, quote, triple, raw, bytesLit)
	}
	if !ok {
		return s.fail()
	}
	s.emit(tString, opNone, p, end)
	s.toks[len(s.toks)-1].aux = aux
	s.pos = end
	return true
}

// closes reports whether the quote at i ends the string, and where the literal ends.
func (s *scanner) closes(i int, quote byte, triple bool) (int, bool) {
	if !triple {
		return i + 1, true
	}
	if i+2 < s.end && s.src[i+1] == quote && s.src[i+2] == quote {
		return i + 3, true
	}
	return 0, false
}

// escape skips a backslash escape at i and returns the offset after it.
func (s *scanner) escape(i int) int {
	if i+2 < s.end && s.src[i+1] == '\r' && s.src[i+2] == '\n' {
		return i + 3
	}
	return i + 2
}

func (s *scanner) skipString(i int, quote byte, triple, raw, bytesLit bool) (int, bool) {
	src := s.src
	for i < s.end {
		c := src[i]
		switch {
		case c == '\\':
			if !raw && !s.validEscape(i, bytesLit) {
				return 0, false
			}
			i = s.escape(i)
		case c == quote:
			if end, ok := s.closes(i, quote, triple); ok {
				return end, true
			}
			i++
		case c == '\n' || c == '\r':
			if !triple {
				return 0, false
			}
			i++
		case c >= 0x80 && bytesLit:
			return 0, false
		default:
			i++
		}
	}
	return 0, false
}

// scanFString reads an f-string body from i up to its closing quote.
func (s *scanner) scanFString(i int, quote byte, triple, raw bool) (int, []fpart, bool) {
	src := s.src
	var parts []fpart
	text := i
	addText := func(end int) {
		if end > text {
			parts = append(parts, fpart{start: int32(text), end: int32(end), field: -1})
		}
	}
	for i < s.end {
		c := src[i]
		switch {
		case c == '\\':
			if i+1 < s.end && strchr("{}N", src[i+1]) || !raw && !s.validEscape(i, false) {
				return 0, nil, false
			}
			i = s.escape(i)
		case c == quote:
			if end, ok := s.closes(i, quote, triple); ok {
				addText(i)
				return end, parts, true
			}
			i++
		case c == '\n' || c == '\r':
			if !triple {
				return 0, nil, false
			}
			i++
		case c == '{' || c == '}':
			if i+1 < s.end && src[i+1] == c {
				i += 2
				continue
			}
			if c == '}' {
				return 0, nil, false
			}
			addText(i)
			f, next, ok := s.scanField(i, quote, 0)
			if !ok {
				return 0, nil, false
			}
			parts = append(parts, fpart{field: f})
			i, text = next, next
		default:
			i++
		}
	}
	return 0, nil, false
}

// scanField reads a replacement field whose `{` is at open; it returns the field's index
// and the offset after its `}`. Only single-line fields without backslashes, comments or
// the enclosing quote are read: those are what the tree-sitter grammar and Python agree on.
func (s *scanner) scanField(open int, quote byte, level int) (int32, int, bool) {
	src := s.src
	if level > 2 {
		return 0, 0, false
	}
	f := ffield{open: int32(open), exprStart: int32(open + 1), colon: -1}
	i, bd := open+1, 0
	at := func(k int) byte {
		if k < s.end {
			return src[k]
		}
		return 0
	}
scan:
	for {
		if i >= s.end {
			return 0, 0, false
		}
		c := src[i]
		switch {
		case c == '\n' || c == '\r' || c == '\\' || c == '#' || c == quote:
			return 0, 0, false
		case c == '"' || c == '\'':
			if isIdentChar(src[i-1]) || at(i+1) == c && at(i+2) == c {
				return 0, 0, false
			}
			j := i + 1
			for j < s.end && src[j] != c {
				if strchr("\n\r\\", src[j]) {
					return 0, 0, false
				}
				j++
			}
			if j >= s.end {
				return 0, 0, false
			}
			i = j + 1
		case c == '(' || c == '[' || c == '{':
			bd++
			i++
		case c == ')' || c == ']':
			if bd == 0 {
				return 0, 0, false
			}
			bd--
			i++
		case c == '}' && bd > 0:
			bd--
			i++
		case bd > 0:
			i++
		case c == '}' || c == ':' || c == '!' && at(i+1) != '=':
			f.exprEnd = int32(i)
			break scan
		case c == '=' && at(i+1) == '=':
			i += 2
		case c == '=' && !strchr("=!<>", src[i-1]):
			f.exprEnd, f.debugEnd = int32(i), int32(i+1)
			i++
			for i < s.end && src[i] == ' ' {
				i++
			}
			if !strchr("}:!", at(i)) {
				return 0, 0, false
			}
			break scan
		default:
			i++
		}
	}
	if src[i] == '!' {
		f.conv = at(i + 1)
		if !strchr("rsa", f.conv) || !strchr(":}", at(i+2)) {
			return 0, 0, false
		}
		i += 2
	}
	if src[i] == ':' {
		if at(i+1) == '=' && f.debugEnd == 0 && f.conv == 0 {
			return 0, 0, false
		}
		f.colon = int32(i)
		var ok bool
		if f.spec, i, ok = s.scanSpec(i+1, quote, level); !ok {
			return 0, 0, false
		}
	}
	if src[i] != '}' {
		return 0, 0, false
	}
	idx := int32(len(s.fields))
	s.fields = append(s.fields, f)
	return idx, i + 1, true
}

// scanSpec reads a format spec up to (not past) the `}` that closes its field.
func (s *scanner) scanSpec(i int, quote byte, level int) ([]fpart, int, bool) {
	src := s.src
	var parts []fpart
	text := i
	for i < s.end {
		c := src[i]
		switch {
		case c == '}':
			if i > text {
				parts = append(parts, fpart{start: int32(text), end: int32(i), field: -1})
			}
			return parts, i, true
		case c == '{':
			if i+1 < s.end && src[i+1] == '{' {
				return nil, 0, false
			}
			if i > text {
				parts = append(parts, fpart{start: int32(text), end: int32(i), field: -1})
			}
			f, next, ok := s.scanField(i, quote, level+1)
			if !ok {
				return nil, 0, false
			}
			parts = append(parts, fpart{field: f})
			i, text = next, next
		case c == '\\' || c == '\n' || c == '\r' || c == '"' || c == '\'':
			return nil, 0, false
		default:
			i++
		}
	}
	return nil, 0, false
}
