package ghsim

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// The Actions OIDC token endpoint is served by the Actions runtime, not the REST API: it is
// not in the OpenAPI description and is never validated against it.
const (
	oidcTemplate = "/oidc/token"
	oidcRoute    = "GET " + oidcTemplate
	// OIDCRequestToken is the bearer token the runtime hands the job in
	// ACTIONS_ID_TOKEN_REQUEST_TOKEN; the endpoint accepts only it.
	OIDCRequestToken = "sim-actions-id-token-request-token"
)

// OIDCRequestURL is the value for ACTIONS_ID_TOKEN_REQUEST_URL. Like the real one it already
// carries a query, so a client must append "&audience=...".
func (s *Sim) OIDCRequestURL() string { return s.srv.URL + oidcTemplate + "?api-version=2.0" }

// OIDCTokens returns every ID token handed out so far, so tests can check none leaked.
func (s *Sim) OIDCTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.oidc...)
}

// handleOIDCToken hands out an ID token for the requested audience. Its claims are fixed:
// only a stand-in STS ever reads them.
func (s *Sim) handleOIDCToken(req *request) response {
	if bearer(req.Request) != OIDCRequestToken {
		return errorResponse(http.StatusUnauthorized, "Bad credentials")
	}
	audience := req.query.Get("audience")
	if audience == "" {
		audience = "https://github.com"
	}
	tok := fakeJWT(map[string]any{
		"iss": "https://token.actions.githubusercontent.com",
		"aud": audience,
		"sub": "repo:sim/sim:ref:refs/heads/main",
		"iat": s.clock.Unix(),
		"exp": s.clock.Unix() + 300,
		"jti": fmt.Sprintf("sim-%d", s.newID()),
	})
	s.oidc = append(s.oidc, tok)
	return okJSON(map[string]any{"count": 1, "value": tok})
}

// fakeJWT has a JWT's shape (three base64url parts, a real header and claims) but an
// invalid signature: only a stand-in STS accepts it.
func fakeJWT(claims map[string]any) string {
	enc := func(v any) string {
		data, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(data)
	}
	sig := base64.RawURLEncoding.EncodeToString([]byte(strings.Repeat("ghsim-signature", 4)))
	return enc(map[string]any{"alg": "RS256", "typ": "JWT", "kid": "ghsim"}) + "." + enc(claims) + "." + sig
}
