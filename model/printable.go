package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Rule adjusts Printable to one kind of text. Rules combine with |; the
// zero Rule is the rule every text obeys. Every rule lets printable ASCII
// (U+0020–U+007E) through, which the sanitizers' fast paths rely on.
type Rule uint8

const (
	// KeepNewline lets '\n' through: text with lines (an article's body, a
	// style's prefix).
	KeepNewline Rule = 1 << iota
	// NoInvisible also refuses the invisible U+200B (zero width space),
	// U+2060 (word joiner) and U+FEFF (byte order mark), which could hide
	// inside a single-line field such as a title or a tag. Zero width
	// joiners and non-joiners stay: scripts need them.
	NoInvisible
	// NoSeparator also refuses U+2028 and U+2029 (line and paragraph
	// separator), which break a line of a message.
	NoSeparator
	// VisibleOnly lets through only graphic characters (unicode.IsGraphic)
	// and the plain space: no other white space, no format or unassigned
	// character, so every character of the text shows (a date layout, a
	// key, an address).
	VisibleOnly
)

// Printable reports whether r may reach a terminal as it is, in text of the
// kind rule describes. It refuses every control character (C0, newline and
// tab included, DEL, and C1, U+0080–U+009F), which a terminal could act on,
// and the bidirectional overrides and isolates (U+202A–U+202E,
// U+2066–U+2069), which reorder the text around them to disguise it; then
// what rule adds. Every sanitizer of newsline asks it, and these ranges are
// written nowhere else (but in harmless, its inlinable core).
func Printable(r rune, rule Rule) bool {
	if !harmless(r) {
		return r == '\n' && rule&KeepNewline != 0
	}
	return !rule.narrows() || rule.allows(r)
}

// harmless reports whether r is neither a control character (C0, DEL, C1)
// nor a bidirectional override (U+202A–U+202E) or isolate (U+2066–U+2069):
// what Printable lets through in every text. It is one expression, small,
// so the sanitizers' loops inline it as plain comparisons; each bidi range
// is one unsigned comparison.
func harmless(r rune) bool {
	return r >= 0x20 && r < 0x7f ||
		r >= 0xa0 && uint32(r-0x202a) > 0x202e-0x202a && uint32(r-0x2066) > 0x2069-0x2066
}

// narrows reports whether rule refuses more than every rule does.
func (rule Rule) narrows() bool { return rule&^KeepNewline != 0 }

// allows applies the narrowing parts of rule to a harmless rune.
func (rule Rule) allows(r rune) bool {
	switch {
	case rule&NoInvisible != 0 && invisible(r):
		return false
	case rule&NoSeparator != 0 && (r == 0x2028 || r == 0x2029):
		return false
	case rule&VisibleOnly != 0 && r != ' ' && (!unicode.IsGraphic(r) || unicode.IsSpace(r)):
		return false
	}
	return true
}

// invisible reports whether r is one of the invisible characters that
// NoInvisible refuses.
func invisible(r rune) bool { return r == 0x200b || r == 0x2060 || r == 0xfeff }

// Filter returns s with each character that Printable(r, rule) refuses
// replaced by repl, or removed if repl is negative, and invalid UTF-8
// replaced by U+FFFD. Unlike Sanitize it reads no escape sequence: one
// character in gives at most one out, so a message keeps the shape of what
// it quotes, and a label stays one line. Clean text is returned unchanged
// without allocating.
func Filter(s string, rule Rule, repl rune) string {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && harmless(rune(c)) {
			i++ // printable ASCII, which every rule lets through
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !Printable(r, rule) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] { // invalid bytes arrive as utf8.RuneError
		switch {
		case Printable(r, rule):
			b.WriteRune(r)
		case repl >= 0:
			b.WriteRune(repl)
		}
	}
	return b.String()
}
