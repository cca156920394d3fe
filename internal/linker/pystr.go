package linker

import (
	"strings"
	"unicode"
)

// Stelvio derives env var and class names with Python's str methods, which are
// Unicode-aware and use full case mappings. These helpers reproduce CPython 3.12
// (Unicode 15.0, the same version as Go's unicode package). The exhaustive test
// against testdata/pyunicode.json.gz keeps them honest.

// pyIsAlnum is str.isalnum for one code point: a letter or any numeric character.
func pyIsAlnum(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// pyIsDecimal is str.isdecimal, which is also what the regex class \d matches.
func pyIsDecimal(r rune) bool {
	if r < 0x80 {
		return '0' <= r && r <= '9'
	}
	return unicode.Is(unicode.Nd, r)
}

// pyIsDigit is str.isdigit: decimals plus digits such as superscripts and circled numbers.
func pyIsDigit(r rune) bool {
	return pyIsDecimal(r) || r >= 0x80 && strings.ContainsRune(digitNotDecimal, r)
}

// pyIsWord is the regex class \w for str patterns.
func pyIsWord(r rune) bool {
	return r == '_' || pyIsAlnum(r)
}

// pyIsSpace is str.isspace; Python also counts the ASCII separators U+001C..U+001F.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || 0x1C <= r && r <= 0x1F
}

// pyIsUpper is str.isupper for a single code point (the Uppercase property).
func pyIsUpper(r rune) bool {
	return unicode.IsUpper(r) || unicode.Is(unicode.Other_Uppercase, r)
}

func pyIsCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

func pyIsCaseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) ||
		strings.ContainsRune(ignorableExtra, r)
}

// pyUpper is str.upper.
func pyUpper(s string) string {
	if isASCII(s) {
		return strings.ToUpper(s)
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteString(upperRune(r))
	}
	return b.String()
}

// pyLower is str.lower, including the context-dependent final sigma.
func pyLower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i := range rs {
		b.WriteString(lowerAt(rs, i))
	}
	return b.String()
}

// pyCapitalize is str.capitalize: the first code point title-cased, the rest lower-cased.
func pyCapitalize(s string) string {
	if s == "" {
		return ""
	}
	rs := []rune(s)
	var b strings.Builder
	b.WriteString(titleRune(rs[0]))
	for i := 1; i < len(rs); i++ {
		b.WriteString(lowerAt(rs, i))
	}
	return b.String()
}

func upperRune(r rune) string {
	if s, ok := fullUpper(r); ok {
		return s
	}
	return string(unicode.ToUpper(r))
}

func titleRune(r rune) string {
	if s, ok := fullTitle(r); ok {
		return s
	}
	return string(unicode.ToTitle(r))
}

// lowerAt lower-cases rs[i] in the context of rs: a capital sigma becomes the final
// form when a cased letter precedes it and none follows (case-ignorables skipped).
func lowerAt(rs []rune, i int) string {
	r := rs[i]
	if r == 'Σ' {
		if finalSigma(rs, i) {
			return "ς"
		}
		return "σ"
	}
	if s, ok := fullLower(r); ok {
		return s
	}
	return string(unicode.ToLower(r))
}

func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && pyIsCaseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !pyIsCased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && pyIsCaseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !pyIsCased(rs[j])
}

// pyIsBlank reports whether str.strip() leaves nothing of s.
func pyIsBlank(s string) bool {
	for _, r := range s {
		if !pyIsSpace(r) {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
