// Package subs keeps newsline's feed subscriptions: feeds.opml, an OPML
// 2.0 file beside the configuration file in use, which a person may edit by
// hand. It reads OPML 1.0 and 2.0 (Parse, Read), writes OPML 2.0 (Marshal,
// Write, atomically), and merges, finds and removes subscriptions (List).
// newsline's own attributes use the newsline: XML namespace (NS).
//
// It knows nothing of the network: fetching is another package's.
package subs

import (
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/newsline/newsline/model"
)

// FileName is the subscriptions file's name, in the configuration's folder.
const FileName = "feeds.opml"

// PathBeside returns the subscriptions file beside the configuration file
// configFile (which need not exist).
func PathBeside(configFile string) string {
	return filepath.Join(filepath.Dir(configFile), FileName)
}

// Sub is one subscription.
type Sub struct {
	// Name is what newsline calls the feed (the outline's text), unique in
	// a List.
	Name string
	// Title is the outline's title attribute when it differs from Name
	// (kept as the user wrote it), else "".
	Title string
	// URL is the feed's address (xmlUrl), http or https.
	URL string
	// Site is the web site's address (htmlUrl), "" when unknown.
	Site string
	// Tags are given to every article of the feed, each once (by
	// model.TagKey), in the order first seen.
	Tags []string
	// FullText asks fetch to save each new item's web page (its link, the
	// article read from it) instead of the feed's summary: for feeds that
	// carry only a summary. It is the outline's newsline:fullText="true".
	FullText bool
	// Extra are the outline's other attributes (type, description,
	// language, …), kept as they were read.
	Extra []Attr
}

// Attr is an attribute of an outline that newsline does not use.
type Attr struct{ Name, Value string }

// List is the subscriptions, in the file's order.
type List struct {
	// Title is the file's head title, "" for the default.
	Title string
	Subs  []Sub
}

// SameURL reports whether a and b name the same feed: equal once the
// scheme and host are in lower case and the fragment is dropped.
func SameURL(a, b string) bool { return urlKey(a) == urlKey(b) }

func urlKey(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Scheme, p.Host, p.Fragment, p.RawFragment = strings.ToLower(p.Scheme), strings.ToLower(p.Host), "", ""
	return p.String()
}

// Find returns the index of the subscription named key, or else whose URL
// is key; -1 when there is none. Names match exactly, then ignoring case.
func (l *List) Find(key string) int {
	key = strings.TrimSpace(key)
	if i := slices.IndexFunc(l.Subs, func(s Sub) bool { return s.Name == key }); i >= 0 {
		return i
	}
	if i := slices.IndexFunc(l.Subs, func(s Sub) bool { return strings.EqualFold(s.Name, key) }); i >= 0 {
		return i
	}
	return l.findURL(key)
}

func (l *List) findURL(u string) int {
	k := urlKey(u)
	return slices.IndexFunc(l.Subs, func(s Sub) bool { return urlKey(s.URL) == k })
}

// Remove removes the subscription Find finds and returns it; ok is false
// when there is none.
func (l *List) Remove(key string) (removed Sub, ok bool) {
	i := l.Find(key)
	if i < 0 {
		return Sub{}, false
	}
	removed = l.Subs[i]
	l.Subs = slices.Delete(l.Subs, i, i+1)
	return removed, true
}

// Add adds s and returns it as added (its name made unique: a name already
// taken gets a suffix, " (2)", " (3)", …), with added true. A feed already
// there (SameURL) is not added again: it gains s's tags (and s's site
// when it had none, and full text when s asks for it), and Add returns it
// with added false.
func (l *List) Add(s Sub) (sub Sub, added bool) {
	if i := l.findURL(s.URL); i >= 0 {
		old := &l.Subs[i]
		old.Tags = unionTags(old.Tags, s.Tags)
		if old.Site == "" {
			old.Site = s.Site
		}
		old.FullText = old.FullText || s.FullText
		return *old, false
	}
	s.Tags = unionTags(nil, s.Tags)
	s.Name = l.uniqueName(s.Name, s.URL)
	l.Subs = append(l.Subs, s)
	return s, true
}

// Merge adds every one of subs (Add) and counts those added and those
// already there.
func (l *List) Merge(subs []Sub) (added, existing int) {
	for _, s := range subs {
		if _, ok := l.Add(s); ok {
			added++
		} else {
			existing++
		}
	}
	return added, existing
}

// uniqueName is name, or the URL's host when name is empty, with a suffix
// when another subscription has it (ignoring case).
func (l *List) uniqueName(name, u string) string {
	if name == "" {
		name = u
		if p, err := url.Parse(u); err == nil && p.Host != "" {
			name = model.OneLine(p.Host) // unescaped: %80 would be a broken byte
		}
	}
	taken := func(n string) bool {
		return slices.ContainsFunc(l.Subs, func(s Sub) bool { return strings.EqualFold(s.Name, n) })
	}
	if !taken(name) {
		return name
	}
	for n := 2; ; n++ {
		if c := name + " (" + strconv.Itoa(n) + ")"; !taken(c) {
			return c
		}
	}
}

// unionTags adds to tags each of more that it lacks (by model.TagKey),
// dropping empty ones.
func unionTags(tags, more []string) []string {
	out := slices.Clone(tags) // never share a caller's array
	for _, t := range more {
		t = model.OneLine(strings.TrimLeft(strings.TrimSpace(t), "#"))
		k := model.TagKey(t)
		if k == "" || slices.ContainsFunc(out, func(o string) bool { return model.TagKey(o) == k }) {
			continue
		}
		out = append(out, t)
	}
	return out
}
