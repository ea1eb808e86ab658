package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
)

func newListCmd(common *common) *cobra.Command {
	var (
		flags  queryFlags
		asJSON bool
		marks  markFilter
	)
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "Print the articles that match, one per line",
		Long: `Print the filtered articles, one tab-separated line each:
ID, date (YYYY-MM-DD), reads, title, tags (joined by ", ").
An unknown value is an empty field. With --json, print JSON Lines instead.
--unread and --starred keep the articles by their marks (see ` + "`newsline mark`" + `).`,
		Example: `  newsline list ~/news --tag science --sort reads
  newsline list ~/news --search "river flood" --json
  newsline list ~/news --search '"river flood" -weather'
  newsline list ~/news --starred --unread`,
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := flags.query(cmd, *common.cfg)
			if err != nil {
				return err
			}
			return withCollection(cmd, args, common, marks.active(), func(st *state.Store, src source, c *model.Collection) error {
				hintUnknownTags(cmd.ErrOrStderr(), c, flags.tags)
				ids, err := src.visible(cmd.Context(), c, q)
				if err != nil {
					return err
				}
				if marks.active() {
					if ids, err = marks.apply(cmd, st, src, c, ids); err != nil {
						return err
					}
				}
				out := bufio.NewWriter(cmd.OutOrStdout())
				for _, id := range ids {
					a, _ := c.Article(id)
					if asJSON {
						err = writeJSONArticle(out, src, c, a)
					} else {
						err = writeListLine(out, c, a)
					}
					if err != nil {
						return err
					}
				}
				return out.Flush()
			})
		},
	}
	flags.register(cmd)
	marks.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines: one object per article, with its body")
	return cmd
}

// hintUnknownTags says on w which of the --tag values no article of c
// has: an empty list is then a typo's, not the collection's.
func hintUnknownTags(w io.Writer, c *model.Collection, tags []string) {
	seen := map[string]bool{}
	for _, t := range tags {
		key := model.TagKey(t)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		if _, ok := c.Tag(key); !ok {
			fmt.Fprintf(w, "newsline: no article has the tag %q; newsline tags lists them\n", model.SanitizeLine(t))
		}
	}
}

// withCollection calls fn with the marks (only when withState; nil
// otherwise) and the collection of paths, read by loadForCommand, and
// closes both after. The marks are opened first, so that a state folder
// that cannot be used fails before a large collection is read.
func withCollection(cmd *cobra.Command, paths []string, common *common, withState bool,
	fn func(*state.Store, source, *model.Collection) error) error {
	var st *state.Store
	if withState {
		var err error
		if st, err = openState(common); err != nil {
			return err
		}
		defer st.Close()
	}
	src, c, err := loadForCommand(cmd, paths, common)
	if err != nil {
		return err
	}
	defer src.close()
	return fn(st, src, c)
}

// loadForCommand reads the collection for a subcommand and, with --verbose,
// reports its problems on stderr. The caller closes the source.
func loadForCommand(cmd *cobra.Command, args []string, common *common) (source, *model.Collection, error) {
	if err := checkConfigPaths(args, *common.cfg); err != nil {
		return source{}, nil, err
	}
	src, err := resolveSource(cmd.Context(), collectionArgs(args, *common.cfg), *common.cache)
	if err != nil {
		return source{}, nil, err
	}
	c, err := src.readAll(cmd.Context())
	if err != nil {
		src.close()
		return source{}, nil, err
	}
	if *common.verbose {
		if src.notice != "" {
			fmt.Fprintln(cmd.ErrOrStderr(), "newsline: "+src.notice)
		}
		printProblems(cmd.ErrOrStderr(), c.Problems())
	}
	return src, c, nil
}

// writeListLine writes a's line of `list`: tab-separated columns, each
// value on one line (model.OneLine) so that none breaks them.
func writeListLine(w io.Writer, c *model.Collection, a model.Article) error {
	var date, reads string
	if a.HasDate() {
		date = a.Date.Format(time.DateOnly)
	}
	if a.HasReads() {
		reads = strconv.Itoa(a.Reads)
	}
	_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", c.ShortID(a.ID), date, reads,
		model.OneLine(a.Title), model.OneLine(strings.Join(c.ArticleTags(a.ID), ", ")))
	return err
}

// jsonArticle is one line of `list --json`. Every key is in every line,
// null when the value is unknown, so that a script can rely on the keys.
type jsonArticle struct {
	ID     string   `json:"id"`
	Path   string   `json:"path"`
	Title  string   `json:"title"`
	Date   *string  `json:"date"`
	Reads  *int     `json:"reads"`
	Tags   []string `json:"tags"`
	Source *string  `json:"source"`
	URL    *string  `json:"url"`
	Author *string  `json:"author"`
	Format string   `json:"format"`
	Body   string   `json:"body"`
}

// orNull is s, or nil (JSON's null) when s is empty: unknown.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func writeJSONArticle(w io.Writer, src source, c *model.Collection, a model.Article) error {
	body, err := src.body(a)
	if err != nil {
		return fmt.Errorf("reading %s: %w", a.Path, err)
	}
	if a.Format.IsMarkdown() {
		body = data.MarkdownText(body)
	}
	j := jsonArticle{
		ID: c.ShortID(a.ID), Path: a.Path, Title: a.Title, Tags: c.ArticleTags(a.ID),
		Source: orNull(a.Source), URL: orNull(a.URL), Author: orNull(a.Author), Format: a.Format.String(), Body: body,
	}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	if a.HasDate() {
		j.Date = orNull(a.Date.Format(time.RFC3339))
	}
	if a.HasReads() {
		j.Reads = &a.Reads
	}
	line, err := json.Marshal(j)
	if err != nil {
		return err
	}
	_, err = w.Write(append(line, '\n'))
	return err
}
