package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// randomArticles makes n articles of a few files of several records, with
// dates, reads and titles that tie or are missing, and tags spelt in
// several ways, some of them folder names too.
func randomArticles(r *rand.Rand, n int) []Article {
	titles := []string{"Zebra", "école", "Ecole", "", "!!", "apple", "Äpple", "42", "zebra"}
	tags := []string{"Go", "go", "#GO", "Rust", "rust ", "Łódź", "lodz", "news", "", "#"}
	folders := []string{"", "news", "News", "sport", "Go"}
	out := make([]Article, 0, n)
	for len(out) < n {
		folder := folders[r.IntN(len(folders))]
		rel := fmt.Sprintf("%s/f%03d.jsonl", folder, r.IntN(1000))
		if folder == "" {
			rel = rel[1:]
		}
		for idx := range 1 + r.IntN(3) {
			a := Article{ID: NewID(rel, idx), Rel: rel, Path: "/root/" + rel, Index: idx, Reads: NoReads,
				Title: titles[r.IntN(len(titles))]}
			if r.IntN(5) > 0 {
				a.Date = time.Unix(1.7e9+int64(r.IntN(8))*3600, int64(r.IntN(3))).UTC()
			}
			if r.IntN(4) > 0 {
				a.Reads = r.IntN(5)
			}
			for range r.IntN(4) {
				a.Tags = append(a.Tags, tags[r.IntN(len(tags))])
			}
			if folder != "" {
				a.FolderTags = []string{folder}
			}
			out = append(out, a)
		}
	}
	return out
}

// randomQuery makes a query of random tags (some no article carries),
// exclusions, AnyTag, sort, Only and Keep.
func randomQuery(r *rand.Rand, arts []Article) Query {
	keys := []string{"go", "rust", "lodz", "łódź", "news", "sport", "none"}
	pick := func() []string {
		var out []string
		for range r.IntN(3) {
			out = append(out, keys[r.IntN(len(keys))])
		}
		return out
	}
	q := Query{Tags: pick(), Exclude: pick(), AnyTag: r.IntN(2) == 0, Sort: Sort(r.IntN(int(sortCount) + 1))}
	if r.IntN(3) == 0 {
		q.Only = map[ID]struct{}{}
		for _, a := range arts {
			if r.IntN(3) == 0 {
				q.Only[a.ID] = struct{}{}
			}
		}
	}
	if r.IntN(3) == 0 {
		read := map[ID]bool{}
		for _, a := range arts {
			read[a.ID] = r.IntN(2) == 0
		}
		q.Keep = func(id ID) bool { return !read[id] }
	}
	return q
}

// TestAdmitsAndCompareInAreVisible: filtering articles with Admits and
// sorting them with CompareIn gives what Visible gives, over random
// collections and queries.
func TestAdmitsAndCompareInAreVisible(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for round := range 300 {
		arts := randomArticles(r, 1+r.IntN(60))
		c := NewCollection(ExternalSearch())
		c.Apply(Batch{Articles: arts})
		all := c.Articles()
		for range 10 {
			q := randomQuery(r, all)
			want := c.Visible(q)
			var got []Article
			for _, a := range all {
				if q.Admits(&a) {
					got = append(got, a)
				}
			}
			slices.SortStableFunc(got, func(a, b Article) int { return CompareIn(q.Sort, &a, &b) })
			ids := make([]ID, len(got))
			for i := range got {
				ids[i] = got[i].ID
			}
			if !slices.Equal(ids, want) {
				t.Fatalf("round %d, query %+v: got %v, want %v", round, q, ids, want)
			}
		}
	}
}

// TestAdmitsCallsKeepLast: Keep is asked only about articles that passed
// Only and the tags, as Visible asks it.
func TestAdmitsCallsKeepLast(t *testing.T) {
	a := Article{ID: 1, Tags: []string{"Go"}}
	asked := 0
	keep := func(ID) bool { asked++; return true }
	for _, q := range []Query{
		{Tags: []string{"rust"}, Keep: keep},
		{Exclude: []string{"go"}, Keep: keep},
		{Only: map[ID]struct{}{2: {}}, Keep: keep},
	} {
		if q.Admits(&a) {
			t.Errorf("%+v admits %+v", q, a)
		}
	}
	if asked != 0 {
		t.Errorf("Keep asked %d times", asked)
	}
	if !(Query{Tags: []string{"go"}, Keep: keep}).Admits(&a) || asked != 1 {
		t.Errorf("Keep asked %d times, want 1", asked)
	}
}

// TestTagsFromSpellings: the tags built from the spellings EachTag counts
// are the collection's, after articles come and go.
func TestTagsFromSpellings(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for round := range 200 {
		arts := randomArticles(r, 1+r.IntN(80))
		c := NewCollection(ExternalSearch())
		c.Apply(Batch{Articles: arts})
		for _, a := range arts {
			if r.IntN(4) == 0 {
				c.Remove(a.ID)
			}
		}
		counts := map[TagSpelling]int{}
		for _, a := range c.Articles() {
			EachTag(&a, func(key, spelling string, folder bool) {
				counts[TagSpelling{Key: key, Spelling: spelling, Folder: folder}]++
			})
		}
		var spellings []TagSpelling
		for s, n := range counts {
			part := s
			part.Count = r.IntN(n + 1) // split in two, as two indexes would hold it
			s.Count = n - part.Count
			spellings = append(spellings, s, part)
		}
		r.Shuffle(len(spellings), func(i, j int) { spellings[i], spellings[j] = spellings[j], spellings[i] })
		if got, want := TagsFromSpellings(spellings), c.Tags(); !slices.Equal(got, want) {
			t.Fatalf("round %d: %v, want %v", round, got, want)
		}
	}
}
