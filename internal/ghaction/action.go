// Package ghaction is the GitHub Actions runtime seen from inside a step: inputs, outputs and
// state files, workflow commands, masking, the OIDC token and the run's context.
//
// An Action holds no global state: it reads the environment through a getenv function and
// writes workflow commands to a writer, both given at construction, so tests inject them.
package ghaction

import (
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

// Action is one step's view of the runner. It is safe for concurrent use.
type Action struct {
	getenv func(string) string
	out    io.Writer
	client *http.Client

	// random feeds heredoc delimiters; tests replace it to force collisions.
	random io.Reader
	// tokenRetryDelay is the first pause between OIDC attempts; it doubles each time.
	tokenRetryDelay time.Duration

	mu      sync.Mutex // guards out and the secrets below
	secrets []string   // longest first, so a secret that contains another is masked whole
	masker  *strings.Replacer
}

// Option configures an Action.
type Option func(*Action)

// WithGetenv sets how the Action reads environment variables (default os.Getenv).
func WithGetenv(getenv func(string) string) Option {
	return func(a *Action) { a.getenv = getenv }
}

// WithWriter sets where workflow commands and log lines go (default os.Stdout).
func WithWriter(w io.Writer) Option {
	return func(a *Action) { a.out = w }
}

// WithHTTPClient sets the client for the OIDC token request (default: a plain client;
// every request carries its own context deadline).
func WithHTTPClient(c *http.Client) Option {
	return func(a *Action) { a.client = c }
}

// New returns an Action reading the process environment and writing to stdout, unless
// options say otherwise.
func New(opts ...Option) *Action {
	a := &Action{
		getenv:          os.Getenv,
		out:             os.Stdout,
		client:          &http.Client{},
		random:          rand.Reader,
		tokenRetryDelay: time.Second,
	}
	for _, opt := range opts {
		opt(a)
	}
	return a
}

// Getenv reads an environment variable the way the Action does.
func (a *Action) Getenv(name string) string { return a.getenv(name) }

// Input returns the trimmed value of the input name, or "" when it is not set. The runner
// passes inputs as INPUT_<NAME>, upper-cased with spaces turned into underscores; hyphens
// stay (INPUT_GITHUB-TOKEN).
func (a *Action) Input(name string) string {
	return strings.TrimSpace(a.getenv(InputEnvName(name)))
}

// InputEnvName is the environment variable that carries the input name.
func InputEnvName(name string) string {
	return "INPUT_" + strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(name), " ", "_"))
}

// BoolInput parses the input name as a YAML 1.2 core boolean. An empty input gives
// fallback, so a run without the action.yml defaults (a local run, a test) still works.
func (a *Action) BoolInput(name string, fallback bool) (bool, error) {
	switch v := a.Input(name); v {
	case "":
		return fallback, nil
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE":
		return false, nil
	default:
		return false, fmt.Errorf("input %q: %q is not a boolean (use true or false)", name, v)
	}
}

// State returns a value an earlier phase of this action saved with SaveState; the runner
// passes it back as STATE_<name>.
func (a *Action) State(name string) string {
	return a.getenv("STATE_" + name)
}
