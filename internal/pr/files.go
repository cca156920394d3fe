package pr

import (
	"sort"

	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/udiff"
)

// diffFiles compares the two plans of stlv_resources.py: what each revision's Stelvio
// would leave in each folder.
func diffFiles(base, head []linker.File) []FileChange {
	before := map[string]*linker.File{}
	for i := range base {
		before[base[i].Path] = &base[i]
	}
	seen := map[string]bool{}
	var out []FileChange
	for i := range head {
		h := &head[i]
		seen[h.Path] = true
		b := before[h.Path]
		bWrites := b != nil && b.Action == "write"
		c := FileChange{Path: h.Path}
		if bWrites {
			c.BeforeSHA256 = b.SHA256
		}
		switch {
		case h.Action == "unknown":
			if b != nil && b.Action == "unknown" {
				continue
			}
			c.Change, c.Reason = Unsure, h.Reason
		case h.Action == "write" && !bWrites:
			c.Change, c.AfterSHA256 = Added, h.SHA256
			c.Diff = fileDiff(h.Path, b, h)
		case h.Action == "write" && b.SHA256 != h.SHA256:
			c.Change, c.AfterSHA256 = Changed, h.SHA256
			c.Diff = fileDiff(h.Path, b, h)
		case h.Action == "delete" && bWrites:
			c.Change = Removed
			c.Diff = fileDiff(h.Path, b, h)
		default:
			continue
		}
		out = append(out, c)
	}
	for i := range base {
		b := &base[i]
		if !seen[b.Path] && b.Action == "write" {
			// No head function uses the folder: Stelvio leaves the file alone, but nothing
			// generates it any more.
			out = append(out, FileChange{Path: b.Path, Change: Removed, BeforeSHA256: b.SHA256})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// fileDiff is the unified diff between the planned contents, or "" when a side that is
// written has no content in its result (a report read back without contents).
func fileDiff(path string, b, h *linker.File) string {
	oldExists, newExists := b != nil && b.Action == "write", h.Action == "write"
	var old, new string
	if oldExists {
		old = b.Content
	}
	if newExists {
		new = h.Content
	}
	if (oldExists && old == "") || (newExists && new == "") {
		return ""
	}
	return udiff.Diff(path, old, oldExists, new, newExists)
}
