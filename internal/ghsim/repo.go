package ghsim

import "strings"

// Repo is one simulated repository. Its exported methods seed and inspect state from tests
// and are safe to call while the server runs.
type Repo struct {
	sim           *Sim
	id            int64
	owner, name   string
	defaultBranch string
	parent        *Repo // the repository this one is a fork of

	objects  *objectStore
	refs     map[string]string // "refs/heads/main" -> commit sha
	pulls    map[int]*pullRequest
	issues   map[int]*issue // issue and pull request numbers share one sequence
	nextNum  int
	labels   map[string]*label // by lower-cased name
	checks   []*checkRun
	deploys  []*deployment
	collabs  map[string]string // login -> "admin", "maintain", "write", "triage", "read"
	comments []*comment
}

// issue holds what issues and pull requests share: labels and comments.
type issue struct {
	number int
	title  string
	user   string
	labels []string // lower-cased label keys, in the order added
}

func repoKey(owner, name string) string { return strings.ToLower(owner + "/" + name) }

// Repo returns the repository owner/name, creating it (empty, default branch "main") on
// first use.
func (s *Sim) Repo(owner, name string) *Repo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.repo(owner, name)
}

func (s *Sim) repo(owner, name string) *Repo {
	key := repoKey(owner, name)
	if r, ok := s.repos[key]; ok {
		return r
	}
	r := &Repo{
		sim:           s,
		id:            s.newID(),
		owner:         owner,
		name:          name,
		defaultBranch: "main",
		objects:       newObjectStore(),
		refs:          map[string]string{},
		pulls:         map[int]*pullRequest{},
		issues:        map[int]*issue{},
		nextNum:       1,
		labels:        map[string]*label{},
		collabs:       map[string]string{strings.ToLower(owner): "admin"},
	}
	s.repos[key] = r
	return r
}

// Fork returns the fork of r owned by owner, sharing r's objects and branches at the time of
// forking, as GitHub does.
func (r *Repo) Fork(owner string) *Repo {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	f := r.sim.repo(owner, r.name)
	f.parent = r
	f.defaultBranch = r.defaultBranch
	for sha, obj := range r.objects.objs {
		f.objects.objs[sha] = obj
	}
	for ref, sha := range r.refs {
		if strings.HasPrefix(ref, "refs/heads/") {
			f.refs[ref] = sha
		}
	}
	return f
}

// FullName is "owner/name".
func (r *Repo) FullName() string { return r.owner + "/" + r.name }

// SetDefaultBranch changes the default branch name (it need not exist yet).
func (r *Repo) SetDefaultBranch(name string) {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	r.defaultBranch = name
}

// SetPermission makes login a collaborator with the given role ("admin", "maintain",
// "write", "triage", "read", or "none" to remove).
func (r *Repo) SetPermission(login, role string) {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	if role == "none" {
		delete(r.collabs, strings.ToLower(login))
		return
	}
	r.collabs[strings.ToLower(login)] = role
}

func (r *Repo) newIssue(title, user string) *issue {
	is := &issue{number: r.nextNum, title: title, user: user}
	r.issues[is.number] = is
	r.nextNum++
	return is
}

// Issue creates a plain issue (not a pull request) and returns its number.
func (r *Repo) Issue(title, user string) int {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	return r.newIssue(title, user).number
}

// handleGetRepo serves GET /repos/{owner}/{repo}.
func handleGetRepo(req *request) response { return okJSON(req.repo.json()) }
