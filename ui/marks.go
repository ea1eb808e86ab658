package ui

import (
	"context"

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

// markBook is the marks controller: the marks of the collection as the
// screen shows them, the changes U can take back, and the articles kept in
// a smart view after their marks changed. It changes marks on screen at
// once and in the store (Options.Marks) in commands; the root applies a
// change to what shows it in one place (Model.showMarks).
type markBook struct {
	store  Marks // nil: marks are not kept
	ctx    context.Context
	onOpen bool // mark an article read as it is opened (Options.MarkOnOpen)
	of     map[model.ID]model.Mark
	undo   []undoEntry // last last
	// kept are the articles whose marks changed while a smart entry was
	// on: they stay listed, dimmed, until it is switched off, so that
	// nothing vanishes under the cursor.
	kept map[model.ID]bool
}

func newMarkBook(ctx context.Context, store Marks, onOpen bool) markBook {
	return markBook{store: store, ctx: ctx, onOpen: onOpen, of: map[model.ID]model.Mark{}, kept: map[model.ID]bool{}}
}

// on reports whether marks are kept.
func (b markBook) on() bool { return b.store != nil }

// shown is the marks the list shows: nil when none are kept.
func (b markBook) shown() map[model.ID]model.Mark {
	if b.store == nil {
		return nil
	}
	return b.of
}

// load reads the marks of the articles, once the collection is loaded.
func (b markBook) load(arts []model.Article) tea.Cmd {
	if b.store == nil {
		return nil
	}
	store, ctx := b.store, b.ctx
	return func() tea.Msg {
		got, err := store.Get(ctx, arts)
		return marksLoadedMsg{marks: got, err: err}
	}
}

// add takes in marks read for some articles (those of the first screen).
func (b *markBook) add(marks map[model.ID]model.Mark) {
	for id, mk := range marks {
		b.of[id] = mk
	}
}

// took takes in what a command of the book brought — the marks of the
// collection, a change stored or not, an undo done or not — and returns
// what it changes on screen, as an intent for the root (nil: nothing).
func (b *markBook) took(msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case marksLoadedMsg:
		if msg.err != nil {
			return flashed("Read marks not available: " + msg.err.Error())
		}
		for id, mk := range msg.marks {
			b.of[id] = mk
		}
		return marksLoaded{}
	case markedMsg:
		if msg.err != nil {
			return marksRestored{marks: msg.entry.before, why: "Marks not saved: " + msg.err.Error()}
		}
		b.undo = append(b.undo, msg.entry)
		if len(b.undo) > maxUndo {
			b.undo = b.undo[len(b.undo)-maxUndo:]
		}
	case undoneMsg:
		if msg.err != nil {
			return flashed("Could not undo: " + msg.err.Error())
		}
		return marksRestored{marks: msg.entry.before, why: "Undone"}
	}
	return nil
}

// change works out the change c of the articles' marks: the marks after it
// of those it changes (articles already so marked are left out), and the
// command that stores it. Nothing to change, nothing done (nil).
func (b markBook) change(c model.MarkChange, arts []model.Article) (after map[model.ID]model.Mark, store tea.Cmd) {
	if b.store == nil {
		return nil, nil
	}
	before := make(map[model.ID]model.Mark, len(arts))
	changed := make([]model.Article, 0, len(arts))
	for _, a := range arts {
		old := b.of[a.ID]
		if c.Apply(old) != old {
			before[a.ID] = old
			changed = append(changed, a)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	after = make(map[model.ID]model.Mark, len(before))
	for id, mk := range before {
		after[id] = c.Apply(mk)
	}
	marks, ctx := b.store, b.ctx
	return after, func() tea.Msg {
		undo, err := marks.Set(ctx, c, changed)
		return markedMsg{entry: undoEntry{undo: undo, before: before}, err: err}
	}
}

// toggle is the change that flips one mark (the star, or else read) of
// article id.
func (b markBook) toggle(id model.ID, star bool) model.MarkChange {
	mk := b.of[id]
	switch {
	case star && mk.Starred:
		return model.Unstar
	case star:
		return model.Star
	case mk.Read:
		return model.MarkUnread
	}
	return model.MarkRead
}

// opened is the change of opening article a (ok: there is one): read,
// when the options say so (MarkOnOpen).
func (b markBook) opened(a model.Article, ok bool) (after map[model.ID]model.Mark, store tea.Cmd) {
	if !ok || !b.onOpen {
		return nil, nil
	}
	return b.change(model.MarkRead, []model.Article{a})
}

// set puts marks on screen (a change, or the marks before one: undone, or
// not saved) and returns the marks they replace. In smart view s, the
// articles about to change that it shows are kept listed.
func (b markBook) set(marks map[model.ID]model.Mark, s smartFilter) (before map[model.ID]model.Mark) {
	if s.on() {
		for id := range marks {
			if s.matches(b.of[id]) {
				b.kept[id] = true
			}
		}
	}
	before = make(map[model.ID]model.Mark, len(marks))
	for id, mk := range marks {
		before[id] = b.of[id]
		b.of[id] = mk
	}
	return before
}

// undoLast takes back the last change of marks (U) in a command; ok is
// false when there is none.
func (b *markBook) undoLast() (_ tea.Cmd, ok bool) {
	if len(b.undo) == 0 {
		return nil, false
	}
	e := b.undo[len(b.undo)-1]
	b.undo = b.undo[:len(b.undo)-1]
	ctx := b.ctx
	return func() tea.Msg { return undoneMsg{entry: e, err: e.undo(ctx)} }, true
}

// forget lets the kept articles go (the smart view was left).
func (b markBook) forget() { clear(b.kept) }

// keep is the Query.Keep of smart view s, nil when it is off: an article
// shows if it matches, or if its marks changed in the view.
func (b markBook) keep(s smartFilter) func(model.ID) bool {
	if !s.on() {
		return nil
	}
	marks, kept := b.of, b.kept
	return func(id model.ID) bool { return kept[id] || s.matches(marks[id]) }
}

// unread returns the articles of ids (in coll) not marked read.
func (b markBook) unread(coll *model.Collection, ids []model.ID) []model.Article {
	arts := make([]model.Article, 0, len(ids))
	for _, id := range ids {
		if a, ok := coll.Article(id); ok && !b.of[id].Read {
			arts = append(arts, a)
		}
	}
	return arts
}

// counts counts, within the visible set, the articles per tag and, with
// marks, the unread ones per tag and in all and the starred ones: the
// sidebar's numbers, in one pass.
func (b markBook) counts(coll *model.Collection, visible []model.ID) sidebarCounts {
	if b.store == nil {
		return sidebarCounts{counts: coll.TagCounts(visible)}
	}
	var c sidebarCounts
	marks := b.of
	c.counts, c.unread = coll.TagCountsWhere(visible, func(id model.ID) bool {
		mk := marks[id]
		if mk.Starred {
			c.starredN++
		}
		if !mk.Read {
			c.unreadN++
		}
		return !mk.Read
	})
	return c
}
