package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// articlePage is a news page written for these tests: a site's menu and
// footer around an article of a few paragraphs; meta is put in its head.
func articlePage(title, meta string) string {
	para := func(s string) string { return "<p>" + strings.Repeat(s+" ", 5) + "</p>\n" }
	return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>` + title + ` | The Estuary Gazette</title>
<meta property="og:site_name" content="The Estuary Gazette">` + meta + `</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>` + title + `</h1>
` + para("The evening ferry crossed the estuary again after a winter in the yard, its new deck quieter than the old one.") +
		para("Passengers lined the rail to watch the lights of the far shore come closer while the crew checked the moorings.") +
		para("The harbour master said the timetable would stay as it was until the spring tides had passed and the buoys were painted.") + `
<p>See the <a href="/timetable">timetable</a>.</p>
</article><footer>© The Estuary Gazette · <a href="/about">About</a></footer></body></html>`
}

// pageServer serves the pages save is tried on, on 127.0.0.1, and counts
// the requests.
type pageServer struct {
	*httptest.Server
	hits atomic.Int64
}

func newPageServer(t *testing.T) *pageServer {
	t.Helper()
	pages := map[string]string{
		"/ferry": articlePage("Ferry returns to the estuary",
			`<meta name="author" content="Ada Pilot"><meta property="article:published_time" content="2025-01-05T09:30:00Z">`),
		"/undated": articlePage("Buoys painted before the tides", ""),
		"/login":   `<html><head><title>Sign in</title></head><body><form action="/login"><input name="user"><input type="password" name="pw"><button>Sign in</button></form></body></html>`,
	}
	s := &pageServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		switch p := r.URL.Path; {
		case p == "/short":
			http.Redirect(w, r, "/ferry", http.StatusMovedPermanently)
		case p == "/huge": // a body past the client's cap, never ending
			w.Header().Set("Content-Type", "text/html")
			chunk := []byte(strings.Repeat("<p>more and more text</p>", 4096))
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case p == "/deep":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body>" + strings.Repeat("<div>", 100_000) + "deep" + "</body></html>"))
		case p == "/refresh": // sends the reader back to itself
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`<html><head><meta http-equiv="refresh" content="0; url=/refresh"><title>Moved</title></head><body>This page has moved.</body></html>`))
		case p == "/paper.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.7"))
		case pages[p] != "":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(pages[p]))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// closedAddress is an http address on 127.0.0.1 where nothing listens.
func closedAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/news"
}

// savedFiles returns the files of <lib>/saved, relative to lib.
func savedFiles(t *testing.T, lib string) map[string]string {
	t.Helper()
	return filesUnder(t, filepath.Join(lib, "saved"))
}

// TestSave saves a page and checks its file: the name from its date and
// title, the front matter, the article without the site around it.
func TestSave(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newPageServer(t)
	code, out, errOut := runCLI(t, "save", srv.URL+"/short", "--tag", "Ports", "-t", "To read")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := filepath.Join(lib, "saved", "2025-01-05-ferry-returns-to-the-estuary.md")
	if out != want+"\n" {
		t.Errorf("stdout %q, want %q", out, want+"\n")
	}
	content, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	got := string(content)
	for _, has := range []string{
		"title: Ferry returns to the estuary\n", "date: \"2025-01-05T09:30:00Z\"\n", "author: Ada Pilot\n",
		"url: " + srv.URL + "/ferry\n", "source: The Estuary Gazette\n", "lang: en-GB\n",
		"tags:\n    - Ports\n    - To read\n", "\nsaved: \"",
		"The evening ferry crossed the estuary", "[timetable](" + srv.URL + "/timetable)",
	} {
		if !strings.Contains(got, has) {
			t.Errorf("the file lacks %q:\n%s", has, got)
		}
	}
	for _, hasNot := range []string{"Sport", "About"} {
		if strings.Contains(got, hasNot) {
			t.Errorf("the file keeps the site's %q:\n%s", hasNot, got)
		}
	}
}

// TestSaveAgain: a page saved before is not fetched nor written again,
// asked for at either of its addresses; once its file is deleted, it is
// saved again.
func TestSaveAgain(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newPageServer(t)
	code, first, _ := runCLI(t, "save", srv.URL+"/short")
	if code != 0 {
		t.Fatalf("first save: exit %d", code)
	}
	path := strings.TrimSuffix(first, "\n")
	for _, addr := range []string{srv.URL + "/short", srv.URL + "/ferry", srv.URL + "/ferry#comments"} {
		hits := srv.hits.Load()
		code, out, errOut := runCLI(t, "save", addr)
		if code != 0 || out != first || errOut != "newsline: already saved: "+path+"\n" {
			t.Errorf("save %s again: exit %d, stdout %q, stderr %q", addr, code, out, errOut)
		}
		if addr == srv.URL+"/short" && srv.hits.Load() != hits {
			t.Errorf("save %s again fetched the page", addr)
		}
	}
	if files := savedFiles(t, lib); len(files) != 1 {
		t.Errorf("saved/ holds %d files, want 1", len(files))
	}
	os.Remove(path)
	code, out, errOut := runCLI(t, "save", srv.URL+"/short")
	if code != 0 || out != first || errOut != "" {
		t.Errorf("after the file was deleted: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("not saved again: %v", err)
	}
}

// TestSaveFails: what cannot be saved is one line naming the address and
// what to do, exit 1 (2 for a usage error), and nothing is written.
func TestSaveFails(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newPageServer(t)
	closed := closedAddress(t)
	tests := []struct {
		name string
		args []string
		code int
		want string // a pattern for the one line on stderr
	}{
		{"nothing listens", []string{closed}, 1, `^newsline: cannot save: ` + regexp.QuoteMeta(closed) + `: .+: check the address, or try again later; nothing saved$`},
		{"not found", []string{srv.URL + "/gone"}, 1, `^newsline: cannot save: .*/gone: HTTP 404 Not Found: check the address, or try again later; nothing saved$`},
		{"a login form", []string{srv.URL + "/login"}, 1, `^newsline: cannot save: .*/login: no readable article on the page \(a login page, or a list of links\?\): open it in a browser; nothing saved$`},
		{"a body without end", []string{srv.URL + "/huge"}, 1, `^newsline: cannot save: .*/huge: response too large.*; nothing saved$`},
		{"nested 100,000 deep", []string{srv.URL + "/deep"}, 1, `^newsline: cannot save: .*/deep: page nested too deeply.*; nothing saved$`},
		{"a refresh to itself", []string{srv.URL + "/refresh"}, 1, `^newsline: cannot save: .*/refresh: no readable article on the page`},
		{"not a web page", []string{srv.URL + "/paper.pdf"}, 1, `^newsline: cannot save: .*/paper.pdf: not a web page \(application/pdf\); nothing saved$`},
		{"not a web address", []string{"ferry.example/news"}, 2, `^newsline: "ferry.example/news" is not a web address: give an http or https URL$`},
		{"no address", nil, 2, `^newsline: save needs one address: newsline save URL$`},
		{"two addresses", []string{srv.URL + "/ferry", srv.URL + "/undated"}, 2, `^newsline: save needs one address`},
		{"an unknown flag", []string{"--tags", "x", srv.URL + "/ferry"}, 2, `^newsline: unknown flag: --tags`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"save"}, tt.args...)...)
			first, _, _ := strings.Cut(errOut, "\n")
			if code != tt.code || out != "" || !regexp.MustCompile(tt.want).MatchString(first) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %s", code, out, errOut, tt.code, tt.want)
			}
			if tt.code == 1 && strings.Count(errOut, "\n") != 1 {
				t.Errorf("stderr is not one line: %q", errOut)
			}
		})
	}
	if files := savedFiles(t, lib); len(files) != 0 {
		t.Errorf("saved/ holds %v", files)
	}
}

// TestSaveInto: --into saves into DIR/saved, the library untouched.
func TestSaveInto(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newPageServer(t)
	into := t.TempDir()
	code, out, errOut := runCLI(t, "save", "--into", into, srv.URL+"/ferry")
	want := filepath.Join(into, "saved", "2025-01-05-ferry-returns-to-the-estuary.md")
	if code != 0 || out != want+"\n" || errOut != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want %s", code, out, errOut, want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(lib); !os.IsNotExist(err) {
		t.Errorf("the library was made: %v", err)
	}
}

// TestSaveUndated: a page that states no date gets no date in its file,
// is named by the day it was saved, and sorts by its saved time.
func TestSaveUndated(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newPageServer(t)
	for _, p := range []string{"/undated", "/ferry"} {
		if code, _, errOut := runCLI(t, "save", srv.URL+p); code != 0 {
			t.Fatalf("save %s: exit %d, %s", p, code, errOut)
		}
	}
	var name, content string
	for n, c := range savedFiles(t, lib) {
		if strings.HasSuffix(n, "-buoys-painted-before-the-tides.md") {
			name, content = n, c
		}
	}
	saved := regexp.MustCompile(`\nsaved: "(\d{4}-\d\d-\d\d)T[^"]+"\n`).FindStringSubmatch(content)
	if saved == nil || strings.Contains(content, "\ndate:") || !strings.HasPrefix(name, saved[1]+"-") {
		t.Fatalf("%s:\n%s", name, content)
	}
	// Newest first: the page saved today before the one of January 2025,
	// dated by its saved time.
	code, out, errOut := runCLI(t, "list", filepath.Join(lib, "saved"))
	rows := lines(out)
	if code != 0 || len(rows) != 2 {
		t.Fatalf("list: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if f := strings.Split(rows[0], "\t"); len(f) < 4 || f[1] != saved[1] || f[3] != "Buoys painted before the tides" {
		t.Errorf("first row %q, want the undated page dated %s", rows[0], saved[1])
	}
}
