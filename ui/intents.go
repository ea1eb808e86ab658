package ui

import (
	"cmp"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// keyIn is a key routed to a pane (or the search box, a picker, the
// question), with the key map as it applies now: the root enables the
// bindings of the focused pane and the state (KeyMap.setContext), so a
// pane matches only what applies. keys is only read during the call.
type keyIn struct {
	key  tea.KeyPressMsg
	keys *KeyMap
}

// Intents are what a pane asks of the rest of the program. A pane returns
// one from Update next to its command, and the root applies it at once
// (apply), before the next message: delivered as a command's message it
// would come back later, after keys typed meanwhile.
type (
	// quitAsked ends the program (ctrl+c at the question).
	quitAsked struct{}
	// flashed is a one-off message for the header.
	flashed string
	// entryToggled toggles a sidebar entry (enter, space, a second click).
	entryToggled struct {
		kind entryKind
		key  string // the tag's, for a tag
	}
	// tagExcluded leaves out, or lets in again, a sidebar tag (x).
	tagExcluded struct {
		kind entryKind
		key  string
	}
	// articleOpened opens the selected article in the reader (enter, a
	// second click); with markRead, it is marked read if the options say
	// so.
	articleOpened struct{ markRead bool }
	// articleStepped moves the list's cursor from the reader (n, p).
	articleStepped struct{ mv move }
	// problemOpened opens a problem's file in the editor, at its line
	// (enter in the problems overlay).
	problemOpened struct{ problem model.Problem }
	// articleAsked acts on the selected article (list and reader).
	articleAsked struct{ act articleAction }
	// searchEdited is what the search box holds after a key or a paste.
	searchEdited struct{ value string }
	// searchClosed closes the search box, keeping the search or clearing
	// it.
	searchClosed struct{ keep bool }
	// tagPicked filters by a tag chosen in the tag picker.
	tagPicked struct{ key string }
	// linkPicked opens a link chosen in the link picker.
	linkPicked struct{ url string }
	// linkSaveAsked saves the page of a link chosen in the link picker
	// (ctrl+s), in the background.
	linkSaveAsked struct{ url string }
	// pickerClosed closes the picker.
	pickerClosed struct{}
	// allRead marks the articles of a list read (the yes of M's question).
	allRead struct{ ids []model.ID }
	// marksLoaded: the marks of the whole collection were read (markBook).
	marksLoaded struct{}
	// marksRestored shows the marks as they were before a change (undone,
	// or not saved), and why.
	marksRestored struct {
		marks map[model.ID]model.Mark
		why   string
	}
)

// articleAction is a key that acts on the selected article, in the list
// and the reader alike.
type articleAction uint8

const (
	actOpenURL articleAction = iota + 1
	actCopyURL
	actToggleRead
	actToggleStar
	actUndoMark
	actMarkAllRead
	actEdit
	actLinks
	actNextUnread
	actPrevUnread
)

// articleActionOf resolves the keys that act on the selected article.
func articleActionOf(in keyIn) (articleAction, bool) {
	k := in.keys
	return meaningOf(in.key, []meaning[articleAction]{
		{k.OpenURL, actOpenURL}, {k.CopyURL, actCopyURL}, {k.ToggleRead, actToggleRead},
		{k.ToggleStar, actToggleStar}, {k.UndoMark, actUndoMark}, {k.MarkAllRead, actMarkAllRead},
		{k.Edit, actEdit}, {k.Links, actLinks}, {k.NextUnread, actNextUnread}, {k.PrevUnread, actPrevUnread},
	})
}

// apply carries out an intent: the one place where what crosses panes
// (the filter, the selection, the marks, the overlays) changes.
func (m *Model) apply(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case quitAsked:
		return quit(m.cancel)
	case flashed:
		m.flash = string(msg)
	case entryToggled, tagExcluded:
		q, s, why := m.tags.edit(msg, m.query, m.smart, len(m.visible), m.coll)
		if why != "" {
			m.flash = why
			return nil
		}
		m.setFilter(q, s)
	case tagPicked:
		m.overlay = overlayNone
		m.tags.find(msg.key)
		kind, k := m.tags.current()
		return m.apply(entryToggled{kind: kind, key: k})
	case articleOpened:
		if _, ok := m.list.selected(); ok {
			m.setFocus(paneReader)
		}
		if !msg.markRead {
			return nil
		}
		after, store := m.marks.opened(m.list.article(m.coll))
		m.showMarks(after)
		return store
	case articleStepped:
		return m.step(msg.mv != moveUp, false)
	case articleAsked:
		return m.articleAction(msg.act)
	case problemOpened:
		cmd, why := editProblem(m.opts.EditProblem, msg.problem)
		m.flash = cmp.Or(why, m.flash)
		return cmd
	case searchEdited:
		return m.editSearch(msg.value)
	case searchClosed:
		if !msg.keep {
			m.editSearch("")
		}
		// The box's line is a row again (once the search is cleared, so
		// that the cursor keeps its row); a search too short to run while
		// typing runs now. One already listed, or on its way, is not run
		// again (that would start a phrase's count over).
		m.list.clamp()
		if msg.keep && !m.found.holds(m.query.Search) {
			return m.found.request(m.query.Search, false)
		}
	case linkPicked:
		m.overlay = overlayNone
		cmd, why := openLinkCmd(msg.url, m.opts.OpenURL)
		m.flash = cmp.Or(why, m.flash)
		return cmd
	case linkSaveAsked:
		cmd, why := m.fetch.savePage(m.ctx, msg.url)
		m.flash = why
		return cmd
	case pickerClosed:
		m.overlay = overlayNone
	case allRead:
		after, store := m.marks.change(model.MarkRead, m.marks.unread(m.coll, msg.ids))
		m.showMarks(after)
		return store
	case marksLoaded:
		m.list.forgetRows()
		if m.smart.on() {
			m.refilter()
		} else {
			m.updateSidebar()
		}
	case marksRestored:
		m.showMarks(msg.marks)
		m.flash = msg.why
	}
	return nil
}

// editSearch applies what the search box holds: the list follows the
// words at once when the collection searches them, else when the index's
// result comes (searching elsewhere, words that do not change what the
// list shows leave it as it is: a pass over 100,000 articles per key
// saved). Empty, the search and everything found for it are dropped.
func (m *Model) editSearch(v string) tea.Cmd {
	if v == m.query.Search {
		return nil
	}
	typing := m.list.searching()
	if v == "" {
		m.query.Search = ""
		m.found.clear()
		m.filterChanged()
		return nil
	}
	filtered := m.found.filters(m.query.Search, typing)
	m.query.Search = v
	cmd := m.found.request(v, typing)
	if m.opts.Search == nil || m.found.filters(v, typing) != filtered {
		m.filterChanged()
	}
	return cmd
}

// articleAction acts on the selected article (or on the list, M; or on
// the marks, U).
func (m *Model) articleAction(act articleAction) tea.Cmd {
	switch act {
	case actUndoMark:
		cmd, ok := m.marks.undoLast()
		if !ok {
			m.flash = "Nothing to undo"
		}
		return cmd
	case actNextUnread, actPrevUnread:
		return m.step(act == actNextUnread, true)
	case actMarkAllRead:
		n := m.tags.unreadN // of the list: the sidebar counts the visible set
		if n == 0 {
			m.flash = "Everything here is read"
			return nil
		}
		ids := slices.Clone(m.list.ids)
		m.question = &question{text: "Mark " + pluralize(n, "article", "articles") + " read?", yes: allRead{ids}}
		return nil
	}
	a, ok := m.list.article(m.coll)
	if !ok {
		return nil
	}
	switch act {
	case actOpenURL:
		if !model.IsWebURL(a.URL) {
			m.flash = "This article has no web address to open"
			return nil
		}
		cmd, why := openLinkCmd(a.URL, m.opts.OpenURL)
		m.flash = cmp.Or(why, m.flash)
		return cmd
	case actCopyURL:
		text, what := a.URL, "address"
		if !model.IsWebURL(text) {
			text, what = a.Path, "file path"
		}
		m.flash = "Copied the " + what + " (in tmux: set -g set-clipboard on)"
		return tea.SetClipboard(text)
	case actToggleRead, actToggleStar:
		after, store := m.marks.change(m.marks.toggle(a.ID, act == actToggleStar), []model.Article{a})
		m.showMarks(after)
		return store
	case actEdit:
		// e is on whenever an article is, so that it can say why it edits
		// nothing rather than do nothing.
		switch {
		case m.opts.Edit == nil:
			m.flash = "No file to edit: these articles are built in (the demo)"
		case a.Path == "":
			m.flash = "This article has no file to edit"
		default:
			return editCmd(a, m.opts.Edit)
		}
	case actLinks:
		k := m.cache.key(a.ID, m.reader.innerWidth(), m.style)
		return linksCmd(m.cache.job(k, a, m.coll.ArticleTags(a.ID)))
	}
	return nil
}
