package feed

import (
	"slices"
	"testing"
)

func TestDiscover(t *testing.T) {
	const page = "https://news.example/section/page.html"
	tests := []struct {
		name, html string
		want       []Alternate
	}{
		{"rss, relative", `<html><head><link rel="alternate" type="application/rss+xml" title=" Front  page " href="/feed.xml"></head></html>`,
			[]Alternate{{"https://news.example/feed.xml", "application/rss+xml", "Front page"}}},
		{"all three, in page order", `<head>
<link rel="alternate" type="application/atom+xml" href="atom.xml">
<link rel="stylesheet" href="s.css">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
<LINK REL="Alternate home" TYPE="Application/RSS+XML; charset=utf-8" HREF="//other.example/rss">
</head>`, []Alternate{
			{"https://news.example/section/atom.xml", "application/atom+xml", ""},
			{"https://cdn.example/feed.json", "application/feed+json", ""},
			{"https://other.example/rss", "application/rss+xml", ""},
		}},
		{"base href", `<head><base href="https://static.example/b/"><link rel="alternate" type="application/rss+xml" href="f.rss"></head>`,
			[]Alternate{{"https://static.example/b/f.rss", "application/rss+xml", ""}}},
		{"duplicates once", `<link rel=alternate type=application/rss+xml href=/f><link rel=alternate type=application/rss+xml href="https://news.example/f">`,
			[]Alternate{{"https://news.example/f", "application/rss+xml", ""}}},
		{"not web addresses", `<link rel="alternate" type="application/rss+xml" href="javascript:x()"><link rel="alternate" type="application/rss+xml" href="file:///etc/passwd"><link rel="alternate" type="application/rss+xml">`, nil},
		{"no alternate link", `<html><head><title>No feed</title><link rel="feed" href="/x"></head><body><a href="/rss">RSS</a></body></html>`, nil},
		{"not html", "\x00\x01 binary", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Discover([]byte(tt.html), page); !slices.Equal(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func FuzzDiscover(f *testing.F) {
	f.Add(`<link rel="alternate" type="application/rss+xml" href="/feed">`, "https://a.example/")
	f.Add(`<base href="x"><link rel=alternate type=application/atom+xml href=y>`, "::")
	f.Fuzz(func(t *testing.T, page, base string) {
		for _, a := range Discover([]byte(page), base) {
			if !slices.Contains(feedTypes, a.Type) {
				t.Errorf("type %q", a.Type)
			}
			if _, ok := webURL(a.URL, nil); !ok {
				t.Errorf("not a web address: %q", a.URL)
			}
		}
	})
}
