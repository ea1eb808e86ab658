package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEGoCommands: every `go install`, `go run` and `go build` the
// README shows works from a clone: the module path is not published, so a
// package is named by its folder (./cmd/newsline), which must exist.
func TestREADMEGoCommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds := regexp.MustCompile("go (install|run|build) ([^\\s`]+)").FindAllStringSubmatch(string(readme), -1)
	installs := 0
	for _, m := range cmds {
		pkg := m[2]
		if strings.HasPrefix(pkg, "-") || pkg == "…@latest" { // a flag; the text that says why not
			continue
		}
		if m[1] == "install" {
			installs++
		}
		if !strings.HasPrefix(pkg, "./") || strings.Contains(pkg, "@") {
			t.Errorf("%q: not a folder of the clone", m[0])
			continue
		}
		if fi, err := os.Stat(filepath.Join("../..", pkg)); err != nil || !fi.IsDir() {
			t.Errorf("%q: no such folder in the repository", m[0])
		}
	}
	if installs == 0 {
		t.Error("the README does not say how to install the binary")
	}
}
