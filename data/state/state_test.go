package state

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

var ctx = context.Background()

// art is an article at rel (position idx), with a title, a date
// ("2006-01-02" or "") and a URL.
func art(rel string, idx int, title, date, url string) model.Article {
	a := model.Article{ID: model.NewID(rel, idx), Rel: rel, Path: "/c/" + rel, Index: idx, Title: title, URL: url, Reads: model.NoReads}
	if date != "" {
		d, err := time.Parse(time.DateOnly, date)
		if err != nil {
			panic(err)
		}
		a.Date = d
	}
	return a
}

func open(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func marks(t testing.TB, s *Store, arts ...model.Article) map[model.ID]model.Mark {
	t.Helper()
	m, err := s.Marks(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func set(t testing.TB, s *Store, c model.MarkChange, arts ...model.Article) Undo {
	t.Helper()
	u, err := s.Set(ctx, c, arts)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    model.Article
		want string
	}{
		{"path", art("world/harbour.txt", 0, "T", "", ""), "path:0:world/harbour.txt"},
		{"record in a file", art("feed.jsonl", 3, "T", "", ""), "path:3:feed.jsonl"},
		{"a # in the name is not an index", art("a#1", 0, "T", "", ""), "path:0:a#1"},
		{"url", art("x.md", 0, "T", "", "https://Example.ORG/News/1?id=2#top"), "url:http://example.org/News/1?id=2"},
		{"http and https are one", art("x.md", 0, "T", "", "http://example.org/a"), "url:http://example.org/a"},
		{"default port", art("x.md", 0, "T", "", "https://example.org:443/a"), "url:http://example.org/a"},
		{"other port", art("x.md", 0, "T", "", "https://example.org:8443/a"), "url:http://example.org:8443/a"},
		{"empty path", art("x.md", 0, "T", "", " HTTPS://example.org "), "url:http://example.org/"},
		{"query only", art("x.md", 0, "T", "", "https://example.org?p=1"), "url:http://example.org/?p=1"},
		{"other scheme", art("x.md", 0, "T", "", "gemini://example.org/a"), "url:gemini://example.org/a"},
		{"relative url is a path", art("x.md", 0, "T", "", "/news/1"), "path:0:x.md"},
		{"no host is a path", art("x.md", 0, "T", "", "file:///news/1"), "path:0:x.md"},
		{"not a url", art("x.md", 0, "T", "", "see the paper"), "path:0:x.md"},
		{"bad scheme", art("x.md", 0, "T", "", "a b://example.org"), "path:0:x.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Key(&tc.a); got != tc.want {
				t.Errorf("Key = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestScope(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "news")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	want := Scope(real)
	for _, p := range []string{"news", "./news/", link, "link"} {
		if got := Scope(p); got != want {
			t.Errorf("Scope(%q) = %q, want %q", p, got, want)
		}
	}
	if Scope(real, link) != want {
		t.Error("the same root twice is one root")
	}
	if Scope("a", "b") != Scope("b", "a") {
		t.Error("order of roots matters")
	}
	if Scope() != "demo" {
		t.Errorf("Scope() = %q", Scope())
	}
}

func TestSetAndUndo(t *testing.T) {
	s := open(t, t.TempDir())
	a := art("a.txt", 0, "A", "2026-01-01", "")
	b := art("b.txt", 0, "B", "2026-01-02", "")
	c := art("c.md", 0, "C", "", "https://example.org/c")
	cCopy := art("copy/c.md", 0, "C", "", "http://EXAMPLE.org/c#x") // the same URL: one state
	all := []model.Article{a, b, c, cCopy}
	check := func(step string, want map[model.ID]model.Mark) {
		t.Helper()
		got := marks(t, s, all...)
		if len(got) != len(want) {
			t.Errorf("%s: marks %v, want %v", step, got, want)
			return
		}
		for id, m := range want {
			if got[id] != m {
				t.Errorf("%s: marks %v, want %v", step, got, want)
				return
			}
		}
	}
	check("empty", nil)

	var stack []Undo
	push := func(u Undo) { stack = append(stack, u) }
	push(set(t, s, model.MarkRead, a, b))
	check("read a b", map[model.ID]model.Mark{a.ID: {Read: true}, b.ID: {Read: true}})
	push(set(t, s, model.Star, b, c))
	check("star b c", map[model.ID]model.Mark{a.ID: {Read: true}, b.ID: {Read: true, Starred: true}, c.ID: {Starred: true}, cCopy.ID: {Starred: true}})
	u := set(t, s, model.MarkRead, a) // already read: nothing changes
	if u.Len() != 0 {
		t.Errorf("marking a read article read: %v", u)
	}
	push(set(t, s, model.MarkUnread, a, b, c))
	check("unread a b c", map[model.ID]model.Mark{b.ID: {Starred: true}, c.ID: {Starred: true}, cCopy.ID: {Starred: true}})
	push(set(t, s, model.Unstar, cCopy, b))
	check("unstar", nil)
	if got := stack[len(stack)-1].Len(); got != 2 {
		t.Errorf("unstar changed %d articles, want 2", got)
	}

	// Undo, several levels deep, each putting back what it replaced.
	var redo []Undo
	pop := func() {
		t.Helper()
		r, err := s.Undo(ctx, stack[len(stack)-1])
		if err != nil {
			t.Fatal(err)
		}
		stack = stack[:len(stack)-1]
		redo = append(redo, r)
	}
	pop()
	check("undo unstar", map[model.ID]model.Mark{b.ID: {Starred: true}, c.ID: {Starred: true}, cCopy.ID: {Starred: true}})
	pop()
	check("undo unread", map[model.ID]model.Mark{a.ID: {Read: true}, b.ID: {Read: true, Starred: true}, c.ID: {Starred: true}, cCopy.ID: {Starred: true}})
	// An undo puts back only its own mark: b's star, made after, stays when
	// the read marks are undone.
	set(t, s, model.MarkRead, c)
	pop() // undo star b c
	check("undo star", map[model.ID]model.Mark{a.ID: {Read: true}, b.ID: {Read: true}, c.ID: {Read: true}, cCopy.ID: {Read: true}})
	pop() // undo read a b
	check("undo read", map[model.ID]model.Mark{c.ID: {Read: true}, cCopy.ID: {Read: true}})
	// Redo the last undo.
	if _, err := s.Undo(ctx, redo[len(redo)-1]); err != nil {
		t.Fatal(err)
	}
	check("redo read", map[model.ID]model.Mark{a.ID: {Read: true}, b.ID: {Read: true}, c.ID: {Read: true}, cCopy.ID: {Read: true}})
	if _, err := s.Undo(ctx, Undo{}); err != nil {
		t.Errorf("the zero Undo: %v", err)
	}

	// Rows with neither mark are not kept.
	set(t, s, model.MarkUnread, a, b, c)
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM marks`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows left (%v), want 0", n, err)
	}
}

// TestTransaction: a change to many articles is one transaction; a
// cancelled one leaves nothing.
func TestTransaction(t *testing.T) {
	s := open(t, t.TempDir())
	arts := make([]model.Article, 500)
	for i := range arts {
		arts[i] = art("f/"+string(rune('a'+i%26))+".txt", i, "T", "", "")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Set(cctx, model.Star, arts); err == nil {
		t.Fatal("Set with a cancelled context succeeded")
	}
	if m := marks(t, s, arts...); len(m) != 0 {
		t.Fatalf("a cancelled Set left %d marks", len(m))
	}
	set(t, s, model.Star, arts...)
	if m := marks(t, s, arts...); len(m) != len(arts) {
		t.Fatalf("%d marks, want %d", len(m), len(arts))
	}
}

func TestReconcile(t *testing.T) {
	const scope = "/news"
	for _, tc := range []struct {
		name   string
		before []model.Article // marked read, under scope
		after  []model.Article // the collection as loaded next
		scope  string          // of the second load ("" = scope)
		moved  int
		read   []string // Rel of the articles of after that are read
	}{
		{
			name:   "moved to another folder",
			before: []model.Article{art("world/harbour.txt", 0, "Harbour reopens", "2026-03-12", ""), art("b.txt", 0, "B", "", "")},
			after:  []model.Article{art("archive/harbour.txt", 0, "Harbour reopens", "2026-03-12", ""), art("b.txt", 0, "B", "", ""), art("c.txt", 0, "C", "", "")},
			moved:  1, read: []string{"archive/harbour.txt", "b.txt"},
		},
		{
			name:   "renamed",
			before: []model.Article{art("draft.md", 0, "Comet named", "2025-07-01", "")},
			after:  []model.Article{art("comet.md", 0, "Comet named", "2025-07-01", "")},
			moved:  1, read: []string{"comet.md"},
		},
		{
			name:   "a URL-keyed article moved keeps its key",
			before: []model.Article{art("a.md", 0, "A", "", "https://example.org/a")},
			after:  []model.Article{art("x/b.md", 0, "A, edited", "", "https://example.org/a")},
			read:   []string{"x/b.md"},
		},
		{
			name:   "edited in place keeps its key",
			before: []model.Article{art("a.txt", 0, "Old title", "2026-01-01", "")},
			after:  []model.Article{art("a.txt", 0, "New title", "2026-01-02", "")},
			read:   []string{"a.txt"},
		},
		{
			name:   "another date is another article",
			before: []model.Article{art("a.txt", 0, "Same", "2026-01-01", "")},
			after:  []model.Article{art("b.txt", 0, "Same", "2026-01-02", "")},
		},
		{
			name:   "ambiguous: two new articles match",
			before: []model.Article{art("a.txt", 0, "Same", "2026-01-01", "")},
			after:  []model.Article{art("b.txt", 0, "Same", "2026-01-01", ""), art("c.txt", 0, "Same", "2026-01-01", "")},
		},
		{
			name:   "ambiguous: two gone articles match",
			before: []model.Article{art("a.txt", 0, "Same", "2026-01-01", ""), art("b.txt", 0, "Same", "2026-01-01", "")},
			after:  []model.Article{art("c.txt", 0, "Same", "2026-01-01", "")},
		},
		{
			name:   "the match already has state",
			before: []model.Article{art("a.txt", 0, "Same", "2026-01-01", ""), art("b.txt", 0, "Same", "2026-01-01", "")},
			after:  []model.Article{art("b.txt", 0, "Same", "2026-01-01", "")},
			read:   []string{"b.txt"},
		},
		{
			name:   "two copies of one new URL are one article: the state moves to it",
			before: []model.Article{art("a.txt", 0, "Twin", "2026-01-01", "")},
			after: []model.Article{art("b.md", 0, "Twin", "2026-01-01", "https://example.org/twin"),
				art("c.md", 0, "Twin", "2026-01-01", "https://example.org/twin")},
			moved: 1, read: []string{"b.md", "c.md"},
		},
		{
			name:   "another collection's state stays where it is",
			before: []model.Article{art("a.txt", 0, "A", "2026-01-01", "")},
			after:  []model.Article{art("copy.txt", 0, "A", "2026-01-01", "")},
			scope:  "/elsewhere",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, t.TempDir())
			if _, err := s.Reconcile(ctx, scope, tc.before); err != nil {
				t.Fatal(err)
			}
			set(t, s, model.MarkRead, tc.before...)
			sc := tc.scope
			if sc == "" {
				sc = scope
			}
			moved, err := s.Reconcile(ctx, sc, tc.after)
			if err != nil {
				t.Fatal(err)
			}
			if moved != tc.moved {
				t.Errorf("moved %d, want %d", moved, tc.moved)
			}
			m := marks(t, s, tc.after...)
			var read []string
			for _, a := range tc.after {
				if m[a.ID].Read {
					read = append(read, a.Rel)
				}
			}
			if strings.Join(read, " ") != strings.Join(tc.read, " ") {
				t.Errorf("read %q, want %q", read, tc.read)
			}
			// A second Reconcile has nothing to do.
			if moved, err := s.Reconcile(ctx, sc, tc.after); err != nil || moved != 0 {
				t.Errorf("second Reconcile: moved %d, %v", moved, err)
			}
		})
	}
}

// TestEditedThenMoved: Reconcile records an edited title, so that the
// article is still recognised when it moves later.
func TestEditedThenMoved(t *testing.T) {
	s := open(t, t.TempDir())
	a := art("a.txt", 0, "Draft", "2026-01-01", "")
	s.Reconcile(ctx, "x", []model.Article{a})
	set(t, s, model.Star, a)
	a.Title = "Final"
	s.Reconcile(ctx, "x", []model.Article{a})
	b := art("b.txt", 0, "Final", "2026-01-01", "")
	if moved, err := s.Reconcile(ctx, "x", []model.Article{b}); err != nil || moved != 1 {
		t.Fatalf("moved %d, %v", moved, err)
	}
	if !marks(t, s, b)[b.ID].Starred {
		t.Error("the star did not follow the edited, moved article")
	}
}

// TestReopenByAnotherRoot reads a real folder through a symbolic link, a
// relative path and a copy elsewhere: the state is found each time.
func TestReopenByAnotherRoot(t *testing.T) {
	base := t.TempDir()
	news := filepath.Join(base, "news")
	testfs.Write(t, news, map[string]string{
		"world/harbour.txt": "Harbour reopens\n\n12 March 2026\n\nThe port opened.\n",
		"feed.jsonl":        `{"title":"One","body":"1"}` + "\n" + `{"title":"Two","body":"2","url":"https://example.org/two"}` + "\n",
	})
	load := func(root string) []model.Article {
		t.Helper()
		c, err := data.ReadAll(ctx, []string{root})
		if err != nil {
			t.Fatal(err)
		}
		var arts []model.Article
		for _, id := range c.IDs() {
			a, _ := c.Article(id)
			arts = append(arts, a)
		}
		if len(arts) != 3 {
			t.Fatalf("%s: %d articles", root, len(arts))
		}
		return arts
	}
	stateDir := t.TempDir()
	s := open(t, stateDir)
	arts := load(news)
	s.Reconcile(ctx, Scope(news), arts)
	set(t, s, model.Star, arts...)
	s.Close()

	link := filepath.Join(base, "link")
	if err := os.Symlink(news, link); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(base, "moved")
	if err := os.Rename(news, moved); err != nil {
		t.Fatal(err)
	}
	t.Chdir(base)
	for _, root := range []string{link, "moved", "./moved/", moved} {
		if root == link {
			os.Rename(moved, news) // the link points at news
		}
		s := open(t, stateDir)
		arts := load(root)
		if _, err := s.Reconcile(ctx, Scope(root), arts); err != nil {
			t.Fatal(err)
		}
		m := marks(t, s, arts...)
		for _, a := range arts {
			if !m[a.ID].Starred {
				t.Errorf("opened as %s: %s (%s) lost its star", root, a.Path, Key(&a))
			}
		}
		s.Close()
		if root == link {
			os.Rename(news, moved)
		}
	}
}

// TestUnusableFile: a file that is not a newsline state database is an
// error naming it and saying what to do, and is left exactly as it was.
func TestUnusableFile(t *testing.T) {
	foreign := func(t *testing.T, path string, app, version int) {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, q := range []string{"CREATE TABLE notes (x)", "INSERT INTO notes VALUES ('precious')",
			"PRAGMA application_id = " + strconv.Itoa(app), "PRAGMA user_version = " + strconv.Itoa(version)} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name  string
		make  func(t *testing.T, path string)
		wants string
	}{
		{"garbage", func(t *testing.T, path string) {
			os.WriteFile(path, bytes.Repeat([]byte("not a database "), 500), 0o600)
		}, "not an SQLite database"},
		{"short", func(t *testing.T, path string) { os.WriteFile(path, []byte("SQLite format 3\x00abc"), 0o600) }, "damaged"},
		{"another application's", func(t *testing.T, path string) { foreign(t, path, 0x12345678, 1) }, "another application"},
		{"an SQLite database without id", func(t *testing.T, path string) { foreign(t, path, 0, 0) }, "another application"},
		{"a newer newsline's", func(t *testing.T, path string) { foreign(t, path, applicationID, schemaVersion+1) }, "newer newsline"},
		{"truncated", func(t *testing.T, path string) {
			s, err := Open(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			arts := make([]model.Article, 3000)
			for i := range arts {
				arts[i] = art("f.jsonl", i, strings.Repeat("title ", 20), "", "")
			}
			s.Set(ctx, model.MarkRead, arts)
			s.Close()
			fi, _ := os.Stat(path)
			os.Truncate(path, fi.Size()/2)
		}, "damaged"},
		{"damaged pages", func(t *testing.T, path string) {
			s, err := Open(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			b, _ := os.ReadFile(path)
			for i := 100; i < len(b); i++ { // everything but the header
				b[i] = 0xA5
			}
			os.WriteFile(path, b, 0o600)
		}, "damaged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			tc.make(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted it")
			}
			msg := err.Error()
			if !errors.Is(err, ErrUnusable) || !strings.Contains(msg, path) || !strings.Contains(msg, "move it away") || !strings.Contains(msg, tc.wants) {
				t.Errorf("error %q: want ErrUnusable naming %s, saying %q and what to do", msg, path, tc.wants)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error on several lines: %q", msg)
			}
			after, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(before, after) {
				t.Errorf("the file was changed (%v)", err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != FileName && !strings.HasPrefix(e.Name(), FileName+"-") {
					t.Errorf("Open left %s", e.Name())
				}
			}
		})
	}
}

func TestOpenFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "newsline")
	s := open(t, dir)
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the folder: %v, %v", fi.Mode(), err)
	}
	if s.Path() != filepath.Join(dir, FileName) {
		t.Errorf("Path = %s", s.Path())
	}
	// A folder that is a file.
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o600)
	if _, err := Open(file); err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("Open(a file): %v", err)
	}
	if _, err := Open(""); err == nil {
		t.Error("Open(\"\") succeeded")
	}
	// Reopened: the marks are there, and two stores share them.
	a := art("a.txt", 0, "A", "", "")
	set(t, s, model.Star, a)
	s2 := open(t, dir)
	if !marks(t, s2, a)[a.ID].Starred {
		t.Error("a second Store does not see the star")
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/xdg/state")
	if d, err := DefaultDir(); err != nil || d != filepath.Join("/xdg/state", "newsline") {
		t.Errorf("DefaultDir = %q, %v", d, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative")
	t.Setenv("HOME", "/home/u")
	if d, err := DefaultDir(); err != nil || d != filepath.Join("/home/u", ".local", "state", "newsline") {
		t.Errorf("DefaultDir = %q, %v", d, err)
	}
}
