package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var benchWords = []string{"harbour", "council", "Łódź", "market", "river", "science", "école", "budget", "festival", "東京", "railway", "storm", "garden", "museum", "energy"}

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
