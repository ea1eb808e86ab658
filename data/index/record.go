package index

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/newsline/newsline/model"
)

// An article's record (articles.rec) holds all it has but its body, in
// this order:
//
//	rel      string (the file's: the same as the row's key)
//	index    uvarint
//	id       8 bytes, little-endian
//	n        uvarint (the row's n)
//	flags    byte: 1 the date is known, 2 the read counter is known
//	date     varint Unix seconds, uvarint nanoseconds (when known)
//	reads    uvarint (when known)
//	format   uvarint model.Format
//	offset   uvarint, length uvarint: Article.Offset and Length
//	title, source, url, author: each a string
//	tags, folder tags: each a uvarint count and that many strings
//
// where a string is its uvarint length and its bytes. Changing it means
// raising schemaVersion.
const (
	recDate  = 1
	recReads = 2
)

// encodeRecord appends the record of a, an article of the file rel with
// full-text rowid n, to b.
func encodeRecord(b []byte, rel string, n int64, a *model.Article) []byte {
	b = appendString(b, rel)
	b = binary.AppendUvarint(b, uint64(a.Index))
	b = binary.LittleEndian.AppendUint64(b, uint64(a.ID))
	b = binary.AppendUvarint(b, uint64(n))
	var flags byte
	if a.HasDate() {
		flags |= recDate
	}
	if a.HasReads() {
		flags |= recReads
	}
	b = append(b, flags)
	if a.HasDate() {
		b = binary.AppendVarint(b, a.Date.Unix())
		b = binary.AppendUvarint(b, uint64(a.Date.Nanosecond()))
	}
	if a.HasReads() {
		b = binary.AppendUvarint(b, uint64(a.Reads))
	}
	b = binary.AppendUvarint(b, uint64(a.Format))
	b = binary.AppendUvarint(b, uint64(max(a.Offset, 0)))
	b = binary.AppendUvarint(b, uint64(max(a.Length, 0)))
	for _, s := range []string{a.Title, a.Source, a.URL, a.Author} {
		b = appendString(b, s)
	}
	for _, list := range [][]string{a.Tags, a.FolderTags} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, s := range list {
			b = appendString(b, s)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errRecord = errors.New("damaged article record")

// decodeRecord returns the article of a record and its full-text rowid.
// The article's strings share the memory of rec.
func decodeRecord(rec string) (model.Article, int64, error) {
	return decodeRecordIn(rec, nil)
}

// decodeRecordIn is decodeRecord with the tag lists cut from *lists, grown
// a batch at a time, when lists is not nil: a warm start then allocates
// them once per batch rather than once per article.
func decodeRecordIn(rec string, lists *[]string) (model.Article, int64, error) {
	d := decoder{s: rec, lists: lists}
	a := model.Article{Rel: d.string(), Index: d.int(math.MaxInt), Reads: model.NoReads}
	a.ID = model.ID(d.fixed64())
	n := int64(d.uvarint())
	if n < 0 {
		d.bad = true
	}
	flags := d.byte()
	if flags&^(recDate|recReads) != 0 {
		d.bad = true
	}
	if flags&recDate != 0 {
		sec := d.varint()
		a.Date = time.Unix(sec, int64(d.int(999_999_999))).UTC()
	}
	if flags&recReads != 0 {
		a.Reads = d.int(math.MaxInt)
	}
	a.Format = model.Format(d.int(math.MaxUint8))
	a.Offset, a.Length = d.int(math.MaxInt), d.int(math.MaxInt)
	a.Title, a.Source, a.URL, a.Author = d.string(), d.string(), d.string(), d.string()
	a.Tags, a.FolderTags = d.strings(), d.strings()
	if d.bad || d.s != "" {
		return model.Article{}, 0, errRecord
	}
	return a, n, nil
}

// decoder reads a record; a read past its end marks it bad.
type decoder struct {
	s     string
	bad   bool
	lists *[]string // where strings() cuts its lists from; nil: its own
}

// listsBatch is how many strings a decoder's shared lists hold at least.
const listsBatch = 4096

func (d *decoder) byte() byte {
	if d.s == "" {
		d.bad = true
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

func (d *decoder) fixed64() uint64 {
	if len(d.s) < 8 {
		d.bad = true
		return 0
	}
	x := binary.LittleEndian.Uint64([]byte(d.s[:8]))
	d.s = d.s[8:]
	return x
}

func (d *decoder) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c := d.byte()
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	d.bad = true
	return 0
}

// int reads a uvarint of at most limit.
func (d *decoder) int(limit uint64) int {
	x := d.uvarint()
	if x > limit {
		d.bad = true
		return 0
	}
	return int(x)
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.s)) {
		d.bad = true
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func (d *decoder) strings() []string {
	n := d.uvarint()
	if n == 0 || n > uint64(len(d.s)) { // each string takes a byte at least
		d.bad = d.bad || n > uint64(len(d.s))
		return nil
	}
	var out []string
	if d.lists == nil {
		out = make([]string, n)
	} else {
		pool := *d.lists
		if uint64(cap(pool)-len(pool)) < n {
			pool = make([]string, 0, max(listsBatch, n))
		}
		start := len(pool)
		pool = pool[:start+int(n)]
		*d.lists = pool
		out = pool[start:len(pool):len(pool)] // an append to it cannot reach the next list
	}
	for i := range out {
		out[i] = d.string()
	}
	return out
}
