package main

import (
	"strings"
	"testing"
)

// TestListSearchSyntax checks phrases and exclusions in --search, through
// the index (twice: while and after its words are indexed) and in memory.
func TestListSearchSyntax(t *testing.T) {
	dir := writeCollection(t)
	cache := t.TempDir()
	tests := []struct {
		search string
		want   []string // titles, newest first
	}{
		{`"reopens after"`, []string{"Harbour of Velmora reopens after storm"}},
		{`"after storm`, []string{"Harbour of Velmora reopens after storm"}},
		{`"storm after"`, nil},
		{`after -"after a"`, []string{"Harbour of Velmora reopens after storm"}},
		{"-o", []string{"Undated note"}},
		{`"opens at midnight" -velm`, []string{"Library opens at midnight"}},
	}
	titles := func(args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"list"}, args...)...)
		if code != 0 {
			t.Fatalf("list %q: exit %d: %s", args, code, errOut)
		}
		var got []string
		for _, l := range lines(out) {
			if l != "" {
				got = append(got, strings.Split(l, "\t")[3])
			}
		}
		return strings.Join(got, "|")
	}
	for _, run := range []string{"first", "second"} {
		for _, tt := range tests {
			want := strings.Join(tt.want, "|")
			if got := titles("--cache-dir", cache, dir, "--search", tt.search); got != want {
				t.Errorf("%s indexed run, --search %q: %q, want %q", run, tt.search, got, want)
			}
			if got := titles("--no-cache", dir, "--search", tt.search); got != want {
				t.Errorf("in memory, --search %q: %q, want %q", tt.search, got, want)
			}
		}
	}
}
