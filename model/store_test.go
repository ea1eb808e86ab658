package model

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestStoreGivesArticlesBack applies random batches — files of many
// articles, paths with and without a shared prefix, odd dates, nil and
// empty tag lists, replacements and removals (enough to compact the store)
// — and checks that every article comes back exactly as it went in.
func TestStoreGivesArticlesBack(t *testing.T) {
	defer func(n int) { maxChunk = n }(maxChunk)
	for _, external := range []bool{false, true} {
		maxChunk = 1 << 30
		if external {
			maxChunk = 300 // compacted into many chunks
		}
		r := rand.New(rand.NewPCG(11, 12))
		c := newTestCollection(external)
		live := map[ID]Article{}
		for round := range 300 {
			var b Batch
			for id := range live {
				if r.IntN(3) == 0 {
					b.Removed = append(b.Removed, id)
					delete(live, id)
				}
				if len(b.Removed) > 20 {
					break
				}
			}
			for range r.IntN(60) {
				a := randomArticle(r, round, external)
				b.Articles = append(b.Articles, a)
				live[a.ID] = a
			}
			c.Apply(b)
		}
		if c.Len() != len(live) {
			t.Fatalf("external=%v: %d articles, want %d", external, c.Len(), len(live))
		}
		for id, want := range live {
			got, ok := c.Article(id)
			if !ok || !reflect.DeepEqual(got, want) {
				t.Fatalf("external=%v: article %x\n got %#v\nwant %#v", external, id, got, want)
			}
		}
		for _, got := range c.Articles() { // put together in bulk
			if want := live[got.ID]; !reflect.DeepEqual(got, want) {
				t.Fatalf("external=%v: Articles: %x\n got %#v\nwant %#v", external, got.ID, got, want)
			}
		}
		t.Logf("external=%v: %d chunks, %d of %d bytes dead", external, len(c.store.chunks), c.store.dead, c.store.size)
		if len(c.store.chunks) > 1 && c.store.dead > c.store.size/2+1<<16 {
			t.Errorf("external=%v: %d dead bytes of %d were not compacted", external, c.store.dead, c.store.size)
		}
	}
}

// randomArticle makes an article of one of a few files, with every field
// set at random, some to values a Unix time or a varint must carry exactly.
func randomArticle(r *rand.Rand, round int, external bool) Article {
	rel := fmt.Sprintf("d%d/%02d.json", r.IntN(3), r.IntN(30))
	a := Article{Rel: rel, Index: r.IntN(4), Reads: r.IntN(100) - 1, Format: Format(r.IntN(3))}
	switch r.IntN(4) {
	case 0:
		a.Path = "/root/" + rel
	case 1:
		a.Path = rel
	case 2:
		a.Path = "/elsewhere/x.json" // not ending with Rel
	default:
		a.Path = "/other root/" + rel
	}
	a.ID = NewID(rel, a.Index)
	a.Title = fmt.Sprintf("Title %d of round %d é", r.IntN(1000), round)
	switch r.IntN(5) {
	case 0: // unknown
	case 1:
		a.Date = time.Date(2024, 3, 1, 0, 0, 0, r.IntN(1e9), time.UTC)
	case 2:
		a.Date = time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)
	case 3:
		a.Date = time.Date(2024, 3, 1, 12, 0, 0, 0, time.FixedZone("X", 3600)) // another location
	default:
		a.Date = time.Date(-300, 3, 1, 12, 0, 0, 0, time.UTC)
	}
	if r.IntN(10) == 0 {
		a.Reads, a.Index, a.Offset, a.Length = 1<<40, 1<<33, -1, 1<<35
	} else {
		a.Offset, a.Length = r.IntN(5000), r.IntN(5000)
	}
	a.Source, a.URL, a.Author = fmt.Sprint("Source ", r.IntN(3)), fmt.Sprint("https://x/", r.IntN(1e6)), ""
	words := []string{"World", "world", "#Tech", " science ", "", "ports"}
	switch r.IntN(3) {
	case 0:
		a.Tags = []string{}
	case 1:
		for range 1 + r.IntN(4) {
			a.Tags = append(a.Tags, words[r.IntN(len(words))])
		}
	}
	if r.IntN(2) == 0 {
		a.FolderTags = []string{rel[:2]}
	}
	if !external {
		a.Body = fmt.Sprint("body ", r.IntN(1e6))
	}
	return a
}

// TestRadixSortNums checks the numeric orders' radix sort against a
// comparison sort: missing last, then by number, ties in idx order.
func TestRadixSortNums(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for round := range 200 {
		n := r.IntN(300)
		keys := make([]numIdx, n)
		for i := range keys {
			keys[i] = numIdx{idx: int32(i), missing: r.IntN(8) == 0}
			switch r.IntN(4) {
			case 0:
				keys[i].num = int64(r.IntN(5)) - 2 // many ties, around zero
			case 1:
				keys[i].num = r.Int64() - 1<<62
			case 2:
				keys[i].num = []int64{-1 << 63, 1<<63 - 1, -62135596800}[r.IntN(3)]
			default:
				keys[i].num = 1_700_000_000 + int64(r.IntN(1000))
			}
		}
		want := append([]numIdx(nil), keys...)
		slices.SortStableFunc(want, func(a, b numIdx) int {
			if a.missing != b.missing {
				if a.missing {
					return 1
				}
				return -1
			}
			return cmp.Compare(a.num, b.num)
		})
		if got := radixSortNums(keys); !slices.Equal(got, want) {
			t.Fatalf("round %d: %v\nwant %v", round, got, want)
		}
	}
}
