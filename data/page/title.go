package page

import (
	"net/url"
	"strings"
	"unicode"
)

// titleSeparators part a <title>'s headline from the site's name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", " : ", ": "}

// title is the article's headline: JSON-LD's headline of the article,
// og:title, twitter:title or Dublin Core's title, without a "| Site"
// part; else the <h1> that agrees with the <title> (is the <title>, or
// one of its parts); else the <title> without the part naming the site;
// else fallback (Readability's choice).
//
// JSON-LD's headline and name count only where the <title> or an <h1>
// holds them (or the page has neither): some sites put a description
// there. Of the <h1>s that agree with the <title>, the longest is the
// headline (the later of two as long): a shorter one, or one before it, is
// the site's name over its menu.
func (m *meta) title(site, pageURL, fallback string) string {
	stated := []string{m.ldHeadline("headline"), m.tags["og:title"], m.tags["twitter:title"],
		m.tags["dc.title"], m.tags["dcterms.title"], m.ldHeadline("name")}
	for _, t := range stated {
		if t = squash(t); t != "" {
			return withoutSite(t, site, pageURL)
		}
	}
	headline := ""
	for _, h := range m.h1s {
		if h = strings.TrimRight(h, headerMarks); len(h) >= len(headline) && agrees(h, m.titleText) {
			headline = h
		}
	}
	if headline != "" {
		return headline
	}
	if m.titleText != "" {
		if t := withoutSite(m.titleText, site, pageURL); t != m.titleText {
			return t
		}
	}
	return fallback
}

// headerMarks are the marks documentation sites put after a heading as a
// link to it (¶, #, a link symbol), which are no part of it.
const headerMarks = " ¶#🔗§"

// ldHeadline is JSON-LD's field of the article when the page's <title> or
// one of its <h1>s holds it, or it has neither.
func (m *meta) ldHeadline(field string) string {
	t := squash(m.ldField(field, true))
	if t == "" || m.titleText == "" && len(m.h1s) == 0 {
		return t
	}
	f := foldName(t)
	for _, s := range append([]string{m.titleText}, m.h1s...) {
		if g := foldName(s); f != "" && strings.Contains(g, f) || g != "" && strings.Contains(f, g) {
			return t
		}
	}
	return ""
}

// agrees reports whether headline is the whole title or one of its parts
// around a separator.
func agrees(headline, title string) bool {
	if strings.EqualFold(headline, title) {
		return true
	}
	for _, sep := range titleSeparators {
		if strings.HasPrefix(title, headline+sep) || strings.HasSuffix(title, sep+headline) {
			return true
		}
	}
	return false
}

// withoutSite removes from a title its first or last part when that part
// names the site: its stated name or its host ("Gazette" for
// www.gazette.example).
func withoutSite(title, site, pageURL string) string {
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 && namesSite(title[i+len(sep):], site, pageURL) {
			return strings.TrimSpace(title[:i])
		}
		if i := strings.Index(title, sep); i > 0 && namesSite(title[:i], site, pageURL) {
			return strings.TrimSpace(title[i+len(sep):])
		}
	}
	return title
}

// namesSite reports whether part is the site's name or its host name.
func namesSite(part, site, pageURL string) bool {
	p := foldName(part)
	if p == "" {
		return false
	}
	if s := foldName(site); s != "" && (p == s || len(p) >= 3 && strings.HasPrefix(s, p) || len(s) >= 3 && strings.HasPrefix(p, s)) {
		return true
	}
	u, err := url.Parse(pageURL)
	if err != nil || u.Hostname() == "" {
		return false
	}
	for label := range strings.SplitSeq(strings.TrimPrefix(u.Hostname(), "www."), ".") {
		if len(label) > 2 && foldName(label) == p {
			return true
		}
	}
	return foldName(u.Hostname()) == p || foldName(strings.TrimPrefix(u.Hostname(), "www.")) == p
}

// foldName lower-cases a name and keeps only its letters and digits, so
// "The Estuary-Gazette" and "theestuarygazette" compare equal.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
