package ui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// ErrNoFeeds is what Options.Fetch returns when there are no
// subscriptions: R then says how to add one.
var ErrNoFeeds = errors.New("no feeds")

// FetchProgress is how far a fetch has come: Done of Total feeds fetched,
// New items saved so far.
type FetchProgress struct {
	Done, Total, New int
}

// FetchResult is what a fetch did.
type FetchResult struct {
	Feeds  int // the feeds fetched (or tried)
	New    int // the new items saved
	Failed int // the feeds that failed
	// Kept is how many new items of full-text feeds were saved with their
	// summary, their page not read.
	Kept int
	// Paths are the files written: the new items' articles, handed to
	// Options.AddFiles when Shown.
	Paths []string
	// Into is the library folder the files went into.
	Into string
	// Shown is whether the library is part of what the reader shows: when
	// it is not, the summary says where the new items went.
	Shown bool
}

// FetchFunc fetches every subscribed feed into the library (R and
// Options.FetchInterval). It calls progress as feeds finish (from any
// goroutine), returns ErrNoFeeds when there is nothing to fetch, and
// stops when ctx is cancelled (the reader quit).
type FetchFunc func(ctx context.Context, progress func(FetchProgress)) (FetchResult, error)

// AddFilesFunc reads just the given files into the collection (the ones a
// fetch wrote), without walking the rest: it calls send with their
// articles and problems, and returns when done or when ctx is cancelled.
// The batches' Progress is ignored.
type AddFilesFunc func(ctx context.Context, paths []string, send func(model.Batch)) error

// minFetchInterval is the shortest background interval (the
// configuration refuses less; this guards against a zero or a typo).
const minFetchInterval = time.Minute

// fetchMsg is one step of a fetch run: its progress, or its end (done).
type fetchMsg struct {
	gen      int
	progress FetchProgress
	done     bool
	res      FetchResult
	err      error
}

// fetchTickMsg is the background interval's tick (Options.FetchInterval).
type fetchTickMsg struct{}

// fetchState is the reader's side of fetching: the run in flight, if
// any, and the background interval. The Model holds one.
type fetchState struct {
	fetch    FetchFunc
	add      AddFilesFunc
	interval time.Duration
	// after returns the command that brings msg after d: tea.Tick, which
	// tests replace so that they never sleep.
	after func(d time.Duration, msg tea.Msg) tea.Cmd

	gen      int           // the latest run's
	running  bool          // a run is in flight
	quiet    bool          // ... started by the interval: no progress shown
	progress FetchProgress // ... and how far it has come
	ch       chan fetchMsg

	save   SavePageFunc // ctrl+s in the link picker (save.go)
	saving int          // pages being saved
}

func newFetchState(opts Options) fetchState {
	return fetchState{
		fetch:    opts.Fetch,
		add:      opts.AddFiles,
		save:     opts.SavePage,
		interval: opts.FetchInterval,
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		},
	}
}

// tick arms the next background fetch, when there is an interval.
func (f *fetchState) tick() tea.Cmd {
	if f.fetch == nil || f.interval <= 0 {
		return nil
	}
	return f.after(max(f.interval, minFetchInterval), fetchTickMsg{})
}

// start begins a run (R, or the interval's tick when quiet), or says why
// it does not.
func (f *fetchState) start(ctx context.Context, quiet bool) (_ tea.Cmd, why string) {
	switch {
	case f.fetch == nil:
		return nil, "Fetching is not available here (no library)"
	case f.running:
		return nil, "A fetch is already running"
	}
	f.gen++
	f.running, f.quiet, f.progress = true, quiet, FetchProgress{}
	f.ch = make(chan fetchMsg, loadBuffer)
	return tea.Batch(fetchCmd(ctx, f.fetch, f.gen, f.ch), waitFetch(f.ch)), ""
}

// update takes a fetch message: a tick starts a quiet run (none while one
// runs) and arms the next; a step shows progress and re-arms the wait;
// the end says what the run did in *flash and hands the new files to
// AddFiles.
func (f *fetchState) update(ctx context.Context, msg tea.Msg, flash *string) tea.Cmd {
	switch msg := msg.(type) {
	case fetchTickMsg:
		var run tea.Cmd
		if !f.running {
			run, _ = f.start(ctx, true)
		}
		return tea.Batch(run, f.tick())
	case savedMsg:
		return f.saved(ctx, msg, flash)
	case fetchMsg:
		if msg.gen != f.gen || !f.running {
			return nil
		}
		if !msg.done {
			f.progress = msg.progress
			return waitFetch(f.ch)
		}
		f.running = false
		if s := fetchSummary(msg.res, msg.err, f.quiet); s != "" {
			*flash = s
		}
		if msg.err == nil && msg.res.Shown && len(msg.res.Paths) > 0 && f.add != nil {
			return addFilesCmd(ctx, f.add, msg.res.Paths)
		}
	}
	return nil
}

// status is the header's line while a run shows its progress ("Fetching
// 12/40 feeds · 230 new") or pages are being saved ("Saving a page…").
func (f *fetchState) status() string {
	return joinStatus(f.fetchStatus(), f.saveStatus())
}

// fetchStatus is the progress of a run that shows it.
func (f *fetchState) fetchStatus() string {
	switch {
	case !f.running || f.quiet:
		return ""
	case f.progress.Total == 0:
		return "Fetching feeds…"
	}
	p := f.progress
	return "Fetching " + countText(p.Done) + "/" + countText(p.Total) + " feeds · " + countText(p.New) + " new"
}

// fetchSummary is what the end of a run says: "40 feeds, 230 new items,
// 2 failed", and where they went when the library is not shown. A quiet
// run says something only when there is news or a failure.
func fetchSummary(res FetchResult, err error, quiet bool) string {
	switch {
	case errors.Is(err, ErrNoFeeds) && quiet:
		return ""
	case errors.Is(err, ErrNoFeeds):
		return "No feeds yet: newsline feed add URL subscribes to one"
	case err != nil:
		return "Fetch failed: " + err.Error()
	case quiet && res.New == 0 && res.Failed == 0:
		return ""
	}
	s := pluralize(res.Feeds, "feed", "feeds") + ", " + pluralize(res.New, "new item", "new items")
	if res.Kept > 0 {
		s += " (" + countText(res.Kept) + " kept the summary, page not read)"
	}
	if res.Failed > 0 {
		s += ", " + countText(res.Failed) + " failed"
	}
	if !res.Shown && res.New > 0 && res.Into != "" {
		s += " · saved in " + res.Into
	}
	return s
}

// fetchCmd runs Options.Fetch off the event loop, sending its progress
// and then its end on ch, which it closes.
func fetchCmd(ctx context.Context, fetch FetchFunc, gen int, ch chan<- fetchMsg) tea.Cmd {
	return func() tea.Msg {
		defer close(ch)
		res, err := fetch(ctx, func(p FetchProgress) {
			select {
			case ch <- fetchMsg{gen: gen, progress: p}:
			case <-ctx.Done():
			}
		})
		select {
		case ch <- fetchMsg{gen: gen, done: true, res: res, err: err}:
		case <-ctx.Done():
		}
		return nil
	}
}

// waitFetch brings the next step of a run: the latest progress queued
// (the ones before it are out of date), or the end. The root re-arms it
// until the end.
func waitFetch(ch <-chan fetchMsg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil // cancelled: the program is quitting
		}
		for !msg.done {
			select {
			case next, ok := <-ch:
				if !ok {
					return msg
				}
				msg = next
			default:
				return msg
			}
		}
		return msg
	}
}

// addFilesCmd reads the files a fetch wrote into the collection
// (Options.AddFiles), as one batch of the load's kind marked added: it
// neither ends nor re-arms the load.
func addFilesCmd(ctx context.Context, add AddFilesFunc, paths []string) tea.Cmd {
	return func() tea.Msg {
		var b model.Batch
		err := add(ctx, paths, func(got model.Batch) {
			got.Progress = model.Progress{}
			merge(&b, got)
		})
		if err != nil && ctx.Err() == nil {
			b.Notice = "Could not read the new articles: " + err.Error()
		}
		return batchMsg{batch: b, added: true}
	}
}
