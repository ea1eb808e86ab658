package feed

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Kind is what Sniff found a document to be.
type Kind int

// The kinds of document Sniff tells apart.
const (
	KindNone  Kind = iota // not a feed
	KindRSS               // <rss> or <rdf:RDF>
	KindAtom              // <feed>
	KindEntry             // an Atom <entry> alone
	KindJSON              // a JSON Feed
)

// jsonFeedVersion is how a JSON Feed's version starts.
const jsonFeedVersion = "https://jsonfeed.org/version/"

// Sniff tells whether a document is a feed from its start: an XML root
// rss, rdf:RDF, feed or entry, or a JSON object whose version names JSON
// Feed. It does not check the rest of the document.
func Sniff(b []byte) Kind {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	t := bytes.TrimLeft(b, " \t\r\n")
	switch {
	case len(t) > 0 && t[0] == '{':
		if isJSONFeed(t) {
			return KindJSON
		}
	case len(t) > 0 && t[0] == '<':
		if at := rootStart(b); at >= 0 {
			return kindOfRoot(b[at+1:])
		}
	}
	return KindNone
}

// kindOfRoot names the kind of a root element from its name, which starts
// b.
func kindOfRoot(b []byte) Kind {
	end := bytes.IndexAny(b, " \t\r\n/>")
	if end < 0 {
		return KindNone
	}
	name := string(b[:end])
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	switch strings.ToLower(name) {
	case "rss", "rdf":
		return KindRSS
	case "feed":
		return KindAtom
	case "entry":
		return KindEntry
	}
	return KindNone
}

// rootStart returns the offset of the '<' that opens the root element of
// an XML document, past its declaration, processing instructions,
// comments and document type, or -1.
func rootStart(b []byte) int {
	i := 0
	for i < len(b) {
		switch {
		case b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n':
			i++
		case bytes.HasPrefix(b[i:], []byte("\uFEFF")):
			i += 3
		case bytes.HasPrefix(b[i:], []byte("<?")):
			i = skipPast(b, i, "?>")
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			i = skipPast(b, i, "-->")
		case bytes.HasPrefix(b[i:], []byte("<!")):
			i = skipDoctype(b, i)
		case b[i] == '<':
			return i
		default:
			return -1
		}
		if i < 0 {
			return -1
		}
	}
	return -1
}

// skipPast returns the offset after the first end at or past i, or -1.
func skipPast(b []byte, i int, end string) int {
	j := bytes.Index(b[i:], []byte(end))
	if j < 0 {
		return -1
	}
	return i + j + len(end)
}

// skipDoctype returns the offset after a <!DOCTYPE …> that starts at i,
// its internal subset [ … ] included, or -1.
func skipDoctype(b []byte, i int) int {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				return j + 1
			}
		}
	}
	return -1
}

// isJSONFeed reports whether a JSON object's top-level version names JSON
// Feed. The object is decoded key by key only when it mentions the
// version URL at all.
func isJSONFeed(b []byte) bool {
	if !bytes.Contains(b, []byte("jsonfeed.org/version/")) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return false
		}
		if key == "version" {
			var s string
			return json.Unmarshal(v, &s) == nil && strings.HasPrefix(s, jsonFeedVersion)
		}
	}
	return false
}
