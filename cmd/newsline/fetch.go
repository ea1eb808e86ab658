package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/model"
)

// newFetchCmd is `newsline fetch`: the subscribed feeds' new items into
// the library.
func newFetchCmd(common *common) *cobra.Command {
	var into string
	cmd := &cobra.Command{
		Use:   "fetch [NAME|URL...]",
		Short: "Fetch the subscribed feeds and save their new items in the library",
		Long: `Fetch every subscribed feed (or those named) and save each new item as a
Markdown article in <library>/feeds/<feed name>/<YYYY-MM-DD>-<slug>.md, with
the item's categories and the feed's tags. An item is saved once: a file you
delete is not written again. A feed added with --full-text saves, for each
new item, the article of the page it links to (the summary when the page
cannot be read: one line per feed says how many). At most 8 requests run at
once, 2 to one host; a feed that has not changed (HTTP 304) saves nothing; a feed the server
said is gone (410) is skipped until you add it again, and one whose server
asked to wait (Retry-After) until then.

Progress and the summary go to stderr; with -v the new files are printed on
stdout, one per line. Each feed that fails is one line naming it and why; the
others are saved. Exit status: 0, 1 when a feed failed or another fetch is
running, 2 for a usage error. With no subscriptions it says how to add one
and exits 0. A folder named fetch is given as ./fetch.`,
		Example: `  newsline fetch
  newsline fetch "Harbour Gazette" -v
  newsline fetch --into ~/news/today`,
		ValidArgsFunction: func(_ *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
			return feedNames(common)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			stderr := cmd.ErrOrStderr()
			progress := progressLine(stderr)
			sum, err := fetchFeeds(cmd.Context(), common, args, into, progress)
			if progress != nil {
				fmt.Fprint(stderr, "\r\x1b[K") // the progress line, cleared
			}
			if errors.Is(err, errNoSubs) {
				path, _ := subsFile(common)
				fmt.Fprintf(stderr, "newsline: no subscriptions in %s: newsline feed add URL subscribes to a feed\n", model.OneLine(path))
				return nil
			}
			if errors.Is(err, context.Canceled) {
				fmt.Fprintf(stderr, "%s, %s before the interruption\n", plural(sum.Feeds, "feed"), plural(sum.New, "new item"))
				return errors.New("fetch interrupted: the items saved stay, and the next fetch goes on from there")
			}
			if err != nil {
				return err
			}
			return reportFetch(cmd.OutOrStdout(), stderr, sum, *common.verbose)
		},
	}
	cmd.Flags().StringVar(&into, "into", "", "save into this folder instead of the library, for this run")
	_ = cmd.MarkFlagDirname("into")
	return cmd
}

// feedNames completes the subscriptions' names.
func feedNames(common *common) ([]string, cobra.ShellCompDirective) {
	_, l, err := readSubs(common)
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var names []string
	for _, s := range l.Subs {
		names = append(names, model.OneLine(s.Name))
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

// progressLine returns the progress callback that rewrites one line on
// stderr in place, or nil when stderr is not a terminal.
func progressLine(stderr io.Writer) func(done, total, newItems int) {
	if !isTerminal(stderr) {
		return nil
	}
	return func(done, total, newItems int) {
		fmt.Fprintf(stderr, "\r\x1b[KFetching %d/%d feeds · %d new", done, total, newItems)
	}
}

// fetchFailed is fetch's error when a feed failed: its lines and the
// summary are printed already (a quietFailure).
type fetchFailed int

func (n fetchFailed) Error() string { return fmt.Sprintf("%s failed", plural(int(n), "feed")) }
func (fetchFailed) quiet()          {}

// reportFetch prints the skipped feeds' notes, the failures and the
// summary on stderr, and the new files on stdout when verbose.
func reportFetch(stdout, stderr io.Writer, sum fetchSummary, verbose bool) error {
	for _, n := range sum.Notes {
		fmt.Fprintln(stderr, "newsline: "+n)
	}
	for _, p := range sum.Problems {
		fmt.Fprintln(stderr, "newsline: "+p)
	}
	fmt.Fprintf(stderr, "%s, %s, %d failed\n", plural(sum.Feeds, "feed"), plural(sum.New, "new item"), sum.Failed)
	if verbose {
		paths := append([]string(nil), sum.Paths...)
		sort.Strings(paths)
		for _, p := range paths {
			fmt.Fprintln(stdout, model.OneLine(p))
		}
	}
	if sum.Failed > 0 {
		return fetchFailed(sum.Failed)
	}
	return nil
}
