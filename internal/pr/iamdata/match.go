package iamdata

import (
	"strings"
	"unicode/utf8"
)

// IAM matches Action and Resource elements as whole-string globs: '*' is any
// run of characters (including '/' and ':'), '?' is exactly one. Actions
// compare case-insensitively, ARNs case-sensitively.
//
// The matcher here answers a stronger question than "does pattern a match
// string b": does a match every string b could stand for, where b may itself
// hold wildcards and symbols. A '*' in a absorbs anything in b, a '?' in a
// absorbs one character or one '?', and a literal must meet the same literal.
// That is exact when b is a plain string and safe otherwise: it may answer
// "no" for two differently written patterns that match the same strings
// (such as "?*" and "*?"), never "yes" wrongly. For a diff, "no" means a
// change is shown rather than hidden.

type tokenKind uint8

const (
	tokChar tokenKind = iota
	tokStar
	tokQuest
	tokSymbol // ${...}: a value unknown until deploy, matched only by itself or '*'
)

type globMode struct {
	fold    bool // ASCII case-insensitive literals (actions)
	symbols bool // recognise ${...} (resources)
}

var (
	actionGlob   = globMode{fold: true}
	resourceGlob = globMode{symbols: true}
)

// token reads the token of s at i: its kind, its text, and its width in s.
func (m globMode) token(s string, i int) (tokenKind, string, int) {
	switch s[i] {
	case '*':
		return tokStar, "*", 1
	case '?':
		return tokQuest, "?", 1
	case '$':
		if m.symbols && i+1 < len(s) && s[i+1] == '{' {
			if n := strings.IndexByte(s[i+2:], '}'); n >= 0 {
				text := s[i : i+2+n+1]
				// IAM's escapes for characters that would otherwise be wildcards.
				switch text {
				case "${*}", "${?}", "${$}":
					return tokChar, text[2:3], len(text)
				}
				return tokSymbol, text, len(text)
			}
		}
	}
	// '?' is one character, not one byte: S3 keys may be any Unicode.
	if s[i] >= utf8.RuneSelf {
		_, w := utf8.DecodeRuneInString(s[i:])
		return tokChar, s[i : i+w], w
	}
	return tokChar, s[i : i+1], 1
}

// unit reports whether one non-star token of the pattern covers token b.
func (m globMode) unit(ak tokenKind, at string, bk tokenKind, bt string) bool {
	switch ak {
	case tokQuest:
		return bk == tokChar || bk == tokQuest
	case tokSymbol:
		return bk == tokSymbol && at == bt
	}
	if bk != tokChar {
		return false
	}
	if m.fold && len(at) == 1 && len(bt) == 1 {
		return lower(at[0]) == lower(bt[0])
	}
	return at == bt
}

// covers reports whether pattern a matches everything b stands for. It is
// the usual greedy glob match with one backtrack point (the last star),
// which is exact for globs whose only variable-length element is '*'.
func (m globMode) covers(a, b string) bool {
	i, j := 0, 0
	starI, starJ := -1, 0
	for j < len(b) {
		if i < len(a) {
			ak, at, aw := m.token(a, i)
			if ak == tokStar {
				i += aw
				starI, starJ = i, j
				continue
			}
			bk, bt, bw := m.token(b, j)
			if m.unit(ak, at, bk, bt) {
				i += aw
				j += bw
				continue
			}
		}
		if starI < 0 {
			return false
		}
		// Let the last star absorb one more token of b and retry from there.
		_, _, bw := m.token(b, starJ)
		starJ += bw
		i, j = starI, starJ
	}
	for i < len(a) {
		ak, _, aw := m.token(a, i)
		if ak != tokStar {
			return false
		}
		i += aw
	}
	return true
}

// ResourceCovers reports whether a granted Resource pattern covers a
// requested one, with IAM's glob rules: the whole ARN is one string, '*'
// spans any characters including '/' and ':', and case matters. A symbol
// such as ${todos.arn} stands for a value known only at deploy time: it is
// matched only by the same symbol or by a '*', so "${todos.arn}/*" covers
// "${todos.arn}/index/*" but neither "${todos.arn}" nor a literal ARN.
func ResourceCovers(granting, requested string) bool {
	if granting == "" || requested == "" {
		return false
	}
	return resourceGlob.covers(granting, requested)
}
