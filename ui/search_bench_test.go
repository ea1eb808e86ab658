package ui

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// BenchmarkSearchResult is the last keystroke of a search through the
// index with 100,000 articles, until the list and the sidebar's counts
// show its result: the key, the search command (a fake index that hands
// back a result made beforehand: the index's own time is data's
// BenchmarkSearch100k), the searched message and the frame. Iterations
// alternate typing the last letter and deleting it; each query matches
// one article in every (1: all of them, 2: half).
func BenchmarkSearchResult(b *testing.B) {
	for _, every := range []int{10, 2, 1} {
		b.Run(fmt.Sprintf("one-in=%d", every), func(b *testing.B) {
			results := map[string][]model.ID{}
			opts := fixtureOptions()
			opts.Marks = nopMarks{}
			opts.Search = func(_ context.Context, q string) (model.Found, error) {
				return model.Found{IDs: results[q]}, nil
			}
			m := benchAppWith(b, 100_000, opts)
			ids := m.coll.IDs()
			for k, q := range []string{"harbour", "harbou"} {
				var set []model.ID
				for i := k; i < len(ids); i += every {
					set = append(set, ids[i])
				}
				results[q] = set
			}
			m = keys(b, m, "/")
			for _, r := range "harbou" {
				var cmd tea.Cmd
				m, cmd = sendCmd(b, m, keyPress(string(r)))
				m = runSearches(b, m, cmd)
			}
			ks := []tea.KeyPressMsg{keyPress("r"), keyPress("backspace")}
			start := cpuTime()
			i := 0
			for b.Loop() {
				var cmd tea.Cmd
				m, cmd = sendCmd(b, m, ks[i%2])
				m = runSearches(b, m, cmd)
				_ = m.View()
				i++
			}
			b.ReportMetric((cpuTime()-start)*1e3/float64(b.N), "cpu-ms/op")
			if want := (len(ids) + every - 1) / every; m.found.query != m.query.Search || len(m.visible) < want-1 {
				b.Fatalf("found %q for %q, %d visible, want %d", m.found.query, m.query.Search, len(m.visible), want)
			}
		})
	}
}

// BenchmarkSearchPhrase is the last keystroke of a phrase search with
// 100,000 articles, all of them candidates, half of them matching: the
// key, the search, then the confirmations (a fake index that decides at
// once: the reading of files is data's BenchmarkSearch100k) until the
// first screen shows (first-ms, the median of the wall time, and
// first-cpu-ms, the CPU time, both of the process) and until the count is
// final (cpu-ms/op for the whole).
func BenchmarkSearchPhrase(b *testing.B) {
	opts := fixtureOptions()
	opts.Marks = nopMarks{}
	var all []model.ID
	match := map[model.ID]bool{}
	confirm := confirmBy(func(id model.ID) bool { return match[id] })
	opts.Search = func(context.Context, string) (model.Found, error) {
		return model.Found{Check: all, Confirm: confirm}, nil
	}
	m := benchAppWith(b, 100_000, opts)
	all = m.coll.IDs()
	for i, id := range all {
		match[id] = i%2 == 0
	}
	m = keys(b, m, "/")
	m, cmd := sendCmd(b, m, tea.PasteMsg{Content: `"harbour counci`})
	m = runConfirms(b, m, cmd, nil)
	ks := []tea.KeyPressMsg{keyPress("l"), keyPress("backspace")}
	var firsts []time.Duration
	firstCPU := 0.0
	start := cpuTime()
	i := 0
	for b.Loop() {
		t0, c0 := time.Now(), cpuTime()
		m, cmd = sendCmd(b, m, ks[i%2])
		m = runConfirms(b, m, cmd, func(m Model) {
			if len(m.visible) >= m.list.rows() && len(firsts) == i {
				_ = m.View()
				firsts = append(firsts, time.Since(t0))
				firstCPU += cpuTime() - c0
			}
		})
		_ = m.View()
		i++
	}
	b.ReportMetric((cpuTime()-start)*1e3/float64(b.N), "cpu-ms/op")
	slices.Sort(firsts)
	b.ReportMetric(float64(firsts[len(firsts)/2].Microseconds())/1000, "first-ms")
	b.ReportMetric(firstCPU*1e3/float64(len(firsts)), "first-cpu-ms")
	if m.found.counting() || len(m.visible) != 50_000 {
		b.Fatalf("counting %v, %d visible", m.found.counting(), len(m.visible))
	}
}

// runConfirms runs cmd and delivers every search and confirmation that follows
// from it, calling seen after each.
func runConfirms(b *testing.B, m Model, cmd tea.Cmd, seen func(Model)) Model {
	for cmd != nil {
		m, cmd = deliverSeen(b, m, cmd, seen)
	}
	return m
}
