package ui

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/newsline/newsline/model"
)

// allContexts enumerates every combination that switches bindings.
func allContexts() []keyContext {
	var out []keyContext
	for _, focus := range []paneID{paneTags, paneList, paneReader} {
		for _, ov := range []overlay{overlayNone, overlayHelp, overlayProblems} {
			for _, searching := range []bool{false, true} {
				for _, back := range []string{"", "back to list", "clear search", "close"} {
					for _, hasList := range []bool{false, true} {
						out = append(out, keyContext{focus: focus, searching: searching, overlay: ov, back: back, hasList: hasList, canOpen: hasList})
					}
				}
			}
		}
	}
	return out
}

func TestNoKeyBoundTwiceInAContext(t *testing.T) {
	k := DefaultKeyMap()
	for _, c := range allContexts() {
		k.setContext(c)
		owner := map[string]string{}
		for _, b := range k.all() {
			if !b.Enabled() {
				continue
			}
			for _, s := range b.Keys() {
				if prev, ok := owner[s]; ok {
					t.Errorf("context %+v: %q bound to %q and %q", c, s, prev, b.Help().Desc)
				}
				owner[s] = b.Help().Desc
			}
		}
		if len(owner) == 0 {
			t.Errorf("context %+v: no key enabled", c)
		}
	}
}

func TestEveryBindingHasKeysAndHelp(t *testing.T) {
	k := DefaultKeyMap()
	for _, b := range k.all() {
		if len(b.Keys()) == 0 || b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("binding %v has no keys or help: %+v", b.Keys(), b.Help())
		}
	}
	// FullHelp lists every binding exactly once.
	seen := 0
	for _, g := range k.FullHelp() {
		seen += len(g)
	}
	if seen != len(k.all()) {
		t.Errorf("FullHelp lists %d bindings, the key map has %d", seen, len(k.all()))
	}
}

func TestSearchBoxOnlyTakesEnterEscCtrlC(t *testing.T) {
	k := DefaultKeyMap()
	k.setContext(keyContext{focus: paneList, searching: true, hasList: true})
	var enabled []string
	for _, b := range k.all() {
		if b.Enabled() {
			enabled = append(enabled, b.Keys()...)
		}
	}
	slices.Sort(enabled)
	if got := strings.Join(enabled, " "); got != "ctrl+c enter esc" {
		t.Errorf("keys enabled while searching: %s", got)
	}
}

func TestBindingsFollowFocus(t *testing.T) {
	k := DefaultKeyMap()
	k.setContext(keyContext{focus: paneTags, hasList: true})
	if !k.Toggle.Enabled() || k.Open.Enabled() || k.SpaceDown.Enabled() || k.NextArticle.Enabled() {
		t.Error("sidebar: only toggle of the pane bindings should be on")
	}
	k.setContext(keyContext{focus: paneList, hasList: true})
	if k.Toggle.Enabled() || !k.Open.Enabled() || k.SpaceDown.Enabled() {
		t.Error("list: only open of the pane bindings should be on")
	}
	k.setContext(keyContext{focus: paneList, hasList: false})
	if k.Open.Enabled() {
		t.Error("list: open enabled on an empty list")
	}
	k.setContext(keyContext{focus: paneReader, hasList: true})
	if k.Toggle.Enabled() || k.Open.Enabled() || !k.SpaceDown.Enabled() || !k.NextArticle.Enabled() || !k.PrevArticle.Enabled() {
		t.Error("reader: space, n and p should be on")
	}
	k.setContext(keyContext{focus: paneList, back: "clear search"})
	if !k.Back.Enabled() || k.Back.Help().Desc != "clear search" {
		t.Errorf("esc: enabled %v, help %q", k.Back.Enabled(), k.Back.Help().Desc)
	}
	k.setContext(keyContext{focus: paneList})
	if k.Back.Enabled() {
		t.Error("esc enabled with nothing to undo")
	}
	k.setContext(keyContext{focus: paneList, overlay: overlayHelp, back: "close"})
	if k.Sort.Enabled() || !k.Down.Enabled() || !k.Bottom.Enabled() || !k.Help.Enabled() || !k.Back.Enabled() || !k.Quit.Enabled() || k.NextPane.Enabled() {
		t.Error("help overlay: only scrolling, ?, esc and quit")
	}
	k.setContext(keyContext{focus: paneList, overlay: overlayProblems, back: "close"})
	if k.Sort.Enabled() || !k.Down.Enabled() || !k.Problems.Enabled() || !k.Back.Enabled() {
		t.Error("problems overlay: scrolling, ! and esc")
	}
}

func TestViewportKeysAreOurs(t *testing.T) {
	vk := viewportKeys(DefaultKeyMap())
	for _, b := range []key.Binding{vk.Up, vk.Down, vk.PageDown, vk.PageUp, vk.HalfPageDown, vk.HalfPageUp, vk.Left, vk.Right} {
		for _, s := range b.Keys() {
			switch s {
			case "h", "l", "u", "d", "f", "b", "space", "left", "right":
				t.Errorf("viewport binds %q itself", s)
			}
		}
	}
	r := newReaderPane(nil, DefaultKeyMap())
	if len(r.vp.KeyMap.Left.Keys()) != 0 || len(r.vp.KeyMap.Right.Keys()) != 0 {
		t.Error("reader viewport keeps horizontal scroll keys")
	}
}

func TestRemappedKeys(t *testing.T) {
	k := DefaultKeyMap()
	rebind(&k.Sort, "S")
	rebind(&k.Back, "backspace")
	m := appWithKeys(t, k)
	m = keys(t, m, "s")
	if m.query.Sort != model.SortNewest {
		t.Fatalf("s still sorts: %v", m.query.Sort)
	}
	m = keys(t, m, "S")
	if m.query.Sort != model.SortOldest {
		t.Errorf("S does not sort: %v", m.query.Sort)
	}
	// The help bar names the remapped key of back, with what it does now.
	m = keys(t, m, "enter")
	if bar := lineWith(screenText(m), "back to list"); !strings.Contains(bar, "backspace back to list") {
		t.Errorf("help bar: %q", bar)
	}
	m = keys(t, m, "?")
	help := screenText(m)
	if !regexp.MustCompile(`\bS +sort`).MatchString(help) || regexp.MustCompile(`\bs +sort`).MatchString(help) {
		t.Errorf("full help does not show the remapped key:\n%s", help)
	}
}

// TestHintsFollowRemappedKeys: what the screen says to press is the key
// bound, not the default.
func TestHintsFollowRemappedKeys(t *testing.T) {
	km := DefaultKeyMap()
	rebind(&km.ClearTags, "C")
	rebind(&km.Back, "backspace")
	m := appWithKeys(t, km)
	m.query.Tags = []string{"go"}
	m.query.Search = "croissant"
	m.refilter()
	if got := paneText(m, paneList); !strings.Contains(got, "press C to clear the filter, backspace to clear search") {
		t.Errorf("empty state: %s", got)
	}
	m = keys(t, m, "?")
	if !strings.Contains(screenText(m), "backspace or ? to close") {
		t.Errorf("help footer:\n%s", screenText(m))
	}
}

// TestHelpShowsEveryBinding: every binding of the help overlay is on
// screen or reached by scrolling it (j), at every size from the smallest.
func TestHelpShowsEveryBinding(t *testing.T) {
	for _, size := range [][2]int{{40, 10}, {60, 20}, {80, 24}, {100, 20}, {160, 48}} {
		m := newTestApp(t, size[0], size[1])
		m = keys(t, m, "?")
		screen := screenText(m)
		for range 100 {
			before := m.help.offset
			m = keys(t, m, "j")
			if m.help.offset == before {
				break
			}
			screen += screenText(m)
		}
		k := DefaultKeyMap()
		for _, b := range k.all() {
			if !strings.Contains(screen, b.Help().Desc) {
				t.Errorf("%dx%d: help lacks %q (%s)", size[0], size[1], b.Help().Desc, b.Help().Key)
			}
		}
	}
}

// rebind gives a binding one other key, as a remapping in the
// configuration does.
func rebind(b *key.Binding, k string) {
	b.SetKeys(k)
	b.SetHelp(k, b.Help().Desc)
}

// appWithKeys is the loaded fixture at 160x48 with the key bindings km.
func appWithKeys(t *testing.T, km KeyMap) Model {
	t.Helper()
	opts := fixtureOptions()
	opts.Keys = &km
	return loadedApp(t, opts, 160, 48, fixtureArticles())
}

// TestSetContextDoesNotAllocate: the bindings are switched on every
// message, so the table of actions must cost no garbage.
func TestSetContextDoesNotAllocate(t *testing.T) {
	k := DefaultKeyMap()
	c := keyContext{focus: paneReader, back: "back to list", hasList: true, canMark: true}
	if n := testing.AllocsPerRun(100, func() { k.setContext(c) }); n != 0 {
		t.Errorf("setContext allocates %v times", n)
	}
}

// TestNoKeyBoundTwiceInAPickerOrTheQuestion: what setContext enables in a
// picker and in the question — each action of the table, not only those
// the help lists — shares no key.
func TestNoKeyBoundTwiceInAPickerOrTheQuestion(t *testing.T) {
	k := DefaultKeyMap()
	for _, c := range []keyContext{
		{focus: paneList, overlay: overlayPicker, back: "close", hasList: true},
		{focus: paneList, question: true, hasList: true, canMark: true},
	} {
		k.setContext(c)
		owner := map[string]string{}
		for _, a := range k.keyActions() {
			if !a.binding.Enabled() {
				continue
			}
			for _, s := range a.binding.Keys() {
				if prev, ok := owner[s]; ok {
					t.Errorf("context %+v: %q bound to %s and %s", c, s, prev, a.name)
				}
				owner[s] = a.name
			}
		}
		if len(owner) < 3 {
			t.Errorf("context %+v: only %v enabled", c, owner)
		}
	}
	k.setContext(keyContext{focus: paneList, question: true})
	if !k.Yes.Enabled() || !k.No.Enabled() || !k.Interrupt.Enabled() || k.Quit.Enabled() || k.PickerUp.Enabled() {
		t.Error("question: yes, no and interrupt only")
	}
	k.setContext(keyContext{focus: paneList, overlay: overlayPicker, back: "close"})
	if !k.PickerChoose.Enabled() || !k.Interrupt.Enabled() || k.Back.Enabled() || k.Up.Enabled() || k.Yes.Enabled() {
		t.Error("picker: the picker's keys and interrupt only")
	}
}
