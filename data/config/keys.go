package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// A Context is a state of the interface in which a set of bindings is
// active together; two actions active in the same context must not share
// a key. The table below follows KeyMap.setContext in ui/keys.go: the
// search box takes every key but accept, cancel and interrupt; the help
// overlay takes quit, help, back and interrupt; the problems overlay those
// and movement; otherwise the global bindings, movement and the focused
// pane's own bindings are active.
type Context string

// The contexts.
const (
	CtxSidebar  Context = "sidebar"          // the tag sidebar has the focus
	CtxList     Context = "list"             // the article list has the focus
	CtxReader   Context = "reader"           // the reader has the focus
	CtxSearch   Context = "search box"       // typing a search
	CtxHelp     Context = "help overlay"     // the help is shown
	CtxProblems Context = "problems overlay" // the problems are shown
)

// Contexts lists every context, in the order conflicts are looked for.
var Contexts = []Context{CtxSidebar, CtxList, CtxReader, CtxSearch, CtxHelp, CtxProblems}

// Action is one key action: its name in the file (a ui.KeyMap field in
// snake_case), its default keys, and the contexts it is active in.
type Action struct {
	Name     string
	Keys     []string // the defaults, as in ui.DefaultKeyMap
	Contexts []Context
}

type action struct {
	name     string
	keys     []string
	contexts []Context
}

var (
	panes    = []Context{CtxSidebar, CtxList, CtxReader}
	global   = panes
	nav      = []Context{CtxSidebar, CtxList, CtxReader, CtxProblems}
	everyCtx = Contexts
)

// actions is every action of ui.KeyMap, in its order.
var actions = []action{
	{"quit", []string{"q"}, []Context{CtxSidebar, CtxList, CtxReader, CtxHelp, CtxProblems}},
	{"interrupt", []string{"ctrl+c"}, everyCtx},
	{"help", []string{"?"}, []Context{CtxSidebar, CtxList, CtxReader, CtxHelp}},
	{"problems", []string{"!"}, []Context{CtxSidebar, CtxList, CtxReader, CtxProblems}},
	{"next_pane", []string{"tab"}, global},
	{"prev_pane", []string{"shift+tab"}, global},
	{"pane_left", []string{"h", "left"}, global},
	{"pane_right", []string{"l", "right"}, global},
	{"focus_tags", []string{"t"}, global},
	{"clear_tags", []string{"c"}, global},
	{"search", []string{"/"}, global},
	{"sort", []string{"s"}, global},
	{"back", []string{"esc"}, []Context{CtxSidebar, CtxList, CtxReader, CtxHelp, CtxProblems}},
	{"toggle_unread", []string{"u"}, global},
	{"pick_tag", []string{"T"}, global},
	{"reload", []string{"r"}, global},

	{"up", []string{"k", "up"}, nav},
	{"down", []string{"j", "down"}, nav},
	{"top", []string{"g", "home"}, nav},
	{"bottom", []string{"G", "end"}, nav},
	{"half_down", []string{"ctrl+d"}, nav},
	{"half_up", []string{"ctrl+u"}, nav},
	{"page_down", []string{"pgdown"}, nav},
	{"page_up", []string{"pgup"}, nav},

	{"toggle", []string{"enter", "space"}, []Context{CtxSidebar}},
	{"exclude_tag", []string{"x"}, []Context{CtxSidebar}},
	{"open", []string{"enter"}, []Context{CtxList}},
	{"open_url", []string{"o"}, []Context{CtxList, CtxReader}},
	{"copy_url", []string{"y"}, []Context{CtxList, CtxReader}},
	{"toggle_read", []string{"m"}, []Context{CtxList, CtxReader}},
	{"toggle_star", []string{"*"}, []Context{CtxList, CtxReader}},
	{"undo_mark", []string{"U", "ctrl+z"}, []Context{CtxList, CtxReader}},
	{"mark_all_read", []string{"M"}, []Context{CtxList, CtxReader}},
	{"edit", []string{"e"}, []Context{CtxList, CtxReader}},
	{"links", []string{"L"}, []Context{CtxList, CtxReader}},
	{"space_down", []string{"space"}, []Context{CtxReader}},
	{"next_article", []string{"n"}, []Context{CtxReader}},
	{"prev_article", []string{"p"}, []Context{CtxReader}},

	{"accept", []string{"enter"}, []Context{CtxSearch}},
	{"cancel", []string{"esc"}, []Context{CtxSearch}},
}

// Actions returns every action, in the order of ui.KeyMap's fields.
func Actions() []Action {
	out := make([]Action, len(actions))
	for i, a := range actions {
		out[i] = Action{Name: a.name, Keys: slices.Clone(a.keys), Contexts: slices.Clone(a.contexts)}
	}
	return out
}

func findAction(name string) (action, bool) {
	for _, a := range actions {
		if a.name == name {
			return a, true
		}
	}
	return action{}, false
}

// namedKeys are the key names Bubble Tea gives keys that are not one
// printable character.
var namedKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range []string{
		"enter", "tab", "backspace", "esc", "space", "up", "down", "left", "right",
		"begin", "find", "insert", "delete", "select", "pgup", "pgdown", "home", "end",
	} {
		m[k] = true
	}
	for i := 1; i <= 63; i++ {
		m["f"+strconv.Itoa(i)] = true
	}
	return m
}()

// keyAliases are names people write for keys Bubble Tea names otherwise.
var keyAliases = map[string]string{
	"escape": "esc", "return": "enter", "ret": "enter", "cr": "enter",
	"pagedown": "pgdown", "pgdn": "pgdown", "page_down": "pgdown", "pageup": "pgup", "page_up": "pgup",
	"del": "delete", "ins": "insert", "bs": "backspace", "bksp": "backspace", " ": "space", "spacebar": "space",
	"arrowup": "up", "arrowdown": "down", "arrowleft": "left", "arrowright": "right",
	"↑": "up", "↓": "down", "←": "left", "→": "right",
}

// modAliases are names people write for modifiers.
var modAliases = map[string]string{
	"control": "ctrl", "option": "alt", "opt": "alt", "cmd": "super", "command": "super", "win": "super",
}

// modifiers in the order Bubble Tea writes them.
var modifiers = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

const keyHint = "use one character, or a name such as enter, esc, space, tab, up, pgdown, home, f1, after modifiers such as ctrl+, alt+ or shift+"

// checkKey reports what is wrong with a key as Bubble Tea names it, with
// a hint; "" when it is fine.
func checkKey(k string) (msg, hint string) {
	if k == "" {
		return "an empty key", keyHint
	}
	if len(k) > 64 {
		return fmt.Sprintf("key %q is too long", clip(k)), keyHint
	}
	if !utf8.ValidString(k) {
		return fmt.Sprintf("key %q is not valid UTF-8", k), keyHint
	}
	rest := k
	var mods []string
	for {
		i := strings.Index(rest, "+")
		if i <= 0 || i == len(rest)-1 {
			break
		}
		mods = append(mods, rest[:i])
		rest = rest[i+1:]
	}
	fixed := make([]string, 0, len(mods)+1)
	bad := false
	seen := map[string]bool{}
	for _, m := range mods {
		lm := strings.ToLower(m)
		if a, ok := modAliases[lm]; ok {
			lm = a
		}
		if !slices.Contains(modifiers, lm) {
			return fmt.Sprintf("unknown modifier %q in key %q", m, k), "modifiers are " + strings.Join(modifiers, "+, ") + "+"
		}
		if seen[lm] {
			return fmt.Sprintf("modifier %q twice in key %q", lm, k), "give each modifier once"
		}
		seen[lm] = true
		bad = bad || lm != m
		fixed = append(fixed, lm)
	}
	ordered := slices.SortedFunc(slices.Values(fixed), func(a, b string) int {
		return slices.Index(modifiers, a) - slices.Index(modifiers, b)
	})
	bad = bad || !slices.Equal(ordered, fixed)
	name := rest
	switch {
	case namedKeys[name]:
	case utf8.RuneCountInString(name) == 1:
		r, _ := utf8.DecodeRuneInString(name)
		if r == ' ' {
			name, bad = "space", true
		} else if !model.Printable(r, model.VisibleOnly) { // ' ' is handled above
			return fmt.Sprintf("key %q is not a printable character", k), keyHint
		}
	default:
		ln := strings.ToLower(name)
		if a, ok := keyAliases[ln]; ok {
			name, bad = a, true
		} else if namedKeys[ln] {
			name, bad = ln, true
		} else {
			return fmt.Sprintf("unknown key %q", k), keyHint
		}
	}
	if bad {
		want := strings.Join(append(ordered, name), "+")
		return fmt.Sprintf("unknown key %q", k), fmt.Sprintf("did you mean %q?", want)
	}
	return "", ""
}

// typesText reports whether k is a key the search box would take as text:
// one character, or space, with no modifier but shift.
func typesText(k string) bool {
	name := strings.TrimPrefix(k, "shift+")
	return name == "space" || (utf8.RuneCountInString(name) == 1 && !strings.Contains(k, "ctrl+") && !strings.Contains(k, "alt+"))
}

// conflict is two actions with the same key in one context.
type conflict struct {
	key          string
	first, other string // action names, first in the table order
	ctx          Context
}

// findConflict returns the first key shared by two actions in one context.
func findConflict(keys map[string][]string) (conflict, bool) {
	for _, ctx := range Contexts {
		owner := map[string]string{}
		for _, a := range actions {
			if !slices.Contains(a.contexts, ctx) {
				continue
			}
			for _, k := range keys[a.name] {
				if o, ok := owner[k]; ok && o != a.name {
					return conflict{key: k, first: o, other: a.name, ctx: ctx}, true
				}
				owner[k] = a.name
			}
		}
	}
	return conflict{}, false
}

// nearest returns the candidate closest to s (by edit distance), if it is
// close enough to be a likely typo.
func nearest(s string, candidates []string) string {
	best, bestD := "", len(s)/3+2
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" && len(s) >= 3 {
		for _, c := range candidates {
			if strings.HasPrefix(c, s) {
				return c
			}
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
