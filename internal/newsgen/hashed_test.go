package newsgen

import (
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// hashedShape is what every hashed name looks like.
var hashedShape = regexp.MustCompile(`^[0-9a-f]{16}\.txt$`)

// Hashed names are stable, shaped alike, depend on the seed and the article
// only (not on N), and keep Folders' folders.
func TestHashedNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Config
		i    int
		want string // "" when only the shape is checked
	}{
		{"seed 1 article 1", Config{N: 100000, Seed: 1, Out: "x", HashedNames: true}, 1, hashedName(1, 1)},
		{"does not depend on N", Config{N: 3, Seed: 1, Out: "x", HashedNames: true}, 1, hashedName(1, 1)},
		{"last of 100k", Config{N: 100000, Seed: 1, Out: "x", HashedNames: true}, 100000, hashedName(1, 100000)},
		{"other seed", Config{N: 10, Seed: 7, Out: "x", HashedNames: true}, 4, hashedName(7, 4)},
		{"with folders", Config{N: 10, Seed: 7, Out: "x", HashedNames: true, Folders: true}, 4, hashedName(7, 4)},
	} {
		path := tc.c.Path(tc.i)
		base := filepath.Base(path)
		if !hashedShape.MatchString(base) {
			t.Errorf("%s: %s is not 16 hex digits and .txt", tc.name, base)
		}
		if base != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, base, tc.want)
		}
		if dir := filepath.Dir(path); tc.c.Folders == (dir == "x") {
			t.Errorf("%s: in %s, folders %v", tc.name, dir, tc.c.Folders)
		}
	}
	// Pinned, so that a change to the names is a decision, not an accident.
	if got, want := hashedName(1, 1), "62ab6111d4925e0b.txt"; got != want {
		t.Errorf("hashedName(1, 1) = %s, want %s", got, want)
	}
	if hashedName(1, 5) == hashedName(2, 5) {
		t.Errorf("article 5 has the same name with seeds 1 and 2")
	}
}

// No two articles of 100,000 share a name, and the order of the names is
// not the order of the articles (that is, of the dates).
func TestHashedNamesSpread(t *testing.T) {
	const n = 100000
	seen := make(map[string]int, n)
	names := make([]string, n)
	for i := 1; i <= n; i++ {
		name := hashedName(1, i)
		if j, ok := seen[name]; ok {
			t.Fatalf("articles %d and %d are both %s", j, i, name)
		}
		seen[name] = i
		names[i-1] = name
	}
	// Sorting the names scatters the articles: among the first hundred names
	// in name order, the article numbers span most of the collection, and
	// the article sorting first is not article 1 or n.
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	lo, hi := n, 0
	for _, name := range sorted[:100] {
		lo, hi = min(lo, seen[name]), max(hi, seen[name])
	}
	if hi-lo < n/2 {
		t.Errorf("the first 100 names are articles %d to %d; want them spread over the collection", lo, hi)
	}
	if first := seen[sorted[0]]; first == 1 || first == n {
		t.Errorf("the first name is article %d", first)
	}
}
