// Package testchild helps tests build situations their own process cannot:
// it prepares the running test binary to be started again, as an
// unprivileged user when the tests run as root, for whom file permissions
// do not count (CI runs as root).
package testchild

import (
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// Nobody is the user and group id of the unprivileged child.
const Nobody = 65534

// AsNobody returns the binary to start and the credential to start it
// with, so that a child runs as uid and gid 65534: when the tests run as
// root, a copy of the test binary in dir, which is made reachable by
// everyone (give a folder of your own, such as one from os.MkdirTemp);
// otherwise the test binary itself and no credential (permissions work
// then, and the caller uses chmod).
func AsNobody(tb testing.TB, dir string) (bin string, cred *syscall.Credential) {
	tb.Helper()
	if os.Geteuid() != 0 {
		return os.Args[0], nil
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		tb.Fatal(err)
	}
	bin = filepath.Join(dir, filepath.Base(os.Args[0]))
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		tb.Fatal(err)
	}
	return bin, &syscall.Credential{Uid: Nobody, Gid: Nobody}
}

// Refused reports whether starting a process as another user failed
// because the kernel does not allow it here: the one case in which a test
// may skip, saying so.
func Refused(err error) bool {
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.EACCES)
}

// ReachableDir returns a new folder that every user can reach (t.TempDir's
// are private to their owner), removed when the test ends.
func ReachableDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.MkdirTemp("", "newsline-shared-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// LimitFileSize sets the file size limit (RLIMIT_FSIZE) of this process
// to the bytes env names, when set: a child standing in for a full disk. A
// write past the limit then fails with EFBIG instead of killing the
// process.
func LimitFileSize(tb testing.TB, env string) {
	tb.Helper()
	limit := os.Getenv(env)
	if limit == "" {
		return
	}
	n, err := strconv.ParseUint(limit, 10, 64)
	if err != nil {
		tb.Fatal(err)
	}
	signal.Ignore(syscall.SIGXFSZ)
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		tb.Fatal(err)
	}
	lim.Cur = n
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		tb.Fatal(err)
	}
}
