package ui

import (
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// renderKey identifies one rendering of an article: rev counts the times a
// batch replaced the article, so a changed article never hits an old render.
type renderKey struct {
	id    model.ID
	rev   uint32
	width int
	style RenderStyle
}

// renderCacheSize bounds the rendered articles kept in memory.
const renderCacheSize = 48

// renderCache is a small LRU of rendered articles plus the set of renders in
// flight, so moving back and forth costs nothing and one article is never
// rendered twice at once. It is used from Update only (one goroutine); the
// Model holds a pointer so that its copies share it.
type renderCache struct {
	*lruCache[renderKey, string]
	inflight map[renderKey]bool
	revs     map[model.ID]uint32 // articles replaced since loading, and how often
	bodies   *bodyCache
}

func newRenderCache() *renderCache {
	return &renderCache{
		lruCache: newLRU[renderKey, string](renderCacheSize),
		inflight: map[renderKey]bool{},
		revs:     map[model.ID]uint32{},
		bodies:   &bodyCache{lru: newLRU[bodyKey, string](bodyCacheSize)},
	}
}

// Bodies read from disk are kept too, so that rendering an article again
// (another width after a resize, another theme) reads no file: up to
// bodyCacheSize of them, each at most maxCachedBody bytes (at most 16 MiB
// in all; a larger body is read again when needed).
const (
	bodyCacheSize = 32
	maxCachedBody = 512 << 10
)

// bodyKey is an article as it is now: rev changes when a batch replaces it.
type bodyKey struct {
	id  model.ID
	rev uint32
}

// bodyCache is an LRU of bodies shared by the render commands, which run
// in their own goroutines.
type bodyCache struct {
	mu  sync.Mutex
	lru *lruCache[bodyKey, string]
}

// body returns the article's body from the cache, or reads it with read
// and keeps it.
func (c *bodyCache) body(k bodyKey, a model.Article, read func(model.Article) (string, error)) (string, error) {
	c.mu.Lock()
	b, ok := c.lru.get(k)
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := read(a)
	if err == nil && len(b) <= maxCachedBody {
		c.mu.Lock()
		c.lru.put(k, b)
		c.mu.Unlock()
	}
	return b, err
}

// renderJob is what a render command needs, captured in Update so that the
// command never touches the model.
type renderJob struct {
	key      renderKey
	article  model.Article
	tags     []string
	body     func(model.Article) (string, error)
	bodies   *bodyCache // nil: read every time
	renderer *Renderer
}

// renderCmd reads the article's body and renders it off the event loop.
func renderCmd(j renderJob) tea.Cmd {
	return func() tea.Msg { return runRender(j) }
}

// runRender does the work of renderCmd; tests call it directly.
func runRender(j renderJob) renderedMsg {
	body, err := j.readBody()
	if err != nil {
		return renderedMsg{key: j.key, err: err}
	}
	out, err := j.renderer.Render(Document{Article: j.article, Tags: j.tags, Body: body}, j.key.width, j.key.style)
	return renderedMsg{key: j.key, out: out, err: err}
}

// readBody returns the article's body: its own, or read (through the body
// cache) with Options.Body.
func (j renderJob) readBody() (string, error) {
	switch {
	case j.body == nil:
		return j.article.Body, nil
	case j.bodies == nil:
		return j.body(j.article)
	}
	return j.bodies.body(bodyKey{j.key.id, j.key.rev}, j.article, j.body)
}
