package pyast

import (
	"fmt"
	"strings"
)

// SyntaxError says where a file stops being valid Python.
type SyntaxError struct {
	File string
	Line int // 1-based
	Col  int // 1-based, in runes
	Msg  string
	// Source is the offending line, without its newline; may be empty.
	Source string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Excerpt is the offending line with a caret under the column, for a terminal or a PR
// comment; it is empty when the line is not known.
func (e *SyntaxError) Excerpt() string {
	if e.Source == "" {
		return ""
	}
	line := strings.ReplaceAll(e.Source, "\t", " ")
	indent := len(line) - len(strings.TrimLeft(line, " "))
	runes := []rune(line[indent:])
	col := e.Col - 1 - indent
	if col < 0 {
		col = 0
	}
	if col > len(runes) {
		col = len(runes)
	}
	const maxWidth = 100
	start := 0
	if col > maxWidth-20 {
		start = col - (maxWidth - 20)
	}
	end := len(runes)
	if end-start > maxWidth {
		end = start + maxWidth
	}
	return "    " + string(runes[start:end]) + "\n    " + strings.Repeat(" ", col-start) + "^"
}
