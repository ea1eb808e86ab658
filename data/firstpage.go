package data

import (
	"context"
	"maps"
	"slices"

	"github.com/newsline/newsline/data/index"
	"github.com/newsline/newsline/model"
)

// FirstPage returns the first n articles the query selects, in its order:
// what model.Collection.Visible(q) returns first on a collection (with
// ExternalSearch) holding every indexed article, read from the indexes
// alone, without reading an article file or loading the collection. It is
// the warm start's first screen, before Load streams the rest.
//
// q.Search is ignored: search is answered by the caller, through q.Only.
// Articles come as Load sends them: Path set, no Body. Each index is
// walked in the sort's order and stops at its n-th selected article, or,
// when q.Only or a tag leaves few enough, those articles are read and
// sorted; the pages of several roots are merged (model.CompareIn).
// Filters the index cannot answer (Exclude, Keep) read on in order: a
// small selection such as the starred articles is fastest given as Only
// as well. The index is what the last load left: files changed since
// show once Load checks them.
//
// Within a root, the index orders ties by Rel and Index, the collection
// by Path and Index: the same order, Path being the root joined with Rel
// (with / as the separator and printable names, as on Unix).
func (l *Library) FirstPage(ctx context.Context, q model.Query, n int) ([]model.Article, error) {
	if n <= 0 {
		return nil, nil
	}
	var page []model.Article
	for i, lr := range l.libs {
		lookup, err := narrowest(ctx, lr.ix, q, n)
		if err != nil {
			return nil, err
		}
		var own []model.Article
		if lookup != nil {
			own, err = lookupPage(lookup, &l.roots[i], q, n)
		} else {
			own, err = walkPage(ctx, lr.ix, &l.roots[i], q, n)
		}
		if err != nil {
			return nil, err
		}
		page = mergePages(q.Sort, page, own, n)
	}
	return page, nil
}

// narrowest returns the cheapest way to read the articles that the
// query's Only or tags narrow it to, or nil when walking the sort's order
// is cheaper: a walk finds n of m selected articles among total past some
// n*total/m others, a lookup costs m.
func narrowest(ctx context.Context, ix *index.Index, q model.Query, n int) (func() ([]model.Article, error), error) {
	if q.Only == nil && len(q.Tags) == 0 {
		return nil, nil
	}
	total, err := ix.Count(ctx)
	if err != nil {
		return nil, err
	}
	best := total
	var read func() ([]model.Article, error)
	if m := len(q.Only); q.Only != nil && m*m <= n*total && m < best {
		best, read = m, func() ([]model.Article, error) {
			return ix.ArticlesOf(ctx, slices.Collect(maps.Keys(q.Only)))
		}
	}
	if len(q.Tags) > 0 {
		// All of the tags: the rarest holds them; any of them: all of
		// them together.
		keys, m := q.Tags, 0
		for _, key := range q.Tags {
			k, err := ix.TagCount(ctx, key)
			if err != nil {
				return nil, err
			}
			switch {
			case q.AnyTag:
				m += k
			case key == q.Tags[0] || k < m:
				keys, m = []string{key}, k
			}
		}
		if m*m <= n*total && m < best {
			read = func() ([]model.Article, error) { return ix.ArticlesTagged(ctx, keys) }
		}
	}
	return read, nil
}

// walkPage walks the index in the query's order to its n-th selected
// article.
func walkPage(ctx context.Context, ix *index.Index, r *root, q model.Query, n int) ([]model.Article, error) {
	page := make([]model.Article, 0, min(n, 64))
	err := ix.InOrder(ctx, q.Sort, func(a model.Article) bool {
		if q.Admits(&a) {
			a.Path = model.SanitizeLine(displayPath(r, a.Rel))
			page = append(page, a)
		}
		return len(page) < n
	})
	return page, err
}

// lookupPage reads the articles a filter narrowed the query to, and
// returns the first n it selects, in its order.
func lookupPage(read func() ([]model.Article, error), r *root, q model.Query, n int) ([]model.Article, error) {
	arts, err := read()
	if err != nil {
		return nil, err
	}
	page := arts[:0]
	for _, a := range arts {
		if q.Admits(&a) {
			a.Path = model.SanitizeLine(displayPath(r, a.Rel))
			page = append(page, a)
		}
	}
	slices.SortFunc(page, func(a, b model.Article) int { return model.CompareIn(q.Sort, &a, &b) })
	return page[:min(n, len(page))], nil
}

// mergePages merges two pages in the order of s and keeps the first n.
func mergePages(s model.Sort, a, b []model.Article, n int) []model.Article {
	if len(a) == 0 {
		return b
	}
	out := make([]model.Article, 0, min(n, len(a)+len(b)))
	for len(out) < n && (len(a) > 0 || len(b) > 0) {
		if len(b) == 0 || len(a) > 0 && model.CompareIn(s, &a[0], &b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

// Summary returns what the sidebar and the header need of the whole
// collection without loading it: how many articles the indexes hold and
// their tags, as model.Collection.Tags gives them once every article is
// in (names, counts, order). It reads each index's count and its tags
// summary, which Apply keeps current.
func (l *Library) Summary(ctx context.Context) (total int, tags []model.Tag, err error) {
	var spellings []model.TagSpelling
	for _, lr := range l.libs {
		n, err := lr.ix.Count(ctx)
		if err != nil {
			return 0, nil, err
		}
		s, err := lr.ix.TagSpellings(ctx)
		if err != nil {
			return 0, nil, err
		}
		total += n
		spellings = append(spellings, s...)
	}
	return total, model.TagsFromSpellings(spellings), nil
}
