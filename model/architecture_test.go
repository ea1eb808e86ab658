package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/newsline/newsline"

// TestArchitecture keeps the layering of DESIGN.md: model imports only the
// standard library; data and ui import model but never each other; only cmd
// wires them together.
func TestArchitecture(t *testing.T) {
	forbidden := map[string][]string{
		"model": {module + "/"},
		"data":  {module + "/ui", module + "/cmd"},
		"ui":    {module + "/data", module + "/cmd"},
	}
	err := goFiles(true, func(rel, path string) error {
		top := strings.Split(rel, "/")[0]
		rules, ok := forbidden[top]
		if !ok {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range rules {
				if strings.HasPrefix(p, bad) && !(top == "model" && strings.HasPrefix(p, module+"/model")) {
					t.Errorf("%s imports %s: %s must not depend on it", rel, p, top)
				}
			}
			if top == "model" && !strings.HasPrefix(p, module) && strings.Contains(strings.Split(p, "/")[0], ".") {
				t.Errorf("%s imports %s: model imports only the standard library", rel, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
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
