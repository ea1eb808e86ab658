package data

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/newsline/newsline/model"
)

// What a Library reads from an article's file on demand: the body, which
// the list does without, and where the file is, for an editor.

// Body reads an article's body from its file, sanitized like everything
// read from disk. A record of a file of many (Article.Length) is parsed
// alone, unless the file has changed under it; a web page's body comes
// from the index, unless the file has changed since it was extracted.
func (l *Library) Body(a model.Article) (string, error) {
	if body, ok := l.storedBody(a); ok {
		return body, nil
	}
	b, reason := readFile(l.fileOf(a))
	if reason != "" {
		return "", fmt.Errorf("%s: %s", a.Path, reason)
	}
	if body, ok := recordBody(a, b); ok {
		return body, nil
	}
	if isFeedFile(a.Path, b) { // one item converted, not the whole feed
		arts, _, err := parseFeed(a.Path, b, a.Index)
		if len(arts) == 1 && arts[0].Title == a.Title {
			return arts[0].Body, nil
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", a.Path, err)
		}
	}
	arts, _, err := Parse(a.Path, b)
	for _, x := range arts {
		if x.Index == a.Index {
			return x.Body, nil
		}
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", a.Path, err)
	}
	return "", fmt.Errorf("%s: the article is no longer in the file (reload with r)", a.Path)
}

// File returns the path on disk of the file an article was read from, for
// an editor; an error when it is not in a file on disk.
func (l *Library) File(a model.Article) (string, error) {
	fsys, name := l.fileOf(a)
	dir, ok := fsys.(osFS)
	if !ok {
		return "", fmt.Errorf("%s is not a file on disk", a.Path)
	}
	return filepath.Join(string(dir), filepath.FromSlash(name)), nil
}

// fileOf returns where the article's file is: by its root and Rel, its
// name on disk, which its Path shows sanitized; by its Path when no root
// gives that Path (an article not of this library).
func (l *Library) fileOf(a model.Article) (fs.FS, string) {
	if r := l.rootOfArticle(a); r != nil {
		j := r.jobOf(a.Rel)
		return j.fsys, j.name
	}
	return osFS(filepath.Dir(a.Path)), filepath.Base(a.Path)
}

// rootOfArticle returns the root whose Rel gives the article's Path; nil
// when none does (an article not of this library).
func (l *Library) rootOfArticle(a model.Article) *root {
	for i := range l.roots {
		if r := &l.roots[i]; model.SanitizeLine(displayPath(r, a.Rel)) == a.Path {
			return r
		}
	}
	return nil
}

// storedBody returns the body of a web page's article that its index
// stored when it extracted it (see storedPage): the reader does not wait
// for an extraction again while the file is unchanged.
func (l *Library) storedBody(a model.Article) (string, bool) {
	r := l.rootOfArticle(a)
	if r == nil {
		return "", false
	}
	arts, _ := storedPage(context.Background(), r, a.Rel)
	for _, x := range arts {
		if x.Index == a.Index {
			return x.Body, true
		}
	}
	return "", false
}

// recordBody reads the body of a's record alone from its span of the
// file's text b: a 16 MiB JSON Lines file is decoded, not parsed whole.
// false when the article has no span or the span no longer holds it.
func recordBody(a model.Article, b []byte) (string, bool) {
	if a.Length <= 0 {
		return "", false
	}
	text, _, err := decode(b)
	if err != nil || a.Offset < 0 || a.Offset+a.Length > len(text) {
		return "", false
	}
	arts, _, err := ParseJSON(a.Path, text[a.Offset:a.Offset+a.Length])
	if err != nil || len(arts) != 1 || arts[0].Title != a.Title {
		return "", false
	}
	return arts[0].Body, true
}
