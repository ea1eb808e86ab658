package library

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// FuzzSafeName: whatever a feed's title holds, the name is one safe file
// name — no separator, not hidden, not "." or "..", printable, valid
// UTF-8, at most MaxName bytes — and making it safe again changes nothing.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"2026-03-12-harbour.md", "../../etc/passwd", "..", ".bashrc", "CON.md", "a\x1b[31mb", "\u202eexe.md",
		strings.Repeat("é", 150) + ".md", strings.Repeat("a", 300) + "." + strings.Repeat("b", 20), "a\\b:c*d?e.md", " . x . "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := SafeName(in)
		if s == "" {
			return
		}
		if len(s) > MaxName || !utf8.ValidString(s) || strings.ContainsAny(s, `/\<>:"|?*`) || strings.HasPrefix(s, ".") ||
			strings.HasSuffix(s, ".") || strings.HasSuffix(s, " ") || strings.HasPrefix(s, " ") || IsTemp(s) || reserved(s) {
			t.Fatalf("SafeName(%q) = %q is not safe", in, s)
		}
		for _, r := range s {
			if !model.Printable(r, model.NoInvisible|model.NoSeparator|model.VisibleOnly) {
				t.Fatalf("SafeName(%q) = %q holds %U", in, s, r)
			}
		}
		if again := SafeName(s); again != s {
			t.Fatalf("SafeName(%q) = %q, and again %q", in, s, again)
		}
	})
}
