package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/newsline/newsline/model"
)

// record holds the fields of one article as front matter or a JSON object
// gives them, keys in lower case. Values are what the YAML, TOML and JSON
// decoders produce for an `any`.
type record map[string]any

// newRecord lower-cases the keys of m. A key already in lower case wins
// over other spellings of it.
func newRecord(m map[string]any) record {
	r := make(record, len(m))
	for k, v := range m {
		lk := strings.ToLower(k)
		if _, taken := r[lk]; !taken || lk == k {
			r[lk] = v
		}
	}
	return r
}

// The fields read from records; in each list the first present wins.
var (
	dateKeys   = []string{"date", "published", "date_published", "saved"} // saved: an undated saved page
	bodyKeys   = []string{"body", "content", "text", "content_text"}
	urlKeys    = []string{"url", "link"}
	authorKeys = []string{"author", "authors"}
	tagKeys    = []string{"tags", "keywords", "categories"} // merged
)

// fill sets the article's fields from the record. Body is set only when
// withBody (Markdown bodies come from the file, not the front matter). It
// returns descriptions of values it could not use, dates out of range
// (see datesFrom) among them, and of tags cut to the limits (maxTags,
// maxTagLen).
func (r record) fill(a *model.Article, withBody bool) (bad []string) {
	if s, ok := r.text("title"); ok {
		a.Title = model.OneLine(s)
	}
	if k, v := r.first(dateKeys); v != nil {
		if t, ok := dateOf(v); ok {
			a.Date = t
		} else {
			bad = append(bad, fmt.Sprintf("%s: not a date: %s", k, quote(v)))
		}
	}
	var cuts tagCuts
	for _, k := range tagKeys {
		a.Tags = addTags(a.Tags, &cuts, tagsOf(r[k])...)
	}
	bad = append(bad, cuts.reasons()...)
	if withBody {
		if _, v := r.first(bodyKeys); v != nil {
			if s, ok := scalar(v); ok {
				a.Body = tidyBody(model.Sanitize(normalize(s)))
			}
		}
	}
	if _, v := r.first(urlKeys); v != nil {
		if s, ok := scalar(v); ok {
			a.URL = model.OneLine(s)
		}
	}
	a.Source = model.OneLine(nameOf(r["source"]))
	if _, v := r.first(authorKeys); v != nil {
		a.Author = model.OneLine(nameOf(v))
	}
	if v, ok := r["reads"]; ok && v != nil {
		if n, ok := countOf(v); ok {
			a.Reads = n
		} else {
			bad = append(bad, fmt.Sprintf("reads: not a count: %s", quote(v)))
		}
	}
	return bad
}

// first returns the first key of keys with a value that is not null or an
// empty string, and that value.
func (r record) first(keys []string) (string, any) {
	for _, k := range keys {
		if v := r[k]; v != nil && v != "" {
			return k, v
		}
	}
	return "", nil
}

// text returns the field as a string, if it is a scalar.
func (r record) text(key string) (string, bool) {
	if v := r[key]; v != nil {
		return scalar(v)
	}
	return "", false
}

// scalar formats a string, number, boolean or date as text.
func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), true
	case time.Time:
		return v.Format(time.RFC3339), true
	case toml.LocalDate, toml.LocalDateTime:
		return fmt.Sprint(v), true
	}
	return "", false
}

// dateOf reads a date from a string (see parseDate), a decoded date or a
// Unix time, in UTC and within the years datesFrom to datesTo.
func dateOf(v any) (time.Time, bool) {
	t, ok := anyDate(v)
	if !ok {
		return time.Time{}, false
	}
	return inRange(t)
}

// anyDate is dateOf with any year.
func anyDate(v any) (time.Time, bool) {
	switch v := v.(type) {
	case string:
		return parseAnyDate(v)
	case time.Time:
		return v.UTC(), true
	case toml.LocalDate:
		return v.AsTime(time.UTC), true
	case toml.LocalDateTime:
		return v.AsTime(time.UTC), true
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return time.Time{}, false
		}
		return unixDate(f)
	case int:
		return unixDate(float64(v))
	case int64:
		return unixDate(float64(v))
	case uint64:
		return unixDate(float64(v))
	case float64:
		return unixDate(v)
	}
	return time.Time{}, false
}

// countOf reads a read counter from a number or a numeric string;
// negative numbers (and NaN) are not counts, so the counter stays unknown
// and a problem says why; huge ones, even beyond what a float64 holds, are
// clamped to maxReads. Fractions are cut to whole reads.
func countOf(v any) (int, bool) {
	var f float64
	switch v := v.(type) {
	case string:
		return parseCount(v)
	case json.Number:
		n, err := strconv.ParseFloat(v.String(), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return 0, false
		}
		f = n // beyond float64 (1e400): ±Inf, clamped or refused below
	case int:
		f = float64(v)
	case int64:
		f = float64(v)
	case uint64:
		f = float64(v)
	case float64:
		f = v
	default:
		return 0, false
	}
	if !(f >= 0) { // also NaN
		return 0, false
	}
	return int(min(f, maxReads)), true
}

// tagsOf reads tags from a list of names or a comma-separated string.
func tagsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return strings.Split(v, ",")
	case []any:
		tags := make([]string, 0, len(v))
		for _, t := range v {
			if s := nameOf(t); s != "" {
				tags = append(tags, s)
			}
		}
		return tags
	}
	if s, ok := scalar(v); ok {
		return []string{s}
	}
	return nil
}

// nameOf reads a name from a scalar, an object with a name (or title), or
// a list of those (joined with commas).
func nameOf(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case map[string]any:
		r := newRecord(v)
		if s, ok := r.text("name"); ok {
			return s
		}
		s, _ := r.text("title")
		return s
	case []any:
		names := make([]string, 0, len(v))
		for _, x := range v {
			if s := strings.TrimSpace(nameOf(x)); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	s, _ := scalar(v)
	return s
}

// quote shows a value in a problem: quoted, sanitized and shortened.
func quote(v any) string {
	s := model.SanitizeLine(fmt.Sprint(v))
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return strconv.Quote(s)
}
