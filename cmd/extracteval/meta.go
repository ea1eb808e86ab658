package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsline/newsline/data/page"
)

// expectedMeta is a go-readability test page's expected-metadata.json:
// the title and published time Readability.js gives the page.
type expectedMeta struct {
	Title         string `json:"title"`
	PublishedTime string `json:"publishedTime"`
}

// runMeta compares page.Extract's titles and published dates with the
// expected metadata of go-readability's test pages (DIR/*/source.html and
// expected-metadata.json; they come with the module, in
// $(go env GOMODCACHE)/codeberg.org/readeck/go-readability/v2@VERSION/test-pages).
// Those are Readability's answers, not a ground truth: a title without
// its "| Site" part, which Extract gives on purpose, differs from them, so
// every difference is listed to be judged.
func runMeta(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var titles, titlesSame, dates, datesSame, datesMore int
	for _, e := range ents {
		src, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		var want expectedMeta
		if b, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected-metadata.json")); err == nil {
			_ = json.Unmarshal(b, &want)
		}
		a, err := page.Extract(src, "", "http://fakehost/test/page.html")
		if want.Title != "" {
			titles++
			if err == nil && strings.Join(strings.Fields(a.Title), " ") == strings.Join(strings.Fields(want.Title), " ") {
				titlesSame++
			} else {
				fmt.Printf("title %s: Readability %q, Extract %q (%v)\n", e.Name(), want.Title, a.Title, err)
			}
		}
		switch {
		case len(want.PublishedTime) >= 10:
			dates++
			if err == nil && !a.Published.IsZero() && a.Published.Format("2006-01-02") == want.PublishedTime[:10] {
				datesSame++
			} else {
				fmt.Printf("date %s: Readability %s, Extract %v (%v)\n", e.Name(), want.PublishedTime, a.Published, err)
			}
		case err == nil && !a.Published.IsZero():
			datesMore++
			fmt.Printf("date %s: Readability none, Extract %s\n", e.Name(), a.Published.Format("2006-01-02"))
		}
	}
	fmt.Printf("titles as Readability's: %d of %d; dates as Readability's: %d of %d; dates where Readability has none: %d\n",
		titlesSame, titles, datesSame, dates, datesMore)
	return nil
}
