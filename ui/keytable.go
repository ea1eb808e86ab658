package ui

import "charm.land/bubbles/v2/key"

// keyScope is a set of the places where keys go: a pane with the focus, the
// search box, an overlay, the question. The bindings that work in one place
// must not share a key; the same key may serve places that never take keys
// together (enter in the sidebar and in the list).
type keyScope uint16

// The places, in the order conflicts are looked for.
const (
	inSidebar  keyScope = 1 << iota // the tag sidebar has the focus
	inList                          // the article list has the focus
	inReader                        // the reader has the focus
	inSearch                        // typing a search: the box takes every other key
	inHelp                          // the help overlay is shown
	inProblems                      // the problems overlay is shown
	inPicker                        // a picker (T, L): its filter takes every other key
	inQuestion                      // the yes/no question takes the next key

	inPanes    = inSidebar | inList | inReader
	everywhere = inPanes | inSearch | inHelp | inProblems | inPicker | inQuestion
	// inText are the places where a key that types text is text.
	inText = inSearch | inPicker
)

// scopeNames name the places in error messages ("in the sidebar"), in the
// order of the constants.
var scopeNames = []string{"sidebar", "list", "reader", "search box", "help overlay", "problems overlay", "picker", "yes/no question"}

// scopes returns the single places of s, in order.
func (s keyScope) scopes() []keyScope {
	var out []keyScope
	for i := range scopeNames {
		if p := keyScope(1) << i; s&p != 0 {
			out = append(out, p)
		}
	}
	return out
}

// String names a single place.
func (s keyScope) String() string {
	for i, name := range scopeNames {
		if s == keyScope(1)<<i {
			return name
		}
	}
	return "several places"
}

// keyAction is one action of the key map: its name in the configuration
// (keys.NAME), its binding, where it works, and when it is on there (nil:
// always).
type keyAction struct {
	name    string
	binding *key.Binding
	scope   keyScope
	when    func(keyContext) bool
}

// actionCount is how many actions the key map has.
const actionCount = 56

// keyActions is the table of actions: the one place that says where each
// binding works. setContext switches bindings by it, and the checks of a
// remapping look for conflicts by it. Its order is the order `newsline
// config` prints the actions in. An array, not a slice: setContext runs on
// every message and must not allocate.
func (k *KeyMap) keyActions() [actionCount]keyAction {
	const (
		moving  = inPanes | inHelp | inProblems
		article = inList | inReader
	)
	return [actionCount]keyAction{
		{"quit", &k.Quit, inPanes | inHelp | inProblems, nil},
		{"interrupt", &k.Interrupt, everywhere, nil},
		{"help", &k.Help, inPanes | inHelp, nil},
		{"problems", &k.Problems, inPanes | inProblems, nil},
		{"next_pane", &k.NextPane, inPanes, nil},
		{"prev_pane", &k.PrevPane, inPanes, nil},
		{"pane_left", &k.PaneLeft, inPanes, nil},
		{"pane_right", &k.PaneRight, inPanes, nil},
		{"focus_tags", &k.FocusTags, inPanes, nil},
		{"toggle_sidebar", &k.ToggleSidebar, inPanes, nil},
		{"clear_tags", &k.ClearTags, inPanes, nil},
		{"search", &k.Search, inPanes, nil},
		{"sort", &k.Sort, inPanes, nil},
		{"back", &k.Back, inPanes | inHelp | inProblems, func(c keyContext) bool { return c.back != "" }},
		{"toggle_unread", &k.ToggleUnread, inPanes, func(c keyContext) bool { return c.canMark }},
		{"pick_tag", &k.PickTag, inPanes, nil},
		{"reload", &k.Reload, inPanes, nil},
		{"fetch", &k.Fetch, inPanes, nil},

		{"up", &k.Up, moving, nil},
		{"down", &k.Down, moving, nil},
		{"top", &k.Top, moving, nil},
		{"bottom", &k.Bottom, moving, nil},
		{"half_down", &k.HalfDown, moving, nil},
		{"half_up", &k.HalfUp, moving, nil},
		{"page_down", &k.PageDown, moving, nil},
		{"page_up", &k.PageUp, moving, nil},

		{"toggle", &k.Toggle, inSidebar, nil},
		{"exclude_tag", &k.ExcludeTag, inSidebar, nil},
		{"open", &k.Open, inList, func(c keyContext) bool { return c.hasList }},
		{"open_url", &k.OpenURL, article, func(c keyContext) bool { return c.hasList && c.canOpen }},
		{"copy_url", &k.CopyURL, article, func(c keyContext) bool { return c.hasList }},
		{"toggle_read", &k.ToggleRead, article, func(c keyContext) bool { return c.hasList && c.canMark }},
		{"toggle_star", &k.ToggleStar, article, func(c keyContext) bool { return c.hasList && c.canMark }},
		{"undo_mark", &k.UndoMark, article, func(c keyContext) bool { return c.canMark }},
		{"mark_all_read", &k.MarkAllRead, article, func(c keyContext) bool { return c.hasList && c.canMark }},
		{"edit", &k.Edit, article, func(c keyContext) bool { return c.hasList }},
		{"links", &k.Links, article, func(c keyContext) bool { return c.hasList }},
		{"space_down", &k.SpaceDown, inReader, nil},
		{"next_article", &k.NextArticle, inReader, func(c keyContext) bool { return c.hasList }},
		{"prev_article", &k.PrevArticle, inReader, func(c keyContext) bool { return c.hasList }},
		{"next_unread", &k.NextUnread, article, func(c keyContext) bool { return c.hasList && c.canMark }},
		{"prev_unread", &k.PrevUnread, article, func(c keyContext) bool { return c.hasList && c.canMark }},

		{"edit_problem", &k.EditProblem, inProblems, nil},

		{"accept", &k.Accept, inSearch, nil},
		{"cancel", &k.Cancel, inSearch, nil},

		{"picker_up", &k.PickerUp, inPicker, nil},
		{"picker_down", &k.PickerDown, inPicker, nil},
		{"picker_page_up", &k.PickerPageUp, inPicker, nil},
		{"picker_page_down", &k.PickerPageDown, inPicker, nil},
		{"picker_top", &k.PickerTop, inPicker, nil},
		{"picker_bottom", &k.PickerBottom, inPicker, nil},
		{"picker_choose", &k.PickerChoose, inPicker, nil},
		{"picker_back", &k.PickerBack, inPicker, nil},
		{"picker_save", &k.PickerSave, inPicker, nil},

		{"yes", &k.Yes, inQuestion, nil},
		{"no", &k.No, inQuestion, nil},
	}
}

// Actions returns the names of the actions the configuration can remap,
// in the key map's order.
func Actions() []string {
	var k KeyMap
	acts := k.keyActions()
	names := make([]string, len(acts))
	for i, a := range acts {
		names[i] = a.name
	}
	return names
}

// KeysOf returns the keys bound to the action named name; ok is false when
// there is no such action.
func (k KeyMap) KeysOf(name string) (keys []string, ok bool) {
	for _, a := range k.keyActions() {
		if a.name == name {
			return a.binding.Keys(), true
		}
	}
	return nil, false
}
