package page

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/newsline/newsline/data/feed"
	"github.com/newsline/newsline/model"
)

// Article is the readable article of a web page. Every string is
// sanitized for a terminal: the one-line fields by model.OneLine,
// Markdown by model.Sanitize.
type Article struct {
	Title  string
	Byline string // the author(s), as the page states them
	Site   string // the site's name
	Lang   string // the page's language, as it declares it (en, pt-BR …)
	URL    string // the page's address: as given to Extract, else its canonical link
	// Published is when the page says the article was published; zero
	// when it does not say (never invented).
	Published time.Time
	// Markdown is the article's body.
	Markdown string
	// Charset is the character set the page was read in; CharsetGuessed
	// says the page did not declare it (and Windows-1252 was assumed for
	// bytes that are not UTF-8).
	Charset        string
	CharsetGuessed bool
}

// ErrNoArticle is Extract's error for a page with no readable article (a
// login form, an index of links, an empty page).
var ErrNoArticle = errors.New("no readable article on the page")

// MaxSize is the largest page Extract reads, in bytes: articles with
// their markup are well under it (a long one is about 2 MB), and past it
// extraction would take seconds and much memory.
const MaxSize = 10 << 20

// MaxDepth is the deepest nesting of elements Extract reads, as
// golang.org/x/net/html's parser allows: deeper pages are refused before
// Readability's recursive walks.
const MaxDepth = 512

// ErrTooLarge is Extract's error for a page over MaxSize bytes, and
// ErrTooDeep for one nested deeper than MaxDepth.
var (
	ErrTooLarge = errors.New("page too large to read as an article")
	ErrTooDeep  = errors.New("page nested too deeply to read as an article")
)

// Extract reads the article of a web page: body is the page as fetched,
// contentType the HTTP Content-Type header ("" for a file), pageURL its
// address (links and images are resolved against it; "" for a file, whose
// canonical link or og:url then stands for it). It
// never follows anything the page points to (a <meta refresh>, images).
func Extract(body []byte, contentType, pageURL string) (Article, error) {
	if len(body) > MaxSize {
		return Article{}, fmt.Errorf("%w (%d MB, over %d MB)", ErrTooLarge, len(body)>>20, MaxSize>>20)
	}
	d := decode(body, contentType)
	doc, err := html.Parse(bytes.NewReader(d.text))
	if err != nil {
		if strings.Contains(err.Error(), "open stack") {
			return Article{}, fmt.Errorf("%w (over %d levels)", ErrTooDeep, MaxDepth)
		}
		return Article{}, fmt.Errorf("parsing the page: %w", err)
	}
	if depth(doc) > MaxDepth {
		return Article{}, fmt.Errorf("%w (over %d levels)", ErrTooDeep, MaxDepth)
	}
	m := readMeta(doc)
	if pageURL == "" { // a file: the address the page gives itself
		pageURL = m.address()
	}
	base, _ := url.Parse(pageURL)
	prepare(doc)
	p := readability.NewParser()
	p.KeepClasses = true // for trim's rules; the Markdown has no classes
	ra, err := p.ParseAndMutate(doc, base)
	if err != nil || ra.Node == nil {
		return Article{}, ErrNoArticle
	}
	site := m.site(ra.SiteName())
	title := m.title(site, pageURL, ra.Title())
	trim(ra.Node, title)
	if letters(textOf(ra.Node)) < minLetters {
		return Article{}, ErrNoArticle
	}
	md := feed.NodeToMarkdown(ra.Node, pageURL)
	return Article{
		Title:          model.OneLine(title),
		Byline:         model.OneLine(m.byline(ra.Byline())),
		Site:           model.OneLine(site),
		Lang:           model.OneLine(m.lang(ra.Language())),
		URL:            model.OneLine(pageURL),
		Published:      m.published(pageURL),
		Markdown:       md,
		Charset:        d.charset,
		CharsetGuessed: d.guessed,
	}, nil
}

// minLetters is the fewest letters an article has: less is a notice ("This
// page has moved"), a consent wall or an empty page. A short article in
// Chinese or Japanese has a few hundred.
const minLetters = 80

// letters counts the letters and digits in s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// depth is the deepest nesting of elements below n, measured without
// recursion.
func depth(n *html.Node) int {
	deepest, d := 0, 0
	for c := n; c != nil; {
		switch {
		case c.FirstChild != nil:
			c, d = c.FirstChild, d+1
			deepest = max(deepest, d)
			continue
		case c == n:
			return deepest
		}
		for c.NextSibling == nil {
			c, d = c.Parent, d-1
			if c == n || c == nil {
				return deepest
			}
		}
		c = c.NextSibling
	}
	return deepest
}

// File renders a as a newsline article file saved at saved: YAML front
// matter (title, date when the page states it, author, url, source, lang,
// tags, saved) and the Markdown body.
func File(a Article, tags []string, saved time.Time) ([]byte, error) {
	fm := feed.FrontMatter{
		Title:  a.Title,
		Author: a.Byline,
		URL:    a.URL,
		Source: a.Site,
		Lang:   a.Lang,
		Tags:   feed.MergeTags(tags),
		Saved:  saved.UTC().Format(time.RFC3339),
	}
	if fm.Title == "" {
		fm.Title = "Untitled"
	}
	if !a.Published.IsZero() {
		fm.Date = a.Published.UTC().Format(time.RFC3339)
	}
	return feed.File(fm, a.Markdown)
}
