package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsline/newsline/data/page"
	"github.com/newsline/newsline/data/web"
	"github.com/newsline/newsline/model"
)

// fetchArticle fetches the web page at addr with the command's one client
// and reads its article (page.Extract): the one way in for `save`, the
// links list's ctrl+s and full-text feeds. Links in the article are
// resolved against the address the page came from, after redirects.
func fetchArticle(ctx context.Context, c *web.Client, addr string) (page.Article, error) {
	resp, err := c.Get(ctx, web.Request{URL: addr})
	if err != nil {
		return page.Article{}, err
	}
	if !isPage(resp.ContentType) {
		return page.Article{}, fmt.Errorf("%s: not a web page (%s)", model.SanitizeLine(addr), model.SanitizeLine(resp.ContentType))
	}
	ct := resp.ContentType
	if resp.Charset != "" {
		ct += "; charset=" + resp.Charset
	}
	a, err := page.Extract(resp.Body, ct, resp.URL)
	if err != nil {
		return page.Article{}, fmt.Errorf("%s: %w", model.SanitizeLine(addr), err)
	}
	return a, nil
}

// isPage reports whether a response's media type may hold an HTML page:
// HTML, XHTML, or none stated.
func isPage(mediaType string) bool {
	switch mediaType {
	case "", "text/html", "application/xhtml+xml", "text/plain", "application/octet-stream":
		return true
	}
	return strings.HasSuffix(mediaType, "+xml") && strings.Contains(mediaType, "html")
}
