package page

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// story is an article's body long enough for Readability, in words of
// our own.
const story = `<p>The council voted on Tuesday evening to keep the river path open through the winter, after a season in which more people walked it than in any year since the path was laid along the old towing route.</p>
<p>Gritting will start at the first frost, and the lamps between the two bridges will stay lit until midnight, which the walkers' group had asked for since the autumn.</p>
<p>The cost will be shared with the neighbouring parish, whose residents use the path to reach the station, and the arrangement will be reviewed in the spring.</p>`

// page wraps head and body into a page.
func page(head, body string) string {
	return "<!doctype html><html><head>" + head + "</head><body>" + body + "</body></html>"
}

func TestDecodeCharsets(t *testing.T) {
	const word = "Café, żółw, 東京, 北京, 臺北"
	tests := []struct {
		name, contentType, head string
		enc                     encoding.Encoding
		text                    string // what must read back
		charset                 string
		guessed                 bool
	}{
		{"windows-1252 by meta charset", "", `<meta charset="windows-1252">`, charmap.Windows1252, "Café crème à la française", "windows-1252", false},
		{"iso-8859-2 by the header", "text/html; charset=ISO-8859-2", "", charmap.ISO8859_2, "Żółw przeszedł przez łąkę", "iso-8859-2", false},
		{"shift_jis by http-equiv", "", `<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`, japanese.ShiftJIS, "東京の朝市は毎週開かれる", "shift_jis", false},
		{"gbk by meta charset", "", `<meta charset="gbk">`, simplifiedchinese.GBK, "北京的秋天很短", "gbk", false},
		{"big5 by the header", "text/html; charset=big5", "", traditionalchinese.Big5, "臺北的雨季很長", "big5", false},
		{"header beats meta", "text/html; charset=iso-8859-2", `<meta charset="windows-1252">`, charmap.ISO8859_2, "Łódź i Gdańsk", "iso-8859-2", false},
		{"undeclared utf-8", "", "", encoding.Nop, word, "utf-8", false},
		{"undeclared 8-bit falls back to windows-1252", "", "", charmap.Windows1252, "Naïve café owners", "windows-1252", true},
		{"declared utf-8 but windows-1252 bytes", "text/html; charset=utf-8", "", charmap.Windows1252, "Déjà vu at the café", "windows-1252", true},
		{"meta says gbk, bytes re-saved as utf-8", "", `<meta charset="gb2312">`, encoding.Nop, "北京的秋天很短", "utf-8", false},
		{"meta says windows-1252, bytes re-saved as utf-8", "", `<meta charset="windows-1252">`, encoding.Nop, "Café crème", "utf-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := page(tt.head, "<p>"+tt.text+"</p>")
			body, err := tt.enc.NewEncoder().Bytes([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			d := decode(body, tt.contentType)
			if !bytes.Contains(d.text, []byte(tt.text)) || d.charset != tt.charset || d.guessed != tt.guessed {
				t.Errorf("got %s guessed=%v %q", d.charset, d.guessed, d.text)
			}
		})
	}
}

func TestDecodeOddUTF8(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"byte-order mark wins and goes", append([]byte("\uFEFF"), page(`<meta charset="windows-1252">`, "<p>naïve</p>")...), "<p>naïve</p>"},
		{"utf-16 byte-order mark", []byte("\xff\xfe<\x00p\x00>\x00\xe9\x00<\x00/\x00p\x00>\x00"), "<p>é</p>"},
		{"stray byte in utf-8 becomes U+FFFD", []byte("<p>naïve \xff café</p>"), "<p>naïve \uFFFD café</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decode(tt.body, "text/html; charset=utf-8")
			if !bytes.Contains(d.text, []byte(tt.want)) || bytes.HasPrefix(d.text, []byte("\uFEFF")) {
				t.Errorf("got %q (%s)", d.text, d.charset)
			}
		})
	}
}

func TestExtractTitle(t *testing.T) {
	tests := []struct{ name, head, body, url, want string }{
		{"og:title", `<title>River path stays open | Valley Post</title><meta property="og:title" content="River path stays open all winter">`, "", "", "River path stays open all winter"},
		{"og:title loses its site suffix", `<meta property="og:title" content="River path stays open — Valley Post"><meta property="og:site_name" content="Valley Post">`, "", "", "River path stays open"},
		{"short <title> with suffix, h1 agrees", `<title>Path open | Valley Post</title>`, "<h1>Path open</h1>", "", "Path open"},
		{"<title> suffix naming the host", `<title>Path stays open - ValleyPost</title>`, "", "https://www.valleypost.example/path", "Path stays open"},
		{"<title> prefix naming the site", `<title>Valley Post: Path stays open</title><meta property="og:site_name" content="Valley Post">`, "", "", "Path stays open"},
		{"JSON-LD headline beats <title>", `<title>Home | Valley Post</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council keeps the river path open"}</script>`, "", "", "Council keeps the river path open"},
		{"JSON-LD headline that is a description", `<title>Estuary - Valley Encyclopedia</title><meta property="og:title" content="Estuary - Valley Encyclopedia"><meta property="og:site_name" content="Valley Encyclopedia"><script type="application/ld+json">{"@type":"Article","headline":"body of water where a river meets the sea"}</script>`, "<h1>Estuary</h1>", "", "Estuary"},
		{"the longer of two agreeing h1s", `<title>Tides explained · Valley Post</title>`, `<h1><a href="/">Valley Post</a></h1><h1 itemprop="headline">Tides explained</h1>`, "", "Tides explained"},
		{"of two as long, the later h1", `<title>Tides in the estuary — the river guide</title>`, `<h1>the river guide</h1><h1>Tides in the estuary¶</h1>`, "", "Tides in the estuary"},
		{"escapes and bidi overrides removed", "<title>Path\x1b[31m open\u202e again</title>", "", "", "Path open again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(page(tt.head, tt.body+"<article>"+story+"</article>")), "", tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.want {
				t.Errorf("title %q, want %q", a.Title, tt.want)
			}
		})
	}
}

func TestExtractPublished(t *testing.T) {
	day := time.Date(2024, 11, 27, 0, 0, 0, 0, time.UTC)
	at := time.Date(2024, 11, 27, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name, head, body, url string
		want                  time.Time
	}{
		{"JSON-LD datePublished", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","datePublished":"2024-11-27T09:30:00Z","dateModified":"2025-01-01T00:00:00Z"}</script>`, "", "", at},
		{"JSON-LD in an array", `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Article","datePublished":"2024-11-27T09:30:00Z"}]</script>`, "", "", at},
		{"article:published_time", `<meta property="article:published_time" content="2024-11-27T10:30:00+01:00">`, "", "", at},
		{"DC.date.issued", `<meta name="DC.date.issued" content="2024-11-27">`, "", "", day},
		{"dcterms.created", `<meta name="dcterms.created" content="2024-11-27">`, "", "", day},
		{"pubdate", `<meta name="pubdate" content="2024-11-27T09:30:00Z">`, "", "", at},
		{"sailthru.date", `<meta name="sailthru.date" content="2024-11-27 09:30:00">`, "", "", at},
		{"publish-date", `<meta name="publish-date" content="2024-11-27">`, "", "", day},
		{"time pubdate", "", `<time datetime="2024-11-27T09:30:00Z" pubdate>27 November</time>`, "", at},
		{"time in the article", "", `<article><time datetime="2024-11-27">27 Nov</time>` + story + `</article><aside><time datetime="2020-01-01">old</time></aside>`, "", day},
		{"url /2024/11/27/", "", "", "https://p.example/news/2024/11/27/path", day},
		{"url /2024-11-27-slug", "", "", "https://p.example/2024-11-27-path-open", day},
		{"url 20241127 segment", "", "", "https://p.example/story/20241127/path", day},
		{"modified only is not published", `<meta property="article:modified_time" content="2024-11-27T09:30:00Z">`, "", "", time.Time{}},
		{"ambiguous date refused", `<meta name="date" content="03/04/2024">`, "", "", time.Time{}},
		{"none stated", "", "", "https://p.example/path-open", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.body
			if !strings.Contains(body, "<article>") {
				body += "<article>" + story + "</article>"
			}
			a, err := Extract([]byte(page(tt.head, body)), "", tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Published.Equal(tt.want) {
				t.Errorf("published %v, want %v", a.Published, tt.want)
			}
		})
	}
}

func TestExtractBylineAndSite(t *testing.T) {
	tests := []struct{ name, head, byline, site string }{
		{"meta author, og:site_name", `<meta name="author" content="By Ada Moss"><meta property="og:site_name" content="Valley Post">`, "Ada Moss", "Valley Post"},
		{"article:author address ignored", `<meta property="article:author" content="https://social.example/ada"><meta name="application-name" content="Valley Post">`, "", "Valley Post"},
		{"JSON-LD author and publisher", `<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Ada Moss"},"publisher":[{"@type":"Organization","name":"Valley Post"}]}</script>`, "Ada Moss", "Valley Post"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(page(tt.head, "<article>"+story+"</article>")), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Byline != tt.byline || a.Site != tt.site {
				t.Errorf("byline %q site %q, want %q %q", a.Byline, a.Site, tt.byline, tt.site)
			}
		})
	}
}

func TestExtractTrimRules(t *testing.T) {
	tests := []struct{ name, block, gone string }{
		{"figcaption", `<figure><img src="https://p.example/a.jpg" alt="the path"><figcaption>The path at dawn</figcaption></figure>`, "The path at dawn"},
		{"caption class", `<div class="article-caption">Walkers on the path</div>`, "Walkers on the path"},
		{"credit class", `<span class="photo-credit">Ivo Lark</span>`, "Ivo Lark"},
		{"Photo: line", `<p>Photo: Ivo Lark for the Valley Post</p>`, "Ivo Lark"},
		{"Credit: glued to a caption", `<p>Walkers at the bridgeCredit: Ivo Lark</p>`, "Ivo Lark"},
		{"(AP Photo/…)", `<p>Walkers at the bridge on Monday. (AP Photo/Ivo Lark)</p>`, "Ivo Lark"},
		{"(Image: …)", `<p>The old towing route (Image: GETTY)</p>`, "GETTY"},
		{"UPDATED stamp", `<p>Updated 3 hours ago</p>`, "hours ago"},
		{"Posted stamp", `<p>Posted: Fri 6:45 PM, Feb 16, 2024</p>`, "6:45"},
		{"Watch: blurb", `<p>Watch: a walk along the river path</p>`, "a walk along"},
		{"video class", `<div class="video-embed"><p>Loading the player</p></div>`, "Loading the player"},
		{"READ MORE promotion", `<p>READ MORE: Bridge repairs start in May</p>`, "Bridge repairs"},
		{"newsletter sign-up", `<div id="newsletter-box"><p>Sign up for the morning letter</p></div>`, "morning letter"},
		{"gallery counter", `<p>Image 1 of 9</p>`, "Image 1 of 9"},
		{"cookie notice", `<p>This website uses cookies to improve your experience.</p>`, "cookies"},
		{"tracking pixel by its address", `<img src="https://p.example/beacon?id=1" alt="b">`, "beacon"},
		{"underscore rule", `<p>___</p>`, "___"},
		{"headline of another page in capitals", `<p><strong><a href="/ferry">FERRY CREW SAYS THE NEW DECK IS QUIETER</a></strong></p>`, "FERRY CREW"},
		{"sign-up box named in one word", `<div id="emailSignup"><p>Let the valley news meet your inbox every morning.</p></div>`, "meet your inbox"},
		{"author's box", `<div class="post-author"><p>Ivo Lark is a reporter who has walked the river path for ten years.</p></div>`, "for ten years"},
		{"Advert label", `<div class="k9x"><span>Advert</span><br></div>`, "Advert"},
		{"SEE MORE pointer", `<p><strong>SEE MORE</strong>: <a href="/lock">Lock gates replaced after the flood</a></p>`, "Lock gates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTrimmed(t, tt.block, tt.gone) })
	}
}

func TestExtractKeepsTablesAndTaxonomyClasses(t *testing.T) {
	table := `<table><tr class="player-row"><td>1</td><td>Ada Moss</td><td>42</td></tr><tr class="player-row"><td>2</td><td>Ivo Lark</td><td>40</td></tr></table>`
	body := `<article class="post category-video tag-share">` + story + table + `</article>`
	a, err := Extract([]byte(page("", body)), "", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"The council voted", "| 1 | Ada Moss | 42 |", "Ivo Lark"} {
		if !strings.Contains(a.Markdown, s) {
			t.Errorf("lost %q from\n%s", s, a.Markdown)
		}
	}
}

func TestExtractRefusesHostilePages(t *testing.T) {
	deep := strings.Repeat("<div>", 100000) + story + strings.Repeat("</div>", 100000)
	huge := make([]byte, 50<<20)
	if _, err := Extract([]byte(page("", deep)), "", ""); !errors.Is(err, ErrTooDeep) {
		t.Errorf("100,000 nested divs: err = %v, want ErrTooDeep", err)
	}
	if _, err := Extract(huge, "", ""); !errors.Is(err, ErrTooLarge) {
		t.Errorf("50 MB: err = %v, want ErrTooLarge", err)
	}
}

func TestExtractSanitizesTheBody(t *testing.T) {
	body := "<article><p>Red\x1b[31m text\x1b]8;;https://evil.example\x07 and \u202egnirts here.</p>" + story + "</article>"
	a, err := Extract([]byte(page("<title>Safe\nline</title>", body)), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(a.Markdown, "\x1b\x07\u202e") || strings.Contains(a.Title, "\n") {
		t.Errorf("unsanitized: %q %q", a.Title, a.Markdown)
	}
}

func TestExtractAddressOfAFile(t *testing.T) {
	tests := []struct{ name, head, given, want string }{
		{"canonical link", `<link rel="canonical" href="https://valley.example/2026/path-reopens">`, "", "https://valley.example/2026/path-reopens"},
		{"og:url", `<meta property="og:url" content="https://valley.example/path">`, "", "https://valley.example/path"},
		{"canonical before og:url", `<meta property="og:url" content="https://valley.example/og"><link rel="Canonical" href="https://valley.example/canon">`, "", "https://valley.example/canon"},
		{"relative canonical ignored", `<link rel="canonical" href="/path">`, "", ""},
		{"javascript ignored", `<link rel="canonical" href="javascript:alert(1)">`, "", ""},
		{"the address given wins", `<link rel="canonical" href="https://valley.example/canon">`, "https://mirror.example/p", "https://mirror.example/p"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(page(tt.head, "<article>"+story+"</article>")), "", tt.given)
			if err != nil {
				t.Fatal(err)
			}
			if a.URL != tt.want {
				t.Errorf("URL %q, want %q", a.URL, tt.want)
			}
		})
	}
}

func TestExtractTrimsOtherLanguages(t *testing.T) {
	tests := []struct{ name, block, gone string }{
		{"German stamp", `<p>Aktualisiert am 03.03.2026, 09:40 Uhr</p>`, "09:40"},
		{"German promo", `<p>Lesen Sie auch: Die Fähre fährt wieder</p>`, "Fähre"},
		{"German credit", `<p>Foto: Ina Lerch</p>`, "Ina Lerch"},
		{"German ad label", `<div class="x7"><span>Anzeige</span></div>`, "Anzeige"},
		{"French stamp", `<p>Mis à jour le 3 mars 2026 à 09h40</p>`, "09h40"},
		{"French promo", `<p>À lire aussi : le bac retrouve sa rive</p>`, "le bac"},
		{"French credit", `<p>Crédit photo : Ines Marchal</p>`, "Ines Marchal"},
		{"Spanish stamp", `<p>Actualizado: 03/03/2026 09:40</p>`, "09:40"},
		{"Spanish promo", `<p>Lee también: El transbordador vuelve al río</p>`, "transbordador"},
		{"Spanish credit", `<p>Fotografía: Luz Ortega</p>`, "Luz Ortega"},
		{"Portuguese stamp", `<p>Atualizado em 03/03/2026 às 09h40</p>`, "09h40"},
		{"Portuguese promo", `<p>Leia também: A balsa volta ao rio</p>`, "balsa"},
		{"Portuguese ad label", `<p>Publicidade</p>`, "Publicidade"},
		{"Italian stamp", `<p>Aggiornato il 3 marzo 2026 alle 09:40</p>`, "09:40"},
		{"Italian promo", `<p>Leggi anche: Il traghetto torna sul fiume</p>`, "traghetto"},
		{"Italian credit", `<p>Immagine: Lia Conte</p>`, "Lia Conte"},
		{"Dutch stamp", `<p>Bijgewerkt op 3 maart 2026 om 09:40</p>`, "09:40"},
		{"Dutch promo", `<p>Lees ook: Het veer vaart weer</p>`, "veer vaart"},
		{"Dutch credit", `<p>Beeld: Joost Veen</p>`, "Joost Veen"},
		{"Polish stamp", `<p>Opublikowano: 03.03.2026, 09:40</p>`, "09:40"},
		{"Polish promo", `<p>Czytaj także: Prom znowu pływa</p>`, "Prom znowu"},
		{"Polish credit", `<p>Fot. Ewa Nowik</p>`, "Ewa Nowik"},
		{"Japanese stamp", `<p>更新日：2026年3月3日 9時40分</p>`, "9時40分"},
		{"Japanese promo", `<p>関連記事：渡し船が再開</p>`, "渡し船"},
		{"Japanese credit", `<p>写真：山田花子</p>`, "山田花子"},
		{"Chinese stamp", `<p>发布时间：2026-03-03 09:40</p>`, "09:40"},
		{"Chinese promo", `<p>相关阅读：渡轮恢复航行</p>`, "渡轮"},
		{"Chinese credit", `<p>图片：王小明</p>`, "王小明"},
		{"Arabic stamp", `<p>آخر تحديث: 03/03/2026 09:40</p>`, "09:40"},
		{"Arabic promo", `<p>اقرأ أيضا: عودة العبارة إلى النهر</p>`, "العبارة"},
		{"Arabic ad label", `<p>إعلان</p>`, "إعلان"},
		{"Russian promo", `<p>Читайте также: Паром снова ходит</p>`, "Паром"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTrimmed(t, tt.block, tt.gone) })
	}
}

// checkTrimmed extracts the story with block before it and checks that
// gone went and the story stayed.
func checkTrimmed(t *testing.T, block, gone string) {
	t.Helper()
	a, err := Extract([]byte(page("", "<article>"+block+story+"</article>")), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Markdown, gone) {
		t.Errorf("%q still in\n%s", gone, a.Markdown)
	}
	if !strings.Contains(a.Markdown, "The council voted") {
		t.Errorf("the article went too:\n%s", a.Markdown)
	}
}
