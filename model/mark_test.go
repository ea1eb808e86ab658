package model

import (
	"strings"
	"testing"
)

func TestParseMarkChange(t *testing.T) {
	for _, c := range MarkChanges {
		if got, err := ParseMarkChange(c.String()); err != nil || got != c {
			t.Errorf("ParseMarkChange(%q) = %v, %v", c, got, err)
		}
	}
	if _, err := ParseMarkChange("delete"); err == nil || !strings.Contains(err.Error(), "read, unread, star or unstar") {
		t.Errorf("ParseMarkChange(delete): %v", err)
	}
}

// TestMarkChangeApply: each change sets its own mark and leaves the other.
func TestMarkChangeApply(t *testing.T) {
	for _, tc := range []struct {
		c        MarkChange
		from, to Mark
	}{
		{MarkRead, Mark{Starred: true}, Mark{Read: true, Starred: true}},
		{MarkUnread, Mark{Read: true, Starred: true}, Mark{Starred: true}},
		{Star, Mark{Read: true}, Mark{Read: true, Starred: true}},
		{Unstar, Mark{Read: true, Starred: true}, Mark{Read: true}},
		{Star, Mark{Starred: true}, Mark{Starred: true}},
	} {
		if got := tc.c.Apply(tc.from); got != tc.to {
			t.Errorf("%s of %+v = %+v, want %+v", tc.c, tc.from, got, tc.to)
		}
	}
}
