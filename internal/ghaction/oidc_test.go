package ghaction

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testRequestToken = "runtime-request-token-xyz"
	testJWT          = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjpyZWYifQ.c2ln"
)

// tokenServer serves GitHub's token endpoint at /token, checking the request exactly, and
// answering with status codes from statuses (one per request, then 200).
func tokenServer(t *testing.T, wantAudience string, statuses ...int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1))
		if r.Method != http.MethodGet {
			t.Errorf("method = %s, want GET", r.Method)
		}
		if r.URL.Path != "/token" {
			t.Errorf("path = %s, want /token", r.URL.Path)
		}
		if got := r.URL.Query().Get("api-version"); got != "2.0" {
			t.Errorf("api-version = %q: the runner's query was not kept", got)
		}
		if got, ok := r.URL.Query()["audience"]; wantAudience == "" && ok || wantAudience != "" && (len(got) != 1 || got[0] != wantAudience) {
			t.Errorf("audience = %q (present %v), want %q", got, ok, wantAudience)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer "+testRequestToken {
			t.Errorf("Authorization = %q", got)
		}
		if n <= len(statuses) && statuses[n-1] != http.StatusOK {
			http.Error(w, "token service says no", statuses[n-1])
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"count": 1, "value": %q}`, testJWT)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func oidcEnv(srv *httptest.Server) map[string]string {
	return map[string]string{
		"ACTIONS_ID_TOKEN_REQUEST_URL":   srv.URL + "/token?api-version=2.0",
		"ACTIONS_ID_TOKEN_REQUEST_TOKEN": testRequestToken,
	}
}

func TestIDToken(t *testing.T) {
	srv, calls := tokenServer(t, "sts.amazonaws.com")
	a, out := newTestAction(t, oidcEnv(srv))
	token, err := a.IDToken(context.Background(), "sts.amazonaws.com")
	if err != nil {
		t.Fatal(err)
	}
	if token != testJWT {
		t.Errorf("token = %q", token)
	}
	if calls.Load() != 1 {
		t.Errorf("%d requests, want 1", calls.Load())
	}
	if !strings.Contains(out.String(), "::add-mask::"+testJWT+"\n") {
		t.Errorf("token not registered as a secret:\n%s", out.String())
	}
	a.Infof("token is %s", token)
	if strings.Contains(strings.ReplaceAll(out.String(), "::add-mask::"+testJWT, ""), testJWT) {
		t.Errorf("token leaked into the log:\n%s", out.String())
	}
}

func TestIDTokenAudienceIsEncoded(t *testing.T) {
	const audience = "https://example.com/a b&c=d"
	srv, _ := tokenServer(t, audience)
	var rawQuery string
	inner := srv.Config.Handler
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rawQuery = r.URL.RawQuery
		inner.ServeHTTP(w, r)
	})
	a, _ := newTestAction(t, oidcEnv(srv))
	if _, err := a.IDToken(context.Background(), audience); err != nil {
		t.Fatal(err)
	}
	if want := "api-version=2.0&audience=https%3A%2F%2Fexample.com%2Fa+b%26c%3Dd"; rawQuery != want {
		t.Errorf("query = %q, want %q", rawQuery, want)
	}
}

func TestIDTokenNoAudience(t *testing.T) {
	srv, _ := tokenServer(t, "")
	a, _ := newTestAction(t, oidcEnv(srv))
	if _, err := a.IDToken(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
}

func TestIDTokenRetriesServerErrors(t *testing.T) {
	srv, calls := tokenServer(t, "sts.amazonaws.com", 502, 503)
	a, _ := newTestAction(t, oidcEnv(srv))
	a.tokenRetryDelay = time.Millisecond
	token, err := a.IDToken(context.Background(), "sts.amazonaws.com")
	if err != nil || token != testJWT {
		t.Fatalf("token, err = %q, %v", token, err)
	}
	if calls.Load() != 3 {
		t.Errorf("%d requests, want 3", calls.Load())
	}
}

func TestIDTokenErrors(t *testing.T) {
	t.Run("missing env", func(t *testing.T) {
		a, _ := newTestAction(t, map[string]string{"ACTIONS_ID_TOKEN_REQUEST_URL": "http://x"})
		_, err := a.IDToken(context.Background(), "sts.amazonaws.com")
		if err == nil || !strings.Contains(err.Error(), "id-token: write") {
			t.Errorf("err = %v, want a hint about permissions", err)
		}
	})
	t.Run("forbidden is not retried", func(t *testing.T) {
		srv, calls := tokenServer(t, "sts.amazonaws.com", 403)
		a, _ := newTestAction(t, oidcEnv(srv))
		a.tokenRetryDelay = time.Millisecond
		_, err := a.IDToken(context.Background(), "sts.amazonaws.com")
		if err == nil || !strings.Contains(err.Error(), "403") || !strings.Contains(err.Error(), "token service says no") {
			t.Errorf("err = %v", err)
		}
		if calls.Load() != 1 {
			t.Errorf("%d requests, want 1", calls.Load())
		}
	})
	t.Run("server errors give up", func(t *testing.T) {
		srv, calls := tokenServer(t, "sts.amazonaws.com", 500, 500, 500, 500)
		a, _ := newTestAction(t, oidcEnv(srv))
		a.tokenRetryDelay = time.Millisecond
		if _, err := a.IDToken(context.Background(), "sts.amazonaws.com"); err == nil || !strings.Contains(err.Error(), "500") {
			t.Errorf("err = %v", err)
		}
		if calls.Load() != idTokenAttempts {
			t.Errorf("%d requests, want %d", calls.Load(), idTokenAttempts)
		}
	})
	for name, body := range map[string]string{"not json": "<html>", "no value": `{"count":0}`} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, body)
			}))
			defer srv.Close()
			a, _ := newTestAction(t, oidcEnv(srv))
			if _, err := a.IDToken(context.Background(), "x"); err == nil {
				t.Error("no error")
			}
		})
	}
	t.Run("context deadline", func(t *testing.T) {
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		defer srv.Close()
		defer close(release)
		a, _ := newTestAction(t, oidcEnv(srv))
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		if _, err := a.IDToken(ctx, "x"); err == nil || !strings.Contains(err.Error(), "deadline") {
			t.Errorf("err = %v", err)
		}
	})
}
