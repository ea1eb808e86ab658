package foldgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableIsGenerated keeps the checked-in table what the generator makes
// of the Unicode data in use: a Go or golang.org/x/text version with new
// Unicode data, or an edit of the spelled list, fails here until the table
// is made again.
func TestTableIsGenerated(t *testing.T) {
	want, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "model", "fold_table.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("model/fold_table.go is not what internal/foldgen generates from %s; regenerate it with `go generate ./model`%s",
			UnicodeVersion(), firstDifference(got, want))
	}
}

// firstDifference describes the first line where got and want differ.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		gl, wl := lineAt(g, i), lineAt(w, i)
		if gl != wl {
			return fmt.Sprintf("\nfirst difference, line %d:\n  checked in: %s\n  generated:  %s", i+1, gl, wl)
		}
	}
	return ""
}

// lineAt is lines[i], or "(none)" past the end.
func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(none)"
}

// TestBuildRows checks the rule behind the rows on letters of each kind.
func TestBuildRows(t *testing.T) {
	table, err := build()
	if err != nil {
		t.Fatal(err)
	}
	rows := make(map[rune]string, len(table))
	for _, e := range table {
		rows[e.letter] = e.folded
	}
	for r, want := range map[rune]string{
		'É': "e", 'ǖ': "u", 'ῷ': "ω", 'Ώ': "ω", 'й': "и", 'Ё': "е", // decomposed
		'Ǣ': "æ", 'Ǿ': "ø", // decomposed to a spelled letter: model.Fold follows on
		'ł': "l", 'ß': "ss", 'ẞ': "ss", 'Æ': "ae", 'ǅ': "dz", // spelled
	} {
		if got, ok := rows[r]; !ok || got != want {
			t.Errorf("row %q = %q, %v; want %q", r, got, ok, want)
		}
	}
	// No row where unicode.ToLower already gives the folded form (İ, A,
	// Ω), and none outside the blocks (the Kelvin sign, fullwidth letters).
	for _, r := range []rune{'İ', 'A', 'a', 'Ω', 'ω', 'Ж', 'K', 'Ａ'} {
		if f, ok := rows[r]; ok {
			t.Errorf("row %q = %q; want none", r, f)
		}
	}
}

// TestSpelledChecks: a spelled letter that decomposes, is not a letter of
// the blocks, or is listed twice stops the generator.
func TestSpelledChecks(t *testing.T) {
	saved := spelled
	defer func() { spelled = saved }()
	for _, letters := range []string{"é", "Ａ", "1", "łł"} {
		spelled = []struct{ letters, as string }{{letters, "x"}}
		if _, err := Generate(); err == nil {
			t.Errorf("spelled %q: Generate succeeded; want an error", letters)
		}
	}
}
