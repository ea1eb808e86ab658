package data

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsline/newsline/model"
)

var (
	pagesN    = flag.Int("pagesn", 1000, "saved pages of BenchmarkWarmPages")
	pageBytes = flag.Int("pagebytes", 100<<10, "bytes of each of BenchmarkWarmPages' pages")
)

// pagesFixture is a folder of *pagesN saved pages (pages/, .html) and one
// of the same articles as Markdown files (markdown/), each with its index
// built, words too: made once per test binary, removed by TestMain.
var pagesFixture struct {
	once sync.Once
	dir  string
	err  error
}

// pagesLibrary opens the library of the fixture's folder kind ("pages" or
// "markdown"), making the fixture the first time.
func pagesLibrary(b *testing.B, kind string) *Library {
	b.Helper()
	pagesFixture.once.Do(func() { pagesFixture.dir, pagesFixture.err = makePages(b) })
	if pagesFixture.err != nil {
		b.Fatal(pagesFixture.err)
	}
	dir := filepath.Join(pagesFixture.dir, kind)
	lib, _, err := OpenLibrary(b.Context(), []string{dir}, filepath.Join(pagesFixture.dir, "cache"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { lib.Close() })
	return lib
}

// makePages writes the pages and the Markdown files and indexes both.
func makePages(b *testing.B) (string, error) {
	root, err := os.MkdirTemp("", "bench-pages-")
	if err != nil {
		return "", err
	}
	benchFixtures = append(benchFixtures, &benchFixture{temp: root})
	r := rand.New(rand.NewPCG(14, 1))
	for i := range *pagesN {
		a := newPageStory(r, i)
		name := fmt.Sprintf("%04d-story", i)
		if err := writeFile(filepath.Join(root, "pages", name+".html"), a.html(r, *pageBytes)); err != nil {
			return "", err
		}
		if err := writeFile(filepath.Join(root, "markdown", name+".md"), a.markdown()); err != nil {
			return "", err
		}
	}
	for _, kind := range []string{"pages", "markdown"} {
		lib, _, err := OpenLibrary(b.Context(), []string{filepath.Join(root, kind)}, filepath.Join(root, "cache"))
		if err != nil {
			return "", err
		}
		n := 0
		err = lib.Load(b.Context(), func(batch model.Batch) { n += len(batch.Articles) })
		if err == nil {
			err = lib.IndexText(b.Context(), func(model.Batch) {})
		}
		lib.Close()
		if err == nil && n != *pagesN {
			err = fmt.Errorf("%s: %d articles of %d", kind, n, *pagesN)
		}
		if err != nil {
			return "", err
		}
	}
	return root, nil
}

func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// BenchmarkWarmPages compares a warm start of a folder of saved web pages
// (1,000 of 100 KB unless -pagesn and -pagebytes say otherwise) with one
// of the same articles as Markdown files, both indexed, words too, and
// unchanged:
//
//   - load: the whole Library.Load into a collection, the check of the
//     folder (a stat of every file) included;
//   - body: Library.Body of one article, the reader's wait: a page's from
//     the index, a Markdown file's read and parsed;
//   - pages/extract: a page parsed from its bytes, what its body would
//     cost without the index.
//
// Writing and indexing the folders is not timed (some 10 s).
//
//	go test ./data -run '^$' -bench WarmPages -count 5
func BenchmarkWarmPages(b *testing.B) {
	for _, kind := range []string{"pages", "markdown"} {
		lib := pagesLibrary(b, kind)
		b.Run(kind+"/load", func(b *testing.B) {
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				loadCollection(b, lib, *pagesN)
			}
		})
		coll := loadCollection(b, lib, *pagesN)
		a, _ := coll.Article(coll.IDs()[coll.Len()/2])
		b.Run(kind+"/body", func(b *testing.B) {
			for b.Loop() {
				if body, err := lib.Body(a); err != nil || !strings.Contains(body, " ") {
					b.Fatalf("body %.40q, %v", body, err)
				}
			}
		})
		if kind == "pages" {
			b.Run("pages/extract", func(b *testing.B) { benchExtract(b, lib, a) })
		}
	}
}

// benchExtract reads and parses a page's file: what its body would cost
// without the index.
func benchExtract(b *testing.B, lib *Library, a model.Article) {
	path, err := lib.File(a)
	if err != nil {
		b.Fatal(err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if arts, _, err := Parse(path, page); err != nil || len(arts) != 1 {
			b.Fatalf("%d articles, %v", len(arts), err)
		}
	}
}
