package ui

import (
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
}

func newRenderCache() *renderCache {
	return &renderCache{
		lruCache: newLRU[renderKey, string](renderCacheSize),
		inflight: map[renderKey]bool{},
		revs:     map[model.ID]uint32{},
	}
}

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
