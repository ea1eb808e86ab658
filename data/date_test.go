package data

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	day := time.Date(2021, 7, 15, 0, 0, 0, 0, time.UTC)
	at := time.Date(2021, 7, 15, 14, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"15 July 2021", day},
		{"15 july 2021", day},
		{"15 JULY 2021", day},
		{"15 Jul 2021", day},
		{"15th July 2021", day},
		{"July 15, 2021", day},
		{"July 15 2021", day},
		{"Jul 15 2021", day},
		{"Jul. 15, 2021", day},
		{"Thursday, 15 July 2021", day},
		{"2021-07-15", day},
		{"15.07.2021", day},
		{"15/07/2021", day},
		{"07/15/2021", day}, // cannot be day first
		{"2021/07/15", day},
		{"\u00a015\u00a0July\u00a02021\u00a0", day},
		{"15 July 2021 14:30", at},
		{"15 July 2021, 14:30", at},
		{"15 July 2021 at 2:30 pm", at},
		{"2021-07-15T14:30:00Z", at},
		{"2021-07-15T14:30:00.123Z", at.Add(123 * time.Millisecond)},
		{"2021-07-15T16:30:00+02:00", at},
		{"2021-07-15T14:30", at},
		{"2021-07-15 14:30", at},
		{"2021-07-15 14:30:00", at},
		{"2021-07-15 14:30 UTC", at},
		{"2021-07-15 16:30 +0200", at},
		{"Thu, 15 Jul 2021 14:30:00 +0000", at},
		{"Thu, 15 Jul 2021 10:30:00 EDT", at},
		{"Thu, 15 Jul 2021 14:30:00 GMT", at},
		{"29 February 2024", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
	} {
		got, ok := parseDate(tc.in)
		if !ok || !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("parseDate(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{
		"", "July 2021", "15 July", "in 2021", "31 June 2021", "29 February 2023",
		"15 Foo 2021", "2021-13-01", "15 July 2021 25:00", "15 July 2021 banana",
		"First paragraph of the article", "Read: 715", "15 July 2021 13:00 pm",
		"1 2 3 4 2021", "99999999999999999999 July 2021",
	} {
		if got, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) = %v, want no date", in, got)
		}
	}
}

func TestParseCount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"715", 715, true},
		{"1,204", 1204, true},
		{"3 400", 3400, true},
		{"3\u00a0400", 3400, true},
		{"12.345", 12345, true},
		{"0", 0, true},
		{"99999999999999999999999", maxReads, true},
		{"", 0, false},
		{"-5", 0, false},
		{"1,,2", 0, false},
		{"12,", 0, false},
		{"many", 0, false},
	} {
		got, ok := parseCount(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseCount(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestUnixDate(t *testing.T) {
	want := time.Date(2021, 7, 15, 14, 30, 0, 0, time.UTC)
	for _, f := range []float64{float64(want.Unix()), float64(want.UnixMilli())} {
		if got, ok := unixDate(f); !ok || !got.Equal(want) {
			t.Errorf("unixDate(%v) = %v, %v", f, got, ok)
		}
	}
	if _, ok := unixDate(-1); ok {
		t.Error("negative Unix time accepted")
	}
}
