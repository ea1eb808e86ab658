//go:build unix

package data

// Files that fight back (issue 4): every case builds its situation in a
// temporary folder (or an injected file system), loads it under a
// deadline that turns a hang into a failure, and checks that the hostile
// file either loads correctly or is a problem with a reason, and that a
// normal article beside it loads.
//
// Cases covered elsewhere and not repeated here: a FIFO
// (TestLoadNeverOpensSpecialFiles), folder link loops and a dangling link
// (TestLoadSymlinks, TestLoadFSSymlinkLoop), a sparse file just over the
// size limit (TestLoadSkipsHugeFiles).
//
// Tests and CI run as root, where chmod stops nothing: the unreadable
// folder is then read by a copy of this test binary running as uid 65534,
// and the loader's side of it is also tested through an injected file
// system. The loader never writes, so write failures (/dev/full,
// RLIMIT_FSIZE) have nothing to act on here.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/newsline/newsline/internal/testchild"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// loadDeadline is how long a hostile load may take before it counts as a
// hang. It is no timing assertion: the slowest case takes a few seconds.
const loadDeadline = 60 * time.Second

// normalText is the article put beside every hostile file.
const normalText = "Normal story\n\n15 July 2021 Read: 5\n\nBody of a normal story.\n\nMore about: #Local"

// withNormal writes normal.txt into dir and returns dir.
func withNormal(t testing.TB, dir string) string {
	t.Helper()
	return testfs.Write(t, dir, map[string]string{"normal.txt": normalText})
}

// loadWithin loads the paths, failing the test when the load does not
// return within loadDeadline.
func loadWithin(t *testing.T, paths ...string) *loaded {
	t.Helper()
	return within(t, func(ctx context.Context, send func(model.Batch)) error {
		return Load(ctx, paths, send)
	})
}

// loadFSWithin is loadWithin for an injected file system, shown as "c".
func loadFSWithin(t *testing.T, fsys fs.FS) *loaded {
	t.Helper()
	return within(t, func(ctx context.Context, send func(model.Batch)) error {
		return LoadFS(ctx, fsys, "c", send)
	})
}

func within(t *testing.T, load func(context.Context, func(model.Batch)) error) *loaded {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	l := &loaded{}
	done := make(chan error, 1)
	go func() { done <- load(ctx, l.send) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(loadDeadline):
		t.Fatalf("the load did not return within %v: it hangs", loadDeadline)
	}
	l.checkDone(t)
	l.checkClean(t)
	return l
}

// checkClean checks what every load must give: problems with a reason,
// and paths, titles and tags that are safe to print.
func (l *loaded) checkClean(t *testing.T) {
	t.Helper()
	for _, p := range l.probs {
		if p.Reason == "" {
			t.Errorf("problem without a reason: %+v", p)
		}
		if !printable(p.Path) || !printable(p.Reason) {
			t.Errorf("problem not sanitized: %q: %q", p.Path, p.Reason)
		}
	}
	for _, a := range l.arts {
		// Not Rel: the file's name on disk, to open it again, never shown.
		for _, s := range append([]string{a.Path, a.Title}, append(a.Tags, a.FolderTags...)...) {
			if !printable(s) {
				t.Errorf("%q: not sanitized: %q", a.Path, s)
			}
		}
	}
}

// printable reports whether s is one line of valid UTF-8 without control
// characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return false
		}
	}
	return model.SanitizeLine(s) == s
}

// checkNormal checks that the normal article at rel loaded, whole.
func (l *loaded) checkNormal(t *testing.T, rel string) {
	t.Helper()
	for _, a := range l.arts {
		if a.Rel == rel {
			if a.Title != "Normal story" || a.Reads != 5 || a.Date.Year() != 2021 || !slices.Equal(a.Tags, []string{"Local"}) || a.Body != "Body of a normal story." {
				t.Errorf("normal article loaded wrong: %+v", a)
			}
			return
		}
	}
	t.Errorf("the normal article %s did not load; articles %d, problems %v", rel, len(l.arts), l.probs)
}

// article returns the article at rel (index 0).
// (rel as shown: Article.Rel is the name on disk, never shown; Path ends
// with it sanitized.)
func (l *loaded) article(t *testing.T, rel string) model.Article {
	t.Helper()
	for _, a := range l.arts {
		if model.SanitizeLine(a.Rel) == rel && a.Index == 0 {
			return a
		}
	}
	t.Fatalf("%s did not load; problems %v", rel, l.probs)
	return model.Article{}
}

// wantProblems checks the problems exactly: path → reason.
func (l *loaded) wantProblems(t *testing.T, want map[string]string) {
	t.Helper()
	got := l.problemSet()
	if len(got) != len(want) {
		t.Errorf("problems %q\nwant %q", got, want)
		return
	}
	for p, reason := range want {
		if got[p] != reason {
			t.Errorf("problem with %s: %q, want %q (all: %q)", p, got[p], reason, got)
		}
	}
}

// allocated runs f and returns how many bytes it allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// --- special files ---

func TestSocketIsSkippedWithoutHanging(t *testing.T) {
	dir := withNormal(t, t.TempDir())
	// A socket's path must be short (about 100 bytes): listen in a short
	// folder and link to the socket.
	short, err := os.MkdirTemp("", "nl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(short) })
	ln, err := net.Listen("unix", filepath.Join(short, "s.txt"))
	if err != nil {
		t.Fatalf("cannot make a socket: %v", err)
	}
	defer ln.Close()
	if err := os.Rename(filepath.Join(short, "s.txt"), filepath.Join(dir, "sock.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "sock.txt"), filepath.Join(dir, "to-sock.md")); err != nil {
		t.Fatal(err)
	}
	l := loadWithin(t, dir, filepath.Join(dir, "sock.txt"))
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "sock.txt"):   reasonIrregular,
		filepath.Join(dir, "to-sock.md"): reasonIrregular,
	})
	if b, reason := readFile(osFS(dir), "sock.txt"); b != nil || reason == "" {
		t.Errorf("readFile of a socket = %q, %q", b, reason)
	}
}

func TestDeviceFilesAreNeverRead(t *testing.T) {
	dir := withNormal(t, t.TempDir())
	// Links to devices always; a device node in the folder itself where
	// the machine lets us make one (root with CAP_MKNOD).
	want := map[string]string{}
	for name, dev := range map[string]string{"zero.txt": "/dev/zero", "random.md": "/dev/urandom", "full.json": "/dev/full", "null.jsonl": "/dev/null"} {
		if _, err := os.Stat(dev); err != nil {
			t.Fatalf("no %s here: %v", dev, err)
		}
		if err := os.Symlink(dev, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		want[filepath.Join(dir, name)] = reasonIrregular
	}
	if out, err := exec.Command("mknod", filepath.Join(dir, "node-zero.txt"), "c", "1", "5").CombinedOutput(); err == nil {
		want[filepath.Join(dir, "node-zero.txt")] = reasonIrregular
	} else {
		t.Logf("no device node of our own (links to devices only): mknod: %v %s", err, out)
	}
	l := loadWithin(t, dir, filepath.Join(dir, "zero.txt"))
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, want)
	// Opening is safe too, should a file become a device after the walk.
	if b, reason := readFile(osFS(dir), "zero.txt"); b != nil || reason != reasonIrregular {
		t.Errorf("readFile of /dev/zero = %d bytes, %q", len(b), reason)
	}
}

// --- links ---

func TestFileLinkLoopsAreProblems(t *testing.T) {
	dir := withNormal(t, t.TempDir())
	for link, target := range map[string]string{"self.md": "self.md", "a.txt": "b.txt", "b.txt": "a.txt"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	loop := reasonOf(syscall.ELOOP)
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "self.md"): loop,
		filepath.Join(dir, "a.txt"):   loop,
		filepath.Join(dir, "b.txt"):   loop,
	})
}

func TestDanglingLinksAreProblems(t *testing.T) {
	dir := withNormal(t, t.TempDir())
	for link, target := range map[string]string{
		"gone.txt":    "nothing-here.txt",
		"gone-dir":    "no-such-folder",
		"chain.md":    "gone.txt", // a link to a dangling link
		"through.txt": "normal.txt/inner.txt",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "gone.txt"):    "dangling link: skipped",
		filepath.Join(dir, "gone-dir"):    "dangling link: skipped",
		filepath.Join(dir, "chain.md"):    "dangling link: skipped",
		filepath.Join(dir, "through.txt"): reasonOf(syscall.ENOTDIR),
	})
}

func TestFileWhereAFolderIsExpectedIsAProblem(t *testing.T) {
	// As root chmod stops nothing; a file in the middle of a path does.
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{"plain": "not a folder"})
	if err := os.Symlink(filepath.Join(dir, "plain", "sub"), filepath.Join(dir, "folder")); err != nil {
		t.Fatal(err)
	}
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{filepath.Join(dir, "folder"): reasonOf(syscall.ENOTDIR)})
	// Given as a path, it is an error before anything loads.
	if err := CheckPaths([]string{filepath.Join(dir, "plain", "sub")}); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("CheckPaths = %v", err)
	}
}

// --- permissions ---

// childDir names, in a child process, the folder it loads as uid 65534.
const childDir = "NEWSLINE_TEST_UNREADABLE_DIR"

// TestUnreadableFolderAndFileAreProblems loads a folder holding a folder
// and a file nobody may read. As root, which reads them anyway, a copy of
// this test binary loads it as uid 65534 (nobody).
func TestUnreadableFolderAndFileAreProblems(t *testing.T) {
	if dir := os.Getenv(childDir); dir != "" {
		checkUnreadable(t, dir)
		return
	}
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{"locked/inner.txt": "Inner\n\nBody.", "secret.txt": "Secret\n\nBody."})
	for _, p := range []string{"locked", "secret.txt"} {
		if err := os.Chmod(filepath.Join(dir, p), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, p), 0o755) })
	}
	if os.Geteuid() != 0 {
		checkUnreadable(t, dir)
		return
	}
	// Let nobody reach the folder and run a copy of the binary.
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin, cred := testchild.AsNobody(t, t.TempDir())
	cmd := exec.Command(bin, "-test.run=^TestUnreadableFolderAndFileAreProblems$", "-test.v", "-test.timeout=2m")
	cmd.Env = append(os.Environ(), childDir+"="+dir)
	cmd.Dir = filepath.Dir(bin)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case testchild.Refused(err):
		t.Skipf("the kernel refuses to start a process as uid 65534 (%v): the unreadable folder cannot be built for root here; TestFolderThatCannotBeListedIsAProblem covers the loader's side", err)
	case errors.As(err, &exit):
		t.Fatalf("as uid 65534: %v\n%s", err, out)
	case err != nil:
		t.Fatalf("cannot run the test as uid 65534: %v\n%s", err, out)
	case !strings.Contains(string(out), "--- PASS: TestUnreadableFolderAndFileAreProblems"):
		t.Fatalf("the child did not run the test:\n%s", out)
	}
}

func checkUnreadable(t *testing.T, dir string) {
	if _, err := os.ReadDir(filepath.Join(dir, "locked")); err == nil {
		t.Fatalf("uid %d reads a folder of mode 000: the case is not built", os.Geteuid())
	}
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	denied := reasonOf(syscall.EACCES)
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "locked"):     denied,
		filepath.Join(dir, "secret.txt"): denied,
	})
}

// --- an injected file system that misbehaves ---

// hostileFS is a MapFS whose listed files may open as something else.
type hostileFS struct {
	fstest.MapFS
	open    map[string]func() (fs.File, error)
	readDir map[string]error
}

func (h hostileFS) Open(name string) (fs.File, error) {
	if f, ok := h.open[name]; ok {
		return f()
	}
	f, err := h.MapFS.Open(name)
	if err, ok := h.readDir[name]; ok && f != nil {
		return unlistable{f, &fs.PathError{Op: "readdir", Path: name, Err: err}}, nil
	}
	return f, err
}

// unlistable is a folder that opens but whose listing fails.
type unlistable struct {
	fs.File
	err error
}

func (u unlistable) ReadDir(int) ([]fs.DirEntry, error) { return nil, u.err }

// fakeFile is an open file whose Stat says size and whose reads come from
// read; reads counts the calls.
type fakeFile struct {
	size  int64
	read  func([]byte) (int, error)
	reads *atomic.Int64
}

func (f *fakeFile) Stat() (fs.FileInfo, error) { return fakeInfo{f.size}, nil }
func (f *fakeFile) Close() error               { return nil }
func (f *fakeFile) Read(b []byte) (int, error) {
	if f.reads != nil {
		f.reads.Add(1)
	}
	return f.read(b)
}

type fakeInfo struct{ size int64 }

func (i fakeInfo) Name() string       { return "f" }
func (i fakeInfo) Size() int64        { return i.size }
func (i fakeInfo) Mode() fs.FileMode  { return 0o644 }
func (i fakeInfo) ModTime() time.Time { return time.Time{} }
func (i fakeInfo) IsDir() bool        { return false }
func (i fakeInfo) Sys() any           { return nil }

// opens makes an open function for hostileFS.
func opens(f *fakeFile) func() (fs.File, error) { return func() (fs.File, error) { return f, nil } }

// endless reads text over and over, for ever.
func endless(text string) func([]byte) (int, error) {
	off := 0
	return func(b []byte) (int, error) {
		n := 0
		for n < len(b) {
			c := copy(b[n:], text[off:])
			n += c
			off = (off + c) % len(text)
		}
		return n, nil
	}
}

func normalFS() hostileFS {
	return hostileFS{MapFS: fstest.MapFS{"normal.txt": file(normalText)}, open: map[string]func() (fs.File, error){}}
}

func TestFileDeletedBetweenListingAndReadingIsAProblem(t *testing.T) {
	fsys := normalFS()
	fsys.MapFS["gone.txt"] = file("Gone\n\nBody.")
	fsys.open["gone.txt"] = func() (fs.File, error) {
		return nil, &fs.PathError{Op: "open", Path: "gone.txt", Err: fs.ErrNotExist}
	}
	l := loadFSWithin(t, fsys)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{"c/gone.txt": fs.ErrNotExist.Error()})
}

func TestFileTruncatedBetweenListingAndReadingLoadsWhatIsLeft(t *testing.T) {
	fsys := normalFS()
	left := "Short story\n\nWhat is left."
	for name, text := range map[string]string{"short.txt": left, "empty.txt": ""} {
		fsys.MapFS[name] = file(strings.Repeat("x", 4000))
		r := strings.NewReader(text)
		fsys.open[name] = opens(&fakeFile{size: 4000, read: r.Read}) // Stat still says 4000
	}
	l := loadFSWithin(t, fsys)
	l.checkNormal(t, "normal.txt")
	if a := l.article(t, "short.txt"); a.Title != "Short story" || a.Body != "What is left." {
		t.Errorf("truncated file: %+v", a)
	}
	l.wantProblems(t, map[string]string{"c/empty.txt": "empty file"})
}

func TestFileThatGrowsWhileReadLoads(t *testing.T) {
	fsys := normalFS()
	// Stat says 40 bytes, and the file never ends: what Stat said is read.
	fsys.MapFS["grows.txt"] = file("")
	fsys.open["grows.txt"] = opens(&fakeFile{size: 40, read: endless("Growing story\n\nMore text. ")})
	// Stat says 0 (a size the system does not know), and it never ends:
	// reading stops at the size limit.
	fsys.MapFS["endless.txt"] = file("")
	fsys.open["endless.txt"] = opens(&fakeFile{size: 0, read: endless("Endless\n\nMore. ")})
	l := loadFSWithin(t, fsys)
	l.checkNormal(t, "normal.txt")
	if a := l.article(t, "grows.txt"); a.Title != "Growing story" || !strings.HasPrefix(a.Body, "More text.") {
		t.Errorf("growing file: %+v", a)
	}
	l.wantProblems(t, map[string]string{"c/endless.txt": reasonTooLarge})
}

func TestRealFileThatGrowsWhileReadLoads(t *testing.T) {
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{"grows.txt": "Growing story\n\nFirst line.\n"})
	f, err := os.OpenFile(filepath.Join(dir, "grows.txt"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() { // appends until the load is over, to at most 8 MiB
		defer close(stopped)
		line := []byte(strings.Repeat("More text. ", 9) + "\n")
		for n := 0; n < 8<<20; n += len(line) {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := f.Write(line); err != nil {
				return
			}
		}
	}()
	l := loadWithin(t, dir)
	close(stop)
	<-stopped
	l.checkNormal(t, "normal.txt")
	if a := l.article(t, "grows.txt"); a.Title != "Growing story" || !strings.HasPrefix(a.Body, "First line.") {
		t.Errorf("growing file: %q %.40q", a.Title, a.Body)
	}
	l.wantProblems(t, map[string]string{})
}

func TestFileThatNeverYieldsIsAProblem(t *testing.T) {
	fsys := normalFS()
	// A reader breaking io.Reader's contract: no bytes and no error, ever.
	fsys.MapFS["stuck.txt"] = file("")
	fsys.open["stuck.txt"] = opens(&fakeFile{size: 0, read: func([]byte) (int, error) { return 0, nil }})
	l := loadFSWithin(t, fsys)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{"c/stuck.txt": io.ErrNoProgress.Error()})
}

func TestFolderThatCannotBeListedIsAProblem(t *testing.T) {
	fsys := normalFS()
	fsys.MapFS["locked/inner.txt"] = file("Inner\n\nBody.")
	fsys.MapFS["secret.txt"] = file("Secret\n\nBody.")
	fsys.readDir = map[string]error{"locked": fs.ErrPermission}
	fsys.open["secret.txt"] = func() (fs.File, error) {
		return nil, &fs.PathError{Op: "open", Path: "secret.txt", Err: fs.ErrPermission}
	}
	l := loadFSWithin(t, fsys)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{"c/locked": fs.ErrPermission.Error(), "c/secret.txt": fs.ErrPermission.Error()})
}

// --- size ---

// sparse makes a sparse file of size bytes: no disk used, nothing written.
func sparse(t *testing.T, p string, size int64) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

func TestHugeFileIsSkippedBySizeBeforeItIsRead(t *testing.T) {
	// 200 MiB sparse and 1 GiB sparse (nothing on disk, nothing written);
	// with -short 17 MiB and 32 MiB, which prove the same.
	big, huge := int64(200<<20), int64(1<<30)
	if testing.Short() {
		big, huge = 17<<20, 32<<20
	}
	dir := withNormal(t, t.TempDir())
	sparse(t, filepath.Join(dir, "big.txt"), big)
	sparse(t, filepath.Join(dir, "sparse.json"), huge)
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "big.txt"):     reasonTooLarge,
		filepath.Join(dir, "sparse.json"): reasonTooLarge,
	})
	// Skipped before a byte is read: a file system that counts reads.
	fsys := normalFS()
	var reads atomic.Int64
	fsys.MapFS["big.md"] = file("")
	fsys.open["big.md"] = opens(&fakeFile{size: 200 << 20, read: endless("x"), reads: &reads})
	l = loadFSWithin(t, fsys)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{"c/big.md": reasonTooLarge})
	if n := reads.Load(); n != 0 {
		t.Errorf("a 200 MiB file was read %d times", n)
	}
}

func TestFifteenMiBSingleLineLoads(t *testing.T) {
	line := strings.Repeat("word ", 15<<20/5) // 15 MiB, no newline
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{
		"line.txt":   line,
		"line.md":    "# Long\n" + line,
		"line.jsonl": `{"title": "Long", "body": "` + line + `"}`,
	})
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{})
	want := strings.TrimSpace(line)
	if a := l.article(t, "line.txt"); len(a.Title) != len(want) {
		t.Errorf("line.txt: title of %d bytes, want %d", len(a.Title), len(want))
	}
	for _, rel := range []string{"line.md", "line.jsonl"} {
		if a := l.article(t, rel); a.Title != "Long" || a.Body != want {
			t.Errorf("%s: title %q, body of %d bytes, want %d", rel, a.Title, len(a.Body), len(want))
		}
	}
}

// --- many and deep ---

func TestFiftyThousandFilesInOneFolderLoad(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 5000 // -short (the race pass): the same case, smaller
	}
	dir := withNormal(t, t.TempDir())
	// Hard links to one file: ten times faster to make than files written
	// one by one, and each is a name the loader lists, opens and reads.
	one := filepath.Join(t.TempDir(), "one.txt")
	if err := os.WriteFile(one, []byte("Story\n\nBody."), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := os.Link(one, filepath.Join(dir, fmt.Sprintf("%05d.txt", i))); err != nil {
			t.Fatal(err)
		}
	}
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{})
	if len(l.arts) != n+1 || len(l.byRel()) != n+1 {
		t.Errorf("%d articles (%d distinct), want %d", len(l.arts), len(l.byRel()), n+1)
	}
	if p := l.batches[len(l.batches)-1].Progress; p.Files != n+1 || p.Found != n+1 {
		t.Errorf("progress %+v", p)
	}
}

func TestFoldersNestedFiveHundredDeepStopAtTheLimit(t *testing.T) {
	depth := 500
	if testing.Short() {
		depth = 100 // -short: still past the limit
	}
	dir := withNormal(t, t.TempDir())
	parts := make([]string, depth)
	for i := range parts {
		parts[i] = "d"
	}
	deep := filepath.Join(append([]string{dir}, parts...)...)
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	shallow := strings.Repeat("d/", 10) + "ten.txt"
	testfs.Write(t, dir, map[string]string{shallow: "Ten deep\n\nBody."})
	if err := os.WriteFile(filepath.Join(deep, "bottom.txt"), []byte("Bottom\n\nBody."), 0o644); err != nil {
		t.Fatal(err)
	}
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	if a := l.article(t, shallow); a.Title != "Ten deep" || len(a.FolderTags) != 1 {
		t.Errorf("ten deep: %q, folder tags %q", a.Title, a.FolderTags)
	}
	if len(l.arts) != 2 {
		t.Errorf("%d articles, want 2", len(l.arts))
	}
	tooDeep := filepath.Join(append([]string{dir}, parts[:maxDepth+1]...)...)
	l.wantProblems(t, map[string]string{tooDeep: fmt.Sprintf("folders nested more than %d deep: skipped", maxDepth)})
}

// --- names ---

func TestHostileFileNamesAreShownSanitized(t *testing.T) {
	dir := withNormal(t, t.TempDir())
	files := map[string]string{
		"new\nline.txt":                 "Newline name\n\nBody.",
		"\x1b[31mred\x1b[0m.md":         "Body only.", // the name is the title
		"bad\xff\xfename.txt":           "Invalid name\n\nBody.",
		"\x1b]0;pwned\x07folder/in.txt": "In a folder\n\nBody.",
		"\x1b[2Jempty.txt":              "",
		"bell\a\b\x7f.json":             `{"title": "Bell"}`,
	}
	testfs.Write(t, dir, files)
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	if len(l.arts) != 6 {
		t.Errorf("%d articles, want 6", len(l.arts))
	}
	if a := l.article(t, "new line.txt"); a.Title != "Newline name" {
		t.Errorf("%+v", a)
	}
	if a := l.article(t, "red.md"); a.Title != "red" {
		t.Errorf("title from a name with escapes: %q", a.Title)
	}
	if a := l.article(t, "folder/in.txt"); !slices.Equal(a.FolderTags, []string{"folder"}) {
		t.Errorf("folder tags %q", a.FolderTags)
	}
	l.article(t, "bad\uFFFD\uFFFDname.txt")
	l.article(t, "bell.json")
	l.wantProblems(t, map[string]string{filepath.Join(dir, "empty.txt"): "empty file"})
}

// --- encodings ---

func TestUTF16FilesWithBOMAreDecoded(t *testing.T) {
	text := "Zürich café opens\r\n\r\n15 July 2021\r\nŁódź and 東京 and 🎉.\r\n"
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{
		"le.txt":  string(utf16Bytes(text, false)),
		"be.txt":  string(utf16Bytes(text, true)),
		"le.md":   string(utf16Bytes("---\r\ntitle: Zürich café opens\r\n---\r\nŁódź and 東京 and 🎉.\r\n", false)),
		"be.json": string(utf16Bytes(`{"title": "Zürich café opens", "body": "Łódź and 東京 and 🎉."}`, true)),
	})
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{})
	for _, rel := range []string{"le.txt", "be.txt", "le.md", "be.json"} {
		if a := l.article(t, rel); a.Title != "Zürich café opens" || a.Body != "Łódź and 東京 and 🎉." {
			t.Errorf("%s: %q %q", rel, a.Title, a.Body)
		}
	}
}

func TestLatin1AndWindows1252FilesAreDecoded(t *testing.T) {
	enc := func(cm *charmap.Charmap, s string) string {
		b, err := cm.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{
		"latin1.txt": enc(charmap.ISO8859_1, "Zürich café, naïve résumé\n\nÀ bientôt, señor.\n\nMore about: #Küche"),
		"cp1252.md":  enc(charmap.Windows1252, "---\ntitle: “Smart quotes” – 5 €\ntags: [Société]\n---\nŒuvre…"),
	})
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	if a := l.article(t, "latin1.txt"); a.Title != "Zürich café, naïve résumé" || a.Body != "À bientôt, señor." || !slices.Equal(a.Tags, []string{"Küche"}) {
		t.Errorf("Latin-1: %q %q %q", a.Title, a.Body, a.Tags)
	}
	if a := l.article(t, "cp1252.md"); a.Title != "“Smart quotes” – 5 €" || a.Body != "Œuvre…" || !slices.Equal(a.Tags, []string{"Société"}) {
		t.Errorf("Windows-1252: %q %q %q", a.Title, a.Body, a.Tags)
	}
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "latin1.txt"): reasonWindows1252,
		filepath.Join(dir, "cp1252.md"):  reasonWindows1252,
	})
	for _, p := range l.probs {
		if !p.Loaded {
			t.Errorf("%s: a repaired file is not marked loaded", p.Path)
		}
	}
}

// --- JSON and YAML built to exhaust ---

func TestDeeplyNestedJSONIsRejectedInBoundedMemory(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{
		// encoding/json refuses values nested more than 10,000 deep: a
		// record with 10,000 levels (the object and 9,999 arrays) loads, one
		// with a level more ends its file with a problem.
		"limit.json":    `[{"title": "At the limit", "x": ` + nest(9999) + `}]`,
		"deep.json":     `[{"title": "Shallow"}, {"title": "Deep", "x": ` + nest(10000) + `}]`,
		"deeper.json":   nest(1000000),
		"deep.jsonl":    `{"title": "Fine"}` + "\n" + `{"title": "Deep", "x": ` + nest(10000) + `}`,
		"deep-yaml.md":  "---\ntitle: Deep\nx: " + nest(30000) + "\n---\nBody",
		"deep-toml.md":  "+++\ntitle = \"Deep\"\nx = " + nest(30000) + "\n+++\nBody",
		"deep-map.json": strings.Repeat(`{"a":`, 100000) + strings.Repeat("}", 100000),
	})
	var l *loaded
	if n := allocated(func() { l = loadWithin(t, dir) }); n > 1<<30 {
		t.Errorf("loading allocated %d MiB", n>>20)
	}
	l.checkNormal(t, "normal.txt")
	if a := l.article(t, "limit.json"); a.Title != "At the limit" {
		t.Errorf("limit.json: %q", a.Title)
	}
	if a := l.article(t, "deep.json"); a.Title != "Shallow" {
		t.Errorf("deep.json: %q", a.Title)
	}
	if a := l.article(t, "deep.jsonl"); a.Title != "Fine" {
		t.Errorf("deep.jsonl: %q", a.Title)
	}
	got := l.problemSet()
	for _, rel := range []string{"deep.json", "deeper.json", "deep.jsonl", "deep-yaml.md", "deep-toml.md", "deep-map.json"} {
		if reason := got[filepath.Join(dir, rel)]; !strings.Contains(reason, "max") {
			t.Errorf("%s: problem %q, want one naming the maximum depth", rel, reason)
		}
	}
	if len(got) != 6 {
		t.Errorf("problems %q", got)
	}
}

func TestBillionLaughsFrontMatterIsRejectedQuickly(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: Laughs\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("tags: *a9\n---\nBody")
	// Merge keys: each level maps over the one before.
	var m strings.Builder
	m.WriteString("---\ntitle: Merges\nm0: &m0 {k: v}\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&m, "m%d: &m%d {<<: [*m%d, *m%d], k%d: [*m%d, *m%d]}\n", i, i, i-1, i-1, i, i-1, i-1)
	}
	m.WriteString("---\nBody")
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{"laughs.md": b.String(), "merges.md": m.String()})
	var l *loaded
	if n := allocated(func() { l = loadWithin(t, dir) }); n > 256<<20 {
		t.Errorf("loading allocated %d MiB", n>>20)
	}
	l.checkNormal(t, "normal.txt")
	got := l.problemSet()
	for _, rel := range []string{"laughs.md", "merges.md"} {
		if !strings.Contains(got[filepath.Join(dir, rel)], "aliases expand to more than") {
			t.Errorf("%s: problem %q", rel, got[filepath.Join(dir, rel)])
		}
	}
}

func TestJSONArrayOfTwoHundredThousandRecordsLoads(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 20000 // -short (the race pass): the same case, smaller
	}
	var b strings.Builder
	b.WriteString("[\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"title": "Record %d", "reads": %d, "tags": ["t%d"]}`, i, i, i%50)
	}
	b.WriteString("\n]")
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{"many.json": b.String()})
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	l.wantProblems(t, map[string]string{})
	if len(l.arts) != n+1 {
		t.Fatalf("%d articles, want %d", len(l.arts), n+1)
	}
	seen := make([]bool, n)
	for _, a := range l.arts {
		if a.Rel != "many.json" {
			continue
		}
		if a.Title != fmt.Sprintf("Record %d", a.Index) || a.Reads != a.Index || seen[a.Index] {
			t.Fatalf("record %d: %+v", a.Index, a)
		}
		seen[a.Index] = true
	}
}

// --- values out of range ---

func TestDatesOutOfRangeAreUnknown(t *testing.T) {
	// Dates are kept from year 1000 to 9999 (see minYear, maxYear); others
	// are not dates, reported, and the article loads without one.
	var recs []string
	bad := []string{
		`"0000-01-01"`, `"0001-01-01T00:00:00Z"`, `"0999-12-31"`, `"10000-01-01"`, `"+275760-09-13"`,
		`"9999-12-31T23:00:00-14:00"`, // year 10000 in UTC
		`1e15`, `999999999999999`, `1e300`, `-1`, `-62135596800`, `"15 July 99999"`, `"31 February 2021"`,
	}
	for _, d := range bad {
		recs = append(recs, `{"title": "T", "date": `+d+`}`)
	}
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{
		"dates.jsonl": strings.Join(recs, "\n"),
		"ok.jsonl":    `{"title": "Edge", "date": "9999-12-31"}` + "\n" + `{"title": "Edge", "date": "1000-01-01"}`,
		"yaml.md":     "---\ntitle: Y\ndate: !!timestamp 0001-01-01\n---\nBody",
		"toml.md":     "+++\ntitle = \"T\"\ndate = 0001-01-01T00:00:00Z\n+++\nBody",
		"text.txt":    "Old\n\n15 July 0999 Read: 3\n\nBody.",
	})
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	if len(l.arts) != 1+len(bad)+2+3 {
		t.Errorf("%d articles", len(l.arts))
	}
	for _, a := range l.arts {
		if a.Rel == "ok.jsonl" {
			if y := a.Date.Year(); y != 9999 && y != 1000 {
				t.Errorf("edge date %v lost", a.Date)
			}
			continue
		}
		if a.Rel != "normal.txt" && a.HasDate() {
			t.Errorf("%s#%d: date %v kept", a.Rel, a.Index, a.Date)
		}
		if y := a.Date.Year(); a.HasDate() && (y < 1000 || y > 9999) {
			t.Errorf("%s: year %d", a.Rel, y)
		}
	}
	n := 0
	for _, p := range l.probs {
		if strings.Contains(p.Reason, "not a date") {
			n++
		}
	}
	if n != len(bad)+2 { // the JSON records, YAML and TOML; text keeps the line as body
		t.Errorf("%d date problems, want %d: %q", n, len(bad)+2, l.probs)
	}
}

func TestNegativeAndHugeReadCountersAreUnknownOrClamped(t *testing.T) {
	// Negative counters are not counts (unknown, reported); huge ones are
	// clamped to maxReads.
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{
		"reads.jsonl": strings.Join([]string{
			`{"title": "neg", "reads": -5}`,
			`{"title": "negstr", "reads": "-5"}`,
			`{"title": "huge", "reads": 99999999999999999999999}`,
			`{"title": "huger", "reads": 1e400}`,
			`{"title": "hugestr", "reads": "99999999999999999999999"}`,
			`{"title": "frac", "reads": 2.5}`,
		}, "\n"),
		"yaml.md":  "---\ntitle: inf\nreads: .inf\n---\nBody",
		"nan.md":   "---\ntitle: nan\nreads: .nan\n---\nBody",
		"u64.md":   "---\ntitle: u64\nreads: 18446744073709551615\n---\nBody",
		"toml.md":  "+++\ntitle = \"i64\"\nreads = -9223372036854775808\n+++\nBody",
		"huge.txt": "Huge\n\n15 July 2021 Read: 99999999999999999999999\n\nBody.",
		"neg.txt":  "Neg\n\n15 July 2021 Read: -5\n\nBody.",
	})
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	want := map[string]int{
		"neg": model.NoReads, "negstr": model.NoReads, "huge": maxReads, "huger": maxReads, "hugestr": maxReads, "frac": 2,
		"inf": maxReads, "nan": model.NoReads, "u64": maxReads, "i64": model.NoReads, "Huge": maxReads, "Neg": model.NoReads,
	}
	for _, a := range l.arts {
		if a.Rel == "normal.txt" {
			continue
		}
		if w, ok := want[a.Title]; !ok || a.Reads != w {
			t.Errorf("%s: reads %d, want %d", a.Title, a.Reads, w)
		}
		delete(want, a.Title)
	}
	if len(want) != 0 {
		t.Errorf("not loaded: %v", want)
	}
}

// --- tags ---

func TestThousandsOfTagsAreCapped(t *testing.T) {
	many := func(n int, sep string, prefix string) string {
		tags := make([]string, n)
		for i := range tags {
			tags[i] = fmt.Sprintf("%sTag%d", prefix, i)
		}
		return strings.Join(tags, sep)
	}
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{
		"many.json": `{"title": "JSON", "tags": ["` + many(100000, `", "`, "") + `"]}`,
		"many.md":   "---\ntitle: Markdown\ntags: [" + many(5000, ", ", "") + "]\n---\nBody",
		"many.txt":  "Text\n\nBody.\n\nMore about: " + many(10000, " ", "#"),
	})
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	for _, rel := range []string{"many.json", "many.md", "many.txt"} {
		a := l.article(t, rel)
		if len(a.Tags) != maxTags || a.Tags[0] != "Tag0" || a.Tags[maxTags-1] != fmt.Sprintf("Tag%d", maxTags-1) {
			t.Errorf("%s: %d tags, first %q", rel, len(a.Tags), a.Tags[:min(3, len(a.Tags))])
		}
	}
	reason := fmt.Sprintf("more than %d tags: the first %d kept", maxTags, maxTags)
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "many.json"): "record 1 (line 1): " + reason,
		filepath.Join(dir, "many.md"):   "front matter: " + reason,
		filepath.Join(dir, "many.txt"):  reason,
	})
}

func TestTenThousandCharacterTagIsShortened(t *testing.T) {
	long := strings.Repeat("é", 10000)
	dir := withNormal(t, t.TempDir())
	testfs.Write(t, dir, map[string]string{
		"long.json": `{"title": "JSON", "tags": ["` + long + `", "Short"]}`,
		"long.md":   "---\ntitle: Markdown\ntags: [" + long + ", Short]\n---\nBody",
		"long.txt":  "Text\n\nBody.\n\nMore about: #" + long + " #Short",
	})
	l := loadWithin(t, dir)
	l.checkNormal(t, "normal.txt")
	want := strings.Repeat("é", maxTagLen-1) + "…"
	for _, rel := range []string{"long.json", "long.md", "long.txt"} {
		if a := l.article(t, rel); !slices.Equal(a.Tags, []string{want, "Short"}) {
			t.Errorf("%s: tags of %d runes", rel, utf8.RuneCountInString(strings.Join(a.Tags, "")))
		}
	}
	reason := fmt.Sprintf("a tag longer than %d characters: shortened", maxTagLen)
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "long.json"): "record 1 (line 1): " + reason,
		filepath.Join(dir, "long.md"):   "front matter: " + reason,
		filepath.Join(dir, "long.txt"):  reason,
	})
}
