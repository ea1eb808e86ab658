package model

import (
	"cmp"
	"fmt"
	"strings"
)

// Sort is an order of the article list.
type Sort uint8

// The sort orders, in the order `s` cycles through them.
const (
	SortNewest Sort = iota // the default
	SortOldest
	SortReads
	SortTitle
	sortCount
)

// Sorts lists every sort order in cycling order.
var Sorts = []Sort{SortNewest, SortOldest, SortReads, SortTitle}

// String returns the name used on the command line (--sort).
func (s Sort) String() string {
	switch s {
	case SortNewest:
		return "newest"
	case SortOldest:
		return "oldest"
	case SortReads:
		return "reads"
	case SortTitle:
		return "title"
	case sortCount:
	}
	return "unknown"
}

// Label returns the name shown in the interface.
func (s Sort) Label() string {
	switch s {
	case SortNewest:
		return "newest first"
	case SortOldest:
		return "oldest first"
	case SortReads:
		return "most read"
	case SortTitle:
		return "by title"
	case sortCount:
	}
	return "unknown"
}

// Next returns the sort that follows s in the cycle.
func (s Sort) Next() Sort { return (s + 1) % sortCount }

// ParseSort parses a --sort value.
func ParseSort(name string) (Sort, error) {
	for _, s := range Sorts {
		if strings.EqualFold(name, s.String()) {
			return s, nil
		}
	}
	return SortNewest, fmt.Errorf("unknown sort %q: use newest, oldest, reads or title", name)
}

// compare orders a before b under s. Articles without the sorted value go
// last; ties return 0 so that a stable sort keeps collection order.
func (s Sort) compare(a, b *entry) int {
	switch s {
	case SortNewest, SortOldest:
		ak, bk := a.art.HasDate(), b.art.HasDate()
		if ak != bk {
			return boolLast(ak)
		}
		if !ak {
			return 0
		}
		c := a.art.Date.Compare(b.art.Date)
		if s == SortNewest {
			return -c
		}
		return c
	case SortReads:
		ak, bk := a.art.HasReads(), b.art.HasReads()
		if ak != bk {
			return boolLast(ak)
		}
		return cmp.Compare(b.art.Reads, a.art.Reads)
	case SortTitle:
		ak, bk := a.titleKey != "", b.titleKey != ""
		if ak != bk {
			return boolLast(ak)
		}
		return strings.Compare(a.titleKey, b.titleKey)
	case sortCount:
	}
	return 0
}

// boolLast orders the entry that has a value (true) before one that has none.
func boolLast(has bool) int {
	if has {
		return -1
	}
	return 1
}
