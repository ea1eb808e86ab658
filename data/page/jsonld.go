package page

import (
	"slices"
	"strings"
)

// articleTypes are the schema.org types of an article's JSON-LD object.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "analysisnewsarticle": true, "backgroundnewsarticle": true,
	"opinionnewsarticle": true, "reportagenewsarticle": true, "reviewnewsarticle": true,
	"askpublicnewsarticle": true, "satiricalarticle": true, "scholarlyarticle": true,
	"blogposting": true, "liveblogposting": true, "socialmediaposting": true, "techarticle": true,
	"report": true, "reportage": true, "advertisercontentarticle": true, "medicalscholarlyarticle": true,
}

// isArticle reports whether a JSON-LD object's @type (a string or a list)
// names an article type, with or without the schema.org prefix.
func isArticle(o map[string]any) bool {
	for _, t := range ldStrings(o["@type"]) {
		t = strings.ToLower(t)
		t = t[strings.LastIndexAny(t, "/:")+1:]
		if articleTypes[t] {
			return true
		}
	}
	return false
}

// ldArticles is the page's JSON-LD objects, the article-typed ones first.
func (m *meta) ldArticles() []map[string]any {
	var first, rest []map[string]any
	for _, o := range m.ld {
		if isArticle(o) {
			first = append(first, o)
		} else {
			rest = append(rest, o)
		}
	}
	return append(first, rest...)
}

// ldField is the first non-empty text of key in the article-typed JSON-LD
// objects (all objects when articleOnly is false).
func (m *meta) ldField(key string, articleOnly bool) string {
	for _, o := range m.ldArticles() {
		if articleOnly && !isArticle(o) {
			break
		}
		if v := ldStrings(o[key]); len(v) > 0 {
			return strings.Join(v, ", ")
		}
	}
	return ""
}

// ldStrings is the text a JSON-LD value holds: a string, the "name" of an
// object (a person, an organisation), or those of a list.
func ldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		if s := squash(v); s != "" {
			return []string{s}
		}
	case map[string]any:
		return ldStrings(v["name"])
	case []any:
		var out []string
		for _, x := range v {
			for _, s := range ldStrings(x) {
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
		}
		return out
	}
	return nil
}
