package github

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds how the client waits out GitHub's transient failures: server errors
// (5xx) and primary or secondary rate limits.
type RetryPolicy struct {
	// MaxRetries is how many times one request is retried (default 4).
	MaxRetries int
	// MaxWait caps the total time one client spends waiting, over all its requests
	// (default 2 minutes): a rate limit that resets later than that fails the call at once
	// with a message saying when it resets, rather than holding the job.
	MaxWait time.Duration
	// Backoff is the first pause after a server error; it doubles each retry (default 1s).
	Backoff time.Duration
	// AttemptTimeout bounds one HTTP attempt, response body included (default 30s).
	AttemptTimeout time.Duration
	// Sleep waits d or until ctx ends; tests replace it so they never sleep for real.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock X-RateLimit-Reset is compared with.
	Now func() time.Time
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxRetries <= 0 {
		p.MaxRetries = 4
	}
	if p.MaxWait <= 0 {
		p.MaxWait = 2 * time.Minute
	}
	if p.Backoff <= 0 {
		p.Backoff = time.Second
	}
	if p.AttemptTimeout <= 0 {
		p.AttemptTimeout = 30 * time.Second
	}
	if p.Sleep == nil {
		p.Sleep = sleep
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	return p
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// secondaryFloor is what GitHub asks clients to wait after a secondary rate limit that
// names no time: "at least one minute".
const secondaryFloor = time.Minute

type noServerRetryKey struct{}

// withoutServerRetry marks a request that must not be repeated after a 5xx or a broken
// connection: GitHub may have done it anyway, and a second create would duplicate what the
// first made (the caller checks and decides). Rate-limited requests are still retried:
// GitHub refused those before doing anything. Every other call we make is safe to repeat:
// reads, updates to a given state, and content-addressed git objects.
func withoutServerRetry(ctx context.Context) context.Context {
	return context.WithValue(ctx, noServerRetryKey{}, true)
}

// retryTransport repeats requests that failed for a transient reason, waiting as GitHub
// asks, within the policy's bounds. It sits under go-github, so go-github only ever sees
// the final answer.
type retryTransport struct {
	base   http.RoundTripper
	policy RetryPolicy
	waited *waitBudget
}

// waitBudget is the time a client has spent waiting, shared by all its requests.
type waitBudget struct {
	total chan time.Duration // one slot: a mutex that also holds the value
}

func newWaitBudget() *waitBudget {
	b := &waitBudget{total: make(chan time.Duration, 1)}
	b.total <- 0
	return b
}

// take reserves d of the budget, or reports how much is left when d does not fit.
func (b *waitBudget) take(d, max time.Duration) (left time.Duration, ok bool) {
	spent := <-b.total
	defer func() { b.total <- spent }()
	if spent+d > max {
		return max - spent, false
	}
	spent += d
	return 0, true
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := t.attempt(req, attempt)
		wait, why := t.retryAfter(req, resp, err, attempt)
		if why == "" {
			return resp, err
		}
		if left, ok := t.waited.take(wait, t.policy.MaxWait); !ok {
			if resp != nil {
				resp.Header.Set(giveUpHeader, fmt.Sprintf("%s: waiting %s more would exceed the %s this run waits for GitHub (%s left)",
					why, wait.Round(time.Second), t.policy.MaxWait, left.Round(time.Second)))
			}
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
		}
		if err := t.policy.Sleep(req.Context(), wait); err != nil {
			return nil, fmt.Errorf("waiting %s after %s: %w", wait, why, err)
		}
	}
}

// giveUpHeader carries, on the last answer, why the client stopped retrying; the client
// adds it to the error it returns.
const giveUpHeader = "X-Stelvio-Retry-Stopped"

// attempt sends one try with its own deadline, released when the body is closed.
func (t *retryTransport) attempt(req *http.Request, n int) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.policy.AttemptTimeout)
	r := req.Clone(ctx)
	if n > 0 && req.Body != nil && req.Body != http.NoBody {
		if req.GetBody == nil {
			cancel()
			return nil, errors.New("cannot retry a request whose body cannot be read again")
		}
		body, err := req.GetBody()
		if err != nil {
			cancel()
			return nil, fmt.Errorf("rewind request body: %w", err)
		}
		r.Body = body
	}
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// retryAfter decides whether to try again and after how long; why is "" for no retry.
func (t *retryTransport) retryAfter(req *http.Request, resp *http.Response, err error, attempt int) (time.Duration, string) {
	if attempt >= t.policy.MaxRetries || req.Context().Err() != nil {
		return 0, ""
	}
	backoff := t.policy.Backoff << attempt
	// A broken connection or a server error may come after GitHub did the work: repeat
	// only requests whose repetition cannot duplicate anything.
	repeatable := req.Context().Value(noServerRetryKey{}) == nil
	if err != nil {
		if repeatable {
			return backoff, "network error"
		}
		return 0, ""
	}
	switch {
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		if !repeatable {
			return 0, ""
		}
		return backoff, fmt.Sprintf("GitHub answered %d", resp.StatusCode)
	case resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests:
		return t.rateLimitWait(resp, attempt)
	}
	return 0, ""
}

// rateLimitWait reads GitHub's rate-limit answer: Retry-After first, then an exhausted
// primary limit's X-RateLimit-Reset, then a secondary limit without a time.
func (t *retryTransport) rateLimitWait(resp *http.Response, attempt int) (time.Duration, string) {
	if s := resp.Header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 0 {
			return time.Duration(n) * time.Second, "rate limited (Retry-After)"
		}
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			// A second more, because the reset time is rounded down to whole seconds.
			d := time.Unix(reset, 0).Sub(t.policy.Now()) + time.Second
			return max(d, time.Second), "primary rate limit"
		}
	}
	if isSecondaryLimit(resp) {
		return secondaryFloor << attempt, "secondary rate limit"
	}
	return 0, ""
}

// isSecondaryLimit peeks at a 403 body for GitHub's secondary rate limit message, leaving
// the body readable for go-github.
func isSecondaryLimit(resp *http.Response) bool {
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(data), resp.Body), resp.Body}
	return err == nil && bytes.Contains(bytes.ToLower(data), []byte("secondary rate limit"))
}
