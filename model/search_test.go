package model

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestParseSearch(t *testing.T) {
	tests := []struct {
		in                      string
		words, phrases, exclude []string
	}{
		{"", nil, nil, nil},
		{"  \t", nil, nil, nil},
		{"harb coun", []string{"harb", "coun"}, nil, nil},
		{`"their may they"`, nil, []string{"their may they"}, nil},
		{`mayor "their may they" vote`, []string{"mayor", "vote"}, []string{"their may they"}, nil},
		{"-sport football", []string{"football"}, nil, []string{"sport"}},
		{`"unclosed`, nil, []string{"unclosed"}, nil},
		{`"unclosed phrase runs on`, nil, []string{"unclosed phrase runs on"}, nil},
		{`-"a b" c`, []string{"c"}, nil, []string{"a b"}},
		{`-"a b`, nil, nil, []string{"a b"}},
		{"x-ray", []string{"x", "ray"}, nil, nil}, // a '-' inside a word is text
		{"-x-ray", nil, nil, []string{"x ray"}},
		{"- lone", []string{"lone"}, nil, nil},
		{"lone -", []string{"lone"}, nil, nil},
		{"--x", nil, nil, []string{"x"}},
		{`cat"`, []string{"cat"}, nil, nil}, // a quote inside a word is text
		{`a"b c"`, []string{"a", "b", "c"}, nil, nil},
		{`"a b"c`, []string{"c"}, []string{"a b"}, nil},
		{`"" x`, []string{"x"}, nil, nil},
		{`"`, nil, nil, nil},
		{"-", nil, nil, nil},
		{`"Łódź, Straße"`, nil, []string{"lodz strasse"}, nil},
		{"-Café naïve", []string{"naive"}, nil, []string{"cafe"}},
		{`"東京の 新しい"`, nil, []string{"東京の 新しい"}, nil},
		{"東京 -大阪", []string{"東京"}, nil, []string{"大阪"}},
		{"a AND NEAR(b)", []string{"a", "and", "near", "b"}, nil, nil},
		{"-!!! x", []string{"x"}, nil, nil}, // folds to nothing
	}
	for _, tc := range tests {
		q := ParseSearch(tc.in)
		if !slices.Equal(q.Words, tc.words) || !slices.Equal(q.Phrases, tc.phrases) || !slices.Equal(q.Exclude, tc.exclude) {
			t.Errorf("ParseSearch(%q) = %q %q %q; want %q %q %q", tc.in, q.Words, q.Phrases, q.Exclude, tc.words, tc.phrases, tc.exclude)
		}
		if again := ParseSearch(q.String()); !sameSearch(again, q) {
			t.Errorf("ParseSearch(%q).String() = %q parses to %+v", tc.in, q.String(), again)
		}
	}
}

func sameSearch(a, b SearchQuery) bool {
	return slices.Equal(a.Words, b.Words) && slices.Equal(a.Phrases, b.Phrases) && slices.Equal(a.Exclude, b.Exclude)
}

func TestMatcherSyntax(t *testing.T) {
	a := Article{
		Title: "Their May They — a council vote",
		Body:  "The X-ray of the harbour: Łódź fans cheer football. 東京の新しい図書館",
		Tags:  []string{"Sport"},
	}
	tests := []struct {
		q    string
		want bool
	}{
		{`"their may they"`, true},
		{`"their may th"`, true}, // the last word is a prefix
		{`"their ma they"`, false},
		{`"may their"`, false},     // order counts
		{`"they a council"`, true}, // punctuation between is a space
		{`"heir may"`, false},      // the first word starts a word
		{`"their may they`, true},
		{`"x ray of"`, true},
		{"-sport football", false}, // the tag is searched
		{"-sprt football", true},
		{"-spo", false}, // an exclusion is a prefix too
		{`-"harbour lodz"`, false},
		{`-"harbour fans"`, true},
		{"-cricket", true}, // exclusions only: everything else
		{"-x-ray", false},
		{"-ray", false},
		{"x-ray", true},
		{`"lodz fans"`, true}, // accents fold
		{`"ŁÓDŹ FANS"`, true},
		{`"新しい図書"`, true}, // CJK anywhere
		{`"の新"`, true},
		{`"cheer football 東京"`, true},
		{`"football 新しい"`, false},
		{`-"新しい"`, false},
		{`""`, true},
		{"-", true},
	}
	for _, tc := range tests {
		if got := NewMatcher(tc.q).Match(&a); got != tc.want {
			t.Errorf("Match(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if !NewMatcher(`"" -`).Empty() || NewMatcher("-x").Empty() || NewMatcher(`"a"`).Empty() {
		t.Errorf("Empty: only a search with nothing to match is empty")
	}
}

// TestVisibleSyntax checks the collection and a Matcher agree on phrases and
// exclusions, narrowing or not, as a search is typed character by character.
func TestVisibleSyntax(t *testing.T) {
	c := fixture()
	for _, q := range []string{`"harbour reopens in" -zebra`, `-"body of" x`, `-cat -dog`, `"body of`} {
		for n := 0; n <= len(q); n++ {
			if !utf8.ValidString(q[:n]) {
				continue
			}
			m := NewMatcher(q[:n])
			var want []ID
			for _, id := range c.Visible(Query{}) {
				if a, _ := c.Article(id); m.Match(&a) {
					want = append(want, id)
				}
			}
			if got := c.Visible(Query{Search: q[:n]}); !slices.Equal(got, want) {
				t.Errorf("Visible(%q) = %v, Matcher finds %v", q[:n], titles(c, got), titles(c, want))
			}
		}
	}
}

// FuzzParseSearch checks that any search parses without panicking, into
// folded non-empty parts, and that its rendering parses back to it.
func FuzzParseSearch(f *testing.F) {
	for _, s := range []string{`"their may they"`, "-sport football", `"unclosed`, `-"a b"`, "x-ray", "Łódź -東京", `a"b "c`, "- -- ---x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseSearch(s)
		for _, part := range [][]string{q.Words, q.Phrases, q.Exclude} {
			for _, p := range part {
				if p == "" || Fold(p) != p {
					t.Fatalf("ParseSearch(%q): part %q is not folded", s, p)
				}
			}
		}
		if again := ParseSearch(q.String()); !sameSearch(again, q) {
			t.Fatalf("ParseSearch(%q) = %+v renders as %q, which parses to %+v", s, q, q.String(), again)
		}
	})
}
