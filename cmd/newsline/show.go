package main

import (
	"fmt"
	"io"
	"os"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/newsline/newsline/ui"
)

func newShowCmd(common *common) *cobra.Command {
	var width int
	cmd := &cobra.Command{
		Use:   "show ID [PATH...]",
		Short: "Print one article, rendered for the terminal",
		Long: `Print one article by its ID (as ` + "`newsline list`" + ` shows it; any unique
prefix works). On a terminal it is rendered with colour; into a pipe or file
it is plain text with no escape sequences.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("show needs an article ID: run `newsline list` to see them")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			src, c, err := loadForCommand(cmd, args[1:], common)
			if err != nil {
				return err
			}
			defer src.close()
			id, err := c.Resolve(args[0])
			if err != nil {
				return usageError{err}
			}
			a, _ := c.Article(id)
			body, err := src.body(a)
			if err != nil {
				return fmt.Errorf("reading %s: %w", a.Path, err)
			}
			out := cmd.OutOrStdout()
			tty := isTerminal(out)
			r := ui.NewRenderer()
			style := ui.StylePlain
			if tty && !noColor() {
				var err error
				if style, err = articleStyle(r, uiAppearance(*common.cfg)); err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "newsline: the article style was not used: %v\n", err)
				}
			}
			if width <= 0 {
				width = terminalWidth(out, tty)
			}
			text, err := r.Render(ui.Document{Article: a, Tags: c.ArticleTags(id), Body: body}, width, style)
			if err != nil {
				if text == "" {
					return err
				}
				// The renderer fell back to plain wrapped text: show it.
				fmt.Fprintf(cmd.ErrOrStderr(), "newsline: %s could not be rendered (%v): showing it as plain text\n", a.Path, err)
			}
			if !tty {
				text = ansi.Strip(ui.StripHyperlinks(text))
			}
			_, err = io.WriteString(out, text)
			return err
		},
	}
	cmd.Flags().IntVarP(&width, "width", "w", 0, "wrap at this many columns (default: the terminal's width, at most 100; 80 in a pipe)")
	return cmd
}

// terminalWidth is the width to wrap at: the terminal's, capped for
// readability, or 80 when the output is not a terminal.
func terminalWidth(w io.Writer, tty bool) int {
	if f, ok := w.(*os.File); ok && tty {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 0 {
			return min(cols, 100)
		}
	}
	return 80
}

// articleStyle gives r the configuration's style file and returns the
// render style of its theme for a terminal in colour, as the reader's; the
// error says why the style file was not used (config.Load checked it).
func articleStyle(r *ui.Renderer, app ui.Appearance) (ui.RenderStyle, error) {
	err := app.ApplyStyle(r)
	return app.ArticleStyle(r, func() bool { return lipgloss.HasDarkBackground(os.Stdin, os.Stdout) }), err
}
