package index

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// The generator below makes deterministic collections for the tests and
// benchmarks: a vocabulary of common English words, made-up words (some
// with accents and letters that do not decompose: ł, ø, ß, ı), names in
// other scripts, CJK runs with no spaces, tags drawn with a Zipf spread
// over a few hundred names in varying spellings, folders as tags, dates and
// read counters sometimes unknown, and files holding several articles.

var genCommon = strings.Fields(`the of and to in a is that for it as was with on be by at
this from have or are not but an they which one you were all we her she there
been their has would more when will who so no if out up said what its about
into than them can only other new some could time these two may first then do
government minister city council report market economy bank budget election
parliament police court health school water energy road project price week
month company region river country border meeting talks agreement official
weather storm rain summer winter museum exhibition concert film theatre book
science research university student hospital doctor airport railway bridge
tunnel harbour village district capital province north south east west`)

var genForeign = []string{
	"Łódź", "Kraków", "Köln", "Zürich", "München", "São", "Paulo", "İstanbul",
	"naïve", "façade", "café", "Straße", "Ærø", "Øresund", "Malmö", "Škoda",
	"Москва", "Київ", "Ελλάδα", "Αθήνα", "Đà", "Nẵng", "Reykjavík", "Sumqayıt",
	"l'été", "co-op", "e-mail", "ﬁnance", "Ǆemal", "Ὀδυσσεύς", "résumé", "2024",
}

// genCJK are words written without spaces; sentences join them directly.
var genCJK = []string{
	"東京", "京都", "大学", "新聞", "経済", "東京都", "北京", "上海", "天気", "研究",
	"ニュース", "こんにちは", "テスト", "서울", "뉴스", "한국어", "กรุงเทพ", "ข่าว",
	"2024年", "ab東", "選挙", "市場",
}

var genSyllables = strings.Fields(`ka ri to ma ne lu sa vo de ti ba ro mi ze ku
la pe no sha gar bel dor fin gul han jor kel lam mur nar pol qar sel tur val
xan yel zor ar en il on ur ab eb ob ist an ov ski ber mont vill grad stan
ł ó ź ő ø é ß ı ñ ç å`)

var genFolders = []string{"world", "sport", "Science", "culture", "Économie", "tech", "local/news", "local/Łódź"}

// generator makes a deterministic collection.
type generator struct {
	r      *rand.Rand
	words  []string
	wordZ  *rand.Zipf
	tags   []string
	tagZ   *rand.Zipf
	minLen int // body length in bytes, roughly
	maxLen int
	cjk    float64 // share of articles with CJK text
	inCJK  bool    // the article being made has some
}

// newGenerator returns a generator of articles with bodies of minLen to
// maxLen bytes, a share cjk of them with some CJK text.
func newGenerator(seed uint64, minLen, maxLen int, cjk float64) *generator {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	g := &generator{r: r, minLen: minLen, maxLen: maxLen, cjk: cjk}
	seen := map[string]bool{}
	g.words = append(g.words, genCommon...)
	for _, w := range genCommon {
		seen[w] = true
	}
	for len(g.words) < len(genCommon)+3000 {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(genSyllables[r.IntN(len(genSyllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			g.words = append(g.words, w)
		}
	}
	g.wordZ = rand.NewZipf(r, 1.1, 4, uint64(len(g.words)-1))
	for len(g.tags) < 300 {
		t := g.words[len(genCommon)+r.IntN(len(g.words)-len(genCommon))]
		if r.IntN(10) == 0 {
			t = genForeign[r.IntN(len(genForeign))]
		}
		g.tags = append(g.tags, capitalize(t))
	}
	g.tagZ = rand.NewZipf(r, 1.07, 3, uint64(len(g.tags)-1))
	return g
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (g *generator) word() string {
	switch p := g.r.Float64(); {
	case p < 0.02:
		return genForeign[g.r.IntN(len(genForeign))]
	case p < 0.025 && g.inCJK:
		return genCJK[g.r.IntN(len(genCJK))] + genCJK[g.r.IntN(len(genCJK))]
	default:
		return g.words[g.wordZ.Uint64()]
	}
}

func (g *generator) sentence(b *strings.Builder) {
	for i := range 5 + g.r.IntN(12) {
		w := g.word()
		if i == 0 {
			w = capitalize(w)
		} else {
			b.WriteString([]string{" ", " ", " ", " ", ", ", " – ", " (", "\u00a0"}[g.r.IntN(8)])
		}
		b.WriteString(w)
	}
	if g.inCJK && g.r.IntN(4) == 0 {
		b.WriteString(" ")
		for range 2 + g.r.IntN(4) {
			b.WriteString(genCJK[g.r.IntN(len(genCJK))])
		}
	}
	b.WriteString(". ")
}

// articles makes n articles in files under the generator's folders; about
// one file in ten holds several articles (a JSON Lines file).
func (g *generator) articles(n int) []model.Article {
	out := make([]model.Article, 0, n)
	for file := 0; len(out) < n; file++ {
		folder := genFolders[g.r.IntN(len(genFolders))]
		rel, count, format := fmt.Sprintf("%s/%06d.txt", folder, file), 1, model.FormatText
		switch g.r.IntN(20) {
		case 0, 1:
			rel, count, format = fmt.Sprintf("%s/feed-%06d.jsonl", folder, file), 2+g.r.IntN(5), model.FormatJSON
		case 2, 3:
			rel, format = fmt.Sprintf("%s/%06d.md", folder, file), model.FormatMarkdown
		}
		for i := 0; i < count && len(out) < n; i++ {
			out = append(out, g.article(rel, i, format))
		}
	}
	return out
}

func (g *generator) article(rel string, index int, format model.Format) model.Article {
	a := model.Article{
		ID:         model.NewID(rel, index),
		Rel:        rel,
		Index:      index,
		Format:     format,
		Reads:      model.NoReads,
		FolderTags: strings.Split(rel[:strings.LastIndexByte(rel, '/')], "/"),
	}
	g.inCJK = g.r.Float64() < g.cjk
	var t strings.Builder
	g.sentence(&t)
	a.Title = strings.TrimSuffix(t.String(), ". ")
	if g.r.IntN(10) > 0 {
		a.Date = time.Unix(1.6e9+g.r.Int64N(2e8), 0).UTC()
	}
	if g.r.IntN(10) > 2 {
		a.Reads = g.r.IntN(30000)
	}
	for range g.r.IntN(5) {
		tag := g.tags[g.tagZ.Uint64()]
		switch g.r.IntN(6) {
		case 0:
			tag = strings.ToLower(tag)
		case 1:
			tag = "#" + tag
		}
		a.Tags = append(a.Tags, tag)
	}
	if g.r.IntN(3) == 0 {
		a.Source, a.URL, a.Author = "News Line", "https://example.com/"+rel, "Zoë Ångström"
	}
	var b strings.Builder
	size := g.minLen + g.r.IntN(g.maxLen-g.minLen+1)
	for b.Len() < size {
		g.sentence(&b)
		if g.r.IntN(5) == 0 {
			b.WriteString("\n\n")
		}
	}
	a.Body = b.String()
	return a
}
