package newsgen

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// write writes the collection c asks for with the given workers and fails
// the test on an error.
func write(t *testing.T, c Config, workers int) {
	t.Helper()
	if _, err := Write(c, workers); err != nil {
		t.Fatalf("Write(%+v, %d): %v", c, workers, err)
	}
}

func TestDeterministic(t *testing.T) {
	tmp := t.TempDir()
	a, b, small, other := filepath.Join(tmp, "a"), filepath.Join(tmp, "b"), filepath.Join(tmp, "small"), filepath.Join(tmp, "other")
	write(t, Config{N: 10, Seed: 7, Out: a}, 0)
	write(t, Config{N: 10, Seed: 7, Out: b}, 0)
	write(t, Config{N: 5, Seed: 7, Out: small}, 0)
	write(t, Config{N: 10, Seed: 8, Out: other}, 0)
	fa, fb, fs, fo := testfs.Read(t, a), testfs.Read(t, b), testfs.Read(t, small), testfs.Read(t, other)
	if len(fa) != 10 || len(fs) != 5 {
		t.Fatalf("%d and %d files, want 10 and 5", len(fa), len(fs))
	}
	for i := 1; i <= 10; i++ {
		name := fmt.Sprintf("%06d.txt", i)
		if !bytes.Equal(fa[name], fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if i <= 5 && !bytes.Equal(fa[name], fs[name]) {
			t.Errorf("%s of N 5 is not %s of N 10", name, name)
		}
		if bytes.Equal(fa[name], fo[name]) {
			t.Errorf("%s is the same with seeds 7 and 8", name)
		}
	}
	// Workers share the work differently, the bytes stay the same.
	for _, workers := range []int{1, 8} {
		dir := filepath.Join(tmp, fmt.Sprint("workers", workers))
		write(t, Config{N: 10, Seed: 7, Out: dir}, workers)
		got := testfs.Read(t, dir)
		if len(got) != len(fa) {
			t.Errorf("%d files with %d workers, want %d", len(got), workers, len(fa))
		}
		for name, b := range got {
			if !bytes.Equal(b, fa[name]) {
				t.Errorf("%s differs with %d workers", name, workers)
			}
		}
	}
}

// The docs quote figures and titles of seed 1; this catches a change to the
// generator that would make them stale.
func TestSeedOneUnchanged(t *testing.T) {
	const want = "Last said poaloast siemen ava merie dofetçeck gon for be"
	if got := Title(1, 1); got != want {
		t.Errorf("Title(1, 1) = %q, want %q", got, want)
	}
}

// Article, Title and Config.Path agree with the files Write writes.
func TestArticleMatchesFiles(t *testing.T) {
	for _, c := range []Config{{}, {Folders: true}, {HashedNames: true}, {Folders: true, HashedNames: true}} {
		c.N, c.Seed, c.Out = 30, 5, t.TempDir()
		write(t, c, 0)
		if files := testfs.Read(t, c.Out); len(files) != c.N {
			t.Errorf("folders %v, hashed %v: %d files, want %d", c.Folders, c.HashedNames, len(files), c.N)
		}
		for i := 1; i <= c.N; i++ {
			b, err := os.ReadFile(c.Path(i))
			if err != nil {
				t.Fatal(err)
			}
			text, m := Article(c.Seed, i)
			if !bytes.Equal(b, text) {
				t.Errorf("folders %v, hashed %v: %s is not Article(%d, %d)", c.Folders, c.HashedNames, c.Path(i), c.Seed, i)
			}
			if title := Title(c.Seed, i); !bytes.HasPrefix(b, []byte(title+"\n")) || title != m.Title {
				t.Errorf("folders %v, hashed %v: %s does not start with Title %q (Meta %q)", c.Folders, c.HashedNames, c.Path(i), title, m.Title)
			}
		}
	}
}

func TestFileNames(t *testing.T) {
	for _, tc := range []struct {
		n, i int
		want string
	}{{1, 1, "000001.txt"}, {999999, 42, "000042.txt"}, {1000000, 1, "0000001.txt"}, {1000000, 1000000, "1000000.txt"}} {
		if got := filepath.Base((Config{N: tc.n, Out: "x"}).Path(tc.i)); got != tc.want {
			t.Errorf("N %d, article %d: %s, want %s", tc.n, tc.i, got, tc.want)
		}
	}
}

func TestFolders(t *testing.T) {
	dir := t.TempDir()
	write(t, Config{N: 40, Seed: 1, Out: dir, Folders: true}, 0)
	g := newGenerator(1)
	files := testfs.Read(t, dir)
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
	if _, err := Write(Config{N: 3, Out: dir}, 0); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("error %v, want ErrNotEmpty", err)
	}
	if files := testfs.Read(t, dir); len(files) != 1 {
		t.Errorf("%d files after a refusal, want only mine.txt", len(files))
	}
	write(t, Config{N: 3, Out: dir, Force: true}, 0)
	files := testfs.Read(t, dir)
	if len(files) != 4 || string(files["mine.txt"]) != "keep me" {
		t.Errorf("with Force: %d files, mine.txt %q; want 4 files and mine.txt kept", len(files), files["mine.txt"])
	}
}

func TestWriteErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []Config{{N: 1}, {N: 0, Out: t.TempDir()}, {N: -1, Out: t.TempDir()}, {N: 1, Out: file}} {
		if _, err := Write(c, 0); err == nil || errors.Is(err, ErrNotEmpty) {
			t.Errorf("Write(%+v): error %v, want one other than ErrNotEmpty", c, err)
		}
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
