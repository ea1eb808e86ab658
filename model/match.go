package model

import "strings"

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

// searchTerms folds a search string into the words every article must match.
func searchTerms(search string) []string {
	return strings.Fields(Fold(search))
}

// matches reports whether every term matches the start of a word in the
// haystack, or anywhere inside it for terms written without spaces (CJK).
func matches(text string, terms []string) bool {
	for _, t := range terms {
		if !matchTerm(text, t) {
			return false
		}
	}
	return true
}

func matchTerm(text, term string) bool {
	if HasCJK(term) {
		return strings.Contains(text, term)
	}
	// text starts with a space and words are single-space separated, so a
	// term at a word start is always preceded by a space.
	for i := 0; ; {
		k := strings.Index(text[i:], term)
		if k < 0 {
			return false
		}
		at := i + k
		if at > 0 && text[at-1] == ' ' {
			return true
		}
		// Inside a word: a CJK run before the match counts as a word start,
		// since such text has no spaces between words.
		if at > 0 {
			r, _ := lastRune(text[:at])
			if IsCJK(r) {
				return true
			}
		}
		i = at + 1
	}
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			return []rune(s[i:])[0], len(s) - i
		}
	}
	return 0, 0
}
