package linker

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"sort"

	"github.com/stelvio-action/stelvio-action/internal/config"
)

// ResourcesFileName is the file Stelvio writes next to handlers.
const ResourcesFileName = "stlv_resources.py"

// folderState is one registry key of Stelvio's LinkPropertiesRegistry: the accumulated
// link map of every function created so far with that folder key.
type folderState struct {
	links   []LinkProps
	index   map[string]int
	unknown bool
}

func (f *folderState) update(m []LinkProps) {
	if f.index == nil {
		f.index = map[string]int{}
	}
	for _, lp := range m {
		if i, ok := f.index[lp.Link]; ok {
			f.links[i].Props = lp.Props
			continue
		}
		f.index[lp.Link] = len(f.links)
		f.links = append(f.links, lp)
	}
}

// fileState is what the last function writing one path left there.
type fileState struct {
	key  string
	cors bool
}

// planFiles replays Stelvio's writes of stlv_resources.py in creation order (linking.md
// §5.6): each function merges its map into its folder key's registry and rewrites the file
// from the whole registry with its own CORS flag.
func planFiles(app *config.App, rules Rules) ([]File, error) {
	folders := map[string]*folderState{}
	files := map[string]*fileState{}
	incomplete := false
	for _, u := range app.Unresolved {
		incomplete = incomplete || u.Function == ""
	}
	for _, fn := range app.Functions {
		if fn.Unknown != nil {
			incomplete = true
			continue
		}
		st := folders[fn.Folder]
		if st == nil {
			st = &folderState{}
			folders[fn.Folder] = st
		}
		m, known := functionMap(fn)
		st.unknown = st.unknown || !known
		st.update(m)
		files[path.Join(fn.Folder, ResourcesFileName)] = &fileState{key: fn.Folder, cors: hasCORS(fn)}
	}
	var out []File
	for p, fs := range files {
		st := folders[fs.key]
		if incomplete || st.unknown {
			out = append(out, File{Path: p, Action: "unknown"})
			continue
		}
		content, ok, err := ResourcesFile(st.links, fs.cors, rules.Codegen)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if !ok {
			out = append(out, File{Path: p, Action: "delete"})
			continue
		}
		sum := sha256.Sum256([]byte(content))
		out = append(out, File{Path: p, Action: "write", SHA256: hex.EncodeToString(sum[:]), Content: content})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// functionMap is a function's own link map: link name → property names, a repeated
// name keeping its first position and its last list.
func functionMap(fn *config.Function) ([]LinkProps, bool) {
	var st folderState
	known := true
	for _, l := range fn.Links {
		if l.Unknown != nil || l.Properties.Unknown() != nil {
			known = false
			continue
		}
		var props []string
		if l.Properties != nil {
			props = append(props, l.Properties.Keys...)
		}
		st.update([]LinkProps{{Link: l.Name, Props: props}})
	}
	return st.links, known
}

// hasCORS is Stelvio's test: the CORS registry gave the function STLV_CORS_ALLOW_ORIGIN.
func hasCORS(fn *config.Function) bool {
	for _, c := range fn.CORS {
		if c.Name == "STLV_CORS_ALLOW_ORIGIN" {
			return true
		}
	}
	return false
}
