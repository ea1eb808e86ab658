package ui

import (
	"context"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// Options configure the program. cmd/newsline builds them from data; tests
// use fakes.
type Options struct {
	// Load streams the collection: it calls send with batches of articles,
	// problems and progress, the last one with Progress.Done, and returns
	// when it is finished or ctx is cancelled (the program quit).
	Load func(ctx context.Context, send func(model.Batch)) error
	// Body returns the sanitized body of an article (read from disk on
	// demand). Nil means the article's own Body field.
	Body func(a model.Article) (string, error)
	// Search, when set, finds the articles matching every word of a query
	// (the on-disk full-text index). It runs off the event loop; results are
	// intersected with the tag filter in memory. Nil means the collection's
	// own in-memory search.
	Search func(ctx context.Context, query string) (map[model.ID]struct{}, error)
	// Query is the initial filter: tag keys, search and sort.
	Query model.Query
	// Name is the collection name shown in the header.
	Name string
	// NoColor disables colour entirely (NO_COLOR is set).
	NoColor bool
	// Notice is a line for the status bar at start, such as "rebuilding the
	// index: it was corrupt".
	Notice string
	// OpenURL opens an http(s) address in the user's browser (o); nil
	// leaves o out.
	OpenURL func(url string) error
	// Keys are the key bindings (remapped by the configuration); nil
	// means DefaultKeyMap.
	Keys *KeyMap
	// Marks keeps read and starred marks; nil leaves them out (no
	// markers, no m, * or U).
	Marks Marks
	// MarkOnOpen marks an article read when it is opened (enter, n, p).
	MarkOnOpen bool
	// Edit returns the command that opens an article's file in the
	// user's editor (e); nil leaves e out. The program waits for it and
	// then reloads.
	Edit func(a model.Article) (tea.ExecCommand, error)
	// AnyTag makes several selected tags filter for any of them rather
	// than all (tag_match = "any").
	AnyTag bool
	// Place is where to start: the filters, sort, selection and scroll
	// of an earlier session (Model.Place); nil starts at the top.
	Place *model.Place
	// Appearance is the theme, article style, date format and layout
	// breakpoints of the configuration.
	Appearance Appearance
}

// paneID names the three panes, left to right.
type paneID uint8

const (
	paneTags paneID = iota
	paneList
	paneReader
)

// overlay is what covers the panes, if anything.
type overlay uint8

const (
	overlayNone overlay = iota
	overlayHelp
	overlayProblems
	overlayPicker // the tag picker (T) or the link picker (L)
)

// Model is the root of the program. It owns the collection and the query,
// routes messages to handlers and keys to the focused pane, and applies
// cross-pane effects directly. It implements tea.Model.
type Model struct {
	opts   Options
	ctx    context.Context
	cancel context.CancelFunc
	load   *loadRun // the latest run of Options.Load

	coll     *model.Collection
	query    model.Query
	visible  []model.ID
	found    searchResult // the latest result of Options.Search
	loading  bool
	marks    map[model.ID]model.Mark // read and starred, with Options.Marks
	undo     []undoEntry             // changes of marks U can take back, last last
	smart    smartFilter             // the sidebar's Unread and Starred entries
	kept     map[model.ID]bool       // changed in a smart view, shown until it is left
	placed   *model.Place            // being restored: applied as its article arrives
	scrollTo scrollTo                // the reader's line once it shows the restored article
	loadErr  error

	lay       layout
	focus     paneID
	reading   bool // an article is open: the reader takes the list's place below 120 columns
	searching bool // the search box has the keys
	overlay   overlay
	flash     string    // a one-off message, cleared by the next key
	question  *question // a yes/no question the next key answers

	keys  KeyMap
	theme *Theme
	dark  bool
	style RenderStyle
	help  help.Model
	input textinput.Model

	tags     tagsPane
	list     listPane
	reader   readerPane
	problems problemsPane
	picker   picker
	pickKind pickKind

	renderer *Renderer
	cache    *renderCache
	memo     *viewMemo
}

// New returns the program's model. It does no IO: loading starts in Init.
func New(opts Options) Model {
	ctx, cancel := context.WithCancel(context.Background())
	q := opts.Query
	q.Tags, q.Exclude = tagKeys(q.Tags), tagKeys(q.Exclude)
	q.AnyTag = q.AnyTag || opts.AnyTag
	m := Model{
		opts:     opts,
		ctx:      ctx,
		cancel:   cancel,
		load:     newLoadRun(ctx, 0),
		coll:     newCollection(opts),
		flash:    opts.Notice,
		query:    q,
		loading:  true,
		focus:    paneList,
		keys:     opts.keyMap(),
		dark:     true,
		renderer: NewRenderer(),
		cache:    newRenderCache(),
		marks:    map[model.ID]model.Mark{},
		kept:     map[model.ID]bool{},
		memo:     newViewMemo(),
		help:     help.New(),
		input:    textinput.New(),
	}
	m.input.Prompt = "/ "
	m.input.Placeholder = "search titles, tags and text"
	m.tags = newTagsPane(nil)
	m.list = newListPane(nil, m.coll)
	if opts.Marks != nil {
		m.list.marks = m.marks
		m.tags.marked = true
	}
	m.list.kept = m.kept
	m.list.hints.clear = keyHint("press ", m.keys.ClearTags, " to clear the filter", "clear the filter")
	m.list.hints.search = keyHint("", m.keys.Back, " to clear search", "clear the search")
	m.list.memo = m.memo
	m.list.query = q
	m.reader = newReaderPane(nil, m.keys)
	m.problems = newProblemsPane(nil, m.keys)
	m.setArticleStyle()
	if opts.Place != nil {
		m.restorePlace(*opts.Place)
	}
	m.list.query = m.query
	m.setTheme(true)
	m.refresh()
	return m
}

// newCollection keeps no search text or bodies in memory when search goes
// through Options.Search.
func newCollection(opts Options) *model.Collection {
	if opts.Search != nil {
		return model.NewCollection(model.ExternalSearch())
	}
	return model.NewCollection()
}

// Problems returns every problem the load reported, for printing after the
// program exits (--verbose).
func (m Model) Problems() []model.Problem { return m.coll.Problems() }

// LoadErr returns the error Load returned, if any.
func (m Model) LoadErr() error { return m.loadErr }

// Init asks for the terminal background and starts loading: one command
// runs Load, another (re-armed after every batch) turns batches into
// messages, so the first frame shows at once.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.load.start(m.opts.Load, nil), m.searchCmd()}
	if !m.opts.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes a message to its handler.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.handleResize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		m.handleBackground(msg.IsDark())
	case batchMsg:
		cmd = m.handleBatch(msg)
	case renderedMsg:
		m.handleRendered(msg)
	case searchedMsg:
		cmd = m.handleSearched(msg)
	case marksLoadedMsg:
		if msg.err != nil {
			m.flash = "Read marks not available: " + msg.err.Error()
		} else {
			for id, mk := range msg.marks {
				m.marks[id] = mk
			}
			m.memo.clearRows()
			if m.smart.on() {
				m.refilter()
			} else {
				m.updateSidebar()
			}
		}
	case markedMsg:
		m.handleMarked(msg)
	case undoneMsg:
		m.handleUndone(msg)
	case editedMsg:
		cmd = m.handleEdited(msg)
	case linksMsg:
		m.handleLinks(msg)
	case openedMsg:
		if msg.err != nil {
			m.flash = "Could not open the browser: " + msg.err.Error()
		} else {
			m.flash = "Opened " + msg.url
		}
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.PasteMsg, tea.MouseClickMsg, tea.MouseWheelMsg:
		cmd = m.handleInput(msg)
	}
	m.refresh()
	return m, tea.Batch(cmd, m.syncReader())
}

// handleResize recomputes the layout and sizes every pane.
func (m *Model) handleResize(w, h int) {
	m.lay = computeLayout(w, h, m.opts.Appearance.breakpoints())
	m.help.SetWidth(w)
	m.input.SetWidth(max(m.lay.listW-2-4, 1))
	m.sizePanes()
}

func (m *Model) sizePanes() {
	l := m.lay
	if l.mode == modeTooSmall {
		return
	}
	m.tags.SetSize(l.tagsW, l.bodyH)
	m.list.SetSize(l.listW, l.bodyH)
	m.reader.SetSize(l.readerW, l.bodyH)
	m.problems.SetSize(l.width, l.bodyH)
	m.sizePicker()
}

// handleBackground switches theme and render style to the terminal's
// background and drops the renders made for the old one. A dark or light
// theme (Appearance.Theme) ignores the background.
func (m *Model) handleBackground(dark bool) {
	if _, fixed := m.opts.Appearance.fixedTheme(); fixed || m.opts.NoColor || dark == m.dark {
		return
	}
	style := m.style
	m.setTheme(dark)
	if m.style != style { // a style file looks the same on both
		m.renderer.Clear()
		m.cache.clear()
	}
}

// setTheme sets the theme for a dark or light background, unless
// Appearance.Theme fixes it; NO_COLOR wins over both.
func (m *Model) setTheme(dark bool) {
	if d, fixed := m.opts.Appearance.fixedTheme(); fixed {
		dark = d
	}
	m.dark = dark
	th := NewTheme(dark)
	if m.opts.NoColor {
		th = PlainTheme()
	}
	th.dates = newDateColumn(m.opts.Appearance.DateFormat, m.opts.Appearance.DateWidth)
	m.theme = &th
	m.style = renderStyle(m.opts.NoColor, dark, m.renderer.hasCustom())
	m.help.Styles = th.Help
	m.input.SetStyles(th.Input)
	m.tags.th, m.list.th, m.reader.th, m.problems.th = &th, &th, &th, &th
	m.picker.setTheme(&th)
}

// handleBatch is the one place the collection changes: it applies the batch,
// recomputes the visible set and the tag counts, and keeps the cursor on the
// same article. It re-arms waitLoad until the load is done.
func (m *Model) handleBatch(msg batchMsg) tea.Cmd {
	if msg.gen != m.load.gen {
		return nil // a run replaced by a reload
	}
	for i := range msg.batch.Articles {
		id := msg.batch.Articles[i].ID
		if _, ok := m.coll.Article(id); ok {
			m.cache.revs[id]++ // replaced: its renders are stale
		}
		if m.load.seen != nil {
			m.load.seen[id] = struct{}{}
		}
	}
	m.coll.Apply(msg.batch)
	m.memo.clearRows()
	if msg.batch.Notice != "" {
		m.flash = msg.batch.Notice
	}
	var marks tea.Cmd
	swept := false
	if (msg.batch.Progress.Done || msg.done) && m.loading {
		m.loading = false
		swept = m.sweep()
		marks = m.loadMarks()
	}
	if msg.err != nil {
		m.loadErr = msg.err
	}
	m.list.loading = m.loading
	for _, id := range msg.batch.Removed {
		m.cache.revs[id]++ // gone: if it comes back, its old renders are stale
	}
	if len(msg.batch.Articles) > 0 || len(msg.batch.Removed) > 0 || swept {
		m.tags.setTags(m.coll.Tags(), m.coll.Len())
		m.refilter()
	}
	if !m.loading {
		m.arrived()
	}
	m.problems.setProblems(m.coll.Problems())
	var search tea.Cmd
	if len(msg.batch.Articles) > 0 || len(msg.batch.Removed) > 0 || msg.done {
		search = m.requestSearch() // the index may know new matches
	}
	if msg.done {
		return tea.Batch(search, marks)
	}
	return tea.Batch(search, marks, waitLoad(m.load.gen, m.load.ch))
}

// refilter recomputes the visible set after a change of collection, tags,
// search or sort, and everything derived from it.
func (m *Model) refilter() {
	m.visible = m.coll.Visible(m.effectiveQuery())
	m.memo.clearRows() // a row kept in a smart view is dim by the entries on
	m.list.query, m.list.smart = m.query, m.smart
	m.list.setIDs(m.visible)
	m.updateSidebar()
}

// updateSidebar recomputes the sidebar's counts within the visible set.
func (m *Model) updateSidebar() {
	f := sidebarFilter{selected: m.query.Tags, exclude: m.query.Exclude, smart: m.smart}
	f.counts, f.unread, f.unreadN, f.starredN = m.sidebarCounts()
	m.tags.setFilter(f)
}

// handleRendered caches a finished render and shows it if the reader still
// wants it; a stale one (other article, width or style) is only cached. A
// render that failed but fell back to plain text is shown, not cached.
func (m *Model) handleRendered(msg renderedMsg) {
	delete(m.cache.inflight, msg.key)
	if msg.err == nil {
		m.cache.put(msg.key, msg.out)
	}
	if msg.key != m.reader.want {
		return
	}
	switch {
	case msg.err != nil && msg.out == "":
		m.reader.fail(msg.key, msg.err)
	case msg.err != nil: // the renderer fell back to plain text
		m.reader.show(msg.key, msg.out)
		m.flash = "Shown as plain text: " + msg.err.Error()
	default:
		m.reader.show(msg.key, msg.out)
	}
	if s := m.scrollTo; s.id == msg.key.id && s.y > 0 {
		m.reader.vp.SetYOffset(s.y)
		m.scrollTo = scrollTo{}
	}
}

// readerActive reports whether the reader follows the list selection: always
// when it is on screen next to the list, else once an article is opened.
func (m Model) readerActive() bool {
	return m.lay.mode == modeWide || m.reading
}

// syncReader points the reader at the selected article: from the cache at
// once, else with a placeholder and a render command. It also pre-renders
// the next article. It returns nil when nothing changed.
func (m *Model) syncReader() tea.Cmd {
	m.reader.pos, m.reader.total = m.list.cursor+1, len(m.list.ids)
	if !m.readerActive() || m.lay.mode == modeTooSmall {
		return nil
	}
	id, ok := m.list.selected()
	if !ok {
		if m.reader.want != (renderKey{}) || m.reader.have != (renderKey{}) {
			m.reader.reset("No article selected.")
		}
		return nil
	}
	k := m.renderKey(id)
	if k.width <= 0 {
		return nil
	}
	if k == m.reader.want {
		return nil
	}
	var cmd tea.Cmd
	if out, ok := m.cache.get(k); ok {
		m.reader.show(k, out)
	} else {
		m.reader.wait(k)
		cmd = m.requestRender(k)
	}
	// The neighbours too, in the background: j, k, n and p then show
	// their article at once.
	for _, step := range []int{1, -1} {
		if near, ok := m.list.selectedAt(step); ok {
			if nk := m.renderKey(near); !m.cached(nk) {
				cmd = tea.Batch(cmd, m.requestRender(nk))
			}
		}
	}
	return cmd
}

// renderKey is the key of article id rendered for the reader as it is now.
func (m *Model) renderKey(id model.ID) renderKey {
	return renderKey{id: id, rev: m.cache.revs[id], width: m.reader.innerWidth(), style: m.style}
}

func (m *Model) cached(k renderKey) bool {
	_, ok := m.cache.items[k]
	return ok
}

// requestRender returns the command that renders k, or nil if it is
// already on its way.
func (m *Model) requestRender(k renderKey) tea.Cmd {
	if m.cache.inflight[k] {
		return nil
	}
	a, ok := m.coll.Article(k.id)
	if !ok {
		return nil
	}
	m.cache.inflight[k] = true
	return renderCmd(m.renderJob(k, a))
}

// renderJob captures what rendering k needs.
func (m *Model) renderJob(k renderKey, a model.Article) renderJob {
	return renderJob{key: k, article: a, tags: m.coll.ArticleTags(k.id), body: m.opts.Body, bodies: m.cache.bodies, renderer: m.renderer}
}

// refresh derives the panes' focus flags and the enabled keys from the state.
func (m *Model) refresh() {
	m.tags.focused = m.focus == paneTags && m.overlay == overlayNone
	m.list.focused = m.focus == paneList && m.overlay == overlayNone
	m.reader.focused = m.focus == paneReader && m.overlay == overlayNone
	m.reader.setSearch(m.query.Search)
	_, hasList := m.list.selected()
	m.keys.setContext(keyContext{
		focus:     m.focus,
		searching: m.searching,
		overlay:   m.overlay,
		question:  m.question != nil,
		back:      m.backAction(),
		hasList:   hasList,
		canOpen:   m.opts.OpenURL != nil,
		canMark:   m.opts.Marks != nil,
		canEdit:   m.opts.Edit != nil,
	})
}

// quit stops the load and ends the program.
func (m *Model) quit() tea.Cmd {
	m.cancel()
	return tea.Quit
}
