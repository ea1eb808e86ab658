package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data/subs"
	"github.com/newsline/newsline/model"
)

func newFeedImportCmd(common *common) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Subscribe to the feeds of an OPML file (- reads standard input)",
		Long: `Read an OPML 1.0 or 2.0 file, as other feed readers export it, and add its
feeds to the subscriptions. The outlines a feed is nested in give it their
titles as tags; a feed already subscribed to gains the file's tags. A file
that is not well-formed is one error with its line, and nothing is imported.
Feeds whose address is not http or https are skipped.`,
		Example: `  newsline feed import ~/Downloads/subscriptions.opml
  curl -s https://example.org/list.opml | newsline feed import -`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("feed import needs one OPML file (or - for standard input)")
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return []string{"opml", "xml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := parseImport(cmd, args[0])
			if err != nil {
				return err
			}
			path, err := subsFile(common)
			if err != nil {
				return err
			}
			var added, existing int
			err = updateSubs(cmd.Context(), path, func(l *subs.List) (bool, error) {
				before := marshal(*l)
				added, existing = l.Merge(in.subs.Subs)
				return marshal(*l) != before, nil
			})
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.ErrOrStderr(), "newsline: "+importReport(added, existing, in.skipped))
			return nil
		},
	}
}

// imported is what an OPML file to import holds.
type imported struct {
	subs    subs.List
	skipped int
}

// parseImport reads and parses the file to import; a file that cannot be
// read or parsed is a usage error naming it and its line.
func parseImport(cmd *cobra.Command, name string) (imported, error) {
	var r io.Reader
	if name == "-" {
		r, name = cmd.InOrStdin(), "standard input"
	} else {
		f, err := os.Open(name)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return imported{}, usagef("cannot read %s: %v", model.OneLine(name), err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
			return imported{}, usagef("%s is not a file: give an OPML file", model.OneLine(name))
		}
		r = f
	}
	l, skipped, err := subs.Parse(r)
	var pe *subs.Error
	switch {
	case errors.As(err, &pe) && pe.Line > 0:
		return imported{}, usagef("%s:%d: %s (nothing was imported)", model.OneLine(name), pe.Line, pe.Msg)
	case err != nil:
		return imported{}, usagef("%s: %s (nothing was imported)", model.OneLine(name), model.OneLine(err.Error()))
	}
	return imported{l, skipped}, nil
}

// importReport says what an import did in one line.
func importReport(added, existing, skipped int) string {
	msg := fmt.Sprintf("%s added, %d already subscribed", plural(added, "feed"), existing)
	if skipped > 0 {
		msg += fmt.Sprintf(", %d skipped (not http or https)", skipped)
	}
	return msg
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func marshal(l subs.List) string {
	var b bytes.Buffer
	subs.Marshal(&b, l) // a bytes.Buffer does not fail
	return b.String()
}

func newFeedExportCmd(common *common) *cobra.Command {
	return &cobra.Command{
		Use:     "export",
		Short:   "Print every subscription as OPML 2.0",
		Long:    `Print the subscriptions as an OPML 2.0 document, which other feed readers import: each feed in a folder named by its first tag, with all its tags in newsline:tags.`,
		Example: `  newsline feed export > subscriptions.opml`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, l, err := readSubs(common)
			if err != nil {
				return err
			}
			return subs.Marshal(cmd.OutOrStdout(), l)
		},
	}
}
