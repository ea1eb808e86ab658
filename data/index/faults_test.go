package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testchild"
	"github.com/newsline/newsline/model"
)

// Faults in the index's own file: a newsline killed at any moment, a full
// disk, a cache folder it may not write. The child processes are this test
// binary run again (as TestTwoProcesses does) with faultEnv set; the
// child's part is TestHelperWriter.

// faultEnv names the index a child of these tests writes; faultEnv+"_MODE"
// says what it does, faultEnv+"_GEN" which generation of writes it makes,
// faultEnv+"_FSIZE" the file size limit it sets itself first.
const faultEnv = "NEWSLINE_INDEX_FAULT_HELPER"

// childDeadline turns a child that hangs into a failure (it is not a
// timing assertion: a child normally ends in well under a second).
const childDeadline = 2 * time.Minute

// The child's writes come in steps, each one transaction, determined by
// the generation and the step's number, so that the parent knows what the
// index must hold after any number of them. A round is roundFiles files of
// roundArticles articles each: a transaction written half would show as a
// round with fewer articles, a round without its full text, or one with
// some files of the old version and some of the new.
//
//	step%4 == 0: round step is added, with its full text
//	step%4 == 1: round step is added, its text later (TextLater)
//	step%4 == 2: AddText gives round step-1 its full text
//	step%4 == 3: round step-3 is deleted and round step-2 rewritten as
//	             version 2 (other titles, tags and problems), in one Apply
const (
	roundFiles    = 7
	roundArticles = 6
	perRound      = roundFiles * roundArticles
)

// roundState is what the index holds of one round.
type roundState struct {
	version int  // 1 or 2
	text    bool // its words are in the full-text index
}

// genState is what a generation's first n steps leave in the index.
func genState(n int) map[int]roundState {
	st := map[int]roundState{}
	for s := range n {
		switch s % 4 {
		case 0:
			st[s] = roundState{version: 1, text: true}
		case 1:
			st[s] = roundState{version: 1}
		case 2:
			st[s-1] = roundState{version: 1, text: true}
		case 3:
			delete(st, s-3)
			st[s-2] = roundState{version: 2, text: true}
		}
	}
	return st
}

var faultWords = strings.Fields("harbour ferry council bridge orchard frost tram comet library quasar " +
	"kite market choir bakery snowfall lighthouse marmot telescope gauge pier")

// roundToken is a word only round r of generation gen has in its bodies.
func roundToken(gen, r int) string { return fmt.Sprintf("q%dx%dz", gen, r) }

// roundChanges are the files of round r of generation gen at a version.
func roundChanges(gen, r, version int, textLater bool) []FileChange {
	rnd := rand.New(rand.NewPCG(uint64(gen), uint64(r*10+version)))
	var out []FileChange
	for f := range roundFiles {
		rel := fmt.Sprintf("g%03d/r%04d/f%d.jsonl", gen, r, f)
		c := FileChange{Rel: rel, Size: int64(1000*r + f + version), ModTime: int64(r)<<32 | int64(version), TextLater: textLater}
		for k := range roundArticles {
			words := make([]string, 60)
			for i := range words {
				words[i] = faultWords[rnd.IntN(len(faultWords))]
			}
			a := art(rel, k, fmt.Sprintf("Round %d file %d story %d version %d", r, f, k, version),
				roundToken(gen, r)+" "+strings.Join(words, " "),
				fmt.Sprintf("gen%d", gen), fmt.Sprintf("v%d", version))
			a.Date = time.Date(2026, 1, 1+r%28, k, f, 0, 0, time.UTC)
			a.Reads = r*100 + k
			a.Author, a.Source, a.URL = "R. Quill", "Gazette", fmt.Sprintf("https://example.org/%d/%d/%d", gen, r, f)
			a.Format = model.FormatJSON
			a.Offset, a.Length = 100*k, 90+k
			c.Articles = append(c.Articles, a)
		}
		if f == 0 {
			c.Problems = []model.Problem{{Path: rel, Reason: fmt.Sprintf("version %d of round %d", version, r), Loaded: true}}
		}
		out = append(out, c)
	}
	return out
}

// step writes step s of generation gen.
func step(ctx context.Context, ix *Index, gen, s int) error {
	switch s % 4 {
	case 0, 1:
		return ix.Apply(ctx, roundChanges(gen, s, 1, s%4 == 1))
	case 2:
		var files []FileText
		for _, c := range roundChanges(gen, s-1, 1, false) {
			bodies := map[int]string{}
			for _, a := range c.Articles {
				bodies[a.Index] = a.Body
			}
			files = append(files, FileText{Rel: c.Rel, Bodies: bodies})
		}
		n, err := ix.AddText(ctx, files)
		if err == nil && n != perRound {
			err = fmt.Errorf("AddText added %d, want %d", n, perRound)
		}
		return err
	default:
		var changes []FileChange
		for _, c := range roundChanges(gen, s-3, 1, false) {
			changes = append(changes, FileChange{Rel: c.Rel, Deleted: true})
		}
		return ix.Apply(ctx, append(changes, roundChanges(gen, s-2, 2, false)...))
	}
}

// expected is what the index must hold for the generations, given how
// many steps of each were written: articles, files and problems.
func expected(steps map[int]int) (arts []model.Article, files map[string]FileStat, probs []model.Problem) {
	files = map[string]FileStat{}
	for _, gen := range slices.Sorted(mapKeys(steps)) {
		st := genState(steps[gen])
		for _, r := range slices.Sorted(mapKeys(st)) {
			for _, c := range roundChanges(gen, r, st[r].version, false) {
				arts = append(arts, c.Articles...)
				files[c.Rel] = FileStat{Size: c.Size, ModTime: c.ModTime}
				probs = append(probs, c.Problems...)
			}
		}
	}
	return stored(arts), files, probs
}

func mapKeys[V any](m map[int]V) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// holds reports how the index differs from the generations' writes (""
// when it holds exactly them): articles complete and in order, files,
// problems, and the full-text index (each round's token finds the round's
// articles once its text is in, none before; Pending lists the others).
func holds(ix *Index, steps map[int]int) string {
	ctx := context.Background()
	want, wantFiles, wantProbs := expected(steps)
	var got []model.Article
	if err := ix.Articles(ctx, func(a model.Article) error { got = append(got, a); return nil }); err != nil {
		return "Articles: " + err.Error()
	}
	if len(got)%perRound != 0 {
		return fmt.Sprintf("%d articles: not whole rounds of %d (a transaction written in part)", len(got), perRound)
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d articles, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.Date.Equal(w.Date) || g.Date.Location() != time.UTC {
			return fmt.Sprintf("article %s: date %v, want %v", w.Rel, g.Date, w.Date)
		}
		g.Date, w.Date = time.Time{}, time.Time{}
		if !equalArticle(g, w) || g.Offset != w.Offset || g.Length != w.Length {
			return fmt.Sprintf("article %d:\n got %#v\nwant %#v", i, g, w)
		}
	}
	files, err := ix.Files(ctx)
	if err != nil {
		return "Files: " + err.Error()
	}
	if len(files) != len(wantFiles) {
		return fmt.Sprintf("%d files, want %d", len(files), len(wantFiles))
	}
	for rel, st := range wantFiles {
		if files[rel] != st {
			return fmt.Sprintf("file %s: %v, want %v", rel, files[rel], st)
		}
	}
	probs, err := ix.Problems(ctx)
	if err != nil {
		return "Problems: " + err.Error()
	}
	slices.SortFunc(probs, func(a, b model.Problem) int { return strings.Compare(a.Path, b.Path) })
	if !slices.Equal(probs, wantProbs) {
		return fmt.Sprintf("problems %v, want %v", probs, wantProbs)
	}
	pending, waiting, err := ix.Pending(ctx)
	if err != nil {
		return "Pending: " + err.Error()
	}
	wantWaiting := 0
	for gen, n := range steps {
		for r, st := range genState(n) {
			ids, err := ix.Search(ctx, roundToken(gen, r))
			if err != nil {
				return "Search: " + err.Error()
			}
			if want := map[bool]int{true: perRound, false: 0}[st.text]; len(ids) != want {
				return fmt.Sprintf("search for round %d of generation %d found %d, want %d", r, gen, len(ids), want)
			}
			if !st.text {
				wantWaiting += perRound
			}
		}
	}
	if waiting != wantWaiting || len(pending) != wantWaiting/roundArticles {
		return fmt.Sprintf("pending: %d articles in %d files, want %d", waiting, len(pending), wantWaiting)
	}
	return ""
}

// child starts this test binary as TestHelperWriter in mode on the index
// at path. It returns the running command and the lines it prints, as they
// come; the channel is closed when its output ends.
func child(t *testing.T, path, mode string, env ...string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := childCmd(path, mode, env...)
	return cmd, testchild.Output(t, cmd)
}

// childCmd is the command of a TestHelperWriter child, not started.
func childCmd(path, mode string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), append([]string{faultEnv + "=" + path, faultEnv + "_MODE=" + mode}, env...)...)
	return cmd
}

// waitChild waits for a child to end, failing the test (and killing it)
// after childDeadline.
func waitChild(t *testing.T, cmd *exec.Cmd, out <-chan string) (lines []string, err error) {
	t.Helper()
	deadline := time.NewTimer(childDeadline)
	defer deadline.Stop()
	for {
		select {
		case l, ok := <-out:
			if !ok {
				return lines, cmd.Wait()
			}
			lines = append(lines, l)
		case <-deadline.C:
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the child hung for %v:\n%s", childDeadline, strings.Join(lines, "\n"))
		}
	}
}

// commits is the number of steps the child reported written.
func commits(lines []string) int {
	n := 0
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(l, "commit "); ok {
			if s, err := strconv.Atoi(rest); err == nil && s+1 > n {
				n = s + 1
			}
		}
	}
	return n
}

// reopen opens the index after a fault: it must open as it is, neither
// rebuilt nor set aside.
func reopen(t *testing.T, path, after string) *Index {
	t.Helper()
	ix, notice, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("%s: Open: %v", after, err)
	}
	if notice != "" {
		ix.Close()
		t.Fatalf("%s: Open rebuilt the index: %q", after, notice)
	}
	if aside, _ := filepath.Glob(path + ".broken-*"); len(aside) > 0 {
		ix.Close()
		t.Fatalf("%s: set aside: %v", after, aside)
	}
	return ix
}

// TestKilledWriter kills a newsline writing the index (SIGKILL: no
// deferred function, no Close) at random moments, many times, and opens
// the index after each kill: it opens without a rebuild, and holds every
// step the child reported written, and at most the one after it, whole.
func TestKilledWriter(t *testing.T) {
	kills := 30
	if testing.Short() || raceEnabled {
		kills = 10
	}
	path := filepath.Join(t.TempDir(), "cache", "news-0123456789abcdef.db")
	steps := map[int]int{} // generation → steps written
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 4))
	killedOpening, unreported := 0, 0 // kills before Open returned; steps written but not reported
	for gen := range kills {
		// Kill after a random number of steps (0: while opening, or
		// creating the index for the first child) and a random delay, so
		// that the kill lands anywhere in a transaction, or between them.
		after := rnd.IntN(6)
		delay := time.Duration(rnd.IntN(20_000)) * time.Microsecond
		if after == 0 {
			delay = time.Duration(rnd.IntN(15_000)) * time.Microsecond
		}
		cmd := childCmd(path, "write", fmt.Sprintf("%s_GEN=%d", faultEnv, gen))
		lines := testchild.KillAfter(t, fmt.Sprintf("generation %d", gen), cmd, after, delay)
		for _, l := range lines {
			if strings.HasPrefix(l, "error") || strings.Contains(l, "panic") || strings.Contains(l, "FAIL") {
				t.Fatalf("generation %d: the child failed:\n%s", gen, strings.Join(lines, "\n"))
			}
		}
		n := commits(lines)
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "open ") }) {
			killedOpening++
		}

		ix := reopen(t, path, fmt.Sprintf("kill %d (after %d steps)", gen, n))
		// The step after the last one reported may have committed before
		// the child could say so.
		steps[gen] = n
		why := holds(ix, steps)
		if why != "" {
			steps[gen] = n + 1
			if again := holds(ix, steps); again != "" {
				ix.Close()
				t.Fatalf("after kill %d (%d steps reported): %s", gen, n, why)
			}
			unreported++
		}
		// The index still takes writes and finds what it holds.
		if ids := search(t, ix, "version"); len(ids) != len(all(t, ix))-pendingCount(t, ix) {
			t.Errorf("after kill %d: version finds %d", gen, len(ids))
		}
		if err := ix.Close(); err != nil {
			t.Fatalf("after kill %d: Close: %v", gen, err)
		}
	}
	total := 0
	for _, n := range steps {
		total += n
	}
	t.Logf("%d kills: %d before Open returned, %d just after a commit it had no time to report; %d steps written in all",
		kills, killedOpening, unreported, total)
}

func pendingCount(t *testing.T, ix *Index) int {
	t.Helper()
	n, err := ix.PendingCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestKilledWhileCreating kills newslines creating an index that does not
// exist yet, at random moments of Open: the next Open never rebuilds.
func TestKilledWhileCreating(t *testing.T) {
	kills := 20
	if testing.Short() || raceEnabled {
		kills = 6
	}
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 5))
	opening := 0
	for k := range kills {
		path := filepath.Join(t.TempDir(), "cache", "news-0123456789abcdef.db")
		cmd, out := child(t, path, "write", faultEnv+"_GEN=0")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rnd.IntN(25_000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		lines, _ := waitChild(t, cmd, out)
		n := commits(lines)
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "open ") }) {
			opening++
		}
		ix := reopen(t, path, fmt.Sprintf("kill %d", k))
		steps := map[int]int{0: n}
		if why := holds(ix, steps); why != "" {
			steps[0] = n + 1
			if holds(ix, steps) != "" {
				ix.Close()
				t.Fatalf("kill %d (%d steps reported): %s", k, n, why)
			}
		}
		// It takes the next step.
		if err := step(context.Background(), ix, 0, steps[0]); err != nil {
			t.Errorf("kill %d: the next step: %v", k, err)
		} else if why := holds(ix, map[int]int{0: steps[0] + 1}); why != "" {
			t.Errorf("kill %d: after the next step: %s", k, why)
		}
		ix.Close()
	}
	t.Logf("%d kills, %d of them before Open returned", kills, opening)
}

// TestHelperWriter is the child of the fault tests; it does nothing in a
// normal run. In mode "write" it writes steps until it is killed; in mode
// "fsize" it first limits the size of the files it may write (as a full
// disk would stop it) and writes until a step fails; in mode "open" it
// opens the index and writes one step.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(faultEnv)
	if path == "" {
		t.Skip("only run by the fault tests")
	}
	gen, _ := strconv.Atoi(os.Getenv(faultEnv + "_GEN"))
	first, _ := strconv.Atoi(os.Getenv(faultEnv + "_FIRST"))
	testchild.LimitFileSize(t, faultEnv+"_FSIZE")
	ctx := context.Background()
	ix, notice, err := Open(ctx, path)
	if err != nil {
		fmt.Printf("open failed: %v\n", err)
		return
	}
	defer ix.Close()
	fmt.Printf("open %q\n", notice)
	switch os.Getenv(faultEnv + "_MODE") {
	case "write":
		for s := first; ; s++ {
			if err := step(ctx, ix, gen, s); err != nil {
				fmt.Printf("error: step %d: %v\n", s, err)
				t.Fatal(err)
			}
			fmt.Printf("commit %d\n", s)
		}
	case "fsize", "open":
		for s := first; ; s++ {
			if err := step(ctx, ix, gen, s); err != nil {
				fmt.Printf("step failed: %d: %v\n", s, err)
				break
			}
			fmt.Printf("commit %d\n", s)
			if os.Getenv(faultEnv+"_MODE") == "open" {
				break
			}
		}
		// Reading still works after a failed write.
		if _, err := ix.Search(ctx, "harbour"); err != nil {
			fmt.Printf("search failed: %v\n", err)
		}
		if err := ix.Articles(ctx, func(model.Article) error { return nil }); err != nil {
			fmt.Printf("articles failed: %v\n", err)
		}
		if err := ix.Close(); err != nil {
			fmt.Printf("close failed: %v\n", err)
		}
		fmt.Println("child: done")
	}
}

// TestFullDisk runs a writer whose files may not grow past a size limit
// (RLIMIT_FSIZE, as a full disk): Open or a write fails with an error,
// never a crash, and the index is afterwards what the writes that
// succeeded made it, not corrupt, and takes writes again.
func TestFullDisk(t *testing.T) {
	// An index with some rounds, closed (its log checkpointed).
	base := filepath.Join(t.TempDir(), "base.db")
	ix, _, err := Open(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	const baseSteps = 8
	for s := range baseSteps {
		if err := step(context.Background(), ix, 0, s); err != nil {
			t.Fatal(err)
		}
	}
	ix.Close()
	fi, err := os.Stat(base)
	if err != nil {
		t.Fatal(err)
	}
	baseSize := fi.Size()

	tests := []struct {
		name  string
		fresh bool  // no index yet
		limit int64 // bytes any file may have
	}{
		{"creating, 0 bytes", true, 0},
		{"creating, 1 KiB", true, 1 << 10},
		{"creating, 8 KiB", true, 8 << 10},
		{"creating, 64 KiB", true, 64 << 10},
		{"creating, 256 KiB", true, 256 << 10},
		{"existing, no growth", false, baseSize},
		{"existing, 4 KiB more", false, baseSize + 4<<10},
		{"existing, 40 KiB more", false, baseSize + 40<<10},
		{"existing, 200 KiB more", false, baseSize + 200<<10},
		{"existing, log smaller than the file", false, baseSize / 2},
	}
	if testing.Short() || raceEnabled {
		tests = slices.DeleteFunc(tests, func(tc struct {
			name  string
			fresh bool
			limit int64
		}) bool {
			return !strings.Contains("creating, 8 KiB|creating, 256 KiB|existing, no growth|existing, 40 KiB more", tc.name)
		})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cache", "news.db")
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			done := 0
			if !tc.fresh {
				b, err := os.ReadFile(base)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, b, 0o600); err != nil {
					t.Fatal(err)
				}
				done = baseSteps
			}
			cmd, out := child(t, path, "fsize", faultEnv+"_GEN=0", fmt.Sprintf("%s_FIRST=%d", faultEnv, done),
				fmt.Sprintf("%s_FSIZE=%d", faultEnv, tc.limit))
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines, err := waitChild(t, cmd, out)
			text := strings.Join(lines, "\n")
			if err != nil || !strings.Contains(text, "child: done") && !strings.Contains(text, "open failed") {
				t.Fatalf("the child crashed (%v):\n%s", err, text)
			}
			if strings.Contains(text, "open \"rebuilding") {
				t.Errorf("the child rebuilt the index:\n%s", text)
			}
			var failed string
			for _, l := range lines {
				if strings.HasPrefix(l, "open failed") || strings.HasPrefix(l, "step failed") {
					failed = l
				}
			}
			if failed == "" {
				t.Fatalf("nothing failed under the limit:\n%s", text)
			}
			n := commits(lines)
			if n < done {
				n = done
			}
			t.Logf("%d steps written, then %s", n-done, failed)

			ix := reopen(t, path, "after the full disk")
			defer ix.Close()
			if why := holds(ix, map[int]int{0: n}); why != "" {
				t.Fatalf("after the full disk (%d steps written): %s", n, why)
			}
			// With room again, the index takes the steps that failed.
			for s := n; s < n+4; s++ {
				if err := step(context.Background(), ix, 0, s); err != nil {
					t.Fatalf("step %d with room again: %v", s, err)
				}
			}
			if why := holds(ix, map[int]int{0: n + 4}); why != "" {
				t.Fatalf("after more steps: %s", why)
			}
		})
	}
}

// TestCacheFolderUnusable opens an index where the cache folder cannot be:
// a file where the folder is expected, below /dev/full, a folder where the
// file is expected. Open returns an error (the caller runs without a
// cache) and changes nothing.
func TestCacheFolderUnusable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.db")
	if err := os.MkdirAll(filepath.Join(folder, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path string }{
		{"the cache folder is a file", Path(file, dir)},
		{"a folder on the way is a file", Path(filepath.Join(file, "newsline"), dir)},
		{"the cache folder is /dev/full", Path("/dev/full", dir)},
		{"below /dev/full", Path("/dev/full/newsline", dir)},
		{"the index is a folder", folder},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ix, notice, err := Open(context.Background(), tc.path)
			if err == nil {
				ix.Close()
				t.Fatalf("Open(%s) succeeded (notice %q)", tc.path, notice)
			}
			t.Logf("Open: %v", err)
			if b, err := os.ReadFile(file); err != nil || string(b) != "mine" {
				t.Errorf("the file in the way changed: %q, %v", b, err)
			}
			if _, err := os.Stat(filepath.Join(folder, "inside")); err != nil {
				t.Errorf("the folder in the way changed: %v", err)
			}
			if aside, _ := filepath.Glob(filepath.Join(dir, "*.broken-*")); len(aside) > 0 {
				t.Errorf("set aside: %v", aside)
			}
		})
	}
}

// TestCacheFolderNotWritable runs a newsline that may read but not write
// the cache folder and the index in it: as uid 65534 when the tests run
// as root (for whom permissions do not count), by chmod otherwise. Opening
// a new index fails with an error; an existing one either fails to open
// or fails to write, and is left as it was.
func TestCacheFolderNotWritable(t *testing.T) {
	// The folder and the test binary must be reachable by the other user.
	dir := testchild.ReachableDir(t)
	cache := filepath.Join(dir, "cache")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(cache, "existing.db")
	ix, _, err := Open(context.Background(), existing)
	if err != nil {
		t.Fatal(err)
	}
	for s := range 4 {
		if err := step(context.Background(), ix, 0, s); err != nil {
			t.Fatal(err)
		}
	}
	ix.Close()
	if err := os.Chmod(existing, 0o644); err != nil {
		t.Fatal(err)
	}
	bin, cred := testchild.AsNobody(t, dir)
	if cred == nil {
		testchild.ReadOnly(t, cache, existing)
	}
	for _, tc := range []struct{ name, path string }{
		{"new index", filepath.Join(cache, "new.db")},
		{"new folder", filepath.Join(cache, "sub", "new.db")},
		{"existing index", existing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := os.ReadFile(existing)
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "-test.run=^TestHelperWriter$", "-test.count=1", "-test.v")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), faultEnv+"="+tc.path, faultEnv+"_MODE=open", faultEnv+"_GEN=0", faultEnv+"_FIRST=4", "HOME="+dir)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
			out := testchild.Output(t, cmd)
			if err := cmd.Start(); err != nil {
				if cred != nil && testchild.Refused(err) {
					t.Skipf("the kernel does not let this process (uid %d) start one as uid 65534: %v", os.Geteuid(), err)
				}
				t.Fatal(err)
			}
			lines, err := waitChild(t, cmd, out)
			text := strings.Join(lines, "\n")
			if err != nil {
				t.Fatalf("the child crashed (%v):\n%s", err, text)
			}
			if strings.Contains(text, "commit ") {
				t.Errorf("the child wrote the index it may not write:\n%s", text)
			}
			if !strings.Contains(text, "open failed") && !strings.Contains(text, "step failed") {
				t.Errorf("neither Open nor a write failed:\n%s", text)
			}
			if strings.Contains(text, "open \"rebuilding") {
				t.Errorf("the child rebuilt an index it cannot write:\n%s", text)
			}
			for _, l := range lines {
				if strings.HasSuffix(l, "failed") || strings.Contains(l, "failed:") {
					t.Log(l)
				}
			}
			if after, err := os.ReadFile(existing); err != nil || string(after) != string(before) {
				t.Errorf("the existing index changed (%v)", err)
			}
			ix := reopen(t, existing, "after the other user")
			defer ix.Close()
			if why := holds(ix, map[int]int{0: 4}); why != "" {
				t.Errorf("after the other user: %s", why)
			}
		})
	}
}
