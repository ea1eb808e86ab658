package page

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

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
	URL    string // the page's address, as given to Extract
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

// Extract reads the article of a web page: body is the page as fetched,
// contentType the HTTP Content-Type header ("" for a file), pageURL its
// address (links and images are resolved against it; "" for none).
func Extract(body []byte, contentType, pageURL string) (Article, error) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	text, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return Article{}, fmt.Errorf("reading the page as %s: %w", name, err)
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return Article{}, fmt.Errorf("parsing the page: %w", err)
	}
	base, _ := url.Parse(pageURL)
	p := readability.NewParser()
	ra, err := p.ParseDocument(doc, base)
	if err != nil || ra.Node == nil {
		return Article{}, ErrNoArticle
	}
	var b strings.Builder
	if err := ra.RenderHTML(&b); err != nil {
		return Article{}, fmt.Errorf("rendering the article: %w", err)
	}
	md := feed.HTMLToMarkdown(b.String(), pageURL)
	if strings.TrimSpace(md) == "" {
		return Article{}, ErrNoArticle
	}
	a := Article{
		Title:          model.OneLine(ra.Title()),
		Byline:         model.OneLine(ra.Byline()),
		Site:           model.OneLine(ra.SiteName()),
		Lang:           model.OneLine(ra.Language()),
		URL:            pageURL,
		Markdown:       md,
		Charset:        name,
		CharsetGuessed: !certain && name != "utf-8",
	}
	if t, err := ra.PublishedTime(); err == nil {
		a.Published = t
	}
	return a, nil
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
