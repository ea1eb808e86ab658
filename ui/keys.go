package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every key binding of the program. Bindings are switched on and
// off by context (focused pane, search box, overlays) with SetEnabled, so the
// help bar always shows what the keys do right now, and key.Matches ignores
// bindings that do not apply.
type KeyMap struct {
	// Global.
	Quit      key.Binding
	Interrupt key.Binding
	Help      key.Binding
	Problems  key.Binding
	NextPane  key.Binding
	PrevPane  key.Binding
	PaneLeft  key.Binding
	PaneRight key.Binding
	FocusTags key.Binding
	ClearTags key.Binding
	Search    key.Binding
	Sort      key.Binding
	Back      key.Binding
	// The Unread smart entry, the tag picker and reloading the collection.
	ToggleUnread key.Binding
	PickTag      key.Binding
	Reload       key.Binding

	// Movement in the focused pane (scrolling in the reader).
	Up       key.Binding
	Down     key.Binding
	Top      key.Binding
	Bottom   key.Binding
	HalfDown key.Binding
	HalfUp   key.Binding
	PageDown key.Binding
	PageUp   key.Binding

	// Sidebar.
	Toggle     key.Binding
	ExcludeTag key.Binding
	// List.
	Open key.Binding
	// List and reader: the selected article's address.
	OpenURL key.Binding
	CopyURL key.Binding
	// List and reader: marks (with Options.Marks).
	ToggleRead  key.Binding
	ToggleStar  key.Binding
	UndoMark    key.Binding
	MarkAllRead key.Binding
	// List and reader: the selected article's file and links.
	Edit  key.Binding
	Links key.Binding
	// Reader.
	SpaceDown   key.Binding
	NextArticle key.Binding
	PrevArticle key.Binding

	// Search box.
	Accept key.Binding
	Cancel key.Binding
}

// DefaultKeyMap returns the key bindings, all enabled.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Quit:      b([]string{"q"}, "q", "quit"),
		Interrupt: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Help:      b([]string{"?"}, "?", "help"),
		Problems:  b([]string{"!"}, "!", "problems"),
		NextPane:  b([]string{"tab"}, "tab", "next pane"),
		PrevPane:  b([]string{"shift+tab"}, "shift+tab", "previous pane"),
		PaneLeft:  b([]string{"h", "left"}, "h/←", "pane left"),
		PaneRight: b([]string{"l", "right"}, "l/→", "pane right"),
		FocusTags: b([]string{"t"}, "t", "tags"),
		ClearTags: b([]string{"c"}, "c", "clear tags"),
		Search:    b([]string{"/"}, "/", "search"),
		Sort:      b([]string{"s"}, "s", "sort"),
		Back:      b([]string{"esc"}, "esc", "back"),

		ToggleUnread: b([]string{"u"}, "u", "unread only"),
		PickTag:      b([]string{"T"}, "T", "find a tag"),
		Reload:       b([]string{"r"}, "r", "reload"),

		Up:       b([]string{"k", "up"}, "k/↑", "up"),
		Down:     b([]string{"j", "down"}, "j/↓", "down"),
		Top:      b([]string{"g", "home"}, "g/home", "first"),
		Bottom:   b([]string{"G", "end"}, "G/end", "last"),
		HalfDown: b([]string{"ctrl+d"}, "ctrl+d", "½ page down"),
		HalfUp:   b([]string{"ctrl+u"}, "ctrl+u", "½ page up"),
		PageDown: b([]string{"pgdown"}, "pgdn", "page down"),
		PageUp:   b([]string{"pgup"}, "pgup", "page up"),

		Toggle:     b([]string{"enter", "space"}, "enter/space", "toggle tag"),
		ExcludeTag: b([]string{"x"}, "x", "exclude tag"),
		Open:       b([]string{"enter"}, "enter", "read"),

		OpenURL: b([]string{"o"}, "o", "open in browser"),
		CopyURL: b([]string{"y"}, "y", "copy URL"),

		ToggleRead:  b([]string{"m"}, "m", "read/unread"),
		ToggleStar:  b([]string{"*"}, "*", "star"),
		UndoMark:    b([]string{"U", "ctrl+z"}, "U", "undo mark"),
		MarkAllRead: b([]string{"M"}, "M", "mark all read"),

		Edit:  b([]string{"e"}, "e", "edit file"),
		Links: b([]string{"L"}, "L", "links"),

		SpaceDown:   b([]string{"space"}, "space", "page down"),
		NextArticle: b([]string{"n"}, "n", "next article"),
		PrevArticle: b([]string{"p"}, "p", "previous article"),

		Accept: b([]string{"enter"}, "enter", "keep search"),
		Cancel: b([]string{"esc"}, "esc", "clear search"),
	}
}

// closeHint is how an overlay's footer says to close it: "esc or ? to
// close", with the keys as bound.
func closeHint(back, toggle key.Binding) string {
	keys := []string{}
	for _, b := range []key.Binding{back, toggle} {
		if k := b.Help().Key; k != "" && len(b.Keys()) > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	return strings.Join(keys, " or ") + " to close"
}

// keyMap returns the key bindings the options give, all enabled.
func (o Options) keyMap() KeyMap {
	if o.Keys == nil {
		return DefaultKeyMap()
	}
	k := *o.Keys
	for _, b := range k.all() {
		b.SetEnabled(true)
	}
	return k
}

// ShortHelp returns the bindings of the one-line help bar, most useful
// first; disabled bindings are left out by the help view.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		k.Accept, k.Cancel,
		k.Toggle, k.Open, k.SpaceDown, k.NextArticle, k.PrevArticle,
		k.Back, k.NextPane, k.Search, k.ClearTags, k.Sort, k.Help, k.Quit,
	}
}

// helpGroup is one titled column of the full help.
type helpGroup struct {
	title    string
	bindings []key.Binding
}

// groups returns the bindings in titled groups, the source of FullHelp and
// of the help overlay.
func (k KeyMap) groups() []helpGroup {
	return []helpGroup{
		{"General", []key.Binding{k.Help, k.Problems, k.Reload, k.Back, k.Quit, k.Interrupt}},
		{"Panes", []key.Binding{k.NextPane, k.PrevPane, k.PaneLeft, k.PaneRight, k.FocusTags}},
		{"Move", []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.HalfDown, k.HalfUp, k.PageDown, k.PageUp}},
		{"Filter", []key.Binding{k.Toggle, k.ExcludeTag, k.ClearTags, k.ToggleUnread, k.PickTag, k.Search, k.Accept, k.Cancel, k.Sort}},
		{"Read", []key.Binding{k.Open, k.SpaceDown, k.NextArticle, k.PrevArticle, k.Links, k.OpenURL, k.CopyURL, k.Edit}},
		{"Marks", []key.Binding{k.ToggleRead, k.ToggleStar, k.MarkAllRead, k.UndoMark}},
	}
}

// FullHelp returns every binding in groups, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	gs := k.groups()
	out := make([][]key.Binding, len(gs))
	for i, g := range gs {
		out[i] = g.bindings
	}
	return out
}

// all returns pointers to every binding, for switching them by context.
func (k *KeyMap) all() []*key.Binding {
	return []*key.Binding{
		&k.Quit, &k.Interrupt, &k.Help, &k.Problems, &k.NextPane, &k.PrevPane,
		&k.PaneLeft, &k.PaneRight, &k.FocusTags, &k.ClearTags, &k.Search, &k.Sort, &k.Back,
		&k.ToggleUnread, &k.PickTag, &k.Reload,
		&k.Up, &k.Down, &k.Top, &k.Bottom, &k.HalfDown, &k.HalfUp, &k.PageDown, &k.PageUp,
		&k.Toggle, &k.ExcludeTag, &k.Open, &k.OpenURL, &k.CopyURL,
		&k.ToggleRead, &k.ToggleStar, &k.UndoMark, &k.MarkAllRead, &k.Edit, &k.Links,
		&k.SpaceDown, &k.NextArticle, &k.PrevArticle, &k.Accept, &k.Cancel,
	}
}

// keyContext is what decides which bindings apply.
type keyContext struct {
	focus     paneID
	searching bool    // the search box has the keys
	overlay   overlay // help or problems on top
	back      string  // what esc undoes ("" for nothing), its help text
	hasList   bool    // the list has articles (n/p, enter)
	canOpen   bool    // there is a browser to open addresses in (Options.OpenURL)
	canMark   bool    // marks are kept (Options.Marks)
	canEdit   bool    // there is an editor to start (Options.Edit)
}

// setContext enables exactly the bindings that apply in c: the search box
// takes every key but enter, esc and ctrl+c; an overlay takes its own keys;
// otherwise the global bindings and those of the focused pane.
func (k *KeyMap) setContext(c keyContext) {
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	k.Interrupt.SetEnabled(true)
	nav := []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.HalfDown, &k.HalfUp, &k.PageDown, &k.PageUp}
	if c.searching {
		k.Accept.SetEnabled(true)
		k.Cancel.SetEnabled(true)
		return
	}
	k.Back.SetEnabled(c.back != "")
	if c.back != "" {
		k.Back.SetHelp(k.Back.Help().Key, c.back)
	}
	switch c.overlay {
	case overlayHelp:
		k.Quit.SetEnabled(true)
		k.Help.SetEnabled(true)
		return
	case overlayPicker:
		return // the picker reads its own keys
	case overlayProblems:
		k.Quit.SetEnabled(true)
		k.Problems.SetEnabled(true)
		for _, b := range nav {
			b.SetEnabled(true)
		}
		return
	case overlayNone:
	}
	for _, b := range []*key.Binding{
		&k.Quit, &k.Help, &k.Problems, &k.NextPane, &k.PrevPane, &k.PaneLeft, &k.PaneRight,
		&k.FocusTags, &k.ClearTags, &k.Search, &k.Sort, &k.PickTag, &k.Reload,
	} {
		b.SetEnabled(true)
	}
	k.ToggleUnread.SetEnabled(c.canMark)
	for _, b := range nav {
		b.SetEnabled(true)
	}
	switch c.focus {
	case paneTags:
		k.Toggle.SetEnabled(true)
		k.ExcludeTag.SetEnabled(true)
	case paneList:
		k.Open.SetEnabled(c.hasList)
		k.enableArticle(c)
	case paneReader:
		k.enableArticle(c)
		k.SpaceDown.SetEnabled(true)
		k.NextArticle.SetEnabled(c.hasList)
		k.PrevArticle.SetEnabled(c.hasList)
	}
}

// enableArticle enables the bindings that act on the selected article or
// the list, in the list and the reader.
func (k *KeyMap) enableArticle(c keyContext) {
	k.OpenURL.SetEnabled(c.hasList && c.canOpen)
	k.CopyURL.SetEnabled(c.hasList)
	k.Edit.SetEnabled(c.hasList && c.canEdit)
	k.Links.SetEnabled(c.hasList)
	k.ToggleRead.SetEnabled(c.hasList && c.canMark)
	k.ToggleStar.SetEnabled(c.hasList && c.canMark)
	k.MarkAllRead.SetEnabled(c.hasList && c.canMark)
	k.UndoMark.SetEnabled(c.canMark)
}

// keyHint is "press c to clear the filter" with the binding's keys, or the
// bare action when it has no key.
func keyHint(before string, b key.Binding, after, bare string) string {
	if len(b.Keys()) == 0 {
		return bare
	}
	return before + b.Help().Key + after
}
