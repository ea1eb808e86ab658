package index

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testchild"
	"github.com/newsline/newsline/model"
)

// writeAndRead applies batches of new files named prefix-N while reading
// everything back between them, as a newsline verifying its collection
// does while its user searches.
func writeAndRead(ix *Index, prefix string, batches int) error {
	ctx := context.Background()
	for b := range batches {
		var changes []FileChange
		for f := range 20 {
			rel := fmt.Sprintf("%s/%03d-%02d.txt", prefix, b, f)
			changes = append(changes, FileChange{Rel: rel, Size: 1, ModTime: 2, Articles: []model.Article{
				art(rel, 0, prefix+" harbour", "łódź council report "+prefix),
			}})
		}
		if err := ix.Apply(ctx, changes); err != nil {
			return err
		}
		if err := ix.Articles(ctx, func(model.Article) error { return nil }); err != nil {
			return err
		}
		ids, err := ix.Search(ctx, "lodz "+prefix)
		if err != nil {
			return err
		}
		if len(ids) < (b+1)*20 {
			return fmt.Errorf("%s: search found %d after %d batches", prefix, len(ids), b+1)
		}
		if _, err := ix.Files(ctx); err != nil {
			return err
		}
	}
	return nil
}

func TestTwoHandles(t *testing.T) {
	_, path := openTemp(t)
	handles := make([]*Index, 3)
	for i := range handles {
		ix, notice, err := Open(context.Background(), path)
		if err != nil || notice != "" {
			t.Fatalf("Open %d: %q, %v", i, notice, err)
		}
		defer ix.Close()
		handles[i] = ix
	}
	batches := scaled(16)
	var wg sync.WaitGroup
	errs := make([]error, len(handles))
	for i, ix := range handles {
		wg.Go(func() { errs[i] = writeAndRead(ix, fmt.Sprintf("h%d", i), batches) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("handle %d: %v", i, err)
		}
	}
	if n := len(all(t, handles[0])); n != 3*batches*20 {
		t.Errorf("%d articles, want %d", n, 3*batches*20)
	}
}

func TestCreatedAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			ix, notice, err := Open(context.Background(), path)
			if err == nil && notice != "" {
				err = errors.New("notice " + notice)
			}
			if err == nil {
				err = writeAndRead(ix, fmt.Sprintf("c%d", i), 2)
				ix.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("opener %d: %v", i, err)
		}
	}
}

// helperEnv names the index a child process of TestTwoProcesses uses.
const helperEnv = "NEWSLINE_INDEX_TEST_HELPER"

// helperBatches is how many batches each process writes; the child is
// told by the parent.
func helperBatches() int {
	if n, err := strconv.Atoi(os.Getenv(helperEnv + "_BATCHES")); err == nil {
		return n
	}
	return scaled(24)
}

// TestTwoProcesses runs this test binary again as a second newsline that
// writes and reads the same index at the same time as this one.
func TestTwoProcesses(t *testing.T) {
	ix, path := openTemp(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), helperEnv+"="+path, fmt.Sprintf("%s_BATCHES=%d", helperEnv, helperBatches()))
	lines := testchild.Output(t, cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	opened := make(chan struct{})
	output := make(chan string)
	go func() {
		var out strings.Builder
		for l := range lines {
			out.WriteString(l + "\n")
			if l == "child: open" {
				close(opened)
			}
		}
		output <- out.String()
	}()
	// Write once the child has the index open (or has failed).
	select {
	case <-opened:
	case <-time.After(10 * time.Second):
	}
	err := writeAndRead(ix, "parent", helperBatches())
	out := <-output
	if werr := cmd.Wait(); werr != nil {
		t.Errorf("child: %v\n%s", werr, out)
	}
	if err != nil {
		t.Fatalf("parent: %v", err)
	}
	if !strings.Contains(out, "child: done") {
		t.Fatalf("the child did not finish:\n%s", out)
	}
	if n := len(all(t, ix)); n != 2*helperBatches()*20 {
		t.Errorf("%d articles, want %d", n, 2*helperBatches()*20)
	}
}

// TestHelperProcess is the child of TestTwoProcesses; it does nothing in
// a normal run.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("only run by TestTwoProcesses")
	}
	ix, notice, err := Open(context.Background(), path)
	if err != nil || notice != "" {
		t.Fatalf("Open: %q, %v", notice, err)
	}
	defer ix.Close()
	fmt.Println("child: open")
	if err := writeAndRead(ix, "child", helperBatches()); err != nil {
		t.Fatal(err)
	}
	fmt.Println("child: done")
}

// TestLockedIndexIsWaitedFor holds the write lock from another connection:
// Open neither fails nor rebuilds, and Apply waits for the lock; held past
// the busy timeout, Apply fails with ErrBusy and changes nothing.
func TestLockedIndexIsWaitedFor(t *testing.T) {
	ix, path := openTemp(t)
	apply(t, ix, files(sample()))
	ix.Close()
	defer func(d time.Duration) { busyTimeout = d }(busyTimeout)
	busyTimeout = 300 * time.Millisecond

	lock := func(hold time.Duration) (release func()) {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		conn, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			select {
			case <-time.After(hold):
			case <-done:
			}
			conn.ExecContext(context.Background(), "ROLLBACK")
			conn.Close()
			db.Close()
		}()
		return func() { close(done) }
	}

	release := lock(100 * time.Millisecond)
	ix, notice, err := Open(context.Background(), path)
	if err != nil || notice != "" {
		t.Fatalf("Open of a locked index: %q, %v", notice, err)
	}
	defer ix.Close()
	if err := ix.Apply(context.Background(), []FileChange{{Rel: "new.txt", Articles: []model.Article{art("new.txt", 0, "new", "")}}}); err != nil {
		t.Errorf("Apply did not wait for the lock: %v", err)
	}
	release()

	release = lock(5 * time.Second)
	defer release()
	err = ix.Apply(context.Background(), []FileChange{{Rel: "briefs.jsonl", Deleted: true}})
	if !errors.Is(err, ErrBusy) {
		t.Errorf("Apply on an index locked too long: %v, want ErrBusy", err)
	}
	if n := len(all(t, ix)); n != len(sample())+1 {
		t.Errorf("%d articles, want %d", n, len(sample())+1)
	}
}

// TestSearchSeesOtherWriters checks that a search finds the articles
// another handle added after this one read the index, and not those it
// deleted.
func TestSearchSeesOtherWriters(t *testing.T) {
	reader, path := openTemp(t)
	apply(t, reader, files(sample()))
	all(t, reader) // learns the rowids
	writer, _, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	fresh := art("late/news.txt", 0, "Late news", "a quokka reached the harbour")
	apply(t, writer, []FileChange{{Rel: fresh.Rel, Articles: []model.Article{fresh}}})
	ids := search(t, reader, "quokka")
	if _, ok := ids[fresh.ID]; !ok || len(ids) != 1 {
		t.Errorf("search after another handle's Apply: %v, want %v", ids, fresh.ID)
	}
	if ids := search(t, reader, "harbour"); len(ids) != 2 {
		t.Errorf("harbour: %d articles, want 2", len(ids))
	}
	apply(t, writer, []FileChange{{Rel: fresh.Rel, Deleted: true}, {Rel: "world/harbour.txt", Deleted: true}})
	if ids := search(t, reader, "harbour"); len(ids) != 0 {
		t.Errorf("harbour after deletion: %v", ids)
	}
	// Replaced with the same ID (a changed file) the article is found again.
	apply(t, writer, []FileChange{{Rel: fresh.Rel, Articles: []model.Article{fresh}}})
	if ids := search(t, reader, "quok"); len(ids) != 1 {
		t.Errorf("quok after re-adding: %v", ids)
	}
}
