package model

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSanitize has one real-shaped case per rule of the sanitizer (issue 4,
// terminal safety), each named after what it proves, for bodies (Sanitize)
// and single-line fields (SanitizeLine).
func TestSanitize(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		line           bool // SanitizeLine instead of Sanitize
	}{
		// Clean text passes unchanged.
		{name: "clean ASCII is kept", in: "Hello, world.\nSecond line.", want: "Hello, world.\nSecond line."},
		{name: "clean Unicode is kept", in: "Łódź, 東京, café – “quoted”", want: "Łódź, 東京, café – “quoted”"},

		// C0 controls but newline and tab, and DEL.
		{name: "C0 controls are removed", in: "a\x00b\x01c\x07d\x08e\x0bf\x0cg\x0eh\x1fi", want: "abcdefghi"},
		{name: "CR is removed", in: "progress 10%\rprogress 99%", want: "progress 10%progress 99%"},
		{name: "DEL is removed", in: "rm\x7f\x7f\x7fok", want: "rmok"},
		{name: "newline is kept in bodies", in: "one\ntwo", want: "one\ntwo"},
		{name: "newline becomes a space in titles", in: "one\ntwo", want: "one two", line: true},
		{name: "tab expands to stops of 4", in: "\tx\tyy\tzzz\tw\n12345\tz", want: "    x   yy  zzz w\n12345   z"},
		{name: "tab stops count runes", in: "é\tx", want: "é   x"},
		{name: "tab after clean prefix counts its column", in: "abcdefghij\tk", want: "abcdefghij  k"},
		{name: "tab expands in titles", in: "tab\tstop", want: "tab stop", line: true},

		// C1 controls, U+0080–U+009F, in their UTF-8 form.
		{name: "C1 controls are removed", in: "a\u0080b\u0085c\u008ed\u008fe\u0099f", want: "abcdef"},
		{name: "8-bit CSI is removed with its parameters", in: "\u009b31mred\u009b0m \u009b?1049h", want: "red "},
		{name: "8-bit OSC is removed through 8-bit ST", in: "\u009d0;title\u009cafter", want: "after"},
		{name: "8-bit OSC is removed through BEL", in: "\u009d52;c;eA==\x07after", want: "after"},
		{name: "8-bit DCS SOS PM APC are removed", in: "\u0090q#0\u009ca\u0098s\u009cb\u009ep\u009cc\u009fa\u009cd", want: "abcd"},
		{name: "stray 8-bit ST is removed", in: "a\u009cb", want: "ab"},

		// Every ESC-introduced sequence, whole.
		{name: "CSI SGR is removed", in: "\x1b[1;31mred\x1b[0m text", want: "red text"},
		{name: "CSI private mode is removed", in: "\x1b[?25lhidden\x1b[?1049h", want: "hidden"},
		{name: "CSI erase and cursor are removed", in: "\x1b[2J\x1b[H\x1b[10;5fx\x1b[K", want: "x"},
		{name: "CSI with intermediate is removed", in: "\x1b[2 qcursor", want: "cursor"},
		{name: "CSI device report request is removed", in: "\x1b[6n\x1b[cok", want: "ok"},
		{name: "CSI broken off by a control ends there", in: "\x1b[12\nnext", want: "\nnext"},
		{name: "CSI unterminated at the end is removed", in: "text\x1b[38;5;2", want: "text"},
		{name: "OSC ended by BEL is removed", in: "\x1b]0;window title\x07after", want: "after"},
		{name: "OSC 8 hyperlink is removed, text kept", in: "\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\", want: "link"},
		{name: "OSC 52 clipboard write is removed", in: "x\x1b]52;c;cm0gLXJmIH4=\x07y", want: "xy"},
		{name: "OSC 52 clipboard read is removed", in: "x\x1b]52;c;?\x1b\\y", want: "xy"},
		{name: "OSC unterminated swallows the rest", in: "before\x1b]0;title that never ends\nand more", want: "before"},
		{name: "OSC cancelled by CAN", in: "\x1b]0;abc\x18visible", want: "visible"},
		{name: "OSC cancelled by SUB", in: "\x1b]0;abc\x1avisible", want: "visible"},
		{name: "OSC ended by another ESC sequence", in: "\x1b]0;abc\x1b[31mvisible", want: "visible"},
		{name: "DCS is removed", in: "\x1bP1$r0m\x1b\\after", want: "after"},
		{name: "DCS unterminated swallows the rest", in: "a\x1bPq#0;2;0;0;0#0~~", want: "a"},
		{name: "APC PM SOS are removed", in: "\x1b_apc\x1b\\a\x1b^pm\x1b\\b\x1bXsos\x1b\\c", want: "abc"},
		{name: "APC unterminated swallows the rest", in: "a\x1b_Gf=100;AAAA", want: "a"},
		{name: "two-byte escapes are removed", in: "\x1bcreset\x1b7saved\x1b=\x1bM", want: "resetsaved"},
		{name: "nF escapes are removed", in: "\x1b(Bascii\x1b#8\x1b %G", want: "ascii"},
		{name: "lone ESC at the end is removed", in: "a\x1b", want: "a"},
		{name: "ESC before text is removed alone", in: "a\x1b\u00e9b", want: "aéb"},
		{name: "ESC ESC starts one sequence", in: "\x1b\x1b[31mx", want: "x"},
		{name: "ESC before 8-bit CSI", in: "\x1b\u009b2Jx", want: "x"},
		{name: "sequences in titles are removed", in: "\x1b[31mred\x1b[0m\x1b]0;t\x07", want: "red", line: true},

		// Bidi overrides and isolates, everywhere.
		{name: "bidi overrides are removed from bodies", in: "a\u202ab\u202bc\u202cd\u202de\u202ef", want: "abcdef"},
		{name: "bidi isolates are removed from bodies", in: "a\u2066b\u2067c\u2068d\u2069e", want: "abcde"},
		{name: "RLO cannot reverse a file name in a title", in: "invoice\u202efdp.exe", want: "invoicefdp.exe", line: true},
		{name: "bidi marks stay", in: "abc\u200e\u200fdef", want: "abc\u200e\u200fdef"},

		// Invisible characters: removed from single-line fields (titles, tags,
		// paths), kept in bodies, where they separate words and carry no risk.
		{name: "invisibles are removed from titles", in: "zero\u200bwidth\u2060joiner\ufeffbom", want: "zerowidthjoinerbom", line: true},
		{name: "invisibles are kept in bodies", in: "a\u200bb\u2060c\ufeffd", want: "a\u200bb\u2060c\ufeffd"},
		{name: "ZWJ emoji sequence stays in titles", in: "ZWJ 👩\u200d💻 and 👨\u200d👩\u200d👧", want: "ZWJ 👩\u200d💻 and 👨\u200d👩\u200d👧", line: true},
		{name: "ZWNJ stays in Persian titles", in: "می\u200cخواهم", want: "می\u200cخواهم", line: true},
		{name: "ZWJ and ZWNJ stay in bodies", in: "👩\u200d💻 می\u200cخواهم", want: "👩\u200d💻 می\u200cخواهم"},

		// Invalid UTF-8 is repaired.
		{name: "invalid bytes become U+FFFD", in: "a\xffb\xc3", want: "a\ufffdb\ufffd"},
		{name: "raw 8-bit C1 bytes become U+FFFD", in: "\x9b2J\x9d0;t\x9c", want: "\ufffd2J\ufffd0;t\ufffd"},
		{name: "overlong ESC is not an ESC", in: "\xc0\x9b[31m", want: "\ufffd\ufffd[31m"},
		{name: "surrogate half is invalid", in: "\xed\xa0\x80x", want: "\ufffd\ufffd\ufffdx"},
		{name: "ESC inside a broken rune", in: "\xe2\x1b[31m", want: "\ufffd"},
		{name: "removed sequence cannot join broken halves", in: "\xc2\x1b[m\x9b", want: "\ufffd\ufffd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, fname := Sanitize, "Sanitize"
			if tc.line {
				f, fname = SanitizeLine, "SanitizeLine"
			}
			got := f(tc.in)
			if got != tc.want {
				t.Errorf("%s(%q) = %q, want %q", fname, tc.in, got, tc.want)
			}
			checkSanitized(t, fname, got, tc.line)
			if again := f(got); again != got {
				t.Errorf("not idempotent: %q → %q", got, again)
			}
		})
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
		checkSanitized(t, "Filter", Filter(s, NoInvisible, ' '), true)
		checkSanitized(t, "OneLine", OneLine(s), true)
	})
}

func TestPrintable8(t *testing.T) {
	for c := range 256 {
		for k := range 8 {
			b := []byte("abcdefgh")
			b[k] = byte(c)
			if got, want := printable8(string(b)), c >= 0x20 && c <= 0x7e; got != want || got && !Printable(rune(c), 0) {
				t.Errorf("printable8 with %#x at %d = %v", c, k, got)
			}
		}
	}
}

func TestOneLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Plain title", "Plain title"},
		{"  padded\t title \n", "padded title"},
		{"no-break\u00a0\u00a0spaces\u2003and  runs", "no-break spaces and runs"},
		{"line\nbreaks\r\nand\x1b[31m colour", "line breaks and colour"},
		{"zero\u200bwidth \u202ereversed", "zerowidth reversed"},
		{"\u3000", ""},
	} {
		if got := OneLine(tc.in); got != tc.want {
			t.Errorf("OneLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkSanitize(b *testing.B) {
	clean := benchBody()
	dirty := strings.ReplaceAll(clean, "council", "\x1b[1mcouncil\x1b[0m\t")
	for _, tc := range []struct{ name, text string }{{"clean", clean}, {"dirty", dirty}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			for b.Loop() {
				Sanitize(tc.text)
			}
		})
	}
}

// benchBody is an article's body of about 5 KB, in the words of data's
// benchmark collection: paragraphs of mostly ASCII words, one line with
// no-break spaces.
func benchBody() string {
	words := strings.Fields("harbour council market river science école budget festival railway storm garden museum energy Łódź minister report weather")
	r := rand.New(rand.NewPCG(2, 42))
	var b strings.Builder
	b.WriteString("\u00a015 July 2021\u00a0\u00a0\u00a0\u00a0 Read: 42\n\n")
	for range 9 {
		for range 70 {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		b.WriteString(".\n\n")
	}
	return b.String()
}
