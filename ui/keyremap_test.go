package ui

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// TestKeyTableHasEveryBinding: the table of actions names every binding
// of KeyMap once, under a name of its own, with a place where it works.
func TestKeyTableHasEveryBinding(t *testing.T) {
	var k KeyMap
	acts := k.keyActions()
	byBinding := map[*key.Binding]string{}
	names := map[string]bool{}
	for _, a := range acts {
		if a.name == "" || a.binding == nil || a.scope == 0 {
			t.Fatalf("incomplete row %+v: is actionCount right?", a)
		}
		if names[a.name] {
			t.Errorf("action %s twice", a.name)
		}
		if prev, ok := byBinding[a.binding]; ok {
			t.Errorf("actions %s and %s share a binding", prev, a.name)
		}
		names[a.name], byBinding[a.binding] = true, a.name
	}
	v := reflect.ValueOf(&k).Elem()
	for i := range v.NumField() {
		b, ok := v.Field(i).Addr().Interface().(*key.Binding)
		if ok && byBinding[b] == "" {
			t.Errorf("KeyMap.%s is not in the table of actions", v.Type().Field(i).Name)
		}
	}
	if !slices.Equal(Actions(), slices.Collect(func(yield func(string) bool) {
		for _, a := range acts {
			if !yield(a.name) {
				return
			}
		}
	})) {
		t.Errorf("Actions() is not the table's order: %q", Actions())
	}
}

// TestDefaultKeysCheck: the defaults have no conflict in any place, keys
// and help for every action, and only keys a remapping could give. (From
// data/config's TestKeyConflictsOfDefaults, when the table moved here.)
func TestDefaultKeysCheck(t *testing.T) {
	k := DefaultKeyMap()
	acts := k.keyActions()
	keys := map[string][]string{}
	for _, a := range acts {
		keys[a.name] = a.binding.Keys()
		if len(a.binding.Keys()) == 0 || a.binding.Help().Key == "" || a.binding.Help().Desc == "" {
			t.Errorf("action %s has no keys or help: %q %+v", a.name, a.binding.Keys(), a.binding.Help())
		}
		for _, s := range a.binding.Keys() {
			if msg, hint := checkKey(s); msg != "" {
				t.Errorf("default key %q of %s: %s (%s)", s, a.name, msg, hint)
			}
			if a.scope&inText != 0 && typesText(s) {
				t.Errorf("default key %q of %s would be typed as text", s, a.name)
			}
		}
	}
	if c, ok := findConflict(&acts, keys); ok {
		t.Errorf("the default keys conflict: %+v", c)
	}
	if err := k.checkTogether(nil); err != nil {
		t.Errorf("the defaults: %v", err)
	}
}

// TestNewKeyMapDefaults: no overrides, the default key map. (From
// cmd/newsline's TestUIKeyMapDefaults.)
func TestNewKeyMapDefaults(t *testing.T) {
	got, err := NewKeyMap(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultKeyMap()
	ga, wa := got.keyActions(), want.keyActions()
	for i := range wa {
		gb, wb := ga[i].binding, wa[i].binding
		if !slices.Equal(gb.Keys(), wb.Keys()) || gb.Help() != wb.Help() || gb.Enabled() != wb.Enabled() {
			t.Errorf("%s: got %q %+v, want %q %+v", wa[i].name, gb.Keys(), gb.Help(), wb.Keys(), wb.Help())
		}
	}
}

// TestNewKeyMapRemapped: a remapped binding's help shows its keys; an
// action with no keys is off. (From cmd/newsline's TestUIKeyMapRemapped.)
func TestNewKeyMapRemapped(t *testing.T) {
	km, err := NewKeyMap([]KeyOverride{
		{Action: "pane_left", Keys: []string{"a", "left"}, Line: 1},
		{Action: "page_down", Keys: []string{"pgdown", "ctrl+f"}, Line: 2},
		{Action: "open_url", Keys: []string{"O"}, Line: 3},
		{Action: "sort", Keys: []string{}, Line: 4},
		{Action: "undo_mark", Keys: []string{"U", "ctrl+z"}, Line: 5}, // the defaults: the help stays
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		b        key.Binding
		keys     []string
		help     string
		desc     string
		disabled bool
	}{
		{"pane_left", km.PaneLeft, []string{"a", "left"}, "a/←", "pane left", false},
		{"page_down", km.PageDown, []string{"pgdown", "ctrl+f"}, "pgdn/ctrl+f", "page down", false},
		{"open_url", km.OpenURL, []string{"O"}, "O", "open in browser", false},
		{"sort", km.Sort, nil, "s", "sort", true},
		{"quit, unchanged", km.Quit, []string{"q"}, "q", "quit", false},
		{"undo_mark, as the default", km.UndoMark, []string{"U", "ctrl+z"}, "U", "undo mark", false},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.b.Keys(), tt.keys) || tt.b.Help().Key != tt.help || tt.b.Help().Desc != tt.desc || tt.b.Enabled() == tt.disabled {
			t.Errorf("%s: keys %q help %+v enabled %v", tt.name, tt.b.Keys(), tt.b.Help(), tt.b.Enabled())
		}
	}
}

// TestKeyErrorsNameTheLine: an override the key map does not take is a
// *KeyError with its action and line. (The messages as a whole, with the
// file, are tested in cmd/newsline's TestConfigKeyErrors.)
func TestKeyErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name      string
		overrides []KeyOverride
		want      KeyError
	}{
		{"a printable key in a picker", []KeyOverride{{"quit", []string{"Q"}, 3}, {"picker_up", []string{"k"}, 7}},
			KeyError{"picker_up", 7, `"k" would be typed into the picker's filter`, "a picker's filter takes printable keys as text: use a named key such as up or pgdown, or one with ctrl+ or alt+"}},
		{"unknown action", []KeyOverride{{"quitt", []string{"x"}, 4}},
			KeyError{"quitt", 4, "unknown action", "did you mean quit? the README lists every action"}},
		{"not a key", []KeyOverride{{"yes", []string{"Yes"}, 2}},
			KeyError{"yes", 2, `unknown key "Yes"`, keyNameHint}},
		{"the first in the file", []KeyOverride{{"sort", []string{"/"}, 9}, {"bogus", []string{"x"}, 5}, {"help", []string{""}, 6}},
			KeyError{"bogus", 5, "unknown action", "the README lists every action"}},
		{"a conflict in the question", []KeyOverride{{"no", []string{"y"}, 2}},
			KeyError{"no", 2, `"y" is also the key of yes in the yes/no question`, "give one of them another key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewKeyMap(tt.overrides)
			var ke *KeyError
			if !errors.As(err, &ke) || *ke != tt.want {
				t.Errorf("got %#v\nwant %#v", err, tt.want)
			}
		})
	}
}

// TestRemappedPickerKeys: a picker moves, chooses and closes with the keys
// of the picker actions; a letter is still text for its filter.
func TestRemappedPickerKeys(t *testing.T) {
	km, err := NewKeyMap([]KeyOverride{
		{Action: "picker_down", Keys: []string{"ctrl+f"}, Line: 1},
		{Action: "picker_choose", Keys: []string{"tab"}, Line: 2},
		{Action: "picker_back", Keys: []string{"ctrl+g"}, Line: 3},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := appWithKeys(t, km)
	m = keys(t, m, "T", "down")
	if m.overlay != overlayPicker || m.picker.cursor != 0 {
		t.Fatalf("down still moves the picker: overlay %v, cursor %d", m.overlay, m.picker.cursor)
	}
	m = keys(t, m, "ctrl+f")
	if m.picker.cursor != 1 {
		t.Errorf("ctrl+f did not move down: cursor %d", m.picker.cursor)
	}
	if bar := lineWith(screenText(m), "choose"); !strings.Contains(bar, "tab choose") || !strings.Contains(bar, "ctrl+g close") {
		t.Errorf("help bar: %q", bar)
	}
	m = keys(t, m, "ctrl+g")
	if m.overlay != overlayNone {
		t.Fatal("ctrl+g did not close the picker")
	}
	m = keys(t, m, "T")
	m = typeText(t, m, "pyth")
	m = keys(t, m, "enter")
	if m.overlay != overlayPicker || m.picker.Query() != "pyth" {
		t.Fatalf("enter still chooses: overlay %v, query %q", m.overlay, m.picker.Query())
	}
	m = keys(t, m, "tab")
	if m.overlay != overlayNone || !slices.Equal(m.query.Tags, []string{"python"}) {
		t.Errorf("tab did not choose: overlay %v, tags %v", m.overlay, m.query.Tags)
	}
}

// TestRemappedQuestionKeys: the question is answered with the keys of yes
// and no, and says so.
func TestRemappedQuestionKeys(t *testing.T) {
	km, err := NewKeyMap([]KeyOverride{{Action: "yes", Keys: []string{"j"}, Line: 1}, {Action: "no", Keys: []string{"k"}, Line: 2}})
	if err != nil {
		t.Fatal(err)
	}
	store := &fakeMarks{marks: map[model.ID]model.Mark{}}
	opts := fixtureOptions()
	opts.Marks, opts.Keys = store, &km
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: fixtureArticles(), Progress: model.Progress{Done: true}}, done: true})
	m = runAll(t, m, cmd)
	m = press(t, m, "M")
	if m.question == nil || !strings.Contains(screenText(m), "j yes · k no") {
		t.Fatalf("M did not ask with the keys as bound:\n%s", screenText(m))
	}
	m = press(t, m, "y")
	if m.question != nil || store.marks[fixtureID(20)].Read || m.flash != "Nothing changed" {
		t.Fatalf("y still says yes: flash %q", m.flash)
	}
	m = press(t, m, "M", "j")
	if !store.marks[fixtureID(20)].Read {
		t.Error("j did not say yes")
	}
}

// TestREADMEDocumentsEveryAction: the README's Configuration section names
// every action the key map has.
func TestREADMEDocumentsEveryAction(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Configuration\n")
	if !ok {
		t.Fatal("README has no Configuration section")
	}
	for _, a := range Actions() {
		if !strings.Contains(section, "`"+a+"`") {
			t.Errorf("the README does not document action %s", a)
		}
	}
}
