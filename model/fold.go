package model

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold returns s in the form that search compares: lower case, accents
// removed, letters that do not decompose spelled out (Łódź → lodz, Straße →
// strasse), and every run of characters that are not letters or digits
// replaced by one space. Text and queries pass through the same function.
func Fold(s string) string {
	return string(AppendFold(make([]byte, 0, len(s)), s))
}

// AppendFold appends Fold(s) to dst: callers that fold a lot of text into
// one buffer (the search text, the full-text index's words) save an
// allocation and a copy per string.
func AppendFold(dst []byte, s string) []byte {
	start := len(dst)
	space := true // drop leading separators
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case 'A' <= r && r <= 'Z':
				dst = append(dst, byte(r)+'a'-'A')
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				dst = append(dst, byte(r))
			default:
				if !space {
					dst = append(dst, ' ')
				}
				space = true
				continue
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if f, ok := foldTable[r]; ok {
				dst = append(dst, f...)
			} else {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
		case unicode.Is(unicode.Mn, r) || r == '\u200c' || r == '\u200d':
			// Combining marks and joiners belong to the word they sit in;
			// marks are dropped so that decomposed text folds like composed.
			continue
		default:
			if !space {
				dst = append(dst, ' ')
			}
			space = true
			continue
		}
		space = false
	}
	if len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1] // one at most: runs of separators give one space
	}
	return dst
}

// foldTable (fold_table.go) is written by internal/foldgen from the Unicode
// data of golang.org/x/text/unicode/norm and the unicode package; its test
// fails when the checked-in table is not what it generates.
//
//go:generate go run github.com/newsline/newsline/internal/foldgen/cmd/foldgen -o fold_table.go

// The generated table maps some letters to letters it maps again (Ǿ to ø,
// which is o): follow every chain once, here, so that Fold gives the same
// text when it is given its own output.
func init() {
	for r, f := range foldTable {
		for {
			var b strings.Builder
			for _, c := range f {
				if g, ok := foldTable[c]; ok {
					b.WriteString(g)
				} else {
					b.WriteRune(c)
				}
			}
			if b.String() == f {
				break
			}
			f = b.String()
		}
		foldTable[r] = f
	}
}

// IsCJK reports whether r is written without spaces between words (Han,
// Hiragana, Katakana, Hangul, Thai), so search matches it anywhere rather
// than at word starts. Every search engine of newsline uses this rule.
func IsCJK(r rune) bool {
	return r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
}

// HasCJK reports whether s holds any character written without spaces.
func HasCJK(s string) bool {
	for _, r := range s {
		if IsCJK(r) {
			return true
		}
	}
	return false
}

// TagKey is the form in which tags compare: without the '#' marks and
// spaces that lead it, case-folded and trimmed. Two spellings with the same
// key are the same tag; a key is its own key.
func TagKey(tag string) string {
	tag = strings.TrimLeftFunc(tag, func(r rune) bool { return r == '#' || unicode.IsSpace(r) })
	return strings.ToLower(strings.TrimRightFunc(tag, unicode.IsSpace))
}

// SearchText is the text search looks in: the folded title, tags (each
// distinct tag once, folder names included) and body, separated by spaces.
func SearchText(a *Article) string {
	return string(AppendSearchText(make([]byte, 0, searchTextSize(a)), a))
}

// AppendSearchText appends SearchText(a) to dst.
func AppendSearchText(dst []byte, a *Article) []byte {
	dst = AppendFold(dst, a.Title)
	var seen [8]string // most articles have fewer tags: no allocation
	keys := seen[:0]
	for _, tags := range [][]string{a.Tags, a.FolderTags} {
		for _, tag := range tags {
			key := TagKey(tag)
			if key == "" || slices.Contains(keys, key) {
				continue
			}
			keys = append(keys, key)
			dst = append(dst, ' ')
			dst = AppendFold(dst, tag)
		}
	}
	dst = append(dst, ' ')
	return AppendFold(dst, a.Body)
}

// searchTextSize is about the length of SearchText(a): folding rarely
// makes text longer.
func searchTextSize(a *Article) int {
	return len(a.Title) + len(a.Body) + 16*(len(a.Tags)+len(a.FolderTags)) + 4
}

// paddedText is SearchText with a space at both ends, as search walks it:
// every word start then follows a space.
func paddedText(a *Article) string {
	b := make([]byte, 1, searchTextSize(a))
	b[0] = ' '
	b = AppendSearchText(b, a)
	return string(append(b, ' '))
}
