package main

import (
	"fmt"
	"io"
	"strings"
)

// span is a run of tokens that one text has and the other lacks.
type span struct {
	extra bool // in Extract's text only (else in the ground truth only)
	words []string
}

// unmatched lists the runs of tokens in from whose shingles (of
// shingleSize tokens) other does not have: what costs a page its
// precision (from = Extract's text) or its recall (from = the truth).
func unmatched(from, other string, extra bool) []span {
	toks := tokens(from)
	have := shingles(other)
	miss := make([]bool, len(toks))
	for i := 0; i+shingleSize <= len(toks); i++ {
		if have[strings.Join(toks[i:i+shingleSize], "\x00")] == 0 {
			for j := i; j < i+shingleSize; j++ {
				miss[j] = true
			}
		}
	}
	var out []span
	for i := 0; i < len(toks); {
		if !miss[i] {
			i++
			continue
		}
		j := i
		for j < len(toks) && miss[j] {
			j++
		}
		out = append(out, span{extra: extra, words: toks[i:j]})
		i = j
	}
	return out
}

// showDiff writes what Extract's text has that the truth lacks ("+") and
// what the truth has that Extract's text lacks ("-"), run by run, each
// cut to its first and last words when long.
func showDiff(w io.Writer, truth, pred string) {
	spans := append(unmatched(pred, truth, true), unmatched(truth, pred, false)...)
	for _, sp := range spans {
		mark := "-"
		if sp.extra {
			mark = "+"
		}
		fmt.Fprintf(w, "%s %4d  %s\n", mark, len(sp.words), clip(sp.words, 30))
	}
}

// clip joins words, keeping the first and last n/2 of a longer run.
func clip(words []string, n int) string {
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n/2], " ") + " … " + strings.Join(words[len(words)-n/2:], " ")
}
