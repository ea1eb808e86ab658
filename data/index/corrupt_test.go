package index

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsline/newsline/model"
)

// filled writes an index with n generated articles and closes it.
func filled(t *testing.T, n int) string {
	t.Helper()
	ix, path := openTemp(t)
	apply(t, ix, files(newGenerator(7, 200, 2000, 0.1).articles(n)))
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// copyOf copies an index file (closed: no write-ahead log) to a new folder.
func copyOf(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// execRaw runs statements on a database file outside the package's code.
func execRaw(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func garbage(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestBrokenIndexIsRebuilt(t *testing.T) {
	tests := []struct {
		name   string
		spoil  func(t *testing.T, path string)
		notice string
	}{
		{"garbage", func(t *testing.T, path string) {
			os.WriteFile(path, garbage(64<<10), 0o644)
		}, "rebuilding the index: it was corrupt"},
		{"garbage after a valid header", func(t *testing.T, path string) {
			os.WriteFile(path, append([]byte("SQLite format 3\x00"), garbage(8<<10)...), 0o644)
		}, "rebuilding the index: it was corrupt"},
		{"a text file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("hello\n"), 0o644)
		}, "rebuilding the index: it was corrupt"},
		{"truncated to half", func(t *testing.T, path string) {
			fi, err := os.Stat(path)
			if err != nil || fi.Size() < 64<<10 {
				t.Fatalf("index too small to truncate: %v, %v", fi.Size(), err)
			}
			os.Truncate(path, fi.Size()/2)
		}, "rebuilding the index: it was corrupt"},
		{"a table missing", func(t *testing.T, path string) {
			execRaw(t, path, "DROP TABLE problems")
		}, "rebuilding the index: it was corrupt"},
		{"another application's database", func(t *testing.T, path string) {
			os.Remove(path)
			execRaw(t, path, "PRAGMA application_id = 1234", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
				"INSERT INTO notes (body) VALUES ('mine')")
		}, "rebuilding the index: the file belonged to another application"},
		{"a database without application id", func(t *testing.T, path string) {
			os.Remove(path)
			execRaw(t, path, "CREATE TABLE files (x)")
		}, "rebuilding the index: the file belonged to another application"},
		{"an older schema", func(t *testing.T, path string) {
			execRaw(t, path, "PRAGMA user_version = 0")
		}, "rebuilding the index: it was made by an older newsline"},
		{"a newer schema", func(t *testing.T, path string) {
			execRaw(t, path, "PRAGMA user_version = 99")
		}, "rebuilding the index: it was made by a newer newsline"},
	}
	good := filled(t, 150)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := copyOf(t, good)
			tc.spoil(t, path)
			spoiled, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ix, notice, err := Open(context.Background(), path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer ix.Close()
			if notice != tc.notice {
				t.Errorf("notice %q, want %q", notice, tc.notice)
			}
			if arts := all(t, ix); len(arts) != 0 {
				t.Errorf("the rebuilt index holds %d articles", len(arts))
			}
			aside, _ := filepath.Glob(path + ".broken-*")
			if len(aside) != 1 {
				t.Fatalf("set aside: %v, want one file", aside)
			}
			if b, _ := os.ReadFile(aside[0]); !bytes.Equal(b, spoiled) {
				t.Errorf("%s is not the broken file", aside[0])
			}
			usable(t, ix)

			// Reopened, the new index is good: no notice, nothing more set aside.
			ix.Close()
			ix, notice, err = Open(context.Background(), path)
			if err != nil || notice != "" {
				t.Fatalf("reopening the rebuilt index: %q, %v", notice, err)
			}
			defer ix.Close()
			if len(all(t, ix)) != len(sample()) {
				t.Error("the rebuilt index lost its articles")
			}
		})
	}
}

// usable checks that an index takes articles and finds them.
func usable(t *testing.T, ix *Index) {
	t.Helper()
	apply(t, ix, files(sample()))
	if n := len(all(t, ix)); n != len(sample()) {
		t.Errorf("after Apply: %d articles, want %d", n, len(sample()))
	}
	if ids := search(t, ix, "łodz"); len(ids) != 1 {
		t.Errorf("search found %d, want 1", len(ids))
	}
}

func TestEmptyFileIsANewIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, notice, err := Open(context.Background(), path)
	if err != nil || notice != "" {
		t.Fatalf("Open of an empty file: %q, %v", notice, err)
	}
	defer ix.Close()
	usable(t, ix)
}

func TestOnlyTheLatestBrokenFileIsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	os.WriteFile(path+".broken-1", []byte("old"), 0o644)
	os.WriteFile(path+".broken-1-wal", []byte("old"), 0o644)
	os.WriteFile(path, garbage(4096), 0o644)
	ix, notice, err := Open(context.Background(), path)
	if err != nil || notice == "" {
		t.Fatalf("Open: %q, %v", notice, err)
	}
	ix.Close()
	aside, _ := filepath.Glob(path + ".broken-*")
	if len(aside) != 1 || strings.HasSuffix(aside[0], ".broken-1") {
		t.Errorf("set aside: %v, want only the new one", aside)
	}
}

// TestDamageFoundLater spoils pages in the middle of a good index, which
// Open's cheap checks do not read: the methods that meet the damage
// report ErrCorrupt, and Reset starts afresh.
func TestDamageFoundLater(t *testing.T) {
	path := filled(t, scaled(600))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	for p := len(b) / page / 4; p < len(b)/page; p++ {
		copy(b[p*page+100:(p+1)*page], garbage(page-100))
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, notice, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if notice != "" {
		t.Log("found by Open")
		return // found at once: fine too
	}
	ctx := context.Background()
	errs := []error{
		ix.Articles(ctx, func(model.Article) error { return nil }),
		func() error { _, err := ix.Search(ctx, "the"); return err }(),
		func() error { _, err := ix.Problems(ctx); return err }(),
		ix.Apply(ctx, files(newGenerator(7, 200, 2000, 0.1).articles(scaled(600)))),
	}
	found := false
	for _, err := range errs {
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Errorf("error is not ErrCorrupt: %v", err)
		}
		found = found || err != nil
	}
	if !found {
		t.Fatal("no method noticed the damage")
	}
	notice, err = ix.Reset(ctx)
	if err != nil || notice != "rebuilding the index: it was corrupt" {
		t.Fatalf("Reset: %q, %v", notice, err)
	}
	if n := len(all(t, ix)); n != 0 {
		t.Errorf("after Reset: %d articles", n)
	}
	usable(t, ix)
}
