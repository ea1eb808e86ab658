package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEntitiesDecoded: character references in Markdown are their
// characters in list, list --json and show; one to an escape character
// never reaches the output.
func TestEntitiesDecoded(t *testing.T) {
	dir := t.TempDir()
	md := "# Rock &mdash; paper &amp; scissors\n\nThe caf&eacute; &#8212; open &#x2014; says &ldquo;AT&amp;T&rdquo;&nbsp;today. " +
		"&#x1b;]8;;https://evil.example&#x1b;\\hidden&#27;[2J `a&amp;b`\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	_, list, _ := runCLI(t, "list", dir)
	fields := strings.Split(strings.TrimRight(list, "\n"), "\t")
	if len(fields) != 5 || fields[3] != "Rock — paper & scissors" {
		t.Fatalf("list: %q", list)
	}
	_, jsonl, _ := runCLI(t, "list", "--json", dir)
	var a struct{ Title, Body string }
	if err := json.Unmarshal([]byte(jsonl), &a); err != nil {
		t.Fatalf("%v: %q", err, jsonl)
	}
	wantBody := "The café — open — says “AT&T”\u00a0today. hidden a&amp;b"
	if a.Title != "Rock — paper & scissors" || a.Body != wantBody {
		t.Errorf("list --json: title %q body %q, want body %q", a.Title, a.Body, wantBody)
	}
	code, show, errOut := runCLI(t, "show", fields[0], dir)
	if code != 0 {
		t.Fatalf("show: exit %d, %s", code, errOut)
	}
	for _, want := range []string{"Rock — paper & scissors", "The café — open — says “AT&T”", "hidden"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	for name, out := range map[string]string{"list": list, "list --json": jsonl, "show": show} {
		if strings.ContainsAny(out, "\x1b\u009b") || strings.Contains(out, "&mdash;") || strings.Contains(out, "#x1b") || strings.Contains(out, "&#27;") {
			t.Errorf("%s: %q", name, out)
		}
	}
}
