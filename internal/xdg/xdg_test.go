package xdg

import (
	"errors"
	"path/filepath"
	"testing"
)

// TestDir: an absolute folder in the variable wins; a relative one, or
// none, gives the fallback's folder, or its error.
func TestDir(t *testing.T) {
	abs, err := filepath.Abs("base")
	if err != nil {
		t.Fatal(err)
	}
	fallback := func() (string, error) { return filepath.Join("home", ".cache"), nil }
	broken := errors.New("no home")
	for _, tc := range []struct {
		name, env string
		fallback  func() (string, error)
		want      string
		err       error
	}{
		{"absolute", abs, fallback, filepath.Join(abs, "newsline"), nil},
		{"relative", "base", fallback, filepath.Join("home", ".cache", "newsline"), nil},
		{"unset", "", fallback, filepath.Join("home", ".cache", "newsline"), nil},
		{"no fallback", "", func() (string, error) { return "", broken }, "", broken},
	} {
		t.Setenv("NEWSLINE_TEST_XDG", tc.env)
		got, err := Dir("NEWSLINE_TEST_XDG", tc.fallback)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%s: Dir = %q, %v; want %q, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
}
