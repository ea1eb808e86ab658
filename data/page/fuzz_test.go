package page

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsline/newsline/model"
)

// FuzzExtract checks that no page makes Extract panic and that what it
// returns is safe for a terminal: the body sanitized, the one-line fields
// on one line.
func FuzzExtract(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html", "https://fuzz.example/2024/01/02/page")
	}
	f.Add([]byte(page("<title>T\x1b[2J</title>", "<article>"+story+"</article>")), "text/html; charset=shift_jis", "")
	f.Fuzz(func(t *testing.T, body []byte, contentType, pageURL string) {
		a, err := Extract(body, contentType, pageURL)
		if err != nil {
			return
		}
		if model.Sanitize(a.Markdown) != a.Markdown {
			t.Errorf("body not sanitized: %q", a.Markdown)
		}
		for _, s := range []string{a.Title, a.Byline, a.Site, a.Lang, a.URL} {
			if model.OneLine(s) != s || strings.Contains(s, "\n") {
				t.Errorf("field not one sanitized line: %q", s)
			}
		}
	})
}
