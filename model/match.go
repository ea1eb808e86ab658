package model

// Matcher matches single articles against a search exactly as a
// collection's Visible does, for searches answered outside a collection:
// such as a scan of the files that the full-text index does not have yet.
type Matcher struct{ terms []string }

// NewMatcher prepares the search for Match.
func NewMatcher(search string) Matcher { return Matcher{terms: searchTerms(search)} }

// Match reports whether the article matches every word of the search (a
// search with no words matches every article).
func (m Matcher) Match(a *Article) bool {
	if len(m.terms) == 0 {
		return true
	}
	return matches(paddedText(a), m.terms)
}

// Empty reports whether the search has no words: every article matches.
func (m Matcher) Empty() bool { return len(m.terms) == 0 }
