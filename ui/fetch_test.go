package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsline/newsline/model"
)

// fetchApp is the fixture at w×h with fetch as Options.Fetch (and add as
// AddFiles), the background interval's ticks recorded in ticks instead of
// slept.
func fetchApp(t *testing.T, w, h int, fetch FetchFunc, add AddFilesFunc, every time.Duration) (Model, *[]time.Duration) {
	t.Helper()
	opts := fixtureOptions()
	opts.Fetch, opts.AddFiles, opts.FetchInterval = fetch, add, every
	m := New(opts)
	ticks := &[]time.Duration{}
	m.fetch.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		*ticks = append(*ticks, d)
		return func() tea.Msg { return msg }
	}
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = send(t, m, batchMsg{batch: model.Batch{
		Articles: fixtureArticles(),
		Progress: model.Progress{Files: 30, Articles: 30, Done: true},
	}, done: true})
	return m, ticks
}

// noFetch is a Fetch the tests drive by messages: it is never run.
func noFetch(context.Context, func(FetchProgress)) (FetchResult, error) {
	return FetchResult{}, errors.New("not run in this test")
}

// header is the first line of the screen.
func header(m Model) string { return strings.SplitN(screenText(m), "\n", 2)[0] }

// fetchStep delivers a step of the run in flight.
func fetchStep(t *testing.T, m Model, msg fetchMsg) (Model, tea.Cmd) {
	t.Helper()
	msg.gen = m.fetch.gen
	return sendCmd(t, m, msg)
}

func TestFetchShowsProgressThenSummary(t *testing.T) {
	m, _ := fetchApp(t, 120, 40, noFetch, nil, 0)
	m, cmd := sendCmd(t, m, keyPress("R"))
	if cmd == nil || !m.fetch.running {
		t.Fatal("R started no fetch")
	}
	if h := header(m); !strings.Contains(h, "Fetching feeds…") {
		t.Errorf("header before any progress = %q", h)
	}
	m, cmd = fetchStep(t, m, fetchMsg{progress: FetchProgress{Done: 12, Total: 40, New: 230}})
	if cmd == nil {
		t.Error("a progress step did not re-arm the wait")
	}
	if h := header(m); !strings.Contains(h, "Fetching 12/40 feeds · 230 new") {
		t.Errorf("header during the fetch = %q", h)
	}
	m, _ = fetchStep(t, m, fetchMsg{done: true, res: FetchResult{Feeds: 40, New: 230, Failed: 2, Shown: true}})
	h := header(m)
	if !strings.Contains(h, "40 feeds, 230 new items, 2 failed") || strings.Contains(h, "Fetching") || strings.Contains(h, "saved in") {
		t.Errorf("header after the fetch = %q", h)
	}
	if m.fetch.running {
		t.Error("the fetch still runs after its end")
	}
}

func TestFetchRunsOffTheLoop(t *testing.T) {
	var got []string
	fetch := func(ctx context.Context, progress func(FetchProgress)) (FetchResult, error) {
		progress(FetchProgress{Done: 1, Total: 2, New: 3})
		progress(FetchProgress{Done: 2, Total: 2, New: 5})
		return FetchResult{Feeds: 2, New: 5, Shown: true}, nil
	}
	m, _ := fetchApp(t, 120, 40, fetch, nil, 0)
	m, cmd := sendCmd(t, m, keyPress("R"))
	for range 10 {
		var next tea.Cmd
		for _, msg := range cmdMsgs(t, cmd) {
			if fm, ok := msg.(fetchMsg); ok {
				m, next = sendCmd(t, m, fm)
				got = append(got, m.fetch.status())
			}
		}
		if cmd = next; !m.fetch.running {
			break
		}
	}
	if m.fetch.running || !strings.Contains(header(m), "2 feeds, 5 new items") {
		t.Fatalf("after the run: header %q, steps %q", header(m), got)
	}
	// Steps queued together come as the latest: which ones show depends
	// on timing, what they say does not.
	for _, s := range got {
		if s != "Fetching 1/2 feeds · 3 new" && s != "Fetching 2/2 feeds · 5 new" && s != "" {
			t.Errorf("a step showed %q", s)
		}
	}
}

func TestFetchNoFeedsSaysHowToAddOne(t *testing.T) {
	m, _ := fetchApp(t, 120, 40, noFetch, nil, 0)
	m = send(t, m, keyPress("R"))
	m, _ = fetchStep(t, m, fetchMsg{done: true, err: ErrNoFeeds})
	if h := header(m); !strings.Contains(h, "No feeds yet: newsline feed add URL subscribes to one") {
		t.Errorf("header = %q", h)
	}
}

func TestFetchFailedSaysWhy(t *testing.T) {
	m, _ := fetchApp(t, 120, 40, noFetch, nil, 0)
	m = send(t, m, keyPress("R"))
	m, _ = fetchStep(t, m, fetchMsg{done: true, err: errors.New("a fetch is running elsewhere")})
	if h := header(m); !strings.Contains(h, "Fetch failed: a fetch is running elsewhere") {
		t.Errorf("header = %q", h)
	}
}

func TestFetchWithoutFetchSaysNotHere(t *testing.T) {
	m, _ := fetchApp(t, 120, 40, nil, nil, 0)
	m, cmd := sendCmd(t, m, keyPress("R"))
	if m.fetch.running {
		t.Error("R started a fetch without Options.Fetch")
	}
	if slices.ContainsFunc(cmdMsgs(t, cmd), func(msg tea.Msg) bool { _, ok := msg.(fetchMsg); return ok }) {
		t.Error("R without Options.Fetch brought a fetch message")
	}
	if h := header(m); !strings.Contains(h, "Fetching is not available here (no library)") {
		t.Errorf("header = %q", h)
	}
}

func TestFetchTwiceSaysOneIsRunning(t *testing.T) {
	m, _ := fetchApp(t, 120, 40, noFetch, nil, 0)
	m = send(t, m, keyPress("R"))
	gen := m.fetch.gen
	m, cmd := sendCmd(t, m, keyPress("R"))
	if m.fetch.gen != gen {
		t.Error("a second R started a second fetch")
	}
	if slices.ContainsFunc(cmdMsgs(t, cmd), func(msg tea.Msg) bool { _, ok := msg.(fetchMsg); return ok }) {
		t.Error("a second R brought a fetch message")
	}
	if h := header(m); !strings.Contains(h, "A fetch is already running") {
		t.Errorf("header = %q", h)
	}
}

func TestFetchNotShownSaysWhereTheyWent(t *testing.T) {
	added := false
	add := func(context.Context, []string, func(model.Batch)) error { added = true; return nil }
	m, _ := fetchApp(t, 160, 48, noFetch, add, 0)
	m = send(t, m, keyPress("R"))
	m, cmd := fetchStep(t, m, fetchMsg{done: true, res: FetchResult{
		Feeds: 3, New: 1, Paths: []string{"/lib/feeds/a/x.md"}, Into: "/home/u/.local/share/newsline/library",
	}})
	cmdMsgs(t, cmd)
	if added {
		t.Error("files of a library not shown were added to the list")
	}
	if h := header(m); !strings.Contains(h, "3 feeds, 1 new item · saved in /home/u/.local/share/newsline/library") {
		t.Errorf("header = %q", h)
	}
}

func TestFetchHandsNewFilesToAddFiles(t *testing.T) {
	var gotPaths []string
	fresh := model.Article{ID: model.NewID("/lib/feeds/comets/new.md", 0), Path: "/lib/feeds/comets/new.md", Title: "A comet was fetched"}
	add := func(_ context.Context, paths []string, send func(model.Batch)) error {
		gotPaths = paths
		send(model.Batch{Articles: []model.Article{fresh}, Progress: model.Progress{Done: true}})
		return nil
	}
	m, _ := fetchApp(t, 160, 48, noFetch, add, 0)
	before := m.coll.Len()
	m = send(t, m, keyPress("R"))
	paths := []string{"/lib/feeds/comets/new.md"}
	m, cmd := fetchStep(t, m, fetchMsg{done: true, res: FetchResult{Feeds: 1, New: 1, Paths: paths, Shown: true}})
	msgs := cmdMsgs(t, cmd)
	if !slices.Equal(gotPaths, paths) || len(msgs) != 1 {
		t.Fatalf("AddFiles got %q, messages %v", gotPaths, msgs)
	}
	m, cmd = sendCmd(t, m, msgs[0])
	if m.coll.Len() != before+1 || !slices.Contains(m.visible, fresh.ID) {
		t.Errorf("the new article is not listed: %d articles, was %d", m.coll.Len(), before)
	}
	if m.loading || m.coll.Progress().Articles != 30 {
		t.Errorf("adding files touched the load: loading %v, progress %+v", m.loading, m.coll.Progress())
	}
	if !strings.Contains(screenText(m), "A comet was fetched") || !strings.Contains(header(m), "1 feed, 1 new item") {
		t.Errorf("screen:\n%s", screenText(m))
	}
	for _, msg := range cmdMsgs(t, cmd) {
		if _, ok := msg.(batchMsg); ok {
			t.Error("an added batch re-armed the load's wait")
		}
	}
}

func TestFetchIntervalTicks(t *testing.T) {
	m, ticks := fetchApp(t, 120, 40, noFetch, nil, 30*time.Minute)
	cmdMsgs(t, m.fetch.tick())
	if !slices.Equal(*ticks, []time.Duration{30 * time.Minute}) {
		t.Fatalf("ticks armed: %v", *ticks)
	}
	m, cmd := sendCmd(t, m, fetchTickMsg{})
	if !m.fetch.running || !m.fetch.quiet || cmd == nil {
		t.Fatal("the tick started no quiet fetch")
	}
	gen := m.fetch.gen
	m, _ = fetchStep(t, m, fetchMsg{progress: FetchProgress{Done: 1, Total: 4}})
	if h := header(m); strings.Contains(h, "Fetching") {
		t.Errorf("a background fetch shows its progress: %q", h)
	}
	m = send(t, m, fetchTickMsg{})
	if m.fetch.gen != gen || len(*ticks) != 3 {
		t.Errorf("a tick during a fetch: gen %d (was %d), ticks %v", m.fetch.gen, gen, *ticks)
	}
	m, _ = fetchStep(t, m, fetchMsg{done: true, res: FetchResult{Feeds: 4, Shown: true}})
	if h := header(m); strings.Contains(h, "4 feeds") {
		t.Errorf("a background fetch with nothing new says so: %q", h)
	}
	m = send(t, m, fetchTickMsg{})
	m, _ = fetchStep(t, m, fetchMsg{done: true, res: FetchResult{Feeds: 4, New: 2, Shown: true}})
	if h := header(m); !strings.Contains(h, "4 feeds, 2 new items") {
		t.Errorf("a background fetch with news: %q", h)
	}
}

func TestFetchIntervalOff(t *testing.T) {
	m, ticks := fetchApp(t, 120, 40, noFetch, nil, 0)
	if cmd := m.fetch.tick(); cmd != nil || len(*ticks) != 0 {
		t.Error("no interval armed a tick")
	}
	m, ticks = fetchApp(t, 120, 40, noFetch, nil, time.Second)
	cmdMsgs(t, m.fetch.tick())
	if !slices.Equal(*ticks, []time.Duration{time.Minute}) {
		t.Errorf("an interval under a minute armed %v", *ticks)
	}
	m, _ = fetchApp(t, 120, 40, nil, nil, time.Hour)
	if m.fetch.tick() != nil {
		t.Error("an interval without Options.Fetch armed a tick")
	}
}

func TestFetchQuitCancelsIt(t *testing.T) {
	started := make(chan struct{})
	ended := make(chan error, 1)
	fetch := func(ctx context.Context, progress func(FetchProgress)) (FetchResult, error) {
		close(started)
		<-ctx.Done()
		ended <- ctx.Err()
		return FetchResult{}, ctx.Err()
	}
	m, _ := fetchApp(t, 120, 40, fetch, nil, 0)
	run, _ := m.fetch.start(m.ctx, false)
	for _, c := range run().(tea.BatchMsg) {
		go c()
	}
	<-started
	_, cmd := sendCmd(t, m, keyPress("q"))
	if !quits(t, cmd) {
		t.Fatal("q did not quit")
	}
	select {
	case err := <-ended:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the fetch ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("quitting did not cancel the fetch")
	}
}

func TestGoldenFetching(t *testing.T) {
	m, _ := fetchApp(t, 80, 24, noFetch, nil, 0)
	m = send(t, m, keyPress("R"))
	m, _ = fetchStep(t, m, fetchMsg{progress: FetchProgress{Done: 12, Total: 40, New: 230}})
	t.Run("80x24", func(t *testing.T) {
		golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
	})
}

func TestFetchSummarySaysWhatKeptTheSummary(t *testing.T) {
	tests := []struct {
		res  FetchResult
		want string
	}{
		{FetchResult{Feeds: 3, New: 10, Kept: 2, Shown: true}, "3 feeds, 10 new items (2 kept the summary, page not read)"},
		{FetchResult{Feeds: 3, New: 10, Shown: true}, "3 feeds, 10 new items"},
		{FetchResult{Feeds: 3, New: 4, Kept: 1, Failed: 1, Shown: true}, "3 feeds, 4 new items (1 kept the summary, page not read), 1 failed"},
	}
	for _, tt := range tests {
		if got := fetchSummary(tt.res, nil, false); got != tt.want {
			t.Errorf("fetchSummary(%+v) = %q, want %q", tt.res, got, tt.want)
		}
	}
}
