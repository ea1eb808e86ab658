package data

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// months maps lower-case month names and their abbreviations to months.
var months = func() map[string]time.Month {
	m := map[string]time.Month{"sept": time.September}
	for mo := time.January; mo <= time.December; mo++ {
		name := strings.ToLower(mo.String())
		m[name] = mo
		m[name[:3]] = mo
	}
	return m
}()

// weekdays holds lower-case weekday names and abbreviations, which a date
// may start with and which are otherwise ignored.
var weekdays = func() map[string]bool {
	m := map[string]bool{"tues": true, "thur": true, "thurs": true}
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		m[name] = true
		m[name[:3]] = true
	}
	return m
}()

// zones maps the zone names a date may end with to their offsets in hours.
var zones = map[string]int{
	"z": 0, "utc": 0, "gmt": 0, "ut": 0,
	"est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
	"cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3,
}

// isoLayouts are the ISO 8601 forms parseDate accepts, tried in order.
// Forms without a zone are read as UTC.
var isoLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseDate reads a date as news sites and feeds write it, in UTC:
// ISO 8601 and RFC 3339 (2021-07-15, 2021-07-15T14:30:00Z, 2021-07-15
// 14:30); day, month name and year in either order (15 July 2021, July 15,
// 2021, Jul 15 2021, Thu, 15 Jul 2021 14:30:00 +0000); and numeric dates
// (15.07.2021, 15/07/2021 day first unless that cannot be, 2021/07/15).
// Month and weekday names are case-insensitive and may be abbreviated. A
// time (14:30, 14:30:05, 2:30 pm) and a zone (Z, UTC, +03:00, -0500, EST)
// may follow; a date without a zone is UTC, one without a time is midnight.
//
// Only dates from the year datesFrom to datesTo, in UTC, are dates.
func parseDate(s string) (time.Time, bool) {
	t, ok := parseAnyDate(s)
	if !ok {
		return time.Time{}, false
	}
	return inRange(t)
}

// The years a date may have: outside them a value is a typo, a sentinel
// (0001-01-01), or a counter taken for a Unix time (1e15 ms is the year
// 33658), not a date; and RFC 3339, which `list --json` writes, has no
// room for years past 9999. Checked in UTC, after any zone offset.
const (
	datesFrom = 1000
	datesTo   = 9999
)

// inRange returns t in UTC when its year is within datesFrom and datesTo.
func inRange(t time.Time) (time.Time, bool) {
	t = t.UTC()
	if y := t.Year(); y < datesFrom || y > datesTo {
		return time.Time{}, false
	}
	return t, true
}

// parseAnyDate is parseDate with any year.
func parseAnyDate(s string) (time.Time, bool) {
	if len(s) > 128 {
		return time.Time{}, false
	}
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	if len(s) < 6 || len(s) > 64 {
		return time.Time{}, false
	}
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		for _, layout := range isoLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), true
			}
		}
		if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
			return parseWords(s[:10] + " " + s[11:]) // 2021-07-15 14:30 UTC and the like
		}
		return time.Time{}, false
	}
	return parseWords(s)
}

// dateParts collects what parseWords recognised.
type dateParts struct {
	nums           []int // numbers not part of a time, in order
	numLen         []int // their digit counts
	month          time.Month
	hour, min, sec int
	hasTime        bool
	pm, am         bool
	offset         int // seconds east of UTC
}

// parseWords reads dates written as words and numbers.
func parseWords(s string) (time.Time, bool) {
	var p dateParts
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ','
	})
	for i, f := range fields {
		if !p.field(f, i == 0) {
			return time.Time{}, false
		}
	}
	return p.date()
}

// field takes in one whitespace-separated field of a date.
func (p *dateParts) field(f string, first bool) bool {
	lower := strings.ToLower(strings.TrimSuffix(f, "."))
	switch {
	case lower == "":
		return true
	case months[lower] != 0 && p.month == 0:
		p.month = months[lower]
		return true
	case weekdays[lower] && first, lower == "at", lower == "of":
		return true
	case lower == "am" || lower == "a.m":
		p.am = true
		return true
	case lower == "pm" || lower == "p.m":
		p.pm = true
		return true
	case f[0] == '+' || (f[0] == '-' && p.hasTime):
		return p.zoneOffset(f)
	}
	if h, ok := zones[lower]; ok && (p.hasTime || len(p.nums) >= 2) {
		p.offset = h * 3600
		return true
	}
	if strings.ContainsRune(f, ':') {
		return p.clock(f)
	}
	// Numbers, maybe joined by . / or -: 15.07.2021, 2021/07/15, 15th.
	for _, part := range strings.FieldsFunc(lower, func(r rune) bool { return r == '.' || r == '/' || r == '-' }) {
		for _, suffix := range []string{"st", "nd", "rd", "th"} {
			if len(part) > 2 {
				part = strings.TrimSuffix(part, suffix)
			}
		}
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 || len(p.nums) == 3 {
			return false
		}
		p.nums = append(p.nums, n)
		p.numLen = append(p.numLen, len(part))
	}
	return true
}

// clock reads 14:30, 14:30:05 or 14:30:05.123, maybe with a Z suffix.
func (p *dateParts) clock(f string) bool {
	if p.hasTime {
		return false
	}
	if z := strings.IndexAny(f, "Zz+-"); z > 0 {
		if !p.zoneOffset(f[z:]) {
			return false
		}
		f = f[:z]
	}
	if dot := strings.IndexByte(f, '.'); dot > 0 {
		f = f[:dot]
	}
	parts := strings.Split(f, ":")
	if len(parts) > 3 {
		return false
	}
	vals := [3]int{}
	for i, part := range parts {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 || len(part) > 2 {
			return false
		}
		vals[i] = n
	}
	p.hour, p.min, p.sec, p.hasTime = vals[0], vals[1], vals[2], true
	return p.hour < 24 && p.min < 60 && p.sec < 61
}

// zoneOffset reads Z, +03, +0300 or +03:00.
func (p *dateParts) zoneOffset(f string) bool {
	if f == "Z" || f == "z" {
		return true
	}
	sign := 1
	if f[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(f[1:], ":", "")
	if len(digits) != 2 && len(digits) != 4 {
		return false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 {
		return false
	}
	h, m := n, 0
	if len(digits) == 4 {
		h, m = n/100, n%100
	}
	if h > 14 || m > 59 {
		return false
	}
	p.offset = sign * (h*3600 + m*60)
	return true
}

// date assembles the parts: a month name with a day and a four-digit year,
// or three numbers with a four-digit year first or last.
func (p *dateParts) date() (time.Time, bool) {
	var year, month, day int
	switch {
	case p.month != 0 && len(p.nums) == 2:
		month = int(p.month)
		switch {
		case p.numLen[1] == 4:
			day, year = p.nums[0], p.nums[1]
		case p.numLen[0] == 4:
			year, day = p.nums[0], p.nums[1]
		default:
			return time.Time{}, false
		}
	case p.month == 0 && len(p.nums) == 3:
		switch {
		case p.numLen[0] == 4:
			year, month, day = p.nums[0], p.nums[1], p.nums[2]
		case p.numLen[2] == 4 && p.nums[1] > 12 && p.nums[0] <= 12:
			month, day, year = p.nums[0], p.nums[1], p.nums[2] // 07/15/2021
		case p.numLen[2] == 4:
			day, month, year = p.nums[0], p.nums[1], p.nums[2]
		default:
			return time.Time{}, false
		}
	default:
		return time.Time{}, false
	}
	hour := p.hour
	switch {
	case (p.am || p.pm) && (!p.hasTime || hour < 1 || hour > 12):
		return time.Time{}, false
	case p.pm && hour < 12:
		hour += 12
	case p.am && hour == 12:
		hour = 0
	}
	if month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, p.min, min(p.sec, 59), 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31 June
	}
	return t.Add(-time.Duration(p.offset) * time.Second), true
}

// unixDate reads a Unix time in seconds, or in milliseconds when it is too
// large to be seconds.
func unixDate(f float64) (time.Time, bool) {
	if math.IsNaN(f) || f < 0 || f > 1e15 {
		return time.Time{}, false
	}
	if f > 1e11 {
		return time.UnixMilli(int64(f)).UTC(), true
	}
	return time.Unix(int64(f), 0).UTC(), true
}

// maxReads is where read counters are clamped.
const maxReads = math.MaxInt32

// parseCount reads a non-negative read counter written with or without
// group separators (715, 1,204, 3 400, 12.345): digits, each group after
// the first preceded by one separator.
func parseCount(s string) (int, bool) {
	s = strings.TrimSpace(s)
	n, digits, sep := 0, 0, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = min(n*10+int(r-'0'), maxReads)
			digits++
			sep = false
		case (r == ',' || r == '.' || r == ' ' || r == '\'' || r == '\u00a0' || r == '\u202f' || r == '_') && digits > 0 && !sep:
			sep = true
		default:
			return 0, false
		}
	}
	if digits == 0 || sep {
		return 0, false
	}
	return n, true
}
