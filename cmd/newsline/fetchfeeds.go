package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"github.com/newsline/newsline/data/feed"
	"github.com/newsline/newsline/data/library"
	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/data/subs"
	"github.com/newsline/newsline/data/web"
	"github.com/newsline/newsline/model"
)

// webClient gives the one HTTP client of a command; tests replace it to
// shorten its limits.
var webClient = func() *web.Client { return web.New(buildVersion()) }

// fetchSummary is what fetchFeeds did.
type fetchSummary struct {
	Feeds  int // the feeds asked for, skipped ones included
	New    int // the items put in the library
	Failed int // the feeds whose fetch failed
	Kept   int // the new items of full-text feeds saved with their summary
	// Paths are the new files, in no particular order.
	Paths []string
	// Into is the library the items went to.
	Into string
	// Problems are one line per failed feed, naming it and the reason;
	// Notes one line per feed skipped (gone, asked to retry later) and
	// per full-text feed some of whose items kept their summary. Both are
	// sanitized, in the order of the subscriptions.
	Problems, Notes []string
}

// errNoSubs is fetchFeeds' error when there is nothing to fetch.
var errNoSubs = errors.New("no subscriptions: newsline feed add URL subscribes to a feed")

// fetchFeeds fetches every subscribed feed (or those names gives, by name
// or URL) and saves their new items into the library, or into when it is
// not "": at most 8 requests at once and 2 per host (feeds, and the pages
// of full-text feeds' new items), conditional GETs, gone feeds and feeds
// asked to retry later skipped. progress, when not nil,
// is called after each feed, from any goroutine but one call at a time.
// A feed that fails is counted in the summary; the error is for what stops
// them all: a damaged state, a fetch running, no subscriptions
// (errNoSubs), an unknown name (a usage error).
func fetchFeeds(ctx context.Context, common *common, names []string, into string, progress func(done, total, newItems int)) (fetchSummary, error) {
	_, l, err := readSubs(common)
	if err != nil {
		return fetchSummary{}, err
	}
	chosen, err := chooseSubs(l, names)
	if err != nil {
		return fetchSummary{}, err
	}
	lib, err := fetchLibrary(common, into)
	if err != nil {
		return fetchSummary{}, err
	}
	st, err := openState(common)
	if err != nil {
		return fetchSummary{}, err
	}
	defer st.Close()
	lock, err := state.LockFetch(filepath.Dir(st.Path()))
	if err != nil {
		return fetchSummary{}, err
	}
	defer lock.Unlock()
	recovered, _, err := library.Reconcile(ctx, st)
	if err != nil {
		return fetchSummary{}, err
	}
	sum := fetchSummary{Feeds: len(chosen), Into: lib, Paths: recovered, New: len(recovered)}
	lim := web.NewLimiter(web.DefaultMaxConcurrent, web.DefaultMaxPerHost)
	f := fetcher{st: st, client: webClient(), lim: lim, library: lib, now: time.Now}
	results := f.all(ctx, chosen, func(done int, r feedResult) {
		sum.New += len(r.paths)
		if progress != nil {
			progress(done, len(chosen), sum.New)
		}
	})
	for _, r := range results {
		sum.Paths = append(sum.Paths, r.paths...)
		if r.problem != "" {
			sum.Failed++
			sum.Problems = append(sum.Problems, r.problem)
		}
		if r.note != "" {
			sum.Notes = append(sum.Notes, r.note)
		}
		sum.Kept += r.kept
	}
	return sum, ctx.Err()
}

// chooseSubs returns the subscriptions names gives (all when none);
// errNoSubs when there are none, a usage error for a name unknown.
func chooseSubs(l subs.List, names []string) ([]subs.Sub, error) {
	if len(l.Subs) == 0 {
		return nil, errNoSubs
	}
	if len(names) == 0 {
		return l.Subs, nil
	}
	var chosen []subs.Sub
	seen := map[int]bool{}
	for _, n := range names {
		i := l.Find(n)
		if i < 0 {
			return nil, usagef("no feed named %q or at that URL: newsline feed list shows them", model.OneLine(n))
		}
		if !seen[i] {
			seen[i] = true
			chosen = append(chosen, l.Subs[i])
		}
	}
	return chosen, nil
}

// fetchLibrary is the folder to save into: into when given, else the
// configuration's library.
func fetchLibrary(common *common, into string) (string, error) {
	if into == "" && common.cfg != nil {
		into = common.cfg.Library
	}
	if into == "" {
		return "", usagef("no library folder: set library in the configuration, or give --into DIR")
	}
	abs, err := filepath.Abs(into)
	if err != nil {
		return "", usagef("--into %s: %v", model.OneLine(into), err)
	}
	return abs, nil
}

// fetcher fetches feeds into a library, bookkeeping in st. Every
// request, to a feed or to an item's page, takes a slot of lim.
type fetcher struct {
	st      *state.Store
	client  *web.Client
	lim     *web.Limiter
	library string
	now     func() time.Time
}

// feedResult is what fetching one feed gave: the files it saved, and a
// problem (it failed) or a note (it was skipped), one sanitized line.
type feedResult struct {
	paths         []string
	problem, note string
	kept          int // new items that kept their summary (full-text feeds)
}

// all fetches the feeds, within the limiter's bounds, and returns their
// results in order; done is called after each, one call at a time.
func (f fetcher) all(ctx context.Context, feeds []subs.Sub, done func(int, feedResult)) []feedResult {
	results := make([]feedResult, len(feeds))
	var mu sync.Mutex
	finished := 0
	var wg sync.WaitGroup
	for i, s := range feeds {
		wg.Go(func() {
			results[i] = f.one(ctx, s)
			mu.Lock()
			defer mu.Unlock()
			finished++
			done(finished, results[i])
		})
	}
	wg.Wait()
	return results
}

// hostOf is the host a feed's URL names ("" when it names none, which
// the client then refuses).
func hostOf(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Host
	}
	return ""
}

// one fetches a feed and saves its new items, holding a slot of the
// limiter for the feed's host: a gone feed, or one asked to come back
// later, is skipped; a 304 saves nothing; each outcome is recorded in the
// state. A full-text feed gives its slot up while its new items' pages
// are read (readPages), since they take slots of their own, often of the
// same host, and takes one again to save them.
func (f fetcher) one(ctx context.Context, s subs.Sub) feedResult {
	host := hostOf(s.URL)
	release, err := f.lim.Acquire(ctx, host)
	if err != nil {
		return feedResult{problem: failLine(s, err)}
	}
	got, r := f.get(ctx, s)
	if got == nil {
		release()
		return r
	}
	var read pagesRead
	if s.FullText {
		release()
		read, err = f.readPages(ctx, s, got.feed)
		if err == nil {
			release, err = f.lim.Acquire(ctx, host)
		}
		if err != nil {
			return feedResult{problem: failLine(s, err)}
		}
	}
	defer release()
	r = f.save(ctx, s, got, read.pages)
	r.note, r.kept = read.note(s), len(read.kept)
	return r
}

// fetched is a feed's new version, to save, and the bookkeeping of its
// fetch to record with its items.
type fetched struct {
	feed  *feed.Feed
	fetch *state.Fetch
}

// get fetches and parses a feed; nil, and the result to report, when
// there is nothing to save (skipped, not modified, failed).
func (f fetcher) get(ctx context.Context, s subs.Sub) (*fetched, feedResult) {
	known, _, err := f.st.Feed(ctx, s.URL)
	if err != nil {
		return nil, feedResult{problem: failLine(s, err)}
	}
	if known.Gone {
		return nil, feedResult{note: fmt.Sprintf("%s: skipped: gone (the server said 410); newsline feed add %s subscribes again",
			model.OneLine(s.Name), model.OneLine(s.URL))}
	}
	if now := f.now(); now.Before(known.RetryAfter) {
		return nil, feedResult{note: fmt.Sprintf("%s: skipped: the server asked to wait until %s",
			model.OneLine(s.Name), known.RetryAfter.Local().Format("2006-01-02 15:04"))}
	}
	resp, err := f.client.Get(ctx, web.Request{URL: s.URL, ETag: known.ETag, LastModified: known.LastModified})
	if err != nil {
		return nil, f.failed(ctx, s, err)
	}
	if resp.NotModified {
		err := f.st.RecordFetch(ctx, s.URL, state.Fetch{At: f.now(), ETag: known.ETag, LastModified: known.LastModified})
		if err != nil {
			return nil, feedResult{problem: failLine(s, err)}
		}
		return nil, feedResult{}
	}
	parsed, err := feed.Parse(resp.Body, resp.Charset)
	if err != nil {
		return nil, f.failed(ctx, s, err)
	}
	return &fetched{feed: parsed, fetch: &state.Fetch{At: f.now(), ETag: resp.ETag, LastModified: resp.LastModified}}, feedResult{}
}

// save saves the new items of a fetched feed: those of pages (by key)
// with their page's article as the body, the others as the feed gives
// them.
func (f fetcher) save(ctx context.Context, s subs.Sub, got *fetched, pages map[string]feed.Page) feedResult {
	items, err := articles(got.feed, s, f.now(), pages)
	if err != nil {
		return f.failed(ctx, s, err)
	}
	paths, err := library.SaveItems(ctx, f.st, f.library, s.URL, s.Name, items, got.fetch)
	r := feedResult{paths: paths}
	if err != nil {
		r.problem = failLine(s, err)
	}
	return r
}

// failed records a failed fetch of s (gone on a 410, when to come back
// on a 429 or 503) and returns its problem line.
func (f fetcher) failed(ctx context.Context, s subs.Sub, err error) feedResult {
	rec := state.Fetch{At: f.now(), Err: model.OneLine(err.Error())}
	var we *web.Error
	if errors.As(err, &we) {
		rec.Err = model.OneLine(we.Reason)
		rec.Gone = errors.Is(err, web.ErrGone)
		rec.RetryAfter = we.RetryAfter
	}
	if ctx.Err() == nil {
		if rerr := f.st.RecordFetch(ctx, s.URL, rec); rerr != nil {
			err = fmt.Errorf("%v (and it was not recorded: %v)", err, rerr)
		}
	}
	return feedResult{problem: failLine(s, err)}
}

// failLine is the one line that says why the feed s failed.
func failLine(s subs.Sub, err error) string {
	return model.OneLine(s.Name) + ": " + model.OneLine(err.Error())
}

// articles renders the items of a feed as article files: the tags are
// the item's categories plus the subscription's, the date the item's (or
// its page's) else the fetch's (at), the body the page's article for an
// item of pages (by key), else the item's own. The key is taken before
// the date is filled in, so that an undated item keeps its key from one
// fetch to the next.
func articles(f *feed.Feed, s subs.Sub, at time.Time, pages map[string]feed.Page) ([]library.Item, error) {
	items := make([]library.Item, 0, len(f.Items))
	for _, it := range f.Items {
		key := feed.Key(it)
		p, full := pages[key]
		if full {
			it = p.Fill(it)
		}
		if it.Date().IsZero() {
			it.Published = at.UTC()
		}
		var content []byte
		var err error
		if full {
			content, err = feed.FullArticle(f, it, s.URL, s.Tags, p)
		} else {
			content, err = feed.Article(f, it, s.URL, s.Tags)
		}
		if err != nil {
			return nil, err
		}
		items = append(items, library.Item{Key: key, Name: feed.FileName(it, at), Content: content})
	}
	return items, nil
}
