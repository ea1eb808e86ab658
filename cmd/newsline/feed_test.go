package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data/subs"
	"github.com/newsline/newsline/internal/testfs"
)

// exported is an OPML 1.0 file as another reader exports it: folders,
// the same feed in two of them, and an address that is not the web's.
const exported = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Exported</title></head>
  <body>
    <outline text="News">
      <outline text="Harbour Gazette" type="rss" xmlUrl="https://gazette.example/feed.xml" htmlUrl="https://gazette.example/"/>
      <outline text="Velmora Daily" xmlUrl="http://velmora.example/rss"/>
    </outline>
    <outline text="Science">
      <outline text="Harbour Gazette" xmlUrl="https://gazette.example/feed.xml"/>
      <outline text="Comets" xmlUrl="https://comets.example/atom"/>
      <outline text="Local" xmlUrl="file:///etc/passwd"/>
    </outline>
  </body>
</opml>
`

// feedEnv gives the test its own configuration folder and returns the
// subscriptions file's path there.
func feedEnv(t *testing.T) string {
	t.Helper()
	libraryEnv(t)
	t.Setenv("XDG_STATE_HOME", t.TempDir()) // feed list reads the state's records
	return filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "newsline", subs.FileName)
}

func TestFeedImportListRemoveExport(t *testing.T) {
	opml := feedEnv(t)
	in := testfs.WriteFile(t, filepath.Join(t.TempDir(), "in.opml"), exported)
	steps := []struct {
		args       []string
		code       int
		out, errOu string
	}{
		{[]string{"feed", "list"}, 0, "", "newsline: no subscriptions in " + opml + ": newsline feed import FILE reads an OPML list\n"},
		{[]string{"feed", "import", in}, 0, "", "newsline: 3 feeds added, 0 already subscribed, 1 skipped (not http or https)\n"},
		{[]string{"feed", "import", in}, 0, "", "newsline: 0 feeds added, 3 already subscribed, 1 skipped (not http or https)\n"},
		{[]string{"feed", "list"}, 0, "Harbour Gazette\thttps://gazette.example/feed.xml\tNews, Science\t\t\t\t\n" +
			"Velmora Daily\thttp://velmora.example/rss\tNews\t\t\t\t\n" +
			"Comets\thttps://comets.example/atom\tScience\t\t\t\t\n", ""},
		{[]string{"feed", "list", "--json"}, 0, `{"name":"Harbour Gazette","url":"https://gazette.example/feed.xml","tags":["News","Science"],"last_fetched":null,"last_error":null,"items":0,"gone":false,"full_text":false}` + "\n" +
			`{"name":"Velmora Daily","url":"http://velmora.example/rss","tags":["News"],"last_fetched":null,"last_error":null,"items":0,"gone":false,"full_text":false}` + "\n" +
			`{"name":"Comets","url":"https://comets.example/atom","tags":["Science"],"last_fetched":null,"last_error":null,"items":0,"gone":false,"full_text":false}` + "\n", ""},
		{[]string{"feed", "remove", "comets"}, 0, "", "newsline: unsubscribed from Comets (https://comets.example/atom); its saved articles stay\n"},
		{[]string{"feed", "remove", "HTTP://VELMORA.example/rss"}, 0, "", "newsline: unsubscribed from Velmora Daily (http://velmora.example/rss); its saved articles stay\n"},
		{[]string{"feed", "remove", "Comets"}, 2, "", "newsline: no feed named \"Comets\" or at that URL in " + opml + ": newsline feed list shows them\n"},
		{[]string{"feed", "remove"}, 2, "", "newsline: feed remove needs one feed's name or URL: newsline feed list shows them\n"},
		{[]string{"feed", "export"}, 0, `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0" xmlns:newsline="` + subs.NS + `">
  <head>
    <title>newsline subscriptions</title>
  </head>
  <body>
    <outline text="News">
      <outline text="Harbour Gazette" type="rss" xmlUrl="https://gazette.example/feed.xml" htmlUrl="https://gazette.example/" newsline:tags="News, Science"/>
    </outline>
  </body>
</opml>
`, ""},
		{[]string{"feed", "list", "x"}, 2, "", "newsline: feed list takes no arguments (see `newsline feed list --help`)\n"},
		{[]string{"feed", "lsit"}, 2, "", "newsline: feed: unknown command \"lsit\": feed has add, list, remove, import and export (a folder named feed is given as ./feed)\n"},
	}
	for _, s := range steps {
		code, out, errOut := runCLI(t, s.args...)
		if code != s.code || out != s.out || errOut != s.errOu {
			t.Errorf("%q: exit %d, want %d\nstdout %q\nwant   %q\nstderr %q\nwant   %q", s.args, code, s.code, out, s.out, errOut, s.errOu)
		}
	}
}

// TestFeedImportMalformed: a file that is not well-formed OPML is one
// line naming it and its line, exit 2, and nothing is imported.
func TestFeedImportMalformed(t *testing.T) {
	opml := feedEnv(t)
	dir := t.TempDir()
	good := testfs.WriteFile(t, filepath.Join(dir, "good.opml"), exported)
	if code, _, errOut := runCLI(t, "feed", "import", good); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	before, _ := os.ReadFile(opml)
	half := exported[:strings.Index(exported, `<outline text="Comets"`)] // cut after a good feed
	tests := []struct{ name, text, want string }{
		{"truncated", half, "FILE:11: the file ends inside an element: not well-formed XML (nothing was imported)"},
		{"broken tag", strings.Replace(exported, `<outline text="Comets"`, `<outline text=Comets`, 1), "FILE:11: not well-formed XML: unquoted or missing attribute value in element (nothing was imported)"},
		{"not OPML", "<?xml version=\"1.0\"?>\n<rss><channel/></rss>", "FILE:2: the root element is <rss>, not <opml>: not an OPML file (nothing was imported)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testfs.WriteFile(t, filepath.Join(dir, tt.name+".opml"), tt.text)
			code, out, errOut := runCLI(t, "feed", "import", f)
			want := "newsline: " + strings.ReplaceAll(tt.want, "FILE", f) + "\n"
			if code != 2 || out != "" || errOut != want {
				t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, errOut, want)
			}
			if after, _ := os.ReadFile(opml); !bytes.Equal(after, before) {
				t.Errorf("feeds.opml changed:\n%s", after)
			}
		})
	}
	if code, _, errOut := runCLI(t, "feed", "import", filepath.Join(dir, "missing.opml")); code != 2 || !strings.Contains(errOut, "cannot read") {
		t.Errorf("a missing file: exit %d, %q", code, errOut)
	}
}

// TestFeedsFileBroken: a feeds.opml spoilt by hand stops the feed
// commands with one line naming it, and is never rewritten.
func TestFeedsFileBroken(t *testing.T) {
	opml := feedEnv(t)
	broken := "<opml>\n<body>\n<outline text=\"x\" xmlUrl=\"https://x.example/\">\n</opml>\n"
	testfs.WriteFile(t, opml, broken)
	in := testfs.WriteFile(t, filepath.Join(t.TempDir(), "in.opml"), exported)
	want := "newsline: " + opml + ":4: not well-formed XML: element <outline> closed by </opml> (fix the file, or move it away to start again)\n"
	for _, args := range [][]string{{"feed", "list"}, {"feed", "import", in}, {"feed", "remove", "x"}, {"feed", "export"}} {
		if code, out, errOut := runCLI(t, args...); code != 2 || out != "" || errOut != want {
			t.Errorf("%q: exit %d, stdout %q\nstderr %q\nwant   %q", args, code, out, errOut, want)
		}
	}
	if b, _ := os.ReadFile(opml); string(b) != broken {
		t.Errorf("feeds.opml was rewritten:\n%s", b)
	}
}

// TestFeedsBesideConfig: feeds.opml is beside the configuration file in
// use: --config moves it; a hand-written file's titles are kept.
func TestFeedsBesideConfig(t *testing.T) {
	def := feedEnv(t)
	dir := t.TempDir()
	cfg := testfs.WriteFile(t, filepath.Join(dir, "my.toml"), "sort = \"title\"\n")
	testfs.WriteFile(t, filepath.Join(dir, subs.FileName), `<opml version="2.0"><body>
<outline text="Tides" title="Tide tables, daily" xmlUrl="https://tides.example/rss" description="by hand"/>
</body></opml>`)
	in := testfs.WriteFile(t, filepath.Join(dir, "in.opml"), exported)
	if code, _, errOut := runCLI(t, "feed", "import", in, "--config", cfg); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(def); !os.IsNotExist(err) {
		t.Errorf("the default feeds.opml was written: %v", err)
	}
	_, out, _ := runCLI(t, "feed", "export", "--config", cfg)
	if !strings.Contains(out, `<outline text="Tides" title="Tide tables, daily" type="rss" xmlUrl="https://tides.example/rss" description="by hand"/>`) ||
		strings.Count(out, "xmlUrl=") != 4 {
		t.Errorf("export:\n%s", out)
	}
	// stdin, into the default file.
	var o, e bytes.Buffer
	if code := run(context.Background(), []string{"feed", "import", "-"}, strings.NewReader(exported), &o, &e); code != 0 || e.String() != "newsline: 3 feeds added, 0 already subscribed, 1 skipped (not http or https)\n" {
		t.Errorf("import -: exit %d, %q", code, e.String())
	}
	if b, _ := os.ReadFile(def); !bytes.Contains(b, []byte("Velmora Daily")) {
		t.Errorf("default feeds.opml:\n%s", b)
	}
}

// fakeRecords answers with fixed records, as the state database will.
type fakeRecords map[string]fetchRecord

func (f fakeRecords) Record(_ context.Context, u string) (fetchRecord, error) { return f[u], nil }

// TestFeedListRecords: what fetching recorded is printed as such; what is
// not known is empty (null in JSON), never made up.
func TestFeedListRecords(t *testing.T) {
	feedEnv(t)
	in := testfs.WriteFile(t, filepath.Join(t.TempDir(), "in.opml"), exported)
	runCLI(t, "feed", "import", in)
	when := time.Date(2026, 3, 1, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	records := fakeRecords{
		"https://gazette.example/feed.xml": {LastFetched: when, Items: 42},
		"http://velmora.example/rss":       {LastFetched: when, LastError: "404 Not Found\x1b[2J", Items: 3},
		"https://comets.example/atom":      {LastFetched: when, Gone: true, Items: 7},
	}
	for _, asJSON := range []bool{false, true} {
		common := newTestCommon(t)
		cmd := newFeedListCmd(common, records)
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetArgs(nil)
		if asJSON {
			cmd.SetArgs([]string{"--json"})
		}
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := lines(out.String())
		if !asJSON {
			local := when.Local().Format("2006-01-02 15:04")
			want := []string{
				"Harbour Gazette\thttps://gazette.example/feed.xml\tNews, Science\t" + local + "\t\t42\t",
				"Velmora Daily\thttp://velmora.example/rss\tNews\t" + local + "\t404 Not Found\t3\t",
				"Comets\thttps://comets.example/atom\tScience\t" + local + "\tgone\t7\t",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			continue
		}
		var j []jsonFeed
		for _, l := range got {
			var f jsonFeed
			if err := json.Unmarshal([]byte(l), &f); err != nil {
				t.Fatal(err)
			}
			j = append(j, f)
		}
		if len(j) != 3 || *j[0].LastFetched != "2026-03-01T09:30:00+01:00" || j[0].LastError != nil || j[0].Items != 42 ||
			*j[1].LastError != "404 Not Found" || !j[2].Gone || j[2].LastError != nil {
			t.Errorf("JSON:\n%s", out.String())
		}
	}
}

// newTestCommon is the shared flags as the root sets them up: the
// default configuration file.
func newTestCommon(t *testing.T) *common {
	t.Helper()
	empty := ""
	return &common{config: &empty}
}

// TestFeedIsASubcommand: feed is a command, so a folder named feed is
// given as ./feed.
func TestFeedIsASubcommand(t *testing.T) {
	feedEnv(t)
	t.Chdir(testfs.Write(t, t.TempDir(), map[string]string{"feed/tide.txt": "Tide\n\nHigh water at noon."}))
	if code, out, _ := runCLI(t, "feed"); code != 0 || !strings.Contains(out, "./feed") || !strings.Contains(out, "import") {
		t.Errorf("feed: exit %d\n%s", code, out)
	}
	if code, out, errOut := runCLI(t, "list", "./feed"); code != 0 || !strings.Contains(out, "\tTide\t") {
		t.Errorf("list ./feed: exit %d, %q, %q", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "./feed"); code != 2 || !strings.Contains(errOut, "stdout is not a terminal") {
		t.Errorf("./feed is read as a folder: exit %d, %q", code, errOut)
	}
	// Completion knows the commands and the feeds' names.
	in := testfs.WriteFile(t, filepath.Join(t.TempDir(), "in.opml"), exported)
	runCLI(t, "feed", "import", in)
	if _, out, _ := runCLI(t, "__complete", "feed", ""); !strings.Contains(out, "import\t") || !strings.Contains(out, "export\t") {
		t.Errorf("completion of feed:\n%s", out)
	}
	if _, out, _ := runCLI(t, "__complete", "feed", "remove", ""); !strings.Contains(out, "Velmora Daily\n") {
		t.Errorf("completion of feed remove:\n%s", out)
	}
}

// TestFeedHostileNames: what an OPML file holds reaches the terminal only
// sanitized, in every output.
func TestFeedHostileNames(t *testing.T) {
	feedEnv(t)
	in := testfs.WriteFile(t, filepath.Join(t.TempDir(), "in.opml"),
		"<opml><body><outline text=\"Evil&#x9b;2J &#x202e;red\" xmlUrl=\"https://e.example/\" description=\"&#x9b;31m\" newsline:tags=\"a&#x9b;b\"/></body></opml>")
	if code, _, errOut := runCLI(t, "feed", "import", in); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	for _, args := range [][]string{{"feed", "list"}, {"feed", "list", "--json"}, {"feed", "export"}, {"feed", "remove", "nothing"}} {
		_, out, errOut := runCLI(t, args...)
		if strings.ContainsAny(out+errOut, "\x1b\u009b\u202e") {
			t.Errorf("%q: control characters: %q %q", args, out, errOut)
		}
	}
}
