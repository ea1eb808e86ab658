package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testClient is a Client with small limits, for servers on 127.0.0.1.
func testClient() *Client {
	c := New("1.2.3")
	c.HeaderTimeout, c.BodyTimeout = 200*time.Millisecond, 2*time.Second
	c.MaxBody = 64 << 10
	c.Now = func() time.Time { return time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC) }
	return c
}

// serve starts a server on 127.0.0.1 that the test closes.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

const rss = `<rss version="2.0"><channel><title>T</title></channel></rss>`

func TestGet(t *testing.T) {
	var got http.Header
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/rss+xml; charset=ISO-8859-1")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sat, 05 Dec 2026 10:00:00 GMT")
		fmt.Fprint(w, rss)
	})
	resp, err := testClient().Get(context.Background(), Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != rss || resp.ContentType != "application/rss+xml" || resp.Charset != "ISO-8859-1" ||
		resp.ETag != `"v1"` || resp.LastModified != "Sat, 05 Dec 2026 10:00:00 GMT" || resp.NotModified {
		t.Errorf("response %+v", resp)
	}
	if ua := got.Get("User-Agent"); ua != "newsline/1.2.3 (+https://github.com/newsline/newsline)" {
		t.Errorf("User-Agent %q", ua)
	}
	if got.Get("If-None-Match") != "" || got.Get("If-Modified-Since") != "" {
		t.Errorf("an unconditional request sent %v", got)
	}
}

func TestConditionalGet(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Sat, 05 Dec 2026 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, rss)
	})
	resp, err := testClient().Get(context.Background(), Request{URL: srv.URL, ETag: `"v1"`, LastModified: "Sat, 05 Dec 2026 10:00:00 GMT"})
	if err != nil || !resp.NotModified || resp.Body != nil {
		t.Errorf("Get = %+v, %v; want not modified", resp, err)
	}
}

func TestGzip(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("Accept-Encoding %q", r.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, rss)
		zw.Close()
	})
	resp, err := testClient().Get(context.Background(), Request{URL: srv.URL})
	if err != nil || string(resp.Body) != rss {
		t.Errorf("Get = %+v, %v", resp, err)
	}
}

func TestRedirects(t *testing.T) {
	var srv *httptest.Server
	srv = serve(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		switch _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &n); {
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case r.URL.Path == "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case r.URL.Path == "/ftp":
			http.Redirect(w, r, "ftp://127.0.0.1/feed", http.StatusMovedPermanently)
		case err == nil && n > 0:
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
		default:
			fmt.Fprint(w, rss)
		}
	})
	tests := []struct {
		path string
		want error // nil: the feed
	}{
		{"/hop/5", nil},
		{"/hop/6", ErrTooManyHops},
		{"/loop", ErrTooManyHops},
		{"/file", ErrScheme},
		{"/ftp", ErrScheme},
	}
	for _, tt := range tests {
		resp, err := testClient().Get(context.Background(), Request{URL: srv.URL + tt.path})
		switch {
		case tt.want == nil && (err != nil || resp.URL != srv.URL+"/hop/0"):
			t.Errorf("%s: %+v, %v", tt.path, resp, err)
		case tt.want != nil && !errors.Is(err, tt.want):
			t.Errorf("%s: %v, want %v", tt.path, err, tt.want)
		case err != nil && !strings.HasPrefix(err.Error(), srv.URL+tt.path+": "):
			t.Errorf("%s: the error %q does not name the address", tt.path, err)
		}
	}
}

func TestSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/feed", "javascript:alert(1)", "/relative", "http://"} {
		_, err := testClient().Get(context.Background(), Request{URL: u})
		if !errors.Is(err, ErrScheme) {
			t.Errorf("Get(%q): %v, want ErrScheme", u, err)
		}
	}
}

func TestStatuses(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/down":
			w.Header().Set("Retry-After", "Sun, 06 Dec 2026 13:00:00 GMT")
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/busy-no-date":
			w.Header().Set("Retry-After", "soon")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	})
	now := testClient().Now()
	tests := []struct {
		path   string
		status int
		is     error
		retry  time.Time
		reason string
	}{
		{"/missing", 404, ErrStatus, time.Time{}, "HTTP 404 Not Found"},
		{"/gone", 410, ErrGone, time.Time{}, "gone (HTTP 410): the address was removed for good"},
		{"/busy", 429, ErrRetryLater, now.Add(2 * time.Minute), "HTTP 429 Too Many Requests: retry after 2026-12-06T12:02:00Z"},
		{"/down", 503, ErrRetryLater, time.Date(2026, 12, 6, 13, 0, 0, 0, time.UTC), "HTTP 503 Service Unavailable: retry after 2026-12-06T13:00:00Z"},
		{"/busy-no-date", 429, ErrRetryLater, time.Time{}, "HTTP 429 Too Many Requests"},
	}
	for _, tt := range tests {
		_, err := testClient().Get(context.Background(), Request{URL: srv.URL + tt.path})
		var e *Error
		if !errors.As(err, &e) || e.Status != tt.status || !errors.Is(err, tt.is) || !e.RetryAfter.Equal(tt.retry) {
			t.Errorf("%s: %#v", tt.path, err)
			continue
		}
		if want := srv.URL + tt.path + ": " + tt.reason; err.Error() != want {
			t.Errorf("%s: %q, want %q", tt.path, err, want)
		}
	}
}

func TestServerThatNeverAnswers(t *testing.T) {
	stop := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(stop) }) // before the server closes
	c := testClient()
	c.HeaderTimeout = 20 * time.Millisecond
	_, err := c.Get(context.Background(), Request{URL: srv.URL})
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("Get: %v, want a timeout", err)
	}
}

func TestBodyThatNeverEnds(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("<item>x</item>"), 1024)
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	_, err := testClient().Get(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, ErrTooLarge) || !strings.HasSuffix(err.Error(), "response too large: over 64 KiB") {
		t.Errorf("Get: %v, want too large", err)
	}
}

func TestSlowBodyTimesOut(t *testing.T) {
	stop := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<rss>")
		w.(http.Flusher).Flush()
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(stop) })
	c := testClient()
	c.BodyTimeout = 50 * time.Millisecond
	_, err := c.Get(context.Background(), Request{URL: srv.URL})
	if err == nil || !strings.Contains(err.Error(), "no complete response within 50ms") {
		t.Errorf("Get: %v, want the body's timeout", err)
	}
}
