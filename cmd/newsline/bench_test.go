package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/internal/newsgen"
	"github.com/newsline/newsline/model"
	"github.com/newsline/newsline/ui"
)

// Whole-reader benchmarks: the ui model on a generated collection read
// through its on-disk index, driven as Bubble Tea drives it (every command
// in its own goroutine, every message back through Update), with the
// screen (View) checked after every message. 20,000 articles by default;
// NEWSLINE_BENCH=100k for 100,000 (generating and indexing them takes a
// minute):
//
//	go test ./cmd/newsline -run XXX -bench . -benchtime 20x
//	NEWSLINE_BENCH=100k go test ./cmd/newsline -run XXX -bench . -benchtime 20x -timeout 30m

// benchWord is one of the generator's words, in about one article in ten.
const benchWord = "japrost"

var (
	benchOnce sync.Once
	benchDirs struct{ dir, cache string }
	benchErr  error
)

// benchCollection generates the collection and builds its index, once
// per process, and returns its folder, cache folder and size.
func benchCollection(b *testing.B) (dir, cache string, n int) {
	n = 20000
	if strings.Contains(os.Getenv("NEWSLINE_BENCH"), "100k") {
		n = 100000
	}
	benchOnce.Do(func() {
		// Inside TestMain's temporary folder, which it removes at the end.
		tmp, err := os.MkdirTemp(os.Getenv("XDG_CACHE_HOME"), "bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchDirs.dir, benchDirs.cache = filepath.Join(tmp, "txt"), filepath.Join(tmp, "cache")
		if _, benchErr = newsgen.Write(newsgen.Config{N: n, Seed: 1, Out: benchDirs.dir}, 0); benchErr != nil {
			return
		}
		var src source
		if src, benchErr = resolveSource(context.Background(), []string{benchDirs.dir}, cacheFlags{dir: benchDirs.cache}); benchErr != nil {
			return
		}
		defer src.close()
		benchErr = src.loadAndIndex(context.Background(), func(model.Batch) {})
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDirs.dir, benchDirs.cache, n
}

// program runs a model as Bubble Tea does, without a terminal.
type program struct {
	tb   testing.TB
	m    tea.Model
	msgs chan tea.Msg
}

func newProgram(tb testing.TB, m tea.Model, w, h int) *program {
	p := &program{tb: tb, m: m, msgs: make(chan tea.Msg, 64)}
	p.send(tea.WindowSizeMsg{Width: w, Height: h})
	p.start(m.Init())
	return p
}

// start runs cmd in its own goroutine, its message to come back.
func (p *program) start(cmd tea.Cmd) {
	if cmd != nil {
		go func() { p.msgs <- cmd() }()
	}
}

// send delivers a message through Update.
func (p *program) send(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range msg {
			p.start(c)
		}
		return
	}
	var cmd tea.Cmd
	p.m, cmd = p.m.Update(msg)
	p.start(cmd)
}

// screen is what the terminal would show now.
func (p *program) screen() string { return ansi.Strip(p.m.View().Content) }

// until delivers messages until the screen shows want.
func (p *program) until(want string) {
	deadline := time.After(2 * time.Minute)
	for !strings.Contains(p.screen(), want) {
		select {
		case msg := <-p.msgs:
			p.send(msg)
		case <-deadline:
			p.tb.Fatalf("the screen never showed %q:\n%s", want, p.screen())
		}
	}
}

// typeKeys sends one key press per rune, as a terminal delivers typing.
func (p *program) typeKeys(s string) {
	for _, r := range s {
		p.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// count writes n as the reader does (12,345).
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// BenchmarkTypedSearch types a word into the search box at once and waits
// until the list shows its results: the in-process part of "query typed →
// results on screen". Reports the median.
func BenchmarkTypedSearch(b *testing.B) {
	dir, cache, n := benchCollection(b)
	src, err := resolveSource(context.Background(), []string{dir}, cacheFlags{dir: cache})
	if err != nil {
		b.Fatal(err)
	}
	defer src.close()
	ids, err := src.lib.Search(context.Background(), benchWord)
	if err != nil {
		b.Fatal(err)
	}
	p := newProgram(b, ui.New(ui.Options{Load: src.loadAndIndex, Body: src.body, Search: src.search(), NoColor: true}), 160, 48)
	p.until(count(n) + " articles")
	found, all := "1/"+count(len(ids)), "1/"+count(n)
	var took []time.Duration
	for b.Loop() {
		p.send(tea.KeyPressMsg{Code: '/', Text: "/"})
		start := time.Now()
		p.typeKeys(benchWord)
		p.until(found)
		took = append(took, time.Since(start))
		p.send(tea.KeyPressMsg{Code: tea.KeyEscape})
		p.until(all)
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms/search")
}

// BenchmarkNextKeystroke measures one more letter typed onto a search
// that has its results: Update and View until the list shows the new
// query's results. Reports the median.
func BenchmarkNextKeystroke(b *testing.B) {
	dir, cache, n := benchCollection(b)
	src, err := resolveSource(context.Background(), []string{dir}, cacheFlags{dir: cache})
	if err != nil {
		b.Fatal(err)
	}
	defer src.close()
	p := newProgram(b, ui.New(ui.Options{Load: src.loadAndIndex, Body: src.body, Search: src.search(), NoColor: true}), 160, 48)
	p.until(count(n) + " articles")
	// "jap" → "japr": the fourth letter narrows the results.
	short, err := src.lib.Search(context.Background(), benchWord[:3])
	if err != nil {
		b.Fatal(err)
	}
	long, err := src.lib.Search(context.Background(), benchWord[:4])
	if err != nil {
		b.Fatal(err)
	}
	if len(short) == len(long) {
		b.Fatalf("%q and %q find as many articles: the screen cannot tell them apart", benchWord[:3], benchWord[:4])
	}
	p.send(tea.KeyPressMsg{Code: '/', Text: "/"})
	p.typeKeys(benchWord[:3])
	p.until("1/" + count(len(short)))
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		p.typeKeys(benchWord[3:4])
		p.until("1/" + count(len(long)))
		took = append(took, time.Since(start))
		p.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
		p.until("1/" + count(len(short)))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms/keystroke")
}
