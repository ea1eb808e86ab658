package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every key binding of the program, the pickers' and the yes/no
// question's too. Bindings are switched on and off by context (focused
// pane, search box, overlays) with SetEnabled, so the help bar always shows
// what the keys do right now, and key.Matches ignores bindings that do not
// apply. Each binding is an action the configuration can remap, under the
// name the table of actions (keyActions) gives it.
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
	// Fetches the subscribed feeds now (Options.Fetch).
	Fetch key.Binding

	// Hides and shows the sidebar.
	ToggleSidebar key.Binding

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
	// List and reader: the next or previous unread article (with marks).
	NextUnread key.Binding
	PrevUnread key.Binding

	// The problems overlay: the selected problem's file, at its line.
	EditProblem key.Binding

	// Search box.
	Accept key.Binding
	Cancel key.Binding

	// A picker (T, L). Its filter takes every other key, so these are
	// never printable keys alone.
	PickerUp       key.Binding
	PickerDown     key.Binding
	PickerPageUp   key.Binding
	PickerPageDown key.Binding
	PickerTop      key.Binding
	PickerBottom   key.Binding
	PickerChoose   key.Binding
	PickerBack     key.Binding // clears the filter, then closes
	// The link picker (L): saves the chosen link's page as an article in
	// the library (Options.SavePage), in the background.
	PickerSave key.Binding

	// The yes/no question (M): yes does it, any other key does not; No is
	// the key the question names for that.
	Yes key.Binding
	No  key.Binding
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
		Fetch:        b([]string{"R"}, "R", "fetch feeds"),

		ToggleSidebar: b([]string{"b"}, "b", "hide/show sidebar"),

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
		NextUnread:  b([]string{"N"}, "N", "next unread"),
		PrevUnread:  b([]string{"P"}, "P", "previous unread"),

		EditProblem: b([]string{"enter"}, "enter", "edit problem"),

		Accept: b([]string{"enter"}, "enter", "keep search"),
		Cancel: b([]string{"esc"}, "esc", "clear search"),

		PickerUp:       b([]string{"up", "ctrl+p", "ctrl+k"}, "↑/ctrl+p", "up"),
		PickerDown:     b([]string{"down", "ctrl+n", "ctrl+j"}, "↓/ctrl+n", "down"),
		PickerPageUp:   b([]string{"pgup"}, "pgup", "page up"),
		PickerPageDown: b([]string{"pgdown"}, "pgdn", "page down"),
		PickerTop:      b([]string{"home"}, "home", "first"),
		PickerBottom:   b([]string{"end"}, "end", "last"),
		PickerChoose:   b([]string{"enter"}, "enter", "choose"),
		PickerBack:     b([]string{"esc"}, "esc", "close"),
		PickerSave:     b([]string{"ctrl+s"}, "ctrl+s", "save page"),

		Yes: b([]string{"y", "Y"}, "y", "yes"),
		No:  b([]string{"n", "esc"}, "n", "no"),
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

// questionHint is how the yes/no question says to answer it: "y yes · n
// no", with the keys as bound.
func questionHint(yes, no key.Binding) string {
	var parts []string
	for _, b := range []key.Binding{yes, no} {
		if k := b.Help().Key; k != "" && len(b.Keys()) > 0 {
			parts = append(parts, k+" "+b.Help().Desc)
		}
	}
	return strings.Join(parts, " · ")
}

// keyHint is "press c to clear the filter" with the binding's keys, or the
// bare action when it has no key.
func keyHint(before string, b key.Binding, after, bare string) string {
	if len(b.Keys()) == 0 {
		return bare
	}
	return before + b.Help().Key + after
}

// keyMap returns the key bindings the options give, all enabled.
func (o Options) keyMap() KeyMap {
	if o.Keys == nil {
		return DefaultKeyMap()
	}
	k := *o.Keys
	for _, a := range k.keyActions() {
		a.binding.SetEnabled(true)
	}
	return k
}

// ShortHelp returns the bindings of the one-line help bar, most useful
// first; disabled bindings are left out by the help view.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		k.Accept, k.Cancel,
		k.Toggle, k.Open, k.SpaceDown, k.NextArticle, k.PrevArticle,
		k.EditProblem,
		k.Back, k.NextPane, k.Search, k.ClearTags, k.Sort, k.Help, k.Quit,
	}
}

// helpGroup is one titled column of the full help.
type helpGroup struct {
	title    string
	bindings []key.Binding
}

// groups returns the bindings in titled groups, the source of FullHelp and
// of the help overlay: the bindings of the panes and their overlays (all).
// A picker and the question show their own keys where they are.
func (k KeyMap) groups() []helpGroup {
	return []helpGroup{
		{"General", []key.Binding{k.Help, k.Problems, k.EditProblem, k.Reload, k.Fetch, k.Back, k.Quit, k.Interrupt}},
		{"Panes", []key.Binding{k.NextPane, k.PrevPane, k.PaneLeft, k.PaneRight, k.FocusTags, k.ToggleSidebar}},
		{"Move", []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.HalfDown, k.HalfUp, k.PageDown, k.PageUp}},
		{"Filter", []key.Binding{k.Toggle, k.ExcludeTag, k.ClearTags, k.ToggleUnread, k.PickTag, k.Search, k.Accept, k.Cancel, k.Sort}},
		{"Read", []key.Binding{k.Open, k.SpaceDown, k.NextArticle, k.PrevArticle, k.NextUnread, k.PrevUnread, k.Links, k.OpenURL, k.CopyURL, k.Edit}},
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

// all returns pointers to the bindings of the panes and their overlays:
// every action that works somewhere besides a picker and the question.
func (k *KeyMap) all() []*key.Binding {
	acts := k.keyActions()
	out := make([]*key.Binding, 0, len(acts))
	for _, a := range acts {
		if a.scope&^(inPicker|inQuestion) != 0 {
			out = append(out, a.binding)
		}
	}
	return out
}

// keyContext is what decides which bindings apply.
type keyContext struct {
	focus     paneID
	searching bool    // the search box has the keys
	overlay   overlay // help, problems or a picker on top
	question  bool    // a yes/no question takes the next key
	back      string  // what esc undoes ("" for nothing), its help text
	hasList   bool    // the list has articles (n/p, enter)
	canOpen   bool    // there is a browser to open addresses in (Options.OpenURL)
	canMark   bool    // marks are kept (Options.Marks)
}

// scope returns where the keys go in c: the question, the search box and
// an overlay take them before the focused pane.
func (c keyContext) scope() keyScope {
	switch {
	case c.question:
		return inQuestion
	case c.searching:
		return inSearch
	}
	switch c.overlay {
	case overlayHelp:
		return inHelp
	case overlayPicker:
		return inPicker
	case overlayProblems:
		return inProblems
	case overlayNone:
	}
	switch c.focus {
	case paneTags:
		return inSidebar
	case paneList:
		return inList
	case paneReader:
		return inReader
	}
	return 0
}

// setContext enables exactly the bindings that apply in c: those the
// table of actions says work where the keys go now, and whose condition
// holds (an article to act on, marks kept, something for esc to undo).
// Back's help says what esc undoes now.
func (k *KeyMap) setContext(c keyContext) {
	here := c.scope()
	for _, a := range k.keyActions() {
		a.binding.SetEnabled(a.scope&here != 0 && (a.when == nil || a.when(c)))
	}
	if k.Back.Enabled() {
		k.Back.SetHelp(k.Back.Help().Key, c.back)
	}
}

// meaning pairs a binding with what its keys mean in one place.
type meaning[T any] struct {
	binding key.Binding
	means   T
}

// meaningOf returns what the first binding of table that msg matches
// means; ok is false when none does.
func meaningOf[T any](msg tea.KeyPressMsg, table []meaning[T]) (_ T, ok bool) {
	for _, m := range table {
		if key.Matches(msg, m.binding) {
			return m.means, true
		}
	}
	var none T
	return none, false
}

// pickerKeyMap are a picker's own bindings; every other key goes to its
// filter box.
type pickerKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Choose, Back key.Binding
	Save                                                  key.Binding // the link picker's
}

// pickerKeys returns the picker's bindings of k, all enabled: a picker is
// modal, so its keys work whenever it is open.
func (k KeyMap) pickerKeys() pickerKeyMap {
	p := pickerKeyMap{
		Up: k.PickerUp, Down: k.PickerDown, PageUp: k.PickerPageUp, PageDown: k.PickerPageDown,
		Top: k.PickerTop, Bottom: k.PickerBottom, Choose: k.PickerChoose, Back: k.PickerBack, Save: k.PickerSave,
	}
	for _, b := range []*key.Binding{&p.Up, &p.Down, &p.PageUp, &p.PageDown, &p.Top, &p.Bottom, &p.Choose, &p.Back, &p.Save} {
		b.SetEnabled(true)
	}
	return p
}

// defaultPickerKeys are the bindings of a picker made without a key map
// (newPicker); the root gives a picker its own (pickerPane.opened).
var defaultPickerKeys = DefaultKeyMap().pickerKeys()
