package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/internal/termcheck"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/ui"
)

// Terminal safety (issue 4), end to end: hostile files on disk, through the
// real parsers, to what `list`, `tags`, `show` print and what the reader
// puts on the screen. The checker is the one in ui/safety_test.go.

// checkTerminalSafe fails the test for every problem termcheck.Problems finds.
func checkTerminalSafe(t testing.TB, what, out string) {
	t.Helper()
	for _, p := range termcheck.Problems(out) {
		t.Errorf("%s: %s\n%q", what, p, out)
	}
}

// Hostile pieces, raw as they would be in a file.
const (
	hCSI     = "\x1b[2J\x1b[H\x1b[?1049h\x1b[31m\x1b[6n"
	hOSC     = "\x1b]0;window title\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\"
	hStrings = "\x1bP1$r0m\x1b\\\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\\x1bc\x1b(B"
	hC1      = "\u009b2J\u009d0;t\u009c\u0085\u0090x\u009c"
	hRaw8    = "\x9b2J\x9d0;t\x9c\xff\xfe\xc3"
	hBidi    = "\u202eevil\u202c \u2066iso\u2069 \u202a\u202b\u202d\u2067\u2068"
	hInvis   = "zero\u200bwidth\u2060join\ufeffbom ZWJ👩\u200d💻 ZWNJ می\u200cخواهم"
	hC0      = "a\x01b\x07c\x08d\x0be\x0cf\rg\x7fh\ti"
	hLinks   = "[https://good.example/](https://evil.example/x) [js](javascript:alert(1)) [f](file:///etc/passwd) <file:///etc/shadow> ![i](data:text/html,x)"
	hRefs    = "&#x1b;]8;;https://evil.example/&#x1b;\\lie&#x1b;]8;;&#x1b;\\ &#27;]52;c;eA==&#7; &#x9b;2J &#x202e;rev"
)

// hostile is every piece, for bodies.
var hostile = hCSI + " " + hOSC + " " + hStrings + " " + hC1 + " " + hRaw8 + " " + hBidi + " " + hInvis + " " + hC0 + "\n\n" + hLinks + "\n\n" + hRefs

// writeHostileCollection writes files of every format whose every field,
// and whose names, try to reach the terminal.
func writeHostileCollection(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	// YAML double quotes and JSON decode their own escapes to the same.
	yamlEsc := `\e[2J\e]52;c;eA==\a\x9b2J\u202Erev\u200B\e]8;;file:///x\e\\`
	jsonEsc := `\u001b[2J\u001b]52;c;eA==\u0007\u009b2J\u202erev\u200b\u001b]8;;file:///x\u001b\\`
	files := map[string]string{
		"plain.txt": "Title " + hCSI + hBidi + hInvis + "\n\n15 July 2021 Read: 7\n\n" + hostile + "\n\nMore about: #red" + hCSI + " #" + hBidi + " #zw\u200btag\n",
		"front.md": "---\ntitle: \"Front " + yamlEsc + "\"\ndate: 2021-07-15\ntags: [\"" + yamlEsc + "\", \"x\u200by\"]\nsource: \"" + yamlEsc + "\"\nurl: \"javascript:" + yamlEsc + "\"\nauthor: \"" + yamlEsc + "\"\nreads: 5\n---\n" +
			"# Heading " + hCSI + "\n\n" + hostile + "\n\n```\n" + hOSC + hC1 + "\n```\n\n> " + hLinks + "\n",
		"heading.md":  "# " + hOSC + hBidi + " heading title\n\n" + hRefs + "\n",
		"feed.json":   `{"items": [{"title": "JSON ` + jsonEsc + `", "tags": ["` + jsonEsc + `"], "body": "` + jsonEsc + `\n\n[a](javascript:x) ` + jsonEsc + `", "source": {"name": "` + jsonEsc + `"}, "url": "` + jsonEsc + `", "author": [{"name": "` + jsonEsc + `"}]}]}`,
		"lines.jsonl": `{"title": "JSONL ` + jsonEsc + `", "format": "markdown", "body": "` + jsonEsc + `"}` + "\n" + `{"title": "` + jsonEsc + `", "tags": "` + jsonEsc + `"}` + "\nnot json " + hOSC + "\n",
		"raw.json":    "{\"title\": \"raw " + hCSI + "\", \"body\": \"" + hC1 + "\"}",
		// Names from the file system are file content too.
		"\x1b]52;c;eA==\x07 dir \u202e/\x1b[2J name \u202e\x9b.txt": "T\n\nbody",
		"tags\u2066 \x1b]0;t\x07/\x1b[31m.md":                       "no title here, just " + hOSC,
		"broken \x1b]0;title\x07.json":                              `{"title": "oops` + hOSC,
		"latin1 \x1b[5m.txt":                                        "Caf\xe9 \x9b2J \x1b[31m\n\nbody \x85\x9d0;t\x9c",
	}
	testfs.Write(t, dir, files)
	return dir
}

// TestCLIOutputIsTerminalSafe runs every printing command on the hostile
// collection, with and without the index, and checks stdout and stderr.
func TestCLIOutputIsTerminalSafe(t *testing.T) {
	dir := writeHostileCollection(t)
	for _, cache := range [][]string{{"--no-cache"}, {"--cache-dir", t.TempDir()}} {
		check := func(args ...string) string {
			t.Helper()
			args = append(args, cache...)
			code, out, errOut := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("%q: exit %d: %s", args, code, errOut)
			}
			checkTerminalSafe(t, fmt.Sprintf("%q stdout", args), out)
			checkTerminalSafe(t, fmt.Sprintf("%q stderr", args), errOut)
			return out
		}
		list := check("list", dir, "-v")
		if n := len(lines(list)); n < 8 {
			t.Fatalf("only %d articles listed:\n%s", n, list)
		}
		check("list", dir, "--json")
		check("list", dir, "--search", "evil")
		check("tags", dir)
		check("tags", dir, "--json")
		for _, l := range lines(list) {
			id, _, _ := strings.Cut(l, "\t")
			check("show", id, dir)
			check("show", id, dir, "--width", "30")
		}
		// Unknown IDs and paths are quoted back in errors.
		for _, args := range [][]string{{"show", "\x1b]52;c;eA==\x07", dir}, {"list", filepath.Join(dir, "\x1b[2J\u202emissing")}} {
			_, out, errOut := runCLI(t, append(args, cache...)...)
			checkTerminalSafe(t, fmt.Sprintf("%q stderr", args), out+errOut)
		}
	}
}

// TestBodyOfHostileFileNameThroughIndex: a file whose name holds something
// the sanitizer removes (ESC, C1, bidi, U+200B …) is shown by its sanitized
// path but read by its real name, with the index as without it.
func TestBodyOfHostileFileNameThroughIndex(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "name \x1b[5m\u202e\u200b.txt"), []byte("Title\n\nThe body."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cache := range [][]string{{"--no-cache"}, {"--cache-dir", t.TempDir()}} {
		_, list, _ := runCLI(t, append([]string{"list", dir}, cache...)...)
		id, _, _ := strings.Cut(list, "\t")
		code, out, errOut := runCLI(t, append([]string{"show", id, dir}, cache...)...)
		if code != 0 || !strings.Contains(out, "The body.") {
			t.Errorf("show %s: exit %d: %s%s", cache[0], code, out, errOut)
		}
	}
}

// screenDriver runs the reader's model the way Bubble Tea would, without a
// terminal: commands run concurrently, their messages are delivered one at
// a time, and settle waits until no command is outstanding. (The reader has
// no timers, so it always settles.)
type screenDriver struct {
	t       testing.TB
	m       tea.Model
	msgs    chan tea.Msg
	pending int
}

func newScreenDriver(t testing.TB, opts ui.Options, w, h int) *screenDriver {
	t.Helper()
	m := ui.New(opts)
	d := &screenDriver{t: t, m: m, msgs: make(chan tea.Msg, 64)}
	d.run(m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *screenDriver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.pending++
	go func() { d.msgs <- cmd() }()
}

func (d *screenDriver) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
		return
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
		return
	}
	m, cmd := d.m.Update(msg)
	d.m = m
	d.run(cmd)
}

// send delivers msg and settles.
func (d *screenDriver) send(msg tea.Msg) {
	d.t.Helper()
	d.deliver(msg)
	for d.pending > 0 {
		select {
		case msg := <-d.msgs:
			d.pending--
			d.deliver(msg)
		case <-time.After(30 * time.Second):
			d.t.Fatalf("the reader did not settle (%d commands outstanding)", d.pending)
		}
	}
}

func (d *screenDriver) press(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		switch k {
		case "enter":
			d.send(tea.KeyPressMsg{Code: tea.KeyEnter})
		case "esc":
			d.send(tea.KeyPressMsg{Code: tea.KeyEscape})
		case "pgdown":
			d.send(tea.KeyPressMsg{Code: tea.KeyPgDown})
		default:
			d.send(tea.KeyPressMsg{Code: []rune(k)[0], Text: k})
		}
	}
}

func (d *screenDriver) screen() string { return d.m.View().Content }

// readerOptions are the options runReader gives the reader.
func readerOptions(t testing.TB, src source, noColor bool) ui.Options {
	return ui.Options{
		Load: src.loadAndIndex, Body: src.body, Search: src.search(),
		Name: src.name, NoColor: noColor, Notice: src.notice,
	}
}

// walkScreens opens every article in the reader, pages through it and
// checks each screen; then the problems and help overlays and a search.
// It returns the text of every screen.
func walkScreens(t testing.TB, src source, noColor bool, w, h, articles int) string {
	t.Helper()
	var seen strings.Builder
	d := newScreenDriver(t, readerOptions(t, src, noColor), w, h)
	if !noColor {
		d.send(tea.BackgroundColorMsg{})
	}
	check := func(what string) {
		t.Helper()
		out := d.screen()
		seen.WriteString(ansi.Strip(out))
		checkTerminalSafe(t, fmt.Sprintf("%dx%d nocolor=%v %s", w, h, noColor, what), out)
	}
	check("loaded")
	for i := range articles {
		d.press("enter")
		check(fmt.Sprintf("article %d", i))
		for k := range 3 {
			d.press("pgdown")
			check(fmt.Sprintf("article %d, page %d", i, k+2))
		}
		d.press("esc", "j")
	}
	d.press("!")
	check("problems")
	d.press("esc", "?")
	check("help")
	d.press("esc", "/", "e", "v", "i", "l")
	check("search")
	return seen.String()
}

// TestScreenIsTerminalSafe is the property on the reader's screen: the
// hostile collection, read through the index and without, at two sizes, in
// colour and without.
func TestScreenIsTerminalSafe(t *testing.T) {
	dir := writeHostileCollection(t)
	for _, cache := range []cacheFlags{{noCache: true}, {dir: t.TempDir()}} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			for _, noColor := range []bool{false, true} {
				t.Run(fmt.Sprintf("index=%v %dx%d nocolor=%v", !cache.noCache, size[0], size[1], noColor), func(t *testing.T) {
					src, err := resolveSource(context.Background(), []string{dir}, cache)
					if err != nil {
						t.Fatal(err)
					}
					defer src.close()
					seen := walkScreens(t, src, noColor, size[0], size[1], 12)
					// The bodies were on screen, links with their real URLs.
					for _, want := range []string{"good.example", "evil.example/x", "javascript:alert(1)", "file:///etc/passwd"} {
						if !strings.Contains(seen, want) {
							t.Errorf("%q never on screen", want)
						}
					}
				})
			}
		}
	}
}

// FuzzScreenIsSafe writes the fuzzed bytes as a file of one of the formats,
// opens it in the reader at 80x24 and checks the screens and the output of
// `show`.
func FuzzScreenIsSafe(f *testing.F) {
	exts := []string{".txt", ".md", ".json", ".jsonl"}
	f.Add(uint8(0), "Title "+hCSI+"\n\n"+hostile)
	f.Add(uint8(1), "---\ntitle: \"\\e]52;c;eA==\\a\"\n---\n"+hostile)
	f.Add(uint8(1), hLinks+"\n\n"+hRefs)
	f.Add(uint8(2), `{"title": "\u001b]8;;file:///x\u001b\\t", "body": "\u009b2J [a](javascript:x) &#x1b;[2J"}`)
	f.Add(uint8(3), `{"title": "\u202e"}`+"\n"+`{"body": "`+"\x1b]0;t\x07"+`"}`)
	f.Add(uint8(1), "[x](https://a.example/\x1b]8;;https://b.example/\x07) &#x1b &#0000027;[2J `&#x81;`")
	f.Fuzz(func(t *testing.T, kind uint8, content string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "f"+exts[int(kind)%len(exts)]), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		src, err := resolveSource(context.Background(), []string{dir}, cacheFlags{noCache: true})
		if err != nil {
			t.Fatal(err)
		}
		defer src.close()
		walkScreens(t, src, false, 80, 24, 2)
		if code, out, errOut := runCLI(t, "list", dir, "--no-cache", "-v"); code == 0 {
			checkTerminalSafe(t, "list", out+errOut)
			for _, l := range lines(out) {
				if id, _, _ := strings.Cut(l, "\t"); id != "" {
					_, out, errOut := runCLI(t, "show", id, dir, "--no-cache")
					checkTerminalSafe(t, "show", out+errOut)
				}
			}
		}
	})
}
