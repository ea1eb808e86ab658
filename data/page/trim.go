package page

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// trim removes from an article's body what is not its text: elements
// that are never text (scripts, forms, frames, tracking pixels), blocks
// whose class says they are furniture (captions, credits, sharing,
// related stories, sign-ups, video players), and short blocks whose
// words say so (credits, PUBLISHED/UPDATED stamps, "Watch:" blurbs,
// "Read more" promotions, a byline or a repeat of the title at the top).
// Every rule is general: none names a site.
func trim(body *html.Node, title string) {
	setAtoms(body)
	t := trimmer{title: foldName(title)}
	t.walk(body)
}

// setAtoms gives every element below n the atom of its tag name:
// Readability renames elements (a <div> of text becomes a <p>) without
// it, and trim's rules go by atoms.
func setAtoms(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			c.DataAtom = atom.Lookup([]byte(c.Data))
			setAtoms(c)
		}
	}
}

// trimmer holds what trim's rules compare against.
type trimmer struct {
	title  string // the headline, folded by foldName
	blocks int    // text blocks kept so far: "near the top" is few
}

// nearTop is how many text blocks count as the top of an article, where
// bylines, stamps and standfirsts stand.
const nearTop = 6

// shortBlock is the most words a block may have for a text rule to drop
// it: captions, stamps and promotions are short; paragraphs are not.
const shortBlock = 40

// walk drops the children of n that trim's rules match, and walks the
// others.
func (t *trimmer) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if startsTail(c, t.blocks) {
				removeFrom(n, c)
				return
			}
			if t.drop(c) {
				n.RemoveChild(c)
			} else {
				t.walk(c)
				if isLinkList(c) || isTeasers(c) { // judged on what is left of it
					n.RemoveChild(c)
				} else if isTextBlock(c) {
					t.blocks++
				}
			}
		}
		c = next
	}
}

// drop reports whether an element goes: by its kind, its class or its
// text.
func (t *trimmer) drop(n *html.Node) bool {
	if neverText(n) {
		return true
	}
	switch n.DataAtom {
	case atom.A, atom.Img, atom.Td, atom.Th, atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot:
		return false // a table's rows and cells are its text, however short or named
	}
	if isFurniture(n) {
		return true
	}
	text, short := shortText(n, shortBlock)
	if !short {
		return false
	}
	if text == "" {
		return false
	}
	if !hasWord(text) && !hasImage(n) {
		return true // a rule drawn with underscores or dashes
	}
	if textFurniture(text) || isStamp(text, 12) || isShoutedLink(n, text) {
		return true
	}
	if t.blocks < nearTop && (topFurniture(text) || t.title != "" && foldName(text) == t.title) {
		return true
	}
	return false
}

// neverText reports whether an element is never article text: scripts,
// styles, frames, forms and their controls, embedded objects, and
// tracking pixels.
func neverText(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Frame, atom.Frameset,
		atom.Form, atom.Input, atom.Button, atom.Select, atom.Textarea, atom.Object,
		atom.Embed, atom.Svg, atom.Canvas, atom.Template, atom.Link, atom.Meta, atom.Figcaption:
		return true
	case atom.Img:
		return isPixel(n)
	}
	return n.Data == "svg"
}

// isPixel reports whether an image is a tracking pixel: one pixel wide or
// high, or a source that names a beacon.
func isPixel(img *html.Node) bool {
	for _, k := range []string{"width", "height"} {
		if v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(attr(img, k)), "px")); err == nil && v <= 1 {
			return true
		}
	}
	return beacon.MatchString(attr(img, "src"))
}

// beacon matches the address of a tracking image.
var beacon = regexp.MustCompile(`(?i)(pixel|beacon|tracking|tracker|/b\.gif|spacer\.gif|/analytics|doubleclick|/collect\?)`)

// isFurniture reports whether an element's class or id says it is page
// furniture, and its text agrees: short, or mostly links, and no quote. Taxonomy
// classes (category-video, tag-share) say what the article is about,
// not what the element is.
func isFurniture(n *html.Node) bool {
	named := false
	for tok := range strings.FieldsSeq(strings.ToLower(attr(n, "class") + " " + attr(n, "id"))) {
		if strings.HasPrefix(tok, "category-") || strings.HasPrefix(tok, "tag-") || strings.HasPrefix(tok, "tags-") {
			continue
		}
		if furniture.MatchString(tok) || furnitureInside.MatchString(tok) {
			named = true
			break
		}
	}
	if !named || has(n, atom.Blockquote) {
		return false // a quoted post in a "social-embed" or "video-container" is text
	}
	if _, short := shortText(n, furnitureWords); short {
		return true
	}
	return linkDensity(n) > 0.5
}

// furnitureWords is the most words a block named as furniture may hold
// and still be dropped when it is not mostly links: more is the article.
const furnitureWords = 150

// linkDensity is the share of n's text that is in links.
func linkDensity(n *html.Node) float64 {
	all := len(squash(textOf(n)))
	if all == 0 {
		return 0
	}
	return float64(len(squash(linkText(n)))) / float64(all)
}

// furniture matches the class or id of a block that is page furniture,
// not article text: captions, credits, sharing, related stories, sign-ups,
// video players, bylines, authors' boxes and stamps.
var furniture = regexp.MustCompile(`(?i)(^|[\s_-])(caption|captions|credit|credits|share|sharing|social|related|newsletter|signup|sign-up|subscribe|subscription|promo|recommended|recommendations|more-stories|read-more|readmore|video|player|breadcrumb|breadcrumbs|byline|author|bio|dateline|timestamp|published|updated|standfirst|gallery-count|ad|ads|advert|advertisement)($|[\s_-])`)

// furnitureInside matches furniture words that say so even inside a
// longer name ("emailSignup", "footer-newsletterbox", "authorbio").
var furnitureInside = regexp.MustCompile(`(?i)(newsletter|signup|subscribe|breadcrumb|advert|authorbio|author-bio|about-the-author|aboutauthor)`)

// isCredit reports whether a short block is a caption's credit: it
// starts as one, ends in one, or has one glued on ("…bridgeCredit: X").
func isCredit(text string) bool {
	if isCreditStart(text) || strings.Contains(strings.ToLower(text), "credit:") {
		return true
	}
	if i := strings.LastIndexByte(text, '('); i >= 0 && strings.HasSuffix(text, ")") {
		return creditEnd.MatchString(text[i:])
	}
	return false
}

// isStamp reports whether text is a publication stamp of at most max
// words (with a digit: a time or a date).
func isStamp(text string, max int) bool {
	return strings.ContainsAny(text, "0123456789") && wordCount(text) <= max && stampText.MatchString(text)
}

// textFurniture reports whether a short block's text is a credit, a
// promotion or a control's label wherever it stands.
func textFurniture(text string) bool {
	if isLabel(text) || isCredit(text) {
		return true
	}
	return isPromo(text) && wordCount(text) <= 20
}

// isShoutedLink reports whether a short block is one link written in
// capitals ("SEE THE FERRY'S NEW DECK"): a headline of another page set
// among the paragraphs, never a sentence of the article.
func isShoutedLink(n *html.Node, text string) bool {
	if n.DataAtom != atom.P || strings.IndexFunc(text, unicode.IsLower) >= 0 || strings.IndexFunc(text, unicode.IsUpper) < 0 {
		return false
	}
	return wordCount(text) >= 3 && countLinks(n) == 1 && squash(linkText(n)) == text
}

// topFurniture reports whether a short block near the top is a stamp or
// a byline.
func topFurniture(text string) bool {
	if isStamp(text, 20) {
		return true
	}
	return bylineText.MatchString(text) && wordCount(text) <= 8
}

// bylineText matches a byline: "By Jane Doe".
var bylineText = regexp.MustCompile(`^(By|BY|by)\s+\p{Lu}`)

// isLinkList reports whether n is a list (nested lists too) of three or
// more short links and little else: navigation, not text.
func isLinkList(n *html.Node) bool {
	if n.DataAtom != atom.Ul && n.DataAtom != atom.Ol {
		return false
	}
	links := countLinks(n)
	return links >= 3 && linkDensity(n) > 0.9 && wordCount(textOf(n)) <= 5*links
}

// countLinks is the number of links below n.
func countLinks(n *html.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			count++
		} else {
			count += countLinks(c)
		}
	}
	return count
}

// linkText is the text of the links below n.
func linkText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			b.WriteString(textOf(c))
			b.WriteByte(' ')
		} else if c.Type == html.ElementNode {
			b.WriteString(linkText(c))
		}
	}
	return b.String()
}

// isTextBlock reports whether n is a block that holds text.
func isTextBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre, atom.Table:
		return true
	}
	return false
}

// shortText is n's text with its spaces squashed, and whether it has at
// most max words; it stops reading once past them.
func shortText(n *html.Node, max int) (string, bool) {
	var b strings.Builder
	limit := max * 20 // bytes: no short block is longer
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return b.Len() <= limit
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return "", false
	}
	text := squash(b.String())
	return text, wordCount(text) <= max
}

// hasWord reports whether s has a letter or a digit.
func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// hasImage reports whether an image is below n.
func hasImage(n *html.Node) bool {
	return has(n, atom.Img)
}

// has reports whether an element of kind a is below n.
func has(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == a || has(c, a)) {
			return true
		}
	}
	return false
}

// wordCount is the number of words in s, spaces apart.
func wordCount(s string) int {
	return len(strings.Fields(s))
}
