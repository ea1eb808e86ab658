package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testchild"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// Faults of the cache folder seen through the command line: whatever stops
// the index — a file where the folder should be, a full disk, a folder the
// user may not write — newsline lists the whole collection, exit status 0,
// and says once that it runs without an index (with --verbose, on stderr).

// cliEnv holds, for a child run of this test binary (TestHelperCLI), the
// arguments as JSON; cliEnv+"_FSIZE" a file size limit it sets first,
// cliEnv+"_MODE" "list" (run the command line) or "reader" (the reader's
// load: resolveSource and loadAndIndex, without a terminal).
const cliEnv = "NEWSLINE_CLI_FAULT_HELPER"

// childDeadline turns a hanging child into a failure; it is not a timing
// assertion.
const childDeadline = 2 * time.Minute

// indexLines are the lines of stderr about the index.
func indexLines(stderr string) []string {
	var out []string
	for _, l := range lines(stderr) {
		if strings.Contains(l, "index") && !strings.Contains(l, "problem:") {
			out = append(out, l)
		}
	}
	return out
}

// checkWithout checks a run that could not use its cache folder: every
// article listed, and one line saying it runs without an index.
func checkWithout(t *testing.T, code int, stdout, stderr string, articles int) {
	t.Helper()
	if code != 0 {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	if n := len(lines(stdout)); n != articles {
		t.Errorf("%d articles listed, want %d:\n%s", n, articles, stdout)
	}
	got := indexLines(stderr)
	if len(got) != 1 || !strings.Contains(got[0], "without an index") {
		t.Errorf("want one line saying it runs without an index, stderr:\n%s", stderr)
	}
	if strings.Contains(stderr, "panic") {
		t.Errorf("stderr: %s", stderr)
	}
}

// TestCacheDirIsAFile gives --cache-dir a regular file, a path below one,
// and /dev/full (a device, not a folder; below it nothing can be made).
func TestCacheDirIsAFile(t *testing.T) {
	dir := writeCollection(t)
	file := filepath.Join(t.TempDir(), "file-not-folder")
	if err := os.WriteFile(file, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cache := range []string{file, filepath.Join(file, "sub"), "/dev/full", "/dev/full/newsline"} {
		t.Run(cache, func(t *testing.T) {
			code, out, errOut := runCLI(t, "list", "--verbose", "--cache-dir", cache, dir)
			checkWithout(t, code, out, errOut, 5)
			code, out, errOut = runCLI(t, "list", "--verbose", "--cache-dir", cache, dir, "--search", "velm")
			checkWithout(t, code, out, errOut, 1)
			if b, err := os.ReadFile(file); err != nil || string(b) != "keep me" {
				t.Errorf("the file in the way changed: %q, %v", b, err)
			}
		})
	}
	// The reader's load too: no error, every article, the notice.
	for _, cache := range []string{file, "/dev/full"} {
		src, err := resolveSource(context.Background(), []string{dir}, cacheFlags{dir: cache})
		if err != nil {
			t.Fatal(err)
		}
		if src.lib != nil || !strings.Contains(src.notice, "without an index") {
			t.Errorf("%s: lib %v, notice %q", cache, src.lib != nil, src.notice)
		}
		c := model.NewCollection()
		if err := src.loadAndIndex(context.Background(), c.Apply); err != nil || c.Len() != 5 {
			t.Errorf("%s: reader load: %d articles, %v", cache, c.Len(), err)
		}
		src.close()
	}
}

// bigCollection writes n small text files in folders of 100, so that
// indexing them writes some megabytes.
func bigCollection(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		body := fmt.Sprintf("Story number %d about the harbour of Velmora\n\n12 March 2026 Read: %d\n\n%s\n\nMore about: #World #S%d",
			i, i, strings.Repeat(fmt.Sprintf("The ferry %d crossed the bay again. ", i), 40), i%7)
		testfs.WriteFile(t, filepath.Join(dir, fmt.Sprintf("d%02d", i/100), fmt.Sprintf("story-%04d.txt", i)), body)
	}
}

// cliChild runs this test binary as TestHelperCLI with the arguments and
// the extra environment, as user cred when not nil, and returns its exit
// status and output.
func cliChild(t *testing.T, bin string, cred *syscall.Credential, mode string, args []string, env ...string) (code int, stdout, stderr string, err error) {
	t.Helper()
	js, _ := json.Marshal(args)
	cmd := exec.Command(bin, "-test.run=^TestHelperCLI$", "-test.count=1")
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), append([]string{cliEnv + "=" + string(js), cliEnv + "_MODE=" + mode}, env...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		return -1, "", "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case werr := <-done:
		var ee *exec.ExitError
		if werr != nil && !errors.As(werr, &ee) {
			t.Fatal(werr)
		}
		if st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && st.Signaled() {
			t.Fatalf("the child died of %v:\n%s\n%s", st.Signal(), out.String(), errb.String())
		}
	case <-time.After(childDeadline):
		cmd.Process.Kill()
		<-done
		t.Fatalf("the child hung for %v:\n%s", childDeadline, errb.String())
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String(), nil
}

// TestHelperCLI is the child of the tests here; it does nothing in a
// normal run. It exits with newsline's exit status.
func TestHelperCLI(t *testing.T) {
	js := os.Getenv(cliEnv)
	if js == "" {
		t.Skip("only run by the fault tests")
	}
	var args []string
	if err := json.Unmarshal([]byte(js), &args); err != nil {
		t.Fatal(err)
	}
	testchild.LimitFileSize(t, cliEnv+"_FSIZE")
	ctx := context.Background()
	if os.Getenv(cliEnv+"_MODE") == "reader" {
		// args: cache folder, then paths.
		src, err := resolveSource(ctx, args[1:], cacheFlags{dir: args[0]})
		if err != nil {
			fmt.Fprintln(os.Stderr, "newsline:", err)
			os.Exit(1)
		}
		if src.notice != "" {
			fmt.Fprintln(os.Stderr, "newsline: "+src.notice)
		}
		c := model.NewCollection()
		err = src.loadAndIndex(ctx, func(b model.Batch) {
			if b.Notice != "" {
				fmt.Fprintln(os.Stderr, "newsline: "+b.Notice)
			}
			c.Apply(b)
		})
		src.close()
		fmt.Println(c.Len())
		if err != nil {
			fmt.Fprintln(os.Stderr, "newsline: load:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(run(ctx, args, strings.NewReader(""), os.Stdout, os.Stderr))
}

// TestFullDiskCache runs newsline on a collection of some megabytes with
// a file size limit (RLIMIT_FSIZE in a child process, as a full disk),
// from nothing to more than the index needs: the list is always complete
// and the exit status 0; when the index could not be written, one line
// says newsline runs without it. The next run without a limit has a good
// index, never a rebuilt one.
func TestFullDiskCache(t *testing.T) {
	const n = 600
	dir := t.TempDir()
	bigCollection(t, dir, n)
	limits := []int64{0, 4 << 10, 64 << 10, 128 << 10, 256 << 10, 384 << 10, 512 << 10, 768 << 10, 1 << 20, 4 << 20, 1 << 30}
	if testing.Short() {
		limits = []int64{0, 64 << 10, 256 << 10, 1 << 30}
	}
	for _, mode := range []string{"list", "reader"} {
		for _, limit := range limits {
			t.Run(fmt.Sprintf("%s/%d", mode, limit), func(t *testing.T) {
				cache := filepath.Join(t.TempDir(), "cache")
				args := []string{"list", "--verbose", "--cache-dir", cache, dir}
				if mode == "reader" {
					args = []string{cache, dir}
				}
				code, out, errOut, err := cliChild(t, os.Args[0], nil, mode, args, fmt.Sprintf("%s_FSIZE=%d", cliEnv, limit))
				if err != nil {
					t.Fatal(err)
				}
				listed := len(lines(out))
				if mode == "reader" {
					listed, _ = strconv.Atoi(strings.TrimSpace(out))
				}
				if code != 0 || listed != n {
					t.Errorf("exit %d, %d articles, want 0 and %d; stderr:\n%s", code, listed, n, errOut)
				}
				notes := indexLines(errOut)
				if len(notes) > 1 {
					t.Errorf("more than one line about the index:\n%s", errOut)
				}
				t.Logf("stderr: %q", notes)
				// Without the limit, the index (if any) is sound.
				code, out, errOut = runCLI(t, "list", "--verbose", "--cache-dir", cache, dir)
				if code != 0 || len(lines(out)) != n {
					t.Errorf("next run: exit %d, %d articles; stderr:\n%s", code, len(lines(out)), errOut)
				}
				if notes := indexLines(errOut); len(notes) > 0 {
					t.Errorf("next run: %q", notes)
				}
			})
		}
	}
}

// TestCacheDirNotWritable runs newsline as a user who may read the cache
// folder but not write it: uid 65534 when the tests run as root (for whom
// permissions do not count), the folder made read-only otherwise.
func TestCacheDirNotWritable(t *testing.T) {
	// Everything the other user needs must be reachable by them.
	top := testchild.ReachableDir(t)
	dir := writeCollection(t)
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cache := filepath.Join(top, "cache")
	if code, _, errOut := runCLI(t, "list", "--cache-dir", cache, dir); code != 0 {
		t.Fatalf("making the index: %s", errOut)
	}
	dbs, _ := filepath.Glob(filepath.Join(cache, "*.db"))
	if len(dbs) != 1 {
		t.Fatalf("want one index, found %v", dbs)
	}
	if err := os.Chmod(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dbs[0], 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(dbs[0])
	if err != nil {
		t.Fatal(err)
	}
	bin, cred := testchild.AsNobody(t, top)
	if cred == nil {
		testchild.ReadOnly(t, cache)
	}
	for _, tc := range []struct {
		name  string
		cache string
	}{
		{"an index there", cache},
		{"a new folder in it", filepath.Join(cache, "sub")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut, err := cliChild(t, bin, cred, "list", []string{"list", "--verbose", "--cache-dir", tc.cache, dir})
			if err != nil {
				if cred != nil && testchild.Refused(err) {
					t.Skipf("the kernel does not let this process (uid %d) start one as uid 65534: %v", os.Geteuid(), err)
				}
				t.Fatal(err)
			}
			checkWithout(t, code, out, errOut, 5)
			t.Logf("stderr: %q", indexLines(errOut))
		})
	}
	if after, err := os.ReadFile(dbs[0]); err != nil || string(after) != string(before) {
		t.Errorf("the index changed (%v)", err)
	}
	// Its owner still uses it as it was.
	code, out, errOut := runCLI(t, "list", "--verbose", "--cache-dir", cache, dir)
	if code != 0 || len(lines(out)) != 5 || len(indexLines(errOut)) != 0 {
		t.Errorf("the owner's next run: exit %d, %d articles, stderr %q", code, len(lines(out)), errOut)
	}
}

// TestKilledCLI kills newsline list (SIGKILL) while it indexes a
// collection, many times, and runs it again: never a rebuild notice, and
// the list always complete.
func TestKilledCLI(t *testing.T) {
	kills := 12
	if testing.Short() {
		kills = 4
	}
	const n = 600
	dir := t.TempDir()
	bigCollection(t, dir, n)
	cache := filepath.Join(t.TempDir(), "cache")
	for k := range kills {
		js, _ := json.Marshal([]string{"list", "--cache-dir", cache, dir})
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCLI$", "-test.count=1")
		cmd.Env = append(os.Environ(), cliEnv+"="+string(js), cliEnv+"_MODE=list")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a few lines of output, or a moment.
		sc := bufio.NewScanner(stdout)
		go func() {
			time.Sleep(time.Duration(k%4*15) * time.Millisecond)
			cmd.Process.Signal(syscall.SIGKILL)
		}()
		for sc.Scan() {
		}
		cmd.Wait()
		// Touch some files so that the next run writes again.
		for i := k; i < n; i += 37 {
			p := filepath.Join(dir, fmt.Sprintf("d%02d", i/100), fmt.Sprintf("story-%04d.txt", i))
			now := time.Now().Add(time.Duration(k) * time.Second)
			os.Chtimes(p, now, now)
		}
		code, out, errOut := runCLI(t, "list", "--verbose", "--cache-dir", cache, dir)
		if code != 0 || len(lines(out)) != n {
			t.Fatalf("after kill %d: exit %d, %d articles; stderr:\n%s", k, code, len(lines(out)), errOut)
		}
		if notes := indexLines(errOut); len(notes) > 0 {
			t.Fatalf("after kill %d: %q", k, notes)
		}
	}
}
