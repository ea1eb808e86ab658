package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
)

func newMarkCmd(common *common) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "mark read|unread|star|unstar ID... [PATH...]",
		Short: "Mark articles read or unread, starred or not",
		Long: `Mark the articles with these IDs (as ` + "`newsline list`" + ` shows them; any unique
prefix works) read, unread, starred or not starred, all in one change.

The IDs come first, then the collection's PATHs: the first argument that
is not all hexadecimal digits starts the PATHs (a folder named like an ID
is given as ./cafe01). The marks are kept in $XDG_STATE_HOME/newsline/
(--state-dir chooses another folder); see ` + "`newsline list --unread`" + `.`,
		Example: `  newsline mark read 3f2a9c 81b0d4 ~/news
  newsline mark read $(newsline list ~/news --unread --tag sport | cut -f1) ~/news`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("mark needs read, unread, star or unstar, then article IDs: run `newsline list` to see them")
			}
			if _, err := model.ParseMarkChange(args[0]); err != nil {
				return usageError{err}
			}
			if ids, _ := splitIDs(args[1:]); len(ids) == 0 {
				return usagef("mark %s needs article IDs: run `newsline list` to see them", args[0])
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveDefault
			}
			names := make([]string, len(model.MarkChanges))
			for i, c := range model.MarkChanges {
				names[i] = c.String()
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			change, _ := model.ParseMarkChange(args[0])
			ids, paths := splitIDs(args[1:])
			if err := checkNoIDs(paths); err != nil {
				return err
			}
			return withCollection(cmd, paths, common, true, func(st *state.Store, src source, c *model.Collection) error {
				picked, err := resolveIDs(c, ids)
				if err != nil {
					return err
				}
				if err := reconcile(cmd, st, src, c.Articles()); err != nil {
					return err
				}
				undo, err := st.Set(cmd.Context(), change, picked)
				if err != nil {
					return fmt.Errorf("marking %s: %w", change, err)
				}
				if *common.verbose {
					fmt.Fprintln(cmd.ErrOrStderr(), "newsline: "+markReport(change, picked, undo.Len()))
				}
				return nil
			})
		},
	}
	return cmd
}

// pastTense says what a change made of articles.
var pastTense = map[model.MarkChange]string{
	model.MarkRead: "marked read", model.MarkUnread: "marked unread", model.Star: "starred", model.Unstar: "unstarred",
}

// markReport says what a change did to the picked articles, of which
// changed were not already so: one article by its title, many by count.
func markReport(change model.MarkChange, picked []model.Article, changed int) string {
	done := pastTense[change]
	switch {
	case len(picked) == 1 && changed == 1:
		return done + ": " + model.OneLine(picked[0].Title)
	case len(picked) == 1:
		return "already " + done + ": " + model.OneLine(picked[0].Title)
	case changed == len(picked):
		return fmt.Sprintf("%d articles %s", changed, done)
	}
	return fmt.Sprintf("%d of %d articles %s (the others were already)", changed, len(picked), done)
}

// splitIDs splits mark's arguments after the change: the leading ones that
// are all hexadecimal digits are IDs, the rest PATHs.
func splitIDs(args []string) (ids, paths []string) {
	i := 0
	for i < len(args) && isHex(args[i]) {
		i++
	}
	return args[:i], args[i:]
}

// checkNoIDs fails on a PATH that looks like an article ID and does not
// exist: an ID given after the PATHs.
func checkNoIDs(paths []string) error {
	for _, p := range paths {
		if isHex(p) {
			if _, err := os.Lstat(p); err != nil {
				return usagef("%q is neither a PATH nor an ID before the PATHs: article IDs come first, then the PATHs", p)
			}
		}
	}
	return nil
}

// resolveIDs finds the article of each ID prefix in c.
func resolveIDs(c *model.Collection, ids []string) ([]model.Article, error) {
	picked := make([]model.Article, 0, len(ids))
	for _, prefix := range ids {
		id, err := c.Resolve(prefix)
		if err != nil {
			return nil, usageError{err}
		}
		a, _ := c.Article(id)
		picked = append(picked, a)
	}
	return picked, nil
}

// isHex reports whether s is a possible article ID: hexadecimal digits.
func isHex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F') {
			return false
		}
	}
	return true
}
