package page

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
)

// publishedKeys are the <meta> names that state when an article was
// published, most specific first. Modification dates are not among them:
// a modified date is not a published date.
var publishedKeys = []string{
	"article:published_time", "og:article:published_time", "datepublished",
	"dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created", "dcterms.date",
	"dc.date", "dcterms.available", "citation_publication_date", "citation_date",
	"parsely-pub-date", "sailthru.date", "article.published", "publish-date", "publish_date",
	"publishdate", "pubdate", "originalpublicationdate", "weibo:article:create_at", "date",
}

// published is when the page says its article was published: JSON-LD's
// datePublished (article objects first), the published-time meta tags,
// a <time> marked as the publication's, a lone <time> in the article,
// then a date in the address's path. Zero when none states it.
func (m *meta) published(pageURL string) time.Time {
	if t := parseDate(m.ldField("datePublished", false)); !t.IsZero() {
		return t
	}
	for _, k := range publishedKeys {
		if t := parseDate(m.tags[k]); !t.IsZero() {
			return t
		}
	}
	if t := m.timeElement(); !t.IsZero() {
		return t
	}
	return urlDate(pageURL)
}

// timeElement is the date of a <time> marked as the publication's, else
// of the first <time> in the article, else of the page's only <time>.
func (m *meta) timeElement() time.Time {
	for _, tt := range m.times {
		if tt.published {
			if t := parseDate(tt.datetime); !t.IsZero() {
				return t
			}
		}
	}
	for _, tt := range m.times {
		if tt.inArticle {
			return parseDate(tt.datetime)
		}
	}
	if len(m.times) == 1 {
		return parseDate(m.times[0].datetime)
	}
	return time.Time{}
}

// parseDate reads a stated date, zero when it is not one: ISO 8601 and
// the other unambiguous forms dateparse knows (a date like 03/04/2013 is
// refused rather than guessed), between 1990 and 2200.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t, err = dateparse.ParseStrict(s, dateparse.RetryAmbiguousDateWithSwap(false))
	}
	if err != nil || t.Year() < 1990 || t.Year() >= 2200 {
		return time.Time{}
	}
	return t
}

// urlDatePatterns find a date in an address's path: /2013/11/27/,
// /2013-11-27/ (or -slug), and 20131127 as a path segment or its start.
var urlDatePatterns = []*regexp.Regexp{
	regexp.MustCompile(`/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)`),
	regexp.MustCompile(`/((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`),
	regexp.MustCompile(`/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`),
}

// urlDate is the date in a page address's path, zero when it holds none.
func urlDate(pageURL string) time.Time {
	u, err := url.Parse(pageURL)
	if err != nil {
		return time.Time{}
	}
	for _, rx := range urlDatePatterns {
		if m := rx.FindStringSubmatch(u.EscapedPath()); m != nil {
			if t, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3]); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}
