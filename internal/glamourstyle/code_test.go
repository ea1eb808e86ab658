package glamourstyle

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"

	glamouransi "charm.land/glamour/v2/ansi"
)

func TestRegisterCodeStyle(t *testing.T) {
	p := CodePalette{Text: "#111111", Keyword: "#222222", Function: "#333333", Comment: "#444444"}
	if err := RegisterCodeStyle("glamourstyle-test", p); err != nil {
		t.Fatal(err)
	}
	s := styles.Get("glamourstyle-test")
	if s.Name != "glamourstyle-test" {
		t.Fatalf("registered as %q", s.Name)
	}
	if got := s.Get(chroma.Keyword).Colour.String(); got != "#222222" {
		t.Errorf("keyword colour %s", got)
	}
	if got := s.Get(chroma.NameVariable).Colour.String(); got != "#111111" {
		t.Errorf("identifier colour %s, want the text colour", got)
	}
	if got := s.Get(chroma.CommentSingle); got.Colour.String() != "#444444" || got.Italic != chroma.Yes {
		t.Errorf("comment %v", got)
	}
	if err := RegisterCodeStyle("glamourstyle-test", p); err != nil {
		t.Errorf("registering the same again: %v", err)
	}
	p.Keyword = "#999999"
	if err := RegisterCodeStyle("glamourstyle-test", p); err == nil {
		t.Error("registered a name again with other colours")
	}
	if err := RegisterCodeStyle("monokai", p); err == nil {
		t.Error("replaced one of Chroma's styles")
	}
}

func TestWithCodeTheme(t *testing.T) {
	var c glamouransi.StyleConfig
	c.CodeBlock.Chroma = &glamouransi.Chroma{}
	c.CodeBlock.Theme = "dracula"
	got := WithCodeTheme(c, "newsline-dark")
	if got.CodeBlock.Chroma != nil || got.CodeBlock.Theme != "newsline-dark" {
		t.Errorf("WithCodeTheme: chroma %v, theme %q", got.CodeBlock.Chroma, got.CodeBlock.Theme)
	}
	if got := WithCodeTheme(c, ""); got.CodeBlock.Chroma != nil || got.CodeBlock.Theme != "" {
		t.Errorf("WithCodeTheme none: chroma %v, theme %q", got.CodeBlock.Chroma, got.CodeBlock.Theme)
	}
	if c.CodeBlock.Chroma == nil {
		t.Error("WithCodeTheme changed its argument")
	}
}
