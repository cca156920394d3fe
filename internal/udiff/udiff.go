// Package udiff writes unified diffs of text files, the form `git apply` and reviewers read.
package udiff

import (
	"fmt"
	"strings"
)

// context is the number of unchanged lines shown around each change, as diff -u does.
const context = 3

// Diff returns the unified diff that turns old into new, with the file names in its
// header; "" when they are equal. A side that does not exist is given as exists=false
// and shown as /dev/null.
func Diff(name string, old string, oldExists bool, new string, newExists bool) string {
	if old == new && oldExists == newExists {
		return ""
	}
	a, b := lines(old), lines(new)
	ops := script(a, b)
	var out strings.Builder
	from, to := "a/"+name, "b/"+name
	if !oldExists {
		from = "/dev/null"
	}
	if !newExists {
		to = "/dev/null"
	}
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", from, to)
	for _, h := range hunks(ops) {
		writeHunk(&out, h, ops, a, b)
	}
	return out.String()
}

// line is one line with whether it ended in a newline, so a missing final newline
// (stlv_resources.py has none) is shown as diff shows it.
type line struct {
	text  string
	final bool // last line without a trailing newline
}

func lines(s string) []line {
	if s == "" {
		return nil
	}
	parts := strings.SplitAfter(s, "\n")
	var out []line
	for _, p := range parts {
		if p == "" {
			continue
		}
		if strings.HasSuffix(p, "\n") {
			out = append(out, line{text: strings.TrimSuffix(p, "\n")})
		} else {
			out = append(out, line{text: p, final: true})
		}
	}
	return out
}

// op is one step of the edit script: keep, delete from a, or insert from b.
type op struct {
	kind byte // ' ', '-', '+'
	ai   int
	bi   int
}

// script is a shortest edit script by longest common subsequence; the files we diff are a
// few hundred lines, so the quadratic table is small.
func script(a, b []line) []op {
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, op{' ', i, j})
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] > lcs[i+1][j]):
			ops = append(ops, op{'+', i, j})
			j++
		default:
			ops = append(ops, op{'-', i, j})
			i++
		}
	}
	return ops
}

// hunk is a range of the script to print.
type hunk struct{ start, end int }

func hunks(ops []op) []hunk {
	var out []hunk
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == ' ' {
			continue
		}
		start := max(i-context, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		if len(out) > 0 && start <= out[len(out)-1].end {
			out[len(out)-1].end = end
		} else {
			out = append(out, hunk{start, end})
		}
		i = end
	}
	return out
}

func writeHunk(out *strings.Builder, h hunk, ops []op, a, b []line) {
	aStart, bStart, aLen, bLen := ops[h.start].ai, ops[h.start].bi, 0, 0
	for _, o := range ops[h.start:h.end] {
		if o.kind != '+' {
			aLen++
		}
		if o.kind != '-' {
			bLen++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", rng(aStart, aLen), rng(bStart, bLen))
	for _, o := range ops[h.start:h.end] {
		var l line
		switch o.kind {
		case '+':
			l = b[o.bi]
		default:
			l = a[o.ai]
		}
		out.WriteByte(o.kind)
		out.WriteString(l.text)
		out.WriteByte('\n')
		if l.final {
			out.WriteString("\\ No newline at end of file\n")
		}
	}
}

// rng is a hunk range in diff's notation: "start,len", 1-based, "start-1,0" when empty.
func rng(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
