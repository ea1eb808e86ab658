package ui

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/newsline/newsline/internal/errtext"
)

// KeyOverride is one action's keys as the configuration gives them: the
// action's name (as keys.NAME in the file), its keys as Bubble Tea names
// them ("q", "ctrl+c", "shift+tab", "enter", "space", "pgdown"; none leaves
// the action without a key), and the line of the file that sets it, which
// errors name and are ordered by (0: unknown).
type KeyOverride struct {
	Action string
	Keys   []string
	Line   int
}

// KeyError is an override the key map does not take: its action (as the
// override names it) and line, what is wrong and what to do.
type KeyError struct {
	Action string
	Line   int
	Msg    string
	Hint   string
}

// Error is "keys.ACTION: what is wrong (what to do)".
func (e *KeyError) Error() string {
	s := "keys." + e.Action + ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// NewKeyMap returns DefaultKeyMap with the overrides applied. A remapped
// binding's help shows its keys as the default help does ("h/←"); an
// action with no keys is switched off.
//
// An override the key map does not take is a *KeyError, the first in the
// file (by line): first those CheckKeyOverrides finds, each override on its
// own; when there are none, what the overrides make together: two actions
// that work in one place with one key, a key that a text box (the search
// box, a picker's filter) would take as text, nothing left to quit or to
// close the search box or a picker.
func NewKeyMap(overrides []KeyOverride) (KeyMap, error) {
	if err := CheckKeyOverrides(overrides); err != nil {
		return DefaultKeyMap(), err
	}
	k := DefaultKeyMap()
	if err := k.checkTogether(overrides); err != nil {
		return DefaultKeyMap(), err
	}
	acts := k.keyActions()
	for _, o := range overrides {
		a, _ := findAction(&acts, o.Action)
		b := a.binding
		switch {
		case slices.Equal(o.Keys, b.Keys()):
		case len(o.Keys) == 0:
			b.SetKeys() // no keys: never matches, never shown
		default:
			b.SetKeys(o.Keys...)
			b.SetHelp(helpKeys(o.Keys), b.Help().Desc)
		}
	}
	return k, nil
}

// CheckKeyOverrides returns the first override in the file (by line) that
// names no action, or a key that is not one, as a *KeyError; nil when each
// override is fine on its own.
func CheckKeyOverrides(overrides []KeyOverride) error {
	var k KeyMap
	acts := k.keyActions()
	names := Actions()
	var errs []*KeyError
	// By name, then by line: of two on one line (an inline table), the
	// first by name.
	for _, o := range slices.SortedStableFunc(slices.Values(overrides), byAction) {
		if _, ok := findAction(&acts, o.Action); !ok {
			hint := "the README lists every action"
			if n := errtext.Nearest(o.Action, names); n != "" {
				hint = "did you mean " + n + "? " + hint
			}
			errs = append(errs, &KeyError{Action: o.Action, Line: o.Line, Msg: "unknown action", Hint: hint})
			continue
		}
		for _, s := range o.Keys {
			if msg, hint := checkKey(s); msg != "" {
				errs = append(errs, &KeyError{Action: o.Action, Line: o.Line, Msg: msg, Hint: hint})
				break
			}
		}
	}
	return firstKeyError(errs)
}

// checkTogether returns the first error (by line) of what the overrides
// make together with the defaults of k: keys a text box would take, no way
// out, and the first conflict.
func (k *KeyMap) checkTogether(overrides []KeyOverride) error {
	acts := k.keyActions()
	keys := make(map[string][]string, len(acts)) // every action's keys after the overrides
	for _, a := range acts {
		keys[a.name] = a.binding.Keys()
	}
	lines := map[string]int{} // the overridden actions and their lines
	for _, o := range overrides {
		keys[o.Action], lines[o.Action] = o.Keys, o.Line
	}
	var errs []*KeyError
	fail := func(name, hint, format string, args ...any) {
		errs = append(errs, &KeyError{Action: name, Line: lines[name], Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	// A text box takes typed text: its keys must not be text.
	for _, a := range acts {
		if _, ok := lines[a.name]; !ok || a.scope&inText == 0 {
			continue
		}
		for _, s := range keys[a.name] {
			switch {
			case !typesText(s):
			case a.scope&inSearch != 0:
				fail(a.name, "use a named key such as enter or esc, or one with ctrl+ or alt+",
					"%q would be typed into the search box", s)
			default:
				fail(a.name, "a picker's filter takes printable keys as text: use a named key such as up or pgdown, or one with ctrl+ or alt+",
					"%q would be typed into the picker's filter", s)
			}
		}
	}
	// There is always a way out.
	for _, out := range []struct{ a, b, what string }{
		{"quit", "interrupt", "quit newsline"},
		{"accept", "cancel", "close the search box"},
		{"picker_back", "picker_choose", "close a picker"},
	} {
		if len(keys[out.a]) == 0 && len(keys[out.b]) == 0 {
			fail(laterOf(out.a, out.b, lines), fmt.Sprintf("give %s or %s a key", out.a, out.b), "nothing would %s", out.what)
		}
	}
	if c, ok := findConflict(&acts, keys); ok {
		// Name the remapped action; of two, the one set later in the file.
		at, other := laterOf(c.first, c.other, lines), c.first
		if at == c.first {
			other = c.other
		}
		fail(at, "give one of them another key", "%q is also the key of %s in the %s", c.key, other, c.scope)
	}
	return firstKeyError(errs)
}

// conflict is two actions with the same key in one place.
type conflict struct {
	key          string
	first, other string // action names, first in the table's order
	scope        keyScope
}

// findConflict returns the first key shared by two actions in one place,
// looking place by place and action by action in the table's order.
func findConflict(acts *[actionCount]keyAction, keys map[string][]string) (conflict, bool) {
	for _, here := range everywhere.scopes() {
		owner := map[string]string{}
		for _, a := range acts {
			if a.scope&here == 0 {
				continue
			}
			for _, s := range keys[a.name] {
				if o, ok := owner[s]; ok && o != a.name {
					return conflict{key: s, first: o, other: a.name, scope: here}, true
				}
				owner[s] = a.name
			}
		}
	}
	return conflict{}, false
}

// laterOf returns whichever of actions a and b was overridden, the later
// in the file if both (b when neither).
func laterOf(a, b string, lines map[string]int) string {
	la, okA := lines[a]
	lb, okB := lines[b]
	switch {
	case okA && okB:
		if lb >= la {
			return b
		}
		return a
	case okA:
		return a
	}
	return b
}

func findAction(acts *[actionCount]keyAction, name string) (keyAction, bool) {
	for _, a := range acts {
		if a.name == name {
			return a, true
		}
	}
	return keyAction{}, false
}

func byAction(a, b KeyOverride) int { return cmp.Compare(a.Action, b.Action) }

// firstKeyError returns the error of the earliest line, an unknown line
// last; of equals, the first found. nil when there is none.
func firstKeyError(errs []*KeyError) error {
	if len(errs) == 0 {
		return nil
	}
	order := func(e *KeyError) int {
		if e.Line == 0 {
			return math.MaxInt
		}
		return e.Line
	}
	slices.SortStableFunc(errs, func(a, b *KeyError) int { return cmp.Compare(order(a), order(b)) })
	return errs[0]
}

// helpKeys writes keys as the help bar shows them: "h/←", "g/home", "pgdn".
func helpKeys(keys []string) string {
	pretty := map[string]string{"left": "←", "right": "→", "up": "↑", "down": "↓", "pgdown": "pgdn"}
	out := make([]string, len(keys))
	for i, k := range keys {
		if p, ok := pretty[k]; ok {
			k = p
		}
		out[i] = k
	}
	return strings.Join(out, "/")
}
