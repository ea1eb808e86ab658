// Package testfs writes and reads trees of files for tests: collections,
// configuration files, what the generator wrote.
package testfs

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files (slash-separated paths relative to dir, with their
// text), creating the folders they need, and returns dir.
func Write(tb testing.TB, dir string, files map[string]string) string {
	tb.Helper()
	for name, text := range files {
		WriteFile(tb, filepath.Join(dir, filepath.FromSlash(name)), text)
	}
	return dir
}

// WriteFile writes text to path, creating its folder, and returns path.
func WriteFile(tb testing.TB, path, text string) string {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Read returns the files under dir by slash-separated path relative to dir.
func Read(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
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
		tb.Fatal(err)
	}
	return files
}
