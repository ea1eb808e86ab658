package feed

import "time"

// Page is the article read from an item's link, for a feed that carries
// only summaries (a full-text subscription). Its strings are sanitized
// for a terminal as data/page's Article's are.
type Page struct {
	Markdown  string    // the article's body
	Author    string    // the page's byline, "" when it states none
	Lang      string    // the page's language, as it declares it
	Published time.Time // when the page says it was published, else zero
}

// Fill returns it with what the page states and the item lacks: the
// author and the published time. The feed's own fields always win: the
// page only fills in.
func (p Page) Fill(it Item) Item {
	if it.Author == "" {
		it.Author = p.Author
	}
	if it.Date().IsZero() {
		it.Published = p.Published.UTC()
	}
	return it
}

// FullArticle renders the article file of an item whose page was read:
// the front matter of Article (the item's title, url, guid, categories
// and tags, with what p.Fill fills in) plus the page's language, and the
// page's article as the body instead of the item's summary.
func FullArticle(f *Feed, it Item, feedURL string, tags []string, p Page) ([]byte, error) {
	fm := itemFrontMatter(f, p.Fill(it), feedURL, tags)
	fm.Lang = p.Lang
	return File(fm, p.Markdown)
}
