package linker

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"sort"

	"github.com/stelvio-action/stelvio-action/internal/config"
)

// ResourcesFileName is the file Stelvio writes next to handlers.
const ResourcesFileName = "stlv_resources.py"

// folderRules are how Stelvio merges the functions of one folder into its file; they
// changed in 0.10.1b7 (stelvio-newer.md §4).
type folderRules struct {
	union      bool // a link's properties are the union over the folder's functions
	skipEmpty  bool // links without properties stay out of the map
	corsSticky bool // CorsResource stays if any function of the folder has CORS
	normalised bool // "x/" and "x" are one folder key
}

func folderRulesOf(r Rules) folderRules {
	return folderRules{union: r.FolderMapUnion, skipEmpty: r.LinkMapSkipsEmpty, corsSticky: r.FolderCORSSticky, normalised: r.FolderKeyNormalised}
}

// folderState is one registry key of Stelvio's LinkPropertiesRegistry: the accumulated
// link map of every function created so far with that folder key.
type folderState struct {
	links   []LinkProps
	index   map[string]int
	unknown bool
}

func (f *folderState) update(m []LinkProps, union bool) {
	if f.index == nil {
		f.index = map[string]int{}
	}
	for _, lp := range m {
		i, ok := f.index[lp.Link]
		switch {
		case !ok:
			f.index[lp.Link] = len(f.links)
			f.links = append(f.links, LinkProps{Link: lp.Link, Props: append([]string(nil), lp.Props...)})
		case union:
			for _, p := range lp.Props {
				if !slices.Contains(f.links[i].Props, p) {
					f.links[i].Props = append(f.links[i].Props, p)
				}
			}
		default:
			f.links[i].Props = lp.Props
		}
	}
}

// fileState is what the last function writing one path left there.
type fileState struct {
	key  string
	cors bool
}

// planFiles replays Stelvio's writes of stlv_resources.py in creation order (linking.md
// §5.6). When the pinned version's folder rules are not confirmed, a file whose content
// depends on them is reported unknown rather than guessed.
func planFiles(app *config.App, rules Rules) ([]File, error) {
	own := folderRulesOf(rules)
	files, err := planFilesWith(app, rules.Codegen, own)
	if err != nil {
		return nil, err
	}
	var other folderRules
	var unsure Unsure
	for _, u := range rules.Unsure {
		switch u {
		case UnsureFolderRules0100:
			other, unsure = folderRules{union: true, skipEmpty: true, corsSticky: true, normalised: true}, u
		case UnsureFolderRules0101:
			other, unsure = folderRules{}, u
		}
	}
	if unsure == "" {
		return files, nil
	}
	alt, err := planFilesWith(app, rules.Codegen, other)
	if err != nil {
		return nil, err
	}
	altByPath := map[string]File{}
	for _, f := range alt {
		altByPath[f.Path] = f
	}
	for i, f := range files {
		if a := altByPath[f.Path]; a.Action != f.Action || a.Content != f.Content {
			files[i] = File{Path: f.Path, Action: "unknown", Reason: string(unsure)}
		}
	}
	return files, nil
}

func planFilesWith(app *config.App, flavour CodegenFlavour, fr folderRules) ([]File, error) {
	folders := map[string]*folderState{}
	files := map[string]*fileState{}
	anyCORS := map[string]bool{}
	incomplete := ""
	for _, u := range app.Unresolved {
		if u.Function == "" && incomplete == "" {
			incomplete = "the app creates functions that cannot be known statically (" + u.Pos.String() + "), so any folder may be affected"
		}
	}
	for _, fn := range app.Functions {
		if fn.Unknown != nil {
			if incomplete == "" {
				incomplete = "function " + fn.Name + " cannot be known statically (" + fn.DefinedAt.String() + ")"
			}
			continue
		}
		key := fn.Folder
		if fr.normalised {
			key = path.Clean(key)
		}
		st := folders[key]
		if st == nil {
			st = &folderState{}
			folders[key] = st
		}
		m, known := functionMap(fn, fr.skipEmpty)
		st.unknown = st.unknown || !known
		st.update(m, fr.union)
		p := path.Join(fn.Folder, ResourcesFileName)
		anyCORS[p] = anyCORS[p] || hasCORS(fn)
		files[p] = &fileState{key: key, cors: hasCORS(fn)}
	}
	var out []File
	for p, fs := range files {
		st := folders[fs.key]
		switch {
		case incomplete != "":
			out = append(out, File{Path: p, Action: "unknown", Reason: incomplete})
			continue
		case st.unknown:
			out = append(out, File{Path: p, Action: "unknown", Reason: "a function in " + fs.key + " has links that cannot be known statically"})
			continue
		}
		cors := fs.cors || (fr.corsSticky && anyCORS[p])
		content, ok, err := ResourcesFile(st.links, cors, flavour)
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
func functionMap(fn *config.Function, skipEmpty bool) ([]LinkProps, bool) {
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
		if skipEmpty && len(props) == 0 {
			continue
		}
		st.update([]LinkProps{{Link: l.Name, Props: props}}, false)
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
