package linker

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// NameError reports a link name that Stelvio itself cannot convert: deploying the
// app would fail with the Python exception named in Exception.
type NameError struct {
	Name      string
	Exception string // the exception Stelvio raises: "IndexError", "KeyError"
	Reason    string
}

func (e *NameError) Error() string {
	if e.Exception == "" {
		return fmt.Sprintf("link name %q: %s", e.Name, e.Reason)
	}
	return fmt.Sprintf("link name %q: %s (Stelvio fails with %s)", e.Name, e.Reason, e.Exception)
}

// leadingDigitToWord replaces a leading digit with its English word, as Stelvio does
// for env var and class names. Only 0-9 have words: Stelvio's table lookup fails
// with KeyError for any other Unicode digit.
func leadingDigitToWord(name, s string) (string, error) {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || !pyIsDigit(r) {
		return s, nil
	}
	if r < '0' || r > '9' {
		return "", &NameError{Name: name, Exception: "KeyError",
			Reason: fmt.Sprintf("it starts with the digit %q, which has no number word", r)}
	}
	return numberWord(byte(r)) + s[size:], nil
}

// numberWord returns the English word of an ASCII digit.
func numberWord(d byte) string {
	words := [...]string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"}
	return words[d-'0']
}

func checkUTF8(name string) error {
	if !utf8.ValidString(name) {
		return &NameError{Name: name, Reason: "not valid UTF-8"}
	}
	return nil
}

// EnvVarPrefix returns the part of a link's env var names before the property,
// for example "STLV_USER_TABLE" for "user-table" (linking.md §4.1).
func EnvVarPrefix(link string) (string, error) {
	if link != "" && isASCII(link) {
		return envVarASCII(link, ""), nil
	}
	return envVarPrefixUnicode(link)
}

func envVarPrefixUnicode(link string) (string, error) {
	if err := checkUTF8(link); err != nil {
		return "", err
	}
	if link == "" {
		return "", &NameError{Name: link, Exception: "IndexError", Reason: "the name is empty"}
	}
	var cleaned strings.Builder
	for _, r := range link {
		if pyIsAlnum(r) {
			cleaned.WriteRune(r)
		} else {
			cleaned.WriteByte('_')
		}
	}
	s, err := leadingDigitToWord(link, cleaned.String())
	if err != nil {
		return "", err
	}
	return "STLV_" + pyUpper(s), nil
}

// EnvVarName returns the env var Stelvio sets for property prop of link. The
// property is upper-cased but never cleaned, so "api-url" stays "API-URL".
func EnvVarName(link, prop string) (string, error) {
	if link != "" && isASCII(link) && isASCII(prop) {
		return envVarASCII(link, prop), nil
	}
	prefix, err := EnvVarPrefix(link)
	if err != nil {
		return "", err
	}
	if err := checkUTF8(prop); err != nil {
		return "", fmt.Errorf("property of link %q: %w", link, err)
	}
	return prefix + "_" + pyUpper(prop), nil
}

// ClassName returns the generated class name of a link without its "Resource"
// suffix: "user-table" gives "UserTable". Flavour v3 also splits camel case
// ("XMLParser" gives "XmlParser"); v1 and v2 only split on separators ("Xmlparser").
func ClassName(link string, flavour CodegenFlavour) (string, error) {
	if isASCII(link) {
		return classNameASCII(link, flavour), nil
	}
	return classNameUnicode(link, flavour)
}

func classNameUnicode(link string, flavour CodegenFlavour) (string, error) {
	if err := checkUTF8(link); err != nil {
		return "", err
	}
	var b strings.Builder
	for _, word := range strings.FieldsFunc(link, isClassNameSeparator) {
		if flavour < CodegenV3 {
			b.WriteString(pyCapitalize(keepAlnum(word)))
			continue
		}
		parts := camelParts(word)
		if len(parts) == 0 {
			parts = []string{word}
		}
		for _, p := range parts {
			b.WriteString(pyCapitalize(keepAlnum(p)))
		}
	}
	return leadingDigitToWord(link, b.String())
}

// isClassNameSeparator: Stelvio turns "-", "." and "_" into spaces, then splits on
// whitespace as str.split() does.
func isClassNameSeparator(r rune) bool {
	return r == '-' || r == '.' || r == '_' || pyIsSpace(r)
}

func keepAlnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if pyIsAlnum(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// AttributeName returns the LinkedResources attribute for a class name:
// snake case from v2 on, v1's camel case before.
func AttributeName(className string, flavour CodegenFlavour) string {
	if flavour == CodegenV1 {
		return PascalToCamel(className)
	}
	return PascalToSnake(className)
}

// PascalToSnake lower-cases each character and puts "_" before every upper-case
// one except the first: "HttpServer2" gives "http_server2", "ABc" gives "a_bc".
func PascalToSnake(s string) string {
	if isASCII(s) {
		return pascalToSnakeASCII(s)
	}
	return pascalToSnakeUnicode(s)
}

func pascalToSnakeUnicode(s string) string {
	var b strings.Builder
	i := 0
	for _, r := range s {
		if i > 0 && pyIsUpper(r) {
			b.WriteByte('_')
		}
		b.WriteString(pyLower(string(r)))
		i++
	}
	return b.String()
}

// PascalToCamel lower-cases the first character and the upper-case run that
// follows it: "UserTable" gives "userTable", "XMLParser" gives "xmlparser".
func PascalToCamel(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	i := 1
	for i < len(rs) && pyIsUpper(rs[i]) {
		i++
	}
	return pyLower(string(rs[:i])) + string(rs[i:])
}

// camelParts splits one word the way re.findall with the pattern
// [A-Z]?[a-z]+|[A-Z]+(?=[A-Z][a-z]|\d|\W|$)|\d+ does: the three alternatives
// are tried in order at each position and characters matching none are dropped.
// RE2 has no look-ahead, hence the hand-written matcher.
func camelParts(word string) []string {
	rs := []rune(word)
	var parts []string
	for i := 0; i < len(rs); {
		n := matchLowerRun(rs, i)
		if n == 0 {
			n = matchUpperRun(rs, i)
		}
		if n == 0 {
			n = countWhile(rs, i, pyIsDecimal)
		}
		if n == 0 {
			i++
			continue
		}
		parts = append(parts, string(rs[i:i+n]))
		i += n
	}
	return parts
}

// matchLowerRun matches [A-Z]?[a-z]+ at i and returns its length, 0 if none.
func matchLowerRun(rs []rune, i int) int {
	if isASCIIUpper(rs[i]) {
		if n := countWhile(rs, i+1, isASCIILower); n > 0 {
			return 1 + n
		}
		return 0
	}
	return countWhile(rs, i, isASCIILower)
}

// matchUpperRun matches [A-Z]+(?=[A-Z][a-z]|\d|\W|$) at i: the longest run of
// capitals that the look-ahead accepts.
func matchUpperRun(rs []rune, i int) int {
	for n := countWhile(rs, i, isASCIIUpper); n > 0; n-- {
		if upperRunMayEndAt(rs, i+n) {
			return n
		}
	}
	return 0
}

func upperRunMayEndAt(rs []rune, j int) bool {
	if j == len(rs) {
		return true
	}
	r := rs[j]
	if isASCIIUpper(r) && j+1 < len(rs) && isASCIILower(rs[j+1]) {
		return true
	}
	return pyIsDecimal(r) || !pyIsWord(r)
}

func countWhile(rs []rune, i int, ok func(rune) bool) int {
	n := 0
	for i+n < len(rs) && ok(rs[i+n]) {
		n++
	}
	return n
}

func isASCIIUpper(r rune) bool { return 'A' <= r && r <= 'Z' }
func isASCIILower(r rune) bool { return 'a' <= r && r <= 'z' }

// SafeName builds a physical-name candidate that leaves room for Pulumi's
// 8-character random suffix (linking.md §7.2).
func SafeName(prefix, name string, maxLength int, suffix string) (string, error) {
	return SafeNameWithPulumiSuffix(prefix, name, maxLength, suffix, 8)
}

// SafeNameWithPulumiSuffix is SafeName with an explicit room for Pulumi's suffix
// (0 for names Pulumi does not randomise). Lengths count code points, like
// Python; a name that does not fit keeps its head and gets "-" plus the first 7
// hex digits of the SHA-256 of the whole name.
func SafeNameWithPulumiSuffix(prefix, name string, maxLength int, suffix string, pulumiSuffix int) (string, error) {
	reserved := utf8.RuneCountInString(prefix) + utf8.RuneCountInString(suffix) + pulumiSuffix
	available := maxLength - reserved
	if available <= 0 {
		return "", fmt.Errorf("name %q: prefix %q, suffix %q and %d characters for Pulumi exceed the limit of %d",
			name, prefix, suffix, pulumiSuffix, maxLength)
	}
	if pyIsBlank(name) {
		return "", fmt.Errorf("name %q is empty or whitespace only", name)
	}
	if utf8.RuneCountInString(name) <= available {
		return prefix + name + suffix, nil
	}
	const hashPart = 8 // "-" and 7 hex digits
	if available <= hashPart {
		return "", fmt.Errorf("name %q: only %d characters left, too few for a truncated name with a hash", name, available)
	}
	sum := sha256.Sum256([]byte(name))
	head := []rune(name)[:available-hashPart]
	return prefix + string(head) + "-" + hex.EncodeToString(sum[:])[:7] + suffix, nil
}
