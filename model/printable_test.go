package model

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestPrintable has the boundaries of every range Printable refuses, and
// what each Rule adds, written out rather than computed.
func TestPrintable(t *testing.T) {
	const all = KeepNewline | NoInvisible | NoSeparator | VisibleOnly
	for _, tc := range []struct {
		r    rune
		want map[Rule]bool // by rule; rules not listed: the zero rule's answer
		base bool          // the zero rule's answer
	}{
		{r: 'a', base: true, want: map[Rule]bool{all: true}},
		{r: ' ', base: true, want: map[Rule]bool{VisibleOnly: true}},
		{r: '~', base: true},
		{r: 0, base: false},
		{r: '\t', base: false, want: map[Rule]bool{KeepNewline: false}},
		{r: '\n', base: false, want: map[Rule]bool{KeepNewline: true, all: true, NoInvisible: false}},
		{r: '\r', base: false, want: map[Rule]bool{KeepNewline: false}},
		{r: 0x1b, base: false},
		{r: 0x1f, base: false},
		{r: 0x7f, base: false},
		{r: 0x80, base: false},
		{r: 0x9b, base: false},
		{r: 0x9f, base: false},
		{r: 0xa0, base: true, want: map[Rule]bool{VisibleOnly: false, NoInvisible: true}},
		{r: 'é', base: true, want: map[Rule]bool{all: true}},
		{r: '東', base: true, want: map[Rule]bool{all: true}},
		{r: 0x200b, base: true, want: map[Rule]bool{NoInvisible: false, VisibleOnly: false, NoSeparator: true}},
		{r: 0x200c, base: true, want: map[Rule]bool{NoInvisible: true, VisibleOnly: false}},
		{r: 0x200d, base: true, want: map[Rule]bool{NoInvisible: true, VisibleOnly: false}},
		{r: 0x200e, base: true, want: map[Rule]bool{NoInvisible: true, VisibleOnly: false}},
		{r: 0x2028, base: true, want: map[Rule]bool{NoSeparator: false, NoInvisible: true, VisibleOnly: false}},
		{r: 0x2029, base: true, want: map[Rule]bool{NoSeparator: false}},
		{r: 0x2027, base: true},
		{r: 0x202a, base: false},
		{r: 0x202e, base: false, want: map[Rule]bool{KeepNewline: false}},
		{r: 0x202f, base: true, want: map[Rule]bool{VisibleOnly: false}},
		{r: 0x2060, base: true, want: map[Rule]bool{NoInvisible: false, NoSeparator: true}},
		{r: 0x2065, base: true},
		{r: 0x2066, base: false},
		{r: 0x2069, base: false},
		{r: 0x206a, base: true},
		{r: 0x3000, base: true, want: map[Rule]bool{VisibleOnly: false}},
		{r: 0xfeff, base: true, want: map[Rule]bool{NoInvisible: false, VisibleOnly: false}},
		{r: 0xfffd, base: true, want: map[Rule]bool{all: true}},
		{r: 0xe000, base: true, want: map[Rule]bool{VisibleOnly: false}}, // private use
		{r: -1, base: false},
	} {
		if got := Printable(tc.r, 0); got != tc.base {
			t.Errorf("Printable(%U, 0) = %v, want %v", tc.r, got, tc.base)
		}
		for rule, want := range tc.want {
			if got := Printable(tc.r, rule); got != want {
				t.Errorf("Printable(%U, %b) = %v, want %v", tc.r, rule, got, want)
			}
		}
	}
}

// TestPrintableControls: no rule lets a control character through but
// KeepNewline's newline, and no rule lets a bidi control through.
func TestPrintableControls(t *testing.T) {
	for rule := range Rule(16) {
		for r := rune(0); r < 0x2100; r++ {
			control := r < 0x20 || r >= 0x7f && r <= 0x9f
			bidi := r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
			if Printable(r, rule) && (control && (r != '\n' || rule&KeepNewline == 0) || bidi) {
				t.Errorf("Printable(%U, %b) = true", r, rule)
			}
			if r >= 0x20 && r < 0x7f && !Printable(r, rule) {
				t.Errorf("Printable(%U, %b) = false for printable ASCII", r, rule)
			}
		}
	}
}

func TestFilter(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		rule     Rule
		repl     rune
		want     string
	}{
		{"clean text is kept", "Łódź, 東京 – ok", 0, ' ', "Łódź, 東京 – ok"},
		{"controls become spaces, one for one", "a\nb\x1b[31mc\td", 0, ' ', "a b [31mc d"},
		{"bidi controls become spaces", "invoice\u202efdp.exe", 0, ' ', "invoice fdp.exe"},
		{"invalid bytes become U+FFFD each", "a\xff\xfeb", 0, ' ', "a\ufffd\ufffdb"},
		{"separators go with NoSeparator", "a\u2028b\u2029c", NoSeparator, ' ', "a b c"},
		{"separators stay otherwise", "a\u2028b", 0, ' ', "a\u2028b"},
		{"removed with a negative repl", "a\x07b\u2066c\nd", KeepNewline, -1, "abc\nd"},
		{"visible only", "2006\x1b[2J-01\u202e-02\t\u200b\u00a0x y", VisibleOnly, -1, "2006[2J-01-02x y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Filter(tc.in, tc.rule, tc.repl); got != tc.want {
				t.Errorf("Filter(%q, %b, %q) = %q, want %q", tc.in, tc.rule, tc.repl, got, tc.want)
			}
		})
	}
}

func TestFilterCleanDoesNotAllocate(t *testing.T) {
	clean := strings.Repeat("A clean label, “quoted”, é 東京. ", 20)
	if n := testing.AllocsPerRun(100, func() { Filter(clean, 0, ' ') }); n != 0 {
		t.Errorf("Filter of clean text: %v allocations", n)
	}
}

// TestSanitizeKeepsWhatIsPrintable: Sanitize and SanitizeLine, which inline
// Printable in their loops, keep a character exactly when Printable lets it
// through under their rules.
func TestSanitizeKeepsWhatIsPrintable(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if got, want := Sanitize(s) == s, Printable(r, KeepNewline); got != want {
			t.Errorf("Sanitize keeps %U: %v, Printable(KeepNewline): %v", r, got, want)
		}
		if got, want := SanitizeLine(s) == s, Printable(r, NoInvisible); got != want {
			t.Errorf("SanitizeLine keeps %U: %v, Printable(NoInvisible): %v", r, got, want)
		}
	}
}
