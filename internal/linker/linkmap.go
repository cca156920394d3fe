package linker

import "slices"

// LinkMap is the ordered map Stelvio generates stlv_resources.py from: link
// name to property names. It has Python dict semantics: assigning to a known
// link keeps the link's first position. A link whose properties are None is
// not representable: before 0.10.1b7 Stelvio crashes on it, after it skips it,
// and the caller decides which.
type LinkMap struct {
	entries []LinkProps
	index   map[string]int
}

// Set assigns props to link, as map[link] = list(props) does.
func (m *LinkMap) Set(link string, props []string) {
	if i, ok := m.index[link]; ok {
		m.entries[i].Props = slices.Clone(props)
		return
	}
	if m.index == nil {
		m.index = map[string]int{}
	}
	m.index[link] = len(m.entries)
	m.entries = append(m.entries, LinkProps{Link: link, Props: slices.Clone(props)})
}

// Update merges links into m as dict.update does: a known link takes the new
// list, even an empty one. This is how a folder's map accumulates up to 0.10.0b6.
func (m *LinkMap) Update(links []LinkProps) {
	for _, l := range links {
		m.Set(l.Link, l.Props)
	}
}

// Union merges links into m the 0.10.1b7 way: a new link is appended, a known
// one gains the properties it lacks in links' order, and nothing is removed.
func (m *LinkMap) Union(links []LinkProps) {
	for _, l := range links {
		i, ok := m.index[l.Link]
		if !ok {
			m.Set(l.Link, l.Props)
			continue
		}
		for _, p := range l.Props {
			if !slices.Contains(m.entries[i].Props, p) {
				m.entries[i].Props = append(m.entries[i].Props, p)
			}
		}
	}
}

// Entries returns the links in map order, ready for ResourcesFile. The slice
// belongs to m: callers must not modify it.
func (m *LinkMap) Entries() []LinkProps {
	return m.entries
}

// Len returns the number of links.
func (m *LinkMap) Len() int {
	return len(m.entries)
}
