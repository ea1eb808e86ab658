package ui

import (
	"image/color"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// The reader highlights the words of the current search in the rendered
// article: wherever a word of the search matches the way the list's search
// matches it (model.Fold on both sides; a match starts a word, or follows a
// CJK character; a word with CJK characters in it matches anywhere), the
// matching characters are painted. Only SGR sequences are added, so the
// text, its width and its hyperlinks are as they were.

// searchWords returns the words of a search as the list's search matches
// them: its words and the words of its phrases, each highlighted wherever
// it matches (not only inside the phrase); excluded words are not.
func searchWords(search string) []string { return model.ParseSearch(search).Positive() }

// searchPaint is the style of the search's words in the reader: reverse
// video without colour, else the theme's second accent (the colour of a
// selected tag's mark) behind the selected row's background colour, bold.
func searchPaint(th *Theme) paint {
	reverse := newPaint(lipgloss.NewStyle().Reverse(true))
	if th == nil || th.Plain {
		return reverse
	}
	bg, fg := th.Check.GetForeground(), th.Cursor.GetBackground()
	if isNoColor(bg) || isNoColor(fg) {
		return newPaint(lipgloss.NewStyle().Reverse(true).Bold(true))
	}
	return newPaint(lipgloss.NewStyle().Foreground(fg).Background(bg).Bold(true))
}

func isNoColor(c color.Color) bool {
	_, none := c.(lipgloss.NoColor)
	return c == nil || none
}

// highlight returns rendered (ANSI text, lines separated by "\n") with
// every match of a word of search painted with hl. The escape sequences of
// rendered are kept, and the styling they set is restored after each match;
// no escape sequence or grapheme is split, and no line changes width. An
// empty search returns rendered as it is.
func highlight(rendered, search string, hl paint) string {
	words := searchWords(search)
	if len(words) == 0 {
		return rendered
	}
	var h highlighter
	lines := strings.Split(rendered, "\n")
	for i, l := range lines {
		lines[i] = h.line(l, words, hl)
	}
	return strings.Join(lines, "\n")
}

// highlighter highlights lines; it keeps its buffers from one line to the
// next. The zero value is ready to use.
type highlighter struct {
	segs   []hlSeg
	folded []byte  // the folded text of the line, after a space
	owner  []int32 // for each byte of folded, the grapheme (index in segs) it comes from; -1 for a separator
	marked []bool  // by segment: a grapheme to paint
	more   []bool  // by segment: the next grapheme after it is marked
	active []string
	odd    bool              // the line has a control or an escape sequence but SGR and OSC
	folds  map[string]string // model.Fold of the graphemes met, up to a bound
}

// hlSeg is a piece of a line: a grapheme, or an escape sequence (text false).
type hlSeg struct {
	start, end int
	text       bool
}

// line highlights the words (folded, as searchWords returns them) in one
// line of ANSI text.
func (h *highlighter) line(line string, words []string, hl paint) string {
	if len(words) == 0 || line == "" || !utf8.ValidString(line) {
		return line // invalid UTF-8 (not in Glamour's output): where graphemes end is unclear
	}
	h.split(line)
	h.fold(line)
	if !h.match(words) {
		return line
	}
	out := h.paint(line, hl)
	if h.odd && (ansi.Strip(out) != ansi.Strip(line) || ansi.StringWidth(out) != ansi.StringWidth(line)) {
		// A control or a broken escape sequence took in what was added
		// (not in Glamour's output, which is checked): leave the line be.
		return line
	}
	return out
}

// split cuts line into graphemes and escape sequences. (ansi.DecodeSequence
// alone would cut an ASCII letter from the combining mark after it.)
func (h *highlighter) split(line string) {
	h.segs, h.odd = h.segs[:0], false
	for i := 0; i < len(line); {
		c := line[i]
		n := 1
		text := true
		switch {
		case c >= ' ' && c < 0x7f && (i+1 == len(line) || line[i+1] < 0x80):
			// ASCII followed by ASCII: a grapheme of its own.
		case c < ' ' || c == 0x7f || c >= 0x80 && !utf8.RuneStart(c):
			_, _, n, _ = ansi.DecodeSequence(line[i:], 0, nil)
			text = false
		default:
			r, size := utf8.DecodeRuneInString(line[i:])
			if r >= 0x80 && r <= 0x9f || r == utf8.RuneError && size == 1 {
				// A C1 control, or invalid UTF-8: not text.
				_, _, n, _ = ansi.DecodeSequence(line[i:], 0, nil)
				text = false
				break
			}
			g, _ := ansi.FirstGraphemeCluster(line[i:], ansi.GraphemeWidth)
			n = len(g)
			if !utf8.ValidString(g) {
				n = size // the invalid bytes are not text
			}
		}
		n = min(max(n, 1), len(line)-i)
		if !text && !isSGR(line[i:i+n]) && !isOSC(line[i:i+n]) {
			h.odd = true
		}
		h.segs = append(h.segs, hlSeg{start: i, end: i + n, text: text})
		i += n
	}
}

// fold builds the folded text of the graphemes: each one folded on its own
// with model.Fold, separators (what folds to nothing) as one space.
func (h *highlighter) fold(line string) {
	h.folded = append(h.folded[:0], ' ')
	h.owner = append(h.owner[:0], -1)
	sep := func() {
		if h.folded[len(h.folded)-1] != ' ' {
			h.folded = append(h.folded, ' ')
			h.owner = append(h.owner, -1)
		}
	}
	for i, s := range h.segs {
		if !s.text {
			continue
		}
		g := line[s.start:s.end]
		if len(g) == 1 {
			c := g[0]
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				sep()
				continue
			}
			h.folded = append(h.folded, c)
			h.owner = append(h.owner, int32(i))
			continue
		}
		f, ok := h.folds[g]
		if !ok {
			f = model.Fold(g)
			if h.folds == nil {
				h.folds = make(map[string]string)
			}
			if len(h.folds) < 4096 {
				h.folds[g] = f
			}
		}
		if f == "" {
			sep()
			continue
		}
		for j := 0; j < len(f); j++ {
			if f[j] == ' ' { // a grapheme with a separator inside (rare)
				sep()
				continue
			}
			h.folded = append(h.folded, f[j])
			h.owner = append(h.owner, int32(i))
		}
	}
}

// match marks the graphemes that the words match, as model's matchTerm
// matches a word; it reports whether any matched.
func (h *highlighter) match(words []string) bool {
	if cap(h.marked) < len(h.segs) {
		h.marked = make([]bool, len(h.segs))
	}
	h.marked = h.marked[:len(h.segs)]
	clear(h.marked)
	text := string(h.folded) // one copy, for strings.Index
	found := false
	for _, w := range words {
		anywhere := model.HasCJK(w)
		for i := 0; ; {
			k := strings.Index(text[i:], w)
			if k < 0 {
				break
			}
			at := i + k
			i = at + 1
			if !anywhere && text[at-1] != ' ' {
				r, _ := utf8.DecodeLastRuneInString(text[:at])
				if !model.IsCJK(r) {
					continue
				}
			}
			for _, o := range h.owner[at : at+len(w)] {
				if o >= 0 {
					h.marked[o] = true
					found = true
				}
			}
		}
	}
	return found
}

// paint writes line with the marked graphemes painted. A painted run
// starts just before its first grapheme and ends just after its last;
// there hl's end (which resets all attributes) is followed by the SGR
// sequences in effect, so the text after the run keeps its style. An SGR
// sequence inside a run is followed by hl's start, so the run stays
// painted.
func (h *highlighter) paint(line string, hl paint) string {
	// more[i]: a text segment after segment i is marked, the next one.
	if cap(h.more) < len(h.segs) {
		h.more = make([]bool, len(h.segs))
	}
	h.more = h.more[:len(h.segs)]
	next := false
	for i := len(h.segs) - 1; i >= 0; i-- {
		h.more[i] = next
		if h.segs[i].text {
			next = h.marked[i]
		}
	}

	var b strings.Builder
	b.Grow(len(line) + 8*(len(hl.pre)+len(hl.post)))
	active := h.active[:0] // SGR sequences since the last reset
	in := false
	for i, s := range h.segs {
		seq := line[s.start:s.end]
		switch {
		case s.text:
			if h.marked[i] && !in {
				b.WriteString(hl.pre)
				in = true
			}
			b.WriteString(seq)
			if in && !h.more[i] {
				b.WriteString(hl.post)
				for _, a := range active {
					b.WriteString(a)
				}
				in = false
			}
		case isSGR(seq):
			b.WriteString(seq)
			params := seq[2 : len(seq)-1]
			if params == "" || params == "0" || strings.HasPrefix(params, "0;") {
				active = active[:0]
			}
			if params != "" && params != "0" {
				active = append(active, seq)
			}
			if in {
				b.WriteString(hl.pre)
			}
		default:
			b.WriteString(seq)
		}
	}
	h.active = active[:0]
	return b.String()
}

// isSGR reports whether seq is a Select Graphic Rendition sequence.
func isSGR(seq string) bool {
	return len(seq) >= 3 && seq[0] == '\x1b' && seq[1] == '[' && seq[len(seq)-1] == 'm'
}

// isOSC reports whether seq is a whole Operating System Command (as an OSC 8
// hyperlink), ended by BEL or ST.
func isOSC(seq string) bool {
	return strings.HasPrefix(seq, "\x1b]") && (strings.HasSuffix(seq, "\a") || strings.HasSuffix(seq, "\x1b\\"))
}
