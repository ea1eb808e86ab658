package data

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/newsline/newsline/model"
)

// Limits on front matter, against documents built to exhaust memory.
const (
	maxFrontMatter = 64 << 10 // bytes
	maxYAMLNodes   = 1 << 16  // nodes after expanding aliases
)

// ParseMarkdown reads a Markdown article. It may start with front matter,
// YAML between --- lines or TOML between +++ lines, giving title, date,
// tags (a list or a comma-separated string), categories (more tags),
// source, url, author and reads. Without a title there, the title is the
// first level-one heading (# Title), which then leaves the body, or else
// the file name without its extension. The body is the Markdown source.
// Front matter that does not parse makes the file unusable: the error
// names the parse error and its line in the file.
func ParseMarkdown(name, text string) ([]model.Article, []model.Problem, error) {
	text = normalize(text)
	if strings.TrimSpace(text) == "" {
		return nil, nil, errEmpty
	}
	a := model.Article{Reads: model.NoReads, Format: model.FormatMarkdown}
	front, body, err := splitFrontMatter(text)
	if err != nil {
		return nil, nil, err
	}
	var probs []model.Problem
	if front != nil {
		for _, bad := range front.fill(&a, false) {
			probs = append(probs, model.Problem{Path: name, Reason: "front matter: " + bad, Loaded: true})
		}
	}
	markdownBody(name, &a, body)
	return []model.Article{a}, probs, nil
}

// markdownBody sets a's body from the Markdown source body, character
// references decoded and sanitized, and completes its title: without one,
// the first level-one heading, which then leaves the body, or else the
// file name without its extension; with one, a first heading repeating it
// leaves the body.
func markdownBody(name string, a *model.Article, body string) {
	// References are decoded before the sanitizer runs (see
	// decodeEntities); a title from the front matter is text, not
	// Markdown, but written by the same tools.
	a.Title = model.OneLine(inlineText(a.Title, refsOnly))
	body = model.Sanitize(decodeEntities(body))
	if a.Title == "" {
		a.Title, body = headingTitle(body)
	} else if line, next, ok := firstNonBlank(body, 0, -1); ok {
		if h, ok := heading(line); ok && strings.EqualFold(h, a.Title) {
			body = body[next:] // the title repeated
		}
	}
	if a.Title == "" {
		a.Title = baseTitle(name)
	}
	a.Body = trimBlankLines(body)
}

// splitFrontMatter separates front matter from the body of a Markdown
// file. The record is nil when the file has no front matter.
func splitFrontMatter(text string) (record, string, error) {
	first, pos := lineAt(text, 0)
	var closing []string
	switch strings.TrimRight(first, " \t") {
	case "---":
		closing = []string{"---", "..."}
	case "+++":
		closing = []string{"+++"}
	default:
		return nil, text, nil
	}
	for p := pos; p < len(text); {
		line, next := lineAt(text, p)
		if p-pos > maxFrontMatter {
			return nil, "", errors.New("front matter: larger than 64 KiB")
		}
		for _, c := range closing {
			if strings.TrimRight(line, " \t") == c {
				// A leading newline keeps the decoders' line numbers
				// those of the file.
				src := "\n" + text[pos:p]
				var r record
				var err error
				if closing[0] == "+++" {
					r, err = decodeTOML(src)
				} else {
					r, err = decodeYAML(src)
				}
				if err != nil {
					return nil, "", fmt.Errorf("front matter: %w", err)
				}
				return r, text[next:], nil
			}
		}
		p = next
	}
	return nil, "", fmt.Errorf("front matter: no closing %s line", closing[0])
}

// decodeYAML reads YAML front matter, which must be a mapping.
func decodeYAML(src string) (record, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, yamlLine(err)
	}
	if len(doc.Content) == 0 {
		return record{}, nil // empty
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, lineError{root.Line, fmt.Errorf("yaml: line %d: not a mapping of names to values", root.Line)}
	}
	budget := maxYAMLNodes
	if !countNodes(root, &budget) {
		return nil, fmt.Errorf("yaml: aliases expand to more than %d values", maxYAMLNodes)
	}
	m := make(map[string]any, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		var v any
		if err := root.Content[i+1].Decode(&v); err != nil {
			return nil, lineError{root.Content[i+1].Line, err}
		}
		m[root.Content[i].Value] = v
	}
	return newRecord(m), nil
}

// countNodes takes the nodes of n, aliases expanded, from the budget and
// reports whether it lasted.
func countNodes(n *yaml.Node, budget *int) bool {
	if *budget--; *budget < 0 {
		return false
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return countNodes(n.Alias, budget)
	}
	for _, c := range n.Content {
		if !countNodes(c, budget) {
			return false
		}
	}
	return true
}

// decodeTOML reads TOML front matter.
func decodeTOML(src string) (record, error) {
	var m map[string]any
	if err := toml.Unmarshal([]byte(src), &m); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, lineError{row, fmt.Errorf("toml: line %d: %s", row, strings.TrimPrefix(de.Error(), "toml: "))}
		}
		return nil, err
	}
	return newRecord(m), nil
}

// headingTitle finds the first level-one ATX heading outside fenced code
// and returns its text and the body without it. The title is empty when
// there is no such heading.
func headingTitle(body string) (string, string) {
	fence := ""
	for p := 0; p < len(body); {
		line, next := lineAt(body, p)
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case len(line)-len(trimmed) > 3: // indented code
		case fence != "":
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" ") == "" {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```"), strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
		default:
			if title, ok := heading(line); ok {
				return title, body[:p] + body[next:]
			}
		}
		p = next
	}
	return "", body
}

// heading returns the text of a level-one ATX heading line (# Title, or
// # Title # with a closing sequence) as text (backslash escapes and
// character references resolved), made one line.
func heading(line string) (string, bool) {
	trimmed := strings.TrimLeft(line, " ")
	if len(line)-len(trimmed) > 3 || !(trimmed == "#" || strings.HasPrefix(trimmed, "# ")) {
		return "", false
	}
	title := strings.TrimSpace(trimmed[1:])
	if u := strings.TrimRight(title, "#"); u == "" || strings.HasSuffix(u, " ") {
		title = u // a closing sequence: # Title ##
	}
	title = model.OneLine(inlineText(title, inlineRules))
	return title, title != ""
}

// trimBlankLines drops blank lines at the start and white space at the end
// of s, keeping the indentation of its first line.
func trimBlankLines(s string) string {
	for s != "" {
		line, next := lineAt(s, 0)
		if !isBlank(line) {
			break
		}
		s = s[next:]
	}
	return strings.TrimRightFunc(s, unicode.IsSpace)
}
