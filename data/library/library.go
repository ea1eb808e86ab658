// Package library writes into the user's library folder, the one folder
// newsline writes articles to (fetched feed items, later saved pages).
//
// It keeps the promise of SECURITY.md: inside the library newsline only
// creates new files, never overwrites, moves or deletes one, and a file
// appears whole or not at all. A file is written as a dot-named temporary
// file in its folder (TempPrefix), synced, then linked to its name with
// os.Link, which fails rather than replace a file (where the file system
// has no hard links, the name is created exclusively and written instead):
// a name taken gets the next free one (name-2.md, name-3.md, …). The only
// files it ever removes are its own temporary files.
//
// SaveItems saves a feed's new items in one write transaction of the
// state database (data/state): the items are first written, synced, to
// temporary files of the feed's folder; the transaction then records
// each as an intent (key, name meant, SHA-256 of the content) together
// with the fetch's bookkeeping; then the files are put in place, the
// folder synced, and the temporary files removed, last. Nothing is
// recorded after that: an intent whose file is in place is marked saved
// by the next transaction of its feed (SaveItems settles the feed's
// intents first) or by the next run's Reconcile, and meanwhile counts as
// saved (state.FeedState.Items). Marking the items saved in a second
// transaction, as an earlier design did, would double the commits (each
// a sync of the state) of a fetch; writing the temporary files before
// the transaction is what lets one transaction be enough, since an
// intent's content is then always on the disk, and its temporary file
// tells a file never put in place from one the user has deleted.
//
// How a fetch stopped at any point (kill -9, a power loss) is settled, so
// that nothing is lost and nothing written twice:
//
//   - before the transaction: the state knows nothing of the new items
//     (the fetch's validators are those of the fetch before), so they are
//     fetched and written again; their temporary files are removed by the
//     next SaveItems of the feed, before it writes;
//   - after it: each intent is settled from what the folder holds (see
//     settle) — its file in place with the content recorded is saved;
//     else its temporary file is put in place now, and saved; else
//     neither is there, and since the temporary files are removed only
//     once every file is in place and synced, the file was put in place
//     and then deleted by the user: it is saved and never written again.
//
// Only a failure (a file that cannot be put in place) takes a second
// transaction, to give up the intents not in place.
package library

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// FeedsFolder is the folder of the library that holds one folder per feed.
const FeedsFolder = "feeds"

// TempPrefix starts the names of newsline's temporary files; followed by
// tempRandom hexadecimal digits, it is the only kind of file newsline
// removes.
const TempPrefix = ".newsline-tmp-"

// tempRandom is the number of hexadecimal digits after TempPrefix.
const tempRandom = 16

// MaxName is the longest name, in bytes, SafeName returns: room is left
// for a suffix (-2) under the 255 bytes most file systems allow.
const MaxName = 200

// maxTries bounds the names tried for one file (name, name-2, …).
const maxTries = 10_000

// Modes of what the library holds: readable by everyone, as a
// user's documents are.
const (
	dirMode  = 0o755
	fileMode = 0o644
)

// SafeName returns name made safe as one file or folder name: separators
// and characters Windows refuses become '-', control, invisible and
// bidirectional characters are dropped (model.Printable), leading and
// trailing dots and spaces are trimmed (no hidden file, no "." or ".."),
// it is cut to MaxName bytes at a character boundary keeping its extension,
// and a name Windows reserves (CON, NUL, …) gets a '_'. It returns "" when
// nothing usable is left.
func SafeName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(name, "") {
		switch {
		case strings.ContainsRune(`/\<>:"|?*`, r):
			b.WriteByte('-')
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case model.Printable(r, model.NoInvisible|model.NoSeparator|model.VisibleOnly):
			b.WriteRune(r)
		}
	}
	s := strings.Trim(b.String(), " .")
	if reserved(s) { // before the cut, which must count the mark
		s = "_" + s
	}
	if len(s) > MaxName {
		ext := filepath.Ext(s)
		if len(ext) > 16 || !utf8.ValidString(ext) {
			ext = ""
		}
		s = strings.TrimRight(cutUTF8(s[:len(s)-len(ext)], MaxName-len(ext)), " .") + ext
	}
	return s
}

// cutUTF8 cuts s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// reserved reports whether Windows reserves the name (whatever follows a
// dot).
func reserved(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9'
}

// FeedDir returns the folder of a feed in the library
// (<library>/feeds/<folder>), its name made safe, as an absolute path.
func FeedDir(library, folder string) (string, error) {
	if library == "" {
		return "", errors.New("library: no library folder given")
	}
	safe := SafeName(folder)
	if safe == "" {
		return "", fmt.Errorf("library: the feed folder name %q has no usable character: give the feed another name", model.SanitizeLine(folder))
	}
	abs, err := filepath.Abs(library)
	if err != nil {
		return "", fmt.Errorf("library: %w", err)
	}
	return filepath.Join(abs, FeedsFolder, safe), nil
}

// Create writes content to a new file named name (made safe) in the
// library's folder of a feed, creating the folders when missing, and
// returns the file's path: name itself, or the next free name when it is
// taken (an existing file is never replaced). The file is hidden until it
// is whole and synced, and the folder is synced after it.
func Create(library, folder, name string, content []byte) (string, error) {
	dir, err := FeedDir(library, folder)
	if err != nil {
		return "", err
	}
	if err := makeDir(dir); err != nil {
		return "", err
	}
	safe, err := fileName(name)
	if err != nil {
		return "", err
	}
	return createIn(dir, safe, content)
}

// createIn writes content to a new file of dir, which exists, named name
// (safe already) or the next free name, hidden until it is whole and
// synced, syncs dir and returns the file's path.
func createIn(dir, name string, content []byte) (string, error) {
	tmp, err := writeTemp(dir, content)
	if err != nil {
		return "", err
	}
	final, err := place(tmp, dir, name, content, nil)
	os.Remove(tmp)
	if err != nil {
		return "", err
	}
	return final, syncDir(dir)
}

// fileName is name made safe, or an error naming it.
func fileName(name string) (string, error) {
	safe := SafeName(name)
	if safe == "" {
		return "", fmt.Errorf("library: the file name %q has no usable character", model.SanitizeLine(name))
	}
	return safe, nil
}

// makeDir creates dir and its parents (mode 0755) when missing, and syncs
// the folder above each one it created, so that a power loss does not
// take a new folder away with the files saved in it; it changes nothing
// that exists.
func makeDir(dir string) error {
	var made []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		made = append(made, d)
	}
	if len(made) == 0 {
		return nil
	}
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return fmt.Errorf("library: cannot create the folder %s: %w", dir, err)
	}
	for _, d := range made {
		if err := syncDir(filepath.Dir(d)); err != nil {
			return err
		}
	}
	return nil
}
