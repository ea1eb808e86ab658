package data

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Saved web pages for tests and benchmarks, written from a few words of
// our own: a page as a browser saves it (head, styles, a script, a menu,
// the article, a sidebar of links, a footer), about size bytes, and the
// same article as a Markdown file.

// pageWords are the words the pages' sentences are made of.
var pageWords = strings.Fields(`harbour ferry council market river bridge
	school library festival tide storm lighthouse quay village town square
	bakery railway station orchard meadow valley island fishermen crew
	museum garden mayor teacher baker nurse builder farmer painter
	repaired opened closed extended rebuilt welcomed planned delayed
	morning evening winter summer autumn spring weekend season
	new old small quiet busy early late local northern southern
	stone timber glass road path boat engine bell clock roof wall`)

// genSentence is a sentence of 8 to 20 of the pageWords.
func genSentence(r *rand.Rand) string {
	n := 8 + r.IntN(13)
	w := make([]string, n)
	for i := range w {
		w[i] = pageWords[r.IntN(len(pageWords))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// genParagraph is a paragraph of 3 to 7 sentences.
func genParagraph(r *rand.Rand) string {
	n := 3 + r.IntN(5)
	s := make([]string, n)
	for i := range s {
		s[i] = genSentence(r)
	}
	return strings.Join(s, " ")
}

// pageStory is the i-th generated article: its title, date and
// paragraphs.
type pageStory struct {
	title string
	date  time.Time
	paras []string
}

func newPageStory(r *rand.Rand, i int) pageStory {
	a := pageStory{
		title: fmt.Sprintf("%s %d", strings.TrimSuffix(genSentence(r), "."), i),
		date:  time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
	}
	for range 12 + r.IntN(8) {
		a.paras = append(a.paras, genParagraph(r))
	}
	return a
}

// html is the article as a saved page of about size bytes: what is not
// the article (styles, script, menu, sidebar) fills it up.
func (a pageStory) html(r *rand.Rand, size int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>%s | The Generated Gazette</title>
<meta property="og:site_name" content="The Generated Gazette">
<meta name="author" content="Desk Writer">
<meta property="article:published_time" content="%s">
<style>`, a.title, a.date.Format(time.RFC3339))
	for k := 0; b.Len() < size/4; k++ {
		fmt.Fprintf(&b, ".c%d { margin: %dpx; padding: %dpx; color: #%06x; }\n", k, k%17, k%9, r.IntN(1<<24))
	}
	b.WriteString("</style>\n<script>var config = {")
	for k := 0; b.Len() < size/2; k++ {
		fmt.Fprintf(&b, "k%d: %q, ", k, genSentence(r))
	}
	b.WriteString("};</script></head>\n<body><nav><ul>")
	for k := 0; b.Len() < size*5/8; k++ {
		fmt.Fprintf(&b, `<li><a href="/section/%d">%s</a></li>`, k, pageWords[k%len(pageWords)])
	}
	fmt.Fprintf(&b, "</ul></nav>\n<main><article><h1>%s</h1>\n", a.title)
	for _, p := range a.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</article></main>\n<aside><h2>More stories</h2><ul>")
	for k := 0; b.Len() < size; k++ {
		fmt.Fprintf(&b, `<li class="c%d"><a href="/story/%d">%s</a></li>`+"\n", k%50, k, genSentence(r))
	}
	b.WriteString("</ul></aside>\n<footer><p>The Generated Gazette</p></footer></body></html>\n")
	return b.String()
}

// markdown is the article as a Markdown file with front matter.
func (a pageStory) markdown() string {
	return fmt.Sprintf("---\ntitle: %q\ndate: %s\nauthor: Desk Writer\nsource: The Generated Gazette\n---\n\n%s\n",
		a.title, a.date.Format(time.RFC3339), strings.Join(a.paras, "\n\n"))
}
