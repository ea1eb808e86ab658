package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsline/newsline/data/subs"
)

// TestFeedAdd subscribes to feeds and pages served from 127.0.0.1, one
// step after another: a feed, a page that links to one, the same feed
// again, a name taken, and addresses with no feed (nothing added).
func TestFeedAdd(t *testing.T) {
	fetchEnv(t)
	opml := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "newsline", subs.FileName)
	srv := newFeedServer(t)
	u := srv.URL
	steps := []struct {
		args []string
		code int
		err  string // stderr, SRV for the server's address
		list string // feed list's name, URL and tags columns after it
	}{
		{[]string{u + "/rss", "--tag", "News"}, 0, "newsline: subscribed to Harbour Gazette (SRV/rss): newsline fetch saves its items\n",
			"Harbour Gazette\tSRV/rss\tNews"},
		{[]string{u + "/page"}, 0, "newsline: SRV/page is a web page; chose the feed it links to: Comet Notes (SRV/atom)\n" +
			"newsline: subscribed to Comet Notes (SRV/atom): newsline fetch saves its items\n",
			"Comet Notes\tSRV/atom\t\nHarbour Gazette\tSRV/rss\tNews"}, // untagged feeds first in the file
		{[]string{strings.Replace(u, "http:", "HTTP:", 1) + "/rss"}, 0, "newsline: already subscribed to Harbour Gazette (SRV/rss)\n", ""},
		{[]string{u + "/page", "--name", "Other"}, 0, "newsline: SRV/page is a web page; chose the feed it links to: Comet Notes (SRV/atom)\n" +
			"newsline: already subscribed to Comet Notes (SRV/atom)\n", ""},
		{[]string{u + "/json", "--name", "Harbour Gazette", "-t", "A", "-t", "B"}, 0,
			"newsline: subscribed to Harbour Gazette (2) (SRV/json): newsline fetch saves its items\n",
			"Comet Notes\tSRV/atom\t\nHarbour Gazette\tSRV/rss\tNews\nHarbour Gazette (2)\tSRV/json\tA, B"},
		{[]string{u + "/page2"}, 0, "newsline: SRV/page2 is a web page; chose the feed it links to: Velmora Daily (SRV/json)\n" +
			"newsline: already subscribed to Harbour Gazette (2) (SRV/json)\n", ""}, // the first link is a 404
		{[]string{u + "/nofeed"}, 1, "newsline: cannot subscribe: SRV/nofeed is not a feed and links to none (no <link rel=\"alternate\">): give the feed's address; nothing added\n", ""},
		{[]string{u + "/missing"}, 1, "newsline: cannot subscribe: SRV/missing: HTTP 404 Not Found; nothing added\n", ""},
		{[]string{"ftp://example.org/feed"}, 2, "newsline: \"ftp://example.org/feed\" is not a web address: give an http or https URL\n", ""},
		{nil, 2, "newsline: feed add needs one address: newsline feed add URL\n", ""},
	}
	var list string
	for _, s := range steps {
		before, _ := os.ReadFile(opml)
		code, out, errOut := runCLI(t, append([]string{"feed", "add"}, s.args...)...)
		if want := strings.ReplaceAll(s.err, "SRV", u); code != s.code || out != "" || errOut != want {
			t.Errorf("feed add %q: exit %d, stdout %q\nstderr %q\nwant   %q", s.args, code, out, errOut, want)
		}
		after, _ := os.ReadFile(opml)
		if s.list == "" {
			if string(after) != string(before) {
				t.Errorf("feed add %q changed feeds.opml:\n%s", s.args, after)
			}
			continue
		}
		list = strings.ReplaceAll(s.list, "SRV", u)
		_, out, _ = runCLI(t, "feed", "list")
		var got []string
		for _, l := range lines(out) {
			got = append(got, strings.Join(strings.Split(l, "\t")[:3], "\t"))
		}
		if strings.Join(got, "\n") != list {
			t.Errorf("after feed add %q, feed list:\n%s\nwant\n%s", s.args, strings.Join(got, "\n"), list)
		}
	}
}

// TestFeedAddClearsGone: a feed that answered 410 is fetched again once
// it is added again.
func TestFeedAddClearsGone(t *testing.T) {
	fetchEnv(t)
	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Old", "/gone"})
	runCLI(t, "fetch")
	runCLI(t, "fetch") // skipped: gone
	if hits, _ := srv.counts("/gone"); hits != 1 {
		t.Fatalf("/gone asked %d times before feed add, want 1", hits)
	}
	if code, _, errOut := runCLI(t, "feed", "add", srv.URL+"/gone"); code != 0 || errOut != "newsline: already subscribed to Old ("+srv.URL+"/gone)\n" {
		t.Errorf("feed add: exit %d, %q", code, errOut)
	}
	code, _, errOut := runCLI(t, "fetch")
	if hits, _ := srv.counts("/gone"); hits != 2 || code != 1 || !strings.Contains(errOut, "/gone: gone (HTTP 410)") {
		t.Errorf("after feed add: asked %d times; fetch exit %d, %q", hits, code, errOut)
	}
}

// TestFeedListAfterFetch: feed list shows what fetch recorded in the
// state: when, the last error (sanitized), the items saved, gone; a state
// that cannot be read is a warning, and the list is still printed.
func TestFeedListAfterFetch(t *testing.T) {
	_, stateDir := fetchEnv(t)
	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Gazette", "/rss"}, [2]string{"Missing", "/missing"}, [2]string{"Old", "/gone"}, [2]string{"Later", "/json"})
	if code, _, errOut := runCLI(t, "fetch", "Gazette", "Missing", "Old"); code != 1 {
		t.Fatalf("fetch: exit %d, %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "feed", "list")
	if code != 0 || errOut != "" {
		t.Fatalf("feed list: exit %d, %q", code, errOut)
	}
	want := []struct{ name, err, items string }{
		{"Gazette", "", "2"},
		{"Missing", "HTTP 404 Not Found", "0"},
		{"Old", "gone: gone (HTTP 410): the address was removed for good", "0"},
		{"Later", "", ""}, // never fetched: unknown, empty
	}
	got := lines(out)
	if len(got) != len(want) {
		t.Fatalf("feed list:\n%s", out)
	}
	for i, w := range want {
		f := strings.Split(got[i], "\t")
		fetched := w.items != ""
		if len(f) != 7 || f[0] != w.name || (f[3] != "") == !fetched || f[4] != w.err || f[5] != w.items || f[6] != "" {
			t.Errorf("line %d = %q, want %s with error %q and %q items (fetched %v)", i+1, got[i], w.name, w.err, w.items, fetched)
		}
	}
	_, out, _ = runCLI(t, "feed", "list", "--json")
	if j := lines(out); len(j) != 4 || !strings.Contains(j[0], `"last_error":null,"items":2,"gone":false,"full_text":false}`) ||
		!strings.Contains(j[2], `"last_error":"gone (HTTP 410): the address was removed for good","items":0,"gone":true,"full_text":false}`) ||
		!strings.Contains(j[3], `"last_fetched":null`) || strings.Contains(j[0], `"last_fetched":null`) {
		t.Errorf("feed list --json:\n%s", out)
	}
	if err := os.WriteFile(filepath.Join(stateDir, "state.db"), []byte(strings.Repeat("damaged ", 600)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "feed", "list")
	if code != 0 || len(lines(out)) != 4 || !strings.HasPrefix(errOut, "newsline: warning: state: ") ||
		!strings.HasSuffix(errOut, ": fetch records not shown\n") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("a damaged state: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestFetchHostileFeed: what a feed holds reaches the terminal only
// sanitized, through feed add, fetch -v and feed list alike.
func TestFetchHostileFeed(t *testing.T) {
	fetchEnv(t)
	srv := newFeedServer(t)
	for _, args := range [][]string{{"feed", "add", srv.URL + "/evil"}, {"fetch", "-v"}, {"feed", "list"}, {"feed", "list", "--json"}} {
		code, out, errOut := runCLI(t, args...)
		if code != 0 || out+errOut == "" || strings.ContainsAny(out+errOut, "\x1b\u009b\u202e\a") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}
