package page

import (
	"strings"
	"testing"
)

// more is more of the article, to stand after a pointer or a heading
// that must not end it.
const more = `<p>The walkers' group thanked the council and said it would hold its spring count on the path in April, as it has every year since the lamps first went up between the bridges.</p>
<p>Its members will also clear the ditches by the old lock, which flooded twice last winter and left the lower stretch of the path under water for most of a week.</p>`

// teaser is a card that points to another page: a picture, a kicker, a
// linked headline and a line of summary.
func teaser(n string) string {
	return `<article class="card"><a href="/p` + n + `"><img src="/i` + n + `.jpg" alt="Picture ` + n + `"></a><div>FROM THE VALLEY</div><h2><a href="/p` + n + `">Other story number ` + n + ` on the valley</a></h2><p>A line of summary for story ` + n + `, to tempt a reader away.</p></article>`
}

func TestExtractCutsTheTail(t *testing.T) {
	links := `<p><a href="/a">Ferry returns to the estuary</a></p><p><a href="/b">Bridge repairs start in May</a></p><p><a href="/c">Gull numbers fall again</a></p>`
	excerpts := strings.Repeat(`<article class="post"><p>An excerpt of another post on the site, long enough to read as text: the ferry, the bridge, the gulls and the lock all get their turn in it, with a date and a place, and it ends in an ellipsis …</p></article>`, 6)
	tests := []struct{ name, tail, gone string }{
		{"'You may also like' as a paragraph", `<p>You may also like...</p>` + links, "Ferry returns"},
		{"Portuguese heading with a furniture class, over excerpts", `<article class="post"><h3 class="relatedpoststitle">Você pode gostar...</h3>` + excerpts + `</article>`, "excerpt of another post"},
		{"German heading", `<h2>Das könnte Sie auch interessieren</h2>` + links, "Bridge repairs"},
		{"Japanese heading", `<h3>関連記事</h3>` + links, "Gull numbers"},
		{"'More … stories' heading as a div", `<div class="heading-h3">More Great Valley Stories</div>` + links, "Bridge repairs"},
		{"a grid of teasers", `<section class="grid">` + teaser("1") + teaser("2") + teaser("3") + `</section>`, "Other story number"},
		{"one teaser card inside the article", teaser("1"), "Other story number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(page("", "<article><div>"+story+tt.tail+"</div></article>")), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(a.Markdown, tt.gone) {
				t.Errorf("%q still in\n%s", tt.gone, a.Markdown)
			}
			if !strings.Contains(a.Markdown, "The council voted") || !strings.Contains(a.Markdown, "reviewed in the spring") {
				t.Errorf("the article went too:\n%s", a.Markdown)
			}
		})
	}
}

func TestExtractKeepsWhatOnlyLooksLikeATail(t *testing.T) {
	tests := []struct{ name, middle string }{
		{"'Read also' pointer inside the article", `<p>Read also</p><h2><a href="/x">How the lamps were chosen</a></h2>`},
		{"Italian pointer inside the article", `<p>Leggi anche</p>`},
		{"'Comments' heading over text", `<h2>Comments</h2>` + strings.Repeat(`<p>Comments from the public meeting were mostly in favour: residents who walk to the station said the lamps made the path feel safe again, and the parish clerk read out letters from those who could not attend.</p>`, 8)},
		{"a linked section heading", `<h2><a href="#lamps">The lamps</a></h2>`},
		{"a paragraph in capitals that is no link", `<p>THE PATH IS OPEN FROM DAWN TO MIDNIGHT.</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(page("", "<article><div>"+story+tt.middle+more+"</div></article>")), "", "")
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{"The council voted", "spring count on the path", "flooded twice last winter", "DAWN TO MIDNIGHT"} {
				if strings.Contains(tt.middle, s) || strings.Contains(story+more, s) {
					if !strings.Contains(a.Markdown, s) {
						t.Errorf("lost %q from\n%s", s, a.Markdown)
					}
				}
			}
		})
	}
}

func TestExtractKeepsEmbeddedPosts(t *testing.T) {
	post := func(class string) string {
		return `<blockquote class="` + class + `"><p>The lamps on the river path are lit again tonight, and the whole walk home felt different.</p>— Ada Moss (@adamoss) <a href="https://social.example/adamoss/1">March 3, 2026</a></blockquote>`
	}
	tests := []struct{ name, bodyClass, box string }{
		{"in a box named as an embed", "", `<div class="social-media-embed">` + post("social-post") + `</div>`},
		{"in a box named as a video container", "", `<div class="video-container">` + post("quoted-post") + `</div>`},
		{"the page's body named for embeds too", "wp-embed-responsive", `<div class="post-embed">` + post("social-post") + `</div>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `<article><div>` + story + tt.box + more + `</div></article>`
			src := `<!doctype html><html><head></head><body class="` + tt.bodyClass + `">` + body + `</body></html>`
			a, err := Extract([]byte(src), "", "")
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{"The council voted", "whole walk home felt different", "flooded twice last winter"} {
				if !strings.Contains(a.Markdown, s) {
					t.Errorf("lost %q from\n%s", s, a.Markdown)
				}
			}
		})
	}
}
