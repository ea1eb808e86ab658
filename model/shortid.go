package model

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// ShortID returns the shortest hex prefix of id, at least 6 digits, that no
// other article in the collection shares, as git abbreviates commits.
func (c *Collection) ShortID(id ID) string {
	if c.short == nil {
		c.short = shortLengths(c.IDs())
	}
	n, ok := c.short[id]
	if !ok {
		n = 6
	}
	return id.Hex()[:n]
}

// shortLengths computes the unique prefix length of every ID: one more than
// the longest prefix it shares with its neighbours in sorted order (hex
// order is numeric order, and shared hex digits are leading zero bits of the
// XOR, four to a digit).
func shortLengths(ids []ID) map[ID]int {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	out := make(map[ID]int, len(sorted))
	for i, id := range sorted {
		n := 0
		if i > 0 {
			n = max(n, sharedHexDigits(id, sorted[i-1]))
		}
		if i+1 < len(sorted) {
			n = max(n, sharedHexDigits(id, sorted[i+1]))
		}
		out[id] = min(max(6, n+1), 16)
	}
	return out
}

func sharedHexDigits(a, b ID) int { return bits.LeadingZeros64(uint64(a^b)) / 4 }

// Resolve finds the article whose hex ID starts with prefix. It fails when
// no article or more than one matches.
func (c *Collection) Resolve(prefix string) (ID, error) {
	p := strings.ToLower(strings.TrimSpace(prefix))
	if p == "" {
		return 0, fmt.Errorf("empty article ID")
	}
	var found []ID
	for i := range c.entries {
		id := c.entries[i].art.ID
		if strings.HasPrefix(id.Hex(), p) {
			found = append(found, id)
		}
	}
	switch len(found) {
	case 0:
		return 0, fmt.Errorf("no article with ID %q: run `newsline list` to see the IDs", prefix)
	case 1:
		return found[0], nil
	}
	return 0, fmt.Errorf("article ID %q is ambiguous (%d articles match): give more digits", prefix, len(found))
}
