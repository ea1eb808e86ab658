package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
)

// openState opens the read and starred marks: in --state-dir, else in
// $XDG_STATE_HOME/newsline. A folder or file that cannot be used is a
// usage error (exit status 2), in one line that says what to do; the
// file is never replaced.
func openState(common *common) (*state.Store, error) {
	dir, err := stateDir(common)
	if err != nil {
		return nil, err
	}
	st, err := state.Open(dir)
	if err != nil {
		return nil, usageError{err}
	}
	return st, nil
}

// stateDir is the state's folder: --state-dir, else the default.
func stateDir(common *common) (string, error) {
	if common.stateDir != nil && *common.stateDir != "" {
		return *common.stateDir, nil
	}
	d, err := state.DefaultDir()
	if err != nil {
		return "", usagef("%v: give a folder with --state-dir", err)
	}
	return d, nil
}

// reconcile brings the marks up to date with the collection just read: a
// moved or renamed article takes its marks along.
func reconcile(cmd *cobra.Command, st *state.Store, src source, arts []model.Article) error {
	_, err := st.Reconcile(cmd.Context(), state.Scope(src.paths...), arts)
	return err
}

// markFilter are list's flags that choose articles by their marks.
type markFilter struct {
	unread, starred bool
}

func (f *markFilter) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.unread, "unread", false, "show only articles not marked read")
	cmd.Flags().BoolVar(&f.starred, "starred", false, "show only starred articles")
}

// active reports whether the filter needs the marks.
func (f markFilter) active() bool { return f.unread || f.starred }

// apply keeps the IDs whose marks pass the filter, after reconciling the
// marks with the collection.
func (f markFilter) apply(cmd *cobra.Command, st *state.Store, src source, c *model.Collection, ids []model.ID) ([]model.ID, error) {
	marks, err := st.ReconcileMarks(cmd.Context(), state.Scope(src.paths...), c.Articles())
	if err != nil {
		return nil, err
	}
	kept := ids[:0:0]
	for _, id := range ids {
		m := marks[id]
		if (f.unread && m.Read) || (f.starred && !m.Starred) {
			continue
		}
		kept = append(kept, id)
	}
	return kept, nil
}

// readerMarks gives the reader the marks of a store: the collection's
// marks are reconciled (moves and renames) before they are first read.
type readerMarks struct {
	st    *state.Store
	scope string
}

func (r readerMarks) Get(ctx context.Context, arts []model.Article) (map[model.ID]model.Mark, error) {
	return r.st.ReconcileMarks(ctx, r.scope, arts)
}

func (r readerMarks) Set(ctx context.Context, c model.MarkChange, arts []model.Article) (func(context.Context) error, error) {
	undo, err := r.st.Set(ctx, c, arts)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		_, err := r.st.Undo(ctx, undo)
		return err
	}, nil
}
