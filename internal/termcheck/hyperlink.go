package termcheck

import (
	"fmt"
	"net/url"
	"strings"
)

// hyperlinks follows the OSC 8 hyperlinks of an output and judges each
// part — the text from an opening sequence to the end of the link — by
// its own text, as ShowsLinkTarget does: a part must show the whole
// address, its host in parentheses, or its beginning up to the host.
// Each part is judged alone, since a pane may show one line of a link
// without the next.
type hyperlinks struct {
	cur   *linkPart
	probs []string
}

type linkPart struct {
	uri  string
	text strings.Builder
}

// osc takes an OSC sequence and says what is wrong with it, if anything.
func (h *hyperlinks) osc(seq string) string {
	body, ok := strings.CutSuffix(seq[2:], "\a")
	if !ok {
		body, ok = strings.CutSuffix(seq[2:], "\x1b\\")
	}
	rest, is8 := strings.CutPrefix(body, "8;")
	_, uri, hasURI := strings.Cut(rest, ";")
	if !ok || !is8 || !hasURI {
		return fmt.Sprintf("OSC %q", seq)
	}
	if uri == "" { // the end of a hyperlink
		h.close()
		return ""
	}
	u, err := url.Parse(uri)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("hyperlink to a non-web URL %q", uri)
	}
	prob := ""
	if h.cur != nil {
		prob = fmt.Sprintf("hyperlink to %q opened inside another", uri)
		h.close()
	}
	h.cur = &linkPart{uri: uri}
	return prob
}

// text takes text that is printed.
func (h *hyperlinks) text(s string) {
	if h.cur != nil {
		h.cur.text.WriteString(s)
	}
}

// close judges the open part, if any.
func (h *hyperlinks) close() {
	if h.cur == nil {
		return
	}
	if text := h.cur.text.String(); !ShowsLinkTarget(flat(text), h.cur.uri) {
		h.probs = append(h.probs, fmt.Sprintf("hyperlink to %q on text %q, which does not show it", h.cur.uri, text))
	}
	h.cur = nil
}

// finish says which hyperlinks do not show where they go.
func (h *hyperlinks) finish() []string {
	if h.cur != nil {
		h.probs = append(h.probs, fmt.Sprintf("hyperlink to %q never closed", h.cur.uri))
		h.close()
	}
	return h.probs
}
