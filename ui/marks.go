package ui

import (
	"context"
	"maps"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// Marks keeps which articles were read and which are starred (package
// state, wired by cmd/newsline). Its methods run off the event loop.
type Marks interface {
	// Get returns the marks of the articles; an article with none may be
	// left out.
	Get(ctx context.Context, arts []model.Article) (map[model.ID]model.Mark, error)
	// Set changes the articles' marks and returns what undoes it.
	Set(ctx context.Context, c model.MarkChange, arts []model.Article) (undo func(context.Context) error, err error)
}

// maxUndo is how many changes U can take back.
const maxUndo = 50

// undoEntry is one change that U can take back: the store's undo, and the
// marks before it for the screen.
type undoEntry struct {
	undo   func(context.Context) error
	before map[model.ID]model.Mark
}

// marksLoadedMsg brings the marks of the whole collection.
type marksLoadedMsg struct {
	marks map[model.ID]model.Mark
	err   error
}

// markedMsg ends a change of marks.
type markedMsg struct {
	entry undoEntry
	err   error
}

// undoneMsg ends an undo.
type undoneMsg struct {
	entry undoEntry
	err   error
}

// loadMarks reads the marks of every article, once the collection is
// loaded.
func (m *Model) loadMarks() tea.Cmd {
	if m.opts.Marks == nil {
		return nil
	}
	arts := m.coll.Articles()
	marks, ctx := m.opts.Marks, m.ctx
	return func() tea.Msg {
		got, err := marks.Get(ctx, arts)
		return marksLoadedMsg{marks: got, err: err}
	}
}

// setMarks changes the marks of the articles: on screen at once, in the
// store in a command. Articles already so marked are left out; nothing
// left, nothing done.
func (m *Model) setMarks(c model.MarkChange, arts []model.Article) tea.Cmd {
	if m.opts.Marks == nil {
		return nil
	}
	before := make(map[model.ID]model.Mark, len(arts))
	changed := make([]model.Article, 0, len(arts))
	for _, a := range arts {
		old := m.marks[a.ID]
		if c.Apply(old) != old {
			before[a.ID] = old
			changed = append(changed, a)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	after := make(map[model.ID]model.Mark, len(before))
	for id, mk := range before {
		after[id] = c.Apply(mk)
	}
	m.showMarks(after)
	marks, ctx := m.opts.Marks, m.ctx
	return func() tea.Msg {
		undo, err := marks.Set(ctx, c, changed)
		return markedMsg{entry: undoEntry{undo: undo, before: before}, err: err}
	}
}

// handleMarked keeps a stored change for U, or takes back a failed one.
func (m *Model) handleMarked(msg markedMsg) {
	if msg.err != nil {
		m.showMarks(msg.entry.before)
		m.flash = "Marks not saved: " + msg.err.Error()
		return
	}
	m.undo = append(m.undo, msg.entry)
	if len(m.undo) > maxUndo {
		m.undo = m.undo[len(m.undo)-maxUndo:]
	}
}

// undoMarks takes back the last change of marks (U).
func (m *Model) undoMarks() tea.Cmd {
	if len(m.undo) == 0 {
		m.flash = "Nothing to undo"
		return nil
	}
	e := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	ctx := m.ctx
	return func() tea.Msg { return undoneMsg{entry: e, err: e.undo(ctx)} }
}

// handleUndone shows the marks as they were before the change undone.
func (m *Model) handleUndone(msg undoneMsg) {
	if msg.err != nil {
		m.flash = "Could not undo: " + msg.err.Error()
		return
	}
	m.showMarks(msg.entry.before)
	m.flash = "Undone"
}

// showMarks puts marks on screen: a change, or the marks before one
// (undone, or not saved). In a smart view the articles stay listed
// (keepShown), and the sidebar's counts move by what changed.
func (m *Model) showMarks(marks map[model.ID]model.Mark) {
	m.keepShown(marks)
	before := make(map[model.ID]model.Mark, len(marks))
	for id, mk := range marks {
		before[id] = m.marks[id]
		m.marks[id] = mk
	}
	m.memo.clearRows()
	m.shiftCounts(before)
}

// shiftCounts moves the sidebar's mark counts by a change of a few
// articles (before: their marks before it), rather than counting the whole
// visible set again as a large change (M) does.
func (m *Model) shiftCounts(before map[model.ID]model.Mark) {
	if len(before) > 64 || m.tags.unread == nil {
		m.updateSidebar()
		return
	}
	unread := maps.Clone(m.tags.unread) // older copies of the model share the map
	for id, old := range before {
		if !slices.Contains(m.visible, id) {
			continue
		}
		now := m.marks[id]
		m.tags.starredN += oneIf(now.Starred) - oneIf(old.Starred)
		d := oneIf(!now.Read) - oneIf(!old.Read)
		if d == 0 {
			continue
		}
		m.tags.unreadN += d
		for _, k := range m.coll.ArticleTagKeys(id) {
			if unread[k] += d; unread[k] == 0 {
				delete(unread, k)
			}
		}
	}
	m.tags.unread = unread
}

func oneIf(b bool) int {
	if b {
		return 1
	}
	return 0
}

// toggle is the change that flips one mark of the selected article.
func (m *Model) toggleMark(star bool) tea.Cmd {
	a, ok := m.selectedArticle()
	if !ok || m.opts.Marks == nil {
		return nil
	}
	mk := m.marks[a.ID]
	c := model.MarkRead
	switch {
	case star && mk.Starred:
		c = model.Unstar
	case star:
		c = model.Star
	case mk.Read:
		c = model.MarkUnread
	}
	return m.setMarks(c, []model.Article{a})
}

// readSelected marks the selected article read as it is opened, when the
// options say so (mark on open).
func (m *Model) readSelected() tea.Cmd {
	if !m.opts.MarkOnOpen {
		return nil
	}
	a, ok := m.selectedArticle()
	if !ok {
		return nil
	}
	return m.setMarks(model.MarkRead, []model.Article{a})
}
