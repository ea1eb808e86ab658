package main

import "testing"

func TestScoreAsEvaluatePy(t *testing.T) {
	tests := []struct {
		name, truth, pred string
		p, r              float64
	}{
		{"same text", "the ferry crossed the estuary at dawn", "the ferry crossed the estuary at dawn", 1, 1},
		{"nothing found", "the ferry crossed the estuary at dawn", "", 0, 0},
		{"extra text lowers precision", "one two three four", "one two three four five", 0.5, 1},
		{"markup and punctuation are not words", "one, two; three four", "one two three four", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := score("x", tt.truth, tt.pred)
			if p, r := precision(s), recall(s); p != tt.p || r != tt.r {
				t.Errorf("precision %v recall %v, want %v %v", p, r, tt.p, tt.r)
			}
		})
	}
}

func TestPlainTextDropsMarkdownSyntax(t *testing.T) {
	got := plainText("## Head\n\nA [link](https://x.example/a) and [image: a boat](https://x.example/b.jpg) and [image](https://x.example/c.png), &lt;The Play&gt; by Ada\\_Moss.")
	want := "Head\n\nA link and  and , <The Play> by Ada_Moss.\n\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
