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
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading separators
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case 'A' <= r && r <= 'Z':
				b.WriteByte(byte(r) + 'a' - 'A')
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				b.WriteByte(byte(r))
			default:
				if !space {
					b.WriteByte(' ')
				}
				space = true
				continue
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if f, ok := foldTable[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		case unicode.Is(unicode.Mn, r) || r == '\u200c' || r == '\u200d':
			// Combining marks and joiners belong to the word they sit in;
			// marks are dropped so that decomposed text folds like composed.
			continue
		default:
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
	}
	return strings.TrimRight(b.String(), " ")
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
	s := paddedText(a)
	return s[1 : len(s)-1]
}

// paddedText is SearchText with a space at both ends, as search walks it:
// every word start then follows a space.
func paddedText(a *Article) string {
	var b strings.Builder
	b.Grow(len(a.Title) + len(a.Body) + 16*len(a.Tags) + 4)
	b.WriteByte(' ')
	b.WriteString(Fold(a.Title))
	seen := make([]string, 0, len(a.Tags)+len(a.FolderTags))
	for _, tags := range [][]string{a.Tags, a.FolderTags} {
		for _, tag := range tags {
			key := TagKey(tag)
			if key == "" || slices.Contains(seen, key) {
				continue
			}
			seen = append(seen, key)
			b.WriteByte(' ')
			b.WriteString(Fold(tag))
		}
	}
	b.WriteByte(' ')
	b.WriteString(Fold(a.Body))
	b.WriteByte(' ')
	return b.String()
}
