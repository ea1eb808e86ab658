package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/internal/termcheck"
	"github.com/newsline/newsline/model"
)

// This file holds the text coming out of Glamour: from its ANSI text to
// what the reader pane shows (see plaintext.go for the text going in).

// finishRender post-processes Glamour's output for a pane width columns wide:
// hyperlinks only to web pages, tabs expanded, list items hanging
// (hangListItems), the padding Glamour adds to
// every line removed, lines wider than width wrapped (code, deep nesting),
// blank lines at both ends dropped, one newline at the end.
func finishRender(raw string, width int) string {
	// Only web links stay links. (A terminal's parser may end the OSC
	// string at a byte above 0x7F and print the rest: IsWebURL refuses
	// those, and the printed URL shows where the link goes.)
	s := filterHyperlinks(raw, model.IsWebURL)
	s = strings.ReplaceAll(s, "\t", "    ")
	s = hangListItems(s, width)
	var b strings.Builder
	b.Grow(len(s))
	blank := 0 // blank lines held back, written before the next text line
	started := false
	for line := range strings.SplitSeq(s, "\n") {
		for line := range strings.SplitSeq(fitRenderedLine(trimLineRight(line), width), "\n") {
			line = trimLineRight(line)
			if strings.TrimSpace(ansi.Strip(line)) == "" && !strings.Contains(line, "\x1b]") {
				blank++
				continue
			}
			if started {
				b.WriteString(strings.Repeat("\n", blank+1))
			}
			started, blank = true, 0
			b.WriteString(line)
		}
	}
	b.WriteByte('\n')
	return closeHyperlinksPerLine(b.String())
}

// closeHyperlinksPerLine ends a hyperlink still open at the end of a line
// and opens it again on the next, so that each line holds its own
// hyperlinks: the reader pane draws borders and other panes beside a line,
// and the link's text may wrap (a link is one hyperlink from its text to
// its number). Then it keeps only the honest ones (keepHonestLinks).
func closeHyperlinksPerLine(s string) string {
	if !strings.Contains(s, osc8) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	open := "" // the sequence of the hyperlink open at the end of the line
	for line := range strings.SplitSeq(strings.TrimSuffix(s, "\n"), "\n") {
		reopen := open
		for rest := line; ; {
			i := strings.Index(rest, osc8)
			if i < 0 {
				break
			}
			end, term := oscEnd(rest[i+len(osc8):])
			if end < 0 {
				break
			}
			seq := rest[i : i+len(osc8)+end+term]
			if _, uri, _ := strings.Cut(seq[len(osc8):len(osc8)+end], ";"); uri == "" {
				open = ""
			} else {
				open = seq
			}
			rest = rest[i+len(seq):]
		}
		if reopen != "" {
			line = reopen + line
		}
		if open != "" {
			line += osc8 + ";\a"
		}
		b.WriteString(keepHonestLinks(line))
		b.WriteByte('\n')
	}
	return b.String()
}

// keepHonestLinks removes from one line the hyperlinks on text that does
// not show where they go (termcheck.ShowsLinkTarget): the part of a link's
// text on a line without its host (the rest of a wrapped link), an
// image's description. Each part of a link left is honest on its own, so
// a pane that shows one line of a link and not the next shows no lie.
func keepHonestLinks(line string) string {
	var b strings.Builder
	dropped := false // the last opening was dropped: drop its end
	for rest := line; ; {
		i := strings.Index(rest, osc8)
		end, term := -1, 0
		if i >= 0 {
			end, term = oscEnd(rest[i+len(osc8):])
		}
		if end < 0 {
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString(rest[:i])
		seq := rest[i : i+len(osc8)+end+term]
		_, uri, _ := strings.Cut(seq[len(osc8):len(osc8)+end], ";")
		rest = rest[i+len(seq):]
		text := rest
		if j := strings.Index(text, osc8); j >= 0 {
			text = text[:j]
		}
		switch {
		case uri == "" && dropped:
			dropped = false
		case uri == "":
			b.WriteString(seq)
		case termcheck.ShowsLinkTarget(ansi.Strip(text), uri):
			b.WriteString(seq)
			dropped = false
		default:
			dropped = true
		}
	}
}

// trimLineRight removes trailing spaces (ASCII: a code span's no-break
// space stays) from one line of Glamour output, with the colour sequences
// around them. Glamour pads every line to the
// wrap width, each space wrapped in its own SGR pair. Other sequences
// (hyperlink ends) are kept, and a reset is added if any SGR was removed.
// It relies on Glamour closing its styles on every line.
func trimLineRight(line string) string {
	end := 0 // byte offset after the last visible non-space grapheme
	var state byte
	for i := 0; i < len(line); {
		seq, w, n, st := ansi.DecodeSequence(line[i:], state, nil)
		state = st
		if w > 0 && seq != " " {
			end = i + n
		}
		i += n
	}
	if end == len(line) {
		return line
	}
	var b strings.Builder
	b.WriteString(line[:end])
	droppedSGR := false
	tail := line[end:]
	for i := 0; i < len(tail); {
		seq, w, n, st := ansi.DecodeSequence(tail[i:], state, nil)
		state = st
		i += n
		switch {
		case w > 0 || seq == " ":
		case strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m"):
			droppedSGR = true
		default:
			b.WriteString(seq)
		}
	}
	if droppedSGR && end > 0 {
		b.WriteString("\x1b[m")
	}
	return b.String()
}

// fitRenderedLine returns line, or line hard-wrapped to width if it is
// wider: Glamour does not always keep to the width (ansi.Wrap lets trailing
// hyphens overflow; a rule nested in a quote is wider than the text).
func fitRenderedLine(line string, width int) string {
	if ansi.StringWidth(line) <= width {
		return line
	}
	return ansi.Hardwrap(line, width, true)
}

const osc8 = "\x1b]8;"

// StripHyperlinks removes every OSC 8 hyperlink sequence from s, keeping
// the visible text. For output that is not a terminal, use it before
// ansi.Strip.
func StripHyperlinks(s string) string {
	return filterHyperlinks(s, func(string) bool { return false })
}

// filterHyperlinks removes the OSC 8 hyperlinks of s whose target keep
// rejects: the opening sequence and the reset that ends it. Dropping a link
// while a kept one is open ends the kept one, so no text points elsewhere.
func filterHyperlinks(s string, keep func(uri string) bool) string {
	if !strings.Contains(s, osc8) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	open := false // a kept hyperlink is open
	for {
		i := strings.Index(s, osc8)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+len(osc8):]
		end, term := oscEnd(rest)
		if end < 0 { // unterminated: drop the introducer, keep the text
			s = rest
			continue
		}
		seq := s[i : i+len(osc8)+end+term]
		_, uri, _ := strings.Cut(rest[:end], ";")
		s = rest[end+term:]
		switch {
		case uri == "":
			if open {
				b.WriteString(seq)
				open = false
			}
		case keep(uri):
			b.WriteString(seq)
			open = true
		case open:
			b.WriteString(osc8 + ";\a")
			open = false
		}
	}
}

// oscEnd returns the index of the terminator of the OSC string s and its
// length: BEL, ST (ESC \\), or any other ESC, which aborts the string.
func oscEnd(s string) (int, int) {
	i := strings.IndexAny(s, "\a\x1b")
	switch {
	case i < 0:
		return -1, 0
	case s[i] == '\a':
		return i, 1
	case i+1 < len(s) && s[i+1] == '\\':
		return i, 2
	default:
		return i, 0
	}
}
