package main

import (
	"context"
	"strconv"

	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
	"github.com/newsline/newsline/ui"
)

// The reader's place (filters, sort, selection, scroll) is kept with the
// marks, per collection, and brought back at the next start: --fresh, or
// a filter given on the command line, starts clean instead.

// loadPlace returns where the reader was in the collection, nil when
// nothing is kept (or what is kept does not read).
func loadPlace(ctx context.Context, st *state.Store, scope string) *ui.Place {
	v, ok, err := st.LoadView(ctx, scope)
	if err != nil || !ok {
		return nil
	}
	p := placeOf(v)
	return &p
}

// savePlace keeps where the reader is, for the next start.
func savePlace(ctx context.Context, st *state.Store, scope string, p ui.Place) error {
	return st.SaveView(ctx, scope, viewOf(p))
}

// viewOf is a place as the state keeps it: the selected article by its ID
// in hex (IDs derive from the file's place in the collection, the same at
// every start).
func viewOf(p ui.Place) state.View {
	v := state.View{
		Tags: p.Tags, Exclude: p.Exclude, Search: p.Search, Sort: p.Sort.String(),
		Unread: p.Unread, Starred: p.Starred, ReaderY: p.ReaderY, Reading: p.Reading,
	}
	if p.HasSel {
		v.Selected, v.Offset = p.Selected.Hex(), p.Row
	}
	return v
}

// placeOf reads a kept view back; a part that does not read is left out.
func placeOf(v state.View) ui.Place {
	p := ui.Place{
		Tags: v.Tags, Exclude: v.Exclude, Search: v.Search,
		Unread: v.Unread, Starred: v.Starred, ReaderY: v.ReaderY, Reading: v.Reading,
	}
	if s, err := model.ParseSort(v.Sort); err == nil && v.Sort != "" {
		p.Sort = s
	}
	if id, err := strconv.ParseUint(v.Selected, 16, 64); err == nil && len(v.Selected) == 16 {
		p.Selected, p.HasSel, p.Row = model.ID(id), true, v.Offset
	}
	return p
}
