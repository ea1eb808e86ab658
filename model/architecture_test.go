package model

import (
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
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
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
