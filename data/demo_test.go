package data

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

func TestDemo(t *testing.T) {
	var arts []model.Article
	var probs []model.Problem
	err := LoadFS(t.Context(), Demo(), "demo", func(b model.Batch) {
		arts = append(arts, b.Articles...)
		probs = append(probs, b.Problems...)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 40 {
		t.Errorf("demo has %d articles, want at least 40", len(arts))
	}
	for _, p := range probs {
		t.Errorf("demo problem: %s", p)
	}
	formats := map[model.Format]int{}
	for _, a := range arts {
		formats[a.Format]++
		if a.Title == "" || a.Body == "" && a.Format != model.FormatJSON {
			t.Errorf("%s#%d: title %q, %d bytes of body", a.Rel, a.Index, a.Title, len(a.Body))
		}
	}
	t.Logf("demo: %d articles by format %v", len(arts), formats)
}

// TestDemoTagsCapitalised: the demo's tags are shown as the collection's
// own spelling (an article's, before its folder's name), and every one
// that starts with a letter starts with a capital, as a reader expects of
// a sidebar.
func TestDemoTagsCapitalised(t *testing.T) {
	c := model.NewCollection()
	err := LoadFS(t.Context(), Demo(), "demo", c.Apply)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Tags()) < 12 {
		t.Fatalf("%d tags", len(c.Tags()))
	}
	for _, tag := range c.Tags() {
		if r, _ := utf8.DecodeRuneInString(tag.Name); unicode.IsLower(r) {
			t.Errorf("tag %q is not capitalised like the others", tag.Name)
		}
	}
}
