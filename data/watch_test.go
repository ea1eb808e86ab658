package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// watchDeadline turns a watch that never delivers into a failure. It is
// not a timing requirement: changes normally arrive within a second.
const watchDeadline = 20 * time.Second

// testWatch is shorter than the default, so the tests run faster.
var testWatch = watchOptions{
	quiet:   100 * time.Millisecond,
	maxWait: time.Second,
	poll:    100 * time.Millisecond,
	slower:  1,
	add:     defaultWatch.add,
}

// watchRun is a Watch running on a loaded library, with what it sent.
type watchRun struct {
	t       *testing.T
	coll    *model.Collection // the loaded collection with every batch applied
	cancel  context.CancelFunc
	done    chan error
	mu      sync.Mutex
	queue   []model.Batch // sent, not yet applied
	signal  chan struct{}
	batches []model.Batch // every batch Watch sent, applied
}

// startWatch loads a folder or file through an index (with its full text)
// and starts Watch on it.
func startWatch(t *testing.T, dir string, opt watchOptions) *watchRun {
	t.Helper()
	lib, batches := libraryLoad(t, dir, t.TempDir())
	if err := lib.IndexText(context.Background(), func(b model.Batch) { batches = append(batches, b) }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &watchRun{t: t, coll: collect(batches), cancel: cancel, done: make(chan error, 1), signal: make(chan struct{}, 1)}
	// Changes made after ready come by events, not by the first check.
	ready := make(chan struct{})
	opt.ready = func() { close(ready) }
	go func() {
		w.done <- lib.watch(ctx, func(b model.Batch) {
			w.mu.Lock()
			w.queue = append(w.queue, b)
			w.mu.Unlock()
			select {
			case w.signal <- struct{}{}:
			default:
			}
		}, opt)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-w.done:
		case <-time.After(watchDeadline):
			t.Error("Watch did not return after its context was cancelled")
		}
	})
	select {
	case <-ready:
	case err := <-w.done:
		t.Fatalf("Watch returned before it was ready: %v", err)
	case <-time.After(watchDeadline):
		t.Fatal("Watch was not ready")
	}
	return w
}

// apply applies what Watch sent since the last call.
func (w *watchRun) apply() {
	w.mu.Lock()
	q := w.queue
	w.queue = nil
	w.mu.Unlock()
	for _, b := range q {
		if b.Progress != (model.Progress{}) && !b.Progress.Done {
			w.t.Errorf("a batch after the load is not Done: %+v", b.Progress)
		}
		w.coll.Apply(b)
		w.batches = append(w.batches, b)
	}
}

// waitFor waits until ok holds for the collection.
func (w *watchRun) waitFor(what string, ok func(c *model.Collection) bool) {
	w.t.Helper()
	deadline := time.After(watchDeadline)
	for {
		w.apply()
		if ok(w.coll) {
			return
		}
		select {
		case <-w.signal:
		case <-deadline:
			w.t.Fatalf("no %s after %v; titles %v", what, watchDeadline, titlesOf(w.coll))
		}
	}
}

// removed is every ID Watch sent as removed.
func (w *watchRun) removed() []model.ID {
	var ids []model.ID
	for _, b := range w.batches {
		ids = append(ids, b.Removed...)
	}
	return ids
}

func hasTitle(id model.ID, title string) func(c *model.Collection) bool {
	return func(c *model.Collection) bool {
		a, ok := c.Article(id)
		return ok && a.Title == title
	}
}

func gone(id model.ID) func(c *model.Collection) bool {
	return func(c *model.Collection) bool {
		_, ok := c.Article(id)
		return !ok
	}
}

func TestWatchNewFile(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.txt"), "First story\n\nText.")
	w := startWatch(t, dir, testWatch)
	testfs.WriteFile(t, filepath.Join(dir, "b.txt"), "Second story\n\nMore text.")
	w.waitFor("new article", hasTitle(model.NewID("b.txt", 0), "Second story"))
	if got := titlesOf(w.coll); !slices.Equal(got, []string{"First story", "Second story"}) {
		t.Errorf("titles %v", got)
	}
}

func TestWatchChangedFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	testfs.WriteFile(t, p, "Old title\n\nText.")
	w := startWatch(t, dir, testWatch)
	testfs.WriteFile(t, p, "A much newer title\n\nText, revised.")
	id := model.NewID("a.txt", 0)
	w.waitFor("replaced article", hasTitle(id, "A much newer title"))
	if slices.Contains(w.removed(), id) {
		t.Errorf("the changed article was removed, not replaced")
	}
	if w.coll.Len() != 1 {
		t.Errorf("%d articles, want 1", w.coll.Len())
	}
}

func TestWatchDeletedFile(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.txt"), "Stays\n\nText.")
	testfs.WriteFile(t, filepath.Join(dir, "sport", "b.txt"), "Goes\n\nText.")
	w := startWatch(t, dir, testWatch)
	if err := os.Remove(filepath.Join(dir, "sport", "b.txt")); err != nil {
		t.Fatal(err)
	}
	id := model.NewID("sport/b.txt", 0)
	w.waitFor("removal", gone(id))
	if !slices.Equal(w.removed(), []model.ID{id}) {
		t.Errorf("removed %v, want %v", w.removed(), id)
	}
	if _, ok := w.coll.Tag("sport"); ok {
		t.Errorf("the sport tag outlived its only article")
	}
}

func TestWatchNewFolder(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.txt"), "First\n\nText.")
	w := startWatch(t, dir, testWatch)
	testfs.WriteFile(t, filepath.Join(dir, "world", "asia", "x.txt"), "In a new folder\n\nText.")
	w.waitFor("article in a new folder", hasTitle(model.NewID("world/asia/x.txt", 0), "In a new folder"))
	if tag, ok := w.coll.Tag("asia"); !ok || tag.Count != 1 {
		t.Errorf("asia tag %+v, %v", tag, ok)
	}
	// The new folder is watched: a second file arrives by its own event.
	testfs.WriteFile(t, filepath.Join(dir, "world", "asia", "y.txt"), "Second in the new folder\n\nText.")
	w.waitFor("second article in the new folder", hasTitle(model.NewID("world/asia/y.txt", 0), "Second in the new folder"))
	// A folder removed and made again is watched again.
	if err := os.RemoveAll(filepath.Join(dir, "world")); err != nil {
		t.Fatal(err)
	}
	w.waitFor("removal of the folder's articles", func(c *model.Collection) bool { return c.Len() == 1 })
	testfs.WriteFile(t, filepath.Join(dir, "world", "asia", "z.txt"), "Back again\n\nText.")
	w.waitFor("article in the folder made again", hasTitle(model.NewID("world/asia/z.txt", 0), "Back again"))
	testfs.WriteFile(t, filepath.Join(dir, "world", "asia", "z2.txt"), "And once more\n\nText.")
	w.waitFor("second article in the folder made again", hasTitle(model.NewID("world/asia/z2.txt", 0), "And once more"))
}

func TestWatchBurst(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.txt"), "First\n\nText.")
	w := startWatch(t, dir, defaultWatch) // the real debounce
	const n = 200
	for i := range n {
		testfs.WriteFile(t, filepath.Join(dir, "burst", fmt.Sprintf("%03d.txt", i)), fmt.Sprintf("Burst story %d\n\nText %d.", i, i))
	}
	w.waitFor("all the burst's articles", func(c *model.Collection) bool { return c.Len() == n+1 })
	changes := 0
	for _, b := range w.batches {
		if len(b.Articles) > 0 {
			changes++
		}
	}
	t.Logf("%d files arrived in %d batches with articles (%d batches in all by then)", n, changes, len(w.batches))
	for i := range n {
		id := model.NewID(fmt.Sprintf("burst/%03d.txt", i), 0)
		if !hasTitle(id, fmt.Sprintf("Burst story %d", i))(w.coll) {
			t.Errorf("article %d missing or wrong", i)
		}
	}
}

func TestWatchRename(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "old.txt"), "Moving story\n\nText.")
	w := startWatch(t, dir, testWatch)
	if err := os.Rename(filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt")); err != nil {
		t.Fatal(err)
	}
	oldID, newID := model.NewID("old.txt", 0), model.NewID("new.txt", 0)
	w.waitFor("renamed article", func(c *model.Collection) bool {
		return gone(oldID)(c) && hasTitle(newID, "Moving story")(c)
	})
	if !slices.Equal(w.removed(), []model.ID{oldID}) {
		t.Errorf("removed %v, want the old ID", w.removed())
	}
}

// TestWatchSendsOnlyChanges: irrelevant events (hidden files, other
// formats, chmod) and the check at the start send nothing; the first thing
// sent is the one real change.
func TestWatchSendsOnlyChanges(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.txt"), "First\n\nText.")
	testfs.WriteFile(t, filepath.Join(dir, "sub", "b.md"), "# Second\n\nText.")
	w := startWatch(t, dir, testWatch)
	testfs.WriteFile(t, filepath.Join(dir, ".hidden.txt"), "Hidden\n\nText.")
	testfs.WriteFile(t, filepath.Join(dir, "notes.doc"), "not ours")
	testfs.WriteFile(t, filepath.Join(dir, "a.txt.swp"), "an editor's")
	if err := os.Chmod(filepath.Join(dir, "a.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, filepath.Join(dir, "new.txt"), "The only change\n\nText.")
	id := model.NewID("new.txt", 0)
	w.waitFor("the change", hasTitle(id, "The only change"))
	for _, b := range w.batches {
		if len(b.Removed) > 0 || len(b.Problems) > 0 || len(b.Reread) > 0 || b.Notice != "" {
			t.Errorf("sent more than the change: %+v", b)
		}
		for _, a := range b.Articles {
			if a.ID != id {
				t.Errorf("sent an unchanged article: %q", a.Title)
			}
		}
	}
}

func TestWatchReturnsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.txt"), "First\n\nText.")
	w := startWatch(t, dir, testWatch)
	w.cancel()
	select {
	case err := <-w.done:
		if err != nil {
			t.Errorf("Watch returned %v, want nil", err)
		}
		w.done <- err // for the cleanup
	case <-time.After(watchDeadline):
		t.Fatal("Watch did not return after its context was cancelled")
	}
}

// TestWatchPollsWhenItCannotWatch: out of inotify watches, Watch says so
// once and finds the changes by checking every few seconds.
func TestWatchPollsWhenItCannotWatch(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.txt"), "First\n\nText.")
	opt := testWatch
	opt.add = func(*fsnotify.Watcher, string) error { return syscall.ENOSPC }
	w := startWatch(t, dir, opt)
	testfs.WriteFile(t, filepath.Join(dir, "b.txt"), "Found by polling\n\nText.")
	w.waitFor("polled article", hasTitle(model.NewID("b.txt", 0), "Found by polling"))
	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	w.waitFor("polled removal", gone(model.NewID("a.txt", 0)))
	var notices []string
	for _, b := range w.batches {
		if b.Notice != "" {
			notices = append(notices, b.Notice)
		}
	}
	if len(notices) != 1 {
		t.Errorf("notices %q, want one saying it polls", notices)
	}
	t.Logf("notice: %s", notices)
}

// TestWatchFileRoot: a file given as a path is watched through its folder.
func TestWatchFileRoot(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "feed.jsonl")
	testfs.WriteFile(t, p, `{"title":"One"}`)
	testfs.WriteFile(t, filepath.Join(dir, "other.txt"), "Not in the collection\n\nText.")
	w := startWatch(t, p, testWatch)
	testfs.WriteFile(t, filepath.Join(dir, "another.txt"), "Not in it either\n\nText.")
	testfs.WriteFile(t, p, `{"title":"One"}`+"\n"+`{"title":"Two"}`)
	w.waitFor("the file's new record", func(c *model.Collection) bool { return c.Len() == 2 })
	if got := titlesOf(w.coll); !slices.Equal(got, []string{"One", "Two"}) {
		t.Errorf("titles %v", got)
	}
}

// TestWatchLinkedFolder: a folder reached through a symbolic link is
// watched as Load walks it.
func TestWatchLinkedFolder(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	testfs.WriteFile(t, filepath.Join(elsewhere, "a.txt"), "Linked story\n\nText.")
	if err := os.Symlink(elsewhere, filepath.Join(dir, "linked")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	w := startWatch(t, dir, testWatch)
	testfs.WriteFile(t, filepath.Join(elsewhere, "b.txt"), "Second linked story\n\nText.")
	w.waitFor("article in the linked folder", hasTitle(model.NewID("linked/b.txt", 0), "Second linked story"))
}
