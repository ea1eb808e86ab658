package data

import (
	"errors"
	"testing"
	"unicode/utf16"

	"github.com/newsline/newsline/model"
)

func utf16Bytes(s string, bigEndian bool) []byte {
	b := []byte{0xff, 0xfe}
	if bigEndian {
		b = []byte{0xfe, 0xff}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       []byte
		want     string
		repaired string
		err      error
	}{
		{"UTF-8", []byte("Café\n"), "Café\n", "", nil},
		{"UTF-8 BOM dropped", []byte("\xef\xbb\xbfCafé"), "Café", "", nil},
		{"UTF-16 LE", utf16Bytes("Café 東京 😀\r\n", false), "Café 東京 😀\r\n", "", nil},
		{"UTF-16 BE", utf16Bytes("Café 東京 😀", true), "Café 東京 😀", "", nil},
		{"Windows-1252", []byte("Caf\xe9 \x93quoted\x94 \x80"), "Café “quoted” €", reasonWindows1252, nil},
		{"invalid UTF-8 re-decoded", []byte("ok \xc3\x28"), "ok Ã(", reasonWindows1252, nil},
		{"NUL is binary", []byte("PK\x03\x04\x00\x00"), "", "", errBinary},
		{"UTF-16 without BOM is binary", []byte("T\x00i\x00"), "", "", errBinary},
		{"NUL after 8 KiB is not looked for", append(repeat('a', binaryProbe), 0), string(repeat('a', binaryProbe)) + "\x00", "", nil},
		{"empty", nil, "", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, repaired, err := decode(tc.in)
			if got != tc.want || repaired != tc.repaired || !errors.Is(err, tc.err) {
				t.Errorf("decode = %q, %q, %v; want %q, %q, %v", got, repaired, err, tc.want, tc.repaired, tc.err)
			}
		})
	}
}

func repeat(c byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = c
	}
	return b
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"a\r\nb\rc\n": "a\nb\nc\n",
		"\uFEFFa":     "a",
		"a\n\r\n\r":   "a\n\n\n",
		"plain":       "plain",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDecodes(t *testing.T) {
	text := "R\u00e9sum\u00e9 of the caf\u00e9 debate\r\n\r\n15 July 2021\r\n\r\nThe caf\u00e9 stays open.\r\n"
	want := model.Article{
		Title: "Résumé of the café debate", Reads: model.NoReads, Format: model.FormatText,
		Date: mustDate(t, "2021-07-15"), Body: "The café stays open.",
	}
	for _, tc := range []struct {
		name  string
		in    []byte
		probs []model.Problem
	}{
		{"UTF-16 LE", utf16Bytes(text, false), nil},
		{"UTF-16 BE", utf16Bytes(text, true), nil},
		{"Windows-1252", []byte("R\xe9sum\xe9 of the caf\xe9 debate\r\n\r\n15 July 2021\r\n\r\nThe caf\xe9 stays open.\r\n"),
			[]model.Problem{{Path: "a.txt", Reason: "not UTF-8: re-decoded as Windows-1252", Loaded: true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts, probs, err := Parse("a.txt", tc.in)
			if err != nil || len(arts) != 1 {
				t.Fatalf("Parse: %d articles, %v", len(arts), err)
			}
			if !equalArticles(arts[0], want) {
				t.Errorf("got %#v\nwant %#v", arts[0], want)
			}
			if !equalProblems(probs, tc.probs) {
				t.Errorf("problems %v, want %v", probs, tc.probs)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"a.txt", []byte("GIF89a\x00\x01"), "binary file: skipped"},
		{"a.txt", []byte(" \n\t\n"), "empty file"},
		{"a.md", nil, "empty file"},
		{"a.json", []byte("\n"), "empty file"},
		{"a.jsonl", nil, "empty file"},
		{"a.html", []byte(" \n"), "empty file"},
		{"a.doc", []byte("x"), "not a news file (.txt, .md, .markdown, .json, .jsonl, .ndjson, .rss, .atom, .rdf, .xml, .html, .htm): skipped"},
	} {
		arts, _, err := Parse(tc.name, tc.in)
		if err == nil || err.Error() != tc.want || len(arts) != 0 {
			t.Errorf("Parse(%q, %q) = %d articles, %v; want %q", tc.name, tc.in, len(arts), err, tc.want)
		}
	}
}

func TestSupported(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "A.TXT": true, "b.md": true, "b.Markdown": true, "c.json": true,
		"d.jsonl": true, "d.NDJSON": true, "e.html": true, "e.HTM": true, "e.xhtml": false, "html": false, "txt": false, "f.txt.bak": false, "README": false,
	} {
		if got := Supported(name); got != want {
			t.Errorf("Supported(%q) = %v", name, got)
		}
	}
}
