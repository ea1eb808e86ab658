// Package fsync makes the names created in a folder durable: the one way
// newsline syncs a folder after creating or renaming files in it (the
// library's items, feeds.opml).
package fsync

import (
	"errors"
	"os"
	"syscall"
)

// Dir syncs the folder dir, so that the names made in it survive a power
// loss. A file system that cannot sync a folder (unsupported, or EINVAL)
// is not an error: there is nothing more to do there.
func Dir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}
