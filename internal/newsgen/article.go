package newsgen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dustin/go-humanize"
)

// newestTime is (about) when article 1 was published; article i is
// (i-1)*spacing to i*spacing seconds older, so 100,000 articles span a little
// under three years.
var newestTime = time.Date(2026, time.June, 30, 21, 40, 0, 0, time.UTC)

const spacing = 900 // seconds between two articles, on average

// Meta is what an article says about itself, as a parser should read it
// back.
type Meta struct {
	Title string
	Date  time.Time // as written: midnight UTC for a date without a time
	Reads int       // -1 when the article has no read counter
	Tags  []string  // one to five, the first names the folder with Folders
}

// Article returns the text of article i (1 is the newest) of the collection
// made with seed, exactly as Write writes it, and what it says about itself.
func Article(seed uint64, i int) ([]byte, Meta) {
	return newGenerator(seed).article(nil, i)
}

// Title returns the title of article i of the collection made with seed:
// the first line of its file, which a benchmark can wait for on screen.
func Title(seed uint64, i int) string {
	_, m := Article(seed, i)
	return m.Title
}

// generator writes the articles of one seed. It is safe for concurrent use:
// all its state is read-only, each article has its own random source.
type generator struct {
	seed uint64
	*tables
}

// tables are the word stock and its samplers. They do not depend on the
// seed and take a few milliseconds to build, so they are built once and
// shared: Article and Title stay cheap.
type tables struct {
	v        *vocabulary
	content  *sampler // over v.content
	function *sampler // over v.function
	tags     *sampler // over v.tags
}

var sharedTables = sync.OnceValue(func() *tables {
	v := newVocabulary()
	return &tables{
		v:        v,
		content:  newZipf(len(v.content), 1.0, 20),
		function: newZipf(len(v.function), 0.9, 0),
		tags:     newZipf(len(v.tags), 1.0, 0),
	}
})

func newGenerator(seed uint64) *generator {
	return &generator{seed: seed, tables: sharedTables()}
}

// rand returns the random source of article i: it depends on the seed and
// i only, so article i is the same in every collection made with the seed.
func (g *generator) rand(i int) *rand.Rand {
	return rand.New(rand.NewPCG(mix(g.seed^0x6e65776c696e65), mix(mix(uint64(i))^g.seed)))
}

// mix is the SplitMix64 finalizer: neighbouring inputs give unrelated
// outputs.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Date forms, as news sites write them.
const (
	dateLong     = "2 January 2006"
	dateUS       = "January 2, 2006"
	dateISOTime  = "2006-01-02 15:04"
	dateLongTime = "2 January 2006 15:04"
)

// article appends article i (1 is the newest) to buf and returns what it
// says about itself.
func (g *generator) article(buf []byte, i int) ([]byte, Meta) {
	r := g.rand(i)
	var m Meta

	start := len(buf)
	buf = g.title(buf, r)
	m.Title = string(buf[start:])

	// The date line: " 15 July 2021     Read: 715", with no-break spaces.
	t := newestTime.Add(-time.Duration(int64(i-1)*spacing+r.Int64N(spacing)) * time.Second)
	var form string
	switch u := r.IntN(100); {
	case u < 55:
		form = dateLong
	case u < 75:
		form = dateUS
	case u < 90:
		form = dateISOTime
	default:
		form = dateLongTime
	}
	if i == 1 && (form == dateLong || form == dateUS) {
		form = dateLongTime // the newest article stays the newest at the minute
	}
	if form == dateLong || form == dateUS {
		m.Date = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	} else {
		m.Date = t.Truncate(time.Minute)
	}
	m.Reads = g.reads(r)
	buf = append(buf, "\n\n\u00a0"...)
	buf = m.Date.AppendFormat(buf, form)
	if m.Reads >= 0 {
		buf = append(buf, "\u00a0\u00a0\u00a0\u00a0 "...)
		if m.Reads >= 1000 && r.IntN(8) == 0 {
			buf = append(buf, "Reads: "...)
			buf = append(buf, humanize.Comma(int64(m.Reads))...)
		} else {
			buf = append(buf, "Read: "...)
			buf = strconv.AppendInt(buf, int64(m.Reads), 10)
		}
	}
	buf = append(buf, '\n')
	buf = append(buf, m.Title...)
	buf = append(buf, '\n')

	for range 3 + r.IntN(13) {
		buf = append(buf, '\n')
		buf = g.paragraph(buf, r)
		buf = append(buf, '\n')
	}

	m.Tags = g.pickTags(r)
	if r.IntN(10) == 0 {
		buf = append(buf, "\n\nTags: #"...)
		buf = append(buf, strings.Join(m.Tags, ", #")...)
	} else {
		buf = append(buf, "\n\nMore about: #"...)
		buf = append(buf, strings.Join(m.Tags, " \u00a0 #")...)
		buf = append(buf, " \u00a0"...)
	}
	buf = append(buf, "\n\n\nNews Line"...)
	return buf, m
}

// title appends a headline of 4 to 10 words, in sentence case or, a third
// of the time, in title case.
func (g *generator) title(buf []byte, r *rand.Rand) []byte {
	titleCase := r.IntN(3) == 0
	for k := range 4 + r.IntN(7) {
		if k > 0 {
			buf = append(buf, ' ')
		}
		buf = g.word(buf, r, 250, k == 0, titleCase)
	}
	return buf
}

// paragraph appends two to ten sentences on one line.
func (g *generator) paragraph(buf []byte, r *rand.Rand) []byte {
	for k := range 2 + r.IntN(5) + r.IntN(5) {
		if k > 0 {
			buf = append(buf, ' ')
		}
		buf = g.sentence(buf, r)
	}
	return buf
}

// sentence appends a sentence of 6 to 26 words, now and then a question, an
// exclamation or a quotation.
func (g *generator) sentence(buf []byte, r *rand.Rand) []byte {
	quoted := r.IntN(16) == 0
	if quoted {
		buf = append(buf, "“"...)
	}
	n := 6 + r.IntN(11) + r.IntN(11)
	for k := range n {
		if k > 0 {
			if k > 2 && k < n-2 && r.IntN(12) == 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, ' ')
		}
		buf = g.word(buf, r, 440, k == 0, false)
	}
	switch r.IntN(40) {
	case 0:
		buf = append(buf, '?')
	case 1:
		buf = append(buf, '!')
	default:
		buf = append(buf, '.')
	}
	if quoted {
		buf = append(buf, "”"...)
	}
	return buf
}

// word appends one word: a function word (fn times in a thousand), a
// pseudo-word (now and then capitalized like a name), a number, or rarely a
// CJK, Arabic or Hebrew word.
func (g *generator) word(buf []byte, r *rand.Rand, fn int, first, capital bool) []byte {
	switch u := r.IntN(1000); {
	case u < fn:
		k := g.function.draw(r)
		if first || capital && u < fn/8 {
			return append(buf, g.v.capFunction[k]...)
		}
		return append(buf, g.v.function[k]...)
	case u < fn+6:
		for range 1 + max(r.IntN(5)-2, 0) { // mostly one word, sometimes two or three run together
			buf = append(buf, g.v.cjk[r.IntN(len(g.v.cjk))]...)
		}
		return buf
	case u < fn+8:
		return append(buf, g.v.rtl[r.IntN(len(g.v.rtl))]...)
	case u < fn+18:
		if r.IntN(3) == 0 {
			return strconv.AppendInt(buf, int64(1950+r.IntN(77)), 10)
		}
		return strconv.AppendInt(buf, int64(2+r.IntN(98)), 10)
	}
	k := g.content.draw(r)
	if first || capital || r.IntN(25) == 0 {
		return append(buf, g.v.capContent[k]...)
	}
	return append(buf, g.v.content[k]...)
}

// reads returns a read counter spread over decades (most articles have a
// few hundred reads, a few have a hundred thousand), or -1 for none.
func (g *generator) reads(r *rand.Rand) int {
	u := r.IntN(1000)
	if u < 80 {
		return -1
	}
	lo := 1
	for _, w := range []int{110, 250, 640, 910, 995} { // cumulative: 1–9, 10–99, 100–999 …
		if u < w {
			break
		}
		lo *= 10
	}
	return lo + r.IntN(9*lo)
}

// pickTags draws one to five distinct tags, Zipf-like: a few tags are on
// many articles, most on few.
func (g *generator) pickTags(r *rand.Rand) []string {
	n, u := 1, r.IntN(100)
	for _, w := range []int{20, 50, 75, 90} { // cumulative percentages for 1, 2, 3, 4 tags
		if u < w {
			break
		}
		n++
	}
	var picked [5]int
	tags := make([]string, 0, n)
next:
	for len(tags) < n {
		k := g.tags.draw(r)
		for _, p := range picked[:len(tags)] {
			if p == k {
				continue next
			}
		}
		picked[len(tags)] = k
		tags = append(tags, g.v.tags[k])
	}
	return tags
}

// sampler draws 0…n-1 with fixed weights in constant time (Walker's alias
// method).
type sampler struct {
	prob  []float64
	alias []int32
}

// newZipf returns a sampler with weights 1/(k+1+q)^s (Zipf–Mandelbrot: q
// flattens the head).
func newZipf(n int, s, q float64) *sampler {
	w := make([]float64, n)
	var sum float64
	for k := range w {
		w[k] = math.Pow(float64(k+1)+q, -s)
		sum += w[k]
	}
	sm := &sampler{prob: make([]float64, n), alias: make([]int32, n)}
	var small, large []int
	for k := range w {
		w[k] = float64(w[k] * float64(n) / sum)
		if w[k] < 1 {
			small = append(small, k)
		} else {
			large = append(large, k)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		l, g := small[len(small)-1], large[len(large)-1]
		small, large = small[:len(small)-1], large[:len(large)-1]
		sm.prob[l], sm.alias[l] = w[l], int32(g)
		w[g] = float64(w[g]+w[l]) - 1
		if w[g] < 1 {
			small = append(small, g)
		} else {
			large = append(large, g)
		}
	}
	for _, k := range append(small, large...) {
		sm.prob[k], sm.alias[k] = 1, int32(k)
	}
	return sm
}

func (s *sampler) draw(r *rand.Rand) int {
	u := r.Uint64()
	i := int((u >> 32) * uint64(len(s.prob)) >> 32)
	if float64(u&0xffffffff)*(1.0/(1<<32)) < s.prob[i] {
		return i
	}
	return int(s.alias[i])
}
