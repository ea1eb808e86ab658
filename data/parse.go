package data

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// A parser reads the articles of one file from its decoded text. It returns
// the articles, problems with parts of the file (records skipped, values
// not understood), and an error when the file as a whole is unusable.
// Articles carry Index (their position in the file) but no ID, Path or Rel:
// the loader fills those.
type parser func(name, text string) ([]model.Article, []model.Problem, error)

// errEmpty is the error for a file with no text in it.
var errEmpty = errors.New("empty file")

// reasonNotNews is why a file given by name but of no format newsline
// reads is skipped.
const reasonNotNews = "not a news file (.txt, .md, .markdown, .json, .jsonl, .ndjson, .rss, .atom, .rdf, .xml, .html, .htm): skipped"

// parserFor picks the parser for a file name by its extension, ignoring
// case, or nil when newsline does not read such files.
func parserFor(name string) parser {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt":
		return ParseText
	case ".md", ".markdown":
		return ParseMarkdown
	case ".json":
		return ParseJSON
	case ".jsonl", ".ndjson":
		return ParseJSONL
	case ".rss", ".atom", ".rdf", ".xml":
		return parseFeedText
	}
	return nil
}

// parseFeedText stands for ParseFeed among the parsers of text: Parse
// reads feed files from their bytes, before decoding, since a feed may
// declare its own encoding.
func parseFeedText(name, text string) ([]model.Article, []model.Problem, error) {
	return ParseFeed(name, []byte(text))
}

// Supported reports whether newsline reads files with this name: .txt,
// .md, .markdown, .json, .jsonl, .ndjson, the feed files .rss, .atom,
// .rdf and .xml (an .xml file that is not a feed gives no article), and
// the saved web pages .html and .htm, in any case.
func Supported(name string) bool { return parserFor(name) != nil || isPage(name) }

// Parse reads the articles of one file from its bytes: it decodes them
// (see the package documentation), picks the parser by the extension of
// name and runs it. Problems report repairs and skipped records; the error
// reports a file that could not be used at all (binary, empty, malformed),
// possibly after some articles were read. Returned articles have no
// Path or Rel yet, and no ID, but for the articles of a feed file (.rss,
// .atom, .rdf, or .xml and .json whose content is a feed: see ParseFeed),
// which carry their item's provisional ID. A saved web page (.html, .htm)
// is read by ParsePage.
func Parse(name string, b []byte) ([]model.Article, []model.Problem, error) {
	if isPage(name) { // read from its bytes: a page declares its charset
		return finish(ParsePage(name, b))
	}
	parse := parserFor(name)
	if parse == nil {
		return nil, nil, errors.New(reasonNotNews)
	}
	if isFeedFile(name, b) {
		return finish(ParseFeed(name, b))
	}
	text, repaired, err := decode(b)
	if err != nil {
		return nil, nil, err
	}
	arts, probs, err := parse(name, text)
	if repaired != "" {
		probs = append(probs, model.Problem{Path: name, Reason: repaired})
	}
	return finish(arts, probs, err)
}

// finish finishes the problems of a parse: sanitized, and marked loaded
// when the file gave articles.
func finish(arts []model.Article, probs []model.Problem, err error) ([]model.Article, []model.Problem, error) {
	for i := range probs {
		probs[i].Reason = model.SanitizeLine(probs[i].Reason) // some quote the file
		probs[i].Loaded = len(arts) > 0
	}
	return arts, probs, err
}

// baseTitle is the title of an article that names none: its file name
// without the extension.
func baseTitle(name string) string {
	base := path.Base(filepath.ToSlash(name))
	return model.OneLine(strings.TrimSuffix(base, path.Ext(base)))
}

// Limits on the tags of one article, against files that would flood the
// tag list or the reader's header: an article keeps its first maxTags
// distinct tags, and a tag longer than maxTagLen runes is shortened to
// that many, the last one "…". Parsers report both (see tagCuts).
const (
	maxTags   = 100
	maxTagLen = 100
)

// appendTags adds tags to dst, each trimmed, without a leading '#' and
// sanitized, skipping empty ones and ones dst already has (compared as
// model.TagKey compares them), within the limits on tags.
func appendTags(dst []string, tags ...string) []string {
	return addTags(dst, nil, tags...)
}

// tagCuts is what addTags did to keep within the limits on tags.
type tagCuts struct {
	dropped   bool // tags past maxTags
	shortened bool // tags longer than maxTagLen
}

// reasons words the cuts for problems.
func (c tagCuts) reasons() []string {
	var r []string
	if c.dropped {
		r = append(r, fmt.Sprintf("more than %d tags: the first %d kept", maxTags, maxTags))
	}
	if c.shortened {
		r = append(r, fmt.Sprintf("a tag longer than %d characters: shortened", maxTagLen))
	}
	return r
}

// addTags is appendTags, also noting in cuts (when not nil) what it cut.
func addTags(dst []string, cuts *tagCuts, tags ...string) []string {
	if cuts == nil {
		cuts = &tagCuts{}
	}
	keys := make([]string, len(dst), len(dst)+min(len(tags), maxTags))
	for i, have := range dst {
		keys[i] = model.TagKey(have)
	}
	for _, t := range tags {
		t = model.OneLine(strings.TrimLeft(model.OneLine(t), "#"))
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) > maxTagLen {
			t = strings.TrimSpace(string([]rune(t)[:maxTagLen-1])) + "…"
			cuts.shortened = true
		}
		key := model.TagKey(t)
		if slices.Contains(keys, key) {
			continue
		}
		if len(dst) >= maxTags {
			cuts.dropped = true
			continue
		}
		dst = append(dst, t)
		keys = append(keys, key)
	}
	return dst
}

// lineAt returns the line that starts at s[i], without its newline, and
// the index of the next line.
func lineAt(s string, i int) (line string, next int) {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return s[i : i+j], i + j + 1
	}
	return s[i:], len(s)
}

// isBlank reports whether a line holds only white space (no-break spaces
// included).
func isBlank(line string) bool { return strings.TrimSpace(line) == "" }
