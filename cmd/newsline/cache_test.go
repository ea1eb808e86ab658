package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain keeps the tests' indexes out of the user's cache folder.
func TestMain(m *testing.M) {
	if os.Getenv(cliEnv) != "" {
		// A child of TestHelperCLI's kind: it keeps its parent's folders
		// (and exits without coming back here to remove its own).
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "newsline-cache-")
	if err != nil {
		panic(err)
	}
	// Never the user's own cache, state or configuration.
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("XDG_STATE_HOME", dir+"/state")
	os.Setenv("XDG_CONFIG_HOME", dir+"/config")
	os.Setenv("XDG_DATA_HOME", dir+"/data") // and no library of the machine
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestIndexFollowsChanges(t *testing.T) {
	dir := writeCollection(t)
	cache := t.TempDir()
	list := func(args ...string) []string {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"list", "--cache-dir", cache, dir}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return lines(out)
	}
	cold := list()
	if len(cold) != 5 {
		t.Fatalf("cold start: %d articles", len(cold))
	}
	if got := list(); strings.Join(got, "\n") != strings.Join(cold, "\n") {
		t.Fatalf("warm start differs:\n%s\nvs\n%s", strings.Join(got, "\n"), strings.Join(cold, "\n"))
	}
	// Search goes through the index and gives what memory gives.
	if got := list("--search", "velm"); len(got) != 1 || !strings.Contains(got[0], "Velmora") {
		t.Errorf("indexed search: %q", got)
	}
	_, mem, _ := runCLI(t, "list", "--no-cache", dir, "--search", "queued rain")
	if got := list("--search", "queued rain"); strings.Join(got, "\n") != strings.TrimRight(mem, "\n") {
		t.Errorf("indexed search %q, in memory %q", got, mem)
	}
	// A changed file, a new one and a deleted one are seen on the next start.
	harbour := filepath.Join(dir, "world", "harbour.txt")
	if err := os.WriteFile(harbour, []byte("Harbour closes for the winter\n\nThe port shut its gates.\n\nMore about: #World"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte("Brand new story\n\nFresh text."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "world", "bridge.txt")); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(list(), "\n")
	for _, want := range []string{"Harbour closes for the winter", "Brand new story"} {
		if !strings.Contains(got, want) {
			t.Errorf("after changes, list lacks %q:\n%s", want, got)
		}
	}
	for _, gone := range []string{"reopens after storm", "New bridge"} {
		if strings.Contains(got, gone) {
			t.Errorf("after changes, list still has %q:\n%s", gone, got)
		}
	}
	if got := list("--search", "gates"); len(got) != 1 {
		t.Errorf("the changed body is not searchable: %q", got)
	}
	if got := list("--search", "ferries"); len(got) != 0 && got[0] != "" {
		t.Errorf("the old body is still found: %q", got)
	}
	// Bodies come from the files on demand.
	_, out, _ := runCLI(t, "list", "--cache-dir", cache, "--json", dir, "--search", "gates")
	if !strings.Contains(out, `"body":"The port shut its gates."`) {
		t.Errorf("body from the file: %s", out)
	}
}

func TestCorruptIndexIsRebuilt(t *testing.T) {
	dir := writeCollection(t)
	cache := t.TempDir()
	runCLI(t, "list", "--cache-dir", cache, dir)
	dbs, _ := filepath.Glob(filepath.Join(cache, "*.db"))
	if len(dbs) != 1 {
		t.Fatalf("want one index in the cache folder, found %v", dbs)
	}
	if err := os.WriteFile(dbs[0], []byte(strings.Repeat("not a database ", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "list", "--verbose", "--cache-dir", cache, dir)
	if code != 0 || len(lines(out)) != 5 {
		t.Fatalf("after corruption: exit %d, %d articles", code, len(lines(out)))
	}
	if !strings.Contains(errOut, "index") {
		t.Errorf("no notice of the rebuild on stderr: %q", errOut)
	}
}

func TestUnusableCacheRunsWithout(t *testing.T) {
	dir := writeCollection(t)
	blocker := filepath.Join(t.TempDir(), "file-not-folder")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "list", "--verbose", "--cache-dir", filepath.Join(blocker, "sub"), dir, "--search", "velm")
	if code != 0 || len(lines(out)) != 1 {
		t.Fatalf("with an unusable cache: exit %d, out %q, err %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "without an index") {
		t.Errorf("stderr should say it runs without an index: %q", errOut)
	}
}
