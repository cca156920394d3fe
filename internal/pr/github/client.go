// Package github is the part of GitHub's REST API the pull-request review uses, on
// go-github, with plain types in and out, bounded retries on server errors and rate limits,
// and a deadline on every attempt.
package github

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	gh "github.com/google/go-github/v62/github"
)

// Config says which GitHub to talk to, as whom, about which repository.
type Config struct {
	// Token authenticates every call; "" makes anonymous calls (reads of public repositories).
	Token string
	// APIURL is GITHUB_API_URL; "" or https://api.github.com is github.com, anything else an
	// Enterprise Server (or a simulator) whose API lives at that URL.
	APIURL string
	// Owner and Repo name the repository every call is about.
	Owner, Repo string
	// Transport carries the requests (default http.DefaultTransport).
	Transport http.RoundTripper
	Retry     RetryPolicy
	UserAgent string
}

// Client calls GitHub for one repository. It is safe for concurrent use.
type Client struct {
	gh          *gh.Client
	owner, repo string
}

const publicAPI = "https://api.github.com"

// New returns a client for cfg.
func New(cfg Config) (*Client, error) {
	if cfg.Owner == "" || cfg.Repo == "" {
		return nil, errors.New("github client: the repository owner and name are required")
	}
	base := cfg.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	transport := &retryTransport{base: base, policy: cfg.Retry.withDefaults(), waited: newWaitBudget()}
	c := gh.NewClient(&http.Client{Transport: transport})
	if cfg.Token != "" {
		c = c.WithAuthToken(cfg.Token)
	}
	if cfg.UserAgent != "" {
		c.UserAgent = cfg.UserAgent
	}
	if api := strings.TrimSuffix(cfg.APIURL, "/"); api != "" && api != publicAPI {
		var err error
		// The URL is used as given: GITHUB_API_URL on Enterprise Server already ends in /api/v3.
		if c.BaseURL, err = c.BaseURL.Parse(api + "/"); err != nil {
			return nil, fmt.Errorf("github client: GITHUB_API_URL %q: %w", cfg.APIURL, err)
		}
	}
	return &Client{gh: c, owner: cfg.Owner, repo: cfg.Repo}, nil
}

// Repository is "owner/name".
func (c *Client) Repository() string { return c.owner + "/" + c.repo }

// Error is a call GitHub refused or could not serve.
type Error struct {
	Op      string // what we asked, e.g. "create comment on #12"
	Status  int    // HTTP status, 0 when no answer came
	Message string // GitHub's message
	Err     error  // the underlying error
}

func (e *Error) Error() string {
	switch {
	case e.Status == 0:
		return fmt.Sprintf("%s: %v", e.Op, e.Err)
	case e.Message != "":
		return fmt.Sprintf("%s: GitHub answered %d: %s", e.Op, e.Status, e.Message)
	default:
		return fmt.Sprintf("%s: GitHub answered %d", e.Op, e.Status)
	}
}

func (e *Error) Unwrap() error { return e.Err }

// Sentinels to test an *Error against with errors.Is.
var (
	// ErrNotFound: the thing is gone (a deleted comment), or hidden from the token.
	ErrNotFound = errors.New("not found")
	// ErrForbidden: the token may not do this (a read-only token on a fork's pull request).
	// Rate limits are not ErrForbidden.
	ErrForbidden = errors.New("forbidden")
	// ErrRateLimited: GitHub's rate limit outlasted the time this run waits.
	ErrRateLimited = errors.New("rate limited")
	// ErrConflict: a ref update that is not a fast forward any more (the branch moved) or
	// that GitHub refused because the repository changed meanwhile (409, 422).
	ErrConflict = errors.New("conflict")
	// ErrServer: GitHub kept failing with 5xx.
	ErrServer = errors.New("server error")
)

// Is matches the sentinels by status.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Status == http.StatusNotFound || e.Status == http.StatusGone
	case ErrForbidden:
		return e.Status == http.StatusForbidden && !e.rateLimited()
	case ErrRateLimited:
		return e.rateLimited()
	case ErrConflict:
		return e.Status == http.StatusConflict || e.Status == http.StatusUnprocessableEntity
	case ErrServer:
		return e.Status >= 500
	}
	return false
}

func (e *Error) rateLimited() bool {
	var rl *gh.RateLimitError
	var abuse *gh.AbuseRateLimitError
	return errors.As(e.Err, &rl) || errors.As(e.Err, &abuse) || e.Status == http.StatusTooManyRequests
}

// wrap turns go-github's answer into an *Error naming the operation.
func wrap(op string, resp *gh.Response, err error) error {
	if err == nil {
		return nil
	}
	e := &Error{Op: op, Err: err}
	if resp != nil && resp.Response != nil {
		e.Status = resp.StatusCode
		if why := resp.Header.Get(giveUpHeader); why != "" {
			e.Op += " (" + why + ")"
		}
	}
	var er *gh.ErrorResponse
	var rl *gh.RateLimitError
	var abuse *gh.AbuseRateLimitError
	switch {
	case errors.As(err, &rl):
		e.Message = rl.Message
		if e.Status == 0 {
			// go-github refused before sending, remembering an earlier exhausted limit.
			e.Status = http.StatusForbidden
		}
	case errors.As(err, &abuse):
		e.Message = abuse.Message
	case errors.As(err, &er):
		e.Message = er.Message
	}
	return e
}

// perPage is the largest page GitHub serves: the fewest calls for a full listing.
const perPage = 100

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
