package model

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestOrdersKeptAcrossBatches checks that the orders Apply extends for a
// load in collection order (and those it builds again after other changes)
// equal the orders sorted from scratch: ties, missing dates and reads, and
// titles that fold alike included.
func TestOrdersKeptAcrossBatches(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	titles := []string{"Zebra", "école", "Ecole", "", "apple", "Äpple", "42"}
	article := func(i int) Article {
		rel := fmt.Sprintf("f%02d/%05d.txt", i/50, i)
		a := Article{ID: NewID(rel, 0), Path: "/r/" + rel, Rel: rel, Reads: NoReads, Title: titles[r.IntN(len(titles))]}
		if r.IntN(5) > 0 {
			a.Date = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(20)) * time.Hour)
		}
		if r.IntN(4) > 0 {
			a.Reads = r.IntN(10)
		}
		return a
	}
	for _, external := range []bool{false, true} {
		var c *Collection
		if external {
			c = NewCollection(ExternalSearch())
		} else {
			c = NewCollection()
		}
		next := 0
		for step := range 40 {
			var b Batch
			switch step % 10 {
			case 7: // a replaced article
				b.Articles = []Article{article(r.IntN(next))}
				b.Articles[0].ID = c.entries[r.IntN(len(c.entries))].art.ID
			case 8: // one that sorts before the last
				a := article(r.IntN(next))
				a.Rel, a.Path, a.ID = a.Rel+"x", a.Path+"x", NewID(a.Rel+"x", 0)
				b.Articles = []Article{a}
			case 9:
				b.Removed = []ID{c.entries[r.IntN(len(c.entries))].art.ID}
			default:
				for range 1 + r.IntN(60) {
					b.Articles = append(b.Articles, article(next))
					next++
				}
			}
			c.Apply(b)
			for _, s := range Sorts {
				c.Visible(Query{Sort: s})
				want, _ := rows{c.entries, &c.store}.sorted(s, false)
				if got := c.orders[s]; !slices.Equal(got, want) {
					t.Fatalf("external=%v step %d, %s: order %v, want %v", external, step, s, got, want)
				}
			}
		}
	}
}

// TestTagCountsOfWholeCollection checks the fast path of TagCounts when the
// last visible set is every article (walked in collection order).
func TestTagCountsOfWholeCollection(t *testing.T) {
	c := benchCollection(500)
	ids := c.Visible(Query{Sort: SortReads})
	fast := c.TagCounts(ids)
	slow := c.TagCounts(slices.Clone(ids))
	if len(ids) != 500 || len(fast) == 0 || !maps.Equal(fast, slow) {
		t.Fatalf("%d visible: counts %v, want %v", len(ids), fast, slow)
	}
}

// TestTagNameKeptByCounts checks the display name count keeps against
// picking it from scratch, over random spellings and folder names counted
// in and out.
func TestTagNameKeptByCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	names := []string{"Go", "go", "GO", "golang", "Go"}
	for round := range 200 {
		te := tagEntry{spellings: map[string]int{}, folders: map[string]int{}}
		type counted struct {
			name   string
			folder bool
		}
		var in []counted
		for range 30 {
			if len(in) > 0 && r.IntN(4) == 0 {
				k := r.IntN(len(in))
				te.count(in[k].name, in[k].folder, -1)
				in = slices.Delete(in, k, k+1)
			} else {
				c := counted{names[r.IntN(len(names))], r.IntN(3) == 0}
				te.count(c.name, c.folder, 1)
				in = append(in, c)
			}
			want := mostCommon(te.folders)
			if len(te.spellings) > 0 {
				want = mostCommon(te.spellings)
			}
			if te.Name != want {
				t.Fatalf("round %d: name %q, want %q (spellings %v, folders %v)", round, te.Name, want, te.spellings, te.folders)
			}
		}
	}
}
