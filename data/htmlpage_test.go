package data

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsline/newsline/data/page"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// readPage reads a page of testdata/pages.
func readPage(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParsePage(t *testing.T) {
	tests := []struct {
		file                  string
		title, author, source string
		date                  time.Time
		word                  string // in the body
		problem               string // the start of the one problem, if any
		err                   string // the start of the error, if any
	}{
		{file: "harbour.html", title: "Harbour wall repaired before the autumn storms", author: "Ines Marlow",
			source: "The Saltmarsh Courier", date: time.Date(2025, 9, 14, 8, 30, 0, 0, time.UTC), word: "capstones"},
		{file: "ferry.htm", title: "Night ferry timetable extended", word: "bicycles"}, // undated: no date invented
		{file: "KEEPER.HTML", title: "Lighthouse keeper retires", word: "headland"},
		{file: "latin.html", title: "Café reopens on the square", word: "crème brûlée",
			problem: "no charset declared: read as windows-1252"},
		{file: "login.html", err: "no readable article"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			arts, probs, err := Parse(tt.file, readPage(t, tt.file))
			checkArticles(t, arts, probs)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) || len(arts) != 0 {
					t.Fatalf("got %d articles, error %v; want the error %q", len(arts), err, tt.err)
				}
				return
			}
			if err != nil || len(arts) != 1 {
				t.Fatalf("got %d articles, error %v", len(arts), err)
			}
			a := arts[0]
			if a.Title != tt.title || a.Author != tt.author || a.Source != tt.source || !a.Date.Equal(tt.date) ||
				a.URL != "" || a.Format != model.FormatMarkdown || a.Reads != model.NoReads {
				t.Errorf("got %q by %q of %q on %v (url %q, format %v)", a.Title, a.Author, a.Source, a.Date, a.URL, a.Format)
			}
			if !strings.Contains(a.Body, tt.word) {
				t.Errorf("body lacks %q:\n%s", tt.word, a.Body)
			}
			switch {
			case tt.problem == "" && len(probs) > 0:
				t.Errorf("problems %v, want none", probs)
			case tt.problem != "" && (len(probs) != 1 || !strings.HasPrefix(probs[0].Reason, tt.problem) || !probs[0].Loaded):
				t.Errorf("problems %v, want one loaded: %q", probs, tt.problem)
			}
		})
	}
}

func TestParsePageRefuses(t *testing.T) {
	tests := []struct {
		name string
		page []byte
		err  string
	}{
		{"empty", []byte(" \n\t"), "empty file"},
		{"binary", append([]byte("<html>\x00\x01"), readPage(t, "ferry.htm")...), reasonBinary},
		{"too large", append(readPage(t, "ferry.htm"), make([]byte, page.MaxSize)...), reasonPageLarge},
		{"links only", []byte(`<html><body><ul><li><a href="/a">Town</a></li><li><a href="/b">Sea</a></li></ul></body></html>`), reasonNoArticle},
	}
	for _, tt := range tests {
		arts, _, err := ParsePage("a.html", tt.page)
		if len(arts) != 0 || err == nil || err.Error() != tt.err {
			t.Errorf("%s: %d articles, error %v; want %q", tt.name, len(arts), err, tt.err)
		}
	}
}

// countExtractions counts the calls of extractPage until the test ends.
func countExtractions(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	t.Cleanup(func() { extractPage = page.Extract })
	extractPage = func(body []byte, contentType, pageURL string) (page.Article, error) {
		n.Add(1)
		return page.Extract(body, contentType, pageURL)
	}
	return &n
}

// pageFolder is a folder of every test page and a Markdown file.
func pageFolder(t *testing.T) string {
	dir := t.TempDir()
	for _, name := range []string{"harbour.html", "ferry.htm", "KEEPER.HTML", "latin.html", "login.html"} {
		testfs.WriteFile(t, filepath.Join(dir, "saved", name), string(readPage(t, name)))
	}
	testfs.WriteFile(t, filepath.Join(dir, "notes.md"), "---\ntitle: Allotment notes\n---\nThe beans are up.\n")
	return dir
}

func TestLibraryReadsPages(t *testing.T) {
	dir := pageFolder(t)
	lib, batches := libraryLoad(t, dir, t.TempDir())
	c := collect(batches)
	got := titlesOf(c)
	slices.Sort(got)
	want := []string{"Allotment notes", "Café reopens on the square", "Harbour wall repaired before the autumn storms",
		"Lighthouse keeper retires", "Night ferry timetable extended"}
	if !slices.Equal(got, want) {
		t.Fatalf("titles %q, want %q", got, want)
	}
	var probs []string
	for _, p := range c.Problems() {
		probs = append(probs, filepath.Base(p.Path)+": "+p.Reason)
	}
	slices.Sort(probs)
	wantProbs := []string{
		"latin.html: no charset declared: read as windows-1252 (add <meta charset> to the page if its accents look wrong)",
		"login.html: " + reasonNoArticle,
	}
	if !slices.Equal(probs, wantProbs) {
		t.Errorf("problems %q, want %q", probs, wantProbs)
	}
	for _, id := range c.IDs() {
		a, _ := c.Article(id)
		if !slices.Equal(a.FolderTags, []string{"saved"}) && a.Title != "Allotment notes" {
			t.Errorf("%s: folder tags %q", a.Title, a.FolderTags)
		}
	}
	// A word only in a page's body is found before its words are indexed
	// (search reads the stored body) and after.
	for _, when := range []string{"before IndexText", "after IndexText"} {
		found, err := lib.Search(context.Background(), "capstones")
		if err != nil || len(found) != 1 {
			t.Errorf("%s: search found %v (%v), want the harbour page", when, found, err)
		}
		if err := lib.IndexText(context.Background(), func(model.Batch) {}); err != nil {
			t.Fatal(err)
		}
	}
}

// pageArticle returns the article of the collection with the title.
func pageArticle(t *testing.T, c *model.Collection, title string) model.Article {
	t.Helper()
	for _, id := range c.IDs() {
		if a, _ := c.Article(id); a.Title == title {
			return a
		}
	}
	t.Fatalf("no article %q", title)
	return model.Article{}
}

func TestLibraryExtractsAPageOnce(t *testing.T) {
	dir, cache := pageFolder(t), t.TempDir()
	extractions := countExtractions(t)
	lib, batches := libraryLoad(t, dir, cache)
	if n := extractions.Load(); n != 5 {
		t.Fatalf("the first load extracted %d pages, want 5", n)
	}
	ctx := context.Background()
	if err := lib.IndexText(ctx, func(model.Batch) {}); err != nil {
		t.Fatal(err)
	}
	if found, err := lib.Search(ctx, `"lime mortar"`); err != nil || len(found) != 1 {
		t.Errorf("phrase search found %v (%v)", found, err) // the phrase is confirmed on the body
	}
	harbour := pageArticle(t, collect(batches), "Harbour wall repaired before the autumn storms")
	body, err := lib.Body(harbour)
	if err != nil || !strings.Contains(body, "capstones") {
		t.Fatalf("body %q (%v)", body, err)
	}
	if n := extractions.Load(); n != 5 {
		t.Errorf("full text, search and the body extracted %d pages more, want none", n-5)
	}

	// A warm start extracts nothing; a changed page is extracted again,
	// once, by the reader and by the next check.
	lib.Close()
	_, warm := libraryLoad(t, dir, cache)
	if n := extractions.Load(); n != 5 {
		t.Errorf("the warm start extracted %d pages", n-5)
	}
	path := filepath.Join(dir, "saved", "harbour.html")
	changed := strings.Replace(string(readPage(t, "harbour.html")), "capstones", "copingstones", 1)
	testfs.WriteFile(t, path, changed)
	later := time.Now().Add(time.Minute)
	os.Chtimes(path, later, later)
	lib3, _ := libraryLoad(t, dir, cache)
	if n := extractions.Load(); n != 6 {
		t.Errorf("the check of a changed page extracted %d pages, want 1", n-5)
	}
	harbour = pageArticle(t, collect(warm), "Harbour wall repaired before the autumn storms")
	if body, err := lib3.Body(harbour); err != nil || !strings.Contains(body, "copingstones") {
		t.Errorf("body of the changed page %q (%v)", body, err)
	}
	if n := extractions.Load(); n != 6 {
		t.Errorf("the body of a re-indexed page extracted %d pages, want none", n-6)
	}
	testfs.WriteFile(t, path, strings.Replace(changed, "copingstones", "kerbstones", 1))
	os.Chtimes(path, later.Add(time.Minute), later.Add(time.Minute))
	if body, err := lib3.Body(harbour); err != nil || !strings.Contains(body, "kerbstones") {
		t.Errorf("body of a page changed since the check %q (%v)", body, err)
	}
	if n := extractions.Load(); n != 7 {
		t.Errorf("the body of a page changed since the check extracted %d pages, want 1", n-6)
	}
}

// TestWatchNewPage: the folder watch reads a web page saved into the
// folder, in any case of its extension.
func TestWatchNewPage(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.txt"), "First story\n\nText.")
	w := startWatch(t, dir, testWatch)
	testfs.WriteFile(t, filepath.Join(dir, "Keeper.Htm"), string(readPage(t, "KEEPER.HTML")))
	w.waitFor("the page's article", hasTitle(model.NewID("Keeper.Htm", 0), "Lighthouse keeper retires"))
}

// TestLibraryReadFilesReadsPages: R's ReadFiles reads a page a fetch
// wrote, without its body, and its problem.
func TestLibraryReadFilesReadsPages(t *testing.T) {
	dir := t.TempDir()
	lib, _ := libraryLoad(t, dir, t.TempDir())
	ferry, login := filepath.Join(dir, "ferry.htm"), filepath.Join(dir, "login.html")
	testfs.WriteFile(t, ferry, string(readPage(t, "ferry.htm")))
	testfs.WriteFile(t, login, string(readPage(t, "login.html")))
	var got []model.Batch
	if err := lib.ReadFiles(context.Background(), []string{ferry, login}, func(b model.Batch) { got = append(got, b) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Articles) != 1 || len(got[0].Problems) != 1 {
		t.Fatalf("batches %+v", got)
	}
	if a := got[0].Articles[0]; a.Title != "Night ferry timetable extended" || a.Body != "" || a.Path != ferry {
		t.Errorf("article %+v", a)
	}
	if p := got[0].Problems[0]; p.Path != login || p.Reason != reasonNoArticle || p.Loaded {
		t.Errorf("problem %+v", p)
	}
}
