package index

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// How search text reaches FTS5.
//
// model.Collection searches a haystack of Fold(title), Fold(tag) for each
// distinct tag (article tags, then folder tags) and Fold(body), joined by
// spaces; a query word (a word of Fold(query)) matches the start of a word
// of it, and a query word holding CJK (see isCJK) matches anywhere. The
// index reproduces that with two contentless FTS5 tables:
//
//   - words: the haystack's words, each once, with every CJK character
//     replaced by a space, tokenized by FTS5's ascii tokenizer, which
//     splits on ASCII spaces and punctuation only. Folded text holds
//     nothing but letters, digits and spaces, so its tokens are exactly
//     the haystack's words (no dependence on SQLite's Unicode 6.1 tables),
//     and a word that follows a CJK character starts a token, as model
//     counts it a word start. A query word w is the prefix query "w"*.
//   - grams: for each word of the haystack that holds a CJK character, one
//     token per character (ascii tokenizer again, tokens separated by
//     spaces): the two-character gram starting there, or the character
//     alone at the word's end. A query word of one character c
//     is "c"* (a gram starting with c), of two an exact gram, of n ≥ 3 the
//     phrase of its n-1 overlapping grams. No phrase of grams can cross
//     from one word to the next (a one-character token always sits
//     between), so this is exactly substring search inside words, for
//     queries of any length — unlike FTS5's trigram tokenizer, which can't
//     answer one- and two-character queries from a contentless table.
//
// Only articles with CJK text have a grams row.

// haystack returns the folded search text of a: model's, so that the
// index and the in-memory search see the same words.
func haystack(a *model.Article) string { return model.SearchText(a) }

// ftsText splits a haystack into the text of the words table and of the
// grams table (empty when it holds no CJK). The words table keeps no
// positions, so each word is given once: a body of 900 words has some 400
// distinct ones, and FTS5 then tokenizes and sorts half as much.
func ftsText(hay string) (words, grams string) {
	f := folders.Get().(*ftsFolder)
	defer folders.Put(f)
	return f.text(hay)
}

// ftsFolder makes the text of the full-text tables (ftsText), keeping the
// set of words it saw from one call to the next: building a new one for
// each article cost more than the rest of the folding.
type ftsFolder struct{ seen map[string]struct{} }

// folders are the ftsFolders not in use.
var folders = sync.Pool{New: func() any { return &ftsFolder{seen: make(map[string]struct{}, 1024)} }}

// text is ftsText.
func (f *ftsFolder) text(hay string) (words, grams string) {
	defer clear(f.seen) // nor keep hay alive
	var w, g strings.Builder
	w.Grow(len(hay) / 2)
	word := func(s string) {
		if _, ok := f.seen[s]; ok || s == "" {
			return
		}
		f.seen[s] = struct{}{}
		w.WriteString(s)
		w.WriteByte(' ')
	}
	for tok := range strings.SplitSeq(hay, " ") {
		if !mayHoldCJK(tok) || !model.HasCJK(tok) {
			word(tok)
			continue
		}
		start := 0 // of the run of characters that are not CJK
		for i := 0; i < len(tok); {
			r, n := utf8.DecodeRuneInString(tok[i:])
			if model.IsCJK(r) {
				word(tok[start:i])
				start = i + n
			}
			_, next := utf8.DecodeRuneInString(tok[i+n:]) // 0 at the end
			g.WriteString(tok[i : i+n+next])
			g.WriteByte(' ')
			i += n
		}
		word(tok[start:])
	}
	return w.String(), g.String()
}

// mayHoldCJK reports whether s holds a character of three or more bytes in
// UTF-8, as every CJK character is (Thai, the lowest, is U+0E00).
func mayHoldCJK(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE0 {
			return true
		}
	}
	return false
}
