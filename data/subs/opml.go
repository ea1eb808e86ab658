package subs

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/newsline/newsline/model"
)

// NS is the XML namespace of newsline's own outline attributes, written
// with the prefix newsline: newsline:tags (a comma-separated list) and
// newsline:fullText ("true" for Sub.FullText). Other readers ignore them.
const NS = "https://github.com/newsline/newsline/ns/opml"

// Limits on what Parse reads: a list of subscriptions is kilobytes.
const (
	MaxSize  = 8 << 20 // bytes
	maxDepth = 64      // nested outlines
)

// Error is a file that is not OPML newsline can read: the line (0 when
// unknown) and what is wrong.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Parse reads an OPML 1.0 or 2.0 document. Every outline with an xmlUrl
// is a feed; the titles of the outlines it is nested in, its category
// attribute and its newsline:tags are its tags. A feed whose address is
// not http or https is skipped, and counted in skipped. The same feed
// twice is one subscription with the tags of both; a name twice gets a
// suffix (List.Add). A document that is not well-formed OPML is one
// *Error with its line, and nothing of it is returned.
func Parse(r io.Reader) (l List, skipped int, err error) {
	lr := &io.LimitedReader{R: r, N: MaxSize + 1}
	p := parser{dec: xml.NewDecoder(lr)}
	p.dec.CharsetReader = charsetReader
	p.dec.Entity = xml.HTMLEntity // &nbsp; and friends, seen in exported lists
	if err := p.document(&l); err != nil {
		if lr.N <= 0 {
			return List{}, 0, &Error{Msg: fmt.Sprintf("larger than %d MiB", MaxSize>>20)}
		}
		return List{}, 0, err
	}
	if lr.N <= 0 {
		return List{}, 0, &Error{Msg: fmt.Sprintf("larger than %d MiB", MaxSize>>20)}
	}
	out := List{Title: l.Title}
	for _, s := range l.Subs {
		if !model.IsWebURL(s.URL) {
			skipped++
			continue
		}
		out.Add(s)
	}
	return out, skipped, nil
}

// charsetReader decodes the encodings an XML declaration may name.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("unknown encoding %q", label)
	}
	return enc.NewDecoder().Reader(r), nil
}

type parser struct {
	dec  *xml.Decoder
	tags []string // the titles of the outlines around the current one
}

func (p *parser) fail(format string, args ...any) error {
	line, _ := p.dec.InputPos()
	return &Error{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// token is the next token; an error is an *Error (wrap).
func (p *parser) token() (xml.Token, error) {
	t, err := p.dec.Token()
	if err != nil {
		return nil, p.wrap(err)
	}
	return t, nil
}

// wrap makes an error of the decoder an *Error at its line.
func (p *parser) wrap(err error) error {
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se) && se.Msg == "unexpected EOF":
		return &Error{Line: se.Line, Msg: "the file ends inside an element: not well-formed XML"}
	case errors.As(err, &se):
		return &Error{Line: se.Line, Msg: "not well-formed XML: " + model.OneLine(se.Msg)}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return p.fail("the file ends inside an element: not well-formed XML")
	}
	return p.fail("%s", model.OneLine(err.Error()))
}

// document reads the root element, <opml>, and what follows it.
func (p *parser) document(l *List) error {
	for {
		t, err := p.dec.Token()
		if errors.Is(err, io.EOF) {
			return p.fail("no <opml> element: not an OPML file")
		}
		if err != nil {
			return p.wrap(err)
		}
		if se, ok := t.(xml.StartElement); ok {
			if se.Name.Local != "opml" {
				return p.fail("the root element is <%s>, not <opml>: not an OPML file", model.OneLine(se.Name.Local))
			}
			if err := p.children(func(se xml.StartElement) error { return p.top(l, se) }); err != nil {
				return err
			}
			return p.rest()
		}
	}
}

// rest reads to the end, so that garbage after the root is an error.
func (p *parser) rest() error {
	for {
		_, err := p.dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return p.wrap(err)
		}
	}
}

// children calls fn for each child element of the element just started,
// up to its end; fn must consume the child to its end.
func (p *parser) children(fn func(xml.StartElement) error) error {
	for {
		t, err := p.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// top reads a child of <opml>: <head> for its title, <body> for outlines.
func (p *parser) top(l *List, se xml.StartElement) error {
	switch se.Name.Local {
	case "head":
		return p.children(func(se xml.StartElement) error {
			if se.Name.Local != "title" {
				return p.dec.Skip()
			}
			var title string
			if err := p.dec.DecodeElement(&title, &se); err != nil {
				return p.wrap(err)
			}
			l.Title = model.OneLine(title)
			return nil
		})
	case "body":
		return p.children(func(se xml.StartElement) error { return p.outline(l, se) })
	}
	return p.skip()
}

// skip skips the element just started, errors as *Error.
func (p *parser) skip() error {
	if err := p.dec.Skip(); err != nil {
		return p.wrap(err)
	}
	return nil
}

// outline reads an <outline> and the outlines inside it: a feed when it
// has an xmlUrl, else a folder whose title tags the feeds inside.
func (p *parser) outline(l *List, se xml.StartElement) error {
	if se.Name.Local != "outline" {
		return p.skip()
	}
	if len(p.tags) >= maxDepth {
		return p.fail("outlines nested more than %d deep", maxDepth)
	}
	s := subOf(se.Attr)
	s.Tags = unionTags(p.tags, s.Tags)
	folder := ""
	if s.URL != "" {
		l.Subs = append(l.Subs, s)
	} else if folder = s.Name; folder == "" {
		folder = s.Title
	}
	p.tags = append(p.tags, folder)
	defer func() { p.tags = p.tags[:len(p.tags)-1] }()
	return p.children(func(se xml.StartElement) error { return p.outline(l, se) })
}

// subOf reads an outline's attributes. Attribute names match ignoring
// case (xmlURL and xmlurl are both seen in the wild).
func subOf(attrs []xml.Attr) Sub {
	var s Sub
	var title string
	for _, a := range attrs {
		v := strings.TrimSpace(a.Value)
		if a.Name.Space == NS || a.Name.Space == "newsline" {
			ownAttr(&s, a.Name.Local, v)
			continue
		}
		if a.Name.Space != "" {
			continue // xmlns declarations and other vocabularies' attributes
		}
		switch strings.ToLower(a.Name.Local) {
		case "text":
			s.Name = model.OneLine(v)
		case "title":
			title = model.OneLine(v)
		case "xmlurl":
			s.URL = v
		case "htmlurl":
			s.Site = v
		case "type":
			// Always written as "rss", as other readers expect.
		case "category":
			s.Tags = unionTags(s.Tags, categories(v))
		default:
			s.Extra = append(s.Extra, Attr{a.Name.Local, model.SanitizeLine(a.Value)})
		}
	}
	switch {
	case s.Name == "":
		s.Name = title
	case title != s.Name:
		s.Title = title
	}
	if !model.IsWebURL(s.Site) {
		s.Site = ""
	}
	return s
}

// ownAttr reads one of newsline's own attributes (in NS) into s; others
// of the namespace, from a later version perhaps, are ignored.
func ownAttr(s *Sub, name, v string) {
	switch {
	case name == "tags":
		s.Tags = unionTags(s.Tags, strings.Split(v, ","))
	case strings.EqualFold(name, "fullText"):
		on, err := strconv.ParseBool(v)
		s.FullText = on && err == nil // "false" or a typo: the summary, as before
	}
}

// categories splits OPML 2.0's category, comma-separated slash-delimited
// paths ("/World/Europe,Science"): each part of a path is a tag.
func categories(v string) []string {
	var tags []string
	for c := range strings.SplitSeq(v, ",") {
		tags = append(tags, strings.Split(c, "/")...)
	}
	return tags
}
