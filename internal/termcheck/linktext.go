package termcheck

import (
	"net/url"
	"strings"
	"unicode"
)

// ShowsLinkTarget reports whether text, the text a hyperlink to uri is
// printed on, shows where the link goes, white space aside: the whole
// address, its host in parentheses ("pilots' association (example.net)"),
// or its beginning up to the end of the host ("https://example.net/…").
// It is the rule of what text newsline makes clickable (the reader keeps
// only such hyperlinks), and of the tests that check its screens (see
// SECURITY.md): a hyperlink on any other text could send a reader where
// the text does not say.
func ShowsLinkTarget(text, uri string) bool {
	text, flatURI := noSpace(text), noSpace(uri)
	if flatURI == "" {
		return false
	}
	if strings.Contains(text, flatURI) {
		return true
	}
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.Contains(text, "("+u.Host+")") {
		return true
	}
	// The printed start of the address: scheme, "//", any user and the host.
	_, rest, ok := strings.Cut(flatURI, "//")
	if !ok {
		return false
	}
	end := len(flatURI) - len(rest)
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		end += i
	} else {
		end = len(flatURI)
	}
	prefix := flatURI[:end]
	for i := 0; ; {
		j := strings.Index(text[i:], prefix)
		if j < 0 {
			return false
		}
		after := i + j + len(prefix)
		if after == len(text) || strings.IndexByte("/?#", text[after]) >= 0 {
			return true
		}
		i += j + 1
	}
}

// noSpace is s without white space.
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
