package page

import (
	"net/url"
	"regexp"
	"strings"
)

// bylineKeys are the <meta> names that state an article's author.
var bylineKeys = []string{"author", "dc.creator", "dcterms.creator", "article:author",
	"parsely-author", "sailthru.author", "byl", "citation_author"}

// byline is who wrote the article: JSON-LD's author, the author meta
// tags (not an address, as article:author often is), else fallback
// (Readability's, from the page's byline element), without a leading
// "By".
func (m *meta) byline(fallback string) string {
	b := m.ldField("author", true)
	for _, k := range bylineKeys {
		if b != "" {
			break
		}
		if v := squash(m.tags[k]); v != "" && !isAddress(v) {
			b = v
		}
	}
	if b == "" {
		b = squash(fallback)
	}
	return byPrefix.ReplaceAllString(b, "")
}

// byPrefix is a byline's leading "By ".
var byPrefix = regexp.MustCompile(`^(?i)by:?\s+`)

// site is the site's name: og:site_name, JSON-LD's publisher, the
// application-name meta tag, else fallback (Readability's).
func (m *meta) site(fallback string) string {
	for _, s := range []string{m.tags["og:site_name"], m.ldField("publisher", false),
		m.tags["application-name"], m.tags["twitter:site"], fallback} {
		if s = squash(s); s != "" && !isAddress(s) && !strings.HasPrefix(s, "@") {
			return s
		}
	}
	return ""
}

// lang is the page's language: the <html lang> Readability read (given
// as fallback), else the content-language, og:locale or JSON-LD's
// inLanguage.
func (m *meta) lang(fallback string) string {
	for _, s := range []string{fallback, m.tags["content-language"], m.ldField("inLanguage", false), m.tags["og:locale"]} {
		if s = strings.TrimSpace(s); s != "" {
			return strings.ReplaceAll(s, "_", "-")
		}
	}
	return ""
}

// isAddress reports whether s is a web address rather than a name.
func isAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
