package iamdata

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCovers(t *testing.T) {
	c := mustLoad(t)
	cases := []struct {
		granting, requested string
		want                bool
	}{
		{"dynamodb:*", "dynamodb:GetItem", true},
		{"dynamodb:*", "DynamoDB:getitem", true},
		{"DYNAMODB:GETITEM", "dynamodb:GetItem", true},
		{"dynamodb:GetItem", "dynamodb:GetItem", true},
		{"dynamodb:GetItem", "dynamodb:PutItem", false},
		{"dynamodb:Get*", "dynamodb:GetItem", true},
		{"dynamodb:Get*", "dynamodb:BatchGetItem", false},
		{"dynamodb:*Item", "dynamodb:BatchGetItem", true},
		{"dynamodb:?etItem", "dynamodb:GetItem", true},
		{"dynamodb:?etItem", "dynamodb:GetItems", false},
		{"*", "dynamodb:GetItem", true},
		{"*", "*", true},
		{"*:*", "*", true}, // every real action has both parts
		{"*:GetItem", "dynamodb:GetItem", true},
		{"s3:*", "dynamodb:GetItem", false},
		{"s3:GetObject", "s3:GetObjectVersion", false},
		// Wildcards on the requested side: judged on the real actions.
		{"dynamodb:*", "dynamodb:Get*", true},
		{"dynamodb:Get*", "dynamodb:*", false},
		{"s3:Get*", "s3:GetObject*", true},
		{"s3:GetObject*", "s3:Get*", false},
		{"s3:*Object", "s3:GetObject", true},
		{"s3:Get?*", "s3:Get*", true}, // no real s3 action is just "Get"
		{"dynamodb:*", "*", false},
		{"s3:*", "s3:Zzz*", true}, // the patterns alone prove it
		// Unknown requested actions: only the patterns can prove coverage.
		{"dynamodb:*", "dynamodb:NotYetInvented", true},
		{"dynamodb:Get*", "dynamodb:NotYetInvented", false},
		{"dynamodbx:*", "dynamodbx:GetItem", true},
		// Malformed patterns cover nothing and are covered by nothing.
		{"dynamodb", "dynamodb:GetItem", false},
		{"", "dynamodb:GetItem", false},
		{"dynamodb:*", "", false},
		{"*Item", "dynamodb:GetItem", false},
	}
	for _, tc := range cases {
		if got := c.Covers(tc.granting, tc.requested); got != tc.want {
			t.Errorf("Covers(%q, %q) = %v, want %v", tc.granting, tc.requested, got, tc.want)
		}
	}
}

func TestResourceCovers(t *testing.T) {
	const tbl = "arn:aws:dynamodb:eu-west-1:123456789012:table/todos"
	cases := []struct {
		granting, requested string
		want                bool
	}{
		{"${todos.arn}/*", "${todos.arn}/index/*", true},
		{"${todos.arn}/*", "${todos.arn}/x", true},
		{"${todos.arn}/*", "${todos.arn}", false},
		{"${todos.arn}/*", "${todos.arn}/", true},
		{"${todos.arn}", "${todos.arn}", true},
		{"${todos.arn}", "${other.arn}", false},
		{"${todos.arn}*", "${todos.arn}", true},
		{"${todos.arn}*", "${todos.arn}/index/x", true},
		{"${todos.arn}/index/*", "${todos.arn}/*", false},
		{"${todos.arn}/?", "${todos.arn}/x", true},
		{"${todos.arn}/?", "${todos.arn}/xy", false},
		{"${todos.arn}/?", "${todos.arn}/${id}", false}, // a symbol may be any length
		{"${todos.arn}/*", "${todos.arn}/${id}", true},
		// A symbol is opaque: it matches only itself or a '*'.
		{"*", "${todos.arn}", true},
		{"arn:aws:dynamodb:*", "${todos.arn}", false},
		{"${todos.arn}", tbl, false},
		{"${todo}", "${todos.arn}", false},
		{"${todos.arn}/*", "${todos.arn}x", false},
		// IAM's whole-string glob: '*' crosses ':' and '/'.
		{"arn:aws:dynamodb:*:*:table/todos", tbl, true},
		{"arn:aws:dynamodb:*", tbl + "/index/by-date", true},
		{"arn:aws:dynamodb:*:table/todos", tbl, true},
		{tbl + "/*", tbl, false},
		{tbl, tbl + "/*", false},
		{"arn:aws:s3:::bucket-*", "arn:aws:s3:::bucket-a/key", true},
		{"arn:aws:s3:::bucket-?", "arn:aws:s3:::bucket-ab", false},
		{"arn:aws:s3:::b*t*", "arn:aws:s3:::bucket", true},
		{"arn:aws:s3:::*a*a*", "arn:aws:s3:::banana", true},
		{"arn:aws:s3:::*a*a*a*a", "arn:aws:s3:::banana", false},
		// ARNs compare case-sensitively, unlike actions.
		{"arn:aws:s3:::Bucket", "arn:aws:s3:::bucket", false},
		// Wildcards on the requested side.
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/x*", true},
		{"arn:aws:s3:::b/x*", "arn:aws:s3:::b/*", false},
		{"arn:aws:s3:::b/?", "arn:aws:s3:::b/?", true},
		{"arn:aws:s3:::b/?", "arn:aws:s3:::b/*", false},
		{"arn:aws:s3:::b/*", "*", false},
		// IAM's escapes ${*}, ${?} and ${$} are literal characters.
		{"arn:aws:s3:::b/${*}", "arn:aws:s3:::b/x", false},
		{"arn:aws:s3:::b/${*}", "arn:aws:s3:::b/${*}", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/${*}", true},
		{"arn:aws:s3:::b/?", "arn:aws:s3:::b/${?}", true},
		{"arn:aws:s3:::b/${$}", "arn:aws:s3:::b/${$}", true},
		// An unterminated "${" is plain text.
		{"arn:aws:s3:::b/${x", "arn:aws:s3:::b/${x", true},
		// '?' is one character, however many bytes it takes.
		{"arn:aws:s3:::b/?", "arn:aws:s3:::b/é", true},
		{"arn:aws:s3:::b/??", "arn:aws:s3:::b/é", false},
		{"arn:aws:s3:::b/?.jpg", "arn:aws:s3:::b/日.jpg", true},
		{"arn:aws:s3:::b/?{x", "arn:aws:s3:::b/${x", true},
		{"", "", false},
		{"*", "", false},
	}
	for _, tc := range cases {
		if got := ResourceCovers(tc.granting, tc.requested); got != tc.want {
			t.Errorf("ResourceCovers(%q, %q) = %v, want %v", tc.granting, tc.requested, got, tc.want)
		}
	}
}

// The matcher must agree with a plain recursive glob on concrete strings.
func TestGlobAgreesWithReference(t *testing.T) {
	patterns := []string{"", "*", "?", "a*", "*a", "a*b", "*a*b*", "a?c", "??", "*?*", "a**b", "ab*ba", "*ab*ab"}
	inputs := []string{"", "a", "b", "ab", "abc", "abab", "aXb", "ba", "abba", "abcab", "xxabxab", "aab"}
	for _, p := range patterns {
		for _, s := range inputs {
			if got, want := resourceGlob.covers(p, s), refGlob(p, s); got != want {
				t.Errorf("covers(%q, %q) = %v, reference says %v", p, s, got, want)
			}
		}
	}
}

// refGlob is glob matching by the book, over runes ('?' is one character).
func refGlob(p, s string) bool {
	if p == "" {
		return s == ""
	}
	_, sw := utf8.DecodeRuneInString(s)
	switch p[0] {
	case '*':
		return refGlob(p[1:], s) || (s != "" && refGlob(p, s[sw:]))
	case '?':
		return s != "" && refGlob(p[1:], s[sw:])
	}
	_, pw := utf8.DecodeRuneInString(p)
	return s != "" && p[:pw] == s[:sw] && refGlob(p[pw:], s[sw:])
}

func asciiLower(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = lower(b[i])
	}
	return string(b)
}

// On concrete strings the matcher is plain glob matching: compare it with
// the recursive reference, both as resources and case-folded as actions.
func FuzzGlob(f *testing.F) {
	f.Add("a*b?c", "aXXbYc")
	f.Add("*a*a*", "banana")
	f.Add("${x}/*", "${x}/y")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 40 || len(s) > 40 || strings.ContainsAny(s, "*?$") || strings.Contains(pattern, "$") {
			return
		}
		if got, want := resourceGlob.covers(pattern, s), refGlob(pattern, s); got != want {
			t.Errorf("covers(%q, %q) = %v, reference %v", pattern, s, got, want)
		}
		if got, want := actionGlob.covers(pattern, s), refGlob(asciiLower(pattern), asciiLower(s)); got != want {
			t.Errorf("fold covers(%q, %q) = %v, reference %v", pattern, s, got, want)
		}
	})
}

// A pattern covers itself, and "*" covers any pattern.
func FuzzCoversReflexive(f *testing.F) {
	f.Add("${todos.arn}/index/*")
	f.Add("arn:aws:s3:::b/${*}?")
	f.Fuzz(func(t *testing.T, p string) {
		if p == "" || len(p) > 60 {
			return
		}
		if !ResourceCovers(p, p) {
			t.Errorf("ResourceCovers(%q, itself) = false", p)
		}
		if !ResourceCovers("*", p) {
			t.Errorf("ResourceCovers(*, %q) = false", p)
		}
	})
}
