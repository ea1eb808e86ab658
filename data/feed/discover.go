package feed

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Alternate is a feed a web page links to.
type Alternate struct {
	URL   string // absolute, http or https
	Type  string // application/rss+xml, application/atom+xml or application/feed+json
	Title string // the link's title attribute, one line, sanitized
}

// feedTypes are the media types of feeds autodiscovery looks for.
var feedTypes = []string{"application/rss+xml", "application/atom+xml", "application/feed+json"}

// Discover finds the feeds an HTML page links to with <link
// rel="alternate" type="…" href="…">, in the order of the page, each once;
// relative addresses are resolved against the page's <base href>, else
// pageURL. Links to addresses that are not http or https are left out.
func Discover(page []byte, pageURL string) []Alternate {
	base, _ := url.Parse(strings.TrimSpace(pageURL))
	var out []Alternate
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if !hasAttr {
				continue
			}
			attrs := attributes(z)
			switch string(name) {
			case "base":
				if u, ok := webURL(attrs["href"], base); ok {
					base, _ = url.Parse(u)
				}
			case "link":
				if a, ok := alternate(attrs, base); ok && !slices.ContainsFunc(out, func(o Alternate) bool { return o.URL == a.URL }) {
					out = append(out, a)
				}
			}
		}
	}
}

// attributes reads the attributes of the tag z is at, names in lower
// case, the first of a name winning.
func attributes(z *html.Tokenizer) map[string]string {
	m := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		if _, dup := m[string(k)]; !dup {
			m[string(k)] = string(v)
		}
		if !more {
			return m
		}
	}
}

// alternate reads a <link>'s attributes as a feed, when it is one.
func alternate(attrs map[string]string, base *url.URL) (Alternate, bool) {
	if !slices.Contains(strings.Fields(strings.ToLower(attrs["rel"])), "alternate") {
		return Alternate{}, false
	}
	typ, _, _ := strings.Cut(strings.ToLower(attrs["type"]), ";")
	typ = strings.TrimSpace(typ)
	if !slices.Contains(feedTypes, typ) {
		return Alternate{}, false
	}
	u, ok := webURL(attrs["href"], base)
	if !ok {
		return Alternate{}, false
	}
	return Alternate{URL: u, Type: typ, Title: oneLine(attrs["title"])}, true
}
