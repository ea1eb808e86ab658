package page

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixture reads a page from testdata.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExtractTrimsFurniture(t *testing.T) {
	a, err := Extract(fixture(t, "furniture.html"), "text/html; charset=utf-8", "https://coast.example/2026/03/03/keepers")
	if err != nil {
		t.Fatal(err)
	}
	kept := []string{
		"For the first time in thirty years",
		"[image: The lamp room at dusk](https://coast.example/img/lamp.jpg)",
		"one hundred and twelve steps",
		"Local fishermen welcomed the news",
		"gallery of old logbooks at the museum",
	}
	dropped := map[string]string{
		"title repeated":             "# Lighthouse keepers",
		"byline":                     "By Mara Quill",
		"stamp":                      "PUBLISHED",
		"share block":                "Share on the network",
		"figcaption":                 "before the storm season",
		"credit":                     "Tomas Reed",
		"video blurb":                "Watch:",
		"video player":               "Video unavailable",
		"pixel":                      "pixel.gif",
		"iframe":                     "ads.example",
		"form":                       "Sign up",
		"script":                     "tracker",
		"style":                      "color: red",
		"javascript link":            "javascript:",
		"newsletter":                 "every Friday",
		"related heading":            "Related stories",
		"related list":               "Storm closes the ferry",
		"navigation":                 "Sport",
		"caption ending in a credit": "A crowd gathered on the quay",
	}
	for _, s := range kept {
		if !strings.Contains(a.Markdown, s) {
			t.Errorf("lost %q from\n%s", s, a.Markdown)
		}
	}
	for rule, s := range dropped {
		if strings.Contains(a.Markdown, s) {
			t.Errorf("%s: %q still in\n%s", rule, s, a.Markdown)
		}
	}
	if a.Title != "Lighthouse keepers return to Gull Point" || a.Site != "Coastline Weekly" || a.Byline != "Mara Quill" {
		t.Errorf("title %q site %q byline %q", a.Title, a.Site, a.Byline)
	}
	if want := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published %v, want %v (from the address)", a.Published, want)
	}
}

func TestExtractReadsJSONLDGraph(t *testing.T) {
	a, err := Extract(fixture(t, "jsonld.html"), "", "https://notes.example/tides")
	if err != nil {
		t.Fatal(err)
	}
	want := Article{Title: "Tide tables change for spring", Byline: "Ines Varga, Olu Bright", Site: "Harbour Notes",
		Published: time.Date(2025, 3, 14, 5, 30, 0, 0, time.UTC)}
	if a.Title != want.Title || a.Byline != want.Byline || a.Site != want.Site || !a.Published.Equal(want.Published) {
		t.Errorf("got title %q byline %q site %q published %v\nwant %+v", a.Title, a.Byline, a.Site, a.Published, want)
	}
}

func TestExtractKeepsRightToLeftText(t *testing.T) {
	a, err := Extract(fixture(t, "rtl.html"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"افتتحت البلدية صباح اليوم مكتبة عامة جديدة", "הספרייה פתוחה לכולם"} {
		if !strings.Contains(a.Markdown, s) {
			t.Errorf("lost %q (logical order) from\n%s", s, a.Markdown)
		}
	}
	if strings.ContainsAny(a.Markdown+a.Title, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
		t.Errorf("bidi controls in %q / %q", a.Title, a.Markdown)
	}
	if a.Title != "افتتاح مكتبة جديدة في الحي القديم" || a.Lang != "ar" {
		t.Errorf("title %q lang %q", a.Title, a.Lang)
	}
}

func TestExtractReadsAShortCJKArticle(t *testing.T) {
	a, err := Extract(fixture(t, "cjk.html"), "", "https://wangan.example/asaichi")
	if err != nil {
		t.Fatalf("a short Japanese article refused: %v", err)
	}
	for _, s := range []string{"冬の間休んでいた港の朝市が", "午前六時から九時まで開かれる。"} {
		if !strings.Contains(a.Markdown, s) {
			t.Errorf("lost %q from\n%s", s, a.Markdown)
		}
	}
	if a.Title != "港の朝市が再開" || a.Site != "湾岸日報" || a.Lang != "ja" {
		t.Errorf("title %q site %q lang %q", a.Title, a.Site, a.Lang)
	}
}

func TestExtractNeverFollowsARefresh(t *testing.T) {
	// Extract has no network: the refresh is ignored and the page is
	// read for what it holds, which is no article.
	if _, err := Extract(fixture(t, "refresh.html"), "", "https://loop.example/"); !errors.Is(err, ErrNoArticle) {
		t.Fatalf("err = %v, want ErrNoArticle", err)
	}
}
