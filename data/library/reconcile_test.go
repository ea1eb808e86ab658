package library

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/newsline/newsline/data/state"
)

// TestSaveItemsWriteFails: a write that fails half-way returns an error
// naming the file; what was put in place is saved, the rest stays
// intended with the feed's validators cleared, and the next fetch writes
// only the rest.
func TestSaveItemsWriteFails(t *testing.T) {
	lib := t.TempDir()
	dir := filepath.Join(lib, FeedsFolder, "News")
	st := openState(t, t.TempDir())
	defer func(old func(string, string) error) { link = old }(link)
	calls := 0
	link = func(old, new string) error {
		if calls++; calls == 3 {
			return &os.LinkError{Op: "link", Old: old, New: new, Err: syscall.EIO}
		}
		return os.Link(old, new)
	}
	saved, err := SaveItems(ctx, st, lib, feedURL, "News", items(0, 5), &state.Fetch{ETag: `"v1"`})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "2026-03-12-headline-2.md")) || len(saved) != 2 {
		t.Fatalf("SaveItems = %v, %v; want 2 saved and an error naming the third file", saved, err)
	}
	if f, _, _ := st.Feed(ctx, feedURL); f.Items != 2 || f.ETag != "" || !strings.Contains(f.Error, "headline-2.md") {
		t.Errorf("the feed: %+v; want 2 items, no validator, and the error", f)
	}
	link = os.Link
	saved, err = SaveItems(ctx, st, lib, feedURL, "News", items(0, 5), &state.Fetch{ETag: `"v1"`})
	if err != nil || len(saved) != 3 {
		t.Errorf("the next SaveItems = %v, %v", saved, err)
	}
	if got, want := contents(t, dir), wantContents(items(0, 5)); !reflect.DeepEqual(got, want) {
		t.Errorf("the folder holds %d files, want %d", len(got), len(want))
	}
	if f, _, _ := st.Feed(ctx, feedURL); f.Items != 5 || f.ETag != `"v1"` || f.Error != "" {
		t.Errorf("the feed: %+v", f)
	}
}

// TestReconcileTouchesOnlyItsOwn: an intent whose path is another file
// (the user's, with other content) is not taken for newsline's: the file
// is left as it is, and the item, with no temporary file of its own, is
// taken as put in place and deleted (saved, not reported, never written
// again); a temporary-looking file outside a library's feed folder is not
// removed even when an intent names that folder, whose intent stays.
func TestReconcileTouchesOnlyItsOwn(t *testing.T) {
	st := openState(t, t.TempDir())
	home := t.TempDir()
	lib := t.TempDir()
	dir := filepath.Join(lib, FeedsFolder, "News")
	os.MkdirAll(dir, 0o755)
	userFile := filepath.Join(dir, "a.md")
	os.WriteFile(userFile, []byte("the user's"), 0o644)
	outside := filepath.Join(home, TempPrefix+"0123456789abcdef")
	os.WriteFile(outside, []byte("not in a library"), 0o644)
	if err := st.Commit(ctx, feedURL, state.Batch{Intended: []state.Item{
		{Key: "a", Path: userFile, Hash: hashOf([]byte("ours"))},
		{Key: "b", Path: filepath.Join(home, "b.md"), Hash: hashOf([]byte("b"))},
	}}); err != nil {
		t.Fatal(err)
	}
	recovered, removed, err := Reconcile(ctx, st)
	if err != nil || len(recovered) != 0 || removed != 0 {
		t.Errorf("Reconcile = %v, %d, %v", recovered, removed, err)
	}
	if b, _ := os.ReadFile(userFile); string(b) != "the user's" {
		t.Errorf("the user's file holds %q", b)
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("a file outside the library was removed: %v", err)
	}
	if p, _ := st.Pending(ctx); len(p[feedURL]) != 1 || p[feedURL][0].Key != "b" {
		t.Errorf("intents %v: b stays intended", p)
	}
	if known, _ := st.FeedItems(ctx, feedURL); !known["a"].Saved || known["a"].Path != userFile {
		t.Errorf("a: %+v; want it saved, at its path", known["a"])
	}
}

// TestDamagedStateSavesNothing: a damaged state database stops a fetch
// before it writes: opening it is one line naming it and saying what to
// do (the fetch command prints it), and the file is left as it was — it
// is never recreated empty, which would save every item again.
func TestDamagedStateSavesNothing(t *testing.T) {
	stateDir := t.TempDir()
	lib := t.TempDir()
	st, err := state.Open(stateDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SaveItems(ctx, st, lib, feedURL, "News", items(0, 3), nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	path := filepath.Join(stateDir, state.FileName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 100; i < len(b); i++ {
		b[i] = 0xA5
	}
	os.WriteFile(path, b, 0o600)
	os.Remove(path + "-wal")
	_, err = state.Open(stateDir)
	if err == nil {
		t.Fatal("a damaged state database opened")
	}
	if msg := err.Error(); !errors.Is(err, state.ErrUnusable) || !strings.Contains(msg, path) || !strings.Contains(msg, "damaged") ||
		!strings.Contains(msg, "move it away") || strings.Contains(msg, "\n") {
		t.Errorf("error %q: want one line naming %s, that it is damaged and what to do", msg, path)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
		t.Error("the damaged file was changed")
	}
}

// TestFindOwn: the file of an intent is found at its path or under any of
// the names place would have tried after it, and only when it is a
// regular file with the content recorded.
func TestFindOwn(t *testing.T) {
	ours := []byte("ours")
	for _, tc := range []struct {
		name  string
		files map[string]string // name → content ("->x": a link to x)
		want  string            // "" not found
	}{
		{"at its path", map[string]string{"n.md": "ours"}, "n.md"},
		{"the next name", map[string]string{"n.md": "the user's", "n-2.md": "ours"}, "n-2.md"},
		{"after a name another item kept", map[string]string{"n.md": "the user's", "n-3.md": "ours"}, "n-3.md"},
		{"other content only", map[string]string{"n.md": "the user's", "n-2.md": "ours, edited"}, ""},
		{"nothing", nil, ""},
		{"not a name place makes", map[string]string{"n-02.md": "ours", "n-2x.md": "ours", "n-1.md": "ours", "m-2.md": "ours", "n-2": "ours"}, ""},
		{"a link to the content", map[string]string{"x": "ours", "n.md": "->x", "n-2.md": "->x"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, c := range tc.files {
				if target, ok := strings.CutPrefix(c, "->"); ok {
					os.Symlink(filepath.Join(dir, target), filepath.Join(dir, n))
					continue
				}
				os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644)
			}
			got, ok := findOwn(state.Item{Key: "k", Path: filepath.Join(dir, "n.md"), Hash: hashOf(ours)})
			if want := filepath.Join(dir, tc.want); ok != (tc.want != "") || ok && got != want {
				t.Errorf("findOwn = %s, %v; want %q", got, ok, tc.want)
			}
		})
	}
}
