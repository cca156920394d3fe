package ghaction

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const (
	// idTokenTimeout bounds the whole token request, retries included.
	idTokenTimeout = 30 * time.Second
	// idTokenAttempts bounds retries on 5xx and transport errors; GitHub's token service
	// has brief outages that a second try usually rides out.
	idTokenAttempts = 3
	// maxTokenResponse bounds what we read of the response; a JWT is a few KiB.
	maxTokenResponse = 1 << 20
)

// IDToken requests a GitHub OIDC token for audience (e.g. "sts.amazonaws.com"; "" leaves
// the audience to GitHub's default) and masks it before returning it. The job needs
// `permissions: id-token: write`, without which the runner does not offer the token service.
func (a *Action) IDToken(ctx context.Context, audience string) (string, error) {
	endpoint := a.getenv("ACTIONS_ID_TOKEN_REQUEST_URL")
	bearer := a.getenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN")
	if endpoint == "" || bearer == "" {
		return "", errors.New("OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set; " +
			"add `permissions: id-token: write` to the job (or workflow) that runs this action")
	}
	a.AddMask(bearer)
	if audience != "" {
		sep := "?"
		if strings.Contains(endpoint, "?") {
			sep = "&"
		}
		endpoint += sep + "audience=" + url.QueryEscape(audience)
	}
	ctx, cancel := context.WithTimeout(ctx, idTokenTimeout)
	defer cancel()

	delay := a.tokenRetryDelay
	var lastErr error
	for attempt := 1; attempt <= idTokenAttempts; attempt++ {
		token, retry, err := a.requestIDToken(ctx, endpoint, bearer)
		if err == nil {
			a.AddMask(token)
			return token, nil
		}
		lastErr = err
		if !retry || attempt == idTokenAttempts {
			break
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("OIDC token: %w (last error: %w)", ctx.Err(), lastErr)
		case <-time.After(delay):
		}
		delay *= 2
	}
	return "", fmt.Errorf("OIDC token: %w", lastErr)
}

// requestIDToken makes one attempt; retry says whether another one may succeed.
func (a *Action) requestIDToken(ctx context.Context, endpoint, bearer string) (token string, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return "", false, fmt.Errorf("bad ACTIONS_ID_TOKEN_REQUEST_URL: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+bearer)
	req.Header.Set("Accept", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		return "", ctx.Err() == nil, fmt.Errorf("request: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse))
	if err != nil {
		return "", true, fmt.Errorf("read response: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		// The body is GitHub's error text, not a token, but it is masked all the same.
		return "", resp.StatusCode >= 500, fmt.Errorf("%s: %s", resp.Status, a.Mask(snippet(body)))
	}
	var payload struct {
		Value string `json:"value"`
	}
	if err := json.Unmarshal(body, &payload); err != nil {
		return "", false, fmt.Errorf("response is not the expected JSON: %w", err)
	}
	if payload.Value == "" {
		return "", false, errors.New(`response has no "value"`)
	}
	return payload.Value, false, nil
}

func snippet(body []byte) string {
	const max = 300
	s := strings.TrimSpace(string(body))
	if len(s) > max {
		s = s[:max] + "…"
	}
	return s
}
