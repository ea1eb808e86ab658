package data

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestProblemLines: a problem carries the line of its file where the
// parser knows it — a JSON Lines record's, a JSON syntax error's, a front
// matter error's (YAML, TOML), a text file's tag line — and 0 where it
// does not (a repaired encoding).
func TestProblemLines(t *testing.T) {
	tags := strings.Repeat("#t", 1) + " #" + strings.Repeat("x", maxTagLen+5)
	tests := []struct {
		name, text string
		line       int
	}{
		{"records.jsonl", "{\"title\": \"A\"}\n\n[1]\n{\"title\": \"B\"}\n", 3},
		{"array.json", "[\n  {\"title\": \"A\"},\n  7\n]\n", 3},
		{"broken.json", "{\"title\": \"A\",\n \"body\": \"b\",\n \"tags\": [1 2]}\n", 3},
		{"broken.jsonl", "{\"title\": \"A\"}\n{\"title\": \"B\"\n", 2},     // where the record starts
		{"yaml.md", "---\ntitle: A\ntags: [a, b\ndate: x\n---\nBody\n", 2}, // where yaml.v3 says
		{"yaml-list.md", "---\n- a\n- b\n---\nBody\n", 2},
		{"toml.md", "+++\ntitle = \"A\"\n\nreads = = 3\n+++\nBody\n", 4},
		{"tags.txt", "Title\n\nBody.\n\nMore\n\nTags: " + tags + "\n", 7},
		{"latin1.txt", "Caf\xe9\n\nBody.\n", 0},
	}
	fsys := fstest.MapFS{}
	for _, tt := range tests {
		fsys[tt.name] = file(tt.text)
	}
	l := loadFS(t, fsys, ".")
	got := map[string][]int{}
	for _, p := range l.probs {
		got[p.Path] = append(got[p.Path], p.Line)
	}
	for _, tt := range tests {
		lines := got[tt.name]
		if len(lines) == 0 || lines[0] != tt.line {
			t.Errorf("%s: problem lines %v, want %d first\n(problems %+v)", tt.name, lines, tt.line, l.probs)
		}
	}
}
