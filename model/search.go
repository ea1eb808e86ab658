package model

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The search syntax, one parser for every engine (the collection's
// Visible, Matcher, the on-disk index, the reader's highlights):
//
//   - A word matches the start of a word of the article, after folding
//     (see Fold): "harb coun" finds "Harbour Council". A word holding CJK
//     matches anywhere. A word that folds to several ("x-ray") is as many
//     words.
//   - "Quoted text" is a phrase: its folded words must follow each other
//     in the article, separated by nothing but what folding turns into a
//     space (punctuation, spaces). As for words, the first must start a
//     word (or holds CJK and may sit anywhere), and the last is a prefix:
//     "their may th" finds "their may they". A quote opens a phrase only
//     at the start of a word; an unclosed quote runs to the end of the
//     search; elsewhere a quote is text like any punctuation.
//   - A leading '-' excludes: -sport leaves out the articles that the word
//     sport would find, -"a phrase" those the phrase would, and -x-ray the
//     phrase "x ray". A lone '-', or one inside a word, is text.
//   - A search of exclusions only finds every article but those excluded.

// SearchQuery is a parsed search; every string in it is folded (see Fold).
type SearchQuery struct {
	// Words must each match the start of a word (CJK: anywhere).
	Words []string
	// Phrases must each match as one: words separated by single spaces.
	Phrases []string
	// Exclude lists phrases (most often of one word) that must not match.
	Exclude []string
}

// Found is a search's answer from an index (the ui's Options.Search): the
// articles that match, and the candidates only their text can tell (a
// phrase: the index keeps no positions), which Confirm decides on request,
// so that a screenful of them is decided first, in the order the list
// shows them.
type Found struct {
	IDs   []ID // match, in no set order
	Check []ID // may match, in no set order
	// Confirm reads the candidates in the order given until want of them
	// match (want ≤ 0: all of them), and returns those that match, in that
	// order, and how many of the candidates it decided: a prefix. It is nil
	// when Check is empty.
	Confirm func(ctx context.Context, candidates []ID, want int) (matched []ID, decided int, err error)
}

// ParseSearch parses a search as the user types it. It never fails: what
// is not syntax is text.
func ParseSearch(s string) SearchQuery {
	var q SearchQuery
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		exclude := false
		if r == '-' && i+1 < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[i+1:]); !unicode.IsSpace(next) {
				exclude = true
				i++
			}
		}
		var text string
		quoted := i < len(s) && s[i] == '"'
		if quoted {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				end = len(s) - i - 1
			}
			text = s[i+1 : i+1+end]
			i = min(len(s), i+end+2)
		} else {
			end := strings.IndexFunc(s[i:], unicode.IsSpace)
			if end < 0 {
				end = len(s) - i
			}
			text = s[i : i+end]
			i += end
		}
		folded := Fold(text)
		switch {
		case folded == "":
		case exclude:
			q.Exclude = append(q.Exclude, folded)
		case quoted:
			q.Phrases = append(q.Phrases, folded)
		default:
			q.Words = append(q.Words, strings.Fields(folded)...)
		}
	}
	return q
}

// Empty reports whether the search selects nothing out: no words, phrases
// or exclusions.
func (q SearchQuery) Empty() bool {
	return len(q.Words) == 0 && len(q.Phrases) == 0 && len(q.Exclude) == 0
}

// Positive returns the words an article must hold (as prefixes, or CJK
// anywhere): the words and the words of the phrases. They are what the
// reader highlights and what an index finds candidates by.
func (q SearchQuery) Positive() []string {
	out := append([]string(nil), q.Words...)
	for _, p := range q.Phrases {
		out = append(out, strings.Fields(p)...)
	}
	return out
}

// String renders the query in the syntax ParseSearch reads, folded: the
// words, then the phrases, then the exclusions. ParseSearch(q.String())
// gives q back for any q that ParseSearch returned.
func (q SearchQuery) String() string {
	parts := append([]string(nil), q.Words...)
	for _, p := range q.Phrases {
		parts = append(parts, `"`+p+`"`)
	}
	for _, e := range q.Exclude {
		if strings.Contains(e, " ") {
			e = `"` + e + `"`
		}
		parts = append(parts, "-"+e)
	}
	return strings.Join(parts, " ")
}

// matches reports whether the padded search text of an article (see
// paddedText) matches the whole query.
func (q SearchQuery) matches(text string) bool {
	if !matches(text, q.Words) || !matches(text, q.Phrases) {
		return false
	}
	for _, e := range q.Exclude {
		if matchTerm(text, e) {
			return false
		}
	}
	return true
}
