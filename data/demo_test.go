package data

import (
	"testing"

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
