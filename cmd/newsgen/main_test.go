// The generator's own tests are in internal/newsgen; these test the command:
// its flags, messages and exit statuses.
package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/newsgen"
	"github.com/newsline/newsline/internal/testfs"
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

// The flags reach newsgen.Write: the command writes what the package writes
// for the same settings, and the defaults are 1000 articles of seed 1.
func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		c    newsgen.Config
	}{
		{[]string{"-n", "12", "-seed", "7"}, newsgen.Config{N: 12, Seed: 7}},
		{[]string{"-n", "12", "-seed", "7", "-folders"}, newsgen.Config{N: 12, Seed: 7, Folders: true}},
		{[]string{"-n", "12", "-seed", "7", "-hashed-names"}, newsgen.Config{N: 12, Seed: 7, HashedNames: true}},
		{[]string{"-n", "12", "-seed", "7", "-hashed-names", "-folders"}, newsgen.Config{N: 12, Seed: 7, HashedNames: true, Folders: true}},
		{nil, newsgen.Config{N: 1000, Seed: 1}},
	} {
		cmd := t.TempDir()
		gen(t, cmd, tc.args...)
		tc.c.Out = t.TempDir()
		if _, err := newsgen.Write(tc.c, 0); err != nil {
			t.Fatal(err)
		}
		got, want := testfs.Read(t, cmd), testfs.Read(t, tc.c.Out)
		if len(got) != len(want) {
			t.Errorf("newsgen %q: %d files, want %d", tc.args, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Errorf("newsgen %q: %s differs from newsgen.Write's", tc.args, name)
				break
			}
		}
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
	if !strings.Contains(stderr.String(), "-force") {
		t.Errorf("refusal %q does not mention -force", stderr.String())
	}
	if files := testfs.Read(t, dir); len(files) != 1 {
		t.Errorf("%d files after a refusal, want only mine.txt", len(files))
	}
	gen(t, dir, "-n", "3", "-force")
	files := testfs.Read(t, dir)
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
