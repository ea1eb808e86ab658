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

// renderQueue is the reader's side of rendering: which renders are in
// flight (so that one article is never rendered twice at once), the
// revisions of the articles batches replaced, and the bodies read for
// rendering. The renders themselves are cached once, by the Renderer
// (Renderer.lookup). It is used from Update only (one goroutine) but for
// the body cache; the Model holds a pointer so that its copies share it.
type renderQueue struct {
	renderer *Renderer
	body     func(model.Article) (string, error) // Options.Body; nil: the article's own
	inflight map[renderKey]bool
	revs     map[model.ID]uint32 // articles replaced since loading, and how often
	bodies   *bodyCache
}

func newRenderQueue(r *Renderer, body func(model.Article) (string, error)) *renderQueue {
	return &renderQueue{
		renderer: r,
		body:     body,
		inflight: map[renderKey]bool{},
		revs:     map[model.ID]uint32{},
		bodies:   &bodyCache{lru: newLRU[bodyKey, string](bodyCacheSize)},
	}
}

// key is the key of article id rendered at width in style, as it is now.
func (q *renderQueue) key(id model.ID, width int, style RenderStyle) renderKey {
	return renderKey{id: id, rev: q.revs[id], width: width, style: style}
}

// replaced marks an article's renders stale: a batch replaced or removed
// it (if it comes back, its old renders are stale too).
func (q *renderQueue) replaced(id model.ID) { q.revs[id]++ }

// cached returns the render of k if the Renderer has it.
func (q *renderQueue) cached(k renderKey) (string, bool) { return q.renderer.lookup(k) }

// has reports whether the Renderer has the render of k.
func (q *renderQueue) has(k renderKey) bool {
	_, ok := q.renderer.lookup(k)
	return ok
}

// job captures what rendering k of a (with its tags' display spellings)
// needs, so that the command never touches the model.
func (q *renderQueue) job(k renderKey, a model.Article, tags []string) renderJob {
	return renderJob{key: k, article: a, tags: tags, body: q.body, bodies: q.bodies, renderer: q.renderer}
}

// request returns the command that renders k of its article in coll, or
// nil if it is already on its way or the article is gone.
func (q *renderQueue) request(k renderKey, coll *model.Collection) tea.Cmd {
	if q.inflight[k] {
		return nil
	}
	a, ok := coll.Article(k.id)
	if !ok {
		return nil
	}
	q.inflight[k] = true
	return renderCmd(q.job(k, a, coll.ArticleTags(k.id)))
}

// done forgets a render that came back.
func (q *renderQueue) done(k renderKey) { delete(q.inflight, k) }

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
	doc := Document{Article: j.article, Tags: j.tags, Body: body, rev: j.key.rev}
	out, err := j.renderer.Render(doc, j.key.width, j.key.style)
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
