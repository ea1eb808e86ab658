package library

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/newsline/newsline/data/state"
)

// batch is SaveItems' writing of one feed's new items into dir.
type batch struct {
	st      *state.Store
	feedURL string
	dir     string
	fetch   *state.Fetch
}

// save writes todo hidden, records in one transaction the items done as
// saved, todo as intended and the fetch, then puts todo in place (steps
// 2 to 4 of SaveItems), and returns what it put in place.
func (b batch) save(ctx context.Context, done []state.Item, todo []Item) ([]state.Item, error) {
	temps, intents, err := stage(ctx, b.dir, todo)
	if err != nil {
		// Nothing intended: the items are written by the next fetch.
		cerr := b.st.Commit(context.WithoutCancel(ctx), b.feedURL,
			state.Batch{Saved: done, Incomplete: true, Fetch: failedFetch(b.fetch, err)})
		return nil, errors.Join(err, cerr)
	}
	if crashed("temps") {
		return nil, errCrashed
	}
	// The files are written: the transaction is recorded even when ctx was
	// cancelled meanwhile, and putting them in place takes no time.
	ctx = context.WithoutCancel(ctx)
	if err := b.st.Commit(ctx, b.feedURL, state.Batch{Saved: done, Intended: intents, Fetch: b.fetch}); err != nil {
		removeAll(temps)
		return nil, err
	}
	if crashed("committed") {
		return nil, errCrashed
	}
	placed, err := placeAll(b.dir, todo, temps, intents)
	if errors.Is(err, errCrashed) {
		return nil, err
	}
	if err != nil {
		// The second transaction, only on a failure: the intents not in
		// place are given up, before their temporary files are removed.
		var dropped []string
		for _, in := range intents[len(placed):] {
			dropped = append(dropped, in.Key)
		}
		if cerr := b.st.Commit(ctx, b.feedURL, state.Batch{Saved: placed, Dropped: dropped,
			Incomplete: true, Fetch: failedFetch(b.fetch, err)}); cerr != nil {
			return nil, errors.Join(err, cerr)
		}
	}
	removeAll(temps)
	return placed, err
}

// failedFetch is fetch with err as its error when it has none; nil when
// fetch is nil.
func failedFetch(fetch *state.Fetch, err error) *state.Fetch {
	if fetch == nil || fetch.Err != "" {
		return fetch
	}
	f := *fetch
	f.Err = err.Error()
	return &f
}

// stage removes the temporary files a run killed before its transaction
// left in dir, chooses each item's name (safe, free on the disk and in
// the batch), writes each item to a temporary file, synced, and syncs dir.
// It returns the temporary files and the intents, in todo's order.
func stage(ctx context.Context, dir string, todo []Item) (temps []string, intents []state.Item, err error) {
	if err := makeDir(dir); err != nil {
		return nil, nil, err
	}
	if _, err := RemoveTemps(dir); err != nil {
		return nil, nil, err
	}
	intents = chooseNames(dir, todo)
	if temps, err = writeTemps(ctx, dir, todo); err != nil {
		return nil, nil, err
	}
	if err := syncDir(dir); err != nil {
		removeAll(temps)
		return nil, nil, err
	}
	return temps, intents, nil
}

// chooseNames returns each item's intent: its key, its name made safe and
// free on the disk and in the batch, and the hash of its content.
func chooseNames(dir string, todo []Item) []state.Item {
	taken := make(map[string]bool, len(todo))
	intents := make([]state.Item, len(todo))
	for i, it := range todo {
		name := SafeName(it.Name)
		if name == "" {
			name = untitled
		}
		for n := 1; n <= maxTries; n++ {
			c := candidate(name, n)
			if _, err := os.Lstat(filepath.Join(dir, c)); !taken[c] && errors.Is(err, fs.ErrNotExist) {
				name = c
				break
			}
		}
		taken[name] = true
		intents[i] = state.Item{Key: it.Key, Path: filepath.Join(dir, name), Hash: hashOf(it.Content)}
	}
	return intents
}

// placeAll puts each temporary file in place under its intent's name (or
// the next free one, skipping the names meant for the others), syncs dir,
// and returns the intents put in place, with their paths; it stops at the
// first failure.
func placeAll(dir string, todo []Item, temps []string, intents []state.Item) ([]state.Item, error) {
	others := make(map[string]bool, len(intents)) // names meant for other items
	for _, in := range intents {
		others[filepath.Base(in.Path)] = true
	}
	var done []state.Item
	for i, tmp := range temps {
		name := filepath.Base(intents[i].Path)
		delete(others, name)
		final, err := place(tmp, dir, name, todo[i].Content, others)
		if crashed("placed") {
			return nil, errCrashed
		}
		if err != nil {
			return done, err
		}
		in := intents[i]
		in.Path = final
		done = append(done, in)
	}
	err := syncDir(dir)
	if crashed("synced") {
		return nil, errCrashed
	}
	return done, err
}

// removeAll removes the files.
func removeAll(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}

// dirLocks holds a *sync.Mutex per feed folder (lockDir).
var dirLocks sync.Map

// lockDir locks dir against the other writers of this process (two
// subscriptions whose folder names meet), so that none removes or puts
// in place another's temporary files; it returns the unlock. Other
// processes are kept out by the fetch lock (state.LockFetch).
func lockDir(dir string) func() {
	m, _ := dirLocks.LoadOrStore(dir, new(sync.Mutex))
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// writers is how many files of a feed are written and synced at once:
// a sync waits on the disk, and file systems commit concurrent syncs
// together.
const writers = 8

// writeTemps writes each item's content to a temporary file of dir,
// synced, writers at once, and returns their paths in order; on a failure
// it removes those it wrote.
func writeTemps(ctx context.Context, dir string, todo []Item) ([]string, error) {
	temps := make([]string, len(todo))
	errs := make([]error, len(todo))
	var wg sync.WaitGroup
	slots := make(chan struct{}, writers)
	for i := range todo {
		if errs[i] = ctx.Err(); errs[i] != nil {
			break
		}
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			temps[i], errs[i] = writeTemp(dir, todo[i].Content)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			for _, t := range temps {
				if t != "" {
					os.Remove(t)
				}
			}
			return nil, err
		}
	}
	return temps, nil
}
