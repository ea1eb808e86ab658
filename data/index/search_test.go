package index

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// corpus is a generated collection indexed once for the search tests,
// with model's own collection of the same articles as the reference.
type corpus struct {
	arts []model.Article
	ix   *Index
	ref  *model.Collection
}

var (
	corpusOnce sync.Once
	corpusVal  corpus
	corpusErr  error
)

func searchCorpus(t testing.TB) corpus {
	t.Helper()
	corpusOnce.Do(func() {
		arts := newGenerator(42, 100, 1500, 0.3).articles(scaled(2000))
		// A few articles that pin down edge cases of word boundaries.
		arts = append(arts,
			art("edge/1.txt", 0, "東京abc", "xab東cd 2024年の経済"),
			art("edge/2.txt", 0, "Ab東京", "Łódź ŁÓDŹ lodzkie"),
			art("edge/3.txt", 0, "", ""),
			art("edge/4.txt", 0, "AND OR NOT NEAR", `a "quoted" foo" -x * NEAR(a b)`),
			art("edge/5.txt", 0, "ﬁnance Straße ǅemal İstanbul", "ß"),
		)
		dir, err := tempDir()
		if err != nil {
			corpusErr = err
			return
		}
		ix, _, err := Open(context.Background(), dir+"/corpus.db")
		if err != nil {
			corpusErr = err
			return
		}
		// Every other chunk goes in as a first indexing does: metadata
		// first, text later (AddText), so that search covers both paths.
		bodies := map[string]map[int]string{}
		for k, chunk := range slices.Collect(slices.Chunk(files(arts), 200)) {
			if k%2 == 1 {
				chunk = slices.Clone(chunk)
				for c := range chunk {
					chunk[c].TextLater = true
					chunk[c].Articles = slices.Clone(chunk[c].Articles)
					for a := range chunk[c].Articles {
						art := &chunk[c].Articles[a]
						if bodies[art.Rel] == nil {
							bodies[art.Rel] = map[int]string{}
						}
						bodies[art.Rel][art.Index], art.Body = art.Body, ""
					}
				}
			}
			if err := ix.Apply(context.Background(), chunk); err != nil {
				corpusErr = err
				return
			}
		}
		pending, _, err := ix.Pending(context.Background())
		if err != nil {
			corpusErr = err
			return
		}
		for chunk := range slices.Chunk(pending, 150) {
			texts := make([]FileText, len(chunk))
			for k, p := range chunk {
				texts[k] = FileText{Rel: p.Rel, Bodies: bodies[p.Rel]}
			}
			if _, err := ix.AddText(context.Background(), texts); err != nil {
				corpusErr = err
				return
			}
		}
		ref := model.NewCollection()
		for i := range arts {
			arts[i].Path = "/news/" + arts[i].Rel
		}
		ref.Apply(model.Batch{Articles: arts})
		corpusVal = corpus{arts: arts, ix: ix, ref: ref}
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusVal
}

// searchQueries are the queries compared with model: fixed edge cases and
// prefixes of words drawn from the corpus.
func searchQueries(arts []model.Article) []string {
	qs := []string{
		"", " ", "\t\n", "a", "t", "th", "the", "lodz", "Łódź", "łódź", "LODZ", "Lódz", "lód", "łó", "ł",
		"strasse", "Straße", "stra", "ss", "aero", "Ærø", "naive", "naïve", "cafe", "café", "koln", "Köln",
		"istanbul", "İstanbul", "ﬁn", "finance", "dzemal", "ǅ", "odysseus", "οδυσ", "москва", "моск", "ки", "київ",
		"e-mail", "email", "e mail", "l'été", "lete", "ete", "co-op", "coop", "2024", "202", "20",
		"東", "東京", "東京都", "京", "京都", "大学", "研究", "天気", "ニュース", "ュー", "ニュ", "こんにちは", "んに",
		"서울", "울", "뉴스", "한국어", "국", "กรุงเทพ", "ข่าว", "ขาว", "ข", "年", "2024年", "24年", "4年の",
		"abc", "ab", "ab東", "b東", "東c", "cd", "xab", "b東京", "東京a", "東京abc", "京a",
		"a AND", "a OR b", "NOT x", `foo"`, `"`, `""`, "-x", "*", "a*", "NEAR(a b)", "NEAR", "near", "(", ")",
		"{x}", "x:y", "^a", "+a", "'", "'a'", "\x00", "\xff\xfe", "a\u0301", "\u200d", "🙂", "harbour harbour",
		"harb har ha", "harbour council", "council harbour", "zzzzzz", "the a", "and",
	}
	// Words of the corpus, their prefixes of 1-6 letters, and pairs.
	seen := map[string]bool{}
	var words []string
	for i := 0; i < len(arts) && len(words) < 80; i += 37 {
		for _, w := range strings.Fields(arts[i].Title) {
			if !seen[w] && len(words) < 80 {
				seen[w] = true
				words = append(words, strings.Trim(w, ",.()–"))
			}
		}
	}
	step := 1
	if scaled(4) < 4 {
		step = 3
	}
	for i := 0; i < len(words); i += step {
		w := words[i]
		for n := 1; n <= 6 && n <= utf8.RuneCountInString(w); n++ {
			qs = append(qs, string([]rune(w)[:n]))
		}
		qs = append(qs, w, strings.ToUpper(w), w+" "+words[(i*7+3)%len(words)])
		qs = append(qs, string([]rune(w)[:min(3, utf8.RuneCountInString(w))])+" "+words[(i*11+5)%len(words)])
	}
	for _, tag := range []string{"world", "sport", "science", "economie", "Économie", "local", "news", "łódź"} {
		qs = append(qs, tag, tag[:2])
	}
	return qs
}

// TestSearchMatchesModel checks, query by query, that Search finds exactly
// the articles model.Collection finds by scanning.
func TestSearchMatchesModel(t *testing.T) {
	c := searchCorpus(t)
	for _, q := range searchQueries(c.arts) {
		got := search(t, c.ix, q)
		want := map[model.ID]struct{}{}
		for _, id := range c.ref.Visible(model.Query{Search: q}) {
			want[id] = struct{}{}
		}
		if !maps.Equal(got, want) {
			t.Errorf("Search(%q): %d articles, model finds %d; %s", q, len(got), len(want), diff(c, got, want))
		}
	}
}

// diff names a few articles found by one side only.
func diff(c corpus, got, want map[model.ID]struct{}) string {
	var b strings.Builder
	n := 0
	for _, a := range c.arts {
		_, g := got[a.ID]
		_, w := want[a.ID]
		if g != w && n < 3 {
			n++
			fmt.Fprintf(&b, "\n\t%s#%d found by index %v, by model %v: %.120q", a.Rel, a.Index, g, w, haystack(&a))
		}
	}
	return b.String()
}

func TestSearchTerms(t *testing.T) {
	tests := []struct {
		q            string
		words, grams []string
	}{
		{"", nil, nil},
		{"Harbour harb HARBOUR coun", []string{"coun", "harbour"}, nil},
		{"a ab abc b", []string{"abc", "b"}, nil},
		{"東京都 東京 京 x東", nil, []string{"x東", "東京都"}},
		{`a AND "b" -c NEAR(d)`, []string{"and", "b", "c", "d", "near"}, nil},
	}
	for _, tc := range tests {
		w, g := searchTerms(tc.q)
		if !slices.Equal(w, tc.words) || !slices.Equal(g, tc.grams) {
			t.Errorf("searchTerms(%q) = %q, %q; want %q, %q", tc.q, w, g, tc.words, tc.grams)
		}
	}
}

func TestSearchManyWords(t *testing.T) {
	c := searchCorpus(t)
	// More words than one FTS5 expression takes, CJK and not.
	var q []string
	for i := range 300 {
		q = append(q, fmt.Sprintf("w%d", i), fmt.Sprintf("東%d", i))
	}
	if ids := search(t, c.ix, strings.Join(q, " ")); len(ids) != 0 {
		t.Errorf("found %d", len(ids))
	}
	// Many words that all match one article.
	a := c.arts[len(c.arts)-5]
	q = strings.Fields(model.Fold(a.Title + " " + a.Body))
	q = append(q, q...)
	ids := search(t, c.ix, strings.Join(q, " "))
	if _, ok := ids[a.ID]; !ok {
		t.Errorf("the article is not found by all its words")
	}
}

func TestSearchCancelled(t *testing.T) {
	c := searchCorpus(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.ix.Search(ctx, "the"); err == nil {
		t.Error("a cancelled search succeeded")
	}
}

func TestFTSText(t *testing.T) {
	tests := []struct{ hay, words, grams string }{
		{"plain words", "plain words", ""},
		{"a b a c b", "a b c", ""},
		{"東京abc x", " abc x ", "東京 京a ab bc c "},
		{"ab東 京", "ab  ", "ab b東 東 京 "},
	}
	for _, tc := range tests {
		w, g := ftsText(tc.hay)
		if strings.Join(strings.Fields(w), " ") != strings.Join(strings.Fields(tc.words), " ") || g != tc.grams {
			t.Errorf("ftsText(%q) = %q, %q; want %q, %q", tc.hay, w, g, tc.words, tc.grams)
		}
	}
}

func FuzzSearchQuery(f *testing.F) {
	for _, q := range []string{"", "a AND", `foo"`, "-x", `"`, "*", "NEAR(a b)", "東京", "ł", "a b c", "\x00\xff"} {
		f.Add(q)
	}
	c := searchCorpus(f)
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := c.ix.Search(context.Background(), q); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// TestFTSTextWordsOnce checks the words of ftsText against a map over
// texts of every size (the set grows past its first table), one after
// another (each call starts the set over).
func TestFTSTextWordsOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, n := range []int{0, 1, 10, 600, 5000, 30} {
		words := make([]string, n)
		for i := range words {
			words[i] = fmt.Sprintf("w%d", r.IntN(max(1, n*2/3)))
		}
		var want []string
		seen := map[string]bool{}
		for _, w := range words {
			if !seen[w] {
				seen[w] = true
				want = append(want, w)
			}
		}
		got, grams := ftsText(strings.Join(words, " "))
		if strings.Join(strings.Fields(got), " ") != strings.Join(want, " ") || grams != "" {
			t.Errorf("%d words: %d distinct words given, want %d", n, len(strings.Fields(got)), len(want))
		}
	}
}
