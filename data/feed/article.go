package feed

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/newsline/newsline/model"
)

// Key is an item's identity within its feed: its GUID, else its link,
// else its title and date. Two fetches of the same item give the same key.
func Key(it Item) string {
	switch {
	case it.GUID != "":
		return "guid:" + it.GUID
	case it.Link != "":
		return "link:" + it.Link
	}
	return "title:" + it.Title + "\x00" + it.Date().Format(time.RFC3339)
}

// Date is the item's date: when it was published, else updated (zero when
// the feed gives neither).
func (it Item) Date() time.Time {
	if !it.Published.IsZero() {
		return it.Published
	}
	return it.Updated
}

// maxSlug is the length of a file name's slug, in bytes.
const maxSlug = 80

// FileName is a safe name for the item's article file,
// <YYYY-MM-DD>-<slug>.md: the item's date (else fallback's), and its
// title folded to lower-case ASCII letters, digits and hyphens (else
// "item"), at most 80 bytes. It holds no separator, no "..", no control
// character; making it unique in its folder is the writer's part.
func FileName(it Item, fallback time.Time) string {
	d := it.Date()
	if d.IsZero() {
		d = fallback
	}
	return d.UTC().Format("2006-01-02") + "-" + Slug(it.Title) + ".md"
}

// Slug folds a title to a file-name part: folded as search folds it
// (model.Fold: lower case, accents removed, ł → l, only letters and
// digits), its words joined by hyphens, at most maxSlug bytes, "item"
// when nothing is left.
func Slug(title string) string {
	var b strings.Builder
	for _, w := range strings.Fields(model.Fold(title)) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		for _, r := range w {
			if b.Len()+utf8.RuneLen(r) > maxSlug {
				return cmp.Or(strings.TrimSuffix(b.String(), "-"), "item")
			}
			b.WriteRune(r)
		}
	}
	return cmp.Or(b.String(), "item")
}

// FrontMatter is the YAML front matter of an article file newsline
// writes (a feed's item, a saved page), in the order it is written.
type FrontMatter struct {
	Title  string   `yaml:"title"`
	Date   string   `yaml:"date,omitempty"`
	Author string   `yaml:"author,omitempty"`
	URL    string   `yaml:"url,omitempty"`
	Source string   `yaml:"source,omitempty"`
	Feed   string   `yaml:"feed,omitempty"`
	GUID   string   `yaml:"guid,omitempty"`
	Lang   string   `yaml:"lang,omitempty"`
	Tags   []string `yaml:"tags,omitempty"`
	Saved  string   `yaml:"saved,omitempty"`
}

// Article renders the article file of an item of feed f, fetched from
// feedURL: YAML front matter (title, date, author, url, source, feed,
// guid, tags: the item's categories, then tags) and the Markdown body
// (see Markdown). An item without a title is titled by the start of its
// text (see textTitle).
func Article(f *Feed, it Item, feedURL string, tags []string) ([]byte, error) {
	return File(itemFrontMatter(f, it, feedURL, tags), Markdown(it))
}

// itemFrontMatter is the front matter of an item's article file.
func itemFrontMatter(f *Feed, it Item, feedURL string, tags []string) FrontMatter {
	fm := FrontMatter{
		Title:  it.Title,
		Author: it.Author,
		URL:    it.Link,
		Feed:   feedURL,
		GUID:   it.GUID,
		Tags:   MergeTags(it.Categories, tags),
	}
	if f != nil {
		fm.Source = f.Title
	}
	if fm.Title == "" {
		fm.Title = textTitle(it)
	}
	if d := it.Date(); !d.IsZero() {
		fm.Date = d.UTC().Format(time.RFC3339)
	}
	return fm
}

// File renders an article file: the front matter fm, then the Markdown
// body.
func File(fm FrontMatter, body string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(fm); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	buf.WriteString("---\n\n")
	if body != "" {
		buf.WriteString(body)
		buf.WriteByte('\n')
	}
	return buf.Bytes(), nil
}

// MergeTags joins lists of tags, dropping empty ones and repeats (compared
// ignoring case).
func MergeTags(lists ...[]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lists {
		for _, t := range l {
			t = oneLine(t)
			if k := strings.ToLower(t); t != "" && !seen[k] {
				seen[k] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// maxTextTitle is the length, in runes, of a title taken from an item's
// text.
const maxTextTitle = 80

// textTitle titles an item that has none, as feed readers do for
// microblog feeds: the first words of its text (content, else summary),
// shortened to 80 runes, else "Untitled".
func textTitle(it Item) string {
	src := it.Content
	if strings.TrimSpace(src) == "" {
		src = it.Summary
	}
	var text strings.Builder
	z := html.NewTokenizer(strings.NewReader(src))
	for text.Len() < 4*maxTextTitle {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.TextToken {
			text.Write(z.Text())
			text.WriteByte(' ')
		}
	}
	t := oneLine(text.String())
	if t == "" {
		return "Untitled"
	}
	if r := []rune(t); len(r) > maxTextTitle {
		t = strings.TrimSpace(string(r[:maxTextTitle-1])) + "…"
	}
	return t
}
