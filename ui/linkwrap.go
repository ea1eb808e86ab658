package ui

import (
	"net/url"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// linkWhere is what the reader shows after a link's text to say where it
// goes: the host of a web address (its real one: "https://good.example@
// evil.example/" goes to evil.example), the address of a mailto: link, the
// scheme of any other ("javascript:"), and a relative address as it is.
// dest is printable (showableURL).
func linkWhere(dest string) string {
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		return dest
	case model.IsWebURL(dest):
		if h := rawHost(dest); h == u.Host {
			return h
		}
		return dest // a host with escapes: the whole address says it plainly
	case strings.EqualFold(u.Scheme, "mailto") && u.Opaque != "":
		return u.Opaque
	case u.Scheme != "":
		return u.Scheme + ":"
	}
	return dest
}

// rawHost returns the host of an absolute address as it is written: after
// "//" and any "user@", up to the path, query or fragment.
func rawHost(dest string) string {
	_, rest, _ := strings.Cut(dest, "//")
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	return rest
}

// addressBreaks are the characters an address may be wrapped after: the
// ends of its path segments, query and parameters, and the joins inside
// them. A dot is not one: "https://example." would read as an address.
const addressBreaks = "/?&=#-_;,+~"

// wrapAddress cuts an address into lines of at most width columns (0: no
// limit), each ending after one of addressBreaks when one is in reach past
// the "scheme://", else cut at width.
func wrapAddress(u string, width int) []string {
	if width <= 0 {
		return []string{u}
	}
	var lines []string
	start := 0 // where breaks may start: past the scheme's "//" on the first line
	if i := strings.Index(u, "://"); i >= 0 {
		start = i + 3
	}
	for ansi.StringWidth(u) > width {
		piece := ansi.Truncate(u, width, "")
		if piece == "" { // a character wider than the width
			piece, _ = ansi.FirstGraphemeCluster(u, ansi.GraphemeWidth)
		}
		if cut := strings.LastIndexAny(piece[min(start, len(piece)):], addressBreaks); cut >= 0 {
			piece = piece[:min(start, len(piece))+cut+1]
		}
		lines = append(lines, piece)
		u, start = u[len(piece):], 0
	}
	return append(lines, u)
}
