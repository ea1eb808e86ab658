package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/newsline/newsline/model"
)

// Feed is a parsed feed: its title and web page (sanitized one-line
// fields), and its items in the order the document gives them.
type Feed struct {
	Title string
	Link  string // the feed's web page, when it names one
	Items []Item
}

// Item is one entry of a feed. Times are UTC, zero when the feed gives
// none. The one-line fields (all but Content and Summary) are sanitized
// for a terminal and trimmed (model.OneLine). Content is HTML (or text) as
// the feed gives it, unsanitized; Summary is the description, used when
// there is no content.
type Item struct {
	Title      string
	Link       string
	GUID       string
	Published  time.Time
	Updated    time.Time
	Author     string
	Categories []string
	Content    string
	Summary    string
}

// ErrNotFeed is returned by Parse for a document that is not a feed of a
// kind it reads.
var ErrNotFeed = errors.New("not a feed (RSS, Atom or JSON Feed)")

// Parse reads a feed document. httpCharset is the charset the HTTP
// Content-Type names, or "": it is used when the document declares no
// encoding itself. A document that declares none and is not valid UTF-8
// is read as Windows-1252.
func Parse(b []byte, httpCharset string) (*Feed, error) {
	b, err := toUTF8(b, httpCharset)
	if err != nil {
		return nil, err
	}
	switch Sniff(b) {
	case KindEntry:
		b = wrapEntry(b)
	case KindJSON:
		b = fixJSONTags(b)
	case KindNone:
		return nil, ErrNotFeed
	}
	p := gofeed.NewParser()
	gf, err := p.Parse(bytes.NewReader(b))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, ErrNotFeed
		}
		return nil, fmt.Errorf("malformed feed: %s", oneLine(err.Error()))
	}
	return fromGofeed(gf), nil
}

// fromGofeed copies what newsline uses out of gofeed's types.
func fromGofeed(gf *gofeed.Feed) *Feed {
	f := &Feed{Title: oneLine(gf.Title), Link: oneLine(gf.Link), Items: make([]Item, 0, len(gf.Items))}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := Item{
			Title:   oneLine(gi.Title),
			Link:    oneLine(gi.Link),
			GUID:    oneLine(gi.GUID),
			Content: gi.Content,
			Summary: gi.Description,
		}
		if it.Link == "" && len(gi.Links) > 0 {
			it.Link = oneLine(gi.Links[0])
		}
		if gi.PublishedParsed != nil {
			it.Published = gi.PublishedParsed.UTC()
		}
		if gi.UpdatedParsed != nil {
			it.Updated = gi.UpdatedParsed.UTC()
		}
		it.Author = authorOf(gi)
		for _, c := range gi.Categories {
			if c = oneLine(c); c != "" {
				it.Categories = append(it.Categories, c)
			}
		}
		f.Items = append(f.Items, it)
	}
	return f
}

// authorOf names the item's authors, joined with commas.
func authorOf(gi *gofeed.Item) string {
	var names []string
	for _, p := range gi.Authors {
		if p == nil {
			continue
		}
		if n := oneLine(p.Name); n != "" {
			names = append(names, n)
		} else if e := oneLine(p.Email); e != "" {
			names = append(names, e)
		}
	}
	if len(names) == 0 && gi.DublinCoreExt != nil {
		for _, c := range gi.DublinCoreExt.Creator {
			if c = oneLine(c); c != "" {
				names = append(names, c)
			}
		}
	}
	return strings.Join(names, ", ")
}

// oneLine makes a one-line field of s: sanitized for a terminal, trimmed,
// runs of white space one space (model.OneLine).
func oneLine(s string) string { return model.OneLine(s) }

// xmlEncoding finds the encoding an XML declaration at the start of b
// names.
var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// dropEncoding removes the encoding from an XML declaration xmlEncoding
// matched.
func dropEncoding(decl []byte) []byte {
	i := bytes.LastIndex(decl, []byte("encoding"))
	return bytes.TrimRight(decl[:i], " \t\r\n")
}

// toUTF8 decodes b to UTF-8: UTF-16 with a byte order mark always; else
// unless its XML declaration names an encoding (gofeed decodes those; a
// document declared UTF-8 that is not is read as Windows-1252), by
// the HTTP header's charset when given, else as Windows-1252 when b is not
// valid UTF-8.
func toUTF8(b []byte, httpCharset string) ([]byte, error) {
	if bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
		u, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(b)
		if err != nil {
			return nil, err
		}
		// Now UTF-8, whatever the declaration said.
		return xmlEncoding.ReplaceAllFunc(u, dropEncoding), nil
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	head := b[:min(len(b), 512)]
	if m := xmlEncoding.FindSubmatch(head); m != nil {
		if cs := strings.ToLower(string(m[1])); (cs != "utf-8" && cs != "utf8") || utf8.Valid(b) {
			return b, nil
		}
		// Declared UTF-8 but not: Windows-1252, as when undeclared.
		u, err := charmap.Windows1252.NewDecoder().Bytes(b)
		return xmlEncoding.ReplaceAllFunc(u, dropEncoding), err
	}
	if cs := strings.ToLower(strings.TrimSpace(httpCharset)); cs != "" && cs != "utf-8" && cs != "utf8" {
		enc, _ := charset.Lookup(cs)
		if enc == nil {
			return nil, fmt.Errorf("unknown charset %q", oneLine(httpCharset))
		}
		return enc.NewDecoder().Bytes(b)
	}
	if utf8.Valid(b) {
		return b, nil
	}
	return charmap.Windows1252.NewDecoder().Bytes(b)
}

// wrapEntry makes an Atom document whose root is an <entry> a feed of
// that one entry.
func wrapEntry(b []byte) []byte {
	at := rootStart(b)
	if at < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+64)
	out = append(out, b[:at]...)
	out = append(out, `<feed xmlns="http://www.w3.org/2005/Atom">`...)
	out = append(out, b[at:]...)
	return append(out, "</feed>"...)
}

// fixJSONTags rewrites a JSON Feed whose items give tags as a string
// (comma-separated) to give them as a list, which gofeed requires. A
// document that does not decode is returned as it is, for gofeed to
// report.
func fixJSONTags(b []byte) []byte {
	var doc map[string]json.RawMessage
	if json.Unmarshal(b, &doc) != nil {
		return b
	}
	var items []map[string]json.RawMessage
	if json.Unmarshal(doc["items"], &items) != nil {
		return b
	}
	changed := false
	for _, it := range items {
		var s string
		if raw, ok := it["tags"]; ok && json.Unmarshal(raw, &s) == nil {
			var tags []string
			for t := range strings.SplitSeq(s, ",") {
				if t = strings.TrimSpace(t); t != "" {
					tags = append(tags, t)
				}
			}
			it["tags"], _ = json.Marshal(tags)
			changed = true
		}
	}
	if !changed {
		return b
	}
	doc["items"], _ = json.Marshal(items)
	out, err := json.Marshal(doc)
	if err != nil {
		return b
	}
	return out
}
