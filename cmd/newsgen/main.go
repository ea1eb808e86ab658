// Command newsgen writes a synthetic collection of news articles for
// benchmarks, in the plain-text format newsline reads:
//
//	newsgen -n 100000 -seed 1 -out /tmp/news
//
// writes /tmp/news/000001.txt … 100000.txt. Article 1 is the newest; the
// dates go back about fifteen minutes an article (100,000 articles span
// about three years). Article i depends only on the seed and i, so a
// smaller collection is a prefix of a larger one and every run with the same
// flags writes the same bytes.
//
// The text is made of pseudo-words and English function words, with
// accented Latin letters, Chinese, Japanese, Korean, Arabic and Hebrew words
// here and there; bodies have 3 to 15 paragraphs (about 5.5 KB on average);
// each article has one to five tags drawn Zipf-like from 300 tags, so a few
// tags are on a large share of the articles and most on few.
//
// With -folders, each article goes into a folder named after its first tag,
// lowercased (world/000001.txt), so that folder tags are exercised too.
//
// newsgen refuses to write into a folder that is not empty unless -force is
// given; it then replaces the files of the same names and never deletes
// anything.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// config is what the flags ask for.
type config struct {
	n       int
	seed    uint64
	out     string
	force   bool
	folders bool
	quiet   bool
}

// run runs newsgen with args and returns the exit status: 0 on success, 2
// for a usage error, 1 for anything else.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("newsgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.IntVar(&c.n, "n", 1000, "number of articles")
	fs.Uint64Var(&c.seed, "seed", 1, "random seed: the same seed gives the same articles")
	fs.StringVar(&c.out, "out", "", "folder to write into (created; required)")
	fs.BoolVar(&c.force, "force", false, "write into a folder that is not empty (files of the same names are replaced; nothing is deleted)")
	fs.BoolVar(&c.folders, "folders", false, "put each article into a sub-folder named after its first tag, lowercased")
	fs.BoolVar(&c.quiet, "q", false, "print nothing on success")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: newsgen -out DIR [-n N] [-seed S] [-folders] [-force]\n\n"+
			"Writes N synthetic plain-text news articles (000001.txt …) into DIR.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "newsgen: unexpected argument %q\n", fs.Arg(0))
		return 2
	case c.out == "":
		fmt.Fprintln(stderr, "newsgen: -out is required")
		return 2
	case c.n < 1:
		fmt.Fprintln(stderr, "newsgen: -n must be at least 1")
		return 2
	}
	start := time.Now()
	size, err := generate(c, runtime.GOMAXPROCS(0))
	if err != nil {
		fmt.Fprintf(stderr, "newsgen: %v\n", err)
		return 1
	}
	if !c.quiet {
		fmt.Fprintf(stderr, "newsgen: %d articles, %.1f MB in %s (%.1f s)\n",
			c.n, float64(size)/1e6, c.out, time.Since(start).Seconds())
	}
	return 0
}

// generate writes the collection with the given number of workers and
// returns the number of bytes written.
func generate(c config, workers int) (int64, error) {
	if err := prepareOut(c.out, c.force); err != nil {
		return 0, err
	}
	g := newGenerator(c.seed)
	width := max(6, len(strconv.Itoa(c.n)))
	var (
		next, size atomic.Int64
		failed     atomic.Bool
		errOnce    sync.Once
		firstErr   error
		dirs       sync.Map // folders made, with -folders
		wg         sync.WaitGroup
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err })
		failed.Store(true)
	}
	for range max(workers, 1) {
		wg.Go(func() {
			buf := make([]byte, 0, 32<<10)
			for !failed.Load() {
				i := int(next.Add(1))
				if i > c.n {
					return
				}
				var m meta
				buf, m = g.article(buf[:0], i)
				dir := c.out
				if c.folders {
					dir = filepath.Join(c.out, folderName(m.Tags[0]))
					if _, done := dirs.Load(dir); !done {
						if err := os.MkdirAll(dir, 0o755); err != nil {
							fail(err)
							return
						}
						dirs.Store(dir, true)
					}
				}
				name := fmt.Sprintf("%0*d.txt", width, i)
				if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
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
		return fmt.Errorf("%s is not empty: give an empty or new folder, or -force to write into it anyway (nothing is deleted)", out)
	}
	return nil
}

// folderName is the folder for articles whose first tag is tag.
func folderName(tag string) string {
	return strings.ToLower(tag)
}
