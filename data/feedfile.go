package data

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/newsline/newsline/data/feed"
	"github.com/newsline/newsline/model"
)

// errNotFeed is the error for an .xml file that is not a feed: in a
// folder it is ignored like any file that is not an article.
var errNotFeed = errors.New("not a feed (RSS, Atom or JSON Feed): skipped")

// isFeedFile reports whether a file is read as a feed: .rss, .atom and
// .rdf files, and .xml and .json files whose first bytes are a feed's.
func isFeedFile(name string, b []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".rss", ".atom", ".rdf", ".xml":
		return true
	case ".json":
		return feed.Sniff(b) == feed.KindJSON
	}
	return false
}

// ParseFeed reads a feed file (RSS, RDF, Atom or JSON Feed) as one
// article per item: each item is rendered as the article file a fetch
// would save (feed.Article) and read back with ParseMarkdown, so that it
// has the same fields and body. Index is the item's position in the feed.
// Each article's ID is provisional, model.NewID of the item's key
// (feed.Key, made unique within the file): the loader joins it with the
// file's path (see feedID), so that an item keeps its ID when the feed
// gains items at the top.
func ParseFeed(name string, b []byte) ([]model.Article, []model.Problem, error) {
	return parseFeed(name, b, -1)
}

// parseFeed is ParseFeed for every item (only < 0) or the item at index
// only alone, for Library.Body.
func parseFeed(name string, b []byte, only int) ([]model.Article, []model.Problem, error) {
	f, err := feed.Parse(b, "")
	if errors.Is(err, feed.ErrNotFeed) {
		return nil, nil, errNotFeed
	}
	if err != nil {
		return nil, nil, err
	}
	if len(f.Items) == 0 {
		return nil, nil, errors.New("a feed with no items")
	}
	var arts []model.Article
	var probs []model.Problem
	keys := make(map[string]bool, len(f.Items))
	for i, it := range f.Items {
		key := feed.Key(it)
		for n := 2; keys[key]; n++ {
			key = fmt.Sprintf("%s#%d", feed.Key(it), n)
		}
		keys[key] = true
		if only >= 0 && i != only {
			continue
		}
		src, err := feed.Article(f, it, "", nil)
		if err != nil {
			probs = append(probs, model.Problem{Path: name, Reason: fmt.Sprintf("item %d: %v: skipped", i+1, err), Loaded: true})
			continue
		}
		as, ps, err := ParseMarkdown(name, string(src))
		if err != nil || len(as) != 1 {
			probs = append(probs, model.Problem{Path: name, Reason: fmt.Sprintf("item %d: %v: skipped", i+1, err), Loaded: true})
			continue
		}
		for _, p := range ps {
			p.Reason = fmt.Sprintf("item %d: %s", i+1, p.Reason)
			probs = append(probs, p)
		}
		a := as[0]
		a.Index, a.ID = i, model.NewID(key, 0)
		arts = append(arts, a)
	}
	return arts, probs, nil
}

// feedID is the ID of an article of a feed file: its provisional ID (the
// item's key, see ParseFeed) joined with the file's ID key.
func feedID(idKey string, provisional model.ID) model.ID {
	return model.NewID(idKey+"\x00feed\x00"+provisional.Hex(), 0)
}
