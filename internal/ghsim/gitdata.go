package ghsim

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// The Git Data API: blobs, trees, commits and refs.

func (r *Repo) blobURL(sha string) string   { return r.apiURL() + "/git/blobs/" + sha }
func (r *Repo) treeURL(sha string) string   { return r.apiURL() + "/git/trees/" + sha }
func (r *Repo) commitURL(sha string) string { return r.apiURL() + "/git/commits/" + sha }

func handleCreateBlob(req *request) response {
	var in struct {
		Content  *string `json:"content"`
		Encoding string  `json:"encoding"`
	}
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	if in.Content == nil {
		return validationFailed("Invalid request.\n\n\"content\" wasn't supplied.")
	}
	data := []byte(*in.Content)
	switch in.Encoding {
	case "", "utf-8":
	case "base64":
		decoded, err := base64.StdEncoding.DecodeString(*in.Content)
		if err != nil {
			return validationFailed("Invalid request.\n\ncontent is not valid Base64.")
		}
		data = decoded
	default:
		return validationFailed("Invalid request.\n\nencoding must be utf-8 or base64.")
	}
	sha := req.repo.objects.put("blob", data)
	return created(map[string]any{"sha": sha, "url": req.repo.blobURL(sha)}).with("Location", req.repo.blobURL(sha))
}

// base64Lines encodes as GitHub does for blobs and contents: 60 characters a line.
func base64Lines(data []byte) string {
	enc := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	for len(enc) > 60 {
		b.WriteString(enc[:60])
		b.WriteByte('\n')
		enc = enc[60:]
	}
	b.WriteString(enc)
	b.WriteByte('\n')
	return b.String()
}

func handleGetBlob(req *request) response {
	sha := req.param("file_sha")
	data, found := req.repo.objects.get(sha, "blob")
	if !found {
		return notFound()
	}
	if wantsRaw(req) {
		return response{status: http.StatusOK, raw: data}
	}
	return okJSON(map[string]any{
		"sha":      sha,
		"node_id":  shaNodeID("Blob", sha),
		"url":      req.repo.blobURL(sha),
		"size":     len(data),
		"content":  base64Lines(data),
		"encoding": "base64",
	})
}

// wantsRaw reports whether the client asked for the raw media type
// ("application/vnd.github.raw", or the older "application/vnd.github.v3.raw").
func wantsRaw(req *request) bool {
	return strings.Contains(req.Header.Get("Accept"), ".raw")
}

type treeInput struct {
	BaseTree *string `json:"base_tree"`
	Tree     []struct {
		Path    string  `json:"path"`
		Mode    string  `json:"mode"`
		Type    string  `json:"type"`
		SHA     *string `json:"sha"`
		Content *string `json:"content"`
	} `json:"tree"`
}

func handleCreateTree(req *request) response {
	var in treeInput
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	st := req.repo.objects
	flat := map[string]treeEntry{}
	if in.BaseTree != nil {
		if !st.flatten(*in.BaseTree, "", flat) {
			return validationFailed("Invalid tree info: base_tree " + *in.BaseTree + " is not a tree")
		}
	}
	for _, e := range in.Tree {
		mode := strings.TrimPrefix(e.Mode, "0")
		switch {
		case e.Content != nil:
			flat[e.Path] = treeEntry{mode: mode, sha: st.put("blob", []byte(*e.Content))}
		case e.SHA == nil:
			// `"sha": null` deletes the path, or a whole directory.
			for p := range flat {
				if p == e.Path || strings.HasPrefix(p, e.Path+"/") {
					delete(flat, p)
				}
			}
		case mode == "40000":
			delete(flat, e.Path)
			if !st.flatten(*e.SHA, e.Path+"/", flat) {
				return validationFailed("Invalid tree info: tree.sha " + *e.SHA + " is not a tree")
			}
		default:
			if _, found := st.get(*e.SHA, e.Type); !found && e.Type != "commit" {
				return validationFailed(fmt.Sprintf("Invalid tree info: tree.sha %s is not a valid %s", *e.SHA, e.Type))
			}
			flat[e.Path] = treeEntry{mode: mode, sha: strings.ToLower(*e.SHA)}
		}
	}
	sha := st.buildTree(flat)
	body, _ := req.repo.treeJSON(sha, false)
	return created(body).with("Location", req.repo.treeURL(sha))
}

func handleGetTree(req *request) response {
	recursive := req.query.Get("recursive")
	body, found := req.repo.treeJSON(req.param("tree_sha"), recursive != "" && recursive != "0" && recursive != "false")
	if !found {
		return notFound()
	}
	return okJSON(body)
}

func (r *Repo) treeJSON(sha string, recursive bool) (map[string]any, bool) {
	sha = r.peelToTree(sha)
	entries, found := r.objects.tree(sha)
	if !found {
		return nil, false
	}
	var items []map[string]any
	var walk func(entries []treeEntry, prefix string)
	walk = func(entries []treeEntry, prefix string) {
		sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
		for _, e := range entries {
			item := map[string]any{"path": prefix + e.name, "mode": e.apiMode(), "type": e.kind(), "sha": e.sha}
			switch e.kind() {
			case "blob":
				data, _ := r.objects.get(e.sha, "blob")
				item["size"] = len(data)
				item["url"] = r.blobURL(e.sha)
			case "tree":
				item["url"] = r.treeURL(e.sha)
			}
			items = append(items, item)
			if recursive && e.kind() == "tree" {
				sub, _ := r.objects.tree(e.sha)
				walk(sub, prefix+e.name+"/")
			}
		}
	}
	walk(entries, "")
	if items == nil {
		items = []map[string]any{}
	}
	return map[string]any{"sha": sha, "url": r.treeURL(sha), "tree": items, "truncated": false}, true
}

// peelToTree accepts a commit sha where a tree is wanted, as GitHub's trees endpoint does.
func (r *Repo) peelToTree(sha string) string {
	if c, ok := r.objects.commit(sha); ok {
		return c.tree
	}
	return strings.ToLower(sha)
}

type signatureInput struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Date  string `json:"date"`
}

func (in *signatureInput) signature(fallback signature) signature {
	if in == nil {
		return fallback
	}
	sg := signature{Name: in.Name, Email: in.Email, When: fallback.When}
	if t, err := time.Parse(time.RFC3339, in.Date); err == nil {
		sg.When = t
	}
	return sg
}

func handleCreateCommit(req *request) response {
	var in struct {
		Message   string          `json:"message"`
		Tree      string          `json:"tree"`
		Parents   []string        `json:"parents"`
		Author    *signatureInput `json:"author"`
		Committer *signatureInput `json:"committer"`
	}
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	st := req.repo.objects
	if _, found := st.tree(in.Tree); !found {
		return validationFailed("Tree SHA does not exist")
	}
	for _, p := range in.Parents {
		if _, found := st.commit(p); !found {
			return validationFailed("Parent SHA does not exist or is not a commit object")
		}
	}
	tokenUser := signature{Name: req.token.Login, Email: fmt.Sprintf("%d+%s@users.noreply.github.com", userID(req.token.Login), req.token.Login), When: req.repo.sim.now()}
	author := in.Author.signature(tokenUser)
	c := commitObj{tree: strings.ToLower(in.Tree), parents: in.Parents, author: author, committer: in.Committer.signature(author), message: in.Message}
	sha := st.put("commit", c.encode())
	return created(req.repo.gitCommitJSON(sha, c)).with("Location", req.repo.commitURL(sha))
}

func handleGetGitCommit(req *request) response {
	sha := strings.ToLower(req.param("commit_sha"))
	c, found := req.repo.objects.commit(sha)
	if !found {
		return notFound()
	}
	return okJSON(req.repo.gitCommitJSON(sha, c))
}

func signatureJSON(sg signature) map[string]any {
	return map[string]any{"name": sg.Name, "email": sg.Email, "date": stamp(sg.When)}
}

func (r *Repo) gitCommitJSON(sha string, c commitObj) map[string]any {
	parents := []map[string]any{}
	for _, p := range c.parents {
		parents = append(parents, map[string]any{"sha": p, "url": r.commitURL(p), "html_url": r.htmlURL() + "/commit/" + p})
	}
	return map[string]any{
		"sha":          sha,
		"node_id":      shaNodeID("Commit", sha),
		"url":          r.commitURL(sha),
		"html_url":     r.htmlURL() + "/commit/" + sha,
		"author":       signatureJSON(c.author),
		"committer":    signatureJSON(c.committer),
		"message":      c.message,
		"tree":         map[string]any{"sha": c.tree, "url": r.treeURL(c.tree)},
		"parents":      parents,
		"verification": map[string]any{"verified": false, "reason": "unsigned", "signature": nil, "payload": nil, "verified_at": nil},
	}
}

func (r *Repo) refJSON(name, sha string) map[string]any {
	return map[string]any{
		"ref":     name,
		"node_id": shaNodeID("Ref", name),
		"url":     r.apiURL() + "/git/" + name,
		"object":  map[string]any{"type": "commit", "sha": sha, "url": r.commitURL(sha)},
	}
}

func handleGetRef(req *request) response {
	name := "refs/" + req.param("ref")
	sha, found := req.repo.refs[name]
	if !found {
		return notFound()
	}
	return okJSON(req.repo.refJSON(name, sha))
}

func handleMatchingRefs(req *request) response {
	prefix := "refs/" + req.param("ref")
	names := make([]string, 0)
	for name := range req.repo.refs {
		if strings.HasPrefix(name, prefix) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	out := []map[string]any{}
	for _, name := range names {
		out = append(out, req.repo.refJSON(name, req.repo.refs[name]))
	}
	return okJSON(out)
}

func handleCreateRef(req *request) response {
	var in struct {
		Ref string `json:"ref"`
		SHA string `json:"sha"`
	}
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	if !strings.HasPrefix(in.Ref, "refs/") || strings.Count(in.Ref, "/") < 2 {
		return validationFailed("Reference name must start with 'refs/' and have at least two slashes.")
	}
	if _, exists := req.repo.refs[in.Ref]; exists {
		return validationFailed("Reference already exists")
	}
	if _, found := req.repo.objects.commit(in.SHA); !found {
		return validationFailed("Object does not exist")
	}
	req.repo.refs[in.Ref] = strings.ToLower(in.SHA)
	return created(req.repo.refJSON(in.Ref, req.repo.refs[in.Ref]))
}

func handleUpdateRef(req *request) response {
	name := "refs/" + req.param("ref")
	var in struct {
		SHA   string `json:"sha"`
		Force bool   `json:"force"`
	}
	if resp, ok := req.decode(&in); !ok {
		return resp
	}
	cur, exists := req.repo.refs[name]
	if !exists {
		return validationFailed("Reference does not exist")
	}
	sha := strings.ToLower(in.SHA)
	if _, found := req.repo.objects.commit(sha); !found {
		return validationFailed("Object does not exist")
	}
	if !in.Force && !req.repo.objects.isAncestor(cur, sha) {
		return validationFailed("Update is not a fast forward")
	}
	req.repo.refs[name] = sha
	return okJSON(req.repo.refJSON(name, sha))
}

func handleDeleteRef(req *request) response {
	name := "refs/" + req.param("ref")
	if _, exists := req.repo.refs[name]; !exists {
		return validationFailed("Reference does not exist")
	}
	delete(req.repo.refs, name)
	return response{status: http.StatusNoContent}
}
