package model

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// art builds an article at rel (index 0) with the given title and tags.
func art(rel, title string, date time.Time, reads int, tags ...string) Article {
	return Article{ID: NewID(rel, 0), Path: rel, Rel: rel, Title: title, Date: date, Reads: reads, Tags: tags, Body: "Body of " + title}
}

func fixture() *Collection {
	c := NewCollection()
	c.Apply(Batch{Articles: []Article{
		art("world/c.txt", "Harbour reopens in Velmora", day(2025, 3, 2), 120, "World", "Ports"),
		art("world/a.txt", "Łódź-like town Żelazno votes", day(2025, 5, 1), 900, "world", "Politics"),
		art("science/b.md", "Comet named after a cat", time.Time{}, NoReads, "Science"),
		art("tech/d.json", "東京の新しい図書館が開館", day(2024, 1, 9), 15, "Tech", "日本"),
		art("tech/e.txt", "zebra crossings go digital", day(2025, 5, 1), 900, "#Tech", "World"),
	}})
	return c
}

func titles(c *Collection, ids []ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		a, _ := c.Article(id)
		out[i] = a.Title
	}
	return out
}

func TestCollectionOrderAndReplace(t *testing.T) {
	c := fixture()
	var rels []string
	for _, id := range c.IDs() {
		a, _ := c.Article(id)
		rels = append(rels, a.Rel)
	}
	want := []string{"science/b.md", "tech/d.json", "tech/e.txt", "world/a.txt", "world/c.txt"}
	if !slices.Equal(rels, want) {
		t.Fatalf("collection order = %v, want %v", rels, want)
	}
	// Replacing an article keeps one copy and updates tag counts.
	c.Apply(Batch{Articles: []Article{art("world/c.txt", "Harbour closes again", day(2025, 3, 3), 121, "World")}})
	if c.Len() != 5 {
		t.Fatalf("Len after replace = %d, want 5", c.Len())
	}
	if tag, _ := c.Tag("ports"); tag.Count != 0 {
		t.Errorf("ports count after replace = %d, want 0", tag.Count)
	}
	if _, ok := c.Tag("ports"); ok {
		t.Errorf("a tag nobody carries must be gone")
	}
	// A batch repeating an ID keeps the last one.
	c.Apply(Batch{Articles: []Article{art("x.txt", "first", time.Time{}, 1), art("x.txt", "second", time.Time{}, 2)}})
	a, _ := c.Article(NewID("x.txt", 0))
	if c.Len() != 6 || a.Title != "second" {
		t.Fatalf("duplicate in batch: len %d title %q", c.Len(), a.Title)
	}
	c.Remove(NewID("x.txt", 0), NewID("world/a.txt", 0))
	if c.Len() != 4 {
		t.Fatalf("Len after remove = %d", c.Len())
	}
	if tag, _ := c.Tag("politics"); tag.Count != 0 {
		t.Errorf("politics survived removal")
	}
}

func TestTagsCountSpellingAndOrder(t *testing.T) {
	c := fixture()
	var got []string
	for _, tg := range c.Tags() {
		got = append(got, fmt.Sprintf("%s=%d", tg.Name, tg.Count))
	}
	// world: 3 (World, world, World) → "World"; tech: 2 ("Tech", "#Tech" → Tech).
	want := []string{"World=3", "Tech=2", "Politics=1", "Ports=1", "Science=1", "日本=1"}
	if !slices.Equal(got, want) {
		t.Fatalf("tags = %v, want %v", got, want)
	}
	if names := c.ArticleTags(NewID("tech/e.txt", 0)); !slices.Equal(names, []string{"Tech", "World"}) {
		t.Errorf("article tags = %v", names)
	}
}

func TestVisibleTagsAllMustMatch(t *testing.T) {
	c := fixture()
	got := titles(c, c.Visible(Query{Tags: []string{"world", "tech"}}))
	if !slices.Equal(got, []string{"zebra crossings go digital"}) {
		t.Fatalf("world+tech = %v", got)
	}
	if got := c.Visible(Query{Tags: []string{"nope"}}); len(got) != 0 {
		t.Fatalf("unknown tag selects %d", len(got))
	}
	counts := c.TagCounts(c.Visible(Query{Tags: []string{"world"}}))
	if counts["world"] != 3 || counts["tech"] != 1 || counts["science"] != 0 {
		t.Fatalf("counts within filter = %v", counts)
	}
}

func TestSorts(t *testing.T) {
	c := fixture()
	tests := []struct {
		sort Sort
		want []string
	}{
		// Ties (same date) keep collection order: tech/e before world/a. Undated last.
		{SortNewest, []string{"zebra crossings go digital", "Łódź-like town Żelazno votes", "Harbour reopens in Velmora", "東京の新しい図書館が開館", "Comet named after a cat"}},
		{SortOldest, []string{"東京の新しい図書館が開館", "Harbour reopens in Velmora", "zebra crossings go digital", "Łódź-like town Żelazno votes", "Comet named after a cat"}},
		{SortReads, []string{"zebra crossings go digital", "Łódź-like town Żelazno votes", "Harbour reopens in Velmora", "東京の新しい図書館が開館", "Comet named after a cat"}},
		{SortTitle, []string{"Comet named after a cat", "Harbour reopens in Velmora", "Łódź-like town Żelazno votes", "zebra crossings go digital", "東京の新しい図書館が開館"}},
	}
	for _, tt := range tests {
		t.Run(tt.sort.String(), func(t *testing.T) {
			if got := titles(c, c.Visible(Query{Sort: tt.sort})); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestSortCycleAndParse(t *testing.T) {
	s := SortNewest
	var seen []string
	for range 5 {
		seen = append(seen, s.String())
		s = s.Next()
	}
	if !slices.Equal(seen, []string{"newest", "oldest", "reads", "title", "newest"}) {
		t.Fatalf("cycle = %v", seen)
	}
	for _, name := range []string{"newest", "OLDEST", "reads", "title"} {
		if _, err := ParseSort(name); err != nil {
			t.Errorf("ParseSort(%q): %v", name, err)
		}
	}
	if _, err := ParseSort("popular"); err == nil {
		t.Errorf("ParseSort(popular) must fail")
	}
}

func TestSearch(t *testing.T) {
	c := fixture()
	tests := []struct {
		q    string
		want int
	}{
		{"harbour", 1},
		{"HARB", 1},   // prefix, any case
		{"arbour", 0}, // not at a word start
		{"lodz", 1},   // accents and ł fold
		{"zelazno vot", 1},
		{"zelazno cat", 0}, // every word must match
		{"図書館", 1},         // CJK anywhere
		{"新しい", 1},
		{"日本", 1}, // tags are searched
		{"body of", 5},
		{"", 5},
		{"  ", 5},
		{"-cat", 4}, // a leading - excludes (search.go); other syntax is text
		{`cat"`, 1},
		{"cat OR comet", 0},
	}
	for _, tt := range tests {
		if got := c.Visible(Query{Search: tt.q}); len(got) != tt.want {
			t.Errorf("search %q: %d results, want %d (%v)", tt.q, len(got), tt.want, titles(c, got))
		}
		// A Matcher, which scans files the index lacks, agrees article by article.
		m := NewMatcher(tt.q)
		var matched []ID
		for _, id := range c.IDs() {
			if a, _ := c.Article(id); m.Match(&a) {
				matched = append(matched, id)
			}
		}
		got := slices.Clone(c.Visible(Query{Search: tt.q}))
		slices.Sort(got)
		slices.Sort(matched)
		if !slices.Equal(matched, got) {
			t.Errorf("Matcher(%q) matches %v, Visible %v", tt.q, titles(c, matched), titles(c, got))
		}
		if m.Empty() != (strings.TrimSpace(tt.q) == "") {
			t.Errorf("Matcher(%q).Empty() = %v", tt.q, m.Empty())
		}
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Łódź":            "lodz",
		"Straße":          "strasse",
		"İstanbul":        "istanbul",
		"Ærø":             "aero",
		"  Hello, World!": "hello world",
		"e\u0301te":       "ete", // decomposed accent
		"東京":              "東京",
		"Αθήνα":           "αθηνα",
		"naïve—café":      "naive cafe",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTagKey(t *testing.T) {
	for in, want := range map[string]string{"#France": "france", " FRANCE ": "france", "##x": "x", "#": ""} {
		if got := TagKey(in); got != want {
			t.Errorf("TagKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShortIDUniquePrefix(t *testing.T) {
	c := NewCollection()
	var arts []Article
	for i := range 5000 {
		arts = append(arts, art(fmt.Sprintf("f%05d.txt", i), "t", time.Time{}, 0))
	}
	c.Apply(Batch{Articles: arts})
	seen := map[string]bool{}
	longer := 0
	for _, id := range c.IDs() {
		s := c.ShortID(id)
		if len(s) < 6 {
			t.Fatalf("short ID %q under 6 digits", s)
		}
		if len(s) > 6 {
			longer++
		}
		if seen[s] {
			t.Fatalf("short ID %q not unique", s)
		}
		seen[s] = true
	}
	for _, id := range c.IDs()[:50] {
		s := c.ShortID(id)
		got, err := c.Resolve(s)
		if err != nil || got != id {
			t.Fatalf("Resolve(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := c.Resolve("zz"); err == nil {
		t.Errorf("Resolve of a non-ID must fail")
	}
	if _, err := c.Resolve(""); err == nil {
		t.Errorf("Resolve of empty must fail")
	}
}

func TestShortLengthsFromSharedDigits(t *testing.T) {
	ids := []ID{0xabcdef1234000000, 0xabcdef1299000000, 0x1000000000000000}
	got := shortLengths(ids)
	if got[ids[0]] != 9 || got[ids[1]] != 9 || got[ids[2]] != 6 {
		t.Fatalf("lengths = %v", got)
	}
}

func TestQueryToggleTagDoesNotAlias(t *testing.T) {
	q := Query{Tags: make([]string, 1, 4)}
	q.Tags[0] = "a"
	q1 := q.ToggleTag("b")
	q2 := q.ToggleTag("c")
	if !slices.Equal(q1.Tags, []string{"a", "b"}) || !slices.Equal(q2.Tags, []string{"a", "c"}) {
		t.Fatalf("toggles aliased: %v %v", q1.Tags, q2.Tags)
	}
	if q3 := q1.ToggleTag("a"); !slices.Equal(q3.Tags, []string{"b"}) || !q1.HasTag("a") {
		t.Fatalf("remove: %v, original %v", q3.Tags, q1.Tags)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Łódź", "東京の天気", "a\u0301", "", "İı", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if again := Fold(once); again != once {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, once, again)
		}
		if len(once) > 0 && (once[0] == ' ' || once[len(once)-1] == ' ') {
			t.Fatalf("Fold(%q) = %q has outer spaces", s, once)
		}
		// Appended after text ending in a space, it leaves that text be.
		if got := string(AppendFold([]byte("x "), s)); got != "x "+once {
			t.Fatalf("AppendFold(\"x \", %q) = %q, want %q", s, got, "x "+once)
		}
	})
}

// TestAppendSearchText checks that the search text appended to a buffer is
// SearchText's, after what the buffer held.
func TestAppendSearchText(t *testing.T) {
	a := &Article{Title: "Harbour  Ferry!", Tags: []string{"#Transport", "transport", "?!"}, FolderTags: []string{"Łódź"}, Body: "  Returns… after repairs. "}
	want := "harbour ferry transport  lodz returns after repairs"
	if got := SearchText(a); got != want {
		t.Fatalf("SearchText = %q, want %q", got, want)
	}
	if got := string(AppendSearchText([]byte("x "), a)); got != "x "+want {
		t.Fatalf("AppendSearchText = %q, want %q", got, "x "+want)
	}
}

func FuzzTagKey(f *testing.F) {
	for _, s := range []string{"#France", " ##x ", "Ünïcode", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := TagKey(s)
		if TagKey(k) != k {
			t.Fatalf("TagKey not idempotent on %q: %q", s, k)
		}
	})
}

func TestFolderTagsSpellOnlyAsFallback(t *testing.T) {
	c := NewCollection()
	a := art("culture/a.txt", "A", time.Time{}, 0, "Culture")
	a.FolderTags = []string{"culture"}
	b := art("culture/b.txt", "B", time.Time{}, 0)
	b.FolderTags = []string{"culture"}
	d := art("sport/d.txt", "D", time.Time{}, 0)
	d.FolderTags = []string{"sport"}
	c.Apply(Batch{Articles: []Article{a, b, d}})
	if tag, _ := c.Tag("culture"); tag.Name != "Culture" || tag.Count != 2 {
		t.Errorf("culture = %+v, want the article's spelling and 2 articles", tag)
	}
	if tag, _ := c.Tag("sport"); tag.Name != "sport" || tag.Count != 1 {
		t.Errorf("sport = %+v, want the folder's spelling", tag)
	}
	c.Remove(a.ID)
	if tag, _ := c.Tag("culture"); tag.Name != "culture" || tag.Count != 1 {
		t.Errorf("after removal culture = %+v, want the folder's spelling back", tag)
	}
}

// TestNarrowingMatchesFreshSearch types queries one letter at a time (and
// back) and checks every result against a collection that never narrows.
func TestNarrowingMatchesFreshSearch(t *testing.T) {
	c := benchCollection(3000)
	fresh := func(q Query) []ID {
		c.last = lastQuery{}
		return c.Visible(q)
	}
	for _, typed := range []string{"harbour mus", "lodz ma", "東京 r", "rive garden", "ecole"} {
		for _, filter := range []Query{
			{},
			{Tags: []string{"tag1"}},
			{Tags: []string{"tag1", "tag2"}, AnyTag: true},
			{Exclude: []string{"tag1"}},
			{Tags: []string{"tag2", "tag3"}, AnyTag: true, Exclude: []string{"tag1"}},
		} {
			var steps []string
			for i := 1; i <= len([]rune(typed)); i++ {
				steps = append(steps, string([]rune(typed)[:i]))
			}
			for i := len(steps) - 2; i >= 0; i-- { // and backspace
				steps = append(steps, steps[i])
			}
			for _, s := range steps {
				q := filter
				q.Search = s
				got := c.Visible(q)
				c2 := c.last
				want := fresh(q)
				c.last = c2
				if !slices.Equal(got, want) {
					t.Fatalf("typing %q (tags %v, any %v, exclude %v): narrowed %d results, fresh %d", s, q.Tags, q.AnyTag, q.Exclude, len(got), len(want))
				}
			}
		}
	}
}

func TestNarrows(t *testing.T) {
	last := lastQuery{q: Query{Search: "harb mu"}, terms: []string{"harb", "mu"}, valid: true}
	tests := []struct {
		q    Query
		want bool
	}{
		{Query{Search: "harbo mu"}, true},
		{Query{Search: "harb mus x"}, true},
		{Query{Search: "harb"}, false},   // fewer terms: wider
		{Query{Search: "har mu"}, false}, // shorter term: wider
		{Query{Search: "harb mu", Sort: SortTitle}, false},
		{Query{Search: "harb mu", Tags: []string{"a"}}, false},
		{Query{Search: "harb mu東"}, false}, // becomes a substring match
		{Query{Search: "harbo mu", Exclude: []string{"a"}}, false},
		{Query{Search: "harbo mu", AnyTag: true}, false},
		{Query{Search: "harbo mu", Keep: func(ID) bool { return true }}, false}, // functions cannot be compared
	}
	for _, tt := range tests {
		if got := last.narrows(tt.q, ParseSearch(tt.q.Search)); got != tt.want {
			t.Errorf("narrows(%q, %v, exclude %v, any %v) = %v, want %v", tt.q.Search, tt.q.Tags, tt.q.Exclude, tt.q.AnyTag, got, tt.want)
		}
	}
	filtered := last
	filtered.q.Tags, filtered.q.AnyTag, filtered.q.Exclude = []string{"a", "b"}, true, []string{"c"}
	if q := (Query{Search: "harbo mu", Tags: []string{"a", "b"}, AnyTag: true, Exclude: []string{"c"}}); !filtered.narrows(q, ParseSearch(q.Search)) {
		t.Errorf("the same tag filters must narrow")
	}
	kept := last
	kept.q.Keep = func(ID) bool { return true }
	if q := (Query{Search: "harbo mu"}); kept.narrows(q, ParseSearch(q.Search)) {
		t.Errorf("a result filtered by Keep must not be narrowed")
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "a.json", Reason: "malformed JSON: line 1"}, "a.json: malformed JSON: line 1: skipped"},
		{Problem{Path: "p", Reason: "not a regular file: skipped"}, "p: not a regular file: skipped"},
		{Problem{Path: "l.txt", Reason: "not UTF-8: re-decoded as Windows-1252", Loaded: true}, "l.txt: not UTF-8: re-decoded as Windows-1252"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestApplyRemovesThenAdds(t *testing.T) {
	c := fixture()
	gone := NewID("world/a.txt", 0)
	back := art("tech/e.txt", "zebra crossings return", day(2025, 6, 1), 1)
	c.Apply(Batch{Removed: []ID{gone, NewID("no/such.txt", 0)}, Articles: []Article{back}})
	if _, ok := c.Article(gone); ok || c.Len() != 4 {
		t.Fatalf("removed article still there (len %d)", c.Len())
	}
	if a, _ := c.Article(back.ID); a.Title != "zebra crossings return" {
		t.Fatalf("replacement not applied: %q", a.Title)
	}
	// Removing and re-adding the same ID in one batch keeps the new one.
	c.Apply(Batch{Removed: []ID{back.ID}, Articles: []Article{back}})
	if _, ok := c.Article(back.ID); !ok || c.Len() != 4 {
		t.Fatalf("remove+add of one ID: len %d", c.Len())
	}
}

func TestVisibleOnly(t *testing.T) {
	c := fixture()
	only := map[ID]struct{}{NewID("world/a.txt", 0): {}, NewID("tech/e.txt", 0): {}, NewID("gone.txt", 0): {}}
	got := titles(c, c.Visible(Query{Only: only}))
	if !slices.Equal(got, []string{"zebra crossings go digital", "Łódź-like town Żelazno votes"}) {
		t.Fatalf("Only = %v", got)
	}
	if got := titles(c, c.Visible(Query{Only: only, Tags: []string{"politics"}})); !slices.Equal(got, []string{"Łódź-like town Żelazno votes"}) {
		t.Fatalf("Only + tag = %v", got)
	}
	if got := c.Visible(Query{Only: map[ID]struct{}{}}); len(got) != 0 {
		t.Fatalf("an empty Only selects nothing, got %d", len(got))
	}
}

func TestExternalSearchKeepsNoText(t *testing.T) {
	c := NewCollection(ExternalSearch())
	a := art("a.txt", "Harbour news", day(2025, 1, 1), 3, "World")
	c.Apply(Batch{Articles: []Article{a}})
	got, _ := c.Article(a.ID)
	if got.Body != "" || c.entries[0].text != "" {
		t.Fatalf("external collection keeps body %q / text %q", got.Body, c.entries[0].text)
	}
	// Search words are answered elsewhere: Only decides.
	if n := len(c.Visible(Query{Search: "nothing matches this"})); n != 1 {
		t.Errorf("Search must be ignored, got %d", n)
	}
	if n := len(c.Visible(Query{Only: map[ID]struct{}{}})); n != 0 {
		t.Errorf("Only must apply, got %d", n)
	}
}

func TestTagCountsSameForAnyIDs(t *testing.T) {
	c := benchCollection(500)
	ids := c.Visible(Query{Tags: []string{"tag1"}})
	fast := c.TagCounts(ids)
	slow := c.TagCounts(slices.Clone(ids))
	if len(fast) == 0 || len(fast) != len(slow) {
		t.Fatalf("counts differ: %d vs %d tags", len(fast), len(slow))
	}
	for k, n := range slow {
		if fast[k] != n {
			t.Errorf("%s: %d vs %d", k, fast[k], n)
		}
	}
}

// TestTagCountsWhere counts only the articles kept, the same on the fast
// path (the last Visible result) and the slow one.
func TestTagCountsWhere(t *testing.T) {
	c := benchCollection(500)
	ids := c.Visible(Query{Tags: []string{"tag1"}})
	even := func(id ID) bool { return id%2 == 0 }
	want := map[string]int{}
	for _, id := range ids {
		if even(id) {
			for _, tag := range c.ArticleTags(id) {
				want[TagKey(tag)]++
			}
		}
	}
	_, fast := c.TagCountsWhere(ids, even)
	_, slow := c.TagCountsWhere(slices.Clone(ids), even)
	for name, got := range map[string]map[string]int{"fast": fast, "slow": slow} {
		if len(want) == 0 || !maps.Equal(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	// The totals of the same pass are TagCounts.
	if all, _ := c.TagCountsWhere(ids, even); !maps.Equal(all, c.TagCounts(ids)) {
		t.Errorf("totals %v, TagCounts %v", all, c.TagCounts(ids))
	}
}

func TestTitleSortTiesAndMissing(t *testing.T) {
	for _, external := range []bool{false, true} {
		c := newTestCollection(external)
		c.Apply(Batch{Articles: []Article{
			art("d.txt", "Éclair", time.Time{}, 0),
			art("a.txt", "—", time.Time{}, 0), // folds to nothing: missing
			art("c.txt", "eclair", time.Time{}, 0),
			art("b.txt", "", time.Time{}, 0),
			art("e.txt", "Apple", time.Time{}, 0),
		}})
		var rels []string
		for _, id := range c.Visible(Query{Sort: SortTitle}) {
			a, _ := c.Article(id)
			rels = append(rels, a.Rel)
		}
		// Éclair and eclair fold alike and keep path order; missing titles last, in path order.
		if want := []string{"e.txt", "c.txt", "d.txt", "a.txt", "b.txt"}; !slices.Equal(rels, want) {
			t.Errorf("external=%v: title order %v, want %v", external, rels, want)
		}
	}
}

func newTestCollection(external bool) *Collection {
	if external {
		return NewCollection(ExternalSearch())
	}
	return NewCollection()
}

func tagList(c *Collection) []string {
	var out []string
	for _, tg := range c.Tags() {
		out = append(out, fmt.Sprintf("%s:%s=%d", tg.Key, tg.Name, tg.Count))
	}
	return out
}

func TestReplaceWithOtherTagsRecounts(t *testing.T) {
	for _, external := range []bool{false, true} {
		c := newTestCollection(external)
		a := art("a.txt", "A", time.Time{}, 0, "World", "#world", " Ports ") // world once, as "World"
		a.FolderTags = []string{"news", "ports"}
		b := art("b.txt", "B", time.Time{}, 0, "world")
		d := art("d.txt", "D", time.Time{}, 0, "world")
		c.Apply(Batch{Articles: []Article{a, b, d}})
		if got, want := tagList(c), []string{"world:world=3", "news:news=1", "ports:Ports=1"}; !slices.Equal(got, want) {
			t.Fatalf("external=%v: tags %v, want %v", external, got, want)
		}
		// a now spells world otherwise, loses ports and gains science.
		a2 := art("a.txt", "A", time.Time{}, 0, "WORLD", "Science")
		a2.FolderTags = []string{"news"}
		// b, spelled "World" this time, is replaced twice in one batch.
		b2 := art("b.txt", "B", time.Time{}, 0, "World", "Science")
		b3 := art("b.txt", "B", time.Time{}, 0, "World")
		c.Apply(Batch{Articles: []Article{a2, b2, b3}})
		if got, want := tagList(c), []string{"world:WORLD=3", "news:news=1", "science:Science=1"}; !slices.Equal(got, want) {
			t.Errorf("external=%v: after replace tags %v, want %v", external, got, want)
		}
		if got := c.ArticleTags(a.ID); !slices.Equal(got, []string{"WORLD", "Science", "news"}) {
			t.Errorf("external=%v: article tags %v", external, got)
		}
		if _, ok := c.Tag("ports"); ok {
			t.Errorf("external=%v: ports is on no article any more", external)
		}
		c.Remove(a.ID, d.ID)
		if got, want := tagList(c), []string{"world:World=1"}; !slices.Equal(got, want) {
			t.Errorf("external=%v: after remove tags %v, want %v", external, got, want)
		}
	}
}

// TestApplyMatchesOneBatch applies random batches — out of order, with
// replacements, repeats and removals — and checks the collection against one
// built from the final articles in a single batch.
func TestApplyMatchesOneBatch(t *testing.T) {
	for _, external := range []bool{false, true} {
		r := rand.New(rand.NewPCG(3, 4))
		c := newTestCollection(external)
		live := map[ID]Article{}
		gen := func(dir string) Article {
			rel := fmt.Sprintf("%s/%03d.txt", dir, r.IntN(60))
			a := art(rel, fmt.Sprintf("title %d", r.IntN(1000)), time.Time{}, r.IntN(10))
			a.Index = r.IntN(3)
			a.ID = NewID(rel, a.Index)
			for range r.IntN(4) {
				a.Tags = append(a.Tags, []string{"World", "world", "#Tech", "tech", "Ports", " science "}[r.IntN(6)])
			}
			if r.IntN(2) == 0 {
				a.FolderTags = []string{rel[:1], "World"}
			}
			return a
		}
		for round := range 200 {
			var b Batch
			for range r.IntN(3) {
				for id := range live {
					b.Removed = append(b.Removed, id)
					break
				}
			}
			for _, id := range b.Removed {
				delete(live, id)
			}
			// A warm start's batches come in collection order: every
			// fourth round streams after all; the others land anywhere.
			for range r.IntN(20) {
				dir := string(rune('a' + r.IntN(4)))
				if round%4 == 0 {
					dir = fmt.Sprintf("z%04d", round)
				}
				a := gen(dir)
				b.Articles = append(b.Articles, a)
				live[a.ID] = a
			}
			c.Apply(b)
		}
		var all []Article
		for _, a := range live {
			all = append(all, a)
		}
		want := newTestCollection(external)
		want.Apply(Batch{Articles: all})
		if c.Len() != want.Len() || !slices.Equal(c.IDs(), want.IDs()) {
			t.Fatalf("external=%v: order differs (%d vs %d articles)", external, c.Len(), want.Len())
		}
		for i, id := range c.IDs() {
			if c.pos[id] != i {
				t.Fatalf("external=%v: pos of %x is %d, want %d", external, id, c.pos[id], i)
			}
			if got, w := c.ArticleTags(id), want.ArticleTags(id); !slices.Equal(got, w) {
				t.Fatalf("external=%v: article tags %v, want %v", external, got, w)
			}
		}
		if got, w := tagList(c), tagList(want); !slices.Equal(got, w) {
			t.Fatalf("external=%v: tags %v\nwant %v", external, got, w)
		}
	}
}

// TestExternalSearchDetaches checks that an external-search collection keeps
// none of the memory its articles' strings were cut from.
func TestExternalSearchDetaches(t *testing.T) {
	rec := strings.Repeat("x", 64) + "a/b.txt|Title|Source|https://u|Author|Tag|Folder"
	cut := func(s string) string { i := strings.Index(rec, s); return rec[i : i+len(s)] }
	inRec := func(s string) bool {
		p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(rec)))
		return s != "" && p >= lo && p < lo+uintptr(len(rec))
	}
	a := Article{Rel: cut("a/b.txt"), Title: cut("Title"), Source: cut("Source"), URL: cut("https://u"), Author: cut("Author"), Tags: []string{cut("Tag")}, FolderTags: []string{cut("Folder")}}
	a.Path = cut("a/b.txt") // Path is Rel
	a.ID = NewID(a.Rel, 0)
	same := a // another article of the same file
	same.Index, same.ID = 1, NewID(a.Rel, 1)
	other := a // Path not ending with Rel
	other.Rel, other.Path, other.ID = cut("b.txt|Title"), "/root/x", NewID("other", 0)
	c := NewCollection(ExternalSearch())
	c.Apply(Batch{Articles: []Article{a, same, other}})
	for _, id := range []ID{a.ID, same.ID, other.ID} {
		got, _ := c.Article(id)
		for _, s := range append([]string{got.Path, got.Rel, got.Title, got.Source, got.URL, got.Author}, append(got.Tags, got.FolderTags...)...) {
			if inRec(s) {
				t.Errorf("%q still points into the record", s)
			}
		}
	}
	first, _ := c.Article(a.ID)
	second, _ := c.Article(same.ID)
	if unsafe.StringData(first.Rel) != unsafe.StringData(first.Path) || unsafe.StringData(second.Path) != unsafe.StringData(first.Path) {
		t.Errorf("Rel and the next article of the file should share the copy of Path")
	}
	if unsafe.StringData(first.Tags[0]) != unsafe.StringData(second.Tags[0]) {
		t.Errorf("tag spellings should be kept once")
	}
	if got, _ := c.Article(other.ID); got.Rel != "b.txt|Title" || got.Path != "/root/x" {
		t.Errorf("other = %q %q", got.Path, got.Rel)
	}
}

// TestVisibleSmallOnly checks the path for search results much smaller
// than the collection (sorting them) against walking the whole order.
func TestVisibleSmallOnly(t *testing.T) {
	c := NewCollection(ExternalSearch())
	r := rand.New(rand.NewPCG(7, 9))
	var arts []Article
	for i := range 400 {
		a := art(fmt.Sprintf("f/%03d.txt", i), fmt.Sprintf("Title %d", r.IntN(50)), day(2025, time.Month(1+r.IntN(12)), 1+r.IntN(28)), r.IntN(30), []string{"a", "b", "c"}[r.IntN(3)])
		if r.IntN(10) == 0 {
			a.Date, a.Reads = time.Time{}, NoReads // missing values go last
		}
		arts = append(arts, a)
	}
	c.Apply(Batch{Articles: arts})
	for round := range 20 {
		only := map[ID]struct{}{}
		for range 1 + r.IntN(40) {
			only[arts[r.IntN(len(arts))].ID] = struct{}{}
		}
		only[NewID("not/there.txt", 0)] = struct{}{} // an ID the collection lacks
		even := func(id ID) bool { return id%2 == 0 }
		for _, s := range Sorts {
			for _, filter := range []Query{
				{},
				{Tags: []string{"a"}},
				{Tags: []string{"a", "b"}, AnyTag: true},
				{Exclude: []string{"c"}},
				{Keep: even},
				{Tags: []string{"b"}, Exclude: []string{"a"}, Keep: even},
			} {
				q := filter
				q.Sort = s
				var want []ID
				for _, id := range c.Visible(q) {
					if _, ok := only[id]; ok {
						want = append(want, id)
					}
				}
				q.Only = only
				if filter.Keep != nil {
					q.Keep = func(id ID) bool {
						if _, ok := only[id]; !ok {
							t.Fatalf("Keep asked about %x, not in Only", id)
						}
						return filter.Keep(id)
					}
				}
				if got := c.Visible(q); !slices.Equal(got, want) {
					t.Fatalf("round %d, sort %v, tags %v, any %v, exclude %v, keep %v: %v, want %v",
						round, s, q.Tags, q.AnyTag, q.Exclude, q.Keep != nil, titles(c, got), titles(c, want))
				}
			}
		}
	}
}

func TestRereadReplacesProblems(t *testing.T) {
	c := NewCollection()
	old := []Problem{{Path: "a.txt", Reason: "bad bytes", Loaded: true}, {Path: "b.json", Reason: "broken"}, {Path: "a.txt", Reason: "second"}}
	c.Apply(Batch{Problems: old})
	held := c.Problems()
	c.Apply(Batch{Reread: []string{"a.txt", "gone.md"}, Problems: []Problem{{Path: "a.txt", Reason: "new reason"}}})
	want := []Problem{{Path: "b.json", Reason: "broken"}, {Path: "a.txt", Reason: "new reason"}}
	if got := c.Problems(); !slices.Equal(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	if !slices.Equal(held, old) {
		t.Errorf("a slice from Problems changed under its holder: %v", held)
	}
}
