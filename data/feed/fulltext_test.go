package feed_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data/feed"
)

// TestFullArticle: an item of a full-text feed keeps the feed's title,
// link, guid and categories; the page gives the body and its language,
// and its byline and date only where the feed has none.
func TestFullArticle(t *testing.T) {
	f := &feed.Feed{Title: "Estuary Weekly"}
	feedDay := time.Date(2026, 4, 2, 7, 0, 0, 0, time.UTC)
	pageDay := time.Date(2026, 4, 1, 18, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	page := feed.Page{Markdown: "The whole story of the lock gates, **in full**.", Author: "Page Byline", Lang: "en-GB", Published: pageDay}
	tests := []struct {
		name       string
		item       feed.Item
		page       feed.Page
		wantAuthor string
		wantDate   time.Time
	}{
		{"the feed's author and date win",
			feed.Item{Title: "Lock gates mended", Link: "https://weekly.example/locks", GUID: "w-7", Author: "Feed Author", Published: feedDay, Categories: []string{"Canals"}, Summary: "Gates mended."},
			page, "Feed Author", feedDay},
		{"the page fills in what the feed lacks",
			feed.Item{Title: "Lock gates mended", Link: "https://weekly.example/locks", GUID: "w-7", Categories: []string{"Canals"}, Summary: "Gates mended."},
			page, "Page Byline", pageDay.UTC()},
		{"an updated item is dated by the feed",
			feed.Item{Title: "Lock gates mended", Link: "https://weekly.example/locks", GUID: "w-7", Updated: feedDay, Categories: []string{"Canals"}},
			page, "Page Byline", feedDay},
		{"neither dates it",
			feed.Item{Title: "Lock gates mended", Link: "https://weekly.example/locks", GUID: "w-7", Categories: []string{"Canals"}},
			feed.Page{Markdown: page.Markdown}, "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := feed.FullArticle(f, tt.item, "https://weekly.example/rss", []string{"News"}, tt.page)
			if err != nil {
				t.Fatal(err)
			}
			a := parseBack(t, b)
			if a.Title != "Lock gates mended" || a.URL != "https://weekly.example/locks" || a.Source != "Estuary Weekly" ||
				a.Author != tt.wantAuthor || !a.Date.Equal(tt.wantDate) || strings.Join(a.Tags, ",") != "Canals,News" {
				t.Errorf("read back %+v\nfrom\n%s", a, b)
			}
			if strings.TrimSpace(a.Body) != tt.page.Markdown {
				t.Errorf("body %q, want the page's", a.Body)
			}
			for _, field := range []string{"guid: w-7\n", "feed: https://weekly.example/rss\n"} {
				if !strings.Contains(string(b), field) {
					t.Errorf("no %q in\n%s", field, b)
				}
			}
			if (tt.page.Lang != "") != strings.Contains(string(b), "lang: en-GB\n") {
				t.Errorf("lang not as the page's %q:\n%s", tt.page.Lang, b)
			}
		})
	}
}
