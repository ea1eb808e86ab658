package termcheck

import (
	"fmt"
	"net/url"
	"strings"
)

// hyperlinks follows the OSC 8 hyperlinks of an output and judges each
// by its text. A hyperlink's text must show where it goes: the whole URL,
// or its host in parentheses ("pilots' association (example.net) [1]").
// One hyperlink may be written in parts: parts with the same id parameter
// and URL are one (a link wrapped over lines, each line closing its part),
// and so are parts of the same URL with only white space and pane borders
// between them.
type hyperlinks struct {
	groups map[string]*linkGroup // by id and URL; parts without id by number
	order  []*linkGroup
	cur    *linkGroup // the open part's group, nil when none is open
	last   *linkGroup // the group of the last part closed, if only blanks followed it
	anon   int
}

type linkGroup struct {
	uri  string
	host string
	text strings.Builder
}

func newHyperlinks() *hyperlinks { return &hyperlinks{groups: map[string]*linkGroup{}} }

// osc takes an OSC sequence and says what is wrong with it, if anything.
func (h *hyperlinks) osc(seq string) string {
	body, ok := strings.CutSuffix(seq[2:], "\a")
	if !ok {
		body, ok = strings.CutSuffix(seq[2:], "\x1b\\")
	}
	rest, is8 := strings.CutPrefix(body, "8;")
	params, uri, hasURI := strings.Cut(rest, ";")
	if !ok || !is8 || !hasURI {
		return fmt.Sprintf("OSC %q", seq)
	}
	if uri == "" { // the end of a hyperlink
		if h.cur != nil {
			h.last, h.cur = h.cur, nil
		}
		return ""
	}
	u, err := url.Parse(uri)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("hyperlink to a non-web URL %q", uri)
	}
	if h.cur != nil {
		return fmt.Sprintf("hyperlink to %q opened inside another", uri)
	}
	var g *linkGroup
	if id := linkID(params); id != "" {
		g = h.groups[id+"\x00"+uri]
		if g == nil {
			g = h.group(id+"\x00"+uri, uri, u.Host)
		}
	} else if h.last != nil && h.last.uri == uri {
		g = h.last
	} else {
		h.anon++
		g = h.group(fmt.Sprint(h.anon), uri, u.Host)
	}
	h.cur, h.last = g, nil
	return ""
}

func (h *hyperlinks) group(key, uri, host string) *linkGroup {
	g := &linkGroup{uri: uri, host: host}
	h.groups[key] = g
	h.order = append(h.order, g)
	return g
}

// text takes text that is printed.
func (h *hyperlinks) text(s string) {
	switch {
	case h.cur != nil:
		h.cur.text.WriteString(s)
	case flat(s) != "":
		h.last = nil
	}
}

// finish says which hyperlinks do not show where they go.
func (h *hyperlinks) finish() []string {
	var probs []string
	if h.cur != nil {
		probs = append(probs, fmt.Sprintf("hyperlink to %q never closed", h.cur.uri))
	}
	for _, g := range h.order {
		text := flat(g.text.String())
		if !strings.Contains(text, flat(g.uri)) && !strings.Contains(text, "("+g.host+")") {
			probs = append(probs, fmt.Sprintf("hyperlink to %q, whose text %q does not show it", g.uri, g.text.String()))
		}
	}
	return probs
}

// linkID returns the id parameter of an OSC 8's parameters ("id=x:k=v").
func linkID(params string) string {
	for p := range strings.SplitSeq(params, ":") {
		if id, ok := strings.CutPrefix(p, "id="); ok {
			return id
		}
	}
	return ""
}
