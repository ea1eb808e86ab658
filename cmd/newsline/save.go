package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data/feed"
	"github.com/newsline/newsline/data/library"
	"github.com/newsline/newsline/data/page"
	"github.com/newsline/newsline/data/web"
	"github.com/newsline/newsline/model"
	"github.com/newsline/newsline/ui"
)

// newSaveCmd is `newsline save URL`: a web page's article into the
// library, as a Markdown file.
func newSaveCmd(common *common) *cobra.Command {
	var tags []string
	var into string
	cmd := &cobra.Command{
		Use:   "save URL",
		Short: "Save a web page's article in the library, as Markdown",
		Long: `Fetch the web page at URL, keep its article (without the site's menus and
ads) and save it as <library>/saved/<YYYY-MM-DD>-<slug>.md, with its title,
author, address, site, language, the tags given, the date the page states
(else it sorts by when it was saved) and when it was saved.

The new file's path is printed on stdout. A page saved before (asked for at
the same address, or at the one it redirects to) is not saved again: its
file's path is printed on stdout, "already saved" on stderr; if you deleted
that file, the page is saved again. Exit status: 0 saved or already saved, 1
when the page could not be fetched or has no readable article (nothing is
written), 2 for a usage error.`,
		Example: `  newsline save https://example.org/2026/03/harbour-reopens
  newsline save https://example.org/article --tag Ports --tag "To read"
  newsline save https://example.org/article --into ~/news/today`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("save needs one address: newsline save URL")
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := fetchLibrary(common, into)
			if err != nil {
				return err
			}
			saved, err := savePage(cmd.Context(), common, webClient(), args[0], tags, lib)
			var usage usageError
			if err != nil && !errors.As(err, &usage) {
				return fmt.Errorf("cannot save: %w; nothing saved", err)
			}
			if err != nil {
				return err
			}
			if saved.Already {
				fmt.Fprintln(cmd.ErrOrStderr(), "newsline: already saved: "+model.OneLine(saved.Path))
			}
			fmt.Fprintln(cmd.OutOrStdout(), model.OneLine(saved.Path))
			return nil
		},
	}
	cmd.Flags().StringArrayVarP(&tags, "tag", "t", nil, "a tag for the article (repeat for more)")
	cmd.Flags().StringVar(&into, "into", "", "save into DIR/saved instead of the library's saved folder")
	_ = cmd.MarkFlagDirname("into")
	return cmd
}

// savedPage is what savePage did: the file, the article's title, and
// whether the page was saved before (nothing written).
type savedPage struct {
	Path    string
	Title   string
	Already bool
}

// savePage saves the article of the web page at addr into <lib>/saved/
// (fetchArticle, page.File, library.SavePage), with the tags; a page
// saved before whose file is still there is neither fetched nor written
// again. The one way in for `save` and the links list's ctrl+s. An error
// is one line naming the address and what to do (a usageError for an
// address that is not http or https).
func savePage(ctx context.Context, common *common, client *web.Client, addr string, tags []string, lib string) (savedPage, error) {
	if u, err := url.Parse(addr); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return savedPage{}, usagef("%q is not a web address: give an http or https URL", model.OneLine(addr))
	}
	st, err := openState(common)
	if err != nil {
		return savedPage{}, err
	}
	defer st.Close()
	if path, ok, err := library.SavedPage(ctx, st, addr); err != nil || ok {
		return savedPage{Path: path, Already: ok}, err
	}
	a, err := fetchArticle(ctx, client, addr)
	if err != nil {
		return savedPage{}, saveFailed(err)
	}
	now := time.Now()
	content, err := page.File(a, tags, now)
	if err != nil {
		return savedPage{}, fmt.Errorf("%s: %w", model.OneLine(addr), err)
	}
	path, already, err := library.SavePage(ctx, st, lib, library.Page{
		URL: addr, Final: a.URL, Name: pageFileName(a, now), Content: content,
	})
	if err != nil {
		return savedPage{}, fmt.Errorf("%s: %w", model.OneLine(addr), err)
	}
	return savedPage{Path: path, Title: a.Title, Already: already}, nil
}

// pageFileName is the name of a saved page's file, <YYYY-MM-DD>-<slug>.md:
// the date the page states, else the day it was saved (UTC, as a feed
// item's), and its title as a slug.
func pageFileName(a page.Article, saved time.Time) string {
	d := a.Published
	if d.IsZero() {
		d = saved
	}
	return d.UTC().Format("2006-01-02") + "-" + feed.Slug(a.Title) + ".md"
}

// saveFailed says why the page at addr could not be read and what to do.
// fetchArticle's errors name the address already.
func saveFailed(err error) error {
	var we *web.Error
	switch {
	case errors.Is(err, page.ErrNoArticle):
		return fmt.Errorf("%w (a login page, or a list of links?): open it in a browser", err)
	case errors.As(err, &we) && !errors.Is(err, context.Canceled):
		return fmt.Errorf("%w: check the address, or try again later", err)
	}
	return err
}

// relToLibrary is path as the reader shows it: inside lib, relative to it
// (saved/2026-03-12-ferry-returns.md); else as it is.
func relToLibrary(lib, path string) string {
	if rel, err := filepath.Rel(lib, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return path
}

// readerSave is the links list's ctrl+s (ui.Options.SavePage): the page
// into the library's saved folder, through savePage. The result says
// whether the new file is inside what the reader shows (src's paths), so
// that it joins the list at once.
func readerSave(common *common, src source) ui.SavePageFunc {
	return func(ctx context.Context, addr string) (ui.SaveResult, error) {
		lib, err := fetchLibrary(common, "")
		if err != nil {
			return ui.SaveResult{}, errors.New("no library folder to save into: set library in the configuration (newsline config shows it)")
		}
		saved, err := savePage(ctx, common, webClient(), addr, nil, lib)
		if err != nil {
			return ui.SaveResult{}, err
		}
		return ui.SaveResult{
			Title: saved.Title, Path: saved.Path, Shown: relToLibrary(lib, saved.Path), Already: saved.Already,
			InCollection: insideAny(filepath.Dir(saved.Path), src.paths),
		}, nil
	}
}
