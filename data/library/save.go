package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
)

// Item is one item of a feed to save.
type Item struct {
	// Key identifies the item in its feed (its GUID, else its link, else
	// its title and date): an item is saved once per feed and key.
	Key string
	// Name is the file name wanted, such as 2026-03-12-harbour-reopens.md;
	// SaveItems makes it safe (SafeName) and unique in the folder.
	Name string
	// Content is the whole file.
	Content []byte
}

// untitled is the name of an item whose Name has no usable character.
const untitled = "untitled.md"

// maxOwnSize bounds the file read to recognise one of newsline's own.
const maxOwnSize = 64 << 20

// crashAt, when a test sets it, is asked at each step of SaveItems; true
// stops it there as a kill would (no cleanup, nothing more recorded).
var crashAt func(step string) bool

// errCrashed is SaveItems' error when crashAt stopped it.
var errCrashed = errors.New("library: stopped by the test")

// crashed asks crashAt about step.
func crashed(step string) bool { return crashAt != nil && crashAt(step) }

// SaveItems saves the items of the feed at feedURL that are not saved yet
// into <library>/feeds/<folder>/ and returns the paths of the files it put
// in place (and of those a killed run had put in place: new to the
// library's readers too). In order:
//
//  1. items whose key is saved are skipped (even when the user has deleted
//     the file: it is not written again); an intent left by a killed run
//     whose file is in place, with the recorded content, is saved as it is;
//  2. the others get a safe, free name, and their intents (key, path,
//     SHA-256) are recorded in one transaction;
//  3. each file is written hidden, synced and put in place without
//     replacing any file (see Create), and the folder synced once;
//  4. one transaction marks them saved and records fetch (when not nil).
//
// A failure to write stops the writing: what was put in place is still
// marked saved, the rest stays intended (and the feed's validators are
// cleared, so that the next fetch gets the whole feed), the failure is
// recorded as the feed's last error (when fetch has none), and the error
// is returned with the paths.
func SaveItems(ctx context.Context, st *state.Store, library, feedURL, folder string, items []Item, fetch *state.Fetch) (saved []string, err error) {
	if err := checkItems(feedURL, items); err != nil {
		return nil, err
	}
	dir, err := FeedDir(library, folder)
	if err != nil {
		return nil, err
	}
	known, err := st.FeedItems(ctx, feedURL)
	if err != nil {
		return nil, err
	}
	done, todo := sortItems(items, known)
	var werr error
	if len(todo) > 0 {
		var intents []state.Item
		if intents, werr = intend(ctx, st, dir, feedURL, todo); werr == nil {
			if crashed("intended") {
				return nil, errCrashed
			}
			var written []state.Item
			written, werr = writeAll(ctx, dir, todo, intents)
			if errors.Is(werr, errCrashed) {
				return nil, werr
			}
			done = append(done, written...)
		}
	}
	if werr != nil && fetch != nil && fetch.Err == "" {
		f := *fetch // the feed's last error is the failure to save
		f.Err = werr.Error()
		fetch = &f
	}
	// What is in place is recorded even when ctx was cancelled meanwhile.
	if err := st.MarkSaved(context.WithoutCancel(ctx), feedURL, done, fetch); err != nil {
		return nil, err
	}
	for _, it := range done {
		saved = append(saved, it.Path)
	}
	return saved, werr
}

// checkItems refuses a batch SaveItems cannot keep apart: no feed URL, or
// an item without a key (every such item would be taken for the first).
func checkItems(feedURL string, items []Item) error {
	if feedURL == "" {
		return errors.New("library: no feed URL given: nothing saved")
	}
	for i, it := range items {
		if it.Key == "" {
			return fmt.Errorf("library: item %d of %s has no key: nothing saved", i+1, model.SanitizeLine(feedURL))
		}
	}
	return nil
}

// sortItems splits items (the first of each key) into those found saved
// by a killed run (done, with their paths) and those to write; items
// already saved are in neither.
func sortItems(items []Item, known map[string]state.Item) (done []state.Item, todo []Item) {
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		if seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		k, ok := known[it.Key]
		switch {
		case ok && k.Saved:
			continue
		case ok:
			if path, ours := findOwn(k); ours {
				k.Path = path
				done = append(done, k)
				continue
			}
		}
		todo = append(todo, it)
	}
	return done, todo
}

// intend chooses each item's name (safe, free on the disk and in the
// batch) and records the intents, in one transaction.
func intend(ctx context.Context, st *state.Store, dir, feedURL string, todo []Item) ([]state.Item, error) {
	if err := makeDir(dir); err != nil {
		return nil, err
	}
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
	return intents, st.Intend(ctx, feedURL, intents)
}

// writers is how many files of a feed are written and synced at once:
// a sync waits on the disk, and file systems commit concurrent syncs
// together.
const writers = 8

// writeAll writes the items to their intended names (or the next free
// ones), syncs the folder and returns what it put in place; it stops at
// the first failure, or when ctx is done.
func writeAll(ctx context.Context, dir string, todo []Item, intents []state.Item) ([]state.Item, error) {
	temps, err := writeTemps(ctx, dir, todo)
	if err != nil {
		return nil, err
	}
	if crashed("temps") {
		return nil, errCrashed
	}
	others := make(map[string]bool, len(intents)) // names meant for other items
	for _, in := range intents {
		others[filepath.Base(in.Path)] = true
	}
	var done []state.Item
	for i, tmp := range temps {
		if err == nil {
			name := filepath.Base(intents[i].Path)
			delete(others, name)
			var final string
			final, err = place(tmp, dir, name, todo[i].Content, others)
			if crashed("placed") {
				return nil, errCrashed
			}
			if err == nil {
				in := intents[i]
				in.Path = final
				done = append(done, in)
			}
		}
		os.Remove(tmp)
	}
	if len(done) > 0 {
		if serr := syncDir(dir); err == nil {
			err = serr
		}
		if crashed("synced") {
			return nil, errCrashed
		}
	}
	return done, err
}

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

// hashOf is the SHA-256 of content, in hex.
func hashOf(content []byte) string {
	h := sha256.Sum256(content)
	return hex.EncodeToString(h[:])
}

// findOwn looks for the file of an intent: a regular file holding the
// content recorded (its hash) at its path, else under one of the names
// place tries after it (name-2, name-3, …: any of them, since other
// items' names are skipped). It returns the path found. The folder is
// read only when the path is not the file, which happens only after a
// killed fetch.
func findOwn(it state.Item) (string, bool) {
	if ours, _ := holds(it.Path, it.Hash); ours {
		return it.Path, true
	}
	dir, name := filepath.Split(it.Path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	for _, e := range entries {
		if !isCandidate(e.Name(), name) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if ours, _ := holds(path, it.Hash); ours {
			return path, true
		}
	}
	return "", false
}

// isCandidate reports whether c is one of the names place tries for name
// after name itself: name-N before its extension, N ≥ 2 written plainly.
func isCandidate(c, name string) bool {
	ext := filepath.Ext(name)
	if ext == name {
		ext = ""
	}
	mid, ok := strings.CutPrefix(c, name[:len(name)-len(ext)]+"-")
	if !ok {
		return false
	}
	if mid, ok = strings.CutSuffix(mid, ext); !ok {
		return false
	}
	n, err := strconv.Atoi(mid)
	return err == nil && n >= 2 && strconv.Itoa(n) == mid
}

// holds reports whether path is a regular file whose content has the
// hash, and whether anything is there at all.
func holds(path, hash string) (ours, exists bool) {
	fi, err := os.Lstat(path)
	if err != nil {
		return false, !errors.Is(err, fs.ErrNotExist)
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxOwnSize {
		return false, true
	}
	f, err := os.Open(path)
	if err != nil {
		return false, true
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, maxOwnSize)); err != nil {
		return false, true
	}
	return hex.EncodeToString(h.Sum(nil)) == hash, true
}
