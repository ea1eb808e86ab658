package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// storyItem is an item of the summary-only feed the story server serves,
// and the page it links to (path "" for none).
type storyItem struct {
	title, path, pubDate, summary string
}

// storyItems are written for these tests: the feed carries only a line of
// summary; the pages the whole story. /story/pier is not there (404).
var storyItems = []storyItem{
	{"Lock gates mended", "/story/locks", "Thu, 02 Apr 2026 07:00:00 GMT", "Short summary: the gates work."},
	{"Ferry timetable changes", "/story/ferry", "", "Short summary: new times."},
	{"Pier closed for repairs", "/story/pier", "Wed, 01 Apr 2026 09:00:00 GMT", "Short summary: the pier is shut."},
	{"Notice without a page", "", "Tue, 31 Mar 2026 09:00:00 GMT", "Short summary: a notice."},
	{"Bridge lights return", "/story/bridge", "Fri, 03 Apr 2026 19:00:00 GMT", "Short summary: the lights are back."},
}

// storyPages are the article pages, by path: byline, published time (""
// for none), and a sentence the article repeats.
var storyPages = map[string][3]string{
	"/story/locks":  {"Page Writer", "2026-03-30T10:00:00Z", "The lower lock gates swung shut without a leak for the first time since the autumn floods."},
	"/story/ferry":  {"Dana Reyes", "2026-04-01T16:45:00Z", "From Monday the first ferry leaves the north quay at a quarter past six, twenty minutes earlier."},
	"/story/bridge": {"", "", "The lamps along the swing bridge were lit again at dusk after the cables were replaced."},
}

// storyServer serves the summary-only feed /summaries (the first n of
// storyItems), one item linking to a page that never answers at
// /hanging, and the pages; it counts the requests by path.
type storyServer struct {
	*httptest.Server
	mu   sync.Mutex
	n    int
	hits map[string]int
	// waiting receives a value each time /story/hang starts not answering.
	waiting chan struct{}
}

// newStoryServer starts the story server with the first n items in its
// feed; it is closed when the test ends.
func newStoryServer(t testing.TB, n int) *storyServer {
	t.Helper()
	s := &storyServer{n: n, hits: map[string]int{}, waiting: make(chan struct{}, 4)}
	hang := make(chan struct{})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, hang) }))
	t.Cleanup(func() { close(hang); s.Close() })
	return s
}

func (s *storyServer) serve(w http.ResponseWriter, r *http.Request, hang chan struct{}) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	n := s.n
	s.mu.Unlock()
	base := "http://" + r.Host
	switch p := r.URL.Path; p {
	case "/summaries":
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, storyFeed(base, "Estuary Weekly", storyItems[:n]))
	case "/hanging":
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, storyFeed(base, "Stuck Weekly", []storyItem{{"Waiting", "/story/hang", "", "Short summary: waiting."}}))
	case "/story/hang":
		hangOn(r, s.waiting, hang)
	default:
		if n, ok := strings.CutPrefix(p, "/stories/"); ok { // the benchmark's
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, manyStories(base, n, benchItems))
			return
		}
		if rest, ok := strings.CutPrefix(p, "/page/"); ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, storyPage("Bench Writer", "", "Story "+rest+" tells how the harbour master counted the boats at dawn and found one more than the day before."))
			return
		}
		page, ok := storyPages[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, storyPage(page[0], page[1], page[2]))
	}
}

// setItems shows the first n of storyItems in the feed from now on.
func (s *storyServer) setItems(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n = n
}

// count is how many requests path had.
func (s *storyServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// storyFeed is an RSS feed of items with a summary each, linking to base
// plus their path.
func storyFeed(base, title string, items []storyItem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<rss version=\"2.0\"><channel><title>%s</title>\n", title)
	for i, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><guid isPermaLink=\"false\">story-%d</guid>", it.title, i)
		if it.path != "" {
			fmt.Fprintf(&b, "<link>%s%s</link>", base, it.path)
		}
		if it.pubDate != "" {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.pubDate)
		}
		fmt.Fprintf(&b, "<description>%s</description></item>\n", it.summary)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// storyPage is a news page: navigation, the article (the sentence in
// three paragraphs), its byline and published time in meta tags.
func storyPage(byline, published, sentence string) string {
	var meta string
	if byline != "" {
		meta += `<meta name="author" content="` + byline + `">`
	}
	if published != "" {
		meta += `<meta property="article:published_time" content="` + published + `">`
	}
	para := "<p>" + strings.Repeat(sentence+" ", 4) + "</p>\n"
	return `<!doctype html><html lang="en-GB"><head><title>Estuary Weekly</title>` + meta +
		`<meta property="og:site_name" content="Estuary Weekly"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Story</h1>` + para + para + para + `</article>
<footer>Estuary Weekly, the quay</footer></body></html>`
}

// manyStories is a summary-only feed named n of count items, each linking
// to its page under base/page/.
func manyStories(base, n string, count int) string {
	items := make([]storyItem, count)
	for i := range items {
		items[i] = storyItem{fmt.Sprintf("Story %d of feed %s", i, n), fmt.Sprintf("/page/%s/%d", n, i),
			fmt.Sprintf("Tue, 10 Mar 2026 %02d:%02d:00 GMT", i/60%24, i%60), "Short summary."}
	}
	return strings.Replace(storyFeed(base, "Stories "+n, items), "<guid isPermaLink=\"false\">story-", "<guid isPermaLink=\"false\">"+n+"-", -1)
}
