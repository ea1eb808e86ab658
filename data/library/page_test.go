package library

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// ferryPage is a saved page as the save command makes it, asked for at a
// short address that redirects to the article's.
func ferryPage(content string) Page {
	return Page{
		URL:     "https://short.example/f1",
		Final:   "https://gazette.example/2026/03/ferry-returns",
		Name:    "2026-03-12-ferry-returns.md",
		Content: []byte("---\ntitle: Ferry returns\nurl: https://gazette.example/2026/03/ferry-returns\n---\n\n" + content + "\n"),
	}
}

// TestSavePage: each sequence of saves and of what the user does to the
// folder leaves saved/ as it should: a page is written once, whatever
// address it is asked at, again only when its file is gone; a user's file
// is never replaced; a temporary file left by a killed save is removed.
func TestSavePage(t *testing.T) {
	first := ferryPage("The evening ferry crossed again.")
	type step struct {
		before      func(dir string) // what the user (or a killed save) did
		page        Page
		wantName    string
		wantAlready bool
	}
	at := func(addr string) Page { p := ferryPage("Fetched again."); p.URL, p.Final = addr, ""; return p }
	tests := []struct {
		name  string
		steps []step
		want  map[string]string // saved/ afterwards
	}{
		{"a new page", []step{{page: first, wantName: "2026-03-12-ferry-returns.md"}},
			map[string]string{"2026-03-12-ferry-returns.md": string(first.Content)}},
		{"asked again at each of its addresses", []step{
			{page: first, wantName: "2026-03-12-ferry-returns.md"},
			{page: at(first.URL), wantName: "2026-03-12-ferry-returns.md", wantAlready: true},
			{page: at(first.Final), wantName: "2026-03-12-ferry-returns.md", wantAlready: true},
			{page: at(first.Final + "#comments"), wantName: "2026-03-12-ferry-returns.md", wantAlready: true},
		}, map[string]string{"2026-03-12-ferry-returns.md": string(first.Content)}},
		{"its file deleted: saved again", []step{
			{page: first, wantName: "2026-03-12-ferry-returns.md"},
			{before: func(dir string) { os.Remove(filepath.Join(dir, "2026-03-12-ferry-returns.md")) },
				page: at(first.Final), wantName: "2026-03-12-ferry-returns.md"},
			{page: at(first.URL), wantName: "2026-03-12-ferry-returns.md", wantAlready: true},
		}, map[string]string{"2026-03-12-ferry-returns.md": "---\ntitle: Ferry returns\nurl: https://gazette.example/2026/03/ferry-returns\n---\n\nFetched again.\n"}},
		{"the name taken by a file of the user's", []step{
			{before: func(dir string) {
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, "2026-03-12-ferry-returns.md"), []byte("mine"), 0o644)
			},
				page: first, wantName: "2026-03-12-ferry-returns-2.md"},
		}, map[string]string{"2026-03-12-ferry-returns.md": "mine", "2026-03-12-ferry-returns-2.md": string(first.Content)}},
		{"a killed save's temporary file", []step{
			{before: func(dir string) {
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, TempPrefix+"0123456789abcdef"), []byte("half"), 0o644)
			},
				page: first, wantName: "2026-03-12-ferry-returns.md"},
		}, map[string]string{"2026-03-12-ferry-returns.md": string(first.Content)}},
		{"a name with nothing usable", []step{
			{page: Page{URL: "https://x.example/", Name: "..", Content: []byte("x")}, wantName: untitled},
		}, map[string]string{untitled: "x"}},
		{"a name with separators", []step{
			{page: Page{URL: "https://x.example/", Name: "../../etc/passwd.md", Content: []byte("x")}, wantName: "-..-etc-passwd.md"},
		}, map[string]string{"-..-etc-passwd.md": "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := t.TempDir()
			st := openState(t, t.TempDir())
			dir := filepath.Join(lib, SavedFolder)
			for i, s := range tt.steps {
				if s.before != nil {
					s.before(dir)
				}
				path, already, err := SavePage(ctx, st, lib, s.page)
				if err != nil || path != filepath.Join(dir, s.wantName) || already != s.wantAlready {
					t.Errorf("step %d: SavePage = %s, %v, %v; want %s, %v", i+1, path, already, err, s.wantName, s.wantAlready)
				}
			}
			if got := listing(t, dir); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("saved/ holds %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSavedPage: the page is found before it is fetched, at the address
// asked for, only while its file is there.
func TestSavedPage(t *testing.T) {
	lib := t.TempDir()
	st := openState(t, t.TempDir())
	p := ferryPage("Text.")
	if _, ok, err := SavedPage(ctx, st, p.URL); ok || err != nil {
		t.Fatalf("before any save: ok %v, %v", ok, err)
	}
	path, _, err := SavePage(ctx, st, lib, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{p.URL, p.Final, p.URL + "#top"} {
		if got, ok, err := SavedPage(ctx, st, addr); !ok || err != nil || got != path {
			t.Errorf("SavedPage(%s) = %s, %v, %v; want %s", addr, got, ok, err, path)
		}
	}
	os.Remove(path)
	if _, ok, err := SavedPage(ctx, st, p.URL); ok || err != nil {
		t.Errorf("after the file was deleted: ok %v, %v", ok, err)
	}
}

// TestSavePageConcurrent: savers of one page at once, each with its own
// connection to the state as two processes would have, write one file.
func TestSavePageConcurrent(t *testing.T) {
	lib, stateDir := t.TempDir(), t.TempDir()
	var wg sync.WaitGroup
	paths := make([]string, 4)
	for i := range paths {
		st := openState(t, stateDir)
		wg.Go(func() {
			var err error
			if paths[i], _, err = SavePage(ctx, st, lib, ferryPage("Text.")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := listing(t, filepath.Join(lib, SavedFolder)); len(got) != 1 {
		t.Errorf("saved/ holds %v, want one file", names(got))
	}
	for _, p := range paths[1:] {
		if p != paths[0] {
			t.Errorf("paths %v, want one", paths)
		}
	}
}

func TestSavePageNoLibrary(t *testing.T) {
	if _, _, err := SavePage(ctx, openState(t, t.TempDir()), "", ferryPage("x")); err == nil {
		t.Error("SavePage with no library folder did not fail")
	}
}
