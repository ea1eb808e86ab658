package data

import (
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

func TestParseMarkdown(t *testing.T) {
	at := time.Date(2022, 11, 3, 9, 15, 0, 0, time.UTC)
	day := time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)
	md := func(title string, date time.Time, reads int, tags []string, body string) model.Article {
		return model.Article{Title: title, Date: date, Reads: reads, Tags: tags, Format: model.FormatMarkdown, Body: body}
	}
	for _, tc := range []struct {
		name, file, text string
		want             model.Article
	}{
		{
			"YAML front matter", "notes/river.md",
			"---\ntitle: \"River festival returns\"\ndate: 2022-11-03T09:15:00Z\ntags: [Culture, river]\n" +
				"categories: Local\nsource: The Valley Post\nurl: https://post.example/river\nauthor: A. Writer\nreads: 1204\n---\n\n" +
				"The **festival** returns.\n\n- boats\n- music  \n",
			model.Article{
				Title: "River festival returns", Date: at, Reads: 1204, Tags: []string{"Culture", "river", "Local"},
				Source: "The Valley Post", URL: "https://post.example/river", Author: "A. Writer",
				Format: model.FormatMarkdown, Body: "The **festival** returns.\n\n- boats\n- music",
			},
		},
		{
			"YAML tags as a comma string, date without time, reads as a string", "a.md",
			"---\nTitle: River\nDate: 2022-11-03\ntags: \"Culture, #river , \"\nreads: \"1,204\"\n---\nBody",
			md("River", day, 1204, []string{"Culture", "river"}, "Body"),
		},
		{
			"YAML ... end marker and written date", "a.md",
			"---\ntitle: River\ndate: 3 November 2022 09:15\n...\nBody",
			md("River", at, model.NoReads, nil, "Body"),
		},
		{
			"TOML front matter", "a.markdown",
			"+++\ntitle = \"River\"\ndate = 2022-11-03T09:15:00Z\ntags = [\"Culture\"]\ncategories = [\"Local\"]\nreads = 7\n+++\n# Heading stays\nBody",
			md("River", at, 7, []string{"Culture", "Local"}, "# Heading stays\nBody"),
		},
		{
			"TOML local date", "a.md",
			"+++\ntitle = \"River\"\ndate = 2022-11-03\n+++\nBody",
			md("River", day, model.NoReads, nil, "Body"),
		},
		{
			"TOML local date-time", "a.md",
			"+++\ntitle = \"River\"\ndate = 2022-11-03T09:15:00\n+++\nBody",
			md("River", at, model.NoReads, nil, "Body"),
		},
		{
			"no front matter: first heading is the title", "a.md",
			"Intro line.\n\n# River festival returns #\n\nBody\n\n# Second heading",
			md("River festival returns", time.Time{}, model.NoReads, nil, "Intro line.\n\n\nBody\n\n# Second heading"),
		},
		{
			"heading in fenced code is not the title", "a.md",
			"```sh\n# comment\n```\n# Real title\nBody",
			md("Real title", time.Time{}, model.NoReads, nil, "```sh\n# comment\n```\nBody"),
		},
		{
			"heading keeps a hash that is part of it", "a.md",
			"# Learning C#\nBody",
			md("Learning C#", time.Time{}, model.NoReads, nil, "Body"),
		},
		{
			"front matter without a title, then a heading", "a.md",
			"---\ndate: 2022-11-03\n---\n\n# From the heading\n\nBody",
			md("From the heading", day, model.NoReads, nil, "Body"),
		},
		{
			"no title anywhere: the file name", "world/river-festival.md",
			"Just text, ## not a title\n\n## Level two",
			md("river-festival", time.Time{}, model.NoReads, nil, "Just text, ## not a title\n\n## Level two"),
		},
		{
			"a first heading that repeats the front matter title is dropped", "a.md",
			"---\ntitle: River  festival\n---\n\n# River festival\n\nBody\n# River festival",
			md("River festival", time.Time{}, model.NoReads, nil, "Body\n# River festival"),
		},
		{
			"a first heading that differs from the front matter title stays", "a.md",
			"---\ntitle: River festival\n---\n# Programme\nBody",
			md("River festival", time.Time{}, model.NoReads, nil, "# Programme\nBody"),
		},
		{
			"empty front matter", "a.md",
			"---\n---\n# T\nBody",
			md("T", time.Time{}, model.NoReads, nil, "Body"),
		},
		{
			"CRLF, BOM and escapes", "a.md",
			"\uFEFF---\r\ntitle: \"River\\e[31m festival\"\r\n---\r\nBody\x1b]0;x\x07 text\r\n",
			md("River festival", time.Time{}, model.NoReads, nil, "Body text"),
		},
		{
			"thematic break is not front matter when it is not first", "a.md",
			"# T\n---\nBody",
			md("T", time.Time{}, model.NoReads, nil, "---\nBody"),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := parseOne(t, ParseMarkdown, tc.file, tc.text)
			if !equalArticles(got, tc.want) {
				t.Errorf("got  %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func TestParseMarkdownBrokenFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		// yaml.v3 names the line before an unclosed flow sequence.
		{"YAML syntax", "---\ntitle: River\ntags: [a, b\n---\nBody", "front matter: yaml: line 2: did not find expected ',' or ']'"},
		{"YAML indentation", "---\ntitle: River\n  date: x: y\n---\n", "front matter: yaml: line 3: mapping values are not allowed in this context"},
		{"YAML not a mapping", "---\n- a\n- b\n---\nBody", "front matter: yaml: line 2: not a mapping of names to values"},
		{"TOML syntax", "+++\ntitle = \"River\"\ndate = = 3\n+++\nBody", "front matter: toml: line 3: "},
		{"not closed", "---\ntitle: River\n\nBody", "front matter: no closing --- line"},
		{"too large", "---\n" + strings.Repeat("# padding\n", 7000) + "---\nBody", "front matter: larger than 64 KiB"},
		{"alias bomb", "---\n" + aliasBomb() + "---\nBody", "front matter: yaml: aliases expand to more than 65536 values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts, _, err := ParseMarkdown("a.md", tc.text)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || len(arts) != 0 {
				t.Errorf("got %d articles, error %v; want %q", len(arts), err, tc.want)
			}
		})
	}
}

// aliasBomb is a "billion laughs" document: nine levels of nine aliases.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [\"lol\"]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for k := range 9 {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestParseMarkdownBadValues(t *testing.T) {
	arts, probs, err := ParseMarkdown("a.md", "---\ntitle: T\ndate: someday\nreads: many\n---\nBody")
	if err != nil || len(arts) != 1 || arts[0].HasDate() || arts[0].HasReads() {
		t.Fatalf("%v %v", arts, err)
	}
	want := []model.Problem{
		{Path: "a.md", Reason: `front matter: date: not a date: "someday"`, Loaded: true},
		{Path: "a.md", Reason: `front matter: reads: not a count: "many"`, Loaded: true},
	}
	if !equalProblems(probs, want) {
		t.Errorf("problems %v, want %v", probs, want)
	}
}
