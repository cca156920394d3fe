package linker

import "strings"

// ASCII fast paths of the name conversions. Nearly every real link name is
// ASCII, and resolving a large app converts thousands of names; for ASCII the
// Python semantics reduce to byte operations. TestASCIIFastPaths checks them
// against the Unicode paths on every ASCII name of the golden table.

func isAlnumByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
func isUpperByte(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLowerByte(c byte) bool { return 'a' <= c && c <= 'z' }

func upperByte(c byte) byte {
	if isLowerByte(c) {
		return c - 'a' + 'A'
	}
	return c
}

func lowerByte(c byte) byte {
	if isUpperByte(c) {
		return c - 'A' + 'a'
	}
	return c
}

// isSeparatorByte: "-", ".", "_" and what str.split() counts as ASCII whitespace.
func isSeparatorByte(c byte) bool {
	return c == '-' || c == '.' || c == '_' || c == ' ' || '\t' <= c && c <= '\r' || 0x1C <= c && c <= 0x1F
}

// envVarASCII is EnvVarName for a non-empty ASCII link and ASCII prop; with an
// empty prop it returns the prefix alone.
func envVarASCII(link, prop string) string {
	var b strings.Builder
	b.Grow(len("STLV_") + len(link) + 6 + 1 + len(prop))
	b.WriteString("STLV_")
	rest := link
	if isDigitByte(link[0]) {
		word := numberWord(link[0])
		for i := 0; i < len(word); i++ {
			b.WriteByte(upperByte(word[i]))
		}
		rest = link[1:]
	}
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; isAlnumByte(c) {
			b.WriteByte(upperByte(c))
		} else {
			b.WriteByte('_')
		}
	}
	if prop == "" {
		return b.String()
	}
	b.WriteByte('_')
	for i := 0; i < len(prop); i++ {
		b.WriteByte(upperByte(prop[i]))
	}
	return b.String()
}

// classNameASCII is ClassName for ASCII names. In ASCII every letter and digit
// of a word lands in some camel part, so a word without parts has nothing
// alphanumeric and contributes nothing, as in Python.
func classNameASCII(link string, flavour CodegenFlavour) string {
	var b strings.Builder
	b.Grow(len(link) + 5)
	for i := 0; i < len(link); {
		if isSeparatorByte(link[i]) {
			i++
			continue
		}
		end := i
		for end < len(link) && !isSeparatorByte(link[end]) {
			end++
		}
		if flavour < CodegenV3 {
			writeCapitalizedASCII(&b, link[i:end])
		} else {
			writeCamelPartsASCII(&b, link[i:end])
		}
		i = end
	}
	s := b.String()
	if s != "" && isDigitByte(s[0]) {
		return numberWord(s[0]) + s[1:]
	}
	return s
}

// writeCapitalizedASCII writes the alphanumeric bytes of part, the first
// upper-cased and the rest lower-cased.
func writeCapitalizedASCII(b *strings.Builder, part string) {
	first := true
	for i := 0; i < len(part); i++ {
		c := part[i]
		if !isAlnumByte(c) {
			continue
		}
		if first {
			b.WriteByte(upperByte(c))
			first = false
		} else {
			b.WriteByte(lowerByte(c))
		}
	}
}

// writeCamelPartsASCII is camelParts for an ASCII word, writing each part capitalised.
func writeCamelPartsASCII(b *strings.Builder, w string) {
	for i := 0; i < len(w); {
		n := 0
		switch {
		case isLowerByte(w[i]):
			n = countBytes(w, i, isLowerByte)
		case isUpperByte(w[i]) && i+1 < len(w) && isLowerByte(w[i+1]):
			n = 1 + countBytes(w, i+1, isLowerByte)
		case isUpperByte(w[i]):
			for k := countBytes(w, i, isUpperByte); k > 0; k-- {
				if upperRunMayEndAtASCII(w, i+k) {
					n = k
					break
				}
			}
		case isDigitByte(w[i]):
			n = countBytes(w, i, isDigitByte)
		}
		if n == 0 {
			i++
			continue
		}
		writeCapitalizedASCII(b, w[i:i+n])
		i += n
	}
}

func upperRunMayEndAtASCII(w string, j int) bool {
	if j == len(w) {
		return true
	}
	c := w[j]
	if isUpperByte(c) && j+1 < len(w) && isLowerByte(w[j+1]) {
		return true
	}
	return isDigitByte(c) || !isAlnumByte(c) && c != '_'
}

func countBytes(s string, i int, ok func(byte) bool) int {
	n := 0
	for i+n < len(s) && ok(s[i+n]) {
		n++
	}
	return n
}

func pascalToSnakeASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i > 0 && isUpperByte(c) {
			b.WriteByte('_')
		}
		b.WriteByte(lowerByte(c))
	}
	return b.String()
}
