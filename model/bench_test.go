package model

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"
)

var benchWords = []string{"harbour", "council", "Łódź", "market", "river", "science", "école", "budget", "festival", "東京", "railway", "storm", "garden", "museum", "energy"}

// BenchmarkVisibleOnly is the visible set of an external search's result
// (one article in ten, as "japrost" in a generated collection, and one in
// three) within 100,000.
func BenchmarkVisibleOnly(b *testing.B) {
	c := benchCollection(100_000)
	ids := c.IDs()
	for _, every := range []int{10, 3} {
		only := map[ID]struct{}{}
		for i := 0; i < len(ids); i += every {
			only[ids[i]] = struct{}{}
		}
		b.Run(fmt.Sprintf("only=%d", len(only)), func(b *testing.B) {
			for b.Loop() {
				c.last = lastQuery{}
				c.Visible(Query{Only: only})
			}
		})
		list := slices.Collect(maps.Keys(only))
		b.Run(fmt.Sprintf("ids=%d", len(list)), func(b *testing.B) {
			for b.Loop() {
				c.last = lastQuery{}
				c.Visible(Query{OnlyIDs: list})
			}
		})
	}
}

// benchCollection builds n articles with Zipf-distributed tags and ~600-byte bodies.
func benchCollection(n int) *Collection {
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.2, 1, 299)
	arts := make([]Article, n)
	for i := range arts {
		var body []byte
		for range 90 {
			body = append(body, benchWords[r.IntN(len(benchWords))]...)
			body = append(body, ' ')
		}
		rel := fmt.Sprintf("txt/%06d.txt", i)
		arts[i] = Article{
			ID: NewID(rel, 0), Path: rel, Rel: rel,
			Title: fmt.Sprintf("%s %s %d", benchWords[r.IntN(len(benchWords))], benchWords[r.IntN(len(benchWords))], i),
			Date:  time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(1e6)) * time.Minute),
			Reads: r.IntN(5000),
			Tags:  []string{fmt.Sprintf("tag%d", zipf.Uint64()), fmt.Sprintf("tag%d", zipf.Uint64())},
			Body:  string(body),
		}
	}
	c := NewCollection()
	for i := 0; i < n; i += 256 {
		c.Apply(Batch{Articles: arts[i:min(i+256, n)]})
	}
	return c
}

func BenchmarkApply10k(b *testing.B) {
	for b.Loop() {
		benchCollection(10_000)
	}
}

func BenchmarkVisible(b *testing.B) {
	c := benchCollection(100_000)
	for _, q := range []Query{
		{},
		{Sort: SortTitle},
		{Tags: []string{"tag1"}},
		{Tags: []string{"tag1", "tag2"}},
		{Search: "har"},
		{Search: "harbour mus", Tags: []string{"tag1"}},
	} {
		b.Run(fmt.Sprintf("tags=%v/search=%q/sort=%s", q.Tags, q.Search, q.Sort), func(b *testing.B) {
			for b.Loop() {
				c.last = lastQuery{} // a fresh query, not a narrowing
				c.Visible(q)
			}
		})
	}
}

// BenchmarkVisibleKeep keeps half of 100,000 articles through Query.Keep, a
// map lookup as the UI's marks are, alone and behind cheaper filters.
func BenchmarkVisibleKeep(b *testing.B) {
	c := benchCollection(100_000)
	ids := c.IDs()
	marked := make(map[ID]bool, len(ids)/2)
	for i := 0; i < len(ids); i += 2 {
		marked[ids[i]] = true
	}
	keep := func(id ID) bool { return marked[id] }
	for _, q := range []Query{
		{Keep: keep},
		{Keep: keep, Tags: []string{"tag1"}},
		{Keep: keep, Search: "har"},
	} {
		b.Run(fmt.Sprintf("tags=%v/search=%q", q.Tags, q.Search), func(b *testing.B) {
			for b.Loop() {
				c.last = lastQuery{}
				c.Visible(q)
			}
		})
	}
}

// BenchmarkVisibleExclude excludes the most used tags of 100,000 articles,
// alone, within a tag and within any of two.
func BenchmarkVisibleExclude(b *testing.B) {
	c := benchCollection(100_000)
	for _, q := range []Query{
		{Exclude: []string{"tag0"}},
		{Exclude: []string{"tag0", "tag1"}},
		{Tags: []string{"tag1"}, Exclude: []string{"tag0"}},
		{Tags: []string{"tag1", "tag2"}, AnyTag: true, Exclude: []string{"tag0"}},
	} {
		b.Run(fmt.Sprintf("tags=%v/any=%v/exclude=%v", q.Tags, q.AnyTag, q.Exclude), func(b *testing.B) {
			for b.Loop() {
				c.last = lastQuery{}
				c.Visible(q)
			}
		})
	}
}

func BenchmarkTagCounts(b *testing.B) {
	c := benchCollection(100_000)
	ids := c.Visible(Query{})
	b.Run("last-visible", func(b *testing.B) {
		for b.Loop() {
			c.TagCounts(ids)
		}
	})
	b.Run("other-ids", func(b *testing.B) {
		other := slices.Clone(ids)
		for b.Loop() {
			c.TagCounts(other)
		}
	})
}

func BenchmarkShortIDs(b *testing.B) {
	c := benchCollection(100_000)
	ids := c.IDs()
	for b.Loop() {
		shortLengths(ids)
	}
}

// BenchmarkSearchTyping types a query a letter at a time, as the search box
// does: one op is the whole word, each keystroke narrowing the last.
func BenchmarkSearchTyping(b *testing.B) {
	c := benchCollection(100_000)
	word := []rune("museum ener")
	for b.Loop() {
		c.last = lastQuery{}
		for i := 1; i <= len(word); i++ {
			c.Visible(Query{Search: string(word[:i])})
		}
	}
}

var benchSources = []string{"Harbour Gazette", "The Velmora Times", "Reuters", "Northern Courier", "Science Daily Wire", "東京新聞", "Le Monde", "Railway Weekly"}

// benchRecordArticle builds article i the way a warm start does: every string
// but Path is cut from one record string (the index row, which also holds
// binary fields), and Path is the root joined with Rel, built per article.
func benchRecordArticle(r *rand.Rand, zipf *rand.Zipf, i int) Article {
	var rec []byte
	var at [][2]int // start and end of each string in rec
	put := func(s string) {
		at = append(at, [2]int{len(rec), len(rec) + len(s)})
		rec = append(rec, s...)
		rec = append(rec, 0, 0, 0, 0) // varint lengths, flags, dates…
	}
	put(fmt.Sprintf("%06d.txt", i))
	var title []byte
	for len(title) < 50 {
		title = append(title, benchWords[r.IntN(len(benchWords))]...)
		title = append(title, ' ')
	}
	title = fmt.Appendf(title, "no. %d", i)
	put(string(title))
	put(benchSources[r.IntN(len(benchSources))])
	put(fmt.Sprintf("https://news.example.com/2024/%02d/%s-%d", 1+r.IntN(12), benchWords[r.IntN(len(benchWords))], i))
	put(fmt.Sprintf("Author %d", r.IntN(200)))
	nTags := 1 + r.IntN(5)
	for range nTags {
		tag := fmt.Sprintf("tag%d", zipf.Uint64())
		if r.IntN(10) == 0 {
			tag = "#Tag" + tag[3:] // another spelling of the same tag
		}
		put(tag)
	}
	s := string(rec)
	cut := func(k int) string { return s[at[k][0]:at[k][1]] }
	a := Article{
		Rel: cut(0), Index: 0, Title: cut(1), Source: cut(2), URL: cut(3), Author: cut(4),
		Date:  time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(1e6)) * time.Minute),
		Reads: r.IntN(5000),
	}
	for k := range nTags {
		a.Tags = append(a.Tags, cut(5+k))
	}
	a.ID = NewID(a.Rel, 0)
	a.Path = "/some/root/" + a.Rel
	return a
}

// BenchmarkCollectionMemory100k loads 100,000 articles into an
// external-search collection as a warm start does (batches of 4096 in
// collection order, strings cut from index records) and reports the heap the
// collection keeps.
func BenchmarkCollectionMemory100k(b *testing.B) {
	const n, batch = 100_000, 4096
	var inuse uint64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := rand.New(rand.NewPCG(1, 2))
		zipf := rand.NewZipf(r, 1.2, 1, 299)
		c := NewCollection(ExternalSearch())
		arts := make([]Article, 0, batch)
		for i := 0; i < n; {
			arts = arts[:0]
			for ; len(arts) < batch && i < n; i++ {
				arts = append(arts, benchRecordArticle(r, zipf, i))
			}
			c.Apply(Batch{Articles: arts, Progress: Progress{Articles: i}})
		}
		clear(arts[:cap(arts)]) // the batches are the loader's: drop them
		c.Apply(Batch{Progress: Progress{Articles: n, Done: true}})
		runtime.GC()
		runtime.ReadMemStats(&after)
		if c.Len() != n {
			b.Fatalf("Len = %d", c.Len())
		}
		runtime.KeepAlive(c)
		inuse = after.HeapInuse - before.HeapInuse
	}
	b.ReportMetric(float64(inuse)/1e6, "MB-heap")
	b.ReportMetric(float64(inuse)/n, "B/article")
}

// BenchmarkOrder rebuilds each sort order of 100,000 articles, as the first
// query after a change does.
func BenchmarkOrder(b *testing.B) {
	c := benchCollection(100_000)
	for _, s := range Sorts {
		b.Run(s.String(), func(b *testing.B) {
			for b.Loop() {
				c.orders = [sortCount][]int32{}
				c.order(s)
			}
		})
	}
}

// BenchmarkArticles puts 100,000 articles together again from the store:
// all of them (Articles, as the marks are read once a load ends), and one
// at a time (Article, as the list draws its rows).
func BenchmarkArticles(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.2, 1, 299)
	c := NewCollection(ExternalSearch())
	arts := make([]Article, 100_000)
	for i := range arts {
		arts[i] = benchRecordArticle(r, zipf, i)
	}
	c.Apply(Batch{Articles: arts})
	ids := c.IDs()
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			c.Articles()
		}
	})
	b.Run("one", func(b *testing.B) {
		i := 0
		for b.Loop() {
			c.Article(ids[i%len(ids)])
			i += 7919
		}
	})
}
