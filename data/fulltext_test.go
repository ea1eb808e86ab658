package data

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// textLibrary loads n files, one article each, whose words wait for
// IndexText, and returns the library with the files that wait.
func textLibrary(t *testing.T, n int) (*Library, []pendingFile, int) {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		testfs.WriteFile(t, filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), fmt.Sprintf("Story %d\n\nThe word w%dx is in it.", i, i))
	}
	lib, _ := libraryLoad(t, dir, t.TempDir())
	files, total, err := lib.pendingFiles(context.Background())
	if err != nil || total != n {
		t.Fatalf("%d articles wait (%v), want %d", total, err, n)
	}
	return lib, files, total
}

// addAll runs addTexts over files, setSize files a transaction, and
// returns what it sent; it fails the test when addTexts does not return.
func addAll(t *testing.T, files []pendingFile, total, setSize int) ([]model.Batch, error) {
	t.Helper()
	var sent []model.Batch
	done := make(chan error, 1)
	go func() {
		read := func(f pendingFile) pendingText { return readText(context.Background(), f) }
		done <- parallel(context.Background(), files, read, func(ctx context.Context, results <-chan pendingText) error {
			return addTexts(ctx, results, model.Progress{Done: true, ToIndex: total}, func(b model.Batch) { sent = append(sent, b) }, setSize)
		})
	}()
	select {
	case err := <-done:
		return sent, err
	case <-time.After(20 * time.Second):
		t.Fatal("addTexts did not return")
		return nil, nil
	}
}

func TestAddTextsWritesEverySet(t *testing.T) {
	lib, files, total := textLibrary(t, 10)
	sent, err := addAll(t, files, total, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Sets of 3, 3, 3 and the last of 1: the progress after each, rising.
	if len(sent) != 4 {
		t.Fatalf("%d batches, want 4: %+v", len(sent), sent)
	}
	for k, b := range sent {
		want := min(3*(k+1), total)
		if b.Progress.Indexed != want || b.Progress.ToIndex != total || b.Notice != "" {
			t.Errorf("batch %d: %+v, want %d of %d indexed", k, b, want, total)
		}
	}
	if _, n, err := lib.libs[0].ix.Pending(context.Background()); err != nil || n != 0 {
		t.Errorf("%d articles still wait (%v)", n, err)
	}
	found, err := lib.Search(context.Background(), "w7x")
	if err != nil || len(found) != 1 {
		t.Errorf("w7x found %d articles (%v), want 1", len(found), err)
	}
}

func TestAddTextsStopsWhenTheIndexFails(t *testing.T) {
	lib, files, total := textLibrary(t, 12)
	lib.libs[0].ix.Close() // every write fails
	// Sets of one file: the gatherer is still handing sets over when
	// the writer stops, and must not wait for it forever.
	sent, err := addAll(t, files, total, 1)
	if !errors.Is(err, errStopped) {
		t.Fatalf("error %v, want errStopped", err)
	}
	if len(sent) != 1 || !strings.HasPrefix(sent[0].Notice, "Index not updated") || sent[0].Progress.Indexing() {
		t.Errorf("sent %+v, want one notice that the index was not updated, and no more indexing", sent)
	}
}

func TestCheckSendsLargeBatchesAfterTheFirst(t *testing.T) {
	lib, _, _ := textLibrary(t, 1)
	lr := lib.libs[0]
	results := make(chan result, 3000)
	for i := range 3000 {
		rel := fmt.Sprintf("new/%04d.txt", i)
		results <- result{
			file: true,
			job:  &job{root: &lib.roots[0], rel: rel, path: rel},
			arts: []model.Article{{ID: model.NewID(rel, 0), Rel: rel, Title: "New"}},
		}
	}
	close(results)
	var sizes []int
	err := lib.apply(context.Background(), results, model.Progress{}, nil, func(b model.Batch) { sizes = append(sizes, len(b.Articles)) })
	if err != nil {
		t.Fatal(err)
	}
	// The first batch is small, for the first frame; then batches of up
	// to largeBatch, or what came in flushEvery. Batches of batchSize
	// would be 12 (each has the screen sort and count the list again).
	if len(sizes) == 0 || sizes[0] > batchSize || len(sizes) > 6 || slices.Max(sizes) > largeBatch {
		t.Errorf("batches of %v articles: want the first of at most %d, then few of at most %d", sizes, batchSize, largeBatch)
	}
	if n, err := lr.ix.Count(context.Background()); err != nil || n != 3001 {
		t.Errorf("the index holds %d articles (%v), want 3001", n, err)
	}
}
