package library

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/newsline/newsline/internal/fsync"
)

// link puts a file in place under a new name, failing when the name
// exists (os.Link; a test replaces it to play a file system without hard
// links).
var link = os.Link

// writeTemp writes content to a new temporary file of newsline's own in
// dir (TempPrefix and random digits, created exclusively), syncs and
// closes it, and returns its path. On failure it removes what it created.
func writeTemp(dir string, content []byte) (string, error) {
	var f *os.File
	var err error
	for range 10 {
		f, err = os.OpenFile(filepath.Join(dir, tempName()), os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", fmt.Errorf("library: cannot write in %s: %w", dir, err)
	}
	if err := writeSynced(f, content); err != nil {
		return "", fmt.Errorf("library: cannot write in %s: %w", dir, err)
	}
	return f.Name(), nil
}

// tempName is a new temporary file's name.
func tempName() string {
	var b [tempRandom / 2]byte
	rand.Read(b[:])
	return TempPrefix + hex.EncodeToString(b[:])
}

// IsTemp reports whether name (a base name) is one of newsline's
// temporary files: TempPrefix and exactly 16 lower-case hexadecimal
// digits. Nothing else is ever removed.
func IsTemp(name string) bool {
	rest, ok := strings.CutPrefix(name, TempPrefix)
	if !ok || len(rest) != tempRandom {
		return false
	}
	for i := range len(rest) {
		if c := rest[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// candidate is the i-th name tried for name (from 1): name, then name-2,
// name-3, … before its extension.
func candidate(name string, i int) string {
	if i == 1 {
		return name
	}
	ext := filepath.Ext(name)
	if ext == name {
		ext = ""
	}
	return name[:len(name)-len(ext)] + "-" + strconv.Itoa(i) + ext
}

// place gives the temporary file tmp (holding content) the first free
// name of dir among name, name-2, …, skipping those in skip, and returns
// its path. It never replaces a file: a name is taken by os.Link, which
// fails when it exists; where the file system refuses hard links, the
// name is created exclusively and content written and synced into it (a
// file cut short there by a crash is not recognised as newsline's, and is
// left: the item is written again under the next name). The caller
// removes tmp and syncs dir.
func place(tmp, dir, name string, content []byte, skip map[string]bool) (string, error) {
	linked := true
	for i := 1; i <= maxTries; i++ {
		c := candidate(name, i)
		if skip[c] {
			continue
		}
		final := filepath.Join(dir, c)
		var err error
		if linked {
			err = link(tmp, final)
			if err != nil && noHardLinks(err) {
				linked = false // write the name itself
				err = createExclusive(final, content)
			}
		} else {
			err = createExclusive(final, content)
		}
		switch {
		case err == nil:
			return final, nil
		case !errors.Is(err, fs.ErrExist):
			return "", fmt.Errorf("library: cannot create %s: %w", final, err)
		}
	}
	return "", fmt.Errorf("library: no free name for %s in %s (%d tried)", name, dir, maxTries)
}

// createExclusive creates path, which must not exist, with content,
// synced; on a failure after creating it, it removes it (a file it made).
func createExclusive(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return err
	}
	return writeSynced(f, content)
}

// writeSynced writes content to f, a file just created, syncs and closes
// it; on a failure it removes the file (one newsline made).
func writeSynced(f *os.File, content []byte) error {
	_, err := f.Write(content)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// syncDir syncs the folder, so that the names made in it survive a power
// loss. A file system that cannot sync a folder is not an error.
func syncDir(dir string) error {
	if err := fsync.Dir(dir); err != nil {
		return fmt.Errorf("library: cannot sync %s: %w", dir, err)
	}
	return nil
}

// RemoveTemps removes newsline's own temporary files (IsTemp, regular
// files) left in dir by a write that was killed, and returns how many it
// removed. It touches nothing else; a missing dir is not an error.
func RemoveTemps(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("library: cannot read %s: %w", dir, err)
	}
	n := 0
	for _, e := range entries {
		if !IsTemp(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("library: cannot remove %s: %w", filepath.Join(dir, e.Name()), err)
		}
		n++
	}
	return n, nil
}

// noHardLinks reports whether a link failed because the file system has
// no hard links (vfat says EPERM).
func noHardLinks(err error) bool {
	return errors.Is(err, errors.ErrUnsupported) || errors.Is(err, syscall.EPERM)
}
