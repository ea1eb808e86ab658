package page

import (
	"encoding/json"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what a page says about its article outside the article's text,
// gathered in one walk of the document before Readability changes it.
type meta struct {
	tags      map[string]string // <meta> content by lower-case name, property or itemprop; the first wins
	ld        []map[string]any  // JSON-LD objects, @graph and arrays flattened
	titleText string            // the <title>'s text
	h1s       []string          // the <h1>s' text
	times     []timeTag         // the <time datetime> elements
	canonical string            // the first <link rel="canonical">'s href
}

// timeTag is one <time> element's datetime and where it stands.
type timeTag struct {
	datetime  string
	published bool // pubdate, itemprop="datePublished", or a class naming publication
	inArticle bool // inside an <article> or <main>
}

// readMeta walks doc once for its meta tags, JSON-LD, title, headlines
// and times.
func readMeta(doc *html.Node) meta {
	m := meta{tags: map[string]string{}}
	m.walk(doc, false)
	return m
}

// walk gathers from n and its descendants; inArticle says an <article>
// or <main> encloses n. Depth is bounded by Extract before this runs.
func (m *meta) walk(n *html.Node, inArticle bool) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Meta:
			m.addMeta(n)
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				m.addJSONLD(textOf(n))
			}
			return
		case atom.Title:
			if m.titleText == "" && n.Namespace == "" {
				m.titleText = squash(textOf(n))
			}
			return
		case atom.H1:
			m.h1s = append(m.h1s, squash(textOf(n)))
		case atom.Time:
			m.addTime(n, inArticle)
		case atom.Link:
			if m.canonical == "" && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Article, atom.Main:
			inArticle = true
		}
		if attr(n, "itemprop") != "" && attr(n, "content") != "" {
			m.addMeta(n) // <span itemprop="datePublished" content="…">
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.walk(c, inArticle)
	}
}

// addMeta records a <meta>'s (or microdata element's) content under each
// of its names.
func (m *meta) addMeta(n *html.Node) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	for _, k := range []string{"name", "property", "itemprop", "http-equiv"} {
		for key := range strings.FieldsSeq(strings.ToLower(attr(n, k))) {
			if _, ok := m.tags[key]; !ok {
				m.tags[key] = content
			}
		}
	}
}

// addTime records a <time> element with a datetime.
func (m *meta) addTime(n *html.Node, inArticle bool) {
	dt := strings.TrimSpace(attr(n, "datetime"))
	if dt == "" {
		return
	}
	_, pubdate := attrOK(n, "pubdate")
	cls := strings.ToLower(attr(n, "class"))
	published := pubdate || strings.EqualFold(attr(n, "itemprop"), "datePublished") ||
		strings.Contains(cls, "publish") || strings.Contains(cls, "pubdate")
	if strings.Contains(cls, "update") || strings.Contains(cls, "modif") {
		published = false
	}
	m.times = append(m.times, timeTag{datetime: dt, published: published, inArticle: inArticle})
}

// addJSONLD decodes one JSON-LD script and records its objects.
func (m *meta) addJSONLD(src string) {
	src = strings.TrimSpace(src)
	src = strings.TrimSuffix(strings.TrimPrefix(src, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return
	}
	m.flattenLD(v, 0)
}

// flattenLD adds the objects of a JSON-LD value: arrays and @graph lists
// are opened, a few levels deep at most.
func (m *meta) flattenLD(v any, depth int) {
	if depth > 4 || len(m.ld) > 100 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			m.flattenLD(x, depth+1)
		}
	case map[string]any:
		m.ld = append(m.ld, v)
		if g, ok := v["@graph"]; ok {
			m.flattenLD(g, depth+1)
		}
	}
}

// attr is n's attribute key ("" when it has none).
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

// attrOK is n's attribute key and whether n has it.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the text below n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// squash collapses runs of white space to one space and trims.
func squash(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// address is the page's own address, for a page read from a file: its
// canonical link, else og:url, when that is an absolute http(s) address;
// "" when it states none.
func (m *meta) address() string {
	for _, ref := range []string{m.canonical, m.tags["og:url"]} {
		if u, err := url.Parse(ref); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}
