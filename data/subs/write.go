package subs

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsline/newsline/internal/fsync"
	"github.com/newsline/newsline/model"
)

// DefaultTitle is the head title of a list that has none.
const DefaultTitle = "newsline subscriptions"

// Marshal writes l as an OPML 2.0 document: each feed with its first tag
// as the folder outline it is in (what other readers show as folders), and
// all its tags in newsline:tags, newsline:fullText="true" on full-text
// feeds; feeds without tags at the top. Parse reads it back to l.
func Marshal(w io.Writer, l List) error {
	bw := bufio.NewWriter(w)
	title := l.Title
	if title == "" {
		title = DefaultTitle
	}
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\" xmlns:newsline=\"%s\">\n", NS)
	fmt.Fprintf(bw, "  <head>\n    <title>%s</title>\n  </head>\n  <body>\n", escape(title))
	var folders []string // first tags, in order of first use
	byFolder := map[string][]Sub{}
	for _, s := range l.Subs {
		if len(s.Tags) == 0 {
			writeSub(bw, "    ", s)
			continue
		}
		k := model.TagKey(s.Tags[0])
		if _, ok := byFolder[k]; !ok {
			folders = append(folders, k)
		}
		byFolder[k] = append(byFolder[k], s)
	}
	for _, k := range folders {
		subs := byFolder[k]
		fmt.Fprintf(bw, "    <outline text=\"%s\">\n", escape(subs[0].Tags[0]))
		for _, s := range subs {
			writeSub(bw, "      ", s)
		}
		bw.WriteString("    </outline>\n")
	}
	bw.WriteString("  </body>\n</opml>\n")
	return bw.Flush()
}

func writeSub(w *bufio.Writer, indent string, s Sub) {
	fmt.Fprintf(w, "%s<outline text=\"%s\"", indent, escape(s.Name))
	if s.Title != "" {
		fmt.Fprintf(w, " title=\"%s\"", escape(s.Title))
	}
	fmt.Fprintf(w, " type=\"rss\" xmlUrl=\"%s\"", escape(s.URL))
	if s.Site != "" {
		fmt.Fprintf(w, " htmlUrl=\"%s\"", escape(s.Site))
	}
	written := map[string]bool{"type": true} // each name once: XML allows no repeat
	for _, a := range s.Extra {
		if validName(a.Name) && !written[strings.ToLower(a.Name)] {
			written[strings.ToLower(a.Name)] = true
			fmt.Fprintf(w, " %s=\"%s\"", a.Name, escape(a.Value))
		}
	}
	if len(s.Tags) > 0 {
		fmt.Fprintf(w, " newsline:tags=\"%s\"", escape(strings.Join(s.Tags, ", ")))
	}
	if s.FullText {
		w.WriteString(` newsline:fullText="true"`)
	}
	w.WriteString("/>\n")
}

// validName reports whether an attribute name read from a file can be
// written back as it is (ASCII letters, digits, - _ .; no prefix).
func validName(n string) bool {
	if n == "" || !(n[0] >= 'a' && n[0] <= 'z' || n[0] >= 'A' && n[0] <= 'Z' || n[0] == '_') {
		return false
	}
	return !strings.ContainsFunc(n, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	})
}

// escape escapes s for an attribute or text (quotes, <, &, and line
// breaks and tabs as character references); characters XML cannot hold
// become U+FFFD.
func escape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Read reads the subscriptions file at path. A file that does not exist
// is an empty list. A file that cannot be read or parsed is an error
// naming it (and the line): "PATH:LINE: what is wrong".
func Read(path string) (List, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return List{}, nil
	}
	if err != nil {
		return List{}, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return List{}, fmt.Errorf("%s: not a regular file", path)
	}
	l, _, err := Parse(f)
	var pe *Error
	if errors.As(err, &pe) {
		return List{}, fileError(path, pe)
	}
	return l, err
}

// fileError names the file in a parse error: "PATH:LINE: what is wrong".
func fileError(path string, e *Error) error {
	if e.Line > 0 {
		return fmt.Errorf("%s:%d: %s", path, e.Line, e.Msg)
	}
	return fmt.Errorf("%s: %s", path, e.Msg)
}

// Write writes l to path atomically: a dot-named temporary file in the
// same folder (created, with the folder, if needed), synced, then renamed
// over path. A symbolic link at path stays and its target is replaced.
func Write(path string, l List) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename: nothing
	err = Marshal(tmp, l)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fsync.Dir(dir) // the rename made durable where the system allows it
	return nil
}
