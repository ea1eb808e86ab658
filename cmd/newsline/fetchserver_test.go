package main

import (
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsline/newsline/data/web"
	"github.com/newsline/newsline/internal/testfs"
)

// The feeds the test server serves, written for these tests.
const (
	rssCDATA = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Harbour reopens</title><link>https://gazette.example/harbour</link><guid>gazette-1</guid>
<pubDate>Thu, 12 Mar 2026 08:00:00 GMT</pubDate><category>Ports</category>
<description><![CDATA[<p>The port <b>opened</b> again. <a href="/ferries">Ferries</a> ran.</p>]]></description></item>
<item><title>Tide tables printed</title><link>https://gazette.example/tides</link><guid>gazette-2</guid>
<pubDate>Wed, 11 Mar 2026 08:00:00 GMT</pubDate><description>Printed on paper.</description></item>
</channel></rss>`
	atomRelative = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://comets.example/blog/"><title>Comet Notes</title>
<entry><title>A comet named after a cat</title><id>urn:comet:1</id><link href="posts/whiskers"/>
<updated>2026-03-10T20:00:00Z</updated><content type="html">&lt;p&gt;See &lt;a href="images/tail.html"&gt;the tail&lt;/a&gt;.&lt;/p&gt;</content></entry>
</feed>`
	jsonFeedDoc = `{"version":"https://jsonfeed.org/version/1.1","title":"Velmora Daily","items":[
{"id":"v-1","url":"https://velmora.example/bridge","title":"A new bridge","date_published":"2026-03-09T07:00:00Z","tags":["Building"],"content_html":"<p>Stone on stone.</p>"}]}`
	bareItems = `<rss version="2.0"><channel><title>Bare</title>
<item><description>Only a description, no title, date, link or guid.</description></item>
</channel></rss>`
	latin1Feed = "<rss version=\"2.0\"><channel><title>Caf\xe9 Notes</title><item><title>Cr\xe8me br\xfbl\xe9e</title><guid>c-1</guid>" +
		"<pubDate>Mon, 09 Mar 2026 10:00:00 GMT</pubDate><description>Sucr\xe9.</description></item></channel></rss>"
	pageWithFeed = `<!doctype html><html><head><title>Comets</title>
<link rel="alternate" type="application/atom+xml" title="Comet Notes" href="/atom"></head><body>Hello</body></html>`
	pageTwoFeeds = `<html><head><link rel="alternate" type="application/rss+xml" href="/missing">
<link rel="alternate" type="application/feed+json" title="Daily" href="/json"></head></html>`
	pageWithout = `<!doctype html><html><head><title>Nothing</title></head><body>No feed here.</body></html>`
)

// feedServer is a server on 127.0.0.1 with a feed, page or failure at
// each path; it answers If-None-Match with 304 and counts the requests.
type feedServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int // full responses (not 304) by path
	mods map[string]int // 304s by path
	// waiting receives a value each time /hang starts not answering.
	waiting chan struct{}
}

// newFeedServer starts the test server; it is closed when the test ends.
func newFeedServer(t testing.TB) *feedServer {
	t.Helper()
	s := &feedServer{hits: map[string]int{}, mods: map[string]int{}, waiting: make(chan struct{}, 16)}
	hang := make(chan struct{})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serve(w, r, hang)
	}))
	t.Cleanup(func() { close(hang); s.Close() })
	return s
}

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request, hang chan struct{}) {
	body, ctype := "", "application/rss+xml"
	switch p := r.URL.Path; p {
	case "/rss":
		body = rssCDATA
	case "/atom":
		body, ctype = atomRelative, "application/atom+xml"
	case "/json":
		body, ctype = jsonFeedDoc, "application/feed+json"
	case "/bare":
		body = bareItems
	case "/latin1":
		body, ctype = latin1Feed, "application/rss+xml; charset=ISO-8859-1"
	case "/page":
		body, ctype = pageWithFeed, "text/html; charset=utf-8"
	case "/evil": // JSON allows the escapes XML forbids
		body, ctype = `{"version":"https://jsonfeed.org/version/1.1","title":"Evil\u001b[2J \u202ered\u009b31m","items":[`+
			`{"id":"e\u001b1","title":"Bad \u001b]8;;https://x.example\u0007link","content_html":"<p>\u001b[31mred</p>"}]}`, "application/feed+json"
	case "/page2":
		body, ctype = pageTwoFeeds, "text/html; charset=utf-8"
	case "/nofeed":
		body, ctype = pageWithout, "text/html; charset=utf-8"
	case "/hop1", "/hop2":
		http.Redirect(w, r, map[string]string{"/hop1": "/hop2", "/hop2": "/rss"}[p], http.StatusFound)
		return
	case "/missing":
		http.NotFound(w, r)
		return
	case "/gone":
		s.count(s.hits, p)
		w.WriteHeader(http.StatusGone)
		return
	case "/busy":
		s.count(s.hits, p)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	case "/hang":
		hangOn(r, s.waiting, hang)
		return
	case "/gzip":
		s.writeGzip(w, r)
		return
	default:
		if n, ok := strings.CutPrefix(p, "/many/"); ok {
			body = manyItems(n, 50)
			break
		}
		http.NotFound(w, r)
		return
	}
	s.write(w, r, body, ctype)
}

// write answers with body, or 304 when the client has it (its ETag).
func (s *feedServer) write(w http.ResponseWriter, r *http.Request, body, ctype string) {
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(body)))
	if r.Header.Get("If-None-Match") == etag {
		s.count(s.mods, r.URL.Path)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.count(s.hits, r.URL.Path)
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", ctype)
	w.Write([]byte(body))
}

// writeGzip answers with a gzip-encoded feed, when the client accepts it.
func (s *feedServer) writeGzip(w http.ResponseWriter, r *http.Request) {
	s.count(s.hits, r.URL.Path)
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		http.Error(w, "gzip only", http.StatusNotAcceptable)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Header().Set("Content-Encoding", "gzip")
	zw := gzip.NewWriter(w)
	zw.Write([]byte(`<rss version="2.0"><channel><title>Packed</title><item><title>Squeezed news</title><guid>z-1</guid><description>Small.</description></item></channel></rss>`))
	zw.Close()
}

func (s *feedServer) count(m map[string]int, path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m[path]++
}

// counts returns the full responses and the 304s served at path.
func (s *feedServer) counts(path string) (hits, mods int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path], s.mods[path]
}

// manyItems is an RSS feed named n of count items, each with a paragraph.
func manyItems(n string, count int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<rss version=\"2.0\"><channel><title>Feed %s</title>\n", n)
	for i := range count {
		fmt.Fprintf(&b, "<item><title>Story %d of feed %s</title><link>https://many.example/%s/%d</link><guid>%s-%d</guid>"+
			"<pubDate>Tue, 10 Mar 2026 %02d:%02d:00 GMT</pubDate><description><![CDATA[<p>Paragraph %d with <em>some</em> words about the harbour.</p>]]></description></item>\n",
			i, n, n, i, n, i, i/60%24, i%60, i)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// fetchEnv gives the test its own configuration, data and state folders
// and a client with tiny timeouts, and returns the library's path and the
// state folder.
func fetchEnv(t *testing.T) (lib, stateDir string) {
	t.Helper()
	_, lib = libraryEnv(t)
	stateHome := t.TempDir()
	t.Setenv("XDG_STATE_HOME", stateHome)
	old := webClient
	webClient = func() *web.Client {
		c := web.New("test")
		c.HeaderTimeout, c.BodyTimeout = 300*time.Millisecond, time.Second
		return c
	}
	t.Cleanup(func() { webClient = old })
	return lib, filepath.Join(stateHome, "newsline")
}

// subscribe writes an OPML file of the server's paths, named by name
// (with the tag "Test" on each), and imports it.
func subscribe(t *testing.T, srv *feedServer, feeds ...[2]string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<opml version="2.0"><body><outline text="Test">`)
	for _, f := range feeds {
		fmt.Fprintf(&b, `<outline text=%q xmlUrl="%s%s"/>`, f[0], srv.URL, f[1])
	}
	b.WriteString(`</outline></body></opml>`)
	in := testfs.WriteFile(t, filepath.Join(t.TempDir(), "subs.opml"), b.String())
	if code, _, errOut := runCLI(t, "feed", "import", in); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
}

// filesUnder returns the files under dir, relative, with their content.
func filesUnder(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return got
}

// hangOn is a request the server never answers while the test runs: it
// tells waiting (when there is room) that a request hangs, then waits for
// hang to close or the request to end.
func hangOn(r *http.Request, waiting chan<- struct{}, hang <-chan struct{}) {
	select {
	case waiting <- struct{}{}:
	default:
	}
	select {
	case <-hang:
	case <-r.Context().Done():
	}
}
