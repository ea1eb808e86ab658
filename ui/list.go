package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// listPane is the article list. It keeps the visible IDs and renders only
// the rows on screen, so a frame costs the same with ten articles or a
// million. The cursor follows an article, not a position: when the visible
// set changes it stays on the same ID.
//
// It owns its cursor and scroll, the visible IDs the root gives it
// (setIDs) and the search box on its first line; what its rows and title
// show of the root's state (the collection, the filter, the marks) comes
// as an argument to View (listView).
//
// Its helpers take a pointer: the pane holds a text input of kilobytes,
// and a frame asks for dozens of rows.
type listPane struct {
	th  *Theme
	ids []model.ID
	rowWindow
	width  int
	height int
	box    searchBox // the search box, open on the first line while searching
	// touched is set once the user moves, clicks or opens an article. Until
	// then the cursor stays on the first row while batches arrive, so the
	// start screen shows the top of the list, not a row that slid down.
	touched bool
	// want is an article to keep the cursor on while the load goes on (a
	// restored place), at its old screen row; dropped when the user moves
	// and when the load is done.
	want *wanted
	memo *rowMemo // rows already drawn (shared by the pane's copies)
	// hints say how to get out of an empty list, with the keys as bound.
	hints struct{ clear, search string }
}

func newListPane(th *Theme, keys KeyMap) listPane {
	p := listPane{th: th, box: newSearchBox(), memo: newRowMemo()}
	p.hints.clear = keyHint("press ", keys.ClearTags, " to clear the filter", "clear the filter")
	p.hints.search = keyHint("", keys.Back, " to clear search", "clear the search")
	return p
}

// SetSize sets the outer size of the pane, border included.
func (p *listPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.clamp()
}

// fitSearch fits the search box to a list w cells wide: the layout's, set
// even when the terminal is too small for the panes to be sized.
func (p *listPane) fitSearch(w int) { p.box.setWidth(w) }

// setTheme styles the pane and its search box.
func (p *listPane) setTheme(th *Theme) {
	p.th = th
	p.box.setTheme(th)
}

// searching reports whether the search box is open (and has the keys).
func (p *listPane) searching() bool { return p.box.open }

// startSearch opens the search box on the kept search.
func (p *listPane) startSearch(search string) tea.Cmd {
	cmd := p.box.start(search)
	p.clamp()
	return cmd
}

// forgetRows drops the rows drawn so far: what they show changed (the
// articles, their marks, the smart view).
func (p *listPane) forgetRows() { p.memo.clear() }

// rows is how many article rows fit inside the border (and below the
// search box).
func (p *listPane) rows() int {
	r := p.height - 2
	if p.box.open {
		r--
	}
	return max(r, 1)
}

// setIDs replaces the visible set. The cursor stays on the selected article
// if it is still there (at the same screen row when possible), else at the
// nearest position.
func (p *listPane) setIDs(ids []model.ID) {
	old, had := p.selected()
	row := p.cursor - p.offset
	p.ids = ids
	if w := p.want; w != nil {
		if i := slices.Index(ids, w.id); i >= 0 {
			p.touched = true
			p.cursor, p.offset = i, i-w.row
			p.clamp()
			return
		}
	}
	if !p.touched {
		p.cursor, p.offset = 0, 0
		return
	}
	if had {
		if i := slices.Index(ids, old); i >= 0 {
			p.cursor = i
		}
	}
	p.cursor = min(max(p.cursor, 0), max(len(ids)-1, 0))
	p.offset = p.cursor - row
	p.clamp()
}

// toTop puts the cursor on the first row.
func (p *listPane) toTop() { p.cursor, p.offset = 0, 0 }

// hold keeps the cursor on its article from now on, whatever arrives:
// the article is being read.
func (p *listPane) hold() { p.touched = true }

// setWant keeps the cursor on an article while the load goes on (nil:
// no more).
func (p *listPane) setWant(w *wanted) { p.want = w }

// selected returns the ID under the cursor.
func (p *listPane) selected() (model.ID, bool) {
	if p.cursor < 0 || p.cursor >= len(p.ids) {
		return 0, false
	}
	return p.ids[p.cursor], true
}

// article is the selected article of coll.
func (p *listPane) article(coll *model.Collection) (model.Article, bool) {
	id, ok := p.selected()
	if !ok {
		return model.Article{}, false
	}
	return coll.Article(id)
}

// selectedAt returns the ID at offset d from the cursor.
func (p *listPane) selectedAt(d int) (model.ID, bool) {
	i := p.cursor + d
	if i < 0 || i >= len(p.ids) {
		return 0, false
	}
	return p.ids[i], true
}

// Update handles the list's keys — movement; enter, which comes back as
// articleOpened; the keys that act on the selected article, which come
// back as articleAsked — root-resolved movement and the mouse wheel. While
// the search box is open, keys and pastes go to it.
func (p listPane) Update(msg tea.Msg) (listPane, tea.Msg, tea.Cmd) {
	switch msg := msg.(type) {
	case keyIn, tea.PasteMsg:
		if p.box.open {
			var out tea.Msg
			var cmd tea.Cmd
			p.box, out, cmd = p.box.Update(msg)
			p.clamp() // the box may have closed: one more row
			return p, out, cmd
		}
		if in, ok := msg.(keyIn); ok {
			return p.key(in)
		}
	case move:
		p.move(msg)
	case tea.MouseWheelMsg:
		p.touched, p.want = true, nil
		p.wheel(wheelDelta(msg), len(p.ids), p.rows())
	}
	return p, nil, nil
}

// key handles a key when the search box is closed.
func (p listPane) key(in keyIn) (listPane, tea.Msg, tea.Cmd) {
	if key.Matches(in.key, in.keys.Open) {
		return p, articleOpened{markRead: true}, nil
	}
	if act, ok := articleActionOf(in); ok {
		return p, articleAsked{act}, nil
	}
	if mv := in.keys.moveOf(in.key); mv != 0 {
		p.move(mv)
	}
	return p, nil, nil
}

func (p *listPane) move(mv move) {
	p.touched, p.want = true, nil
	p.rowWindow.move(mv, len(p.ids), p.rows())
}

// click puts the cursor on the row at inner line y; hit is false when no
// row is there. Clicking the selected row of the focused pane again opens
// the article.
func (p listPane) click(y int, focused bool) (_ listPane, hit bool, out tea.Msg) {
	i := p.rowAt(y)
	if i < 0 {
		return p, false, nil
	}
	again := focused && i == p.cursor
	p.touched, p.want = true, nil
	p.cursor = i
	p.clamp()
	if again {
		out = articleOpened{}
	}
	return p, true, out
}

// rowAt returns the list index shown at inner line y, or -1.
func (p *listPane) rowAt(y int) int {
	if p.box.open {
		y--
	}
	return p.rowWindow.rowAt(y, len(p.ids), p.rows())
}

func (p *listPane) clamp() { p.rowWindow.clamp(len(p.ids), p.rows()) }

// wanted is an article the list's cursor stays on while the load goes on,
// unless the user moves.
type wanted struct {
	id  model.ID
	row int
}
