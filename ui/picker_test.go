package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// pickItems makes items whose Value is "v:" + label.
func pickItems(labels ...string) []pickItem {
	items := make([]pickItem, len(labels))
	for i, l := range labels {
		items[i] = pickItem{Label: l, Value: "v:" + l}
	}
	return items
}

func testPicker(w, h int, labels ...string) picker {
	th := NewTheme(true)
	p := newPicker(&th, "Tags", "filter tags", pickItems(labels...))
	p.SetSize(w, h)
	return p
}

// pickSend gives the picker one message; the picker must stay open and
// choose nothing.
func pickSend(t *testing.T, p picker, msg tea.Msg) picker {
	t.Helper()
	p, res, _ := p.Update(msg)
	if res.Chosen != nil || res.Closed {
		t.Fatalf("%v: result %+v, want none", msg, res)
	}
	return p
}

// pickKeys presses each key in turn (names as keyPress takes them).
func pickKeys(t *testing.T, p picker, ks ...string) picker {
	t.Helper()
	for _, k := range ks {
		p = pickSend(t, p, keyPress(k))
	}
	return p
}

// pickType types s one character at a time.
func pickType(t *testing.T, p picker, s string) picker {
	t.Helper()
	for _, r := range s {
		if r == ' ' {
			p = pickSend(t, p, keyPress("space"))
			continue
		}
		p = pickSend(t, p, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return p
}

// shownLabels lists the labels the filter shows, in order.
func shownLabels(p picker) []string {
	out := make([]string, len(p.shown))
	for i, j := range p.shown {
		out[i] = p.items[j].Label
	}
	return out
}

func currentLabel(p picker) string {
	it, ok := p.Current()
	if !ok {
		return "<none>"
	}
	return it.Label
}

// checkPickerView checks that the view is exactly h lines of exactly w cells.
func checkPickerView(t *testing.T, p picker) []string {
	t.Helper()
	v := p.View()
	if p.height == 0 {
		if v != "" {
			t.Fatalf("%dx0: view %q, want empty", p.width, v)
		}
		return nil
	}
	lines := strings.Split(v, "\n")
	if len(lines) != p.height {
		t.Fatalf("%dx%d: %d lines, want %d:\n%s", p.width, p.height, len(lines), p.height, v)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != p.width {
			t.Fatalf("%dx%d: line %d is %d cells wide, want %d: %q", p.width, p.height, i, got, p.width, l)
		}
	}
	return lines
}

var pickCities = []string{"Bern", "Zürich", "Basel", "ZUG", "Łódź", "Genève", "Straße 12", "São Paulo", "Kraków"}

func TestPickerFilterNarrowsFoldingCaseAndAccents(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", pickCities},
		{"zurich", []string{"Zürich"}},
		{"ZÜRICH", []string{"Zürich"}},
		{"zu", []string{"Zürich", "ZUG"}},
		{"lodz", []string{"Łódź"}},
		{"geneve", []string{"Genève"}},
		{"strasse", []string{"Straße 12"}},
		{"sao paulo", []string{"São Paulo"}},
		{"paulo sao", []string{"São Paulo"}}, // words in any order
		{"  pau  ", []string{"São Paulo"}},
		{"krakow", []string{"Kraków"}},
		{"e", []string{"Bern", "Basel", "Genève", "Straße 12"}},
		{"zzz", []string{}},
		{"bern basel", []string{}}, // every word must match
	} {
		p := pickType(t, testPicker(80, 20, pickCities...), tc.query)
		if got := shownLabels(p); !slices.Equal(got, tc.want) {
			t.Errorf("%q: shows %q, want %q", tc.query, got, tc.want)
		}
		if p.Query() != tc.query {
			t.Errorf("%q: query %q", tc.query, p.Query())
		}
	}
}

func TestPickerRanksWordStartsFirst(t *testing.T) {
	labels := []string{"Smart homes", "Art history", "Startups", "Modern art", "Arts & crafts", "Heart"}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		// Word starts in the items' order, then matches inside words.
		{"art", []string{"Art history", "Modern art", "Arts & crafts", "Smart homes", "Startups", "Heart"}},
		{"ART", []string{"Art history", "Modern art", "Arts & crafts", "Smart homes", "Startups", "Heart"}},
		// Every word at a word start to rank first.
		{"mo art", []string{"Modern art"}},
		{"art h", []string{"Art history", "Smart homes", "Heart"}},
		{"rt", []string{"Smart homes", "Art history", "Startups", "Modern art", "Arts & crafts", "Heart"}},
	} {
		p := pickType(t, testPicker(80, 20, labels...), tc.query)
		if got := shownLabels(p); !slices.Equal(got, tc.want) {
			t.Errorf("%q: shows %q, want %q", tc.query, got, tc.want)
		}
		if len(tc.want) > 0 && currentLabel(p) != tc.want[0] {
			t.Errorf("%q: cursor on %q, want the best match %q", tc.query, currentLabel(p), tc.want[0])
		}
	}
}

func TestPickerLettersGoToTheFilter(t *testing.T) {
	p := testPicker(80, 20, "jazz", "kayak", "quiz", "other")
	p = pickType(t, p, "j")
	if p.Query() != "j" || !slices.Equal(shownLabels(p), []string{"jazz"}) {
		t.Fatalf("j: query %q, shows %q", p.Query(), shownLabels(p))
	}
	p = pickKeys(t, p, "backspace")
	p = pickType(t, p, "k")
	if p.Query() != "k" || !slices.Equal(shownLabels(p), []string{"kayak"}) {
		t.Fatalf("k: query %q, shows %q", p.Query(), shownLabels(p))
	}
	p = pickKeys(t, p, "backspace")
	p = pickType(t, p, "q")
	if p.Query() != "q" || !slices.Equal(shownLabels(p), []string{"quiz"}) {
		t.Fatalf("q: query %q, shows %q", p.Query(), shownLabels(p))
	}
}

func TestPickerMovementClamps(t *testing.T) {
	labels := make([]string, 30)
	for i := range labels {
		labels[i] = fmt.Sprintf("item %02d", i)
	}
	p := testPicker(40, 10, labels...) // 8 inner lines: box, rule, 6 rows
	if p.rows() != 6 {
		t.Fatalf("rows %d, want 6", p.rows())
	}
	for _, step := range []struct {
		key    string
		cursor int
		offset int
	}{
		{"up", 0, 0}, // clamped at the top
		{"down", 1, 0},
		{"ctrl+n", 2, 0},
		{"ctrl+j", 3, 0},
		{"ctrl+p", 2, 0},
		{"ctrl+k", 1, 0},
		{"pgdown", 7, 2},
		{"end", 29, 24},
		{"down", 29, 24}, // clamped at the bottom
		{"pgdown", 29, 24},
		{"pgup", 23, 23},
		{"home", 0, 0},
		{"pgup", 0, 0},
	} {
		p = pickKeys(t, p, step.key)
		if p.cursor != step.cursor || p.offset != step.offset {
			t.Fatalf("%s: cursor %d offset %d, want %d %d", step.key, p.cursor, p.offset, step.cursor, step.offset)
		}
	}
	// Typing filters and puts the cursor on the best match; a key that
	// leaves the query words as they were (a space) keeps it where it is.
	p = pickKeys(t, p, "end")
	p = pickType(t, p, "item 1")
	if p.Len() != 12 || p.cursor != 0 || currentLabel(p) != "item 10" {
		t.Fatalf("after typing: %d shown, cursor %d on %q", p.Len(), p.cursor, currentLabel(p))
	}
	p = pickKeys(t, p, "down", "down", "space")
	if p.cursor != 2 || currentLabel(p) != "item 12" {
		t.Fatalf("after a space: cursor %d on %q, want 2 on item 12", p.cursor, currentLabel(p))
	}
	// Movement over an empty result does nothing.
	p = pickType(t, p, "zzz")
	p = pickKeys(t, p, "down", "end", "up", "pgdown")
	if p.cursor != 0 || p.offset != 0 || p.Len() != 0 {
		t.Fatalf("empty: cursor %d offset %d len %d", p.cursor, p.offset, p.Len())
	}
}

func TestPickerEnterChoosesAfterFiltering(t *testing.T) {
	th := PlainTheme()
	p := newPicker(&th, "Links", "filter links", []pickItem{
		{Label: "Home", Note: "1", Value: "https://example.org/"},
		{Label: "Basel news", Note: "2", Value: "https://example.org/basel"},
		{Label: "Bern news", Note: "3", Value: "https://example.org/bern"},
		{Label: "Bar", Note: "4", Value: "https://example.org/bar"},
	})
	p.SetSize(60, 12)
	p = pickType(t, p, "news")
	p = pickKeys(t, p, "down")
	p, res, _ := p.Update(keyPress("enter"))
	if res.Closed || res.Chosen == nil {
		t.Fatalf("enter: result %+v, want a choice", res)
	}
	if got := *res.Chosen; got != (pickItem{Label: "Bern news", Note: "3", Value: "https://example.org/bern"}) {
		t.Fatalf("enter chose %+v, want Bern news", got)
	}
	// The picker is unchanged by the choice: enter again chooses the same.
	if _, again, _ := p.Update(keyPress("enter")); again.Chosen == nil || again.Chosen.Value != res.Chosen.Value {
		t.Fatalf("enter again: %+v", again)
	}
}

func TestPickerEnterOnEmptyDoesNothing(t *testing.T) {
	p := pickType(t, testPicker(40, 10, pickCities...), "zzz")
	if _, res, _ := p.Update(keyPress("enter")); res.Chosen != nil || res.Closed {
		t.Fatalf("enter with no match: %+v, want nothing", res)
	}
	empty := testPicker(40, 10)
	if _, res, _ := empty.Update(keyPress("enter")); res.Chosen != nil || res.Closed {
		t.Fatalf("enter with no items: %+v, want nothing", res)
	}
}

// TestPickerEscClearsThenCloses: esc undoes one level — the filter first,
// then the picker.
func TestPickerEscClearsThenCloses(t *testing.T) {
	p := pickType(t, testPicker(40, 10, pickCities...), "zu")
	p = pickKeys(t, p, "down")
	if p.escAction() != "clear filter" {
		t.Errorf("escAction with a filter: %q", p.escAction())
	}
	if h := p.helpKeys(); h[len(h)-1].Help().Desc != "clear filter" || p.keys.Back.Help().Desc != "close" {
		t.Errorf("help: esc %q, shared binding %q", h[len(h)-1].Help().Desc, p.keys.Back.Help().Desc)
	}
	p = pickKeys(t, p, "esc") // pickKeys fails on Closed
	if p.Query() != "" || p.Len() != len(pickCities) || p.cursor != 0 {
		t.Fatalf("esc with a filter: query %q, %d shown, cursor %d", p.Query(), p.Len(), p.cursor)
	}
	if p.escAction() != "close" {
		t.Errorf("escAction without a filter: %q", p.escAction())
	}
	if _, res, _ := p.Update(keyPress("esc")); !res.Closed || res.Chosen != nil {
		t.Fatalf("esc without a filter: %+v, want closed", res)
	}
	// A filter of spaces only is still text to clear first.
	p = pickKeys(t, p, "space")
	if _, res, _ := p.Update(keyPress("esc")); res.Closed {
		t.Fatal("esc closed with a space in the box")
	}
}

func TestPickerPasteGoesToTheFilter(t *testing.T) {
	p := testPicker(40, 10, pickCities...)
	p = pickSend(t, p, tea.PasteMsg{Content: "Zür"})
	if p.Query() != "Zür" || !slices.Equal(shownLabels(p), []string{"Zürich"}) {
		t.Fatalf("paste: query %q, shows %q", p.Query(), shownLabels(p))
	}
	// A multi-line paste stays one line of words.
	p = pickKeys(t, p, "esc")
	p = pickSend(t, p, tea.PasteMsg{Content: "são\npaulo\t"})
	if strings.ContainsAny(p.Query(), "\n\t") || !slices.Equal(shownLabels(p), []string{"São Paulo"}) {
		t.Fatalf("multi-line paste: query %q, shows %q", p.Query(), shownLabels(p))
	}
	checkPickerView(t, p)
}

func TestPickerMouse(t *testing.T) {
	labels := make([]string, 30)
	for i := range labels {
		labels[i] = fmt.Sprintf("item %02d", i)
	}
	p := testPicker(40, 10, labels...)
	p.SetOrigin(5, 3) // rows start at screen line 3+1+2
	p = pickSend(t, p, tea.MouseWheelMsg{X: 10, Y: 8, Button: tea.MouseWheelDown})
	if p.offset != wheelLines || p.cursor != wheelLines {
		t.Fatalf("wheel down: offset %d cursor %d, want %d %d", p.offset, p.cursor, wheelLines, wheelLines)
	}
	p = pickSend(t, p, tea.MouseWheelMsg{X: 10, Y: 8, Button: tea.MouseWheelUp})
	if p.offset != 0 {
		t.Fatalf("wheel up: offset %d", p.offset)
	}
	// The input line, the rule and the border choose nothing.
	for _, at := range [][2]int{{10, 4}, {10, 5}, {5, 7}, {44, 7}, {10, 3}} {
		p = pickSend(t, p, tea.MouseClickMsg{X: at[0], Y: at[1], Button: tea.MouseLeft})
	}
	// Nor does a right click.
	p = pickSend(t, p, tea.MouseClickMsg{X: 10, Y: 7, Button: tea.MouseRight})
	_, res, _ := p.Update(tea.MouseClickMsg{X: 10, Y: 8, Button: tea.MouseLeft})
	if res.Chosen == nil || res.Chosen.Value != "v:item 02" {
		t.Fatalf("click on the third row: %+v, want item 02", res)
	}
	_, res, _ = p.Update(tea.MouseClickMsg{X: 4, Y: 8, Button: tea.MouseLeft})
	if !res.Closed {
		t.Fatalf("click outside: %+v, want closed", res)
	}
	// A click below the last row of a short list chooses nothing.
	p = pickType(t, p, "item 00")
	p = pickSend(t, p, tea.MouseClickMsg{X: 10, Y: 11, Button: tea.MouseLeft})
	if _, res, _ = p.Update(tea.MouseClickMsg{X: 10, Y: 6, Button: tea.MouseLeft}); res.Chosen == nil || res.Chosen.Value != "v:item 00" {
		t.Fatalf("click on the first filtered row: %+v", res)
	}
}

func TestPickerView(t *testing.T) {
	long := strings.Repeat("A very long label that goes on ", 5)
	items := []pickItem{
		{Label: "Zürich", Note: "1,204", Value: "zurich"},
		{Label: long, Note: "7", Value: "long"},
		{Label: "東京の天気", Note: "12", Value: "tokyo"},
	}
	for i := range 40 {
		items = append(items, pickItem{Label: fmt.Sprintf("tag %d", i), Note: fmt.Sprint(i), Value: fmt.Sprint(i)})
	}
	for _, size := range [][2]int{{80, 20}, {40, 10}} {
		w, h := size[0], size[1]
		for _, th := range []Theme{NewTheme(true), PlainTheme()} {
			p := newPicker(&th, "Tags", "filter tags", items)
			p.SetSize(w, h)
			lines := checkPickerView(t, p)
			text := ansi.Strip(strings.Join(lines, "\n"))
			for _, want := range []string{"Tags", "43 of 43", "filter tags", "Zürich", "1,204", "東京"} {
				if !strings.Contains(text, want) {
					t.Errorf("%dx%d: no %q in\n%s", w, h, want, text)
				}
			}
			if !strings.Contains(ansi.Strip(lines[3]), "▌ Zürich") {
				t.Errorf("%dx%d: first row %q has no cursor marker", w, h, ansi.Strip(lines[3]))
			}
			if row := ansi.Strip(lines[4]); !strings.Contains(row, "…") || !strings.HasSuffix(row, " 7┃") {
				t.Errorf("%dx%d: long row %q not truncated with the note at the right", w, h, row)
			}

			p = pickType(t, p, "tag 1")
			text = ansi.Strip(strings.Join(checkPickerView(t, p), "\n"))
			if !strings.Contains(text, "13 of 43") || !strings.Contains(text, "tag 1") {
				t.Errorf("%dx%d filtered: \n%s", w, h, text)
			}

			p = pickType(t, p, "zzz")
			text = ansi.Strip(strings.Join(checkPickerView(t, p), "\n"))
			if !strings.Contains(text, "No match for “tag 1zzz”") || !strings.Contains(text, "0 of 43") {
				t.Errorf("%dx%d no match:\n%s", w, h, text)
			}

			p = pickType(t, p, strings.Repeat("x", 100))
			text = ansi.Strip(strings.Join(checkPickerView(t, p), "\n"))
			if !strings.Contains(text, "No match for “tag 1zzzxx") || !strings.Contains(text, "…”") {
				t.Errorf("%dx%d long query:\n%s", w, h, text)
			}
		}
	}
	p := testPicker(40, 10)
	if text := ansi.Strip(strings.Join(checkPickerView(t, p), "\n")); !strings.Contains(text, "Nothing to choose from") || !strings.Contains(text, "0 of 0") {
		t.Errorf("no items:\n%s", text)
	}
}

// TestPickerViewTinySizes: every size keeps its lines and widths, down to
// nothing.
func TestPickerViewTinySizes(t *testing.T) {
	p := testPicker(0, 0, pickCities...)
	p = pickType(t, p, "a")
	for w := 0; w <= 12; w++ {
		for h := 0; h <= 7; h++ {
			p.SetSize(w, h)
			p = pickKeys(t, p, "end")
			checkPickerView(t, p)
			if h >= 4 && p.rows() > 0 && p.cursor-p.offset >= p.rows() {
				t.Fatalf("%dx%d: cursor %d off screen (offset %d)", w, h, p.cursor, p.offset)
			}
		}
	}
}

// TestPickerCleansLabels: labels keep to one line even when the caller
// did not sanitize them.
func TestPickerCleansLabels(t *testing.T) {
	th := NewTheme(true)
	p := newPicker(&th, "T", "", []pickItem{{Label: "a\nb\x1b[31mc\xff", Note: "\t1", Value: "x"}})
	p.SetSize(30, 6)
	lines := checkPickerView(t, p)
	if !strings.Contains(lines[3], "a b [31mc\uFFFD") {
		t.Errorf("row %q", lines[3])
	}
	if it, _ := p.Current(); it.Value != "x" {
		t.Errorf("value %q", it.Value)
	}
}

// pickTags makes n tag items, like the tag picker's.
func pickTags(n int) []pickItem {
	words := []string{"science", "politics", "Zürich", "economy", "sport", "culture", "climate", "health", "tech", "music", "film", "europe", "asia", "Łódź", "elections"}
	items := make([]pickItem, n)
	for i := range items {
		label := fmt.Sprintf("%s-%s %d", words[i%len(words)], words[(i/len(words))%len(words)], i)
		items[i] = pickItem{Label: label, Note: countText(n - i), Value: label}
	}
	return items
}

// BenchmarkPickerFilter: one keystroke in the filter of 2,000 tags.
func BenchmarkPickerFilter(b *testing.B) {
	th := NewTheme(true)
	p := newPicker(&th, "Tags", "filter tags", pickTags(2000))
	p.SetSize(60, 30)
	p, _, _ = p.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
	key := tea.KeyPressMsg{Code: 'c', Text: "c"}
	b.ReportAllocs()
	for b.Loop() {
		q, _, _ := p.Update(key)
		if q.Len() == 0 {
			b.Fatal("no match")
		}
	}
}

// FuzzPicker: any labels and any keys never panic, the view keeps its size,
// the filter shows exactly the items that match, and the cursor stays on
// them.
func FuzzPicker(f *testing.F) {
	f.Add("Zürich\nBern\nŁódź\n東京\nStraße", "zu\x02\x03ri\x05ch\x06", uint8(40), uint8(10))
	f.Add("a\nb\nc", "\x01\x01\x04\x03\x07\x07", uint8(6), uint8(4))
	f.Add("\x1b[31mred\n\t\xff\n", "\x08red", uint8(80), uint8(20))
	f.Add("", "abc\x06", uint8(2), uint8(3))
	f.Add("e\u0301\u200d👍🏽\nﷺ", " e \x07x", uint8(9), uint8(5))
	th := NewTheme(true)
	// Control bytes of typed stand for keys.
	keyOf := map[rune]string{1: "up", 2: "down", 3: "pgup", 4: "pgdown", 5: "home", 6: "end", 7: "esc", 8: "backspace", 9: "enter", 10: "space"}
	f.Fuzz(func(t *testing.T, labels, typed string, w, h uint8) {
		var items []pickItem
		if labels != "" {
			for i, l := range strings.Split(labels, "\n") {
				items = append(items, pickItem{Label: l, Note: fmt.Sprint(i), Value: fmt.Sprint(i)})
			}
		}
		items = append(items, pickItem{Label: labels, Value: "all"})
		p := newPicker(&th, "Fuzz", "type", items)
		p.SetSize(int(w%120), int(h%40))
		p.SetOrigin(1, 1)
		check := func(what string) {
			t.Helper()
			checkPickerView(t, p)
			if len(p.shown) > 0 && (p.cursor < 0 || p.cursor >= len(p.shown) || p.offset < 0 || p.offset > p.cursor) {
				t.Fatalf("%s: cursor %d offset %d of %d", what, p.cursor, p.offset, len(p.shown))
			}
			words := strings.Fields(model.Fold(p.Query()))
			n := 0
			for i, it := range p.items {
				f := model.Fold(it.Label)
				ok := true
				for _, w := range words {
					ok = ok && strings.Contains(f, w)
				}
				if ok {
					n++
					if !slices.Contains(p.shown, i) {
						t.Fatalf("%s: query %q: %q matches but is not shown", what, p.Query(), it.Label)
					}
				}
			}
			if n != len(p.shown) {
				t.Fatalf("%s: query %q shows %d items, %d match", what, p.Query(), len(p.shown), n)
			}
		}
		check("new")
		for i, r := range typed {
			var msg tea.Msg = tea.KeyPressMsg{Code: r, Text: string(r)}
			if k, ok := keyOf[r]; ok {
				msg = keyPress(k)
			} else if r < 0x20 {
				msg = tea.MouseClickMsg{X: int(r), Y: int(r) % 7, Button: tea.MouseLeft}
			} else if i%11 == 10 {
				msg = tea.PasteMsg{Content: typed}
			}
			var res pickResult
			p, res, _ = p.Update(msg)
			if res.Chosen != nil {
				it, ok := p.Current()
				if !ok || *res.Chosen != it {
					t.Fatalf("chose %+v, current %+v", *res.Chosen, it)
				}
			}
			check(fmt.Sprint(msg))
		}
	})
}
