package library

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsline/newsline/data/state"
)

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
