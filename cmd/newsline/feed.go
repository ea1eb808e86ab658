package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/data/subs"
	"github.com/newsline/newsline/model"
)

// newFeedCmd is `newsline feed`: the subscriptions in feeds.opml, beside
// the configuration file in use.
func newFeedCmd(common *common) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feed",
		Short: "Add, list, remove, import and export feed subscriptions",
		Long: `The subscriptions are kept in feeds.opml, an OPML 2.0 file beside the
configuration file ($XDG_CONFIG_HOME/newsline/feeds.opml, or beside the file
given with --config). You may edit it by hand; newsline rewrites it when it
changes the subscriptions. A folder named feed is given as ./feed.`,
		Example: `  newsline feed add https://example.org/
  newsline feed import subscriptions.opml
  newsline feed list
  newsline feed export > backup.opml`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("feed: unknown command %q: feed has add, list, remove, import and export (a folder named feed is given as ./feed)", model.OneLine(args[0]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newFeedAddCmd(common), newFeedListCmd(common, nil), newFeedRemoveCmd(common), newFeedImportCmd(common), newFeedExportCmd(common))
	return cmd
}

// subsFile is the subscriptions file: beside --config when it is given,
// else beside the default configuration file (which need not exist).
func subsFile(common *common) (string, error) {
	if *common.config != "" {
		return subs.PathBeside(*common.config), nil
	}
	p, err := config.DefaultPath()
	if err != nil {
		return "", usagef("%v: give a configuration file with --config; the subscriptions are kept beside it", err)
	}
	return subs.PathBeside(p), nil
}

// readSubs reads the subscriptions file; one that cannot be read is a
// usage error naming it (and its line), and is left as it is.
func readSubs(common *common) (string, subs.List, error) {
	path, err := subsFile(common)
	if err != nil {
		return "", subs.List{}, err
	}
	l, err := subs.Read(path)
	if err != nil {
		return path, l, usagef("%s (fix the file, or move it away to start again)", model.OneLine(err.Error()))
	}
	return path, l, nil
}

// updateSubs changes the subscriptions file at path under its lock (see
// subs.Update); one that cannot be read is a usage error naming it, as in
// readSubs, and change's own errors are returned as they are.
func updateSubs(ctx context.Context, path string, change func(l *subs.List) (bool, error)) error {
	err := subs.Update(ctx, path, change)
	if re := (*subs.ReadError)(nil); errors.As(err, &re) {
		return usagef("%s (fix the file, or move it away to start again)", model.OneLine(re.Error()))
	}
	return err
}

// fetchRecord is what fetching has recorded of one feed; the zero value
// is "nothing known yet".
type fetchRecord struct {
	LastFetched time.Time // zero: never fetched
	LastError   string    // the last fetch's failure, "" for none
	Items       int       // the items saved from it
	Gone        bool      // the server said 410 Gone
}

// fetchRecords gives the fetch records of feeds by their URL. They live in
// the state database, written by fetch (stateRecords); noRecords answers
// when there is none.
type fetchRecords interface {
	Record(ctx context.Context, feedURL string) (fetchRecord, error)
}

// noRecords knows nothing of any feed.
type noRecords struct{}

func (noRecords) Record(context.Context, string) (fetchRecord, error) { return fetchRecord{}, nil }

// storeRecords are the records of the state database.
type storeRecords struct{ st *state.Store }

func (r storeRecords) Record(ctx context.Context, feedURL string) (fetchRecord, error) {
	f, _, err := r.st.Feed(ctx, feedURL)
	return fetchRecord{LastFetched: f.Fetched, LastError: f.Error, Items: f.Items, Gone: f.Gone}, err
}

// stateRecords opens the state's records, and the function that closes
// them. Without a state database (nothing fetched yet) nothing is known
// and none is created; one that cannot be opened is a warning on stderr,
// and the list is printed without records.
func stateRecords(common *common, stderr io.Writer) (fetchRecords, func()) {
	dir, err := stateDir(common)
	if err == nil {
		if _, serr := os.Stat(filepath.Join(dir, state.FileName)); errors.Is(serr, fs.ErrNotExist) {
			return noRecords{}, func() {}
		}
		var st *state.Store
		if st, err = openState(common); err == nil {
			return storeRecords{st}, func() { st.Close() }
		}
	}
	fmt.Fprintf(stderr, "newsline: warning: %s: fetch records not shown\n", model.OneLine(err.Error()))
	return noRecords{}, func() {}
}

// newFeedListCmd is `feed list`; records nil reads the state's.
func newFeedListCmd(common *common, records fetchRecords) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Print the subscriptions, one per line",
		Long: `Print each subscription on one tab-separated line: name, URL, tags (joined
by ", "), when it was last fetched, the last fetch's error ("gone" after the
server said 410), how many items were saved from it, and "full text" for a
feed whose items' pages are saved (feed add --full-text). An unknown value
is an empty field. With --json, print JSON Lines with name, url, tags,
last_fetched (RFC 3339 or null), last_error (or null), items, gone and
full_text.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, l, err := readSubs(common)
			if err != nil {
				return err
			}
			if len(l.Subs) == 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "newsline: no subscriptions in %s: newsline feed import FILE reads an OPML list\n", model.OneLine(path))
				return nil
			}
			recs := records
			if recs == nil {
				var done func()
				recs, done = stateRecords(common, cmd.ErrOrStderr())
				defer done()
			}
			out := bufio.NewWriter(cmd.OutOrStdout())
			for _, s := range l.Subs {
				r, err := recs.Record(cmd.Context(), s.URL)
				if err != nil {
					return err
				}
				if asJSON {
					err = writeFeedJSON(out, s, r)
				} else {
					err = writeFeedLine(out, s, r)
				}
				if err != nil {
					return err
				}
			}
			return out.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines: one object per feed")
	return cmd
}

// writeFeedLine writes a feed's line of `feed list`.
func writeFeedLine(w io.Writer, s subs.Sub, r fetchRecord) error {
	var fetched, items string
	if !r.LastFetched.IsZero() {
		fetched = r.LastFetched.Local().Format("2006-01-02 15:04")
	}
	if !r.LastFetched.IsZero() || r.Items > 0 {
		items = strconv.Itoa(r.Items)
	}
	problem := r.LastError
	if r.Gone {
		problem = strings.TrimSuffix("gone: "+problem, ": ")
	}
	var fullText string
	if s.FullText {
		fullText = "full text"
	}
	_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", model.OneLine(s.Name), model.OneLine(s.URL),
		model.OneLine(strings.Join(s.Tags, ", ")), fetched, model.OneLine(problem), items, fullText)
	return err
}

// jsonFeed is one line of `feed list --json`: every key in every line.
type jsonFeed struct {
	Name        string   `json:"name"`
	URL         string   `json:"url"`
	Tags        []string `json:"tags"`
	LastFetched *string  `json:"last_fetched"`
	LastError   *string  `json:"last_error"`
	Items       int      `json:"items"`
	Gone        bool     `json:"gone"`
	FullText    bool     `json:"full_text"`
}

func writeFeedJSON(w io.Writer, s subs.Sub, r fetchRecord) error {
	j := jsonFeed{Name: model.OneLine(s.Name), URL: model.OneLine(s.URL), Tags: []string{}, LastError: orNull(model.OneLine(r.LastError)), Items: r.Items, Gone: r.Gone, FullText: s.FullText}
	for _, t := range s.Tags {
		j.Tags = append(j.Tags, model.OneLine(t))
	}
	if !r.LastFetched.IsZero() {
		j.LastFetched = orNull(r.LastFetched.Format(time.RFC3339))
	}
	line, err := json.Marshal(j)
	if err != nil {
		return err
	}
	_, err = w.Write(append(line, '\n'))
	return err
}

func newFeedRemoveCmd(common *common) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME|URL",
		Short: "Unsubscribe from a feed; the articles already saved stay",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("feed remove needs one feed's name or URL: newsline feed list shows them")
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return feedNames(common)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := subsFile(common)
			if err != nil {
				return err
			}
			var gone subs.Sub
			err = updateSubs(cmd.Context(), path, func(l *subs.List) (bool, error) {
				var ok bool
				if gone, ok = l.Remove(args[0]); !ok {
					return false, usagef("no feed named %q or at that URL in %s: newsline feed list shows them", model.OneLine(args[0]), model.OneLine(path))
				}
				return true, nil
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "newsline: unsubscribed from %s (%s); its saved articles stay\n", model.OneLine(gone.Name), model.OneLine(gone.URL))
			return nil
		},
	}
}

// noArgs is cobra.NoArgs as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		path := cmd.CommandPath()
		return usagef("%s takes no arguments (see `%s --help`)", strings.TrimPrefix(path, "newsline "), path)
	}
	return nil
}
