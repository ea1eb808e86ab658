package glamourstyle

import (
	"errors"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"

	glamouransi "charm.land/glamour/v2/ansi"
)

// CodePalette is the colours of highlighted code, each "#rrggbb" (or ""
// for the terminal's own): the interface's theme picks them, so that code
// looks like the rest of the screen.
type CodePalette struct {
	Text     string // what has no colour of its own: identifiers, plain blocks
	Comment  string
	Keyword  string // keywords and the names of types
	Function string // the names of functions, classes and built-ins
	String   string
	Number   string // numbers and other literals, escapes
	Operator string // operators and punctuation
}

// registry guards chroma's global style registry (styles.Register writes
// a map that every highlight reads) and remembers what was registered.
var registry struct {
	sync.Mutex
	names map[string]CodePalette
}

// RegisterCodeStyle registers p as the Chroma style name (chroma's
// styles.Register), for a Glamour style whose code block names it
// (WithCodeTheme). A name is registered once: registering it again with
// the same palette does nothing, and with another fails, since Glamour
// renders read the registry without a lock. Register before rendering.
func RegisterCodeStyle(name string, p CodePalette) error {
	registry.Lock()
	defer registry.Unlock()
	if old, ok := registry.names[name]; ok {
		if old != p {
			return errors.New("the code style " + name + " is registered with other colours")
		}
		return nil
	}
	if _, taken := styles.Registry[name]; taken {
		return errors.New("the code style " + name + " is one of Chroma's")
	}
	s, err := chroma.NewStyle(name, p.entries())
	if err != nil {
		return err
	}
	styles.Register(s)
	if registry.names == nil {
		registry.names = map[string]CodePalette{}
	}
	registry.names[name] = p
	return nil
}

// entries maps the palette to Chroma's token types; sub-types inherit.
func (p CodePalette) entries() chroma.StyleEntries {
	e := chroma.StyleEntries{}
	set := func(colour string, types ...chroma.TokenType) {
		if colour == "" {
			return
		}
		for _, t := range types {
			e[t] = colour
		}
	}
	set(p.Text, chroma.Text, chroma.Name, chroma.Background)
	set(p.Comment, chroma.Comment)
	e[chroma.Comment] += " italic"
	set(p.Keyword, chroma.Keyword, chroma.NameTag)
	set(p.Function, chroma.NameFunction, chroma.NameClass, chroma.NameBuiltin, chroma.NameDecorator)
	set(p.String, chroma.LiteralString)
	set(p.Number, chroma.LiteralNumber, chroma.Literal, chroma.LiteralStringEscape, chroma.NameConstant)
	set(p.Operator, chroma.Operator, chroma.Punctuation)
	return e
}

// WithCodeTheme returns c with its code blocks highlighted in the Chroma
// style theme (registered with RegisterCodeStyle), or in the code block's
// one colour when theme is "". Glamour's own chroma settings are dropped:
// Glamour registers them globally, under one name, at the first render.
func WithCodeTheme(c glamouransi.StyleConfig, theme string) glamouransi.StyleConfig {
	c.CodeBlock.Chroma = nil
	c.CodeBlock.Theme = theme
	return c
}
