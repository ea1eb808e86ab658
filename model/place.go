package model

// Place is where the reader was in a collection: its filters, sort,
// selected article and scroll positions. The reader gives it at the end of
// a session, the state keeps it per collection, and the reader takes it
// back at the start of the next.
type Place struct {
	Tags    []string // selected tag keys
	Exclude []string // excluded tag keys
	Search  string
	Sort    Sort
	Unread  bool // the Unread smart entry is on
	Starred bool // the Starred smart entry is on
	// Selected is the article under the cursor (when HasSel); Row its line
	// on screen (from the top of the list), ReaderY the reader's scroll
	// line, and Reading whether it was open in the reader.
	Selected ID
	HasSel   bool
	Row      int
	ReaderY  int
	Reading  bool
}
