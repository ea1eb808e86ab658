// Command extracteval measures how well page.Extract finds a page's
// article, on the Article Extraction Benchmark
// (github.com/scrapinghub/article-extraction-benchmark):
//
//	go run ./cmd/extracteval DIR
//
// DIR is a checkout of the benchmark, holding html/*.html.gz and
// ground-truth.json. It prints the mean precision, recall and F1 of
// page.Extract's body against the ground truth's articleBody, computed as
// the benchmark's evaluate.py does (token 4-gram shingles, each page's
// counts normalised, F1 of the mean precision and mean recall), and the
// same for go-readability alone (its text content) as the baseline.
// With -v it also lists the pages where Extract scores worst; -diff
// adds, under each, the runs of words Extract added ("+") or missed
// ("-"); -only scores the pages whose id starts with a prefix.
//
// With -meta, DIR is go-readability's test-pages folder instead, and it
// compares Extract's titles and published dates with Readability's (see
// runMeta).
//
// The corpus stays outside the repository; nothing of it is committed.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/newsline/newsline/data/page"
)

// truth is one page's entry in ground-truth.json.
type truth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// scored is one page's normalised true positives, false positives and
// false negatives.
type scored struct {
	id         string
	tp, fp, fn float64
}

func main() {
	verbose := flag.Int("v", 0, "list the `N` pages where Extract scores worst")
	out := flag.String("out", "", "also write Extract's texts to `FILE`, in the benchmark's output format")
	flag.BoolVar(&opts.diff, "diff", false, "with -v, show the words each listed page added (+) or missed (-)")
	flag.StringVar(&opts.only, "only", "", "score only the pages whose id starts with `PREFIX`")
	meta := flag.Bool("meta", false, "DIR is go-readability's test-pages: compare titles and dates with Readability's")
	flag.BoolVar(&opts.print, "print", false, "print the Markdown Extract makes of each page scored (with -only)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./cmd/extracteval [-v N [-diff]] [-only PREFIX] [-out FILE] DIR\n       go run ./cmd/extracteval -meta TESTPAGES")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	opts.worst, opts.out = *verbose, *out
	run := run
	if *meta {
		run = func(dir string, _ options) error { return runMeta(dir) }
	}
	if err := run(flag.Arg(0), opts); err != nil {
		fmt.Fprintln(os.Stderr, "extracteval:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	worst int    // how many of the worst pages to list
	diff  bool   // show each listed page's added and missed words
	only  string // score only the pages whose id starts with this
	print bool   // print Extract's Markdown of each page scored
	out   string // write Extract's texts to this file
}

// opts holds the flags as parsed.
var opts options

// run scores both extractors on the benchmark in dir.
func run(dir string, o options) error {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return fmt.Errorf("%w (is DIR a checkout of the benchmark?)", err)
	}
	var truths map[string]truth
	if err := json.Unmarshal(raw, &truths); err != nil {
		return fmt.Errorf("ground-truth.json: %w", err)
	}
	ids := make([]string, 0, len(truths))
	for id := range truths {
		if strings.HasPrefix(id, o.only) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var ours, base []scored
	texts := map[string]map[string]string{}
	for _, id := range ids {
		body, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return err
		}
		t := truths[id]
		text := extractText(body, t.URL, o.print)
		texts[id] = map[string]string{"articleBody": text}
		ours = append(ours, score(id, t.ArticleBody, text))
		base = append(base, score(id, t.ArticleBody, readabilityText(body, t.URL)))
	}
	fmt.Printf("%-16s %6s %9s %6s   (%d pages)\n", "", "F1", "precision", "recall", len(ids))
	report("page.Extract", ours)
	report("go-readability", base)
	if o.worst > 0 {
		listWorst(ours, o.worst, func(id string) {
			if o.diff {
				showDiff(os.Stdout, truths[id].ArticleBody, texts[id]["articleBody"])
			}
		})
	}
	if o.out == "" {
		return nil
	}
	j, err := json.MarshalIndent(texts, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(o.out, j, 0o644)
}

// readGzip reads a gzip-compressed file.
func readGzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return io.ReadAll(zr)
}

// extractText is page.Extract's body as plain text ("" when it finds no
// article). The benchmark's pages are UTF-8, as its own runners read them.
func extractText(body []byte, addr string, print bool) string {
	a, err := page.Extract(body, "text/html; charset=utf-8", addr)
	if err != nil {
		return ""
	}
	if print {
		fmt.Printf("%s\n\n%s\n\n", addr, a.Markdown)
	}
	return plainText(a.Markdown)
}

// readabilityText is go-readability's text content of the page, as the
// benchmark's own go-readability runner takes it.
func readabilityText(body []byte, addr string) string {
	u, _ := url.Parse(addr)
	p := readability.NewParser()
	a, err := p.Parse(bytes.NewReader(body), u)
	if err != nil || a.Node == nil {
		return ""
	}
	var b strings.Builder
	_ = a.RenderText(&b)
	return strings.ReplaceAll(b.String(), "\u00ad", "")
}

// report prints the scores' mean precision, recall and their F1.
func report(name string, s []scored) {
	p, r := means(s)
	fmt.Printf("%-16s %6.3f %9.3f %6.3f\n", name, f1(p, r), p, r)
}

// listWorst prints the n pages with the lowest F1, calling more after
// each.
func listWorst(s []scored, n int, more func(id string)) {
	s = append([]scored(nil), s...)
	sort.Slice(s, func(i, j int) bool { return pageF1(s[i]) < pageF1(s[j]) })
	for _, x := range s[:min(n, len(s))] {
		fmt.Printf("%.3f  p=%.3f r=%.3f  %s\n", pageF1(x), precision(x), recall(x), x.id)
		more(x.id)
	}
}

// pageF1 is one page's F1.
func pageF1(x scored) float64 { return f1(precision(x), recall(x)) }

// f1 is the harmonic mean of p and r.
func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
