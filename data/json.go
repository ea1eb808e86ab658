package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

const (
	// maxDerivedTitle is the length, in runes, of a title taken from a body.
	maxDerivedTitle = 80
	// maxRecordProblems is how many problems with records one file reports
	// one by one.
	maxRecordProblems = 20
)

// ParseJSON reads articles from a JSON file: one object, an array of
// objects, objects one after another, or an object whose "items" or
// "articles" array holds them (as JSON Feed does). An object's fields are:
// title; date or published (the first present wins: RFC 3339, the date
// forms ParseText reads, or a Unix time); tags, keywords and categories (lists or
// comma-separated strings, merged); body, content or text (plain text, the
// first present wins); url or link; source; author; reads (a number or a
// numeric string). Index is the position of the object in the file,
// counting skipped ones. Records with neither title nor body are skipped
// with a problem. A syntax error ends the file: the error names its line,
// and the articles before it are kept. Objects are decoded one at a time.
func ParseJSON(name, text string) ([]model.Article, []model.Problem, error) {
	text = strings.TrimPrefix(text, "\uFEFF")
	if strings.TrimSpace(text) == "" {
		return nil, nil, errEmpty
	}
	j := &jsonFile{name: name, text: text, dec: json.NewDecoder(strings.NewReader(text))}
	j.dec.UseNumber()
	for {
		switch c := j.peek(); c {
		case 0:
			return j.done(nil)
		case '[':
			if err := j.array(); err != nil {
				return j.done(err)
			}
		case '{':
			if err := j.object(); err != nil {
				return j.done(err)
			}
		default:
			return j.done(j.syntax(fmt.Errorf("want an object or an array, not %q", c)))
		}
	}
}

// ParseJSONL reads JSON Lines (.jsonl, .ndjson): one object per line, with
// the fields ParseJSON reads. Index is the position of the line among the
// non-blank lines. A line that is not a JSON object is a problem naming
// its line number; the other lines load.
func ParseJSONL(name, text string) ([]model.Article, []model.Problem, error) {
	text = strings.TrimPrefix(text, "\uFEFF")
	if strings.TrimSpace(text) == "" {
		return nil, nil, errEmpty
	}
	j := &jsonFile{name: name, text: text}
	index := 0
	for lineNo, p := 1, 0; p < len(text); lineNo++ {
		start := p
		var line string
		line, p = lineAt(text, p)
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
		start += len(line) - len(trimmed)
		line = strings.TrimSpace(trimmed)
		if line == "" {
			continue
		}
		where := place{line: lineNo, span: span{start, len(line)}}
		var v any
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		err := dec.Decode(&v)
		if err == nil && dec.InputOffset() != int64(len(line)) {
			err = errors.New("more after the object")
		}
		if err != nil {
			j.problem(where, "malformed JSON: "+jsonReason(err))
		} else {
			j.add(where, index, v)
		}
		index++
	}
	return j.done(nil)
}

// jsonFile is the state of reading one JSON file.
type jsonFile struct {
	name  string
	text  string
	dec   *json.Decoder
	index int // position of the next record
	arts  []model.Article
	probs []model.Problem

	// newlines counts the newlines before text[counted], for line.
	counted, newlines int
	more              int // problems past maxRecordProblems
}

// peek returns the next byte of the file that is not white space (or a
// comma between records), or 0 at the end.
func (j *jsonFile) peek() byte {
	if i := j.next(); i < len(j.text) {
		return j.text[i]
	}
	return 0
}

// next returns the offset of the byte peek returns (len(text) at the end).
func (j *jsonFile) next() int {
	i := int(j.dec.InputOffset())
	for i < len(j.text) && strings.IndexByte(" \t\n\r,:", j.text[i]) >= 0 {
		i++
	}
	return i
}

// line returns the line number of the next byte peek would return.
// Offsets only grow, so it counts newlines from where it last stopped.
func (j *jsonFile) line() int {
	off := int(j.dec.InputOffset())
	for off < len(j.text) && strings.IndexByte(" \t\n\r,:", j.text[off]) >= 0 {
		off++
	}
	if off < j.counted {
		j.counted, j.newlines = 0, 0
	}
	j.newlines += strings.Count(j.text[j.counted:off], "\n")
	j.counted = off
	return 1 + j.newlines
}

// array reads an array of records.
func (j *jsonFile) array() error {
	if _, err := j.dec.Token(); err != nil {
		return j.syntax(err)
	}
	for j.dec.More() {
		if err := j.record(); err != nil {
			return err
		}
	}
	if _, err := j.dec.Token(); err != nil {
		return j.syntax(err)
	}
	return nil
}

// record reads one array element as a record.
func (j *jsonFile) record() error {
	where := place{record: j.index + 1, line: j.line()}
	where.span.offset = j.next()
	var v any
	if err := j.dec.Decode(&v); err != nil {
		return j.syntax(err)
	}
	where.span.length = int(j.dec.InputOffset()) - where.span.offset
	j.add(where, j.index, v)
	j.index++
	return nil
}

// object reads a top-level object: a record, or a wrapper whose "items"
// or "articles" array holds the records, streamed one at a time.
func (j *jsonFile) object() error {
	where := place{record: j.index + 1, line: j.line()}
	where.span.offset = j.next()
	if _, err := j.dec.Token(); err != nil {
		return j.syntax(err)
	}
	m := map[string]any{}
	wrapper := false
	for j.dec.More() {
		t, err := j.dec.Token()
		if err != nil {
			return j.syntax(err)
		}
		key, _ := t.(string)
		if k := strings.ToLower(key); (k == "items" || k == "articles") && j.peek() == '[' {
			wrapper = true
			if err := j.array(); err != nil {
				return err
			}
			continue
		}
		var v any
		if err := j.dec.Decode(&v); err != nil {
			return j.syntax(err)
		}
		m[key] = v
	}
	if _, err := j.dec.Token(); err != nil {
		return j.syntax(err)
	}
	where.span.length = int(j.dec.InputOffset()) - where.span.offset
	if !wrapper {
		j.add(where, j.index, m)
		j.index++
	}
	return nil
}

// add turns a decoded object into an article, or a problem when it is not
// an object or has neither title nor body.
func (j *jsonFile) add(where place, index int, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		j.problem(where, "not an object: skipped")
		return
	}
	a := model.Article{Reads: model.NoReads, Format: model.FormatJSON, Index: index,
		Offset: where.span.offset, Length: where.span.length}
	for _, bad := range newRecord(m).fill(&a, true) {
		j.problem(where, bad)
	}
	if a.Title == "" && a.Body == "" {
		j.problem(where, "no title or body: skipped")
		return
	}
	if a.Title == "" {
		a.Title = titleFromBody(a.Body)
	}
	j.arts = append(j.arts, a)
}

// problem records a problem with a record. Past maxRecordProblems it
// only counts them, for done to sum up.
func (j *jsonFile) problem(where place, reason string) {
	if len(j.probs) >= maxRecordProblems {
		j.more++
		return
	}
	j.probs = append(j.probs, model.Problem{Path: j.name, Reason: where.String() + ": " + reason, Loaded: true, Line: where.line})
}

// done returns what was read, with the problems that were only counted
// summed up.
func (j *jsonFile) done(err error) ([]model.Article, []model.Problem, error) {
	if j.more > 0 {
		j.probs = append(j.probs, model.Problem{Path: j.name, Reason: fmt.Sprintf("%d more records with problems", j.more), Loaded: true})
	}
	return j.arts, j.probs, err
}

// syntax describes an error that ends the reading of a JSON file.
func (j *jsonFile) syntax(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	line := j.line()
	return lineError{line, fmt.Errorf("malformed JSON: line %d: %s", line, jsonReason(err))}
}

// A place is where a record starts: its position among the records of a
// JSON file (from 1) and its line, or only its line in JSON Lines.
// place is where a record is in its file: for problems, its number and
// line; for Article.Offset and Length, its bytes.
type place struct {
	record, line int
	span         span
}

// span is a run of bytes of a file's text.
type span struct{ offset, length int }

func (p place) String() string {
	if p.record == 0 {
		return fmt.Sprintf("line %d", p.line)
	}
	return fmt.Sprintf("record %d (line %d)", p.record, p.line)
}

// jsonReason words a JSON decoding error for a problem.
func jsonReason(err error) string {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return "unexpected end of JSON input"
	}
	return model.SanitizeLine(err.Error())
}

// titleFromBody makes a title of the first line of a body, shortened.
func titleFromBody(body string) string {
	line, _ := lineAt(strings.TrimSpace(body), 0)
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) <= maxDerivedTitle {
		return line
	}
	runes := []rune(line)
	return strings.TrimSpace(string(runes[:maxDerivedTitle-1])) + "…"
}
