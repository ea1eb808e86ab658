package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data/state"
)

var ctx = context.Background()

const feedURL = "https://news.example.org/feed.xml"

// item is the i-th item of a feed, as the fetch command makes it: a key
// (the GUID), a dated name from its title, and Markdown with front matter.
func item(i int) Item {
	return Item{
		Key:  fmt.Sprintf("urn:uuid:item-%d", i),
		Name: fmt.Sprintf("2026-03-12-headline-%d.md", i),
		Content: fmt.Appendf(nil, "---\ntitle: Headline %d\ndate: 2026-03-12T08:00:00Z\nguid: urn:uuid:item-%d\nfeed: %s\n---\n\n%s\n",
			i, i, feedURL, strings.Repeat("Some words of the article. ", 40)),
	}
}

func items(from, to int) []Item {
	var out []Item
	for i := from; i < to; i++ {
		out = append(out, item(i))
	}
	return out
}

func openState(t testing.TB, dir string) *state.Store {
	t.Helper()
	st, err := state.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// contents returns the contents of the files of dir, sorted, failing on
// a temporary file left.
func contents(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for n, c := range listing(t, dir) {
		if strings.HasPrefix(n, ".") {
			t.Errorf("%s is left in %s", n, dir)
		}
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

func wantContents(its []Item, extra ...string) []string {
	out := slices.Clone(extra)
	for _, it := range its {
		out = append(out, string(it.Content))
	}
	slices.Sort(out)
	return out
}

// TestSaveItems: fetches one after another save each item once, under a
// safe free name, never over a file, and never again once saved (even
// when the user deleted it).
func TestSaveItems(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "library")
	dir := filepath.Join(lib, FeedsFolder, "News")
	st := openState(t, t.TempDir())
	dup := item(7)
	dup.Key = "urn:uuid:other" // another item, the same name
	bad := item(8)
	bad.Name = "../../.bashrc"
	for _, step := range []struct {
		name   string
		before func()   // what the user does first
		items  []Item   // what the feed holds
		want   []string // the files saved, by name
		total  int      // the feed's items saved
	}{
		{"the first fetch", nil, items(0, 3), []string{"2026-03-12-headline-0.md", "2026-03-12-headline-1.md", "2026-03-12-headline-2.md"}, 3},
		{"nothing new", nil, items(0, 3), nil, 3},
		{"a file the user deleted", func() { os.Remove(filepath.Join(dir, "2026-03-12-headline-1.md")) }, items(0, 3), nil, 3},
		{"a name the user took", func() { os.WriteFile(filepath.Join(dir, "2026-03-12-headline-3.md"), []byte("mine"), 0o644) },
			items(0, 4), []string{"2026-03-12-headline-3-2.md"}, 4},
		{"a key twice in a batch", nil, []Item{item(5), item(5)}, []string{"2026-03-12-headline-5.md"}, 5},
		{"two items, one name", nil, []Item{item(7), dup}, []string{"2026-03-12-headline-7.md", "2026-03-12-headline-7-2.md"}, 7},
		{"a hostile name", nil, []Item{bad}, []string{"-..-.bashrc"}, 8},
	} {
		if step.before != nil {
			step.before()
		}
		fetch := &state.Fetch{At: time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC), ETag: `"v1"`}
		saved, err := SaveItems(ctx, st, lib, feedURL, "News", step.items, fetch)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		var got []string
		for _, p := range saved {
			if filepath.Dir(p) != dir {
				t.Errorf("%s: saved %s outside %s", step.name, p, dir)
			}
			got = append(got, filepath.Base(p))
		}
		if !reflect.DeepEqual(got, step.want) {
			t.Errorf("%s: saved %v, want %v", step.name, got, step.want)
		}
		f, _, err := st.Feed(ctx, feedURL)
		if err != nil || f.Items != step.total || f.ETag != `"v1"` || !f.Fetched.Equal(fetch.At) {
			t.Errorf("%s: the feed's bookkeeping %+v, %v; want %d items", step.name, f, err, step.total)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "2026-03-12-headline-3.md")); string(b) != "mine" {
		t.Errorf("the user's file holds %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "2026-03-12-headline-1.md")); err == nil {
		t.Error("the file the user deleted was written again")
	}
}

// TestSaveItemsCrash kills SaveItems (as kill -9 would: no cleanup) at
// each of its steps, then runs what the next fetch runs — Reconcile, and
// SaveItems of the same items; or SaveItems alone, which settles its
// feed's intents first — and checks that every item is saved in exactly
// one file, with its content, no temporary file is left, the user's file
// is untouched, and the feed keeps its old validator only when the run
// was stopped before its transaction (the state is then as before that
// fetch).
func TestSaveItemsCrash(t *testing.T) {
	const n = 5
	for _, tc := range []struct {
		step      string
		nth       int // which time the step is reached
		recovered int // files Reconcile puts or finds in place, unreported
		temps     int // temporary files Reconcile removes
	}{
		{"temps", 1, 0, 0}, // not in the state: the next SaveItems sweeps them
		{"committed", 1, n, n},
		{"placed", 1, n, n},
		{"placed", 3, n, n},
		{"placed", n, n, n},
		{"synced", 1, n, n},
	} {
		for _, reconcile := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s %d reconcile %v", tc.step, tc.nth, reconcile), func(t *testing.T) {
				lib := t.TempDir()
				dir := filepath.Join(lib, FeedsFolder, "News")
				stateDir := t.TempDir()
				st := openState(t, stateDir)
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, "2026-03-12-headline-2.md"), []byte("the user's"), 0o644)
				if err := st.RecordFetch(ctx, feedURL, state.Fetch{At: time.Unix(1, 0), ETag: `"old"`}); err != nil {
					t.Fatal(err)
				}
				crashSaveItems(t, st, lib, tc.step, tc.nth, n)
				st.Close()

				st = openState(t, stateDir) // the next run
				wantSaved := n
				if reconcile {
					checkReconcile(t, st, tc.recovered, tc.temps)
					wantSaved = n - tc.recovered
				}
				saved, err := SaveItems(ctx, st, lib, feedURL, "News", items(0, n), &state.Fetch{ETag: `"new"`})
				if err != nil || len(saved) != wantSaved {
					t.Errorf("the next SaveItems = %v, %v; want %d files", saved, err, wantSaved)
				}
				checkSavedOnce(t, st, dir, n)
			})
		}
	}
}

// checkReconcile runs Reconcile after a SaveItems of items(0, n) stopped
// (see TestSaveItemsCrash) and checks what it did.
func checkReconcile(t *testing.T, st *state.Store, recovered, temps int) {
	t.Helper()
	got, removed, err := Reconcile(ctx, st)
	if err != nil || len(got) != recovered || removed != temps {
		t.Errorf("Reconcile = %v, %d, %v; want %d recovered, %d removed", got, removed, err, recovered, temps)
	}
	wantTag := `"new"`
	if recovered == 0 {
		wantTag = `"old"`
	}
	if f, _, _ := st.Feed(ctx, feedURL); f.ETag != wantTag || f.Items != recovered {
		t.Errorf("after Reconcile the feed: %+v; want the validator %s and %d items", f, wantTag, recovered)
	}
}

// checkSavedOnce checks that dir holds items(0, n) once each and the
// user's file, that the feed counts them with the validator "new", and
// that the next Reconcile leaves no intent.
func checkSavedOnce(t *testing.T, st *state.Store, dir string, n int) {
	t.Helper()
	if got, want := contents(t, dir), wantContents(items(0, n), "the user's"); !reflect.DeepEqual(got, want) {
		t.Errorf("the folder holds %d files, want %d: lost or duplicated", len(got), len(want))
	}
	if f, _, err := st.Feed(ctx, feedURL); err != nil || f.Items != n || f.ETag != `"new"` {
		t.Errorf("the feed: %+v, %v", f, err)
	}
	if _, _, err := Reconcile(ctx, st); err != nil {
		t.Fatal(err)
	}
	if p, err := st.Pending(ctx); err != nil || len(p) != 0 {
		t.Errorf("intents left after the next Reconcile: %v, %v", p, err)
	}
}

// crashSaveItems runs SaveItems of items(0, n) with a fetch whose ETag is
// "new", stopped the nth time it reaches step.
func crashSaveItems(t *testing.T, st *state.Store, lib, step string, nth, n int) {
	t.Helper()
	reached := 0
	crashAt = func(s string) bool {
		if s == step {
			reached++
		}
		return s == step && reached == nth
	}
	defer func() { crashAt = nil }()
	if _, err := SaveItems(ctx, st, lib, feedURL, "News", items(0, n), &state.Fetch{ETag: `"new"`}); err != errCrashed {
		t.Fatalf("SaveItems did not stop: %v", err)
	}
}

// TestSaveItemsUserDeletes: a file the user deletes after a fetch put it
// in place, and before any transaction of its feed or Reconcile marked
// it saved, is not written again — nor is one whose temporary file was
// removed after the transaction: an intent with neither its file nor its
// temporary file is taken as put in place and deleted.
func TestSaveItemsUserDeletes(t *testing.T) {
	for _, reconcile := range []bool{false, true} {
		t.Run(fmt.Sprintf("reconcile %v", reconcile), func(t *testing.T) {
			lib := t.TempDir()
			dir := filepath.Join(lib, FeedsFolder, "News")
			st := openState(t, t.TempDir())
			if _, err := SaveItems(ctx, st, lib, feedURL, "News", items(0, 3), nil); err != nil {
				t.Fatal(err)
			}
			crashSaveItems(t, st, lib, "committed", 1, 4) // item 3: intended, its temporary file...
			RemoveTemps(dir)                              // ...removed
			os.Remove(filepath.Join(dir, "2026-03-12-headline-1.md"))
			if reconcile {
				if got, _, err := Reconcile(ctx, st); err != nil || len(got) != 0 {
					t.Errorf("Reconcile = %v, %v; want nothing put in place", got, err)
				}
			}
			saved, err := SaveItems(ctx, st, lib, feedURL, "News", items(0, 5), nil)
			if err != nil || len(saved) != 1 || filepath.Base(saved[0]) != "2026-03-12-headline-4.md" {
				t.Errorf("SaveItems = %v, %v; want only item 4", saved, err)
			}
			if got, want := contents(t, dir), wantContents([]Item{item(0), item(2), item(4)}); !reflect.DeepEqual(got, want) {
				t.Errorf("the folder holds %d files, want %d", len(got), len(want))
			}
			if f, _, _ := st.Feed(ctx, feedURL); f.Items != 5 {
				t.Errorf("the feed counts %d items, want 5", f.Items)
			}
		})
	}
}

// TestSaveItemsBadInput: a batch without a feed URL, an item without a
// key, or a folder name with nothing usable is one line saying so, and
// nothing is written or recorded.
func TestSaveItemsBadInput(t *testing.T) {
	keyless := item(1)
	keyless.Key = ""
	for _, tc := range []struct {
		name, url, folder string
		items             []Item
		want              string
	}{
		{"no feed URL", "", "News", items(0, 2), "no feed URL given"},
		{"an item without a key", feedURL, "News", []Item{item(0), keyless}, "item 2 of " + feedURL + " has no key"},
		{"a folder of nothing", feedURL, "..\x1b", items(0, 2), "feed folder name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lib := t.TempDir()
			st := openState(t, t.TempDir())
			saved, err := SaveItems(ctx, st, lib, tc.url, tc.folder, tc.items, nil)
			if err == nil || len(saved) != 0 || !strings.Contains(err.Error(), tc.want) || strings.ContainsAny(err.Error(), "\n\x1b") {
				t.Errorf("SaveItems = %v, %v; want an error saying %q", saved, err, tc.want)
			}
			if entries, _ := os.ReadDir(lib); len(entries) != 0 {
				t.Errorf("wrote %v", entries)
			}
			if f, _ := st.Feeds(ctx); len(f) != 0 {
				t.Errorf("recorded %v", f)
			}
		})
	}
}

// TestSaveItemsOneTransaction: saving a feed's new items takes one write
// transaction of the state — also when it settles what the feed's last
// fetch put in place, and when nothing is new — and Reconcile one for
// every feed of the last run.
func TestSaveItemsOneTransaction(t *testing.T) {
	lib := t.TempDir()
	st := openState(t, t.TempDir())
	const other = "https://other.example.org/feed.xml"
	for _, step := range []struct {
		name  string
		items []Item
	}{
		{"new items", items(0, 5)},
		{"new items, the last ones settled", items(0, 8)},
		{"nothing new", items(0, 8)},
	} {
		before := st.Writes()
		if _, err := SaveItems(ctx, st, lib, feedURL, "News", step.items, &state.Fetch{ETag: `"v"`}); err != nil {
			t.Fatal(err)
		}
		if n := st.Writes() - before; n != 1 {
			t.Errorf("%s: %d write transactions, want 1", step.name, n)
		}
	}
	if _, err := SaveItems(ctx, st, lib, other, "Other", items(0, 3), nil); err != nil {
		t.Fatal(err)
	}
	before := st.Writes()
	if _, _, err := Reconcile(ctx, st); err != nil {
		t.Fatal(err)
	}
	if n := st.Writes() - before; n != 1 {
		t.Errorf("Reconcile: %d write transactions for the intents of two feeds, want 1", n)
	}
	if f, _, _ := st.Feed(ctx, feedURL); f.Items != 8 || f.ETag != `"v"` {
		t.Errorf("the feed: %+v; want 8 items and its validator", f)
	}
}
