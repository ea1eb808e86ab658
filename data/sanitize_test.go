package data

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"clean ASCII", "Hello, world.\nSecond line.", "Hello, world.\nSecond line."},
		{"clean Unicode", "Łódź, 東京, café – “quoted”\u200d", "Łódź, 東京, café – “quoted”\u200d"},
		{"C0 controls", "a\x00b\x01c\x07d\x08e\x0bf\x0cg\x7fh", "abcdefgh"},
		{"CR dropped", "a\rb", "ab"},
		{"tabs", "\tx\tyy\tzzz\tw\n12345\tz", "    x   yy  zzz w\n12345   z"},
		{"tabs count runes", "é\tx", "é   x"},
		{"SGR", "\x1b[1;31mred\x1b[0m text", "red text"},
		{"CSI private", "\x1b[?25lhidden cursor\x1b[?1049h", "hidden cursor"},
		{"CSI broken off", "\x1b[12\nnext", "\nnext"},
		{"OSC BEL", "\x1b]0;window title\x07after", "after"},
		{"OSC ST", "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"OSC 52 clipboard", "x\x1b]52;c;cm0gLXJmIH4=\x07y", "xy"},
		{"OSC unterminated", "before\x1b]0;title that never ends\nand more", "before"},
		{"OSC cancelled", "\x1b]0;abc\x18visible", "visible"},
		{"DCS", "\x1bP1$r0m\x1b\\after", "after"},
		{"APC PM SOS", "\x1b_apc\x1b\\a\x1b^pm\x1b\\b\x1bXsos\x1b\\c", "abc"},
		{"two-byte escapes", "\x1bcreset\x1b7saved\x1b=", "resetsaved"},
		{"nF escape", "\x1b(Bascii\x1b#8", "ascii"},
		{"lone ESC", "a\x1b", "a"},
		{"ESC then text", "a\x1b\u00e9b", "aéb"},
		{"ESC ESC", "\x1b\x1b[31mx", "x"},
		{"8-bit CSI", "\u009b31mred\u009b0m", "red"},
		{"8-bit OSC", "\u009d0;title\u009cafter", "after"},
		{"8-bit OSC BEL", "\u009d0;title\x07after", "after"},
		{"other C1", "a\u0085b\u0080c\u009cd", "abcd"},
		{"bidi", "a\u202ab\u202ec\u2066d\u2069e", "abcde"},
		{"zero width kept in bodies", "a\u200bb\u2060c\ufeffd", "a\u200bb\u2060c\ufeffd"},
		{"invalid UTF-8", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"ESC in invalid UTF-8", "\xe2\x1b[31m", "\ufffd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sanitize(tc.in); got != tc.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"plain title", "plain title"},
		{"two\nlines", "two lines"},
		{"tab\tstop", "tab stop"},
		{"zero\u200bwidth\u2060joiner\ufeffbom", "zerowidthjoinerbom"},
		{"ZWJ 👩\u200d💻 and ZWNJ \u200c stay", "ZWJ 👩\u200d💻 and ZWNJ \u200c stay"},
		{"\x1b[31mred\x1b[0m\u202e", "red"},
	} {
		if got := SanitizeLine(tc.in); got != tc.want {
			t.Errorf("SanitizeLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSanitizeCleanDoesNotAllocate(t *testing.T) {
	clean := strings.Repeat("A clean line of news, with “quotes” and é.\n", 100)
	if n := testing.AllocsPerRun(100, func() { Sanitize(clean) }); n != 0 {
		t.Errorf("Sanitize of clean text: %v allocations", n)
	}
}

// checkSanitized fails when s holds something Sanitize removes.
func checkSanitized(t *testing.T, what, s string, line bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s: invalid UTF-8: %q", what, s)
	}
	for _, r := range s {
		switch {
		case r == '\n' && line, r < 0x20 && r != '\n', r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			line && (r == 0x200b || r == 0x2060 || r == 0xfeff):
			t.Fatalf("%s: %U left in %q", what, r, s)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "a\tb\nc", "\x1b[31mred", "\x1b]0;t\x07", "\x1bP\x1b\\", "\u009b1m", "\u009dx\u009c",
		"\xff\xfe", "\u202e\u2066", "\x1b", "\x1b(", "\x1b[", "é\t", "\x1b]8;;x\x1b\\y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		checkSanitized(t, "Sanitize", out, false)
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
		line := SanitizeLine(s)
		checkSanitized(t, "SanitizeLine", line, true)
		if again := SanitizeLine(line); again != line {
			t.Fatalf("SanitizeLine not idempotent: %q → %q → %q", s, line, again)
		}
	})
}

func TestPrintable8(t *testing.T) {
	for c := range 256 {
		for k := range 8 {
			b := []byte("abcdefgh")
			b[k] = byte(c)
			if got, want := printable8(string(b)), c >= 0x20 && c <= 0x7e; got != want {
				t.Errorf("printable8 with %#x at %d = %v", c, k, got)
			}
		}
	}
}
