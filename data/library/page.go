package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsline/newsline/data/state"
)

// SavedFolder is the folder of the library that holds the web pages saved
// into it (newsline save, ctrl+s in the links list).
const SavedFolder = "saved"

// Page is a web page's article to save (SavePage).
type Page struct {
	// URL is the address the page was asked for; Final the address it
	// came from after redirects ("" when the same). The page is known by
	// both: asked for again at either, it is not saved again.
	URL, Final string
	// Name is the file name wanted, such as 2026-03-12-ferry-returns.md;
	// SavePage makes it safe (SafeName) and unique in the folder.
	Name string
	// Content is the whole file.
	Content []byte
}

// PageKey is the address a page is known by: addr without its #fragment,
// which names a place in the same page ('#' appears in an address only
// there: elsewhere it is written %23).
func PageKey(addr string) string {
	key, _, _ := strings.Cut(addr, "#")
	return key
}

// SavedPage returns the file the page at addr was saved to, when the state
// records it and the file is still there: the page need not be fetched
// again. ok is false otherwise.
func SavedPage(ctx context.Context, st *state.Store, addr string) (path string, ok bool, err error) {
	key := PageKey(addr)
	known, err := state.SavedPages(ctx, st, key)
	if err != nil {
		return "", false, err
	}
	path, ok = inPlace(known, key)
	return path, ok, nil
}

// SavePage saves the page into <library>/saved/ (created when missing)
// and returns its file's path. When the state records the page at one of
// its addresses (Page.URL, then Page.Final) and that file is still there,
// it writes nothing and returns that file with already true; a page whose
// file is gone (the user deleted it) is saved again.
//
// It all happens in one write transaction of the state (state.SavePage),
// which keeps two savers of one page (two processes, two ctrl+s) from
// writing it twice: the file is written hidden in the folder, synced, put
// in place under a free name without replacing any file (see place), the
// folder synced, then the page's addresses are recorded and the
// transaction committed. Since the folder's temporary files exist only
// inside such a transaction, one found at its start was left by a save
// that was killed, and is removed. A save killed after putting its file
// in place and before the commit leaves the file unrecorded: saving the
// page again writes a second file (nothing is lost).
func SavePage(ctx context.Context, st *state.Store, library string, p Page) (path string, already bool, err error) {
	if library == "" {
		return "", false, errors.New("library: no library folder given")
	}
	abs, err := filepath.Abs(library)
	if err != nil {
		return "", false, fmt.Errorf("library: %w", err)
	}
	dir := filepath.Join(abs, SavedFolder)
	name := SafeName(p.Name)
	if name == "" {
		name = untitled
	}
	keys := []string{PageKey(p.URL)}
	if p.Final != "" && PageKey(p.Final) != keys[0] {
		keys = append(keys, PageKey(p.Final))
	}
	err = state.SavePage(context.WithoutCancel(ctx), st, keys, func(known map[string]string) (string, error) {
		if found, ok := inPlace(known, keys...); ok {
			path, already = found, true
			return found, nil
		}
		if err := makeDir(dir); err != nil {
			return "", err
		}
		if _, err := RemoveTemps(dir); err != nil {
			return "", err
		}
		path, err = createIn(dir, name, p.Content)
		return path, err
	})
	if err != nil {
		return "", false, err
	}
	return path, already, nil
}

// inPlace returns the first path known for the keys, in order, whose file
// is still there.
func inPlace(known map[string]string, keys ...string) (string, bool) {
	for _, k := range keys {
		if path, ok := known[k]; ok {
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
				return path, true
			}
		}
	}
	return "", false
}
