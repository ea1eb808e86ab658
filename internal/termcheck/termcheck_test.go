package termcheck

import (
	"testing"
)

func TestTerminalProblems(t *testing.T) {
	link := "\x1b]8;id=t1;https://example.org/a\x1b\\pilots' association (example.org) [1]\x1b]8;;\x1b\\"
	for _, tc := range []struct {
		name, out string
		ok        bool
	}{
		{"plain text", "Hello,\tworld\r\n", true},
		{"SGR and reset", "\x1b[38;5;252;1mbold\x1b[m", true},
		{"cursor and erase", "\x1b[2;3H\x1b[4A\x1b[K\x1b[2J", true},
		{"web link whose text shows its host", link, true},
		{"web link whose text is its address", "\x1b]8;;https://example.org/a?b=1\x07https://example.org/a?b=1\x1b]8;;\x07", true},
		{"web link whose text shows the start of its address", "\x1b]8;;https://example.org/abc\x07https://example.org/a\x1b]8;;\x07 ┃\n│    │┃ bc", true},
		{"web address wrapped across a pane border", "\x1b]8;;https://example.org/abc\x07https://example.org/a ┃\n│    │┃ bc\x1b]8;;\x07", true},
		{"web link part without its host on a line", "\x1b]8;id=t1;https://example.org/a\x07pilots'\x1b]8;;\x07 ┃\n│ other pane │┃ \x1b]8;id=t1;https://example.org/a\x07association (example.org) [1]\x1b]8;;\x07", false},
		{"web address part without its host", "\x1b]8;;https://example.org/abc\x07https://example.org/a\x1b]8;;\x07 ┃\n│    │┃ \x1b]8;;https://example.org/abc\x07bc\x1b]8;;\x07", false},
		{"web address cut inside its host", "\x1b]8;;https://example.org/abc\x07https://example.\x1b]8;;\x07", false},
		{"web link with its address outside its text", "\x1b]8;;https://example.org/a\x07text\x1b]8;;\x07 https://example.org/a (example.org)", false},
		{"web link not printed", "\x1b]8;;https://example.org/a\x07text\x1b]8;;\x07", false},
		{"web link showing another host", "\x1b]8;;https://evil.example/\x07news (good.example) [1]\x1b]8;;\x07", false},
		{"web link with the good host as user", "\x1b]8;;https://good.example@evil.example/\x07news (good.example) [1]\x1b]8;;\x07", false},
		{"web link parts with other text between", "\x1b]8;;https://example.org/a\x07text\x1b]8;;\x07 more words \x1b]8;;https://example.org/a\x07(example.org)\x1b]8;;\x07", false},
		{"web link never closed", "\x1b]8;;https://example.org/a\x07https://example.org/a", false},
		{"web link inside another", "\x1b]8;;https://example.org/a\x07https://example.org/a \x1b]8;;https://example.org/b\x07https://example.org/b\x1b]8;;\x07", false},
		{"OSC 8 without a URI part", "\x1b]8;id=1\x07x", false},
		{"javascript link", "\x1b]8;;javascript:alert(1)\x07x\x1b]8;;\x07 javascript:alert(1)", false},
		{"file link", "\x1b]8;;file:///etc/passwd\x07x\x1b]8;;\x07 file:///etc/passwd", false},
		{"OSC 52 clipboard", "\x1b]52;c;cm0gLXJm\x07", false},
		{"OSC title", "\x1b]0;title\x1b\\", false},
		{"DCS", "\x1bP1$r0m\x1b\\", false},
		{"APC", "\x1b_x\x1b\\", false},
		{"private CSI", "\x1b[?1049h", false},
		{"two-byte ESC", "\x1bc", false},
		{"lone ESC", "a\x1b", false},
		{"BEL", "a\ab", false},
		{"C1 CSI in UTF-8", "\u009b2J", false},
		{"raw C1 byte", "\x9b2J", false},
		{"bidi override", "abc\u202edef", false},
		{"bidi isolate", "abc\u2066def", false},
		{"ZWJ emoji", "👩\u200d💻", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probs := Problems(tc.out)
			if (len(probs) == 0) != tc.ok {
				t.Errorf("Problems(%q) = %q, want ok %v", tc.out, probs, tc.ok)
			}
		})
	}
}
