package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/newsline/newsline/data/state"
)

// Reconcile settles what a fetch that did not finish left, before a new
// one starts (holding the fetch lock, state.LockFetch): the intents of
// every feed are settled (see settle) and marked saved in one
// transaction, and newsline's temporary files (IsTemp) in the folders of
// the intents are removed. It returns the paths of the files found or
// put in place and the number of temporary files removed. A folder that
// is not a feed folder of a library (<…>/feeds/<folder>) is never written
// to or swept: its intents are left as they are.
//
// Temporary files left by a run killed before its transaction are not
// in the state: SaveItems removes them from its folder before it writes.
func Reconcile(ctx context.Context, st *state.Store) (recovered []string, removed int, err error) {
	pending, err := st.Pending(ctx)
	if err != nil {
		return nil, 0, err
	}
	batches := map[string]state.Batch{}
	dirs := map[string]bool{}
	var errs []error
	for _, feed := range slices.Sorted(maps.Keys(pending)) {
		byDir := map[string][]state.Item{}
		for _, it := range pending[feed] {
			byDir[filepath.Dir(it.Path)] = append(byDir[filepath.Dir(it.Path)], it)
		}
		for _, dir := range slices.Sorted(maps.Keys(byDir)) {
			dirs[dir] = true
			unlock := lockDir(dir)
			settled, inPlace, err := settle(dir, byDir[dir])
			unlock()
			errs = append(errs, err)
			if len(settled) > 0 {
				b := batches[feed]
				b.Saved = append(b.Saved, settled...)
				batches[feed] = b
			}
			recovered = append(recovered, inPlace...)
		}
	}
	if err := st.CommitAll(ctx, batches); err != nil {
		return nil, 0, err
	}
	for dir := range dirs {
		if isFeedDir(dir) {
			n, err := RemoveTemps(dir)
			removed += n
			errs = append(errs, err)
		}
	}
	return recovered, removed, errors.Join(errs...)
}

// settle decides the intents of dir, of one feed, left by a run that
// did not finish or by the last transaction of the feed, and returns
// those to mark saved (with the paths where they are) and the paths of
// the files that run never reported (inPlace: new to the library's
// readers). For each intent:
//
//   - its file in place with the content recorded (findOwn): saved there
//     (reported when its temporary file is still there: that run was
//     stopped before it removed them);
//   - else a temporary file of dir with that content: the run was stopped
//     after its transaction and before it put the file in place, which
//     settle does now (see place): saved, reported;
//   - else neither: the file was put in place and then removed by the
//     user (SaveItems removes the temporary files only once every file is
//     in place and the folder synced, and the intent was recorded after
//     the temporary file was synced): saved as it is, never written again.
//
// In a folder that is not a feed folder of a library, only the first
// applies; the others stay intended.
func settle(dir string, intents []state.Item) (settled []state.Item, inPlace []string, err error) {
	if len(intents) == 0 {
		return nil, nil, nil
	}
	feedDir := isFeedDir(dir)
	temps := map[string]temp{}
	if feedDir {
		if temps, err = tempsByHash(dir); err != nil {
			return nil, nil, err
		}
	}
	var missing []state.Item
	for _, it := range intents {
		if path, ours := findOwn(it); ours {
			it.Path = path
			settled = append(settled, it)
			if _, unfinished := temps[it.Hash]; unfinished {
				inPlace = append(inPlace, path)
			}
			continue
		}
		missing = append(missing, it)
	}
	if len(missing) == 0 || !feedDir {
		return settled, inPlace, nil
	}
	others := make(map[string]bool, len(missing)) // names meant for other items
	for _, it := range missing {
		others[filepath.Base(it.Path)] = true
	}
	linked := false
	for _, it := range missing {
		name := filepath.Base(it.Path)
		delete(others, name)
		if t, ok := temps[it.Hash]; ok {
			final, err := place(t.path, dir, name, t.content, others)
			if err != nil {
				return settled, inPlace, err
			}
			it.Path, linked = final, true
			inPlace = append(inPlace, final)
		}
		settled = append(settled, it)
	}
	if linked {
		err = syncDir(dir)
	}
	return settled, inPlace, err
}

// isFeedDir reports whether dir is a feed folder of a library: absolute,
// <…>/feeds/<folder>.
func isFeedDir(dir string) bool {
	return filepath.IsAbs(dir) && filepath.Base(filepath.Dir(dir)) == FeedsFolder
}

// temp is a temporary file of newsline's own and its content.
type temp struct {
	path    string
	content []byte
}

// tempsByHash reads newsline's temporary files in dir (IsTemp, regular
// files), by the SHA-256 of their content.
func tempsByHash(dir string) (map[string]temp, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]temp{}
	for _, e := range entries {
		if !IsTemp(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(f, maxOwnSize))
		f.Close()
		if err != nil {
			continue
		}
		h := sha256.Sum256(b)
		out[hex.EncodeToString(h[:])] = temp{path, b}
	}
	return out, nil
}
