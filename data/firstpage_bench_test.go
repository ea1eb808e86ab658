package data

import (
	"testing"

	"github.com/newsline/newsline/model"
)

// firstPageRows is a first screen's rows (tmux 160x48, less the header
// and status lines).
const firstPageRows = 46

// BenchmarkFirstPage reads the first screen of warmLibrary's collection
// (100,000 articles unless -warmn says otherwise) from its index, in each
// sort: all articles; those of the least used tag (the index is walked
// until a screen of them, or to its end); the unread half (Keep); and a
// search result of some 250 articles (Only).
func BenchmarkFirstPage(b *testing.B) {
	lib := warmLibrary(b)
	total, tags, err := lib.Summary(b.Context())
	if err != nil || len(tags) == 0 {
		b.Fatal(err, len(tags))
	}
	rare := tags[len(tags)-1]
	var ids []model.ID
	if err := lib.libs[0].ix.Articles(b.Context(), func(a model.Article) error {
		ids = append(ids, a.ID)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	only := map[model.ID]struct{}{}
	for i := 0; i < len(ids); i += max(1, total/250) {
		only[ids[i]] = struct{}{}
	}
	read := map[model.ID]bool{}
	for i, id := range ids {
		read[id] = i%2 == 0
	}
	filters := []struct {
		name  string
		query model.Query
	}{
		{"all", model.Query{}},
		{"rare-tag", model.Query{Tags: []string{rare.Key}}},
		{"unread", model.Query{Keep: func(id model.ID) bool { return !read[id] }}},
		{"search", model.Query{Only: only}},
	}
	b.Logf("%d articles; rare tag %q on %d; search of %d", total, rare.Key, rare.Count, len(only))
	for _, s := range model.Sorts {
		for _, f := range filters {
			q := f.query
			q.Sort = s
			b.Run(s.String()+"/"+f.name, func(b *testing.B) {
				defer reportCPU(b, cpuTime())
				for b.Loop() {
					page, err := lib.FirstPage(b.Context(), q, firstPageRows)
					if err != nil || len(page) == 0 {
						b.Fatal(err, len(page))
					}
				}
			})
		}
	}
}

// BenchmarkSummary reads the total and the tags of warmLibrary's
// collection from its index.
func BenchmarkSummary(b *testing.B) {
	lib := warmLibrary(b)
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		total, tags, err := lib.Summary(b.Context())
		if err != nil || total != *warmN || len(tags) == 0 {
			b.Fatal(err, total, len(tags))
		}
	}
}
