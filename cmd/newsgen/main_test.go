package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/model"
)

// gen runs newsgen with args and -out dir and fails the test on a non-zero
// status.
func gen(t *testing.T, dir string, args ...string) {
	t.Helper()
	var stderr bytes.Buffer
	if code := run(append([]string{"-q", "-out", dir}, args...), &stderr); code != 0 {
		t.Fatalf("newsgen %v: status %d, %s", args, code, stderr.String())
	}
}

// readAll returns the files under dir by path relative to dir.
func readAll(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDeterministic(t *testing.T) {
	tmp := t.TempDir()
	a, b, small, other := filepath.Join(tmp, "a"), filepath.Join(tmp, "b"), filepath.Join(tmp, "small"), filepath.Join(tmp, "other")
	gen(t, a, "-n", "10", "-seed", "7")
	gen(t, b, "-n", "10", "-seed", "7")
	gen(t, small, "-n", "5", "-seed", "7")
	gen(t, other, "-n", "10", "-seed", "8")
	fa, fb, fs, fo := readAll(t, a), readAll(t, b), readAll(t, small), readAll(t, other)
	if len(fa) != 10 || len(fs) != 5 {
		t.Fatalf("%d and %d files, want 10 and 5", len(fa), len(fs))
	}
	for i := 1; i <= 10; i++ {
		name := fmt.Sprintf("%06d.txt", i)
		if !bytes.Equal(fa[name], fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if i <= 5 && !bytes.Equal(fa[name], fs[name]) {
			t.Errorf("%s of -n 5 is not %s of -n 10", name, name)
		}
		if bytes.Equal(fa[name], fo[name]) {
			t.Errorf("%s is the same with seeds 7 and 8", name)
		}
	}
	// Workers share the work differently, the bytes stay the same.
	one := filepath.Join(tmp, "one")
	if _, err := generate(config{n: 10, seed: 7, out: one}, 1); err != nil {
		t.Fatal(err)
	}
	for name, b := range readAll(t, one) {
		if !bytes.Equal(b, fa[name]) {
			t.Errorf("%s differs with one worker", name)
		}
	}
}

func TestParses(t *testing.T) {
	const n = 200
	dir := t.TempDir()
	gen(t, dir, "-n", fmt.Sprint(n), "-seed", "3")
	files := readAll(t, dir)
	if len(files) != n {
		t.Fatalf("%d files, want %d", len(files), n)
	}
	g := newGenerator(3)
	var (
		size                  int
		newest                model.Article
		noReads, tagsForm     int
		accented, cjk, rtl    bool
		dateForms             = map[string]bool{}
		paragraphs, maxParagr = 0, 0
	)
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("%06d.txt", i)
		b := files[name]
		size += len(b)
		if !utf8.Valid(b) || bytes.HasSuffix(b, []byte("\n")) || !bytes.HasSuffix(b, []byte("\n\nNews Line")) {
			t.Fatalf("%s: invalid UTF-8, a final newline or no footer", name)
		}
		arts, probs, err := data.ParseText(name, string(b))
		if err != nil || len(probs) > 0 || len(arts) != 1 {
			t.Fatalf("%s: %d articles, problems %v, error %v", name, len(arts), probs, err)
		}
		a := arts[0]
		_, want := g.article(nil, i)
		wantReads := want.Reads
		if wantReads < 0 {
			wantReads = model.NoReads
			noReads++
		}
		if a.Title != want.Title || !a.Date.Equal(want.Date) || a.Reads != wantReads || !slices.Equal(a.Tags, want.Tags) {
			t.Errorf("%s: parsed %q %v %d %q\nwant           %q %v %d %q", name,
				a.Title, a.Date, a.Reads, a.Tags, want.Title, want.Date, want.Reads, want.Tags)
		}
		if a.Title == "" || !a.HasDate() || len(a.Tags) < 1 || len(a.Tags) > 5 || a.Body == "" {
			t.Errorf("%s: title %q, date %v, tags %q, body of %d bytes", name, a.Title, a.Date, a.Tags, len(a.Body))
		}
		if strings.Contains(a.Body, "News Line") || strings.Contains(a.Body, "More about") || strings.HasPrefix(a.Body, a.Title) {
			t.Errorf("%s: the body holds the footer, the tag line or the title", name)
		}
		if i == 1 {
			newest = a
		} else if !a.Date.Before(newest.Date) {
			t.Errorf("%s dated %v, not before article 1 (%v)", name, a.Date, newest.Date)
		}
		if bytes.Contains(b, []byte("\nTags: #")) {
			tagsForm++
		}
		date, _, _ := strings.Cut(strings.SplitN(string(b), "\n", 4)[2], "\u00a0\u00a0")
		switch {
		case strings.Contains(date, ":"):
			dateForms["with time"] = true
		case strings.Contains(date, ","):
			dateForms["us"] = true
		default:
			dateForms["long"] = true
		}
		p := strings.Count(a.Body, "\n\n") + 1
		paragraphs += p
		maxParagr = max(maxParagr, p)
		for _, r := range a.Body {
			switch {
			case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
				cjk = true
			case unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Hebrew, r):
				rtl = true
			case unicode.Is(unicode.Latin, r) && r > 0x7f:
				accented = true
			}
		}
	}
	if mean := size / n; mean < 4500 || mean > 7000 {
		t.Errorf("mean article size %d bytes, want about 5.5 KB", mean)
	}
	if mean := float64(paragraphs) / n; mean < 7 || mean > 11 || maxParagr > 15 {
		t.Errorf("%.1f paragraphs on average, at most %d; want 3–15", mean, maxParagr)
	}
	if noReads == 0 || noReads > n/4 || tagsForm == 0 || tagsForm > n/4 || len(dateForms) != 3 {
		t.Errorf("%d articles without reads, %d with Tags:, date forms %v: want some of each", noReads, tagsForm, dateForms)
	}
	if !accented || !cjk || !rtl {
		t.Errorf("accented Latin %v, CJK %v, Arabic or Hebrew %v: want all", accented, cjk, rtl)
	}
}

func TestFolders(t *testing.T) {
	dir := t.TempDir()
	gen(t, dir, "-n", "40", "-folders")
	g := newGenerator(1)
	files := readAll(t, dir)
	if len(files) != 40 {
		t.Fatalf("%d files, want 40", len(files))
	}
	for i := 1; i <= 40; i++ {
		_, m := g.article(nil, i)
		name := strings.ToLower(m.Tags[0]) + "/" + fmt.Sprintf("%06d.txt", i)
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
}

func TestTagsSkewed(t *testing.T) {
	g := newGenerator(1)
	if len(g.v.tags) != 300 {
		t.Fatalf("%d tags, want 300", len(g.v.tags))
	}
	keys := map[string]bool{}
	var accented, cjk bool
	for _, tag := range g.v.tags {
		keys[model.TagKey(tag)] = true
		for _, r := range tag {
			accented = accented || unicode.Is(unicode.Latin, r) && r > 0x7f
			cjk = cjk || unicode.Is(unicode.Han, r)
		}
	}
	if len(keys) != 300 || !accented || !cjk {
		t.Errorf("%d distinct tags, accented %v, CJK %v; want 300, true, true", len(keys), accented, cjk)
	}
	counts := map[string]int{}
	for i := 1; i <= 3000; i++ {
		_, m := g.article(nil, i)
		for _, tag := range m.Tags {
			counts[tag]++
		}
	}
	all := make([]int, len(g.v.tags))
	for k, tag := range g.v.tags {
		all[k] = counts[tag]
	}
	slices.Sort(all)
	top, median := all[len(all)-1], all[len(all)/2]
	t.Logf("most common tag on %d articles, median %d, %d tags used", top, median, len(counts))
	if top < 20*max(median, 1) || len(counts) < 250 {
		t.Errorf("most common tag on %d articles, median %d, %d tags used; want a Zipf-like spread", top, median, len(counts))
	}
}

func TestRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine.txt")
	if err := os.WriteFile(mine, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"-n", "3", "-out", dir}, &stderr); code != 1 || !strings.Contains(stderr.String(), "not empty") {
		t.Errorf("status %d, %q; want 1 and a refusal", code, stderr.String())
	}
	if files := readAll(t, dir); len(files) != 1 {
		t.Errorf("%d files after a refusal, want only mine.txt", len(files))
	}
	gen(t, dir, "-n", "3", "-force")
	files := readAll(t, dir)
	if len(files) != 4 || string(files["mine.txt"]) != "keep me" {
		t.Errorf("with -force: %d files, mine.txt %q; want 4 files and mine.txt kept", len(files), files["mine.txt"])
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-n", "0", "-out", t.TempDir()}, {"-out", t.TempDir(), "extra"}, {"-bogus"}} {
		if code := run(args, io.Discard); code != 2 {
			t.Errorf("newsgen %q: status %d, want 2", args, code)
		}
	}
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-out", file}, io.Discard); code != 1 {
		t.Errorf("-out a file: status %d, want 1", code)
	}
}

func BenchmarkArticle(b *testing.B) {
	g := newGenerator(1)
	buf := make([]byte, 0, 32<<10)
	i := 0
	for b.Loop() {
		i++
		buf, _ = g.article(buf[:0], i)
		b.SetBytes(int64(len(buf)))
	}
}
