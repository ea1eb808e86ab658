package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/newsgen"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// phraseWords is a small vocabulary, so that random phrases are found.
var phraseWords = strings.Fields("their may they harbour council vote sport football café Łódź the of a x-ray 東京 天気 rain")

// phraseCollection writes n text files of random sentences (and a JSON
// Lines file of several records) from phraseWords.
func phraseCollection(tb testing.TB, dir string, n, words int) {
	rnd := rand.New(rand.NewPCG(7, uint64(n)))
	sentence := func(k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = phraseWords[rnd.IntN(len(phraseWords))]
		}
		return strings.Join(out, " ")
	}
	var lines []string
	for i := range n {
		body := sentence(words/2) + ". " + sentence(words/2) + "."
		testfs.WriteFile(tb, filepath.Join(dir, fmt.Sprintf("d%d", i%7), fmt.Sprintf("%d.txt", i)), sentence(3)+"\n\n"+body)
		if i%10 == 0 {
			lines = append(lines, fmt.Sprintf(`{"title": %q, "body": %q}`, sentence(2), body))
		}
	}
	testfs.WriteFile(tb, filepath.Join(dir, "briefs.jsonl"), strings.Join(lines, "\n"))
}

// phraseQueries are random searches with phrases and exclusions.
func phraseQueries(n int) []string {
	rnd := rand.New(rand.NewPCG(3, 4))
	word := func() string { return phraseWords[rnd.IntN(len(phraseWords))] }
	qs := []string{`"their may they"`, "-sport football", `"unclosed`, `-"a b"`, "x-ray", `-x-ray`, `"東京 天気"`, "-天"}
	for range n {
		parts := []string{`"` + word() + " " + word() + `"`}
		if rnd.IntN(2) == 0 {
			parts = append(parts, "-"+word())
		}
		if rnd.IntN(3) == 0 {
			parts = append(parts, `-"`+word()+" "+word()+`"`)
		}
		if rnd.IntN(3) == 0 {
			parts[0] = word()
		}
		qs = append(qs, strings.Join(parts, " "))
	}
	return qs
}

// phraseLibrary is a small phraseCollection, read into memory (the
// reference) and loaded through a library (rows only: IndexText is the
// caller's).
func phraseLibrary(t *testing.T) (*model.Collection, *Library) {
	t.Helper()
	dir := t.TempDir()
	phraseCollection(t, dir, 120, 12)
	ref, err := ReadAll(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := libraryLoad(t, dir, t.TempDir())
	return ref, lib
}

// TestLibrarySearchSyntax checks phrases and exclusions through the index
// against the in-memory search, before the words are indexed (a scan) and
// after (the index, then the text of the candidates).
func TestLibrarySearchSyntax(t *testing.T) {
	ref, lib := phraseLibrary(t)
	compare := func(when string) {
		for _, q := range phraseQueries(60) {
			got, err := lib.Search(context.Background(), q)
			if err != nil {
				t.Fatalf("%s: Search(%q): %v", when, q, err)
			}
			want := ref.Visible(model.Query{Search: q})
			missing := 0
			for _, id := range want {
				if _, ok := got[id]; !ok {
					missing++
				}
			}
			if len(got) != len(want) || missing > 0 {
				t.Errorf("%s: Search(%q) found %d articles, the in-memory search %d (%d missed)", when, q, len(got), len(want), missing)
			}
		}
	}
	compare("before IndexText")
	if err := lib.IndexText(context.Background(), func(model.Batch) {}); err != nil {
		t.Fatal(err)
	}
	compare("after IndexText")
}

// BenchmarkPhraseSearch searches 10,000 indexed files of 100 words for
// phrases: the candidates come from the index, their files are read to
// confirm the phrase. With a vocabulary of 18 words nearly every article
// holds every word: the worst case, where every file is read ("checked"
// reports how many articles were).
func BenchmarkPhraseSearch(b *testing.B) {
	dir := b.TempDir()
	phraseCollection(b, dir, 10_000, 100)
	benchSearches(b, dir, []string{"their may", `"their may they"`, `"their may they" -sport`, `-"their may"`, "-sport"})
}

// BenchmarkPhraseSearchNewsgen searches 10,000 generated articles (newsgen)
// for phrases of common and of rarer words: the candidates are what the
// index finds by the words, far fewer than every article.
func BenchmarkPhraseSearchNewsgen(b *testing.B) {
	dir := b.TempDir()
	if _, err := newsgen.Write(newsgen.Config{N: 10_000, Seed: 1, Out: dir}, 0); err != nil {
		b.Fatal(err)
	}
	title := strings.Fields(newsgen.Title(1, 42))
	benchSearches(b, dir, []string{"of the", `"of the"`, `"the is"`, `"` + strings.Join(title[:3], " ") + `"`, `-"of the"`})
}

// benchSearches indexes dir fully, then times each query through the
// library, reporting its hits and how many articles were read to confirm
// a phrase ("checked").
func benchSearches(b *testing.B, dir string, queries []string) {
	lib, _ := libraryLoad(b, dir, b.TempDir())
	if err := lib.IndexText(context.Background(), func(model.Batch) {}); err != nil {
		b.Fatal(err)
	}
	for _, q := range queries {
		b.Run(q, func(b *testing.B) {
			var n int
			for b.Loop() {
				ids, err := lib.Search(context.Background(), q)
				if err != nil {
					b.Fatal(err)
				}
				n = len(ids)
			}
			b.ReportMetric(float64(n), "hits")
			found, err := lib.libs[0].ix.Find(context.Background(), model.ParseSearch(q))
			if err != nil {
				b.Fatal(err)
			}
			checked := 0
			for _, f := range found.Check {
				checked += len(f.Articles)
			}
			b.ReportMetric(float64(checked), "checked")
		})
	}
}
