package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/testfs"
)

// runCLI runs newsline with args and returns its exit status and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

const nbsp = "\u00a0"

// writeCollection writes a small collection in every format, plus broken
// files, and returns its folder.
func writeCollection(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"world/harbour.txt": "Harbour of Velmora reopens after storm\n\n" + nbsp + "12 March 2026" + nbsp + nbsp + nbsp + " Read: 340\nHarbour of Velmora reopens after storm\n\nThe fictional port opened again on Tuesday.\n\nFerries ran   on time.\n\n\nMore about: #World " + nbsp + " #Ports\n\n\nNews Line",
		"world/bridge.txt":  "New bridge    for Ostrava-nad-Lesem\n\n2 January 2025    Read: 1200\nNew bridge for Ostrava-nad-Lesem\n\nA bridge of invented stone.\n\nMore about: #World #Building",
		"science/comet.md":  "---\ntitle: Comet named after a cat\ndate: 2025-07-01\ntags: [Science, Space]\nsource: Gazette of Nowhere\nurl: https://example.org/comet\nauthor: R. Quill\nreads: 77\n---\n# Comet named after a cat\n\nAstronomers *agreed* on the name [Whiskers](https://example.org/w).\n",
		"feed.jsonl":        `{"title":"Library opens at midnight","published":"2024-11-05T20:00:00Z","tags":["Culture"],"body":"Readers queued in the rain."}` + "\n" + `{"title":"Undated note","body":"No date here.\tTabbed."}` + "\n",
		"broken.json":       `{"title": "oops"`,
		"empty.txt":         "",
	}
	testfs.Write(t, dir, files)
	return dir
}

func lines(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") }

func TestListTSV(t *testing.T) {
	dir := writeCollection(t)
	code, out, errOut := runCLI(t, "list", dir)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	got := lines(out)
	if len(got) != 5 {
		t.Fatalf("want 5 articles, got %d:\n%s", len(got), out)
	}
	// Newest first; the undated article last.
	first := strings.Split(got[0], "\t")
	if len(first) != 5 {
		t.Fatalf("want 5 tab-separated fields, got %q", got[0])
	}
	if len(first[0]) < 6 || first[1] != "2026-03-12" || first[2] != "340" || first[3] != "Harbour of Velmora reopens after storm" || first[4] != "World, Ports" {
		t.Errorf("first line = %q", got[0])
	}
	last := strings.Split(got[4], "\t")
	if last[1] != "" || last[2] != "" || last[3] != "Undated note" {
		t.Errorf("unknown values must be empty fields: %q", got[4])
	}
	// Whitespace inside a title collapses.
	if !strings.Contains(out, "\tNew bridge for Ostrava-nad-Lesem\t") {
		t.Errorf("title whitespace not collapsed:\n%s", out)
	}
}

func TestListFilters(t *testing.T) {
	dir := writeCollection(t)
	tests := []struct {
		args []string
		want []string // titles in order
	}{
		{[]string{"--tag", "world"}, []string{"Harbour of Velmora reopens after storm", "New bridge for Ostrava-nad-Lesem"}},
		{[]string{"--tag", "#WORLD", "--tag", "ports"}, []string{"Harbour of Velmora reopens after storm"}},
		{[]string{"--search", "velm"}, []string{"Harbour of Velmora reopens after storm"}},
		{[]string{"--search", "queued rain"}, []string{"Library opens at midnight"}},
		{[]string{"--sort", "reads"}, []string{"New bridge for Ostrava-nad-Lesem", "Harbour of Velmora reopens after storm", "Comet named after a cat", "Library opens at midnight", "Undated note"}},
		{[]string{"--sort", "title", "--tag", "world"}, []string{"Harbour of Velmora reopens after storm", "New bridge for Ostrava-nad-Lesem"}},
		// "on" in the comet's body matches too; the undated note has no word starting with o.
		{[]string{"--sort", "oldest", "--search", "o"}, []string{"Library opens at midnight", "New bridge for Ostrava-nad-Lesem", "Comet named after a cat", "Harbour of Velmora reopens after storm"}},
		{[]string{"--tag", "nothing"}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, _ := runCLI(t, append([]string{"list", dir}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			var titles []string
			for _, l := range lines(out) {
				if l != "" {
					titles = append(titles, strings.Split(l, "\t")[3])
				}
			}
			if strings.Join(titles, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q\nwant %q", titles, tt.want)
			}
		})
	}
}

// TestListUnknownTagHint: a --tag no article has is most likely a typo:
// list says so on stderr, once per tag, and still succeeds.
func TestListUnknownTagHint(t *testing.T) {
	dir := writeCollection(t)
	code, out, errOut := runCLI(t, "list", dir, "--tag", "Nothing", "--tag", "world", "--tag", "#nothing", "--tag", "sience")
	want := "newsline: no article has the tag \"Nothing\"; newsline tags lists them\n" +
		"newsline: no article has the tag \"sience\"; newsline tags lists them\n"
	if code != 0 || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr %q, want %q", code, out, errOut, want)
	}
	// Known tags give no hint, even when together they match nothing.
	if code, _, errOut := runCLI(t, "list", dir, "--tag", "world", "--tag", "science"); code != 0 || errOut != "" {
		t.Errorf("known tags: exit %d, stderr %q", code, errOut)
	}
}

func TestListJSON(t *testing.T) {
	dir := writeCollection(t)
	code, out, _ := runCLI(t, "list", dir, "--json", "--tag", "science")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(lines(out)[0]), &a); err != nil {
		t.Fatalf("not JSON: %v: %q", err, out)
	}
	want := map[string]any{
		"title": "Comet named after a cat", "date": "2025-07-01T00:00:00Z", "reads": 77.0,
		"source": "Gazette of Nowhere", "url": "https://example.org/comet", "author": "R. Quill", "format": "markdown",
		"body": "Astronomers agreed on the name Whiskers (https://example.org/w).",
		"path": filepath.Join(dir, "science", "comet.md"),
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("%s = %#v, want %#v", k, a[k], v)
		}
	}
	// The folder tag "science" is the same tag as "Science".
	if tags, _ := a["tags"].([]any); len(tags) != 2 || tags[0] != "Science" || tags[1] != "Space" {
		t.Errorf("tags = %v, want [Science Space]", a["tags"])
	}
	// Every documented key is in every line; an unknown value is null.
	_, out, _ = runCLI(t, "list", dir, "--json", "--search", "undated")
	var u map[string]any
	if err := json.Unmarshal([]byte(out), &u); err != nil {
		t.Fatalf("not JSON: %v: %q", err, out)
	}
	for _, k := range []string{"id", "path", "title", "date", "reads", "tags", "source", "url", "author", "format", "body"} {
		v, ok := u[k]
		switch k {
		case "date", "reads", "source", "url", "author":
			if !ok || v != nil {
				t.Errorf("unknown %s must be null: %s", k, out)
			}
		default:
			if !ok || v == nil {
				t.Errorf("%s missing or null: %s", k, out)
			}
		}
	}
	if len(u) != 11 {
		t.Errorf("%d keys, want the 11 documented: %s", len(u), out)
	}
	// A tab expands to the next stop of 4 columns: column 13 → 16.
	if !strings.Contains(out, `"body":"No date here.   Tabbed."`) {
		t.Errorf("tab must become spaces in body: %s", out)
	}
}

func TestProblemsNeverChangeExitCode(t *testing.T) {
	dir := writeCollection(t)
	code, _, errOut := runCLI(t, "list", dir)
	if code != 0 || errOut != "" {
		t.Fatalf("without --verbose: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "list", "--verbose", dir)
	if code != 0 {
		t.Fatalf("with --verbose: exit %d", code)
	}
	for _, name := range []string{"broken.json", "empty.txt"} {
		if !strings.Contains(errOut, name) {
			t.Errorf("stderr does not name %s:\n%s", name, errOut)
		}
	}
	for _, l := range lines(errOut) {
		if !strings.HasPrefix(l, "newsline: problem: ") {
			t.Errorf("problem line %q lacks the prefix", l)
		}
	}
}

func TestTags(t *testing.T) {
	dir := writeCollection(t)
	code, out, _ := runCLI(t, "tags", dir)
	if code != 0 || lines(out)[0] != "2\tWorld" {
		t.Fatalf("exit %d, tags:\n%s", code, out)
	}
	_, out, _ = runCLI(t, "tags", dir, "--json")
	var first struct {
		Tag   string
		Count int
	}
	if err := json.Unmarshal([]byte(lines(out)[0]), &first); err != nil || first.Tag != "World" || first.Count != 2 {
		t.Fatalf("tags --json first = %+v (%v)\n%s", first, err, out)
	}
}

func TestShowPlainWhenPiped(t *testing.T) {
	dir := writeCollection(t)
	_, out, _ := runCLI(t, "list", dir, "--tag", "science")
	id := strings.Split(out, "\t")[0]
	code, out, errOut := runCLI(t, "show", id, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.ContainsRune(out, '\x1b') {
		t.Fatalf("piped show output has escape sequences: %q", out)
	}
	for _, want := range []string{"Comet named after a cat", "Astronomers", "Whiskers", "example.org/w"} {
		if !strings.Contains(out, want) {
			t.Errorf("show output lacks %q:\n%s", want, out)
		}
	}
	// The title is not repeated from the body's first heading.
	if strings.Count(out, "Comet named after a cat") != 1 {
		t.Errorf("title shown %d times:\n%s", strings.Count(out, "Comet named after a cat"), out)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := writeCollection(t)
	missing := filepath.Join(dir, "no-such-folder")
	tests := []struct {
		name string
		args []string
		want string // in the one stderr line
	}{
		{"missing path", []string{"list", missing}, "no-such-folder"},
		{"missing path in reader", []string{missing}, "no-such-folder"},
		{"bad flag", []string{"list", "--colour"}, "--colour"},
		{"bad sort", []string{"list", dir, "--sort", "popular"}, "popular"},
		{"show without ID", []string{"show"}, "ID"},
		{"show unknown ID", []string{"show", "ffffffffffffffff", dir}, "ffffffffffffffff"},
		{"no terminal", []string{dir}, "list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout should be empty, got %q", out)
			}
			if l := lines(errOut); len(l) != 1 || !strings.HasPrefix(l[0], "newsline: ") || !strings.Contains(l[0], tt.want) {
				t.Errorf("stderr should be one line naming %q, got %q", tt.want, errOut)
			}
		})
	}
}

func TestDemoAndEnvironment(t *testing.T) {
	t.Setenv("NEWSLINE_DIR", "")
	code, out, _ := runCLI(t, "list")
	if code != 0 || len(lines(out)) < 40 {
		t.Fatalf("demo: exit %d, %d articles", code, len(lines(out)))
	}
	_, tagsOut, _ := runCLI(t, "tags")
	if len(lines(tagsOut)) < 12 {
		t.Errorf("demo has %d tags, want at least 12", len(lines(tagsOut)))
	}
	dir := writeCollection(t)
	t.Setenv("NEWSLINE_DIR", dir)
	if _, out, _ := runCLI(t, "list"); len(lines(out)) != 5 {
		t.Errorf("NEWSLINE_DIR not used: %d lines", len(lines(out)))
	}
	// A path on the command line wins over NEWSLINE_DIR.
	if _, out, _ := runCLI(t, "list", filepath.Join(dir, "world")); len(lines(out)) != 2 {
		t.Errorf("path argument did not win: %d lines", len(lines(out)))
	}
}

func TestVersionHelpCompletion(t *testing.T) {
	if code, out, _ := runCLI(t, "--version"); code != 0 || !strings.HasPrefix(out, "newsline version ") {
		t.Errorf("--version: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "--help"); code != 0 || !strings.Contains(out, "list") || !strings.Contains(out, "--sort") {
		t.Errorf("--help: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "completion", "bash"); code != 0 || !strings.Contains(out, "newsline") {
		t.Errorf("completion bash: %d, %d bytes", code, len(out))
	}
	// A shell cobra cannot complete is a usage error, said in one line,
	// with nothing on stdout that a script could take for a script.
	code, out, errOut := runCLI(t, "completion", "nushell")
	if code != 2 || out != "" || errOut != "newsline: completion: unknown shell \"nushell\" (newsline completes bash, fish, powershell, zsh)\n" {
		t.Errorf("completion nushell: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "completion"); code != 0 || !strings.Contains(out, "bash") {
		t.Errorf("completion with no shell shows its help: %d %q", code, out)
	}
}

func TestEscapesNeverReachStdout(t *testing.T) {
	dir := t.TempDir()
	evil := "Evil \x1b]8;;file:///etc/passwd\x07title\x1b[31m red\u009b2J\n\n" +
		"Body \x1b[2J clear \x07 bell \x1b]52;c;aGk=\x07 clip.\n\nMore about: #bad\x1b[0mtag"
	if err := os.WriteFile(filepath.Join(dir, "evil.txt"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	_, list, _ := runCLI(t, "list", dir)
	_, jsonl, _ := runCLI(t, "list", "--json", dir)
	_, tags, _ := runCLI(t, "tags", dir)
	_, show, _ := runCLI(t, "show", strings.Split(list, "\t")[0], dir)
	for name, out := range map[string]string{"list": list, "list --json": jsonl, "tags": tags, "show": show} {
		if strings.ContainsAny(out, "\x1b\x07\u009b") {
			t.Errorf("%s output carries control characters: %q", name, out)
		}
	}
	if !strings.Contains(list, "Evil title red") || !strings.Contains(show, "clear") || !strings.Contains(tags, "badtag") {
		t.Errorf("text around the escapes must survive:\n%s\n%s\n%s", list, show, tags)
	}
}
