package data

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

const nbsp = "\u00a0"

// sampleText is a fictional article in the shape news sites export: no
// final newline, no-break spaces in the metadata and tag lines, the title
// repeated, and a footer after the tags.
var sampleText = strings.Join([]string{
	"Harbour council approves new ferry timetable",
	"",
	nbsp + "12 March 2023" + nbsp + " " + nbsp + " " + nbsp + "  Read: 1,204",
	"Harbour council approves new ferry timetable",
	"",
	"The harbour council voted on Tuesday to add two evening crossings.",
	"",
	"“We listened to the night-shift workers,” the council chair said.",
	"",
	"",
	"More about: #Harbour " + nbsp + " #Transport " + nbsp + " #Ostrava " + nbsp,
	"",
	"",
	"News Line",
}, "\n")

var sampleBody = "The harbour council voted on Tuesday to add two evening crossings.\n\n" +
	"“We listened to the night-shift workers,” the council chair said."

func parseOne(t *testing.T, parse parser, name, text string) model.Article {
	t.Helper()
	arts, probs, err := parse(name, text)
	if err != nil || len(probs) > 0 || len(arts) != 1 {
		t.Fatalf("%s: %d articles, problems %v, error %v; want one article", name, len(arts), probs, err)
	}
	return arts[0]
}

func TestParseText(t *testing.T) {
	march12 := time.Date(2023, 3, 12, 0, 0, 0, 0, time.UTC)
	sample := model.Article{
		Title:  "Harbour council approves new ferry timetable",
		Date:   march12,
		Reads:  1204,
		Tags:   []string{"Harbour", "Transport", "Ostrava"},
		Format: model.FormatText,
		Body:   sampleBody,
	}
	with := func(f func(a *model.Article)) model.Article {
		a := sample
		f(&a)
		return a
	}
	for _, tc := range []struct {
		name string
		text string
		want model.Article
	}{
		{"real shape", sampleText, sample},
		{"CRLF and BOM", "\uFEFF" + strings.ReplaceAll(sampleText, "\n", "\r\n"), sample},
		{"lone CR", strings.ReplaceAll(sampleText, "\n", "\r"), sample},
		{"final newline", sampleText + "\n", sample},
		{"no footer", strings.TrimSuffix(sampleText, "\n\n\nNews Line"), sample},
		{
			"meta line right under the title, no blank lines",
			"Harbour council approves new ferry timetable\n12 March 2023 Read: 1204\n" + sampleBody,
			with(func(a *model.Article) { a.Tags = nil }),
		},
		{
			"no meta line: the next line is body",
			"Harbour council approves new ferry timetable\n" + sampleBody,
			with(func(a *model.Article) { a.Date, a.Reads, a.Tags = time.Time{}, model.NoReads, nil }),
		},
		{
			"no meta line, title repeated",
			"Harbour council approves new ferry timetable\n\nHarbour council approves new ferry timetable\n\n" + sampleBody,
			with(func(a *model.Article) { a.Date, a.Reads, a.Tags = time.Time{}, model.NoReads, nil }),
		},
		{
			"meta line too far below the title is body",
			"Harbour council approves new ferry timetable\n\n\n\n12 March 2023\n\n" + sampleBody,
			with(func(a *model.Article) {
				a.Date, a.Reads, a.Tags = time.Time{}, model.NoReads, nil
				a.Body = "12 March 2023\n\n" + sampleBody
			}),
		},
		{
			"white space in the title collapses, and the repeat still matches",
			"Harbour  council approves" + nbsp + "new ferry timetable\n\n\tHarbour council approves new  ferry timetable\n\n" + sampleBody,
			with(func(a *model.Article) { a.Date, a.Reads, a.Tags = time.Time{}, model.NoReads, nil }),
		},
		{
			"date only",
			"Harbour council approves new ferry timetable\n\n2023-03-12\n\n" + sampleBody,
			with(func(a *model.Article) { a.Reads, a.Tags = model.NoReads, nil }),
		},
		{
			"date and time",
			"Harbour council approves new ferry timetable\n\n12 March 2023 14:30    Read: 1204\n\n" + sampleBody,
			with(func(a *model.Article) { a.Date, a.Tags = march12.Add(14*time.Hour+30*time.Minute), nil }),
		},
		{
			"reads only",
			"Harbour council approves new ferry timetable\n\nViews: 1 204\n\n" + sampleBody,
			with(func(a *model.Article) { a.Date, a.Tags = time.Time{}, nil }),
		},
		{
			"Tags: with hashes and commas",
			"Harbour council approves new ferry timetable\n\n" + sampleBody + "\n\nTags: #Harbour, #Transport, #Ostrava\nfooter",
			with(func(a *model.Article) { a.Date, a.Reads = time.Time{}, model.NoReads }),
		},
		{
			"tags without hashes, comma separated",
			"Harbour council approves new ferry timetable\n\n" + sampleBody + "\n\ntags:Harbour,Transport , Ostrava",
			with(func(a *model.Article) { a.Date, a.Reads = time.Time{}, model.NoReads }),
		},
		{
			"tags without hashes, space separated",
			"Harbour council approves new ferry timetable\n\n" + sampleBody + "\n\nMore about:" + nbsp + "Harbour" + nbsp + "Transport Ostrava",
			with(func(a *model.Article) { a.Date, a.Reads = time.Time{}, model.NoReads }),
		},
		{
			"multi-word hashtags and duplicates",
			"Harbour council approves new ferry timetable\n\n" + sampleBody + "\n\nMore about: #New York #harbour #Harbour",
			with(func(a *model.Article) {
				a.Date, a.Reads, a.Tags = time.Time{}, model.NoReads, []string{"New York", "harbour"}
			}),
		},
		{
			"trailing spaces trimmed, blank lines collapsed",
			"Harbour council approves new ferry timetable\n\n\n\n\n  Indented first line.  \n" + nbsp + "\n\n\n\nSecond.\t\n\n\n",
			with(func(a *model.Article) {
				a.Date, a.Reads, a.Tags = time.Time{}, model.NoReads, nil
				a.Body = "  Indented first line.\n\nSecond."
			}),
		},
		{
			"only a title",
			"\n\n   Harbour council approves new ferry timetable   \n\n",
			with(func(a *model.Article) { a.Date, a.Reads, a.Tags, a.Body = time.Time{}, model.NoReads, nil, "" }),
		},
		{
			"escape sequences removed",
			"\x1b[31mHarbour council\x1b[0m approves new ferry timetable\x07\n\n12 March 2023\n\n" +
				"The harbour council voted\x1b]8;;https://evil.example\x1b\\ on Tuesday\x1b]8;;\x1b\\ to add two evening crossings.\x1b[2J\n\n" +
				"“We listened to the night-shift workers,” the council chair said.\u202e",
			with(func(a *model.Article) { a.Reads, a.Tags = model.NoReads, nil }),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := parseOne(t, ParseText, "a.txt", tc.text)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func TestParseTextEmpty(t *testing.T) {
	for _, text := range []string{"", "\n\n", "  \t \r\n", nbsp + "\n" + nbsp, "\uFEFF", "\x1b[2J\n\x1b]0;x\x07"} {
		arts, _, err := ParseText("a.txt", text)
		if !errors.Is(err, errEmpty) || len(arts) != 0 {
			t.Errorf("ParseText(%q) = %d articles, %v; want errEmpty", text, len(arts), err)
		}
	}
}

func TestParseTextTagLineIsTheLast(t *testing.T) {
	text := "Title\n\nTags: early, mention\n\nMore text.\n\nMore about: #Late\n\nFooter\nTags: footer"
	// The last tag line wins; "Tags: footer" is that last line here.
	a := parseOne(t, ParseText, "a.txt", text)
	if !reflect.DeepEqual(a.Tags, []string{"footer"}) || !strings.Contains(a.Body, "More about: #Late") {
		t.Errorf("tags %q body %q", a.Tags, a.Body)
	}
	// A line that merely starts with the word is body.
	a = parseOne(t, ParseText, "a.txt", "Title\n\nTagsets are big.\nMore about this later.")
	if a.Tags != nil || a.Body != "Tagsets are big.\nMore about this later." {
		t.Errorf("tags %q body %q", a.Tags, a.Body)
	}
}

func TestParseTextReads(t *testing.T) {
	for _, tc := range []struct {
		meta  string
		reads int
	}{
		{"15 July 2021 Read: 715", 715},
		{"15 July 2021 Read:715", 715},
		{"15 July 2021 | Reads: 1,204", 1204},
		{"15 July 2021 · views 3 400", 3400},
		{"15 July 2021 READ: 99999999999999999", maxReads},
		{"15 July 2021", model.NoReads},
	} {
		a := parseOne(t, ParseText, "a.txt", "Title\n\n"+tc.meta+"\n\nBody.")
		if a.Reads != tc.reads || a.Body != "Body." || !a.HasDate() {
			t.Errorf("%q: reads %d (want %d), body %q, date %v", tc.meta, a.Reads, tc.reads, a.Body, a.Date)
		}
	}
}

// TestCounterAt: the counter's word stands alone; a word that holds one
// (Threads, Preview, Readers) is not it.
func TestCounterAt(t *testing.T) {
	for _, tc := range []struct {
		s       string
		at, len int
	}{
		{"Read: 715", 0, 4},
		{"15 July 2021 | Reads: 1,204", 15, 5},
		{"Threads: 3 | Reads: 12", 13, 5},
		{"Preview 4 · VIEWS 9", 13, 5}, // · is two bytes
		{"Readers: 40", -1, 0},
		{"spreadsheet", -1, 0},
	} {
		if at, n := counterAt(tc.s); at != tc.at || n != tc.len {
			t.Errorf("counterAt(%q) = %d, %d; want %d, %d", tc.s, at, n, tc.at, tc.len)
		}
	}
}
