package feed_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/data/feed"
	"github.com/newsline/newsline/model"
)

// TestArticleRoundTrip writes an item's article file and reads it back
// with the Markdown parser the collection uses.
func TestArticleRoundTrip(t *testing.T) {
	f := &feed.Feed{Title: "Harbour Gazette: \"late\" edition", Link: "https://gazette.example/"}
	items := []feed.Item{
		{
			Title: "Tides: high at 06:12 # and low", Link: "https://gazette.example/tides", GUID: "tides-1",
			Published: time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC), Author: "Ana Ferreira",
			Categories: []string{"Harbour", "weather"}, Content: `<p>Read <a href="/maps">the map</a>.</p>`,
		},
		{Title: "- yes: no", Summary: "Only a summary."},
		{Summary: "<p>No title at all.</p>"},
	}
	for _, it := range items {
		b, err := feed.Article(f, it, "https://gazette.example/feed.xml", []string{"news", "harbour"})
		if err != nil {
			t.Fatal(err)
		}
		a := parseBack(t, b)
		wantTitle := it.Title
		if wantTitle == "" {
			wantTitle = "No title at all."
		}
		if a.Title != wantTitle || a.URL != it.Link || a.Author != it.Author || a.Source != f.Title || !a.Date.Equal(it.Published) {
			t.Errorf("read back %+v\nfrom\n%s", a, b)
		}
		wantTags := append(slices.Clone(it.Categories), "news")
		if !slices.Contains(it.Categories, "Harbour") {
			wantTags = append(wantTags, "harbour")
		}
		if !slices.Equal(a.Tags, wantTags) {
			t.Errorf("tags %q, want %q", a.Tags, wantTags)
		}
		if want := feed.Markdown(it); strings.TrimSpace(a.Body) != want {
			t.Errorf("body %q, want %q", a.Body, want)
		}
		for _, field := range []string{"feed: https://gazette.example/feed.xml", "guid: " + it.GUID} {
			if it.GUID != "" && !strings.Contains(string(b), field) {
				t.Errorf("no %q in\n%s", field, b)
			}
		}
	}
}

func TestArticleTitleFromText(t *testing.T) {
	long := strings.Repeat("word ", 30)
	tests := []struct {
		it   feed.Item
		want string
	}{
		{feed.Item{Content: "<p>Just posted: <b>tide</b>\n tables</p>", Summary: "ignored"}, "Just posted: tide tables"},
		{feed.Item{Summary: "<p>" + long + "</p>"}, strings.TrimSpace(long[:79]) + "…"},
		{feed.Item{Summary: `<img src="x.png">`}, "Untitled"},
		{feed.Item{}, "Untitled"},
	}
	for _, tt := range tests {
		b, err := feed.Article(nil, tt.it, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		arts, _, err := data.Parse("a.md", b)
		if err != nil || len(arts) != 1 || arts[0].Title != tt.want {
			t.Errorf("title of %+v: %v %v, want %q", tt.it, arts, err, tt.want)
		}
	}
}

// parseBack reads an article file that feed wrote back as data does: one
// article, no problem.
func parseBack(t *testing.T, b []byte) model.Article {
	t.Helper()
	arts, probs, err := data.Parse("a.md", b)
	if err != nil || len(probs) > 0 || len(arts) != 1 {
		t.Fatalf("parse back: %v %v %d articles\n%s", err, probs, len(arts), b)
	}
	return arts[0]
}
