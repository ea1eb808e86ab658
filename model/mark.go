package model

import "fmt"

// Mark is what the user did with an article: read it, starred it. The zero
// Mark — unread, not starred — is what an article without stored marks
// has.
type Mark struct {
	Read    bool
	Starred bool
}

// MarkChange is one change of marks, as the reader's keys and the mark
// command make it.
type MarkChange uint8

// The changes.
const (
	MarkRead MarkChange = iota
	MarkUnread
	Star
	Unstar
)

// MarkChanges are the changes, in the order the CLI names them.
var MarkChanges = []MarkChange{MarkRead, MarkUnread, Star, Unstar}

// Apply returns m after the change.
func (c MarkChange) Apply(m Mark) Mark {
	switch c {
	case MarkRead:
		m.Read = true
	case MarkUnread:
		m.Read = false
	case Star:
		m.Starred = true
	case Unstar:
		m.Starred = false
	}
	return m
}

// String names the change as the CLI takes it: read, unread, star, unstar.
func (c MarkChange) String() string {
	switch c {
	case MarkRead:
		return "read"
	case MarkUnread:
		return "unread"
	case Star:
		return "star"
	case Unstar:
		return "unstar"
	}
	return "change(" + fmt.Sprint(uint8(c)) + ")"
}

// ParseMarkChange returns the change named s (read, unread, star, unstar).
func ParseMarkChange(s string) (MarkChange, error) {
	for _, c := range MarkChanges {
		if c.String() == s {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown mark %q: use read, unread, star or unstar", s)
}
