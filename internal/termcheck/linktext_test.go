package termcheck

import "testing"

func TestShowsLinkTarget(t *testing.T) {
	const u = "https://example.net/pilots/news?id=7"
	for _, tc := range []struct {
		text, uri string
		want      bool
	}{
		{"https://example.net/pilots/news?id=7", u, true},
		{"https://example.net/pilots/ news?id=7", u, true}, // wrapped
		{"pilots' association (example.net) [1]", u, true},
		{"(example.net) [1]", u, true},
		{"https://example.net/pilots/", u, true},
		{"https://example.net", u, true},
		{"https://example.net.evil.example/", u, false},
		{"https://example.", u, false},
		{"pilots' association", u, false},
		{"[1]", u, false},
		{"news/2026/03/", u, false},
		{"(example.org) [1]", u, false},
		{"example.net", u, false},
		{"news (good.example)", "https://good.example@evil.example/", false},
		{"news (evil.example)", "https://good.example@evil.example/", true},
		{"https://good.example@evil.example/x", "https://good.example@evil.example/x", true},
		{"https://good.example", "https://good.example@evil.example/", false},
		{"anything", "", false},
		{"(x)", "not a url %zz", false},
	} {
		if got := ShowsLinkTarget(tc.text, tc.uri); got != tc.want {
			t.Errorf("ShowsLinkTarget(%q, %q) = %v, want %v", tc.text, tc.uri, got, tc.want)
		}
	}
}
