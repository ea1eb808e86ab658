package model

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The fixture's articles, in its newest-first order.
var (
	zebra   = NewID("tech/e.txt", 0)   // Tech, World; 2025-05-01
	lodz    = NewID("world/a.txt", 0)  // World, Politics; 2025-05-01
	harbour = NewID("world/c.txt", 0)  // World, Ports
	tokyo   = NewID("tech/d.json", 0)  // Tech, 日本
	comet   = NewID("science/b.md", 0) // Science; undated
)

// keepOnly returns a Keep that keeps the given articles, as the UI's
// "Unread" and "Starred" entries do with a lookup in their marks.
func keepOnly(ids ...ID) func(ID) bool {
	set := make(map[ID]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return func(id ID) bool { return set[id] }
}

func idSet(ids ...ID) map[ID]struct{} {
	set := make(map[ID]struct{}, len(ids))
	for _, id := range ids {
		set[id] = struct{}{}
	}
	return set
}

func TestVisibleExcludeAnyTagKeep(t *testing.T) {
	all := []ID{zebra, lodz, harbour, tokyo, comet}
	tests := []struct {
		name string
		q    Query
		want []ID
	}{
		{"exclude one", Query{Exclude: []string{"world"}}, []ID{tokyo, comet}},
		{"exclude two", Query{Exclude: []string{"world", "tech"}}, []ID{comet}},
		{"exclude a tag nobody has", Query{Exclude: []string{"nope"}}, all},
		{"exclude a tag nobody has, and one", Query{Exclude: []string{"nope", "tech"}}, []ID{lodz, harbour, comet}},
		{"exclude within tags", Query{Tags: []string{"world"}, Exclude: []string{"politics"}}, []ID{zebra, harbour}},
		{"exclude nobody's within tags", Query{Tags: []string{"world"}, Exclude: []string{"nope"}}, []ID{zebra, lodz, harbour}},
		{"wanted and excluded", Query{Tags: []string{"world"}, Exclude: []string{"world"}}, nil},
		{"all of two tags", Query{Tags: []string{"world", "tech"}}, []ID{zebra}},
		{"any of two tags", Query{Tags: []string{"politics", "tech"}, AnyTag: true}, []ID{zebra, lodz, tokyo}},
		{"any of one tag", Query{Tags: []string{"politics"}, AnyTag: true}, []ID{lodz}},
		{"any of a tag and an unknown one", Query{Tags: []string{"nope", "politics"}, AnyTag: true}, []ID{lodz}},
		{"any of unknown tags", Query{Tags: []string{"nope", "nada"}, AnyTag: true}, nil},
		{"any without tags", Query{AnyTag: true}, all},
		{"any with exclude", Query{Tags: []string{"world", "tech"}, AnyTag: true, Exclude: []string{"ports"}}, []ID{zebra, lodz, tokyo}},
		{"any with exclude, by title", Query{Tags: []string{"world", "science"}, AnyTag: true, Exclude: []string{"politics"}, Sort: SortTitle}, []ID{comet, harbour, zebra}},
		{"any with search", Query{Tags: []string{"politics", "tech"}, AnyTag: true, Search: "digital"}, []ID{zebra}},
		{"keep alone", Query{Keep: keepOnly(lodz, tokyo, comet)}, []ID{lodz, tokyo, comet}},
		{"keep nothing", Query{Keep: keepOnly()}, nil},
		{"keep by reads", Query{Keep: keepOnly(lodz, tokyo, comet), Sort: SortReads}, []ID{lodz, tokyo, comet}},
		{"keep with tags", Query{Tags: []string{"world"}, Keep: keepOnly(lodz, tokyo, comet)}, []ID{lodz}},
		{"keep with any", Query{Tags: []string{"ports", "science"}, AnyTag: true, Keep: keepOnly(lodz, tokyo, comet)}, []ID{comet}},
		{"keep with exclude", Query{Exclude: []string{"tech"}, Keep: keepOnly(lodz, tokyo, comet)}, []ID{lodz, comet}},
		{"keep with search", Query{Search: "zelazno", Keep: keepOnly(lodz, tokyo, comet)}, []ID{lodz}},
		{"keep dropping the search's match", Query{Search: "harbour", Keep: keepOnly(lodz, tokyo, comet)}, nil},
		{"keep with tags and search", Query{Tags: []string{"world"}, Search: "town", Keep: keepOnly(lodz, harbour)}, []ID{lodz}},
		{"keep with only", Query{Only: idSet(zebra, lodz, comet), Keep: keepOnly(lodz, tokyo, comet)}, []ID{lodz, comet}},
		{"keep and exclude with only", Query{Only: idSet(zebra, lodz, comet), Exclude: []string{"politics"}, Keep: keepOnly(zebra, lodz, comet)}, []ID{zebra, comet}},
	}
	c := fixture()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// After the previous case, which a wrong narrowing would walk
			// again, and fresh.
			got := c.Visible(tt.q)
			c.last = lastQuery{}
			fresh := c.Visible(tt.q)
			if !slices.Equal(got, tt.want) || !slices.Equal(fresh, tt.want) {
				t.Fatalf("got %v\nfresh %v\nwant %v", titles(c, got), titles(c, fresh), titles(c, tt.want))
			}
		})
	}
}

// TestVisibleKeepCalledAfterTags checks that Keep, the caller's lookup, is
// asked once about each article that passed Only and the tags, in the
// sort's order, before the search words and never about the others.
func TestVisibleKeepCalledAfterTags(t *testing.T) {
	tests := []struct {
		name  string
		q     Query
		asked []ID
	}{
		{"all", Query{}, []ID{zebra, lodz, harbour, tokyo, comet}},
		{"tags before keep, keep before search", Query{Tags: []string{"world"}, Search: "harbour"}, []ID{zebra, lodz, harbour}},
		{"exclude", Query{Exclude: []string{"world"}}, []ID{tokyo, comet}},
		{"any", Query{Tags: []string{"ports", "science"}, AnyTag: true, Sort: SortTitle}, []ID{comet, harbour}},
		{"only", Query{Only: idSet(comet, zebra), Tags: []string{"tech"}}, []ID{zebra}},
		{"unknown tag", Query{Tags: []string{"nope"}}, nil},
	}
	c := fixture()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asked []ID
			tt.q.Keep = func(id ID) bool { asked = append(asked, id); return true }
			c.Visible(tt.q)
			if !slices.Equal(asked, tt.asked) {
				t.Fatalf("Keep asked about %v, want %v", titles(c, asked), titles(c, tt.asked))
			}
		})
	}
}

// TestVisibleNarrowsOnlyWithSameFilters types a search while the other
// filters change between keystrokes: the previous result may be walked
// again only when it holds everything the new query selects.
func TestVisibleNarrowsOnlyWithSameFilters(t *testing.T) {
	c := NewCollection()
	reopens := art("a.txt", "Harbour reopens", day(2025, 1, 4), 0, "Ports")
	harbin := art("b.txt", "Harbin ice festival", day(2025, 1, 3), 0, "Culture")
	museum := art("c.txt", "Harbour museum opens", day(2025, 1, 2), 0, "Culture", "Ports")
	pilots := art("d.txt", "Harbour pilots strike", day(2025, 1, 1), 0, "Labour")
	c.Apply(Batch{Articles: []Article{reopens, harbin, museum, pilots}})
	steps := []struct {
		q    Query
		want []ID
	}{
		{Query{Search: "harb", Exclude: []string{"ports"}}, []ID{harbin.ID, pilots.ID}},
		{Query{Search: "harbo", Exclude: []string{"culture"}}, []ID{reopens.ID, pilots.ID}},
		{Query{Search: "harbou", Exclude: []string{"culture"}}, []ID{reopens.ID, pilots.ID}}, // narrows
		{Query{Search: "harbour", Exclude: []string{"culture", "labour"}}, []ID{reopens.ID}},
		{Query{Search: "harbour", Exclude: []string{"labour", "culture"}}, []ID{reopens.ID}}, // another order
		{Query{Search: "harbour"}, []ID{reopens.ID, museum.ID, pilots.ID}},
		{Query{Search: "harbour", Tags: []string{"culture", "labour"}}, nil},
		{Query{Search: "harbour", Tags: []string{"culture", "labour"}, AnyTag: true}, []ID{museum.ID, pilots.ID}},
		{Query{Search: "harbour", Tags: []string{"ports", "culture"}, AnyTag: true}, []ID{reopens.ID, museum.ID}},
		{Query{Search: "harbour", Tags: []string{"ports", "culture"}}, []ID{museum.ID}},
		{Query{Search: "harbour", Keep: keepOnly(museum.ID)}, []ID{museum.ID}},
		{Query{Search: "harbour o"}, []ID{reopens.ID, museum.ID, pilots.ID}}, // "o": "of" in every body
		{Query{Search: "harbour of", Keep: keepOnly(reopens.ID, pilots.ID)}, []ID{reopens.ID, pilots.ID}},
		{Query{Search: "harbour of h", Keep: keepOnly(museum.ID)}, []ID{museum.ID}},
		{Query{Search: "harbour of ha"}, []ID{reopens.ID, museum.ID, pilots.ID}},
	}
	for i, s := range steps {
		if got := c.Visible(s.q); !slices.Equal(got, s.want) {
			t.Fatalf("step %d (%q, tags %v, any %v, exclude %v, keep %v): %v, want %v",
				i, s.q.Search, s.q.Tags, s.q.AnyTag, s.q.Exclude, s.q.Keep != nil, titles(c, got), titles(c, s.want))
		}
	}
}

func TestQueryToggleExcludeDoesNotAlias(t *testing.T) {
	q := Query{Tags: make([]string, 2, 8), Exclude: make([]string, 1, 8)}
	q.Tags[0], q.Tags[1] = "a", "b"
	q.Exclude[0] = "x"
	tagsBefore, excludeBefore := slices.Clone(q.Tags[:cap(q.Tags)]), slices.Clone(q.Exclude[:cap(q.Exclude)])

	y, z := q.ToggleExclude("y"), q.ToggleExclude("z")
	if !slices.Equal(y.Exclude, []string{"x", "y"}) || !slices.Equal(z.Exclude, []string{"x", "z"}) {
		t.Fatalf("toggles aliased: %v %v", y.Exclude, z.Exclude)
	}
	if !y.Excludes("y") || y.Excludes("z") || !slices.Equal(y.Tags, q.Tags) {
		t.Fatalf("excluding y: %+v", y)
	}
	if back := y.ToggleExclude("y"); !slices.Equal(back.Exclude, []string{"x"}) || !y.Excludes("y") {
		t.Fatalf("remove: %v, original %v", back.Exclude, y.Exclude)
	}
	// Each list takes a tag from the other.
	if moved := q.ToggleExclude("a"); !slices.Equal(moved.Tags, []string{"b"}) || !slices.Equal(moved.Exclude, []string{"x", "a"}) {
		t.Fatalf("excluding a wanted tag: tags %v, exclude %v", moved.Tags, moved.Exclude)
	}
	if moved := q.ToggleTag("x"); !slices.Equal(moved.Tags, []string{"a", "b", "x"}) || len(moved.Exclude) != 0 {
		t.Fatalf("wanting an excluded tag: tags %v, exclude %v", moved.Tags, moved.Exclude)
	}
	if gone := q.ToggleTag("a"); !slices.Equal(gone.Tags, []string{"b"}) || !slices.Equal(gone.Exclude, []string{"x"}) {
		t.Fatalf("removing a wanted tag: tags %v, exclude %v", gone.Tags, gone.Exclude)
	}
	if gone := q.ToggleExclude("x"); !slices.Equal(gone.Tags, []string{"a", "b"}) || len(gone.Exclude) != 0 {
		t.Fatalf("removing an excluded tag: tags %v, exclude %v", gone.Tags, gone.Exclude)
	}
	// The sidebar's cycle: wanted, excluded, neither.
	if q := (Query{}).ToggleTag("k").ToggleExclude("k").ToggleExclude("k"); len(q.Tags) != 0 || len(q.Exclude) != 0 {
		t.Fatalf("cycle left tags %v, exclude %v", q.Tags, q.Exclude)
	}
	// Nothing above wrote into q's arrays, not even past their length.
	if !slices.Equal(q.Tags[:cap(q.Tags)], tagsBefore) || !slices.Equal(q.Exclude[:cap(q.Exclude)], excludeBefore) {
		t.Fatalf("the original changed: tags %q, exclude %q", q.Tags[:cap(q.Tags)], q.Exclude[:cap(q.Exclude)])
	}
}

// TestQueryTogglesKeepTagsDisjoint toggles at random and checks that no tag
// is ever both wanted and excluded, nor listed twice, and that each toggle
// leaves the key where it says.
func TestQueryTogglesKeepTagsDisjoint(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	keys := []string{"a", "b", "c", "d"}
	count := func(list []string, k string) int {
		n := 0
		for _, s := range list {
			if s == k {
				n++
			}
		}
		return n
	}
	var q Query
	for step := range 500 {
		key := keys[r.IntN(len(keys))]
		prev := q
		if r.IntN(2) == 0 {
			q = q.ToggleTag(key)
			if q.HasTag(key) == prev.HasTag(key) || q.Excludes(key) {
				t.Fatalf("step %d: ToggleTag(%q) on %+v gave %+v", step, key, prev, q)
			}
		} else {
			q = q.ToggleExclude(key)
			if q.Excludes(key) == prev.Excludes(key) || q.HasTag(key) {
				t.Fatalf("step %d: ToggleExclude(%q) on %+v gave %+v", step, key, prev, q)
			}
		}
		for _, k := range keys {
			if count(q.Tags, k) > 1 || count(q.Exclude, k) > 1 {
				t.Fatalf("step %d: %q listed twice in %+v", step, k, q)
			}
			if q.HasTag(k) && q.Excludes(k) {
				t.Fatalf("step %d: %q both wanted and excluded", step, k)
			}
			if k != key && (q.HasTag(k) != prev.HasTag(k) || q.Excludes(k) != prev.Excludes(k)) {
				t.Fatalf("step %d: toggling %q moved %q", step, key, k)
			}
		}
	}
}

// TestVisibleOnlyIDs: OnlyIDs selects what Only does, for sets of every
// size (the few sorted by rank, the many through a bitmap), in every sort,
// with tags and with the previous query narrowed; with both, their
// intersection. Duplicates and unknown IDs change nothing.
func TestVisibleOnlyIDs(t *testing.T) {
	c := benchCollection(2000)
	ids := c.IDs()
	r := rand.New(rand.NewPCG(5, 6))
	for round := range 60 {
		every := []int{1, 2, 7, 40, 500}[round%5]
		var list []ID
		only := map[ID]struct{}{}
		for _, id := range ids {
			if r.IntN(every) == 0 {
				list = append(list, id)
				only[id] = struct{}{}
			}
		}
		if len(list) > 0 {
			list = append(list, list[0], NewID("gone.txt", 9)) // a duplicate, an unknown
		}
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		q := Query{Sort: Sorts[round%len(Sorts)]}
		if round%3 == 0 {
			q.Tags = []string{"tag1"}
		}
		want := c.Visible(Query{Sort: q.Sort, Tags: q.Tags, Only: only})
		q.OnlyIDs = list
		if got := c.Visible(q); !slices.Equal(got, want) {
			t.Fatalf("round %d (one in %d): OnlyIDs gave %d articles, Only %d", round, every, len(got), len(want))
		}
		half := map[ID]struct{}{}
		for k, id := range ids {
			if k%2 == 0 {
				half[id] = struct{}{}
			}
		}
		q.Only = half
		var both []ID
		for _, id := range want {
			if _, ok := half[id]; ok {
				both = append(both, id)
			}
		}
		if got := c.Visible(q); !slices.Equal(got, both) {
			t.Fatalf("round %d: Only and OnlyIDs gave %d articles, want their intersection, %d", round, len(got), len(both))
		}
	}
	if got := c.Visible(Query{OnlyIDs: []ID{}}); len(got) != 0 {
		t.Fatalf("an empty OnlyIDs selects nothing, got %d", len(got))
	}
}
