package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tabWidth is the distance between tab stops when tabs are expanded.
const tabWidth = 4

// Sanitize makes text from a file safe to print on a terminal. It keeps
// newlines, expands tabs to spaces (tab stops every 4 columns, counted in
// runes), repairs invalid UTF-8 with U+FFFD, and removes what Printable
// refuses in text with lines (KeepNewline):
//   - C0 controls other than newline and tab, DEL, and C1 controls
//     (U+0080–U+009F);
//   - every escape sequence whole: CSI (ESC [ … final byte), OSC (ESC ] …
//     BEL or ST), DCS, SOS, PM and APC (ESC P, X, ^, _ … ST), nF and
//     two-byte escapes, and the 8-bit forms of CSI, OSC, DCS, SOS, PM and
//     APC together with their parameters;
//   - the bidirectional overrides and isolates U+202A–U+202E and
//     U+2066–U+2069.
//
// Clean text is returned unchanged without allocating. The result is valid
// UTF-8 and Sanitize(Sanitize(s)) == Sanitize(s).
func Sanitize(s string) string { return sanitize(s, KeepNewline) }

// SanitizeLine is Sanitize for single-line fields (titles, tags, paths,
// authors, URLs): newlines also become spaces, and the invisible U+200B
// (zero width space), U+2060 (word joiner) and U+FEFF (byte order mark) are
// removed (NoInvisible). Zero width joiners and non-joiners stay: scripts
// need them.
func SanitizeLine(s string) string { return sanitize(s, NoInvisible) }

// OneLine makes a single-line field of s (a title, tag, author, a message
// on one line): it is sanitized (SanitizeLine), trimmed, and every run of
// white space, no-break spaces included, becomes one space.
func OneLine(s string) string {
	s = strings.TrimSpace(SanitizeLine(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' && s[i+1] == ' ' || c >= utf8.RuneSelf && hasSpaceRune(s[i:]) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// hasSpaceRune reports whether the rune s starts with is white space.
func hasSpaceRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// sanitize is Sanitize (rule KeepNewline) and SanitizeLine (rule
// NoInvisible, where a newline becomes a space). It asks Printable, inlined
// in its loops for speed, which is why it knows no other rule.
func sanitize(s string, rule Rule) string {
	i := cleanPrefix(s, rule)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	// col is the rune column on the current line, for tab stops.
	col := utf8.RuneCountInString(s[strings.LastIndexByte(s[:i], '\n')+1 : i])
	for i < len(s) {
		if start := i; i+8 <= len(s) {
			for i+8 <= len(s) && printable8(s[i:i+8]) {
				i += 8
			}
			b.WriteString(s[start:i])
			col += i - start
			if i == len(s) {
				break
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n' && rule&KeepNewline != 0:
				b.WriteByte('\n')
				col = 0
			case harmless(rune(c)):
				b.WriteByte(c)
				col++
			case c == '\n': // on a single line
				b.WriteByte(' ')
				col++
			case c == '\t':
				n := tabWidth - col%tabWidth
				b.WriteString("    "[:n])
				col += n
			case c == 0x1b:
				i = skipEscape(s, i)
				continue
			default:
				// dropped
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString("\uFFFD")
			col++
		case !harmless(r) || rule&NoInvisible != 0 && invisible(r): // !Printable(r, rule), inlined
			// dropped, with the parameters or string of a C1 introducer
			i = skipC1(s, i+size, r)
			continue
		default:
			b.WriteString(s[i : i+size])
			col++
		}
		i += size
	}
	return b.String()
}

// cleanPrefix returns the length of the longest prefix of s that sanitize
// would keep unchanged.
func cleanPrefix(s string, rule Rule) int {
	i := 0
	for i < len(s) {
		// Eight bytes at a time while they are all printable ASCII.
		for i+8 <= len(s) && printable8(s[i:i+8]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if harmless(rune(c)) || c == '\n' && rule&KeepNewline != 0 { // Printable, inlined
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !harmless(r) || rule&NoInvisible != 0 && invisible(r) {
			return i
		}
		i += size
	}
	return i
}

// skipEscape returns the index just after the escape sequence that starts
// with the ESC at s[i]. A sequence broken off by an unexpected byte ends
// before that byte, which is then read as ordinary text.
func skipEscape(s string, i int) int {
	if i+1 >= len(s) {
		return len(s)
	}
	switch c := s[i+1]; {
	case c == '[':
		return skipCSI(s, i+2)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+2)
	case c >= 0x20 && c <= 0x2f: // nF: intermediates, then a final byte
		k := i + 1
		for k < len(s) && s[k] >= 0x20 && s[k] <= 0x2f {
			k++
		}
		if k < len(s) && s[k] >= 0x30 && s[k] <= 0x7e {
			k++
		}
		return k
	case c >= 0x30 && c <= 0x7e: // two-byte escape (Fp, Fe, Fs)
		return i + 2
	}
	return i + 1 // a lone ESC
}

// skipC1 returns the index after the removed character r, whose encoding
// ends just before s[i], and, if r is a C1 control that introduces them,
// after its parameters or string.
func skipC1(s string, i int, r rune) int {
	switch r {
	case 0x9b: // CSI
		return skipCSI(s, i)
	case 0x9d, 0x90, 0x98, 0x9e, 0x9f: // OSC, DCS, SOS, PM, APC
		return skipString(s, i)
	}
	return i
}

// skipCSI skips the parameter and intermediate bytes and the final byte of
// a control sequence whose introducer ends just before s[i].
func skipCSI(s string, i int) int {
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c < 0x20 || c > 0x3f:
			return i
		}
	}
	return i
}

// skipString skips a control string (OSC, DCS, SOS, PM, APC) whose
// introducer ends just before s[i], through its terminator: BEL, ST (ESC \
// or U+009C), or CAN and SUB, which cancel it. An ESC that does not start
// ST ends the string and begins a new sequence.
func skipString(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case 0x07, 0x18, 0x1a:
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i + 2
			}
		}
	}
	return i
}

// printable8 reports whether the 8 bytes of s are all printable ASCII
// (0x20–0x7E, which Printable lets through under every rule), testing them
// as one word: a byte below 0x20 leaves a high
// bit after subtracting 0x20 from each, a byte above 0x7E sets one when 1
// is added.
func printable8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	return ((w-0x20*ones)&^w|(w+ones)|w)&highs == 0
}
