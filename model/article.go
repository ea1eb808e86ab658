// Package model holds newsline's domain: articles, tags, the collection,
// queries and sort orders, marks (read, starred), the reader's saved
// place, and the one rule for what text may reach a terminal (Printable,
// Sanitize). It is pure: it imports only the standard library and does no
// IO, so every rule here is table-testable and benchmarkable.
package model

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ID identifies an article. It is derived from the article's path inside its
// collection and its position in the file, so the same file gives the same
// IDs on every run.
type ID uint64

// NewID derives the stable ID of the article at position index of the file at
// rel, a slash-separated path relative to the collection root.
func NewID(rel string, index int) ID {
	h := fnv.New64a()
	h.Write([]byte(rel))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(index)))
	return ID(h.Sum64())
}

// Hex returns the full 16-digit hexadecimal form of the ID.
func (id ID) Hex() string { return fmt.Sprintf("%016x", uint64(id)) }

// Format is the file format an article was read from.
type Format uint8

// The supported formats.
const (
	FormatText Format = iota
	FormatMarkdown
	FormatJSON
)

// String names the format as the CLI prints it.
func (f Format) String() string {
	switch f {
	case FormatText:
		return "text"
	case FormatMarkdown:
		return "markdown"
	case FormatJSON:
		return "json"
	}
	return "unknown"
}

// IsMarkdown reports whether bodies of this format are Markdown source;
// all other bodies are plain text and must be rendered as such.
func (f Format) IsMarkdown() bool { return f == FormatMarkdown }

// NoReads marks an unknown read counter.
const NoReads = -1

// Article is one news article. Strings are already sanitized by the reader
// that produced them.
type Article struct {
	ID    ID
	Path  string // the file as the user named it (root joined with Rel)
	Rel   string // slash-separated path inside the collection root, as on disk: never shown (Path is)
	Index int    // position of the article inside its file (0 for single-article files)
	Title string
	Date  time.Time // zero when unknown; UTC
	Reads int       // NoReads when unknown
	Tags  []string  // original spellings, without '#'
	// FolderTags are the names of the folders between the collection root
	// and the file. They tag the article like Tags, but a tag's display
	// spelling comes from them only when no article spells it itself.
	FolderTags []string
	Source     string
	URL        string
	Author     string
	Format     Format
	Body       string // plain text, or Markdown source when Format.IsMarkdown()
	// Offset and Length locate the article's record in its file's decoded
	// text, in files of many records (JSON, JSON Lines), so that its body
	// can be read again without parsing the whole file; 0 and 0 otherwise.
	Offset, Length int
}

// HasDate reports whether the article's date is known.
func (a *Article) HasDate() bool { return !a.Date.IsZero() }

// HasReads reports whether the article's read counter is known.
func (a *Article) HasReads() bool { return a.Reads >= 0 }

// Problem is a file (or a record in it) that could not be read as it was:
// skipped entirely, or loaded with a repair.
type Problem struct {
	Path   string
	Reason string
	// Loaded is true when the file still produced articles (re-decoded,
	// repaired); false when it was skipped.
	Loaded bool
	// Line is the line of the file the problem is at (from 1), where the
	// parser knows it: a JSON record's, a syntax error's, a front
	// matter error's; 0 when it does not.
	Line int
}

// String formats the problem as one line: path, then reason, then
// "skipped" when the file gave no article and the reason does not say so.
func (p Problem) String() string {
	s := p.Path + ": " + p.Reason
	if !p.Loaded && !strings.HasSuffix(p.Reason, "skipped") {
		s += ": skipped"
	}
	return s
}

// Progress reports how far a load has come.
type Progress struct {
	Files    int  // files read (or found unchanged in an index) so far
	Found    int  // files the walk found so far; all of them once Listed
	Listed   bool // the walk is over: Found is final
	Articles int  // articles found so far
	// Known is how many articles the indexes held when a load began: a
	// warm start sends them all before it checks the folders.
	Known int
	Done  bool // the load has finished: the list is complete
	// Full-text indexing, which data.Library runs after a load: articles
	// indexed so far (Indexed) of those that were waiting (ToIndex). Until
	// they are all in, search scans the files of the others.
	Indexed, ToIndex int
}

// Indexing reports whether full-text indexing is under way.
func (p Progress) Indexing() bool { return p.Indexed < p.ToIndex }

// Batch is one change to a collection: articles added or replaced, articles
// removed, problems replaced or new, and the progress so far. A load sends many batches
// and ends with Progress.Done; re-indexing and file watching send more.
type Batch struct {
	Articles []Article
	Removed  []ID // applied before Articles
	Problems []Problem
	// Reread are the paths of files read again (changed) or gone: their
	// earlier problems are dropped before this batch's Problems are added.
	Reread   []string
	Progress Progress
	// Notice is a line for the status bar about the load itself, such as
	// "rebuilding the index: it was corrupt".
	Notice string
}

// IsWebURL reports whether u is an http or https address of printable
// ASCII with a host: the only links made clickable, opened in a browser or
// offered as an article's web address.
func IsWebURL(u string) bool {
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] >= 0x7f {
			return false
		}
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}
