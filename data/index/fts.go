package index

import (
	"bytes"
	"hash/maphash"
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
	return f.text([]byte(hay))
}

// ftsArticle is ftsText(haystack(a)), folding a's text into a buffer that
// it keeps for the next article rather than into a new string.
func ftsArticle(a *model.Article) (words, grams string) {
	f := folders.Get().(*ftsFolder)
	defer folders.Put(f)
	f.hay = model.AppendSearchText(f.hay[:0], a)
	words, grams = f.text(f.hay)
	if cap(f.hay) > maxKeptHay {
		f.hay = nil // a huge page's: not kept for ever
	}
	return words, grams
}

// maxKeptHay is the largest buffer an ftsFolder keeps between articles.
const maxKeptHay = 1 << 20

// ftsFolder makes the text of the full-text tables (ftsText), keeping the
// set of words it saw, and the buffer it folded the last article into,
// from one call to the next: making new ones for each article cost more
// than the rest of the folding.
type ftsFolder struct {
	seen wordSet
	hay  []byte
}

// folders are the ftsFolders not in use.
var folders = sync.Pool{New: func() any { return new(ftsFolder) }}

// text is ftsText.
func (f *ftsFolder) text(hay []byte) (words, grams string) {
	f.seen.start(hay)
	defer f.seen.start(nil) // nor keep hay alive
	var w, g strings.Builder
	w.Grow(len(hay) / 2)
	word := func(i, j int) { // hay[i:j]
		if i == j || !f.seen.add(i, j) {
			return
		}
		w.Write(hay[i:j])
		w.WriteByte(' ')
	}
	for at := 0; at <= len(hay); {
		end := bytes.IndexByte(hay[at:], ' ')
		if end < 0 {
			end = len(hay)
		} else {
			end += at
		}
		tok := hay[at:end]
		if !mayHoldCJK(tok) || !model.HasCJK(string(tok)) {
			word(at, end)
			at = end + 1
			continue
		}
		start := 0 // of the run of characters that are not CJK
		for i := 0; i < len(tok); {
			r, n := utf8.DecodeRune(tok[i:])
			if model.IsCJK(r) {
				word(at+start, at+i)
				start = i + n
			}
			_, next := utf8.DecodeRune(tok[i+n:]) // 0 at the end
			g.Write(tok[i : i+n+next])
			g.WriteByte(' ')
			i += n
		}
		word(at+start, end)
		at = end + 1
	}
	return w.String(), g.String()
}

// wordSet is the set of the words of one text that ftsText has seen, made
// for it: it asks about every word of an article and then forgets them
// all. Open addressing over a table of offsets into the text, which a new
// generation empties; a map[string]struct{} took 12% more of the time of
// folding a newsgen article (hashing, then clearing its table).
type wordSet struct {
	text  []byte
	slots []wordSlot // a power of two long, at most half full
	gen   uint32     // a slot of another generation is empty
	n     int
	seed  maphash.Seed
}

// wordSlot holds the word text[at:at+size].
type wordSlot struct{ gen, hash, at, size uint32 }

// start empties the set for the words of text.
func (ws *wordSet) start(text []byte) {
	if ws.slots == nil {
		ws.slots, ws.seed = make([]wordSlot, 1024), maphash.MakeSeed()
	}
	ws.text, ws.n = text, 0
	if ws.gen++; ws.gen == 0 {
		clear(ws.slots)
		ws.gen = 1
	}
}

// add adds the word text[i:j] and reports whether it was new.
func (ws *wordSet) add(i, j int) bool {
	h := maphash.Bytes(ws.seed, ws.text[i:j])
	if !ws.put(wordSlot{gen: ws.gen, hash: uint32(h), at: uint32(i), size: uint32(j - i)}, uint32(h>>32)) {
		return false
	}
	if ws.n++; 2*ws.n > len(ws.slots) {
		old := ws.slots
		ws.slots = make([]wordSlot, 2*len(old))
		for _, sl := range old {
			if sl.gen == ws.gen {
				ws.put(sl, uint32(maphash.Bytes(ws.seed, ws.word(sl))>>32))
			}
		}
	}
	return true
}

// put puts the word of w in the table, searching from slot at, unless it
// is there, and reports whether it was not.
func (ws *wordSet) put(w wordSlot, at uint32) bool {
	mask := uint32(len(ws.slots) - 1)
	for k := at & mask; ; k = (k + 1) & mask {
		sl := &ws.slots[k]
		if sl.gen != ws.gen {
			*sl = w
			return true
		}
		if sl.hash == w.hash && bytes.Equal(ws.word(*sl), ws.word(w)) {
			return false
		}
	}
}

// word is the word a slot holds.
func (ws *wordSet) word(sl wordSlot) []byte { return ws.text[sl.at : sl.at+sl.size] }

// mayHoldCJK reports whether s holds a character of three or more bytes in
// UTF-8, as every CJK character is (Thai, the lowest, is U+0E00).
func mayHoldCJK(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE0 {
			return true
		}
	}
	return false
}
