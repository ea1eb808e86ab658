// TestParses is an external test: it checks the files through newsline's
// own parser and the exported API only, as a benchmark would use them.
package newsgen_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/internal/newsgen"
	"github.com/newsline/newsline/model"
)

func TestParses(t *testing.T) {
	const n = 200
	c := newsgen.Config{N: n, Seed: 3, Out: t.TempDir()}
	if _, err := newsgen.Write(c, 0); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(c.Out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != n {
		t.Fatalf("%d files, want %d", len(entries), n)
	}
	var (
		size                  int
		newest                model.Article
		noReads, tagsForm     int
		accented, cjk, rtl    bool
		dateForms             = map[string]bool{}
		paragraphs, maxParagr = 0, 0
	)
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("%06d.txt", i)
		b, err := os.ReadFile(filepath.Join(c.Out, name))
		if err != nil {
			t.Fatal(err)
		}
		size += len(b)
		if !utf8.Valid(b) || bytes.HasSuffix(b, []byte("\n")) || !bytes.HasSuffix(b, []byte("\n\nNews Line")) {
			t.Fatalf("%s: invalid UTF-8, a final newline or no footer", name)
		}
		arts, probs, err := data.ParseText(name, string(b))
		if err != nil || len(probs) > 0 || len(arts) != 1 {
			t.Fatalf("%s: %d articles, problems %v, error %v", name, len(arts), probs, err)
		}
		a := arts[0]
		_, want := newsgen.Article(c.Seed, i)
		wantReads := want.Reads
		if wantReads < 0 {
			wantReads = model.NoReads
			noReads++
		}
		if a.Title != want.Title || !a.Date.Equal(want.Date) || a.Reads != wantReads || !slices.Equal(a.Tags, want.Tags) {
			t.Errorf("%s: parsed %q %v %d %q\nwant           %q %v %d %q", name,
				a.Title, a.Date, a.Reads, a.Tags, want.Title, want.Date, want.Reads, want.Tags)
		}
		if a.Title == "" || !a.HasDate() || len(a.Tags) < 1 || len(a.Tags) > 5 || a.Body == "" {
			t.Errorf("%s: title %q, date %v, tags %q, body of %d bytes", name, a.Title, a.Date, a.Tags, len(a.Body))
		}
		if strings.Contains(a.Body, "News Line") || strings.Contains(a.Body, "More about") || strings.HasPrefix(a.Body, a.Title) {
			t.Errorf("%s: the body holds the footer, the tag line or the title", name)
		}
		if i == 1 {
			newest = a
		} else if !a.Date.Before(newest.Date) {
			t.Errorf("%s dated %v, not before article 1 (%v)", name, a.Date, newest.Date)
		}
		if bytes.Contains(b, []byte("\nTags: #")) {
			tagsForm++
		}
		date, _, _ := strings.Cut(strings.SplitN(string(b), "\n", 4)[2], "\u00a0\u00a0")
		switch {
		case strings.Contains(date, ":"):
			dateForms["with time"] = true
		case strings.Contains(date, ","):
			dateForms["us"] = true
		default:
			dateForms["long"] = true
		}
		p := strings.Count(a.Body, "\n\n") + 1
		paragraphs += p
		maxParagr = max(maxParagr, p)
		for _, r := range a.Body {
			switch {
			case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
				cjk = true
			case unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Hebrew, r):
				rtl = true
			case unicode.Is(unicode.Latin, r) && r > 0x7f:
				accented = true
			}
		}
	}
	if mean := size / n; mean < 4500 || mean > 7000 {
		t.Errorf("mean article size %d bytes, want about 5.5 KB", mean)
	}
	if mean := float64(paragraphs) / n; mean < 7 || mean > 11 || maxParagr > 15 {
		t.Errorf("%.1f paragraphs on average, at most %d; want 3–15", mean, maxParagr)
	}
	if noReads == 0 || noReads > n/4 || tagsForm == 0 || tagsForm > n/4 || len(dateForms) != 3 {
		t.Errorf("%d articles without reads, %d with Tags:, date forms %v: want some of each", noReads, tagsForm, dateForms)
	}
	if !accented || !cjk || !rtl {
		t.Errorf("accented Latin %v, CJK %v, Arabic or Hebrew %v: want all", accented, cjk, rtl)
	}
}
