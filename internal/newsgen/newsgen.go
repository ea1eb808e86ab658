// Package newsgen generates synthetic collections of news articles for
// benchmarks, in the plain-text format newsline reads. The newsgen command
// is a thin front end to it; benchmarks in other packages use it to write a
// collection into a temporary folder themselves, so that they need no
// prepared data and measure the same articles the docs quote.
//
// Write writes 000001.txt … (six digits, more when N needs them). Article 1
// is the newest; the dates go back about fifteen minutes an article (100,000
// articles span about three years). Article i depends only on the seed and
// i, so a smaller collection is a prefix of a larger one and every call with
// the same Config writes the same bytes, whatever the number of workers.
// Article and Title give an article without writing anything.
//
// The text is made of pseudo-words and English function words, with
// accented Latin letters, Chinese, Japanese, Korean, Arabic and Hebrew words
// here and there; bodies have 3 to 15 paragraphs (about 5.5 KB on average);
// each article has one to five tags drawn Zipf-like from 300 tags, so a few
// tags are on a large share of the articles and most on few.
//
// With Folders, each article goes into a folder named after its first tag,
// lowercased (world/000001.txt), so that folder tags are exercised too.
//
// With HashedNames, article i's file is named by a hash of the seed and i
// in sixteen hex digits (article 1 of seed 1 is 62ab6111d4925e0b.txt), so
// that the order of the names has nothing to do with the order of the
// dates, as in a real folder named by slug or by feed; the contents are the
// same as without it, and so are the names' folders with Folders.
//
// The output is part of the contract: the docs quote figures and titles of
// seed 1 (article 1 is "Last said poaloast siemen …"), so a change to the
// generator that changes a byte invalidates them.
package newsgen

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// ErrNotEmpty is the error, wrapped, when Write refuses to write into a
// folder that is not empty.
var ErrNotEmpty = errors.New("not empty")

// Config says which collection to write and where.
type Config struct {
	N           int    // number of articles, at least 1
	Seed        uint64 // the same seed gives the same articles
	Out         string // folder to write into; created when missing
	Folders     bool   // put each article into a folder named after its first tag
	HashedNames bool   // name files by a hash of (Seed, i), not in date order
	Force       bool   // write into a folder that is not empty (nothing is deleted)
}

// Write writes the collection c asks for with the given number of workers
// (GOMAXPROCS when workers < 1) and returns the number of bytes written.
//
// It refuses to write into a folder that is not empty (with an error that
// wraps ErrNotEmpty) unless c.Force is set; it then replaces the files of
// the same names and never deletes anything.
func Write(c Config, workers int) (int64, error) {
	switch {
	case c.Out == "":
		return 0, errors.New("newsgen: Config.Out is empty")
	case c.N < 1:
		return 0, fmt.Errorf("newsgen: Config.N is %d, want at least 1", c.N)
	}
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if err := prepareOut(c.Out, c.Force); err != nil {
		return 0, err
	}
	g := newGenerator(c.Seed)
	var (
		next, size atomic.Int64
		failed     atomic.Bool
		errOnce    sync.Once
		firstErr   error
		dirs       sync.Map // folders made, with Folders
		wg         sync.WaitGroup
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err })
		failed.Store(true)
	}
	for range workers {
		wg.Go(func() {
			buf := make([]byte, 0, 32<<10)
			for !failed.Load() {
				i := int(next.Add(1))
				if i > c.N {
					return
				}
				var m Meta
				buf, m = g.article(buf[:0], i)
				dir := c.Out
				if c.Folders {
					dir = filepath.Join(c.Out, folderName(m.Tags[0]))
					if _, done := dirs.Load(dir); !done {
						if err := os.MkdirAll(dir, 0o755); err != nil {
							fail(err)
							return
						}
						dirs.Store(dir, true)
					}
				}
				if err := os.WriteFile(filepath.Join(dir, c.fileName(i)), buf, 0o644); err != nil {
					fail(err)
					return
				}
				size.Add(int64(len(buf)))
			}
		})
	}
	wg.Wait()
	return size.Load(), firstErr
}

// Path returns the path of article i's file in the collection c describes
// (under c.Out), so that a benchmark can open a given article. With Folders
// it generates the article to learn its first tag.
func (c Config) Path(i int) string {
	name := c.fileName(i)
	if c.Folders {
		_, m := newGenerator(c.Seed).article(nil, i)
		return filepath.Join(c.Out, folderName(m.Tags[0]), name)
	}
	return filepath.Join(c.Out, name)
}

// fileName is the name of article i. By default the numbers are
// zero-padded to the same width so that the names sort in article order;
// with HashedNames it is hashedName's.
func (c Config) fileName(i int) string {
	if c.HashedNames {
		return hashedName(c.Seed, i)
	}
	return fmt.Sprintf("%0*d.txt", max(6, len(strconv.Itoa(c.N))), i)
}

// hashedName is article i's name with HashedNames: sixteen hex digits of
// mix(key ^ i), key depending on the seed only. Both steps are bijections
// of uint64 (mix is the SplitMix64 finalizer), so two articles of one seed
// never share a name, whatever N.
func hashedName(seed uint64, i int) string {
	key := mix(seed ^ 0x6861736865642d6e) // "hashed-n": unlike the article's sources
	return fmt.Sprintf("%016x.txt", mix(key^uint64(i)))
}

// prepareOut makes the output folder, or checks that the existing one is
// empty (unless force).
func prepareOut(out string, force bool) error {
	f, err := os.Open(out)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(out, 0o755)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return err
	} else if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", out)
	}
	names, err := f.Readdirnames(1)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if len(names) > 0 && !force {
		return fmt.Errorf("%s is %w", out, ErrNotEmpty)
	}
	return nil
}

// folderName is the folder for articles whose first tag is tag.
func folderName(tag string) string {
	return strings.ToLower(tag)
}
