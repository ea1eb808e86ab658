package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

var benchWords = strings.Fields("harbour council market river science école budget festival railway storm garden museum energy Łódź minister report weather")

// genArticle writes article i of a deterministic collection in the
// plain-text shape, with 3–15 paragraphs (about 5 KB on average).
func genArticle(i int) string {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	words := func(n int) string {
		w := make([]string, n)
		for k := range w {
			w[k] = benchWords[r.IntN(len(benchWords))]
		}
		return strings.Join(w, " ")
	}
	title := fmt.Sprintf("%s %d", words(6), i)
	date := time.Date(2021, 7, 15, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -i)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n\u00a0%s\u00a0\u00a0\u00a0\u00a0 Read: %d\n%s\n\n", title, date.Format("2 January 2006"), r.IntN(5000), title)
	for range 3 + r.IntN(13) {
		b.WriteString(words(40 + r.IntN(60)))
		b.WriteString(".\n\n")
	}
	fmt.Fprintf(&b, "\nMore about: #%s \u00a0 #%s \u00a0\n\n\nNews Line", words(1), words(1))
	return b.String()
}

// genCollection writes n articles into dir, 100 to a folder.
func genCollection(tb testing.TB, dir string, n int) {
	for i := range n {
		testfs.WriteFile(tb, filepath.Join(dir, fmt.Sprintf("f%02d", i/100), fmt.Sprintf("%06d.txt", i)), genArticle(i))
	}
}

func BenchmarkParseText(b *testing.B) {
	text := []byte(genArticle(1))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, _, err := Parse("a.txt", text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad2000(b *testing.B) {
	dir := b.TempDir()
	genCollection(b, dir, 2000)
	for b.Loop() {
		n := 0
		err := Load(b.Context(), []string{dir}, func(batch model.Batch) { n += len(batch.Articles) })
		if err != nil || n != 2000 {
			b.Fatalf("%d articles, %v", n, err)
		}
	}
}

// BenchmarkLibraryLoad2000 loads 2,000 files through an index: cold (a new
// index, then IndexText) and warm (every file unchanged: the warm start and
// the check, which reads no file).
func BenchmarkLibraryLoad2000(b *testing.B) {
	dir := b.TempDir()
	genCollection(b, dir, 2000)
	load := func(b *testing.B, lib *Library) {
		n := 0
		err := lib.Load(b.Context(), func(batch model.Batch) { n += len(batch.Articles) })
		if err != nil || n != 2000 {
			b.Fatalf("%d articles, %v", n, err)
		}
	}
	open := func(b *testing.B, cache string) *Library {
		lib, _, err := OpenLibrary(b.Context(), []string{dir}, cache)
		if err != nil {
			b.Fatal(err)
		}
		return lib
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			lib := open(b, b.TempDir())
			load(b, lib)
			if err := lib.IndexText(b.Context(), func(model.Batch) {}); err != nil {
				b.Fatal(err)
			}
			lib.Close()
		}
	})
	b.Run("warm", func(b *testing.B) {
		lib := open(b, b.TempDir())
		defer lib.Close()
		load(b, lib)
		for b.Loop() {
			load(b, lib)
		}
	})
}

// BenchmarkBodyOfRecord reads the body of one record of a JSON Lines file
// of 2,500 records (about 12 MB), as the reader does when it opens that
// article: by its span (the index's way), and by parsing the whole file.
func BenchmarkBodyOfRecord(b *testing.B) {
	dir := b.TempDir()
	var lines []string
	for i := range 2_500 {
		lines = append(lines, fmt.Sprintf(`{"title": "Record %d", "tags": ["a", "b"], "body": %q}`, i, genArticle(i)))
	}
	path := filepath.Join(dir, "feed.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		b.Fatal(err)
	}
	arts, _, err := ParseJSONL(path, strings.Join(lines, "\n"))
	if err != nil {
		b.Fatal(err)
	}
	a := arts[len(arts)/2]
	a.Path = path
	lib := &Library{}
	b.Run("span", func(b *testing.B) {
		for b.Loop() {
			if _, err := lib.Body(a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("whole-file", func(b *testing.B) {
		a := a
		a.Length = 0
		for b.Loop() {
			if _, err := lib.Body(a); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSearchWhileIndexing searches a JSON Lines file of 20,000 short
// records whose words are not in the index yet (after Load, before
// IndexText): the search scans the file, matching records by position.
func BenchmarkSearchWhileIndexing(b *testing.B) {
	dir := b.TempDir()
	var lines []string
	for i := range 20_000 {
		lines = append(lines, fmt.Sprintf(`{"title": "Record %d", "body": "The harbour of record %d."}`, i, i))
	}
	testfs.WriteFile(b, filepath.Join(dir, "feed.jsonl"), strings.Join(lines, "\n"))
	lib, _ := libraryLoad(b, dir, b.TempDir())
	for b.Loop() {
		if ids, err := lib.Search(context.Background(), "harb"); err != nil || len(ids) != 20_000 {
			b.Fatalf("%d found, %v", len(ids), err)
		}
	}
}
