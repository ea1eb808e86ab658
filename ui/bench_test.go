package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

var benchWords = []string{"harbour", "council", "Łódź", "market", "river", "science", "école", "budget", "festival", "東京", "railway", "storm", "garden", "museum", "energy"}

// benchApp returns the model at 160x48 with n generated articles loaded
// (Zipf-distributed tags, ~100-word bodies) and the reader settled.
func benchApp(b *testing.B, n int) Model {
	b.Helper()
	return benchAppWith(b, n, fixtureOptions())
}

// benchAppWith is benchApp with options.
func benchAppWith(b *testing.B, n int, opts Options) Model {
	b.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.2, 1, 199)
	arts := make([]model.Article, n)
	for i := range arts {
		var body []byte
		for range 100 {
			body = append(body, benchWords[r.IntN(len(benchWords))]...)
			body = append(body, ' ')
		}
		rel := fmt.Sprintf("bench/%07d.txt", i)
		arts[i] = model.Article{
			ID: model.NewID(rel, 0), Path: rel, Rel: rel,
			Title: fmt.Sprintf("%s %s report %d", benchWords[r.IntN(len(benchWords))], benchWords[r.IntN(len(benchWords))], i),
			Date:  time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(1e6)) * time.Minute),
			Reads: r.IntN(50000),
			Tags:  []string{fmt.Sprintf("tag%d", zipf.Uint64()), fmt.Sprintf("tag%d", zipf.Uint64())},
			Body:  string(body),
		}
	}
	m := New(opts)
	m = send(b, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	return send(b, m, batchMsg{batch: model.Batch{Articles: arts}, done: true})
}

// nopMarks is a store of marks that keeps nothing: the benchmarks time
// the screen's side of a change.
type nopMarks struct{}

func (nopMarks) Get(context.Context, []model.Article) (map[model.ID]model.Mark, error) {
	return nil, nil
}
func (nopMarks) Set(context.Context, model.MarkChange, []model.Article) (func(context.Context) error, error) {
	return func(context.Context) error { return nil }, nil
}

// BenchmarkMarkAllRead is M then y on 100,000 unread articles in the
// Unread view: every mark changes, the articles stay listed, the counts
// are redone (the store's write runs in a command, not timed).
func BenchmarkMarkAllRead(b *testing.B) {
	opts := fixtureOptions()
	opts.Marks = nopMarks{}
	base := benchAppWith(b, 100_000, opts)
	base = send(b, base, keyPress("u"))
	for b.Loop() {
		b.StopTimer()
		m := base
		m.marks.of, m.marks.kept = map[model.ID]model.Mark{}, map[model.ID]bool{}
		b.StartTimer()
		m = send(b, m, keyPress("M"))
		m = send(b, m, keyPress("y"))
		_ = m.View()
	}
}

// BenchmarkToggleUnread is u on 100,000 articles: the Unread view on or
// off, with its counts, and the frame.
func BenchmarkToggleUnread(b *testing.B) {
	opts := fixtureOptions()
	opts.Marks = nopMarks{}
	m := benchAppWith(b, 100_000, opts)
	for b.Loop() {
		m = send(b, m, keyPress("u"))
		_ = m.View()
	}
}

// BenchmarkView is one full frame. It must not grow with the collection.
func BenchmarkView(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			m := benchApp(b, n)
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkKeyDown is j in the list with 100,000 articles: move, point the
// reader at the next article, and draw the frame.
func BenchmarkKeyDown(b *testing.B) {
	m := benchApp(b, 100_000)
	j := keyPress("j")
	for b.Loop() {
		next, _ := m.Update(j)
		m = next.(Model)
		if m.list.cursor == len(m.list.ids)-1 {
			m.list.cursor = 0
		}
		_ = m.View()
	}
}

// BenchmarkSearchKeystroke is one keystroke in the search box with 10,000
// articles: the visible set, the tag counts and the frame are recomputed.
// Iterations alternate typing a letter and deleting it.
func BenchmarkSearchKeystroke(b *testing.B) {
	m := benchApp(b, 10_000)
	m = keys(b, m, "/")
	m = typeText(b, m, "har")
	ks := []tea.KeyPressMsg{keyPress("b"), keyPress("backspace")}
	i := 0
	for b.Loop() {
		next, _ := m.Update(ks[i%2])
		m = next.(Model)
		_ = m.View()
		i++
	}
	if m.query.Search != "har" && m.query.Search != "harb" {
		b.Fatalf("search %q", m.query.Search)
	}
}

// BenchmarkInteraction is Update and View for the keys of everyday
// browsing with 100,000 articles, each timed alone: the median, p95 and
// the slowest (the first press of each sort builds its order) are
// reported.
func BenchmarkInteraction(b *testing.B) {
	actions := []struct {
		name string
		keys []string // pressed in turn, one per iteration
		pane paneID
	}{
		{"cursor-j-k", []string{"j", "j", "k"}, paneList},
		{"tag-toggle", []string{"j", "space", "space"}, paneTags}, // down to the next tag, on, off
		{"sort-change", []string{"s"}, paneList},
	}
	for _, a := range actions {
		b.Run(a.name, func(b *testing.B) {
			m := benchApp(b, 100_000) // fresh: no sort order built but the default
			m.focus = a.pane
			m.refilter()
			var took []time.Duration
			i := 0
			for b.Loop() {
				k := keyPress(a.keys[i%len(a.keys)])
				start := time.Now()
				next, _ := m.Update(k)
				m = next.(Model)
				_ = m.View()
				took = append(took, time.Since(start))
				i++
				if a.pane == paneTags && m.tags.cursor > 20 {
					m.tags.cursor = 0
				}
			}
			slices.Sort(took)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(took[len(took)/2]), "ms-median")
			b.ReportMetric(ms(took[len(took)*95/100]), "ms-p95")
			b.ReportMetric(ms(took[len(took)-1]), "ms-max")
		})
	}
}

// BenchmarkToggleRead is m on one article of 100,000: its mark, its row
// and the sidebar's counts, and the frame.
func BenchmarkToggleRead(b *testing.B) {
	opts := fixtureOptions()
	opts.Marks = nopMarks{}
	m := benchAppWith(b, 100_000, opts)
	for b.Loop() {
		m = send(b, m, keyPress("m"))
		_ = m.View()
	}
}
