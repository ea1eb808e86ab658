package model

import (
	"encoding/binary"
	"strings"
	"time"
)

// stored is an article as a collection keeps it: numbers, and where its
// strings are in the store's chunks. It holds no pointer, so that the
// collector has little to scan in 100,000 of them.
type stored struct {
	ID    ID
	sec   int64  // the date in Unix seconds (the zero time's when unknown)
	reads int64  // NoReads when unknown
	nsec  uint32 // the date's nanoseconds
	tags  uint32 // the tag set's place in store.pool
	chunk uint32 // the chunk of the record
	off   uint32 // the record's start in its chunk: the title first
	title uint32 // the title's length
	file  uint32 // the file's record in the same chunk
}

// hasDate reports whether the article's date is known.
func (r *stored) hasDate() bool { return r.sec != zeroUnix || r.nsec != 0 }

// zeroUnix is the Unix time of the zero time.Time: an unknown date.
var zeroUnix = time.Time{}.Unix()

// store keeps the strings of a collection's articles in few large chunks,
// written a batch at a time, and their tag sets in one pool. An article's
// record in a chunk is its title, then as varints: Index, Format, Offset,
// Length, Source, URL and Author (a string is its length and bytes), and
// its tag spellings (the count plus one, 0 for nil, then name indices).
// A file's record, shared by the file's articles written together, is the
// path (a prefix index plus one and Rel, or 0, Path and Rel) and the
// folder names as tags are. Chunks are never changed, so strings cut from
// them can be handed out; replaced and removed articles leave dead bytes,
// and the store is written again when they outweigh the live ones.
type store struct {
	chunks  []string
	scratch []byte // the chunk Apply is writing
	size    int    // bytes in chunks
	dead    int    // of them, bytes no article uses any more (records only)
	pool    []int32
	dead32  int // pool entries no article uses any more

	prefixes    []string // what paths hold before Rel, most often a root
	prefixIndex map[string]int
	// dates are those that time.Unix(...).UTC() would not give back as
	// they were (another location, a monotonic reading), by article.
	dates map[ID]time.Time
	// bodies are kept without ExternalSearch, by article.
	bodies map[ID]string
}

func newStore() store {
	return store{pool: []int32{0}, prefixIndex: map[string]int{}, dates: map[ID]time.Time{}, bodies: map[ID]string{}}
}

// chunk returns the text of chunk k, the one being written included.
func (s *store) chunk(k uint32) string {
	if int(k) == len(s.chunks) {
		return string(s.scratch) // only while Apply writes it, and rarely
	}
	return s.chunks[k]
}

// title returns the stored title of r.
func (s *store) title(r *stored) string {
	return s.chunk(r.chunk)[r.off : r.off+r.title]
}

// tagSet returns the indices into Collection.tags of r's distinct tags.
func (s *store) tagSet(r *stored) []int32 {
	n := s.pool[r.tags]
	return s.pool[r.tags+1 : r.tags+1+uint32(n)]
}

// addTagSet puts a tag set in the pool and returns its place; every empty
// set shares place 0.
func (s *store) addTagSet(set []int32) uint32 {
	if len(set) == 0 {
		return 0
	}
	at := uint32(len(s.pool))
	s.pool = append(s.pool, int32(len(set)))
	s.pool = append(s.pool, set...)
	return at
}

// fileKey is what makes two articles share a file record.
type fileKey struct {
	path, rel string
	folders   []string
	off       uint32
	ok        bool
}

func (k *fileKey) same(a *Article) bool {
	if !k.ok || k.path != a.Path || k.rel != a.Rel || len(k.folders) != len(a.FolderTags) {
		return false
	}
	for i, f := range a.FolderTags {
		if k.folders[i] != f {
			return false
		}
	}
	return true
}

// maxPrefixes bounds the prefixes kept: a few roots have a few; past it,
// paths are kept whole.
const maxPrefixes = 1024

// writeFile appends a file record to the chunk being written: the path,
// Rel and the folder names (as name indices).
func (s *store) writeFile(a *Article, folders []int32) uint32 {
	at := uint32(len(s.scratch))
	prefix, ok := strings.CutSuffix(a.Path, a.Rel)
	p, known := s.prefixIndex[prefix]
	if ok && a.Rel != "" && (known || len(s.prefixes) < maxPrefixes) {
		if !known {
			p = len(s.prefixes)
			s.prefixes = append(s.prefixes, strings.Clone(prefix))
			s.prefixIndex[s.prefixes[p]] = p
		}
		s.scratch = binary.AppendUvarint(s.scratch, uint64(p+1))
	} else {
		s.scratch = binary.AppendUvarint(s.scratch, 0)
		s.scratch = appendString(s.scratch, a.Path)
	}
	s.scratch = appendString(s.scratch, a.Rel)
	s.scratch = appendIndices(s.scratch, a.FolderTags == nil, folders)
	return at
}

// writeArticle appends an article's record to the chunk being written and
// returns its row; file is the place of its file's record.
func (s *store) writeArticle(a *Article, tags []int32, file uint32) stored {
	r := stored{
		ID: a.ID, sec: a.Date.Unix(), nsec: uint32(a.Date.Nanosecond()), reads: int64(a.Reads),
		chunk: uint32(len(s.chunks)), off: uint32(len(s.scratch)), title: uint32(len(a.Title)), file: file,
	}
	if back := time.Unix(r.sec, int64(r.nsec)).UTC(); back != a.Date {
		s.dates[a.ID] = a.Date
	}
	b := append(s.scratch, a.Title...)
	b = binary.AppendVarint(b, int64(a.Index))
	b = binary.AppendUvarint(b, uint64(a.Format))
	b = binary.AppendVarint(b, int64(a.Offset))
	b = binary.AppendVarint(b, int64(a.Length))
	b = appendString(b, a.Source)
	b = appendString(b, a.URL)
	b = appendString(b, a.Author)
	s.scratch = appendIndices(b, a.Tags == nil, tags)
	return r
}

// finish makes the chunk written since the last finish one of the store's.
func (s *store) finish() {
	if len(s.scratch) == 0 {
		return
	}
	s.chunks = append(s.chunks, string(s.scratch))
	s.size += len(s.scratch)
	s.scratch = s.scratch[:0]
}

func appendString(b []byte, str string) []byte {
	b = binary.AppendUvarint(b, uint64(len(str)))
	return append(b, str...)
}

// appendIndices appends a list of name indices: its length plus one (0
// for a nil list), then the indices.
func appendIndices(b []byte, isNil bool, list []int32) []byte {
	if isNil {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(list)+1))
	for _, x := range list {
		b = binary.AppendUvarint(b, uint64(x))
	}
	return b
}

// reader reads a record that the store wrote: no bounds are checked.
type reader struct {
	s string
	i int
}

func (d *reader) uvarint() uint64 {
	var x uint64
	for shift := uint(0); ; shift += 7 {
		c := d.s[d.i]
		d.i++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
}

func (d *reader) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (d *reader) string() string {
	n := int(d.uvarint())
	d.i += n
	return d.s[d.i-n : d.i]
}

// indices calls fn with each index of a list written by appendIndices and
// reports whether the list was nil.
func (d *reader) indices(fn func(int32)) (isNil bool) {
	n := d.uvarint()
	if n == 0 {
		return true
	}
	for range n - 1 {
		fn(int32(d.uvarint()))
	}
	return false
}

// fileOf reads r's file record: the path, Rel, and a reader at the folder
// names. Path is Rel with its prefix put back, which allocates unless the
// prefix is empty.
func (s *store) fileOf(r *stored, ar *arena) (path, rel string, d reader) {
	d = reader{s: s.chunk(r.chunk), i: int(r.file)}
	p := int(d.uvarint())
	if p == 0 {
		path = d.string()
		rel = d.string()
		return path, rel, d
	}
	rel = d.string()
	if prefix := s.prefixes[p-1]; prefix != "" {
		path = ar.join(prefix, rel)
		rel = path[len(prefix):]
	} else {
		path = rel
	}
	return path, rel, d
}

// folderNames returns a reader at r's file's folder names.
func (s *store) folderNames(r *stored) reader {
	d := reader{s: s.chunk(r.chunk), i: int(r.file)}
	if d.uvarint() == 0 {
		d.string()
	}
	d.string()
	return d
}

// comparePaths compares the paths of two rows without building them.
func (s *store) comparePaths(a, b *stored) int {
	pa, ra := s.pathParts(a)
	pb, rb := s.pathParts(b)
	if pa == pb {
		return strings.Compare(ra, rb)
	}
	return compareJoined(pa, ra, pb, rb)
}

// pathParts returns r's path as two strings to join.
func (s *store) pathParts(r *stored) (prefix, rest string) {
	d := reader{s: s.chunk(r.chunk), i: int(r.file)}
	if p := int(d.uvarint()); p > 0 {
		return s.prefixes[p-1], d.string()
	}
	return "", d.string()
}

// compareJoined compares a1+a2 with b1+b2.
func compareJoined(a1, a2, b1, b2 string) int {
	for {
		if a1 == "" {
			a1, a2 = a2, ""
		}
		if b1 == "" {
			b1, b2 = b2, ""
		}
		if a1 == "" || b1 == "" {
			return cmpInt(len(a1), len(b1))
		}
		n := min(len(a1), len(b1))
		if c := strings.Compare(a1[:n], b1[:n]); c != 0 {
			return c
		}
		a1, b1 = a1[n:], b1[n:]
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// index returns r's Article.Index.
func (s *store) index(r *stored) int {
	d := reader{s: s.chunk(r.chunk), i: int(r.off + r.title)}
	return int(d.varint())
}

// tagsOf returns a reader of r's record at its tag indices, its last field.
func (s *store) tagsOf(r *stored) reader {
	d := reader{s: s.chunk(r.chunk), i: int(r.off + r.title)}
	d.varint()
	d.uvarint()
	d.varint()
	d.varint()
	d.string()
	d.string()
	d.string()
	return d
}

// recordEnd returns the end of r's record in its chunk.
func (s *store) recordEnd(r *stored) int {
	d := s.tagsOf(r)
	d.indices(func(int32) {})
	return d.i
}

// date returns r's date as the article had it.
func (s *store) date(r *stored) time.Time {
	if d, ok := s.dates[r.ID]; ok {
		return d
	}
	return time.Unix(r.sec, int64(r.nsec)).UTC()
}

// fileEnd returns the end of r's file record in its chunk.
func (s *store) fileEnd(r *stored) int {
	d := reader{s: s.chunk(r.chunk), i: int(r.file)}
	if d.uvarint() == 0 {
		d.string()
	}
	d.string()
	d.indices(func(int32) {})
	return d.i
}

// maxChunk is the size past which compact starts another chunk, well
// below what a 32-bit offset reaches (a variable for tests).
var maxChunk = 1 << 30

// compact writes the records and tag sets of the entries again, without
// the dead ones, once those outweigh the live ones: after a reload that
// replaced every article, or many removals.
func (s *store) compact(entries []entry) {
	const least = 1 << 16
	if !(s.dead > least && s.dead > s.size/2) && !(s.dead32 > least && s.dead32 > len(s.pool)/2) {
		return
	}
	pool := make([]int32, 1, len(s.pool)-s.dead32)
	var chunks []string
	var b []byte
	var lastChunk, lastFile, newFile uint32 = 0, 0, 0
	shared := false
	for i := range entries {
		r := &entries[i].art
		src := s.chunks[r.chunk]
		if !shared || r.chunk != lastChunk || r.file != lastFile {
			if len(b) > maxChunk { // offsets are 32 bits
				chunks, b = append(chunks, string(b)), b[:0]
			}
			lastChunk, lastFile, shared = r.chunk, r.file, true
			newFile = uint32(len(b))
			b = append(b, src[r.file:s.fileEnd(r)]...)
		}
		end := s.recordEnd(r)
		at := uint32(len(b))
		b = append(b, src[r.off:end]...)
		set := s.tagSet(r)
		r.tags = 0
		if len(set) > 0 {
			r.tags = uint32(len(pool))
			pool = append(pool, int32(len(set)))
			pool = append(pool, set...)
		}
		r.chunk, r.off, r.file = uint32(len(chunks)), at, newFile
	}
	s.chunks = append(chunks, string(b))
	s.size, s.dead = len(b), 0
	for _, ch := range chunks {
		s.size += len(ch)
	}
	s.pool, s.dead32 = pool, 0
}

// drop counts r's record and tag set dead, and forgets what is kept of it
// by ID.
func (s *store) drop(r *stored) {
	s.dead += s.recordEnd(r) - int(r.off)
	if r.tags != 0 {
		s.dead32 += 1 + int(s.pool[r.tags])
	}
	delete(s.dates, r.ID)
	delete(s.bodies, r.ID)
}
