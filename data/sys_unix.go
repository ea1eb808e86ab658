//go:build unix

package data

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// fileKey identifies the real file behind info by device and inode, when
// the file system tells them.
func fileKey(info fs.FileInfo) (any, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil, false
	}
	return [2]uint64{uint64(st.Dev), uint64(st.Ino)}, true
}

// openFlags open files read-only, and without blocking should a file have
// turned into a FIFO since the walk saw it.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK

// readOSFile reads a regular file of the operating system with as few
// system calls as it can (open, fstat, read, close: loading is mostly
// system calls). It never blocks on a FIFO and never reads one.
func readOSFile(path string) ([]byte, string) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, reasonOf(err)
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, reasonOf(err)
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, reasonIrregular
	}
	return readAll(fdReader(fd), int64(st.Size))
}

// fdReader reads from a file descriptor.
type fdReader int

func (fd fdReader) Read(b []byte) (int, error) {
	n, err := ignoringEINTR(func() (int, error) { return syscall.Read(int(fd), b) })
	switch {
	case err != nil:
		return 0, err
	case n == 0 && len(b) > 0:
		return 0, io.EOF
	}
	return n, nil
}

func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if !errors.Is(err, syscall.EINTR) {
			return n, err
		}
	}
}
