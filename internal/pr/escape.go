package pr

import (
	"strings"
	"unicode"
)

// Text from an app (names, values, ARNs, messages) reaches GitHub's Markdown renderer; these
// helpers keep it from breaking a table row, opening HTML, or mentioning someone.

// code renders s as an inline code span. In a table cell a pipe must be escaped even inside
// code (GFM splits cells before it parses spans), and a line break would end the row.
func code(s string, inTable bool) string {
	if plainCode(s) {
		return "`" + s + "`"
	}
	s = oneLine(s)
	if s == "" {
		return "_(empty)_"
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if s[0] == '`' || s[len(s)-1] == '`' || (s[0] == ' ' && s[len(s)-1] == ' ') {
		s = " " + s + " "
	}
	if inTable {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	return fence + s + fence
}

// plainCode reports whether s can go between single backticks as it is: the common case of
// names, symbols and ARNs.
func plainCode(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '`' || c == '|' || c == 0x7f || c >= 0x80 {
			return false
		}
	}
	return true
}

// text renders s as plain inline text: every character Markdown or HTML could read as
// syntax is escaped, so a message shows as written.
func text(s string) string {
	s = oneLine(s)
	var b strings.Builder
	for _, r := range s {
		if r < unicode.MaxASCII && strings.ContainsRune("\\`*_[]<>|#!~&@", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// oneLine replaces line breaks and other control characters, which would end a table row
// or a list item.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r':
			return '↵'
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return '\uFFFD'
		}
		return r
	}, s)
}

func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// fence returns a code fence longer than any run of backticks in content.
func fence(content string) string {
	return strings.Repeat("`", max(3, longestRun(content, '`')+1))
}
