package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/newsline/newsline/data/index"
	"github.com/newsline/newsline/data/page"
	"github.com/newsline/newsline/model"
)

// Saved web pages (.html, .htm) are articles: one a file, read by the
// extraction `newsline save` uses (data/page). Extraction is slow (about
// half a second for a 2 MB page), so a Library stores the extracted body
// in its index (index.FileChange.Bodies) and takes it from there, while
// the file is unchanged, for the full-text pass, search and the reader.

// Reasons for problems with web pages.
const (
	reasonNoArticle = "no readable article (a login form or an index page?): skipped"
	reasonPageLarge = "a web page larger than 10 MiB: skipped (save the page as HTML only, without its pictures)"
)

// extractPage is page.Extract, replaced in tests that count extractions.
var extractPage = page.Extract

// isPage reports whether the file name is a web page's: .html or .htm,
// in any case.
func isPage(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// ParsePage reads a saved web page as one Markdown article from its bytes,
// which declare their own character set: the page's title (else the file
// name's), byline as Author, site name as Source, published time as Date
// (none when the page states none), the address the page gives itself
// (its canonical link) as URL, and the article's body as Markdown. A page
// with no readable article (a login form, an index of links) is an error;
// one that does not declare its character set and is not UTF-8 is read as
// Windows-1252, with a problem.
func ParsePage(name string, b []byte) ([]model.Article, []model.Problem, error) {
	switch {
	case len(b) > page.MaxSize: // its extraction would hold up the load
		return nil, nil, errors.New(reasonPageLarge)
	case len(bytes.TrimSpace(b)) == 0:
		return nil, nil, errEmpty
	case isBinary(b):
		return nil, nil, errBinary
	}
	pa, err := extractPage(b, "", "")
	if errors.Is(err, page.ErrNoArticle) {
		return nil, nil, errors.New(reasonNoArticle)
	}
	if err != nil {
		return nil, nil, err
	}
	a := model.Article{
		Title: pa.Title, Author: pa.Byline, Source: pa.Site, URL: pa.URL,
		Reads: model.NoReads, Format: model.FormatMarkdown,
	}
	if t, ok := inRange(pa.Published); ok && !pa.Published.IsZero() {
		a.Date = t
	}
	markdownBody(name, &a, pa.Markdown)
	var probs []model.Problem
	if pa.CharsetGuessed && !isASCII(b) { // for ASCII the guess changes nothing
		probs = append(probs, model.Problem{Path: name, Loaded: true,
			Reason: fmt.Sprintf("no charset declared: read as %s (add <meta charset> to the page if its accents look wrong)", pa.Charset)})
	}
	return []model.Article{a}, probs, nil
}

// isBinary reports whether a page is binary: a NUL byte in its first 8
// KiB, where it does not start with a UTF-16 byte order mark.
func isBinary(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return false
	}
	return hasNUL(b)
}

// isASCII reports whether b is all ASCII.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// pageBodies are the bodies of a web page's articles, by Index, for its
// index to store (index.FileChange.Bodies); nil for other files.
func pageBodies(rel string, arts []model.Article) map[int]string {
	if !isPage(rel) || len(arts) == 0 {
		return nil
	}
	bodies := make(map[int]string, len(arts))
	for i := range arts {
		bodies[arts[i].Index] = arts[i].Body
	}
	return bodies
}

// storedPage returns the articles of the web page rel of r with the
// bodies its index stored when it extracted them, if the file is still as
// it was then (same size and modification time); false when rel is no
// web page, when the root has no index or the index no body for it, or
// when the file changed (then it is extracted again).
func storedPage(ctx context.Context, r *root, rel string) ([]model.Article, bool) {
	if r.lib == nil || !isPage(rel) {
		return nil, false
	}
	st, err := index.Stored(ctx, r.lib.ix, rel)
	if err != nil || len(st.Articles) == 0 {
		return nil, false
	}
	j := r.jobOf(rel)
	info, err := fs.Stat(j.fsys, j.name)
	if err != nil || (index.FileStat{Size: info.Size(), ModTime: info.ModTime().UnixNano()}) != st.Stat {
		return nil, false
	}
	path := model.SanitizeLine(displayPath(r, rel))
	for i := range st.Articles {
		st.Articles[i].Path = path
	}
	return st.Articles, true
}
