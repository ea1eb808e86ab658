package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// TestListShowsBothMarks: unread and starred are two marks side by side,
// so a starred article still says whether it is read.
func TestListShowsBothMarks(t *testing.T) {
	store := &fakeMarks{marks: map[model.ID]model.Mark{
		fixtureID(27): {Read: true},
		fixtureID(26): {Read: true, Starred: true},
		fixtureID(25): {Starred: true},
	}}
	opts := fixtureOptions()
	opts.Marks = store
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: fixtureArticles(), Progress: model.Progress{Done: true}}, done: true})
	m = runAll(t, m, cmd)
	for _, tt := range []struct {
		i    int
		want string
	}{
		{24, "┃ • " + fixtureTitles[24]}, // unread
		{25, "┃ •★" + fixtureTitles[25]}, // unread and starred
		{26, "┃  ★" + fixtureTitles[26]}, // read and starred
		{27, "┃   " + fixtureTitles[27]}, // read
		{29, "┃▌• " + fixtureTitles[29]}, // the cursor's row: unread
	} {
		if r := lineWith(screenText(m), fixtureTitles[tt.i]); !strings.Contains(r, tt.want) {
			t.Errorf("article %d: row %q, want %q", tt.i, r, tt.want)
		}
	}
}
