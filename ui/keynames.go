package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsline/newsline/internal/errtext"
	"github.com/newsline/newsline/model"
)

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

// keyNameHint is what to do about a key that is not one.
const keyNameHint = "use one character, or a name such as enter, esc, space, tab, up, pgdown, home, f1, after modifiers such as ctrl+, alt+ or shift+"

// checkKey reports what is wrong with a key as Bubble Tea names it, with
// a hint; "" when it is fine. A name people write otherwise ("Escape",
// "alt+ctrl+s") gets the name to write instead.
func checkKey(k string) (msg, hint string) {
	if k == "" {
		return "an empty key", keyNameHint
	}
	if len(k) > 64 {
		return fmt.Sprintf("key %q is too long", errtext.Clip(k)), keyNameHint
	}
	if !utf8.ValidString(k) {
		return fmt.Sprintf("key %q is not valid UTF-8", k), keyNameHint
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
			return fmt.Sprintf("key %q is not a printable character", k), keyNameHint
		}
	default:
		ln := strings.ToLower(name)
		if a, ok := keyAliases[ln]; ok {
			name, bad = a, true
		} else if namedKeys[ln] {
			name, bad = ln, true
		} else {
			return fmt.Sprintf("unknown key %q", k), keyNameHint
		}
	}
	if bad {
		want := strings.Join(append(ordered, name), "+")
		return fmt.Sprintf("unknown key %q", k), fmt.Sprintf("did you mean %q?", want)
	}
	return "", ""
}

// typesText reports whether k is a key a text box (the search box, a
// picker's filter) would take as text: one character, or space, with no
// modifier but shift.
func typesText(k string) bool {
	name := strings.TrimPrefix(k, "shift+")
	return name == "space" || (utf8.RuneCountInString(name) == 1 && !strings.Contains(k, "ctrl+") && !strings.Contains(k, "alt+"))
}
