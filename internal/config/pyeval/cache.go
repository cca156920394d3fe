package pyeval

import (
	"crypto/sha256"
	"sync"

	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// ParseCache keeps parsed modules by path and content. It is safe for concurrent use:
// share one between interpreters that read the same files (one per environment, base and
// head of a PR), or fill it from several goroutines before evaluating. Parsing is most of
// the cost of reading an app; the AST is never modified, so sharing it is safe.
type ParseCache struct {
	mu sync.Mutex
	m  map[cacheKey]cacheEntry
}

type cacheKey struct {
	file string
	sum  [sha256.Size]byte
}

type cacheEntry struct {
	mod *pyast.Module
	err error
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache { return &ParseCache{m: map[cacheKey]cacheEntry{}} }

// Parse returns the parsed module for file with this content, parsing it once.
func (c *ParseCache) Parse(file string, src []byte) (*pyast.Module, error) {
	key := cacheKey{file: file, sum: sha256.Sum256(src)}
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return e.mod, e.err
	}
	mod, err := pyast.Parse(file, src)
	c.mu.Lock()
	c.m[key] = cacheEntry{mod, err}
	c.mu.Unlock()
	return mod, err
}
