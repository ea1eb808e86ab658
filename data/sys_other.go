//go:build !unix

package data

import (
	"io/fs"
	"os"
)

// fileKey reports that this system does not identify files by inode.
func fileKey(fs.FileInfo) (any, bool) { return nil, false }

// openFlags open files read-only.
const openFlags = os.O_RDONLY

// readOSFile reads a regular file of the operating system.
func readOSFile(path string) ([]byte, string) {
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, reasonOf(err)
	}
	defer f.Close()
	return readOpen(f)
}
