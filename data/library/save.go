package library

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

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
// in place (and of those a killed run had left in flight: new to the
// library's readers too). It takes one write transaction of the state.
// In order:
//
//  1. items whose key is saved are skipped (even when the user has deleted
//     the file: it is not written again); the feed's intents left in the
//     folder by a run that did not finish are settled (see settle);
//  2. each new item gets a safe name, free in the folder and the batch,
//     and is written to a temporary file of the folder (TempPrefix),
//     synced; the folder is synced;
//  3. one transaction records the settled items as saved, the new ones as
//     intended (key, name meant, SHA-256 of the content), and fetch (when
//     not nil);
//  4. each temporary file is put in place under its name, or the next
//     free one, without replacing any file (see place); the folder is
//     synced, and only then are the temporary files removed.
//
// The new items stay intended in the state until the next transaction of
// their feed, or the next run's Reconcile, finds them in place and marks
// them saved; meanwhile they count as saved (state.FeedState.Items).
//
// A failure to write a temporary file records the fetch with its error
// and the feed's validators cleared, intending nothing. A failure to put
// a file in place stops the placing and takes a second transaction, only
// then: what was put in place is marked saved, the other intents are
// dropped (their items are written by the next fetch, the validators
// being cleared) and the failure is recorded as the feed's last error
// (when fetch has none). The error is returned with the paths.
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
	unlock := lockDir(dir)
	defer unlock()
	found, pending, todo := sortItems(dir, items, known)
	settled, inPlace, err := settle(dir, pending)
	if err != nil {
		return nil, err
	}
	done := append(found, settled...)
	saved = append(pathsOf(found), inPlace...)
	if len(todo) == 0 {
		if err := st.Commit(context.WithoutCancel(ctx), feedURL, state.Batch{Saved: done, Fetch: fetch}); err != nil {
			return nil, err
		}
		if len(inPlace) > 0 {
			_, err = RemoveTemps(dir) // those settle used
		}
		return saved, err
	}
	b := batch{st: st, feedURL: feedURL, dir: dir, fetch: fetch}
	placed, err := b.save(ctx, done, todo)
	return append(saved, pathsOf(placed)...), err
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

// sortItems splits items (the first of each key) into those to write
// (todo) and the intents of their feed the state holds: those of dir
// (pending, all of them, to settle), and those of items of the batch in
// another folder (the feed's folder renamed) found in place (found, with
// their paths; one not found is written again). Items already saved are
// in none.
func sortItems(dir string, items []Item, known map[string]state.Item) (found, pending []state.Item, todo []Item) {
	for _, k := range known {
		if !k.Saved && filepath.Dir(k.Path) == dir {
			pending = append(pending, k)
		}
	}
	slices.SortFunc(pending, func(a, b state.Item) int { return strings.Compare(a.Key, b.Key) })
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		if seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		k, ok := known[it.Key]
		switch {
		case ok && (k.Saved || filepath.Dir(k.Path) == dir):
			continue
		case ok:
			if path, ours := findOwn(k); ours {
				k.Path = path
				found = append(found, k)
				continue
			}
		}
		todo = append(todo, it)
	}
	return found, pending, todo
}

// pathsOf returns the paths of the items.
func pathsOf(items []state.Item) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.Path)
	}
	return out
}
