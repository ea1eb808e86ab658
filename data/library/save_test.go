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
// SaveItems of the same items — and checks that every item is saved in
// exactly one file, with its content, no temporary file is left, and the
// user's file is untouched.
func TestSaveItemsCrash(t *testing.T) {
	const n = 5
	for _, tc := range []struct {
		step      string
		nth       int // which time the step is reached
		recovered int // files Reconcile finds in place
		temps     int // temporary files Reconcile removes
	}{
		{"intended", 1, 0, 0},
		{"temps", 1, 0, n},
		{"placed", 1, 1, n},
		{"placed", 3, 3, n - 2},
		{"placed", n, n, 1},
		{"synced", 1, n, 0},
	} {
		t.Run(fmt.Sprintf("%s %d", tc.step, tc.nth), func(t *testing.T) {
			lib := t.TempDir()
			dir := filepath.Join(lib, FeedsFolder, "News")
			stateDir := t.TempDir()
			st := openState(t, stateDir)
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "2026-03-12-headline-2.md"), []byte("the user's"), 0o644)
			if err := st.RecordFetch(ctx, feedURL, state.Fetch{At: time.Unix(1, 0), ETag: `"old"`}); err != nil {
				t.Fatal(err)
			}
			reached := 0
			crashAt = func(step string) bool {
				if step == tc.step {
					reached++
				}
				return step == tc.step && reached == tc.nth
			}
			defer func() { crashAt = nil }()
			if _, err := SaveItems(ctx, st, lib, feedURL, "News", items(0, n), &state.Fetch{ETag: `"new"`}); err != errCrashed {
				t.Fatalf("SaveItems did not stop: %v", err)
			}
			crashAt = nil
			st.Close()

			st = openState(t, stateDir) // the next run
			recovered, removed, err := Reconcile(ctx, st)
			if err != nil || len(recovered) != tc.recovered || removed != tc.temps {
				t.Errorf("Reconcile = %v, %d, %v; want %d recovered, %d removed", recovered, removed, err, tc.recovered, tc.temps)
			}
			f, _, _ := st.Feed(ctx, feedURL)
			if pending := tc.recovered < n; pending && f.ETag != "" {
				t.Errorf("intents are left, but the validator %s is kept: the next fetch would get a 304", f.ETag)
			}
			saved, err := SaveItems(ctx, st, lib, feedURL, "News", items(0, n), &state.Fetch{ETag: `"new"`})
			if err != nil || len(saved) != n-tc.recovered {
				t.Errorf("the next SaveItems = %v, %v; want %d files", saved, err, n-tc.recovered)
			}
			if got, want := contents(t, dir), wantContents(items(0, n), "the user's"); !reflect.DeepEqual(got, want) {
				t.Errorf("the folder holds %d files, want %d: lost or duplicated", len(got), len(want))
			}
			if f, _, err := st.Feed(ctx, feedURL); err != nil || f.Items != n || f.ETag != `"new"` {
				t.Errorf("the feed: %+v, %v", f, err)
			}
			if p, err := st.Pending(ctx); err != nil || len(p) != 0 {
				t.Errorf("intents left: %v, %v", p, err)
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
