package data

import (
	"context"

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
// walked in the sort's order and stops at its n-th selected article; the
// pages of several roots are merged (model.CompareIn). The index is what
// the last load left: files changed since show once Load checks them.
func (l *Library) FirstPage(ctx context.Context, q model.Query, n int) ([]model.Article, error) {
	if n <= 0 {
		return nil, nil
	}
	var page []model.Article
	for i, lr := range l.libs {
		r := &l.roots[i]
		own := make([]model.Article, 0, min(n, 64))
		err := lr.ix.InOrder(ctx, q.Sort, func(a model.Article) bool {
			if q.Admits(&a) {
				a.Path = model.SanitizeLine(displayPath(r, a.Rel))
				own = append(own, a)
			}
			return len(own) < n
		})
		if err != nil {
			return nil, err
		}
		page = mergePages(q.Sort, page, own, n)
	}
	return page, nil
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
