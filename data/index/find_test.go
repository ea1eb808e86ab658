package index

import (
	"context"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsline/newsline/model"
)

// findAll answers q as data.Library does: Find, then the articles of Check
// confirmed against their text (here the corpus's articles).
func findAll(t *testing.T, c corpus, byID map[model.ID]*model.Article, q string) map[model.ID]struct{} {
	t.Helper()
	parsed := model.ParseSearch(q)
	found, err := c.ix.Find(context.Background(), parsed)
	if err != nil {
		t.Fatalf("Find(%q): %v", q, err)
	}
	m := model.MatcherOf(parsed)
	for _, f := range found.Check {
		for _, p := range f.Articles {
			if a := byID[p.ID]; a == nil || a.Rel != f.Rel || a.Index != p.Index {
				t.Fatalf("Find(%q): Check lists %s#%d as %v", q, f.Rel, p.Index, p.ID)
			} else if m.Match(a) {
				found.IDs[p.ID] = struct{}{}
			}
		}
	}
	return found.IDs
}

// syntaxQueries are fixed queries with phrases and exclusions, then random
// ones: runs of two to four words of an article's text (its last word cut
// at times), words of other articles to exclude, phrases to exclude.
func syntaxQueries(arts []model.Article, n int) []string {
	qs := []string{
		`"the harbour"`, `-the`, `-"of the"`, `-t -a -e`, `"東京"`, `-東京`, `"2024年の 経済"`, `"lodz lodzkie"`,
		`"ab東京 lodz"`, `-"東京 abc"`, `"quoted foo`, `-x`, `"`, `-""`, `- x-`, `"a b" -"a b"`,
		`"lod lodzkie"`, `"lodz lodzk"`, `"the har"`, `"of the" har`, `"東京 lodz"`, `"b東京 lodz"`, `"xab東cd 2024年"`, `-"lodz lodzk"`, `"ab東京 lodz lodz lodzkie"`,
	}
	rnd := rand.New(rand.NewPCG(11, 12))
	run := func() string {
		words := strings.Fields(model.SearchText(&arts[rnd.IntN(len(arts))]))
		if len(words) < 2 {
			return "x"
		}
		k := 2 + rnd.IntN(3)
		start := rnd.IntN(max(1, len(words)-k))
		phrase := words[start:min(len(words), start+k)]
		if last := []rune(phrase[len(phrase)-1]); rnd.IntN(3) == 0 && len(last) > 1 {
			phrase[len(phrase)-1] = string(last[:1+rnd.IntN(len(last)-1)])
		}
		return strings.Join(phrase, " ")
	}
	word := func() string {
		words := strings.Fields(arts[rnd.IntN(len(arts))].Title)
		if len(words) == 0 {
			return "x"
		}
		return words[rnd.IntN(len(words))]
	}
	for range n {
		var parts []string
		switch rnd.IntN(4) {
		case 0:
			parts = append(parts, `"`+run()+`"`)
		case 1:
			parts = append(parts, `"`+run()+`"`, "-"+word())
		case 2:
			parts = append(parts, word(), `-"`+run()+`"`)
		default:
			parts = append(parts, "-"+word(), "-"+word())
		}
		if rnd.IntN(3) == 0 {
			parts = append(parts, word())
		}
		rnd.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		qs = append(qs, strings.Join(parts, " "))
	}
	return qs
}

// TestFindMatchesModel checks that phrases and exclusions through the
// index, confirmed against the text, find what model.Collection finds.
func TestFindMatchesModel(t *testing.T) {
	c := searchCorpus(t)
	byID := make(map[model.ID]*model.Article, len(c.arts))
	for i := range c.arts {
		byID[c.arts[i].ID] = &c.arts[i]
	}
	for _, q := range syntaxQueries(c.arts, scaled(300)) {
		got := findAll(t, c, byID, q)
		want := map[model.ID]struct{}{}
		for _, id := range c.ref.Visible(model.Query{Search: q}) {
			want[id] = struct{}{}
		}
		if !maps.Equal(got, want) {
			t.Errorf("Find(%q): %d articles, model finds %d; %s", q, len(got), len(want), diff(c, got, want))
		}
	}
}

// TestFindChecksOnlyPhrases checks that the index decides words and
// excluded words alone, and asks for the text of phrase candidates only.
func TestFindChecksOnlyPhrases(t *testing.T) {
	c := searchCorpus(t)
	for q, check := range map[string]bool{"the harb": false, "-the": false, "harb -the": false, `"the harb"`: true, `"the"`: false, "-東京": false, `-"東京 lodz"`: true} {
		found, err := c.ix.Find(context.Background(), model.ParseSearch(q))
		if err != nil {
			t.Fatal(err)
		}
		if (len(found.Check) > 0) != check {
			t.Errorf("Find(%q): %d files to check, want some: %v", q, len(found.Check), check)
		}
	}
}

// A phrase's words but the last are whole words, CJK aside.
func TestTermsOf(t *testing.T) {
	got := termsOf([]string{"harb"}, []string{"the harb", "東京 lodz x", ""})
	want := terms{words: []string{"harb", "x"}, exact: []string{"lodz", "the"}, grams: []string{"東京"}}
	if !slices.Equal(got.words, want.words) || !slices.Equal(got.exact, want.exact) || !slices.Equal(got.grams, want.grams) {
		t.Errorf("termsOf = %+v, want %+v", got, want)
	}
}

// Words of three letters, which the index has no prefix index for, go to
// it as their first two when every candidate is checked anyway.
func TestLoosened(t *testing.T) {
	got := loosened([]string{"the", "harbour", "thx", "łód", "ab", "abcd", "zz"})
	want := []string{"abcd", "harbour", "th", "zz", "łó"} // ab: abcd implies it
	if !slices.Equal(got, want) {
		t.Errorf("loosened = %q, want %q", got, want)
	}
}

// Find takes any SearchQuery, not only ParseSearch's: empty parts are
// nothing to match.
func TestFindEmptyParts(t *testing.T) {
	c := searchCorpus(t)
	found, err := c.ix.Find(context.Background(), model.SearchQuery{Words: []string{""}, Phrases: []string{"", " "}, Exclude: []string{"", " "}})
	if err != nil || len(found.IDs) == 0 {
		t.Errorf("Find with empty parts: %d articles, %v", len(found.IDs), err)
	}
}
