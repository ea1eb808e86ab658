package model

import (
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestOneHTTPClient keeps the design card's rule: everything that fetches
// goes through the one HTTP client of data/web, which holds the limits
// (timeouts, body cap, redirects, schemes). No other program file imports
// net/http; tests may (their servers are httptest's).
func TestOneHTTPClient(t *testing.T) {
	err := goFiles(false, func(rel, path string) error {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if (p == "net/http" || strings.HasPrefix(p, "net/http/")) && dirOf(rel) != "data/web" {
				t.Errorf("%s imports %s: fetch through data/web, the one HTTP client (see DESIGN: One HTTP client)", rel, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
