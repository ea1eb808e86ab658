package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data/feed"
	"github.com/newsline/newsline/data/subs"
	"github.com/newsline/newsline/data/web"
	"github.com/newsline/newsline/model"
)

func newFeedAddCmd(common *common) *cobra.Command {
	var name string
	var tags []string
	var fullText bool
	cmd := &cobra.Command{
		Use:   "add URL",
		Short: "Subscribe to a feed, or to the feed a web page links to",
		Long: `Fetch URL and subscribe to it: a feed (RSS, Atom or JSON Feed) as it is, a web
page by the feed it links to (<link rel="alternate">; the first that can be
read, and newsline says which it chose). The name is the feed's title unless
--name gives one; a name already taken gets a suffix. A feed already
subscribed to is not added again (and is fetched again if it was gone).
--full-text is for feeds that carry only a summary: fetch then saves the
article of the page each new item links to instead (the summary when the
page cannot be read). Given for a feed already subscribed to, --full-text
turns it on and --full-text=false off.
Exit status: 0 subscribed or already subscribed, 1 when no feed was found or
the address could not be reached (nothing is added), 2 for a usage error.`,
		Example: `  newsline feed add https://example.org/feed.xml
  newsline feed add https://example.org/ --name Example --tag News
  newsline feed add https://example.org/feed.xml --full-text`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("feed add needs one address: newsline feed add URL")
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			var setFullText *bool // nil: not given, the feed's setting stays
			if cmd.Flags().Changed("full-text") {
				setFullText = &fullText
			}
			return addFeed(cmd.Context(), common, cmd.ErrOrStderr(), subs.Sub{Name: name, URL: args[0], Tags: tags, FullText: fullText}, setFullText)
		},
	}
	cmd.Flags().BoolVar(&fullText, "full-text", false, "save each new item's web page instead of the feed's summary")
	cmd.Flags().StringVar(&name, "name", "", "the feed's name (default: its title)")
	cmd.Flags().StringArrayVarP(&tags, "tag", "t", nil, "a tag for the feed's articles (repeat for more)")
	return cmd
}

// addFeed subscribes to want.URL (a feed, or a page linking to one) and
// says what it did on stderr. A feed already subscribed to gets full text
// as setFullText says, when it is not nil. The network is asked between a
// first read of the subscriptions and their change under the file's lock
// (updateSubs), which finds the feed again if another command added it
// meanwhile.
func addFeed(ctx context.Context, common *common, stderr io.Writer, want subs.Sub, setFullText *bool) error {
	u, err := url.Parse(want.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("%q is not a web address: give an http or https URL", model.OneLine(want.URL))
	}
	path, l, err := readSubs(common)
	if err != nil {
		return err
	}
	if i := findURL(l, want.URL); i >= 0 {
		return alreadySubscribed(ctx, common, stderr, path, l.Subs[i], setFullText)
	}
	found, err := findFeed(ctx, webClient(), want.URL)
	if err != nil {
		return err
	}
	if found.page != "" {
		fmt.Fprintf(stderr, "newsline: %s is a web page; chose the feed it links to: %s (%s)\n",
			model.OneLine(found.page), model.OneLine(found.title), model.OneLine(found.url))
		if i := findURL(l, found.url); i >= 0 {
			return alreadySubscribed(ctx, common, stderr, path, l.Subs[i], setFullText)
		}
	}
	want.URL, want.Site = found.url, found.site
	if want.Name == "" {
		want.Name = found.title
	}
	if want.Name = model.OneLine(want.Name); want.Name == "" {
		want.Name = hostOf(found.url)
	}
	var sub subs.Sub
	var added bool
	err = updateSubs(ctx, path, func(l *subs.List) (bool, error) {
		if i := findURL(*l, want.URL); i >= 0 { // added meanwhile
			sub = l.Subs[i]
			return false, nil
		}
		sub, added = l.Add(want)
		return true, nil
	})
	if err != nil {
		return err
	}
	if !added {
		return alreadySubscribed(ctx, common, stderr, path, sub, setFullText)
	}
	clearGone(ctx, common, stderr, sub.URL)
	saves := "its items"
	if sub.FullText {
		saves = "the pages of its new items (full text)"
	}
	fmt.Fprintf(stderr, "newsline: subscribed to %s (%s): newsline fetch saves %s\n", model.OneLine(sub.Name), model.OneLine(sub.URL), saves)
	return nil
}

// findURL returns the index of the subscription to the feed at u, or -1.
func findURL(l subs.List, u string) int {
	for i, s := range l.Subs {
		if subs.SameURL(s.URL, u) {
			return i
		}
	}
	return -1
}

// alreadySubscribed says that s is there already, and forgets that the
// feed was gone. When setFullText is not nil and differs from the feed's,
// it turns full text on or off in the file at path, under its lock.
func alreadySubscribed(ctx context.Context, common *common, stderr io.Writer, path string, s subs.Sub, setFullText *bool) error {
	clearGone(ctx, common, stderr, s.URL)
	changed := false
	if setFullText != nil && *setFullText != s.FullText {
		err := updateSubs(ctx, path, func(l *subs.List) (bool, error) {
			i := findURL(*l, s.URL)
			if i < 0 { // removed meanwhile: nothing to turn
				return false, nil
			}
			changed = l.Subs[i].FullText != *setFullText
			l.Subs[i].FullText = *setFullText
			s = l.Subs[i]
			return changed, nil
		})
		if err != nil {
			return err
		}
	}
	if !changed {
		fmt.Fprintf(stderr, "newsline: already subscribed to %s (%s)\n", model.OneLine(s.Name), model.OneLine(s.URL))
		return nil
	}
	now := "off: newsline fetch saves its items' summaries"
	if s.FullText {
		now = "on: newsline fetch saves the pages of its new items"
	}
	fmt.Fprintf(stderr, "newsline: already subscribed to %s (%s); full text now %s\n", model.OneLine(s.Name), model.OneLine(s.URL), now)
	return nil
}

// clearGone forgets that the feed was gone (410) or asked to wait: it was
// added again. A state that cannot be opened only costs a warning.
func clearGone(ctx context.Context, common *common, stderr io.Writer, feedURL string) {
	st, err := openState(common)
	if err == nil {
		err = st.ResetFeed(ctx, feedURL)
		st.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "newsline: warning: %s\n", model.OneLine(err.Error()))
	}
}

// foundFeed is the feed feed add chose.
type foundFeed struct {
	url, title, site string
	page             string // the page it was found on, "" when URL is the feed
}

// maxAlternates bounds how many of a page's feeds are tried.
const maxAlternates = 5

// findFeed fetches addr: a feed is found as it is; a page by the feeds it
// links to, the first that parses (else the first). An address that
// cannot be fetched, or holds no feed and links to none, is an error.
func findFeed(ctx context.Context, c *web.Client, addr string) (foundFeed, error) {
	resp, err := c.Get(ctx, web.Request{URL: addr})
	if err != nil {
		return foundFeed{}, fmt.Errorf("cannot subscribe: %w; nothing added", err)
	}
	if feed.Sniff(resp.Body) != feed.KindNone {
		f, err := feed.Parse(resp.Body, resp.Charset)
		if err != nil {
			return foundFeed{}, fmt.Errorf("cannot subscribe: %s is not a feed newsline can read: %v; nothing added", model.OneLine(addr), err)
		}
		return foundFeed{url: addr, title: f.Title, site: f.Link}, nil
	}
	alts := feed.Discover(resp.Body, resp.URL)
	if len(alts) == 0 {
		return foundFeed{}, errors.New("cannot subscribe: " + model.OneLine(addr) +
			" is not a feed and links to none (no <link rel=\"alternate\">): give the feed's address; nothing added")
	}
	first := foundFeed{url: alts[0].URL, title: alts[0].Title, page: addr}
	for _, a := range alts[:min(len(alts), maxAlternates)] {
		r, err := c.Get(ctx, web.Request{URL: a.URL})
		if err != nil {
			continue
		}
		if f, err := feed.Parse(r.Body, r.Charset); err == nil {
			return foundFeed{url: a.URL, title: firstOf(f.Title, a.Title), site: f.Link, page: addr}, nil
		}
	}
	return first, nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
