package feed_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/newsline/newsline/data/feed"
	"github.com/newsline/newsline/data/web"
)

// TestFetchThenParse fetches feeds from a server on 127.0.0.1 with the
// project's client and parses them as a fetch will: the charset of the
// HTTP header reaches Parse, and a page is searched for its feed.
func TestFetchThenParse(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/latin1":
			w.Header().Set("Content-Type", "application/rss+xml; charset=ISO-8859-1")
			w.Write([]byte("<rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>Cr\xe8me</title></item></channel></rss>"))
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><head><link rel="alternate" type="application/atom+xml" href="/atom"></head></html>`))
		}
	}))
	defer srv.Close()
	c := web.New("test")
	resp, err := c.Get(context.Background(), web.Request{URL: srv.URL + "/latin1"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := feed.Parse(resp.Body, resp.Charset)
	if err != nil || f.Title != "Café" || len(f.Items) != 1 || f.Items[0].Title != "Crème" {
		t.Errorf("parsed %+v, %v", f, err)
	}
	resp, err = c.Get(context.Background(), web.Request{URL: srv.URL + "/page"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := feed.Parse(resp.Body, resp.Charset); err != feed.ErrNotFeed {
		t.Errorf("a page parsed as a feed: %v", err)
	}
	alt := feed.Discover(resp.Body, resp.URL)
	if len(alt) != 1 || alt[0].URL != srv.URL+"/atom" {
		t.Errorf("discovered %+v", alt)
	}
}
