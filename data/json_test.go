package data

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

func jsonArticle(index int, title, body string) model.Article {
	return model.Article{Index: index, Title: title, Body: body, Reads: model.NoReads, Format: model.FormatJSON}
}

func TestParseJSON(t *testing.T) {
	at := time.Date(2022, 11, 3, 9, 15, 0, 0, time.UTC)
	full := jsonArticle(0, "River festival returns", "The festival returns.\n\nBoats and music.")
	full.Date, full.Reads = at, 1204
	full.Tags = []string{"Culture", "river", "Local", "Boats"}
	full.URL, full.Source, full.Author = "https://post.example/river", "The Valley Post", "A. Writer"
	fullJSON := `{"title": "River festival returns", "date": "2022-11-03T09:15:00Z", "published": "1999-01-01",
		"tags": ["Culture", "#river"], "categories": "Local, Boats", "keywords": null,
		"body": "The festival returns.\r\n\r\n\r\nBoats and music.  ", "content": "ignored",
		"url": "https://post.example/river", "link": "https://other.example",
		"source": {"name": "The Valley Post"}, "author": "A. Writer", "reads": 1204}`
	with := func(a model.Article, f func(*model.Article)) model.Article { f(&a); return a }
	for _, tc := range []struct {
		name, text string
		want       []model.Article
		probs      []string
	}{
		{"one object, field precedence", fullJSON, []model.Article{full}, nil},
		{"array", `[` + fullJSON + `, {"title": "Second", "text": "Plain."}]`,
			[]model.Article{full, jsonArticle(1, "Second", "Plain.")}, nil},
		{"objects one after another", fullJSON + "\n" + `{"title": "Second"}`,
			[]model.Article{full, jsonArticle(1, "Second", "")}, nil},
		{"wrapper with items", `{"version": "feed", "title": "The feed", "items": [` + fullJSON + `, {"content_text": "Body only.\nMore."}]}`,
			[]model.Article{full, jsonArticle(1, "Body only.", "Body only.\nMore.")}, nil},
		{"published when no date", `{"title": "T", "published": 1626359400}`,
			[]model.Article{with(jsonArticle(0, "T", ""), func(a *model.Article) { a.Date = time.Date(2021, 7, 15, 14, 30, 0, 0, time.UTC) })}, nil},
		{"date in milliseconds, reads as a string, authors list", `{"title": "T", "date": 1626359400000, "reads": "3 400", "authors": [{"name": "A"}, "B"]}`,
			[]model.Article{with(jsonArticle(0, "T", ""), func(a *model.Article) {
				a.Date, a.Reads, a.Author = time.Date(2021, 7, 15, 14, 30, 0, 0, time.UTC), 3400, "A, B"
			})}, nil},
		{"empty date falls through to published", `{"title": "T", "date": "", "published": "15 July 2021"}`,
			[]model.Article{with(jsonArticle(0, "T", ""), func(a *model.Article) { a.Date = time.Date(2021, 7, 15, 0, 0, 0, 0, time.UTC) })}, nil},
		{"bad values are problems", `{"title": "T", "date": "soon", "reads": -3}`,
			[]model.Article{jsonArticle(0, "T", "")},
			[]string{`record 1 (line 1): date: not a date: "soon"`, `record 1 (line 1): reads: not a count: "-3"`}},
		{"records without title or body, and non-objects, are skipped", "[\n{\"title\": \"A\"},\n{\"url\": \"x\"},\n\"text\",\n{\"title\": \"D\"}\n]",
			[]model.Article{jsonArticle(0, "A", ""), jsonArticle(3, "D", "")},
			[]string{"record 2 (line 3): no title or body: skipped", "record 3 (line 4): not an object: skipped"}},
		{"escapes sanitized", `{"title": "Red\u001b[31m\nalert", "body": "a\u001b]0;x\u0007b\u009b2Jc", "tags": ["\u202eevil"]}`,
			[]model.Article{with(jsonArticle(0, "Red alert", "abc"), func(a *model.Article) { a.Tags = []string{"evil"} })}, nil},
		{"BOM", "\uFEFF" + `{"title": "T"}`, []model.Article{jsonArticle(0, "T", "")}, nil},
		{"empty array", `[]`, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts, probs, err := ParseJSON("a.json", tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if arts = withoutSpans(t, strings.TrimPrefix(tc.text, "\uFEFF"), arts); !reflect.DeepEqual(arts, tc.want) {
				t.Errorf("got  %#v\nwant %#v", arts, tc.want)
			}
			if got := reasons(probs); !reflect.DeepEqual(got, tc.probs) {
				t.Errorf("problems %q, want %q", got, tc.probs)
			}
		})
	}
}

func reasons(probs []model.Problem) []string {
	var r []string
	for _, p := range probs {
		r = append(r, p.Reason)
	}
	return r
}

func TestParseJSONMalformed(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
		arts             int
	}{
		{"syntax error", "{\n\"title\": \"A\",\n\"body\": oops\n}", "malformed JSON: line 3: invalid character 'o' looking for beginning of value", 0},
		{"truncated", `{"title": "A"`, "malformed JSON: line 1: unexpected end of JSON input", 0},
		{"broken array keeps what came before", "[{\"title\": \"A\"},\n{\"title\": ]", "malformed JSON: line 2: invalid character ']' looking for beginning of value", 1},
		{"not an object", `"just a string"`, `malformed JSON: line 1: want an object or an array, not '"'`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts, _, err := ParseJSON("a.json", tc.text)
			if err == nil || err.Error() != tc.want || len(arts) != tc.arts {
				t.Errorf("got %d articles, error %v; want %d, %q", len(arts), err, tc.arts, tc.want)
			}
		})
	}
}

func TestParseJSONL(t *testing.T) {
	text := strings.Join([]string{
		`{"title": "First", "body": "One."}`,
		``,
		`{"title": "Second", "tags": "a, b"}   `,
		`{"title": "Broken"`,
		`{"body": ""}`,
		`[1, 2]`,
		`null`,
		`{"title": "Last"} {"title": "extra"}`,
		`{"title": "Really last", "published": "2021-07-15"}`,
	}, "\r\n")
	arts, probs, err := ParseJSONL("a.jsonl", text)
	if err != nil {
		t.Fatal(err)
	}
	arts = withoutSpans(t, text, arts)
	last := jsonArticle(7, "Really last", "")
	last.Date = time.Date(2021, 7, 15, 0, 0, 0, 0, time.UTC)
	second := jsonArticle(1, "Second", "")
	second.Tags = []string{"a", "b"}
	want := []model.Article{jsonArticle(0, "First", "One."), second, last}
	if !reflect.DeepEqual(arts, want) {
		t.Errorf("got  %#v\nwant %#v", arts, want)
	}
	wantProbs := []string{
		"line 4: malformed JSON: unexpected end of JSON input",
		"line 5: no title or body: skipped",
		"line 6: not an object: skipped",
		"line 7: not an object: skipped",
		"line 8: malformed JSON: more after the object",
	}
	if got := reasons(probs); !reflect.DeepEqual(got, wantProbs) {
		t.Errorf("problems\n%q\nwant\n%q", got, wantProbs)
	}
}

func TestTitleFromBody(t *testing.T) {
	long := strings.Repeat("word ", 30)
	got := titleFromBody("\n\n" + long + "\nsecond line")
	if n := len([]rune(got)); n != maxDerivedTitle || !strings.HasSuffix(got, "…") {
		t.Errorf("titleFromBody = %q (%d runes)", got, n)
	}
}

func TestParseJSONLManyProblems(t *testing.T) {
	text := strings.Repeat("{\n", 1000) + `{"title": "Fine"}`
	arts, probs, err := ParseJSONL("a.jsonl", text)
	if err != nil || len(arts) != 1 || len(probs) != maxRecordProblems+1 {
		t.Fatalf("%d articles, %d problems, %v", len(arts), len(probs), err)
	}
	if last := probs[len(probs)-1].Reason; last != "980 more records with problems" {
		t.Errorf("last problem %q", last)
	}
}

// withoutSpans checks that every article's span (Offset, Length) in text
// is its record alone — parsed by itself, it gives the same article — and
// returns the articles with their spans zeroed, for comparing.
func withoutSpans(t *testing.T, text string, arts []model.Article) []model.Article {
	t.Helper()
	out := slices.Clone(arts)
	for i, a := range arts {
		out[i].Offset, out[i].Length = 0, 0
		if a.Length == 0 {
			continue
		}
		if a.Offset < 0 || a.Offset+a.Length > len(text) {
			t.Fatalf("article %d: span %d+%d outside the text (%d bytes)", i, a.Offset, a.Length, len(text))
		}
		alone, _, err := ParseJSON("record.json", text[a.Offset:a.Offset+a.Length])
		if err != nil || len(alone) != 1 {
			t.Fatalf("article %d: its span %q parses to %d articles, %v", i, text[a.Offset:a.Offset+a.Length], len(alone), err)
		}
		got, want := alone[0], a
		got.Index, got.Offset, got.Length = 0, 0, 0
		want.Index, want.Offset, want.Length = 0, 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("article %d: its span parses to\n %#v\nnot\n %#v", i, got, want)
		}
	}
	return out
}
