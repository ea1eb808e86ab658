// Package termcheck tells whether output is safe to print to a terminal
// as newsline prints it: the checker of the terminal-safety tests (see
// SECURITY.md), shared by the packages that test screens and output, and
// the rule of which text may carry a hyperlink (ShowsLinkTarget), which
// the reader applies to what it prints.
package termcheck

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Problems lists what in out newsline's styling would not have
// produced: any escape sequence but SGR, cursor movement and position and
// erase; an OSC 8 hyperlink that is not well formed, goes to anything but
// an http(s) URL with a host, or is on text that does not show where it
// goes (see hyperlinks); any control but newline, tab and carriage return; a
// bidi override or isolate; invalid UTF-8.
func Problems(out string) []string {
	var probs []string
	if !utf8.ValidString(out) {
		probs = append(probs, "invalid UTF-8")
	}
	links := &hyperlinks{}
	p := ansi.NewParser()
	var state byte
	for i := 0; i < len(out); {
		seq, width, n, st := ansi.DecodeSequence(out[i:], state, p)
		state, i = st, i+n
		switch {
		case seq == "\n" || seq == "\t" || seq == "\r":
			links.text(" ")
		case ansi.HasCsiPrefix(seq):
			c := ansi.Cmd(p.Command())
			if c.Prefix() != 0 || c.Intermediate() != 0 || !strings.ContainsRune("mABCDEFGHfdJK", rune(c.Final())) {
				probs = append(probs, fmt.Sprintf("CSI %q", seq))
			}
		case ansi.HasOscPrefix(seq):
			if prob := links.osc(seq); prob != "" {
				probs = append(probs, prob)
			}
		case width == 0 && seq != "" && (seq[0] < 0x20 || seq[0] == 0x7f || seq[0] >= 0x80 && seq[0] <= 0x9f):
			probs = append(probs, fmt.Sprintf("control or escape %q", seq))
		default:
			links.text(seq)
			for _, r := range seq {
				if unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
					probs = append(probs, fmt.Sprintf("%U in %q", r, seq))
				}
			}
		}
	}
	return append(probs, links.finish()...)
}

// flat is text as a reader reads it across wrapped lines: without white
// space and without the box-drawing characters of pane borders (U+2500 to
// U+259F), so that an address wrapped onto the next line of a pane still
// counts as printed.
func flat(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r >= 0x2500 && r <= 0x259f {
			return -1
		}
		return r
	}, s)
}
