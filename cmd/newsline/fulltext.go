package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/newsline/newsline/data/feed"
	"github.com/newsline/newsline/data/subs"
	"github.com/newsline/newsline/model"
)

// pagesRead is what reading the pages of a full-text feed's new items
// gave: the articles read, and why the others keep their summary.
type pagesRead struct {
	pages map[string]feed.Page // by the item's key (feed.Key)
	tried int                  // the new items
	kept  []string             // one sanitized reason per item left with its summary, in the feed's order
}

// readPages reads the page each new item of a full-text feed links to
// (fetchArticle), concurrently, each request in a slot of the limiter.
// An item is new when the state knows nothing of its key: a page is
// fetched once, when its item first appears, never on the next fetches.
// An item without a link, or whose page cannot be fetched or holds no
// readable article, keeps its summary (its reason in kept). The error is
// for what stops the feed: the state unreadable, ctx ended.
func (f fetcher) readPages(ctx context.Context, s subs.Sub, parsed *feed.Feed) (pagesRead, error) {
	known, err := f.st.FeedItems(ctx, s.URL)
	if err != nil {
		return pagesRead{}, err
	}
	var todo []feed.Item
	seen := map[string]bool{}
	for _, it := range parsed.Items {
		k := feed.Key(it)
		if _, saved := known[k]; saved || seen[k] {
			continue
		}
		seen[k] = true
		todo = append(todo, it)
	}
	pages := make([]feed.Page, len(todo))
	errs := make([]error, len(todo))
	var wg sync.WaitGroup
	for i, it := range todo {
		wg.Go(func() { pages[i], errs[i] = f.readPage(ctx, it) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return pagesRead{}, err // nothing saved: the next fetch reads them all
	}
	read := pagesRead{pages: make(map[string]feed.Page, len(todo)), tried: len(todo)}
	for i, it := range todo {
		if errs[i] != nil {
			read.kept = append(read.kept, model.OneLine(errs[i].Error()))
			continue
		}
		read.pages[feed.Key(it)] = pages[i]
	}
	return read, nil
}

// errNoLink is readPage's error for an item that links to no page.
var errNoLink = errors.New("no link to a page")

// readPage fetches the page an item links to and reads its article.
func (f fetcher) readPage(ctx context.Context, it feed.Item) (feed.Page, error) {
	if it.Link == "" {
		return feed.Page{}, fmt.Errorf("%q: %w", it.Title, errNoLink)
	}
	release, err := f.lim.Acquire(ctx, hostOf(it.Link))
	if err != nil {
		return feed.Page{}, err
	}
	defer release()
	a, err := fetchArticle(ctx, f.client, it.Link)
	if err != nil {
		return feed.Page{}, err
	}
	return feed.Page{Markdown: a.Markdown, Author: a.Byline, Lang: a.Lang, Published: a.Published}, nil
}

// note is the one line fetch prints for a full-text feed some of whose
// new items kept their summary, "" when none did: how many, and the
// first reason.
func (r pagesRead) note(s subs.Sub) string {
	if len(r.kept) == 0 {
		return ""
	}
	msg := fmt.Sprintf("%s: %d of %s kept the summary (full text not read): %s", model.OneLine(s.Name), len(r.kept), plural(r.tried, "new item"), r.kept[0])
	if len(r.kept) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(r.kept)-1)
	}
	return msg
}
