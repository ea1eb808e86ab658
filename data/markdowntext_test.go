package data

import "testing"

func TestMarkdownText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "One *two* **three**.\nSame paragraph.\n\nNext one.", "One two three. Same paragraph.\n\nNext one."},
		{"heading", "## Council votes\n\nText.", "Council votes\n\nText."},
		{"link shows its target", "See [the report](https://example.org/r) now.", "See the report (https://example.org/r) now."},
		{"lying link", "[https://bank.example](javascript:alert(1))", "https://bank.example (javascript:alert(1))"},
		{"autolink", "<https://example.com/x>", "https://example.com/x"},
		{"image", "![a cat](cat.png)", "a cat (image: cat.png)"},
		{"tight list", "- apples\n- pears\n\nAfter.", "- apples\n- pears\n\nAfter."},
		{"ordered list", "3. third\n4. fourth", "3. third\n4. fourth"},
		{"nested list", "- parent one\n  - child a\n  - child b\n- parent two\n\nAfter.", "- parent one\n  - child a\n  - child b\n- parent two\n\nAfter."},
		{"nested ordered", "1. one\n   1. one.one\n      - deep\n2. two", "1. one\n  1. one.one\n    - deep\n2. two"},
		{"loose nested list", "- parent\n\n  - child a\n\n  - child b\n- next", "- parent\n\n  - child a\n\n  - child b\n\n- next"},
		{"list in a quote", "> - a\n>   - b\n\nText.", "- a\n  - b\n\nText."},
		{"code", "```\nx := 1\n```\n\nText `inline`.", "x := 1\n\nText inline."},
		{"html dropped", "Hi <b>there</b>.\n\n<div>gone</div>", "Hi there."},
		{"quote", "> Quoted words.\n\nReply.", "Quoted words.\n\nReply."},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", "a  b\n1  2"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MarkdownText(tt.in); got != tt.want {
				t.Errorf("MarkdownText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzMarkdownText(f *testing.F) {
	for _, s := range []string{"# T\n\nbody", "- [x](y)\n- *z*", "```\ncode", "<div>", "| a |\n|---|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		MarkdownText(s) // must not panic or hang
	})
}
