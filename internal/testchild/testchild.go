// Package testchild helps tests build situations their own process cannot:
// it prepares the running test binary to be started again, as an
// unprivileged user when the tests run as root, for whom file permissions
// do not count (CI runs as root).
package testchild

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
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

// ReadOnly makes dir (mode 0555) and files (0444) read-only until the
// test ends, when they are made writable again (0755, 0644): what a child
// AsNobody gave no credential (the tests do not run as root) may not
// write.
func ReadOnly(tb testing.TB, dir string, files ...string) {
	tb.Helper()
	tb.Cleanup(func() {
		os.Chmod(dir, 0o755)
		for _, f := range files {
			os.Chmod(f, 0o644)
		}
	})
	if err := os.Chmod(dir, 0o555); err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		if err := os.Chmod(f, 0o444); err != nil {
			tb.Fatal(err)
		}
	}
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

// Output returns the lines a child not started yet will print, stdout and
// stderr, as they come; the channel is closed when its output ends (or
// when it fails to start).
func Output(tb testing.TB, cmd *exec.Cmd) <-chan string {
	tb.Helper()
	cmd.Stderr = cmd.Stdout
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return lines
}

// KillAfter runs a child writer that prints "commit …" after each
// transaction, and kills it (SIGKILL: no deferred function, no Close) once
// it has printed commits such lines (0: while it opens) and delay has
// passed, so that the kill lands anywhere in a transaction or between two.
// It returns every line the child printed, stdout and stderr. It fails the
// test, naming what, if the child ends first, makes no progress for two
// minutes, or was not ended by the signal.
func KillAfter(tb testing.TB, what string, cmd *exec.Cmd, commits int, delay time.Duration) []string {
	tb.Helper()
	lines := Output(tb, cmd)
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	var got []string
	deadline := time.After(2 * time.Minute)
	for seen := 0; seen < commits; {
		select {
		case l, ok := <-lines:
			if !ok {
				tb.Fatalf("%s: the child ended:\n%s", what, strings.Join(got, "\n"))
			}
			got = append(got, l)
			if strings.HasPrefix(l, "commit ") {
				seen++
			}
		case <-deadline:
			cmd.Process.Kill()
			tb.Fatalf("%s: no progress:\n%s", what, strings.Join(got, "\n"))
		}
	}
	time.Sleep(delay)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		tb.Fatalf("%s: kill: %v", what, err)
	}
	for l := range lines {
		got = append(got, l)
	}
	cmd.Wait()
	if st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !st.Signaled() || st.Signal() != syscall.SIGKILL {
		tb.Fatalf("%s: the child was not killed:\n%s", what, strings.Join(got, "\n"))
	}
	return got
}
