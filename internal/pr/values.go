package pr

import (
	"strings"
	"unicode/utf8"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// Mask stands for literal text a report does not show.
const Mask = "••••"

// shownValue is an env var's value as a report may show it: symbols such as ${todos.arn}
// as they are, literal text masked unless show is set. masked says whether anything was
// hidden; length is the size class of a masked whole literal ("" otherwise).
//
// Every literal is masked, whatever its source: a link's properties can hold a user's
// token as easily as a table name (Digger #2677 is what leaking looks like). CORS values are
// the exception: Stelvio sends them in every response header.
func shownValue(v *linker.EnvVar, show bool) (text string, masked bool, length string) {
	if show || v.Unknown || v.Source == "cors" {
		return v.Value, false, ""
	}
	if v.Literal {
		if v.Value == "" {
			return "", false, ""
		}
		return Mask, true, lengthClass(v.Value)
	}
	return maskText(v.Value)
}

// maskText keeps the ${...} symbols of a derived value and masks the text between them:
// f"postgres://u:p@{db.host}" must not show its password.
func maskText(s string) (string, bool, string) {
	var b strings.Builder
	masked := false
	for s != "" {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(Mask)
			masked = true
			break
		}
		if i > 0 {
			b.WriteString(Mask)
			masked = true
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			if i == 0 {
				b.WriteString(Mask)
				masked = true
			}
			break
		}
		b.WriteString(s[i : i+end+1])
		s = s[i+end+1:]
	}
	return b.String(), masked, ""
}

// lengthClass says roughly how long a masked literal is, so a reviewer can tell a flag
// from a key without seeing either.
func lengthClass(s string) string {
	switch n := utf8.RuneCountInString(s); {
	case n <= 8:
		return "1-8"
	case n <= 32:
		return "9-32"
	case n <= 128:
		return "33-128"
	default:
		return "129+"
	}
}
