package pr

import (
	"bytes"
	"fmt"
)

// section is a part of the body that can be cut to fit: a head, rows, and an end. Rows are
// made on demand, so a cut section costs only the rows it shows.
type section struct {
	head  string
	end   string
	noun  string // what the rows are, for "…and N more …"
	count int
	row   func(i int) string
}

func (s section) omitted(hint string) string {
	return fmt.Sprintf("_%d %s not shown: over the size budget (%s)._\n\n", s.count, s.noun, hint)
}

func (s section) more(n int, hint string) string {
	return fmt.Sprintf("\n_…and %d more %s (%s)._\n", n, s.noun, hint)
}

// fill writes sections in order within budget bytes, keeping room for every later
// section's omission note.
func fill(b *bytes.Buffer, sections []section, budget int, hint string) {
	var live []section
	for _, s := range sections {
		if s.count > 0 {
			live = append(live, s)
		}
	}
	for i, s := range live {
		reserve := 0
		for _, later := range live[i+1:] {
			reserve += len(later.omitted(hint))
		}
		start := b.Len()
		avail := budget - start - reserve
		b.WriteString(s.head)
		var sizes []int
		for len(sizes) < s.count {
			r := s.row(len(sizes))
			if b.Len()-start+len(r)+len(s.end) > avail {
				break
			}
			b.WriteString(r)
			sizes = append(sizes, len(r))
		}
		if len(sizes) < s.count {
			for len(sizes) > 0 && b.Len()-start+len(s.more(s.count-len(sizes), hint))+len(s.end) > avail {
				b.Truncate(b.Len() - sizes[len(sizes)-1])
				sizes = sizes[:len(sizes)-1]
			}
		}
		if len(sizes) == 0 {
			b.Truncate(start)
			if note := s.omitted(hint); len(note) <= avail {
				b.WriteString(note)
			}
			continue
		}
		if len(sizes) < s.count {
			b.WriteString(s.more(s.count-len(sizes), hint))
		}
		b.WriteString(s.end)
	}
}
