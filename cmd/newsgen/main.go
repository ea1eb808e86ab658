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
// With -folders, each article goes into a folder named after its first tag,
// lowercased (world/000001.txt), so that folder tags are exercised too.
//
// With -hashed-names, each file is named by a hash of the seed and the
// article's number in sixteen hex digits (article 1 of seed 1 is
// 62ab6111d4925e0b.txt), so that the order of the names is not the order of
// the dates, as in a real folder; the same seed gives the same names, and
// the contents are unchanged. It combines with -folders.
//
// newsgen refuses to write into a folder that is not empty unless -force is
// given; it then replaces the files of the same names and never deletes
// anything.
//
// The generator itself is package internal/newsgen, which describes the
// articles; benchmarks use it directly to write collections of their own.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/newsline/newsline/internal/newsgen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run runs newsgen with args and returns the exit status: 0 on success, 2
// for a usage error, 1 for anything else.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("newsgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		c     newsgen.Config
		quiet bool
	)
	fs.IntVar(&c.N, "n", 1000, "number of articles")
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed: the same seed gives the same articles")
	fs.StringVar(&c.Out, "out", "", "folder to write into (created; required)")
	fs.BoolVar(&c.Force, "force", false, "write into a folder that is not empty (files of the same names are replaced; nothing is deleted)")
	fs.BoolVar(&c.Folders, "folders", false, "put each article into a sub-folder named after its first tag, lowercased")
	fs.BoolVar(&c.HashedNames, "hashed-names", false, "name each file by a hash of the seed and the article's number (16 hex digits), so that the names are not in date order")
	fs.BoolVar(&quiet, "q", false, "print nothing on success")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: newsgen -out DIR [-n N] [-seed S] [-folders] [-hashed-names] [-force]\n\n"+
			"Writes N synthetic plain-text news articles (000001.txt …, or hashed names) into DIR.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	// Checked here, not left to newsgen.Write, for status 2 and messages in
	// terms of flags.
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "newsgen: unexpected argument %q\n", fs.Arg(0))
		return 2
	case c.Out == "":
		fmt.Fprintln(stderr, "newsgen: -out is required")
		return 2
	case c.N < 1:
		fmt.Fprintln(stderr, "newsgen: -n must be at least 1")
		return 2
	}
	start := time.Now()
	size, err := newsgen.Write(c, 0)
	if errors.Is(err, newsgen.ErrNotEmpty) {
		fmt.Fprintf(stderr, "newsgen: %v: give an empty or new folder, or -force to write into it anyway (nothing is deleted)\n", err)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "newsgen: %v\n", err)
		return 1
	}
	if !quiet {
		fmt.Fprintf(stderr, "newsgen: %d articles, %.1f MB in %s (%.1f s)\n",
			c.N, float64(size)/1e6, c.Out, time.Since(start).Seconds())
	}
	return 0
}
