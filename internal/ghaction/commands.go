package ghaction

import (
	"fmt"
	"strconv"
	"strings"
)

// Annotation places an error, warning or notice on a file in the run's summary and the pull
// request's diff. Zero fields are left out.
type Annotation struct {
	Title     string
	File      string
	Line      int
	EndLine   int
	Col       int
	EndColumn int
}

// Level is the kind of an annotation.
type Level string

// The annotation levels GitHub knows.
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNotice  Level = "notice"
)

// Annotate writes ::level props::message.
func (a *Action) Annotate(level Level, at Annotation, message string) {
	a.command(string(level), at.properties(), message)
}

// Errorf writes an error annotation without a location.
func (a *Action) Errorf(format string, args ...any) {
	a.command(string(LevelError), nil, fmt.Sprintf(format, args...))
}

// Warningf writes a warning annotation without a location.
func (a *Action) Warningf(format string, args ...any) {
	a.command(string(LevelWarning), nil, fmt.Sprintf(format, args...))
}

// Noticef writes a notice annotation without a location.
func (a *Action) Noticef(format string, args ...any) {
	a.command(string(LevelNotice), nil, fmt.Sprintf(format, args...))
}

// Debugf writes a debug line, shown only when the run has step debug logging on.
func (a *Action) Debugf(format string, args ...any) {
	a.command("debug", nil, fmt.Sprintf(format, args...))
}

// Group starts a collapsible group in the log; EndGroup closes it. Groups do not nest.
func (a *Action) Group(title string) { a.command("group", nil, title) }

// EndGroup closes the group Group opened.
func (a *Action) EndGroup() { a.command("endgroup", nil, "") }

// Infof writes a plain log line with every registered secret masked.
func (a *Action) Infof(format string, args ...any) {
	line := a.Mask(fmt.Sprintf(format, args...))
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprintln(a.out, line)
}

type property struct{ key, value string }

func (at Annotation) properties() []property {
	var props []property
	add := func(key, value string) {
		if value != "" {
			props = append(props, property{key, value})
		}
	}
	num := func(n int) string {
		if n <= 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	add("file", at.File)
	add("line", num(at.Line))
	add("endLine", num(at.EndLine))
	add("col", num(at.Col))
	add("endColumn", num(at.EndColumn))
	add("title", at.Title)
	return props
}

// command writes ::name k=v,…::message with secrets masked and GitHub's escaping, so a
// message can never end the command early or inject another one.
func (a *Action) command(name string, props []property, message string) {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(name)
	for i, p := range props {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(escapeProperty(a.Mask(p.value)))
	}
	b.WriteString("::")
	b.WriteString(escapeData(a.Mask(message)))
	b.WriteByte('\n')
	a.mu.Lock()
	defer a.mu.Unlock()
	// A failed write to the log has nowhere better to be reported.
	_, _ = a.out.Write([]byte(b.String()))
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a command's message as the runner unescapes it.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a property value, where ':' and ',' would also end the value.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
