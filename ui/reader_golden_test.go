package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsline/newsline/model"
)

// The article is invented.

const pilotsBody = "A statement from the [pilots' association](" + pilotsAddress + ") was read out " +
	"at Tuesday's meeting; the [harbour board](https://board.example/minutes/2026-03) has not answered. " +
	"The figures are at <https://dues.example/2026>.\n\n" +
	"The pilots ask for three things:\n\n" +
	"- A delay of the new dues until the dredging of the channel by the old quay is finished\n" +
	"- Lights\n" +
	"  - The green light on the north pier, which has been out since January, mended before the spring tides\n" +
	"    1. A lamp ordered from the supplier in Rotterdam, who has not answered either\n" +
	"- A seat on the board\n\n" +
	"The board's dues calculator, as published:\n\n" +
	"```rust\n" +
	"fn dues(tonnage: u32, pilot: bool) -> u32 {\n" +
	"    let base = tonnage / 10; // per ten tonnes\n" +
	"    if pilot { base + 40 } else { base }\n" +
	"}\n" +
	"```\n"

func pilotsArticle() model.Article {
	return model.Article{
		ID:     model.NewID("harbour/pilots.md", 0),
		Path:   "/news/harbour/pilots.md",
		Rel:    "harbour/pilots.md",
		Title:  "Harbour pilots object to the new dues",
		Date:   time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		Reads:  1204,
		Tags:   []string{"Open Source", "Science", "harbours"},
		Source: "The Quay Courier",
		Author: "Delia Frome",
		URL:    "https://news.example.org/2026/03/harbour/pilots-association-statement-on-the-new-dues",
		Format: model.FormatMarkdown,
		Body:   pilotsBody,
	}
}

// pilotsApp is the app in colour, in theme, at w×h with the pilots'
// article loaded, the keys pressed and the reader settled.
func pilotsApp(t *testing.T, theme string, w, h int, ks ...string) Model {
	t.Helper()
	opts := fixtureOptions()
	opts.NoColor = false
	opts.Appearance = Appearance{Theme: theme}
	m := loadedApp(t, opts, w, h, []model.Article{pilotsArticle()})
	m = keys(t, m, ks...)
	out := m.View().Content
	checkTerminalSafe(t, "pilots", out)
	return m
}

// TestGoldenReaderArticle is the reader, with the real renderer, on an
// article with everything: a full header, links, a nested list with long
// items and a rust code block; at the top and at the end (the links).
func TestGoldenReaderArticle(t *testing.T) {
	for _, st := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"80x24/top", 80, 24, []string{"enter"}},
		{"80x24/end", 80, 24, []string{"enter", "G"}},
		{"160x48/top", 160, 48, []string{"enter"}},
	} {
		t.Run(st.name, func(t *testing.T) {
			m := pilotsApp(t, ThemeDark, st.w, st.h, st.keys...)
			golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
		})
	}
}

// TestColorGoldenReaderArticle keeps the end of the pilots' article with
// its colours, in both themes: the highlighted code and the links.
func TestColorGoldenReaderArticle(t *testing.T) {
	for _, theme := range colorThemes {
		t.Run(theme, func(t *testing.T) {
			m := pilotsApp(t, theme, 80, 24, "enter", "G")
			golden.RequireEqual(t, colorScreen(t, m))
		})
	}
}
