package httpapi

import "sync"

// responseCache keeps encoded catalog responses for one catalog version. Any
// catalog change bumps the version, which empties the cache, so a cached body
// is never stale.
type responseCache struct {
	mu      sync.RWMutex
	version int64
	entries map[string]rawJSON
}

// maxCachedResponses bounds memory when clients send many distinct queries.
const maxCachedResponses = 4096

func newResponseCache() *responseCache {
	return &responseCache{entries: make(map[string]rawJSON)}
}

func (c *responseCache) get(version int64, key string) (rawJSON, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.version != version {
		return nil, false
	}
	b, ok := c.entries[key]
	return b, ok
}

func (c *responseCache) put(version int64, key string, body rawJSON) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version < c.version {
		return
	}
	if version > c.version {
		c.version = version
		c.entries = make(map[string]rawJSON, len(c.entries))
	}
	if len(c.entries) < maxCachedResponses {
		c.entries[key] = body
	}
}
