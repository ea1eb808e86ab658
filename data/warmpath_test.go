package data

import (
	"testing"

	"github.com/newsline/newsline/model"
)

// TestWarmPathsAsDisplayPath checks the paths a warm start builds a batch
// at a time against displayPath, sanitized, one at a time: roots written
// every way a user may write them, and rels clean and not.
func TestWarmPathsAsDisplayPath(t *testing.T) {
	roots := []root{
		{display: "/tmp/news"}, {display: "/tmp/news/"}, {display: "news"}, {display: "./news/../news"},
		{display: "."}, {display: ""}, {display: "/"}, {display: "/tmp/n\x1bews\t"}, {display: "/tmp/a.json", file: true},
	}
	rels := []string{"a.txt", "sub/b.md", "x/../c.txt", "./d.txt", "../up.txt", "..", "e\x07f.txt", "g//h.txt", "日本/記事.txt", ""}
	for _, r := range roots {
		arts := make([]model.Article, len(rels))
		for i, rel := range rels {
			arts[i].Rel = rel
		}
		m := pathMaker{root: &r}
		m.set(arts[:3]) // two batches, as a warm start sends them
		m.set(arts[3:])
		for i, rel := range rels {
			if want := model.SanitizeLine(displayPath(&r, rel)); arts[i].Path != want {
				t.Errorf("root %q, rel %q: path %q, want %q", r.display, rel, arts[i].Path, want)
			}
		}
	}
}
