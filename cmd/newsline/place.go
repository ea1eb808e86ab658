package main

import (
	"context"

	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
)

// The reader's place (filters, sort, selection, scroll) is kept with the
// marks, per collection, and brought back at the next start: --fresh, or
// a filter given on the command line, starts clean instead.

// loadPlace returns where the reader was in the collection, nil when
// nothing is kept (or what is kept does not read).
func loadPlace(ctx context.Context, st *state.Store, scope string) *model.Place {
	p, ok, err := st.LoadView(ctx, scope)
	if err != nil || !ok {
		return nil
	}
	return &p
}
