package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/newsline/newsline"

// allowedImports is the import rule of docs/architecture.md: for each top
// folder, the packages of this module its files (tests included) may
// import besides their own folder's. model imports nothing of ours and
// only the standard library; data reads into model values; ui sees model
// and the small shared helpers, never data; internal helpers stand alone;
// only cmd wires data and ui together.
var allowedImports = map[string][]string{
	"model":    {},
	"data":     {"model", "data/", "internal/"},
	"ui":       {"model", "internal/"},
	"internal": {"internal/"},
	"cmd":      {"model", "data", "data/", "ui", "internal/"},
}

// testImports are what tests of a top folder may import besides: the
// generator's tests check its output with the real readers.
var testImports = map[string][]string{"internal": {"model", "data"}}

// topFolders is the design card's top level: every folder of the module
// root is one of these (hidden folders aside).
var topFolders = map[string]bool{"cmd": true, "ui": true, "model": true, "data": true, "internal": true, "docs": true}

// TestArchitecture keeps the layering of docs/architecture.md: the top
// folders, and who may import whom.
func TestArchitecture(t *testing.T) {
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !topFolders[e.Name()] {
			t.Errorf("top-level folder %s/: the top level is cmd, ui, model, data (and internal, docs); put it under one of them", e.Name())
		}
	}
	err = goFiles(true, func(rel, path string) error {
		top := strings.Split(rel, "/")[0]
		allowed, ok := allowedImports[top]
		if !ok {
			t.Errorf("%s: a Go file outside %v", rel, slices.Sorted(maps.Keys(allowedImports)))
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if ours, ok := strings.CutPrefix(p, module+"/"); ok {
				if strings.HasSuffix(rel, "_test.go") {
					allowed = append(slices.Clip(allowed), testImports[top]...)
				}
				if !importAllowed(top, ours, allowed) {
					t.Errorf("%s imports %s: %s may import only %v of this module (see docs/architecture.md)", rel, p, top, allowed)
				}
				continue
			}
			if top == "model" && strings.Contains(strings.Split(p, "/")[0], ".") {
				t.Errorf("%s imports %s: model imports only the standard library", rel, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// importAllowed reports whether a file under top may import ours (a
// package path in this module): its own top folder, or a listed package
// ("data") or folder ("data/").
func importAllowed(top, ours string, allowed []string) bool {
	if ours == top || strings.HasPrefix(ours, top+"/") {
		return top != "cmd" || ours == "cmd" // one command never imports another
	}
	for _, a := range allowed {
		if ours == a || strings.HasSuffix(a, "/") && strings.HasPrefix(ours, a) {
			return true
		}
	}
	return false
}

// launchers are the only files allowed to start other programs (the
// browser and the editor), always with an argument list and never through a
// shell.
var launchers = map[string]bool{"cmd/newsline/launch.go": true}

// testHelpers are packages only tests import: they may start the test
// binary again (testchild), and nothing they do reaches newsline itself.
var testHelpers = map[string]bool{"internal/testchild": true, "internal/testfs": true}

// TestNothingRunsAShell keeps the promise of SECURITY.md: no article text
// ever reaches a shell. Outside the launchers, no program code imports
// os/exec or starts a process; inside them, no command is a shell and no
// argument is a shell's "-c".
func TestNothingRunsAShell(t *testing.T) {
	shells := map[string]bool{"sh": true, "bash": true, "zsh": true, "dash": true, "fish": true, "/bin/sh": true,
		"/bin/bash": true, "/usr/bin/env": true, "cmd": true, "cmd.exe": true, "powershell": true, "pwsh": true}
	err := goFiles(false, func(rel, path string) error {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "os/exec" && !launchers[rel] && !testHelpers[dirOf(rel)] {
				t.Errorf("%s imports os/exec: only a launcher may start programs (see SECURITY.md)", rel)
			}
			if h := strings.TrimPrefix(p, module+"/"); testHelpers[h] && !testHelpers[dirOf(rel)] {
				t.Errorf("%s imports %s: only tests may use a test helper", rel, h)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, _ := sel.X.(*ast.Ident)
			name := ""
			if pkg != nil {
				name = pkg.Name + "." + sel.Sel.Name
			}
			switch name {
			case "os.StartProcess", "syscall.Exec", "syscall.ForkExec", "syscall.StartProcess":
				t.Errorf("%s calls %s: only a launcher may start programs", rel, name)
			case "exec.Command", "exec.CommandContext":
				for _, arg := range call.Args {
					lit, ok := arg.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					s, _ := strconv.Unquote(lit.Value)
					if shells[s] || s == "-c" || s == "/c" {
						t.Errorf("%s: %s with %q: programs are started with an argument list, never through a shell", rel, name, s)
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// goFiles calls fn with every Go file of the module (its slash-separated
// path from the module root, and its path from here), test files too when
// tests is set; hidden folders and testdata are skipped.
func goFiles(tests bool, fn func(rel, path string) error) error {
	root := ".."
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || !tests && strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		return fn(filepath.ToSlash(rel), path)
	})
}

// dirOf is the folder of a slash-separated file path.
func dirOf(rel string) string {
	if i := strings.LastIndex(rel, "/"); i >= 0 {
		return rel[:i]
	}
	return ""
}
