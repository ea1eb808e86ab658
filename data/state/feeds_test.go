package state

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

const feedURL = "https://news.example.org/feed.xml"

var (
	t0 = time.Date(2026, 3, 12, 8, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Hour)
)

// intent is an item of feedURL about to be written.
func intent(key string) Item {
	return Item{Key: key, Path: "/lib/feeds/News/" + key + ".md", Hash: "h-" + key}
}

// TestFeedBookkeeping: each sequence of fetches, intents and saves leaves
// the feed's bookkeeping and items as the fetch command needs them.
func TestFeedBookkeeping(t *testing.T) {
	type op func(s *Store) error
	fetched := func(f Fetch) op { return func(s *Store) error { return s.RecordFetch(ctx, feedURL, f) } }
	intend := func(keys ...string) op {
		return func(s *Store) error {
			var items []Item
			for _, k := range keys {
				items = append(items, intent(k))
			}
			return s.Commit(ctx, feedURL, Batch{Intended: items})
		}
	}
	saved := func(f *Fetch, keys ...string) op {
		return func(s *Store) error {
			var items []Item
			for _, k := range keys {
				items = append(items, intent(k))
			}
			return s.Commit(ctx, feedURL, Batch{Saved: items, Fetch: f})
		}
	}
	reset := func(s *Store) error { return s.ResetFeed(ctx, feedURL) }
	commit := func(b Batch) op { return func(s *Store) error { return s.Commit(ctx, feedURL, b) } }
	ok := Fetch{At: t0, ETag: `"a"`, LastModified: "Thu, 12 Mar 2026 07:00:00 GMT"}
	for _, tc := range []struct {
		name   string
		ops    []op
		want   FeedState
		intent []string // keys still intended
		saved  []string // keys saved
	}{
		{"a fetch records its validators", []op{fetched(ok)},
			FeedState{ETag: `"a"`, LastModified: ok.LastModified, Fetched: t0}, nil, nil},
		{"a failure keeps the validators", []op{fetched(ok), fetched(Fetch{At: t1, Err: "timeout"})},
			FeedState{ETag: `"a"`, LastModified: ok.LastModified, Fetched: t1, Error: "timeout"}, nil, nil},
		{"a success clears the error", []op{fetched(Fetch{At: t0, Err: "HTTP 500"}), fetched(Fetch{At: t1, ETag: `"b"`})},
			FeedState{ETag: `"b"`, Fetched: t1}, nil, nil},
		{"410 makes it gone", []op{fetched(ok), fetched(Fetch{At: t1, Gone: true, Err: "HTTP 410 Gone"})},
			FeedState{ETag: `"a"`, LastModified: ok.LastModified, Fetched: t1, Gone: true, Error: "HTTP 410 Gone"}, nil, nil},
		{"added again, it is not gone", []op{fetched(Fetch{At: t1, Gone: true, Err: "HTTP 410 Gone", RetryAfter: t1}), reset},
			FeedState{Fetched: t1}, nil, nil},
		{"Retry-After is kept until the next fetch", []op{fetched(Fetch{At: t0, Err: "HTTP 429", RetryAfter: t1}), fetched(Fetch{At: t1})},
			FeedState{Fetched: t1}, nil, nil},
		{"saves count once each", []op{intend("k1", "k2"), saved(&ok, "k1", "k2"), saved(nil, "k1")},
			FeedState{ETag: `"a"`, LastModified: ok.LastModified, Fetched: t0, Items: 2}, nil, []string{"k1", "k2"}},
		{"intents and the fetch in one transaction keep its validators", []op{fetched(ok),
			commit(Batch{Saved: []Item{intent("k1")}, Intended: []Item{intent("k2")}, Fetch: &Fetch{At: t1, ETag: `"b"`}})},
			FeedState{ETag: `"b"`, Fetched: t1, Items: 2}, []string{"k2"}, []string{"k1"}},
		{"an intent counts once, saved or not", []op{intend("k1", "k2"), saved(nil, "k1"), intend("k1", "k2")},
			FeedState{Items: 2}, []string{"k2"}, []string{"k1"}},
		{"an incomplete fetch clears the validators", []op{fetched(ok),
			commit(Batch{Saved: []Item{intent("k1")}, Incomplete: true, Fetch: &Fetch{At: t1, ETag: `"b"`, Err: "disk full"}})},
			FeedState{Fetched: t1, Error: "disk full", Items: 1}, nil, []string{"k1"}},
		{"an intent dropped is forgotten, a saved item is not", []op{intend("k1"), saved(nil, "k1"), intend("k2"),
			commit(Batch{Dropped: []string{"k1", "k2"}, Incomplete: true})},
			FeedState{Items: 1}, nil, []string{"k1"}},
		{"a saved item is never intended again", []op{intend("k1"), saved(nil, "k1"), intend("k1")},
			FeedState{Items: 1}, nil, []string{"k1"}},
		{"an item saved without an intent", []op{saved(nil, "k1")},
			FeedState{Items: 1}, nil, []string{"k1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, t.TempDir())
			for i, o := range tc.ops {
				if err := o(s); err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
			}
			got, found, err := s.Feed(ctx, feedURL)
			tc.want.URL = feedURL
			if err != nil || !found || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Feed = %+v, %v, %v\nwant %+v", got, found, err, tc.want)
			}
			items, err := s.FeedItems(ctx, feedURL)
			if err != nil {
				t.Fatal(err)
			}
			var intended, done []string
			for _, k := range []string{"k1", "k2"} {
				it, ok := items[k]
				switch {
				case ok && it.Saved:
					done = append(done, k)
				case ok:
					intended = append(intended, k)
				}
				if ok && it != (Item{Key: k, Path: intent(k).Path, Hash: intent(k).Hash, Saved: it.Saved}) {
					t.Errorf("item %s = %+v", k, it)
				}
			}
			if !reflect.DeepEqual(intended, tc.intent) || !reflect.DeepEqual(done, tc.saved) {
				t.Errorf("intended %v, saved %v; want %v, %v", intended, done, tc.intent, tc.saved)
			}
			pending, err := s.Pending(ctx)
			if err != nil || len(pending[feedURL]) != len(tc.intent) {
				t.Errorf("Pending = %v, %v", pending, err)
			}
		})
	}
}

// TestFeeds lists every feed by URL, and Feed of an unknown one is none.
func TestFeeds(t *testing.T) {
	s := open(t, t.TempDir())
	for _, u := range []string{"https://b.example/feed", "https://a.example/feed"} {
		if err := s.RecordFetch(ctx, u, Fetch{At: t0}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Feeds(ctx)
	if err != nil || len(all) != 2 || all[0].URL != "https://a.example/feed" || all[1].URL != "https://b.example/feed" {
		t.Errorf("Feeds = %+v, %v", all, err)
	}
	if f, ok, err := s.Feed(ctx, "https://c.example/feed"); ok || err != nil || f != (FeedState{}) {
		t.Errorf("Feed(unknown) = %+v, %v, %v", f, ok, err)
	}
}

// TestMigrateFromSchema2: a database of schema 2 (marks and views) gains
// the fetch bookkeeping, keeps its marks and is then the same as a new one.
func TestMigrateFromSchema2(t *testing.T) {
	a := art("world/harbour.txt", 0, "Harbour reopens", "2026-03-12", "")
	b := art("b.md", 0, "B", "", "https://example.org/b")
	dir := t.TempDir()
	writeV1(t, dir, a, b, viewsTable, "PRAGMA user_version = 2")
	s := open(t, dir)
	if m := marks(t, s, a, b); len(m) != 2 || m[a.ID] != (model.Mark{Read: true}) {
		t.Errorf("after the migration: marks %v", m)
	}
	if got, want := schemaOf(t, s), schemaOf(t, open(t, t.TempDir())); got != want {
		t.Errorf("migrated:\n%s\nnew:\n%s", got, want)
	}
	if err := s.Commit(ctx, feedURL, Batch{Saved: []Item{intent("k1")}, Fetch: &Fetch{At: t0}}); err != nil {
		t.Fatal(err)
	}
	if f, ok, err := s.Feed(ctx, feedURL); !ok || err != nil || f.Items != 1 {
		t.Errorf("Feed = %+v, %v, %v", f, ok, err)
	}
}

// TestFeedTablesMissing: a database of the current schema without a table
// of the fetch bookkeeping is damaged: Open refuses it with one line, and
// does not recreate the table (that would save every item again).
func TestFeedTablesMissing(t *testing.T) {
	for _, table := range []string{"feeds", "items", "pages"} {
		t.Run(table, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			if _, err := s.db.Exec(`DROP TABLE ` + table); err != nil {
				t.Fatal(err)
			}
			s.Close()
			before, _ := os.ReadFile(filepath.Join(dir, FileName))
			s, err := Open(dir)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted it")
			}
			if msg := err.Error(); !errors.Is(err, ErrUnusable) || !strings.Contains(msg, table+" table is missing") || strings.Contains(msg, "\n") {
				t.Errorf("Open: %q", msg)
			}
			if after, _ := os.ReadFile(filepath.Join(dir, FileName)); string(before) != string(after) {
				t.Error("the file was changed")
			}
		})
	}
}
