package ghaction

import (
	"bytes"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer that the race detector accepts from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestAction returns an Action over env (nothing else is visible) writing to the
// returned buffer.
func newTestAction(t *testing.T, env map[string]string, opts ...Option) (*Action, *syncBuffer) {
	t.Helper()
	out := &syncBuffer{}
	getenv := func(name string) string { return env[name] }
	return New(append([]Option{WithGetenv(getenv), WithWriter(out)}, opts...)...), out
}
