package ghsim

import (
	"net/http"
	"strings"
)

// permission is a fine-grained token permission ("contents", "issues", ...) and the access
// level an operation needs in it.
type permission struct {
	scope string
	write bool
	// alt is a second scope that also grants the operation: commenting on or labelling a pull
	// request works with either issues or pull_requests write access.
	alt string
}

func readOf(scope string) permission  { return permission{scope: scope} }
func writeOf(scope string) permission { return permission{scope: scope, write: true} }

// Access is a token's level in one permission scope.
type Access int

// Access levels, as in a workflow's `permissions:` block.
const (
	NoAccess Access = iota
	Read
	Write
)

// Token is an installation or personal token the simulator accepts.
type Token struct {
	Value string
	// Login is who the token acts as: it is the author of comments and check runs it creates.
	Login string
	// Type is the user type reported for Login ("Bot" or "User").
	Type string
	// Perms maps a scope ("contents", "issues", "pull_requests", "checks", "deployments",
	// "statuses", "metadata") to the access the token has; a missing scope is NoAccess.
	Perms map[string]Access
}

// The tokens every simulator knows from the start.
const (
	// WriteToken acts like a workflow's GITHUB_TOKEN with write permissions.
	WriteToken = "ghs_simWriteToken0000000000000000000000"
	// ReadOnlyToken acts like GITHUB_TOKEN on a pull request from a fork: read everything,
	// write nothing.
	ReadOnlyToken = "ghs_simReadOnlyToken000000000000000000"
	// BotLogin is the author of what WriteToken creates.
	BotLogin = "github-actions[bot]"
)

var allScopes = []string{"actions", "checks", "contents", "deployments", "issues", "metadata", "pull_requests", "statuses"}

// AllAccess returns a permission set with every scope at the given level (metadata is always
// readable).
func AllAccess(level Access) map[string]Access {
	perms := map[string]Access{}
	for _, sc := range allScopes {
		perms[sc] = level
	}
	perms["metadata"] = Read
	return perms
}

func (s *Sim) addDefaultTokens() {
	s.tokens[WriteToken] = &Token{Value: WriteToken, Login: BotLogin, Type: "Bot", Perms: AllAccess(Write)}
	s.tokens[ReadOnlyToken] = &Token{Value: ReadOnlyToken, Login: BotLogin, Type: "Bot", Perms: AllAccess(Read)}
}

// AddToken makes the simulator accept another token, such as a `commit-token` PAT.
func (s *Sim) AddToken(tok Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if tok.Type == "" {
		tok.Type = "User"
	}
	if tok.Perms == nil {
		tok.Perms = AllAccess(Write)
	}
	s.tokens[tok.Value] = &tok
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	for _, prefix := range []string{"Bearer ", "bearer ", "token "} {
		if strings.HasPrefix(h, prefix) {
			return strings.TrimSpace(h[len(prefix):])
		}
	}
	return ""
}

// anonymous stands for requests without a token: they can read (the simulated repositories
// are public) but not write.
var anonymous = Token{Login: "", Perms: map[string]Access{"metadata": Read, "contents": Read, "issues": Read, "pull_requests": Read, "checks": Read, "deployments": Read, "statuses": Read}}

func (s *Sim) authenticate(r *http.Request) (*Token, response, bool) {
	value := bearer(r)
	if value == "" {
		tok := anonymous
		return &tok, response{}, true
	}
	tok, found := s.tokens[value]
	if !found {
		return nil, errorResponse(http.StatusUnauthorized, "Bad credentials"), false
	}
	return tok, response{}, true
}

func (s *Sim) authorize(req *request) (response, bool) {
	need := req.route.perm
	if need.scope == "" {
		return response{}, true
	}
	want := Read
	if need.write {
		want = Write
	}
	if req.token.Perms[need.scope] >= want || (need.alt != "" && req.token.Perms[need.alt] >= want) {
		return response{}, true
	}
	if req.token.Value == "" && need.write {
		return errorResponse(http.StatusUnauthorized, "Requires authentication"), false
	}
	return errorResponse(http.StatusForbidden, "Resource not accessible by integration"), false
}
