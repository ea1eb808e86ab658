// Package errtext helps error messages that quote what a user wrote: Clip
// shortens a quoted value, Nearest finds the name the user likely meant.
// The configuration's reader and the key map's checks share them, so a
// typo gets the same "did you mean" wherever it is made.
package errtext

import (
	"strings"
	"unicode/utf8"
)

// clipLimit is the most bytes of a value an error quotes.
const clipLimit = 100

// Clip shortens a value quoted in an error to at most 100 bytes and an
// ellipsis, cutting at a character's start.
func Clip(s string) string {
	if len(s) <= clipLimit {
		return s
	}
	cut := clipLimit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Nearest returns the candidate closest to s (by edit distance; the first
// of equals), if it is close enough to be a likely typo; else the first
// candidate s begins, when s has at least three characters; else "".
func Nearest(s string, candidates []string) string {
	best, bestD := "", len(s)/3+2
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" && len(s) >= 3 {
		for _, c := range candidates {
			if strings.HasPrefix(c, s) {
				return c
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b in characters; past
// 64 characters it is the longer length (no name is that long).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
