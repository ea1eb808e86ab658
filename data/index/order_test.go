package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

func TestSortKeys(t *testing.T) {
	date := time.Date(2024, 5, 6, 7, 8, 9, 999, time.UTC)
	old := time.Date(1969, 12, 31, 23, 59, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		a    model.Article
		want sortKeys
	}{
		{"nothing known", model.Article{Reads: model.NoReads},
			sortKeys{math.MaxInt64, math.MaxInt64, math.MaxInt64, []byte{0xff}}},
		{"date in seconds", model.Article{Date: date, Reads: 0, Title: "École Ünd"},
			sortKeys{-date.Unix(), date.Unix(), 0, []byte("ecole und")}},
		{"before 1970", model.Article{Date: old, Reads: 12, Title: "!!"},
			sortKeys{60, -60, -12, []byte{0xff}}},
		{"folded title", model.Article{Reads: math.MaxInt32, Title: "  Łódź—Straße  "},
			sortKeys{math.MaxInt64, math.MaxInt64, -math.MaxInt32, []byte("lodz strasse")}},
	} {
		if got := keysOf(&tc.a); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	// titleMissing sorts after any folded title, whatever bytes the
	// title had.
	for _, title := range []string{"\xffa\xfe", "zzz", "\U00010400", "ÿ", "\U0002A6D6"} {
		if k := keysOf(&model.Article{Title: title}); string(k.title) >= string(titleMissing) {
			t.Errorf("title %q: key %q does not sort before missing", title, k.title)
		}
	}
}

// TestOrderWalksIndex: each sort's query walks its index, with no sort
// (no temporary b-tree), so that a first page costs its rows only.
func TestOrderWalksIndex(t *testing.T) {
	ix, _ := openTemp(t)
	apply(t, ix, files(randomStored(rand.New(rand.NewPCG(1, 2)), 200)))
	for s, q := range orderQueries {
		rows, err := ix.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		all := strings.Join(plan, "; ")
		if strings.Contains(all, "TEMP B-TREE") || !strings.Contains(all, "USING INDEX articles_"+model.Sort(s).String()) {
			t.Errorf("%s: plan %q", model.Sort(s), all)
		}
	}
}

// randomStored makes articles with dates, reads and titles that tie or
// are missing, in files of one to three records.
func randomStored(r *rand.Rand, n int) []model.Article {
	titles := []string{"Zebra", "école", "Ecole", "", "!!", "apple", "Äpple", "zebra"}
	tags := []string{"Go", "go", "#GO", "Rust", "news", ""}
	var out []model.Article
	for f := 0; len(out) < n; f++ {
		rel := fmt.Sprintf("d%d/f%03d.jsonl", r.IntN(3), f)
		for idx := range 1 + r.IntN(3) {
			a := model.Article{ID: model.NewID(rel, idx), Rel: rel, Index: idx, Reads: model.NoReads,
				Title: titles[r.IntN(len(titles))], FolderTags: []string{rel[:2]}}
			if r.IntN(5) > 0 {
				a.Date = time.Unix(1.7e9+int64(r.IntN(6))*60, 0).UTC()
			}
			if r.IntN(4) > 0 {
				a.Reads = r.IntN(4)
			}
			for range r.IntN(3) {
				a.Tags = append(a.Tags, tags[r.IntN(len(tags))])
			}
			out = append(out, a)
		}
	}
	return out
}

// TestInOrder: InOrder gives the stored articles in model's order of each
// sort, ties in collection order, and stops when told.
func TestInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	arts := randomStored(r, 300)
	ix, _ := openTemp(t)
	apply(t, ix, files(arts))
	for _, s := range append(model.Sorts, model.Sort(99)) {
		want := stored(arts)
		for i := range want {
			want[i].Path = want[i].Rel // model's collection order within a root
		}
		slices.SortStableFunc(want, func(a, b model.Article) int { return model.CompareIn(s, &a, &b) })
		var got []model.Article
		if err := ix.InOrder(context.Background(), s, func(a model.Article) bool {
			a.Path = a.Rel
			got = append(got, a)
			return len(got) < 250
		}); err != nil {
			t.Fatal(err)
		}
		if len(got) != 250 {
			t.Fatalf("%s: %d articles, want 250", s, len(got))
		}
		for i := range got {
			if !equalArticle(got[i], want[i]) {
				t.Fatalf("%s: article %d is %+v, want %+v", s, i, got[i], want[i])
			}
		}
	}
}

// TestTagSpellingsFollowApply: the tags summary counts what the index
// holds after files are added, replaced (with other tags, fewer articles)
// and deleted, and after an article moved to another file (its ID taken).
func TestTagSpellingsFollowApply(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ix, _ := openTemp(t)
	arts := randomStored(r, 200)
	apply(t, ix, files(arts))
	check := func(when string) {
		t.Helper()
		want := map[model.TagSpelling]int{}
		for _, a := range all(t, ix) {
			model.EachTag(&a, func(key, spelling string, folder bool) {
				want[model.TagSpelling{Key: key, Spelling: spelling, Folder: folder}]++
			})
		}
		got, err := ix.TagSpellings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		have := map[model.TagSpelling]int{}
		for _, s := range got {
			if s.Count <= 0 {
				t.Errorf("%s: row %+v", when, s)
			}
			n := s.Count
			s.Count = 0
			have[s] = n
		}
		if fmt.Sprint(have) != fmt.Sprint(want) {
			t.Fatalf("%s: summary %v, want %v", when, have, want)
		}
		// article_tags: a row per article and tag, none left over;
		// each key's articles, and any of two keys.
		rows, keys := 0, 0
		for _, n := range want {
			keys += n
		}
		if err := ix.db.QueryRow(`SELECT count(*) FROM article_tags`).Scan(&rows); err != nil || rows != keys {
			t.Errorf("%s: %d rows in article_tags, want %d (%v)", when, rows, keys, err)
		}
		for _, keys := range [][]string{{"go"}, {"rust"}, {"news"}, {"d1"}, {"go", "news"}, {"twice"}, {"none"}} {
			var tagged []model.Article
			for _, a := range all(t, ix) {
				carries := false
				model.EachTag(&a, func(key, _ string, _ bool) { carries = carries || slices.Contains(keys, key) })
				if carries {
					tagged = append(tagged, a)
				}
			}
			got, err := ix.ArticlesTagged(context.Background(), keys)
			if err != nil {
				t.Fatal(err)
			}
			sameArticles(t, got, tagged)
			if n, err := ix.TagCount(context.Background(), keys[0]); len(keys) == 1 && (err != nil || n != len(tagged)) {
				t.Errorf("%s: TagCount(%s) = %d, %v; want %d", when, keys[0], n, err, len(tagged))
			}
		}
	}
	check("added")
	changes := files(randomStored(r, 60)) // the same rels, other articles
	for i := range changes {
		if i%3 == 0 {
			changes[i] = FileChange{Rel: changes[i].Rel, Deleted: true}
		}
	}
	apply(t, ix, changes)
	check("replaced and deleted")
	moved := arts[len(arts)-1]
	moved.Index = 7 // same ID, another place: the stored one gives way
	apply(t, ix, []FileChange{{Rel: moved.Rel + ".new", Articles: []model.Article{moved}}})
	check("moved")
	// One Apply adds an article and gives its ID to another: the first
	// one's rows, never written, are not left behind.
	twice := model.Article{ID: 99, Title: "Twice", Reads: model.NoReads, Tags: []string{"Twice", "go"}}
	first, second := twice, twice
	first.Rel, second.Rel, second.Tags = "t/1.jsonl", "t/2.jsonl", []string{"news"}
	apply(t, ix, []FileChange{
		{Rel: first.Rel, Articles: []model.Article{first}},
		{Rel: second.Rel, Articles: []model.Article{second}},
	})
	check("an ID given twice in one Apply")
}

// TestArticlesOf: the stored articles of the IDs, in collection order;
// IDs not stored are left out.
func TestArticlesOf(t *testing.T) {
	arts := randomStored(rand.New(rand.NewPCG(7, 8)), 100)
	ix, _ := openTemp(t)
	apply(t, ix, files(arts))
	var ids []model.ID
	var want []model.Article
	for i, a := range stored(arts) {
		if i%3 == 0 {
			ids = append(ids, a.ID)
			want = append(want, a)
		}
	}
	ids = append(ids, 12345, model.ID(math.MaxUint64))
	slices.Reverse(ids)
	got, err := ix.ArticlesOf(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	sameArticles(t, got, want)
	if got, err := ix.ArticlesOf(context.Background(), nil); err != nil || got != nil {
		t.Errorf("no IDs: %v, %v", got, err)
	}
}

// TestBulkRows: StartBulkRows drops the sort indexes (InOrder fails),
// EndBulkRows builds them again, and an index left without them (a first
// indexing cut short) gets them back when it is opened.
func TestBulkRows(t *testing.T) {
	ctx := context.Background()
	ix, path := openTemp(t)
	if err := ix.StartBulkRows(ctx); err != nil {
		t.Fatal(err)
	}
	arts := randomStored(rand.New(rand.NewPCG(9, 10)), 50)
	apply(t, ix, files(arts))
	walk := func(ix *Index) (int, error) {
		n := 0
		err := ix.InOrder(ctx, model.SortTitle, func(model.Article) bool { n++; return true })
		return n, err
	}
	if _, err := walk(ix); err == nil {
		t.Errorf("InOrder without its index")
	}
	ix.Close()
	again, notice, err := Open(ctx, path)
	if err != nil || notice != "" {
		t.Fatal(err, notice)
	}
	defer again.Close()
	if n, err := walk(again); err != nil || n != len(arts) {
		t.Errorf("reopened: %d articles, %v", n, err)
	}
	for range 2 {
		if err := again.StartBulkRows(ctx); err != nil {
			t.Fatal(err)
		}
		if err := again.EndBulkRows(ctx); err != nil {
			t.Fatal(err)
		}
		if n, err := walk(again); err != nil || n != len(arts) {
			t.Errorf("after EndBulkRows: %d articles, %v", n, err)
		}
	}
}

// TestBulkRowsMakeTheTags: a first indexing leaves the tags summary and
// article_tags to EndBulkRows, which makes them as Apply keeps them, and
// later changes keep them from there.
func TestBulkRowsMakeTheTags(t *testing.T) {
	ctx := context.Background()
	arts := randomStored(rand.New(rand.NewPCG(11, 12)), 120)
	changes := files(randomStored(rand.New(rand.NewPCG(13, 14)), 30))
	tables := func(ix *Index) string {
		t.Helper()
		got, err := ix.TagSpellings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(got, func(a, b model.TagSpelling) int {
			return cmp.Or(strings.Compare(a.Key, b.Key), strings.Compare(a.Spelling, b.Spelling))
		})
		var rows int
		if err := ix.db.QueryRow(`SELECT count(*) FROM article_tags`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(got, rows)
	}
	plain, _ := openTemp(t)
	apply(t, plain, files(arts))
	bulk, _ := openTemp(t)
	if err := bulk.StartBulkRows(ctx); err != nil {
		t.Fatal(err)
	}
	apply(t, bulk, files(arts))
	if got := tables(bulk); got != "[] 0" {
		t.Errorf("during the first indexing: %s, want nothing yet", got)
	}
	if err := bulk.EndBulkRows(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := tables(bulk), tables(plain); got != want {
		t.Fatalf("after EndBulkRows:\n%s\nwant\n%s", got, want)
	}
	apply(t, plain, changes)
	apply(t, bulk, changes)
	if got, want := tables(bulk), tables(plain); got != want {
		t.Fatalf("after changes:\n%s\nwant\n%s", got, want)
	}
}
