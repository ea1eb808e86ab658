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
// for a small q.Only, its articles are looked up and sorted; the pages of
// several roots are merged (model.CompareIn). Filters the index cannot
// answer (tags, Keep) read on in order: a small selection such as the
// starred articles is fastest given as Only as well. The index is what
// the last load left: files changed since show once Load checks them.
func (l *Library) FirstPage(ctx context.Context, q model.Query, n int) ([]model.Article, error) {
	if n <= 0 {
		return nil, nil
	}
	var only []model.ID // a small search result: its articles are looked up
	if q.Only != nil {
		total, err := l.count(ctx)
		if err != nil {
			return nil, err
		}
		// Walking an order finds n of them past some n*total/len(Only)
		// others; looking them up costs len(Only).
		if len(q.Only)*len(q.Only) <= n*total {
			only = slices.Collect(maps.Keys(q.Only))
		}
	}
	var page []model.Article
	for i, lr := range l.libs {
		var own []model.Article
		var err error
		if only != nil {
			own, err = lookupPage(ctx, lr.ix, &l.roots[i], q, only, n)
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

// lookupPage reads the articles of ids that the index holds, and returns
// the first n the query selects, in its order.
func lookupPage(ctx context.Context, ix *index.Index, r *root, q model.Query, ids []model.ID, n int) ([]model.Article, error) {
	arts, err := ix.ArticlesOf(ctx, ids)
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

// count returns how many articles the indexes hold.
func (l *Library) count(ctx context.Context) (int, error) {
	total := 0
	for _, lr := range l.libs {
		n, err := lr.ix.Count(ctx)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
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
