package library

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"

	"github.com/newsline/newsline/data/state"
)

// Reconcile settles what a killed fetch left, before a new one starts
// (holding the fetch lock, state.LockFetch): for each intent in the state
// database,
//
//   - its file in place with the content recorded (one of newsline's own)
//     is marked saved;
//   - a file not there is left intended: the next fetch of its feed writes
//     it, since the feed's validators are cleared, so that the server
//     sends the whole feed again;
//
// and newsline's temporary files (IsTemp) in the folders of the intents
// are removed. It returns the paths marked saved and the number of
// temporary files removed. A folder that is not a feed folder of a
// library (<…>/feeds/<folder>) is never swept.
func Reconcile(ctx context.Context, st *state.Store) (recovered []string, removed int, err error) {
	pending, err := st.Pending(ctx)
	if err != nil {
		return nil, 0, err
	}
	var errs []error
	for _, feed := range slices.Sorted(maps.Keys(pending)) {
		var found []state.Item
		dirs := map[string]bool{}
		for _, it := range pending[feed] {
			dirs[filepath.Dir(it.Path)] = true
			if path, ours := findOwn(it); ours {
				it.Path = path
				found = append(found, it)
			}
		}
		for dir := range dirs {
			if filepath.Base(filepath.Dir(dir)) != FeedsFolder || !filepath.IsAbs(dir) {
				continue
			}
			n, err := RemoveTemps(dir)
			removed += n
			errs = append(errs, err)
		}
		if err := st.MarkSaved(ctx, feed, found, nil); err != nil {
			return recovered, removed, err
		}
		for _, it := range found {
			recovered = append(recovered, it.Path)
		}
	}
	return recovered, removed, errors.Join(errs...)
}
