package ui

import "testing"

// The reader highlights the words of a search's phrases and not its
// excluded words (model.ParseSearch).
func TestHighlightSearchSyntax(t *testing.T) {
	tests := []struct{ search, in, want string }{
		{`"their may they"`, "Their, may they vote?", "{Their}, {may} {they} vote?"},
		{`"harbour coun`, "Harbour council", "{Harbour} {coun}cil"},
		{"-sport football", "sport and football", "sport and {football}"},
		{`-"a vote" vote`, "a vote", "a {vote}"},
		{"-vote", "a vote", "a vote"},
		{"x-ray", "X-ray", "{X}-{ray}"},
	}
	for _, tt := range tests {
		if got, want := highlight(tt.in, tt.search, testPaint), marked(tt.want); got != want {
			t.Errorf("highlight(%q, %q)\n got %q\nwant %q", tt.in, tt.search, got, want)
		}
	}
}
