package ui

import (
	"context"
	"fmt"
	"testing"

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
