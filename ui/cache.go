package ui

import (
	"container/list"

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
	order    *list.List // of renderEntry, most recent first
	items    map[renderKey]*list.Element
	inflight map[renderKey]bool
	revs     map[model.ID]uint32 // articles replaced since loading, and how often
}

type renderEntry struct {
	key renderKey
	out string
}

func newRenderCache() *renderCache {
	return &renderCache{
		order:    list.New(),
		items:    map[renderKey]*list.Element{},
		inflight: map[renderKey]bool{},
		revs:     map[model.ID]uint32{},
	}
}

func (c *renderCache) get(k renderKey) (string, bool) {
	e, ok := c.items[k]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(renderEntry).out, true
}

func (c *renderCache) put(k renderKey, out string) {
	if e, ok := c.items[k]; ok {
		e.Value = renderEntry{k, out}
		c.order.MoveToFront(e)
		return
	}
	c.items[k] = c.order.PushFront(renderEntry{k, out})
	for c.order.Len() > renderCacheSize {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(renderEntry).key)
	}
}

// clear drops every cached render (theme change). Renders in flight still
// arrive and are cached under their own style, which no longer matches.
func (c *renderCache) clear() {
	c.order.Init()
	clear(c.items)
}

func (c *renderCache) len() int { return c.order.Len() }

// renderJob is what a render command needs, captured in Update so that the
// command never touches the model.
type renderJob struct {
	key      renderKey
	article  model.Article
	tags     []string
	body     func(model.Article) (string, error)
	renderer *Renderer
}

// renderCmd reads the article's body and renders it off the event loop.
func renderCmd(j renderJob) tea.Cmd {
	return func() tea.Msg { return runRender(j) }
}

// runRender does the work of renderCmd; tests call it directly.
func runRender(j renderJob) renderedMsg {
	body := j.article.Body
	if j.body != nil {
		b, err := j.body(j.article)
		if err != nil {
			return renderedMsg{key: j.key, err: err}
		}
		body = b
	}
	out, err := j.renderer.Render(Document{Article: j.article, Tags: j.tags, Body: body}, j.key.width, j.key.style)
	return renderedMsg{key: j.key, out: out, err: err}
}
