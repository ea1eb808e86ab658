package data

import (
	"strings"
	"time"
	"unicode"

	"github.com/newsline/newsline/model"
)

// metaWindow is how many lines after the title may hold the metadata line
// (blank lines included).
const metaWindow = 3

// ParseText reads a plain-text news article as news sites export them:
//
//	Title of the article
//
//	 15 July 2021    Read: 715
//	Title of the article
//
//	First paragraph…
//
//	More about: #Politics  #Europe
//
//	Site footer
//
// The first non-blank line is the title (white space runs collapse).
// Within the next three lines a metadata line may give the date and a read
// counter (Read: 715, Reads: 1,204, Views: 3 400); separators may be any
// white space, no-break spaces included. Dates are written as 15 July
// 2021, July 15, 2021, Jul 15 2021, 2021-07-15, 15.07.2021 or 15/07/2021,
// maybe with a time (14:30) and a zone; month names in any case, maybe
// abbreviated; a date without a zone is UTC, one without a time midnight
// UTC. A first body line that repeats the title
// is dropped. The last line starting with "More about:" or "Tags:" gives the
// tags (#A #B, A, B or A B) and ends the article: what follows it is site
// chrome; tags past the limits (maxTags, maxTagLen) are cut, with a
// problem. The body keeps its paragraphs; trailing spaces are trimmed and
// runs of blank lines become one. A file with no text is an error,
// "empty file".
func ParseText(name, text string) ([]model.Article, []model.Problem, error) {
	text = model.Sanitize(normalize(text))
	a := model.Article{Reads: model.NoReads, Format: model.FormatText}
	var probs []model.Problem
	pos := 0
	for pos < len(text) && a.Title == "" {
		var line string
		line, pos = lineAt(text, pos)
		a.Title = model.OneLine(line)
	}
	if a.Title == "" {
		return nil, nil, errEmpty
	}
	if line, next, ok := firstNonBlank(text, pos, metaWindow); ok {
		if date, reads, ok := parseMeta(line); ok {
			a.Date, a.Reads, pos = date, reads, next
		}
	}
	if line, next, ok := firstNonBlank(text, pos, -1); ok && strings.EqualFold(model.OneLine(line), a.Title) {
		pos = next // the title repeated
	}
	end := len(text)
	for p := len(text); p > pos; { // the tag line, searched from the end
		start := strings.LastIndexByte(text[pos:p], '\n') + pos + 1
		if tags, ok := tagLine(text[start:p]); ok {
			var cuts tagCuts
			a.Tags = addTags(nil, &cuts, tags...)
			for _, reason := range cuts.reasons() {
				probs = append(probs, model.Problem{Path: name, Reason: reason, Loaded: true, Line: 1 + strings.Count(text[:start], "\n")})
			}
			end = start
			break
		}
		p = start - 1
	}
	a.Body = tidyBody(text[pos:end])
	return []model.Article{a}, probs, nil
}

// firstNonBlank returns the first line from text[pos] on that is not
// blank, looking at no more than limit lines (no limit when negative), and
// the index of the line after it.
func firstNonBlank(text string, pos, limit int) (line string, next int, ok bool) {
	for k := 0; k != limit && pos < len(text); k++ {
		line, pos = lineAt(text, pos)
		if !isBlank(line) {
			return line, pos, true
		}
	}
	return "", pos, false
}

// parseMeta reads a metadata line: a date, a read counter, or a date then a
// read counter.
func parseMeta(line string) (date time.Time, reads int, ok bool) {
	s := strings.TrimSpace(line)
	reads = model.NoReads
	datePart := s
	if i, n := counterAt(s); i >= 0 {
		count := strings.TrimLeft(s[i+n:], " \u00a0\t:")
		if reads, ok = parseCount(count); !ok {
			return time.Time{}, model.NoReads, false
		}
		datePart = s[:i]
	}
	datePart = strings.TrimRightFunc(datePart, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("|·•-–—,;", r)
	})
	if datePart == "" {
		return time.Time{}, reads, reads != model.NoReads
	}
	date, ok = parseDate(datePart)
	return date, reads, ok
}

// counterAt finds the word that introduces a read counter (Read, Reads,
// Views, View, any case) and returns its index and length, or -1.
func counterAt(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		if i > 0 && isASCIILetter(s[i-1]) {
			continue
		}
		for _, kw := range []string{"reads", "read", "views", "view"} {
			if hasPrefixFold(s[i:], kw) && (i+len(kw) == len(s) || !isASCIILetter(s[i+len(kw)])) {
				return i, len(kw)
			}
		}
	}
	return -1, 0
}

// tagLine reads a tag line, "More about: …" or "Tags: …" in any case, and
// returns its tags.
func tagLine(line string) ([]string, bool) {
	s := strings.TrimLeftFunc(line, unicode.IsSpace)
	var rest string
	switch {
	case hasPrefixFold(s, "more about"):
		rest = s[len("more about"):]
	case hasPrefixFold(s, "tags"):
		rest = s[len("tags"):]
	case hasPrefixFold(s, "tag"):
		rest = s[len("tag"):]
	default:
		return nil, false
	}
	rest = strings.TrimLeft(rest, " \u00a0\t")
	if !strings.HasPrefix(rest, ":") {
		return nil, false
	}
	return splitTags(rest[1:]), true
}

// splitTags splits a list of tags: hashtags (#A #B, each running to the
// next '#' or comma), else comma-separated, else space-separated.
func splitTags(s string) []string {
	switch {
	case strings.ContainsRune(s, '#'):
		return strings.FieldsFunc(s, func(r rune) bool { return r == '#' || r == ',' })
	case strings.ContainsAny(s, ",;"):
		return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	}
	return strings.Fields(s)
}

// tidyBody trims trailing white space from every line, drops blank lines at
// both ends and turns every run of blank lines into one. A body that is
// already tidy is returned unchanged.
func tidyBody(s string) string {
	s = trimBlankLines(s)
	if isTidy(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for p := 0; p < len(s); {
		var line string
		line, p = lineAt(s, p)
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if line == "" {
			blank = true
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		b.WriteString(line)
		blank = false
	}
	return b.String()
}

// isTidy reports whether no line of s has trailing white space and no two
// blank lines follow each other.
func isTidy(s string) bool {
	blank := false
	for p := 0; p < len(s); {
		var line string
		line, p = lineAt(s, p)
		if line == "" {
			if blank {
				return false
			}
			blank = true
			continue
		}
		blank = false
		if r := line[len(line)-1]; r == ' ' || r >= 0x80 && strings.TrimRightFunc(line, unicode.IsSpace) != line {
			return false
		}
	}
	return true
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix,
// ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'A' <= c&^0x20 && c&^0x20 <= 'Z' }
