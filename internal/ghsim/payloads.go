package ghsim

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"strings"
	"time"
)

// The JSON builders below give the fields go-github reads and the URLs GitHub's responses
// carry, so that code under test sees realistic objects.

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func nodeID(kind string, id int64) string {
	return base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf("%s:%d", kind, id)))
}

func shaNodeID(kind, key string) string {
	return base64.StdEncoding.EncodeToString([]byte(kind + ":" + key))
}

// userID derives a stable id from a login, so the same user has the same id everywhere.
func userID(login string) int64 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(strings.ToLower(login)))
	return int64(h.Sum32()%90_000_000) + 1_000_000
}

func (s *Sim) userJSON(login string) map[string]any {
	typ := "User"
	if strings.HasSuffix(login, "[bot]") {
		typ = "Bot"
	}
	id := userID(login)
	api := s.apiBase() + "/users/" + login
	return map[string]any{
		"login":               login,
		"id":                  id,
		"node_id":             nodeID("User", id),
		"avatar_url":          fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", id),
		"gravatar_id":         "",
		"url":                 api,
		"html_url":            htmlBase + "/" + login,
		"followers_url":       api + "/followers",
		"following_url":       api + "/following{/other_user}",
		"gists_url":           api + "/gists{/gist_id}",
		"starred_url":         api + "/starred{/owner}{/repo}",
		"subscriptions_url":   api + "/subscriptions",
		"organizations_url":   api + "/orgs",
		"repos_url":           api + "/repos",
		"events_url":          api + "/events{/privacy}",
		"received_events_url": api + "/received_events",
		"type":                typ,
		"site_admin":          false,
	}
}

func (r *Repo) apiURL() string  { return r.sim.apiBase() + "/repos/" + r.FullName() }
func (r *Repo) htmlURL() string { return htmlBase + "/" + r.FullName() }

func (r *Repo) json() map[string]any {
	api := r.apiURL()
	m := map[string]any{
		"id":                r.id,
		"node_id":           nodeID("Repository", r.id),
		"name":              r.name,
		"full_name":         r.FullName(),
		"owner":             r.sim.userJSON(r.owner),
		"private":           false,
		"fork":              r.parent != nil,
		"html_url":          r.htmlURL(),
		"url":               api,
		"clone_url":         r.htmlURL() + ".git",
		"git_url":           "git://github.com/" + r.FullName() + ".git",
		"ssh_url":           "git@github.com:" + r.FullName() + ".git",
		"svn_url":           r.htmlURL(),
		"pulls_url":         api + "/pulls{/number}",
		"issues_url":        api + "/issues{/number}",
		"commits_url":       api + "/commits{/sha}",
		"git_refs_url":      api + "/git/refs{/sha}",
		"trees_url":         api + "/git/trees{/sha}",
		"blobs_url":         api + "/git/blobs{/sha}",
		"contents_url":      api + "/contents/{+path}",
		"deployments_url":   api + "/deployments",
		"labels_url":        api + "/labels{/name}",
		"default_branch":    r.defaultBranch,
		"visibility":        "public",
		"archived":          false,
		"disabled":          false,
		"has_issues":        true,
		"permissions":       map[string]any{"admin": false, "maintain": false, "push": true, "triage": true, "pull": true},
		"allow_forking":     true,
		"forks_count":       0,
		"open_issues_count": 0,
	}
	if r.parent != nil {
		m["parent"] = r.parent.json()
	}
	return m
}

// shortRepoJSON is the repository object nested in pull requests and events: the same
// fields without the parent chain.
func (r *Repo) shortRepoJSON() map[string]any {
	m := r.json()
	delete(m, "parent")
	return m
}
