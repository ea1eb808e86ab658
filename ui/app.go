package ui

import (
	"context"
	"time"

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
	// Search, when set, finds the articles matching a query (the on-disk
	// full-text index), and the candidates only their text can tell, which
	// the list has confirmed in its order, a screenful first. It runs off
	// the event loop; results are intersected with the tag filter in
	// memory. Nil means the collection's own in-memory search.
	Search func(ctx context.Context, query string) (model.Found, error)
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
	// MarkOnScrollEnd marks an article read once its end has been shown
	// in the reader with the focus (mark_on_scroll_end).
	MarkOnScrollEnd bool
	// Edit returns the command that opens an article's file in the
	// user's editor (e); nil (the built-in demo) makes e say there is
	// no file. The program waits for it and then reloads.
	Edit func(a model.Article) (tea.ExecCommand, error)
	// EditProblem returns the command that opens a problem's file in the
	// user's editor, at its line when it has one (enter in the problems
	// overlay); nil makes enter say there is no file to edit. As with
	// Edit, the program waits for it and then reloads.
	EditProblem func(p model.Problem) (tea.ExecCommand, error)
	// AnyTag makes several selected tags filter for any of them rather
	// than all (tag_match = "any").
	AnyTag bool
	// Place is where to start: the filters, sort, selection and scroll
	// of an earlier session (Model.Place); nil starts at the top.
	Place *model.Place
	// First, when set, answers the first screen of a query from an index
	// before the load streams in (see FirstScreen); nil waits for the load.
	First func(ctx context.Context, q model.Query, n int) (FirstScreen, error)
	// Appearance is the theme, article style, date format and layout
	// breakpoints of the configuration.
	Appearance Appearance
	// Fetch fetches every subscribed feed into the library (R, and every
	// FetchInterval); nil makes R say fetching is not available here.
	Fetch FetchFunc
	// AddFiles reads the files a fetch or a saved page wrote into the
	// collection, without a walk of the rest; nil leaves them to the
	// folder watch or to r.
	AddFiles AddFilesFunc
	// SavePage saves the page of a link as an article in the library
	// (ctrl+s in the link picker), in the background; nil leaves the key
	// out.
	SavePage SavePageFunc
	// FetchInterval fetches in the background this often while the
	// reader is open (fetch_interval); 0 never does.
	FetchInterval time.Duration
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

// Model is the root of the program: it holds the collection, the query,
// the focus and the panes. Update (update.go) is a router: a key goes to
// the question, the picker or the search box when one has it, else to the
// global bindings and then to the overlay or the focused pane only (keys.go
// enables the bindings that apply); what a pane asks of the others comes
// back as an intent (intents.go) that the root applies in one place. The
// panes are value types that own their state and are given the rest as
// arguments. It implements tea.Model.
type Model struct {
	opts   Options
	ctx    context.Context
	cancel context.CancelFunc
	load   *loadRun // the latest run of Options.Load
	fetch  fetchState
	// search is the restored search Init starts, prepared in New so that
	// the search's state (its cancel function) is the model's.
	search tea.Cmd

	coll     *model.Collection
	query    model.Query
	smart    smartFilter // the sidebar's Unread and Starred entries
	visible  []model.ID  // the collection under the query, in its order
	found    searchState // Options.Search's latest result and search in flight
	marks    markBook    // read and starred marks, with Options.Marks
	endRead  model.ID    // the article whose shown end marked it (readAtEnd)
	loading  bool
	loadErr  error
	first    preview      // the first screen while the load streams in
	placed   *model.Place // being restored: applied as its article arrives
	scrollTo scrollTo     // the reader's line once it shows the restored article

	lay      layout
	focus    paneID
	reading  bool // an article is open: the reader takes the list's place below 120 columns
	overlay  overlay
	flash    string    // a one-off message, cleared by the next key
	question *question // a yes/no question the next key answers
	// noSidebar hides the sidebar (b): the list and the reader take its room.
	noSidebar bool

	keys  KeyMap
	theme *Theme
	dark  bool
	style RenderStyle
	bar   helpBar

	tags     tagsPane
	list     listPane // with the search box
	reader   readerPane
	problems problemsPane
	help     helpPane
	picker   pickerPane // the open picker (overlayPicker)

	renderer *Renderer
	cache    *renderQueue // the renders in flight; the Renderer caches them
}

// New returns the program's model. It does no IO: loading starts in Init.
func New(opts Options) Model {
	ctx, cancel := context.WithCancel(context.Background())
	q := opts.Query
	q.Tags, q.Exclude = tagKeys(q.Tags), tagKeys(q.Exclude)
	q.AnyTag = q.AnyTag || opts.AnyTag
	keys := opts.keyMap()
	renderer := NewRenderer()
	m := Model{
		opts:     opts,
		ctx:      ctx,
		cancel:   cancel,
		load:     newLoadRun(ctx, 0),
		fetch:    newFetchState(opts),
		coll:     newCollection(opts),
		query:    q,
		found:    newSearchState(ctx, opts.Search),
		marks:    newMarkBook(ctx, opts.Marks, opts.MarkOnOpen),
		loading:  true,
		focus:    paneList,
		flash:    opts.Notice,
		keys:     keys,
		dark:     true,
		bar:      newHelpBar(),
		tags:     newTagsPane(nil, opts.Marks != nil),
		list:     newListPane(nil, keys),
		reader:   newReaderPane(nil, keys),
		problems: newProblemsPane(nil, keys),
		help:     newHelpPane(nil, keys),
		renderer: renderer,
		cache:    newRenderQueue(renderer, opts.Body),
	}
	// A style file that does not parse (config.Load checks it first, with
	// glamourstyle.Parse) leaves newsline's own styles, and says so.
	if err := opts.Appearance.ApplyStyle(renderer); err != nil {
		m.flash = "Article style not used: " + model.OneLine(err.Error())
	}
	if p := opts.Place; p != nil {
		var want *wanted
		m.query, m.smart, want = restorePlace(*p, m.query, opts.Marks != nil)
		if want != nil {
			m.list.setWant(want)
			placed := *p
			m.placed = &placed
		}
	}
	m.search = m.found.request(m.query.Search, false)
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
// messages, so the first frame shows at once. A restored search starts
// too, and the background fetch's interval (Options.FetchInterval).
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{firstCmd(m.ctx, m.opts, m.query, m.smart.on()), m.load.start(m.opts.Load, nil), m.search, m.fetch.tick()}
	if !m.opts.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// quit stops the load and the searches and ends the program.
func quit(cancel context.CancelFunc) tea.Cmd {
	cancel()
	return tea.Quit
}
