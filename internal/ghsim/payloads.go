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
	created := stamp(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	m := map[string]any{
		"id":                r.id,
		"node_id":           nodeID("Repository", r.id),
		"name":              r.name,
		"full_name":         r.FullName(),
		"owner":             r.sim.userJSON(r.owner),
		"private":           false,
		"fork":              r.parent != nil,
		"description":       nil,
		"homepage":          nil,
		"language":          "Python",
		"license":           nil,
		"mirror_url":        nil,
		"html_url":          r.htmlURL(),
		"url":               api,
		"clone_url":         r.htmlURL() + ".git",
		"git_url":           "git://github.com/" + r.FullName() + ".git",
		"ssh_url":           "git@github.com:" + r.FullName() + ".git",
		"svn_url":           r.htmlURL(),
		"default_branch":    r.defaultBranch,
		"visibility":        "public",
		"archived":          false,
		"disabled":          false,
		"has_issues":        true,
		"has_projects":      false,
		"has_wiki":          false,
		"has_pages":         false,
		"has_downloads":     false,
		"has_discussions":   false,
		"allow_forking":     true,
		"permissions":       map[string]any{"admin": false, "maintain": false, "push": true, "triage": true, "pull": true},
		"forks":             0,
		"forks_count":       0,
		"open_issues":       0,
		"open_issues_count": 0,
		"stargazers_count":  0,
		"watchers":          0,
		"watchers_count":    0,
		"network_count":     0,
		"subscribers_count": 0,
		"size":              0,
		"created_at":        created,
		"updated_at":        created,
		"pushed_at":         created,
	}
	// The URL templates every repository object carries.
	for key, suffix := range map[string]string{
		"archive_url": "/{archive_format}{/ref}", "assignees_url": "/assignees{/user}", "blobs_url": "/git/blobs{/sha}",
		"branches_url": "/branches{/branch}", "collaborators_url": "/collaborators{/collaborator}", "comments_url": "/comments{/number}",
		"commits_url": "/commits{/sha}", "compare_url": "/compare/{base}...{head}", "contents_url": "/contents/{+path}",
		"contributors_url": "/contributors", "deployments_url": "/deployments", "downloads_url": "/downloads", "events_url": "/events",
		"forks_url": "/forks", "git_commits_url": "/git/commits{/sha}", "git_refs_url": "/git/refs{/sha}", "git_tags_url": "/git/tags{/sha}",
		"hooks_url": "/hooks", "issue_comment_url": "/issues/comments{/number}", "issue_events_url": "/issues/events{/number}",
		"issues_url": "/issues{/number}", "keys_url": "/keys{/key_id}", "labels_url": "/labels{/name}", "languages_url": "/languages",
		"merges_url": "/merges", "milestones_url": "/milestones{/number}", "notifications_url": "/notifications{?since,all,participating}",
		"pulls_url": "/pulls{/number}", "releases_url": "/releases{/id}", "stargazers_url": "/stargazers", "statuses_url": "/statuses/{sha}",
		"subscribers_url": "/subscribers", "subscription_url": "/subscription", "tags_url": "/tags", "teams_url": "/teams",
		"trees_url": "/git/trees{/sha}",
	} {
		m[key] = api + suffix
	}
	if r.parent != nil {
		m["parent"] = r.parent.shortRepoJSON()
		m["source"] = r.parent.shortRepoJSON()
	}
	return m
}

// appJSON is the GitHub Actions app, which owns the check runs a workflow token creates.
func (s *Sim) appJSON() map[string]any {
	created := stamp(time.Date(2018, 7, 30, 9, 30, 17, 0, time.UTC))
	return map[string]any{
		"id": 15368, "slug": "github-actions", "node_id": "MDM6QXBwMTUzNjg=", "name": "GitHub Actions",
		"description": "Automate your workflow from idea to production", "owner": s.userJSON("github"),
		"external_url": "https://help.github.com/en/actions", "html_url": "https://github.com/apps/github-actions",
		"created_at": created, "updated_at": created,
		"permissions": map[string]any{"checks": "write", "contents": "write", "deployments": "write", "issues": "write", "metadata": "read", "pull_requests": "write"},
		"events":      []string{"check_run", "check_suite", "pull_request", "push", "workflow_dispatch"},
	}
}

// shortRepoJSON is the repository object nested in pull requests and events: the same
// fields without the parent chain.
func (r *Repo) shortRepoJSON() map[string]any {
	m := r.json()
	delete(m, "parent")
	return m
}
