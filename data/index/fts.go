package index

import (
	"strings"
	"unicode"
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

// isCJK reports whether r is written without spaces between words. It must
// agree with model's isCJK (Han, Hiragana, Katakana, Hangul, Thai).
func isCJK(r rune) bool {
	return r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
}

func hasCJK(s string) bool {
	for _, r := range s {
		if isCJK(r) {
			return true
		}
	}
	return false
}

// haystack returns the folded search text of a, as model builds it.
func haystack(a *model.Article) string {
	var b strings.Builder
	b.Grow(len(a.Title) + len(a.Body) + 16*len(a.Tags) + 2)
	b.WriteString(model.Fold(a.Title))
	var seen []string
	add := func(tag string) {
		key := model.TagKey(tag)
		if key == "" {
			return
		}
		for _, k := range seen {
			if k == key {
				return
			}
		}
		seen = append(seen, key)
		b.WriteByte(' ')
		b.WriteString(model.Fold(tag))
	}
	for _, t := range a.Tags {
		add(t)
	}
	for _, t := range a.FolderTags {
		add(t)
	}
	b.WriteByte(' ')
	b.WriteString(model.Fold(a.Body))
	return b.String()
}

// ftsText splits a haystack into the text of the words table and of the
// grams table (empty when it holds no CJK). The words table keeps no
// positions, so each word is given once: a body of 900 words has some 400
// distinct ones, and FTS5 then tokenizes and sorts half as much.
func ftsText(hay string) (words, grams string) {
	seen := make(map[string]struct{}, 256)
	var w, g strings.Builder
	w.Grow(len(hay) / 2)
	word := func(s string) {
		if _, ok := seen[s]; ok || s == "" {
			return
		}
		seen[s] = struct{}{}
		w.WriteString(s)
		w.WriteByte(' ')
	}
	for tok := range strings.SplitSeq(hay, " ") {
		if !mayHoldCJK(tok) || !hasCJK(tok) {
			word(tok)
			continue
		}
		start := 0 // of the run of characters that are not CJK
		for i := 0; i < len(tok); {
			r, n := utf8.DecodeRuneInString(tok[i:])
			if isCJK(r) {
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
