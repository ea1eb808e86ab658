package data

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsline/newsline/model"
)

// TestFindConfirmsInOrder: Library.Find's candidates, confirmed a few at a
// time in an order of the caller's choosing (as the list does, a screenful
// first), come to what the in-memory search finds, before the words are
// indexed (every article a candidate) and after; each Confirm decides a
// prefix of what it is given, returns its matches in that order, and stops
// once it has what it wants.
func TestFindConfirmsInOrder(t *testing.T) {
	ref, lib := phraseLibrary(t)
	r := rand.New(rand.NewPCG(1, 2))
	compare := func(when string) {
		for _, q := range phraseQueries(40) {
			found, err := lib.Find(context.Background(), q)
			if err != nil {
				t.Fatalf("%s: Find(%q): %v", when, q, err)
			}
			got := slices.Clone(found.IDs)
			todo := slices.Clone(found.Check)
			r.Shuffle(len(todo), func(i, j int) { todo[i], todo[j] = todo[j], todo[i] })
			for len(todo) > 0 {
				want := 1 + r.IntN(5)
				matched, decided, err := found.Confirm(context.Background(), todo, want)
				if err != nil || decided == 0 || decided > len(todo) {
					t.Fatalf("%s: Confirm(%q) decided %d of %d: %v", when, q, decided, len(todo), err)
				}
				if decided < len(todo) && len(matched) < want {
					t.Fatalf("%s: Confirm(%q) stopped with %d matches, wanted %d", when, q, len(matched), want)
				}
				if !inOrderWithin(matched, todo[:decided]) {
					t.Fatalf("%s: Confirm(%q) returned matches out of the order given", when, q)
				}
				got = append(got, matched...)
				todo = todo[decided:]
			}
			slices.Sort(got)
			got = slices.Compact(got)
			wantIDs := ref.Visible(model.Query{Search: q})
			slices.Sort(wantIDs)
			if !slices.Equal(got, wantIDs) {
				t.Errorf("%s: Find(%q) and its confirmations found %d articles, the in-memory search %d", when, q, len(got), len(wantIDs))
			}
		}
	}
	compare("before IndexText")
	if err := lib.IndexText(context.Background(), func(model.Batch) {}); err != nil {
		t.Fatal(err)
	}
	compare("after IndexText")
}

// inOrderWithin reports whether sub is a subsequence of list.
func inOrderWithin(sub, list []model.ID) bool {
	k := 0
	for _, id := range list {
		if k < len(sub) && sub[k] == id {
			k++
		}
	}
	return k == len(sub)
}
