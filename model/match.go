package model

import "strings"

// Matcher matches single articles against a search exactly as a
// collection's Visible does, for searches answered outside a collection:
// such as a scan of the files that the full-text index does not have yet.
type Matcher struct{ q SearchQuery }

// NewMatcher prepares the search (see ParseSearch) for Match.
func NewMatcher(search string) Matcher { return Matcher{ParseSearch(search)} }

// MatcherOf prepares a parsed search for Match.
func MatcherOf(q SearchQuery) Matcher { return Matcher{q} }

// Match reports whether the article matches the search: every word and
// phrase, no exclusion (a search with none matches every article).
func (m Matcher) Match(a *Article) bool {
	if m.q.Empty() {
		return true
	}
	return m.q.matches(paddedText(a))
}

// Empty reports whether the search has no words, phrases or exclusions:
// every article matches.
func (m Matcher) Empty() bool { return m.q.Empty() }

// matches reports whether every term matches the start of a word in the
// haystack, or anywhere inside it for terms written without spaces (CJK).
// A term may be a phrase, words separated by single spaces: the rule is
// then its first word's, and the others follow at word starts.
func matches(text string, terms []string) bool {
	for _, t := range terms {
		if !matchTerm(text, t) {
			return false
		}
	}
	return true
}

func matchTerm(text, term string) bool {
	first, _, _ := strings.Cut(term, " ")
	if HasCJK(first) {
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
