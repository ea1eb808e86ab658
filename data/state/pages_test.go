package state

import (
	"errors"
	"maps"
	"sync"
	"testing"
)

const (
	pageAsked = "https://short.example/ferry"
	pageFinal = "https://gazette.example/2026/03/ferry-returns"
)

// TestSavePage: each sequence of saves leaves the addresses recorded as
// the save command needs them: both addresses of a redirected page, one
// path per page, nothing when put fails, the new path when a page is
// saved again.
func TestSavePage(t *testing.T) {
	type save struct {
		urls []string
		path string // what put returns
		err  error  // ... or this
		// known is what put must be given.
		known map[string]string
	}
	fail := errors.New("the disk is full")
	tests := []struct {
		name  string
		saves []save
		want  map[string]string // SavedPages(pageAsked, pageFinal, other)
	}{
		{"nothing saved", nil, map[string]string{}},
		{"a page and where it led", []save{
			{urls: []string{pageAsked, pageFinal}, path: "/lib/saved/a.md", known: map[string]string{}},
		}, map[string]string{pageAsked: "/lib/saved/a.md", pageFinal: "/lib/saved/a.md"}},
		{"no redirect: the address twice", []save{
			{urls: []string{pageFinal, pageFinal}, path: "/lib/saved/a.md", known: map[string]string{}},
		}, map[string]string{pageFinal: "/lib/saved/a.md"}},
		{"empty addresses are skipped", []save{
			{urls: []string{"", pageFinal}, path: "/lib/saved/a.md", known: map[string]string{}},
		}, map[string]string{pageFinal: "/lib/saved/a.md"}},
		{"put fails: nothing recorded", []save{
			{urls: []string{pageAsked, pageFinal}, err: fail, known: map[string]string{}},
		}, map[string]string{}},
		{"the same page asked at another address", []save{
			{urls: []string{pageFinal}, path: "/lib/saved/a.md", known: map[string]string{}},
			{urls: []string{pageAsked, pageFinal}, path: "/lib/saved/a.md", known: map[string]string{pageFinal: "/lib/saved/a.md"}},
		}, map[string]string{pageAsked: "/lib/saved/a.md", pageFinal: "/lib/saved/a.md"}},
		{"saved again after its file was deleted", []save{
			{urls: []string{pageAsked, pageFinal}, path: "/lib/saved/a.md", known: map[string]string{}},
			{urls: []string{pageAsked, pageFinal}, path: "/lib/saved/a-2.md",
				known: map[string]string{pageAsked: "/lib/saved/a.md", pageFinal: "/lib/saved/a.md"}},
		}, map[string]string{pageAsked: "/lib/saved/a-2.md", pageFinal: "/lib/saved/a-2.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, t.TempDir())
			for i, sv := range tt.saves {
				err := SavePage(ctx, s, sv.urls, func(known map[string]string) (string, error) {
					if !maps.Equal(known, sv.known) {
						t.Errorf("save %d: put was given %v, want %v", i+1, known, sv.known)
					}
					return sv.path, sv.err
				})
				if !errors.Is(err, sv.err) {
					t.Errorf("save %d: %v, want %v", i+1, err, sv.err)
				}
			}
			got, err := SavedPages(ctx, s, pageAsked, pageFinal, "https://other.example/")
			if err != nil || !maps.Equal(got, tt.want) {
				t.Errorf("SavedPages = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// TestSavePageSerializes: savers of the same page in two processes (two
// Stores on one database) run one after the other, so the second sees
// the first's file and does not write another.
func TestSavePageSerializes(t *testing.T) {
	dir := t.TempDir()
	stores := []*Store{open(t, dir), open(t, dir)}
	var mu sync.Mutex
	written := 0
	var wg sync.WaitGroup
	for _, s := range stores {
		wg.Go(func() {
			err := SavePage(ctx, s, []string{pageFinal}, func(known map[string]string) (string, error) {
				if p, ok := known[pageFinal]; ok {
					return p, nil
				}
				mu.Lock()
				written++
				mu.Unlock()
				return "/lib/saved/a.md", nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if written != 1 {
		t.Errorf("the page was written %d times, want once", written)
	}
}

// TestMigrateFromSchema3: a database of schema 3 gains the pages table,
// keeps its feeds, and is then the same as a new one.
func TestMigrateFromSchema3(t *testing.T) {
	a := art("world/harbour.txt", 0, "Harbour reopens", "2026-03-12", "")
	b := art("b.md", 0, "B", "", "https://example.org/b")
	dir := t.TempDir()
	writeV1(t, dir, a, b, viewsTable, feedsTable, itemsTable, pendingIndex,
		`INSERT INTO feeds VALUES ('`+feedURL+`', '"e1"', '', 1773302400, '', 0, 0, 0)`,
		"PRAGMA user_version = 3")
	s := open(t, dir)
	if f, ok, err := s.Feed(ctx, feedURL); !ok || err != nil || f.ETag != `"e1"` {
		t.Errorf("after the migration: Feed = %+v, %v, %v", f, ok, err)
	}
	if got, want := schemaOf(t, s), schemaOf(t, open(t, t.TempDir())); got != want {
		t.Errorf("migrated:\n%s\nnew:\n%s", got, want)
	}
	err := SavePage(ctx, s, []string{pageFinal}, func(map[string]string) (string, error) { return "/lib/saved/a.md", nil })
	if got, _ := SavedPages(ctx, s, pageFinal); err != nil || got[pageFinal] != "/lib/saved/a.md" {
		t.Errorf("SavePage after the migration: %v, %v", err, got)
	}
}
