package page

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// prescanSize is how far into a page a <meta> charset declaration
// counts, as in the HTML standard's prescan.
const prescanSize = 1024

// utf8BOM is UTF-8's byte-order mark.
var utf8BOM = []byte("\uFEFF")

// decoded is a page as UTF-8 text with the charset it was read in.
type decoded struct {
	text    []byte
	charset string
	guessed bool
}

// decode reads a page's bytes as UTF-8. The charset comes from, in order:
// a byte-order mark (which the HTML standard puts before the header), the
// HTTP header's charset, a <meta charset> or <meta http-equiv> in the
// first 1,024 bytes. An undeclared page is UTF-8 when it is valid UTF-8,
// else Windows-1252, guessed. A page declared UTF-8 that is not valid
// UTF-8 is read as Windows-1252 (guessed) when not one of its non-ASCII
// bytes forms a UTF-8 character — a legacy page mislabelled — and
// otherwise as UTF-8 with U+FFFD for the stray bytes, as browsers do. A
// page whose <meta> declares a legacy charset but whose bytes are valid
// UTF-8 with characters beyond ASCII is read as UTF-8: a page saved again
// as UTF-8 that kept its old declaration (legacy text with a few non-ASCII
// characters is almost never valid UTF-8).
func decode(body []byte, contentType string) decoded {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain {
		enc, name, certain = declared(body)
		if certain && name != "utf-8" && utf8.Valid(body) && anyUTF8(body) {
			name = "utf-8"
		}
	}
	if !certain || name == "utf-8" {
		switch {
		case utf8.Valid(body):
			return decoded{text: bytes.TrimPrefix(body, utf8BOM), charset: "utf-8"}
		case !certain || !anyUTF8(body):
			enc, name, certain = charmap.Windows1252, "windows-1252", false
		default:
			return decoded{text: bytes.ToValidUTF8(bytes.TrimPrefix(body, utf8BOM), []byte("\uFFFD")), charset: "utf-8"}
		}
	}
	text, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		text = body
	}
	text = bytes.TrimPrefix(bytes.ToValidUTF8(text, []byte("\uFFFD")), []byte("\uFEFF"))
	return decoded{text: text, charset: name, guessed: !certain}
}

// declared finds the charset a page declares in a <meta> within its first
// prescanSize bytes: <meta charset> or <meta http-equiv="content-type"
// content="…; charset=…">. A declared UTF-16 means UTF-8, as the standard
// says (the bytes were not UTF-16, or a byte-order mark would have said).
func declared(body []byte) (encoding.Encoding, string, bool) {
	z := html.NewTokenizer(bytes.NewReader(body[:min(len(body), prescanSize)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, "", false
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.DataAtom != atom.Meta {
				continue
			}
			if e, name := metaCharset(t.Attr); e != nil {
				if strings.HasPrefix(name, "utf-16") {
					return encoding.Nop, "utf-8", true
				}
				return e, name, true
			}
		}
	}
}

// metaCharset reads the charset one <meta> tag declares.
func metaCharset(attrs []html.Attribute) (encoding.Encoding, string) {
	var httpEquiv bool
	var content string
	for _, a := range attrs {
		switch strings.ToLower(a.Key) {
		case "charset":
			return charset.Lookup(a.Val)
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(a.Val), "content-type")
		case "content":
			content = a.Val
		}
	}
	if !httpEquiv {
		return nil, ""
	}
	if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
		return charset.Lookup(params["charset"])
	}
	return nil, ""
}

// anyUTF8 reports whether any multi-byte UTF-8 character occurs in b.
func anyUTF8(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if n > 1 && r != utf8.RuneError {
			return true
		}
		b = b[n:]
	}
	return false
}
