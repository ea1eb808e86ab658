package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
	"github.com/newsline/newsline/ui"
)

// queryFlags are the flags that choose what the reader and list show.
type queryFlags struct {
	tags   []string
	search string
	sort   string
}

func (f *queryFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVarP(&f.tags, "tag", "t", nil, "show only articles with this tag (repeat: all must match)")
	cmd.Flags().StringVarP(&f.search, "search", "s", "", `show only articles matching every word (word starts, any case or accent), "a phrase", not -word or -"a phrase"`)
	cmd.Flags().StringVar(&f.sort, "sort", "newest", "order: newest, oldest, reads or title")
	_ = cmd.RegisterFlagCompletionFunc("sort", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		names := make([]string, len(model.Sorts))
		for i, s := range model.Sorts {
			names[i] = s.String()
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	})
}

// query turns the flags into a model.Query; the configuration gives the
// sort when --sort is not given.
func (f *queryFlags) query(cmd *cobra.Command, cfg config.Config) (model.Query, error) {
	sort, err := model.ParseSort(f.sort)
	if err != nil {
		return model.Query{}, usageError{err}
	}
	if !cmd.Flags().Changed("sort") {
		sort = cfg.Sort
	}
	q := model.Query{Search: f.search, Sort: sort}
	for _, t := range f.tags {
		if key := model.TagKey(t); key != "" && !q.HasTag(key) {
			q.Tags = append(q.Tags, key)
		}
	}
	return q, nil
}

// changed reports whether a filter or sort was given on the command line:
// it then wins over where the reader was left.
func (f *queryFlags) changed(cmd *cobra.Command) bool {
	fl := cmd.Flags()
	return fl.Changed("tag") || fl.Changed("search") || fl.Changed("sort")
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var (
		flags      queryFlags
		verbose    bool
		cache      cacheFlags
		stateDir   string
		configPath string
		fresh      bool
		cfg        = config.Default()
		cfgSrc     config.Sources
		keys       = ui.DefaultKeyMap()
	)
	common := &common{verbose: &verbose, cache: &cache, stateDir: &stateDir, config: &configPath, cfg: &cfg, src: &cfgSrc, keys: &keys}
	root := &cobra.Command{
		Use:   "newsline [PATH...]",
		Short: "A terminal news reader for local collections of articles",
		Long: `newsline reads a collection of news articles — plain-text articles, Markdown
with front matter, JSON and JSON Lines, feed files, saved web pages — from
the files and folders given as PATH (else $NEWSLINE_DIR or the
configuration's paths, plus the library of fetched feed items; else an
embedded demo collection) and opens them in a three-pane reader: tags,
articles, and the article itself.

Folders are read recursively; the names of sub-folders become tags. A folder
named like a subcommand is given as ./list or ./feed.`,
		Example: `  newsline                     # the embedded demo collection
  newsline ~/news --tag sport  # a folder, filtered by a tag
  newsline list ~/news --search "harbour" --json | jq .title`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := flags.query(cmd, cfg)
			if err != nil {
				return err
			}
			if len(args) > 0 {
				if err := data.CheckPaths(args); err != nil {
					return usageError{err}
				}
			}
			if err := checkConfigPaths(args, cfg); err != nil {
				return err
			}
			if !isTerminal(stdout) {
				return usagef("stdout is not a terminal: to print articles for a pipe or a script, use `newsline list` (or `newsline --help`)")
			}
			src, err := resolveSource(cmd.Context(), collectionArgs(args, cfg), cache)
			if err != nil {
				return err
			}
			defer src.close()
			opts := settingsOptions(cfg, &keys)
			opts.Fetch, opts.SavePage = readerFetch(common, src), readerSave(common, src)
			quit, closeState := withState(cmd.Context(), common, &src, &opts, !fresh && !flags.changed(cmd), stderr)
			defer closeState()
			return runReader(cmd.Context(), src, q, opts, verbose, quit, stdin, stdout, stderr)
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usagef("%v (see `newsline --help`)", err)
	})
	common.register(root)
	flags.register(root)
	root.Flags().BoolVar(&fresh, "fresh", false, "start at the top with no filter, not where you left off")
	// The configuration file is read before any command runs: an invalid
	// one stops them all, with one line naming the file, line and key.
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		var err error
		cfg, cfgSrc, keys, err = loadConfig(common)
		return err
	}
	root.AddCommand(newListCmd(common), newTagsCmd(common), newShowCmd(common), newMarkCmd(common), newConfigCmd(common), newFeedCmd(common), newFetchCmd(common), newSaveCmd(common))
	strictCompletion(root)
	return root
}

// strictCompletion makes `completion SHELL` with a shell cobra does not
// know a usage error: cobra's own command prints its help and exits 0,
// which a script piping it into a file takes for a completion script.
func strictCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, comp := range root.Commands() {
		if comp.Name() != "completion" {
			continue
		}
		var shells []string
		for _, sh := range comp.Commands() {
			shells = append(shells, sh.Name())
		}
		comp.Args = func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("completion: unknown shell %q (newsline completes %s)", args[0], strings.Join(shells, ", "))
			}
			return nil
		}
		comp.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
}

// common are the persistent flags the subcommands share.
type common struct {
	verbose  *bool
	cache    *cacheFlags
	stateDir *string // --state-dir: the read state's folder ("" for the default)
	config   *string // --config: the configuration file ("" for the default)
	cfg      *config.Config
	src      *config.Sources // where each value of cfg came from
	keys     *ui.KeyMap      // the key map with the keys of cfg
}

// register adds the persistent flags, which the subcommands share.
func (c *common) register(root *cobra.Command) {
	f := root.PersistentFlags()
	f.BoolVarP(c.verbose, "verbose", "v", false, "list problems with files on stderr (after the reader exits)")
	f.StringVar(&c.cache.dir, "cache-dir", "", "where the index of each folder is kept (default $XDG_CACHE_HOME/newsline)")
	f.BoolVar(&c.cache.noCache, "no-cache", false, "read every file and keep no index")
	f.StringVar(c.stateDir, "state-dir", "", "where read and starred marks are kept (default $XDG_STATE_HOME/newsline)")
	f.StringVar(c.config, "config", "", "the configuration file (default $XDG_CONFIG_HOME/newsline/config.toml)")
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// noColor reports whether the user asked for no colour (no-color.org:
// NO_COLOR present and not empty).
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// runReader runs the interactive reader until the user quits; opts brings
// what the configuration and the state give (keys, marks), the rest comes
// from the source.
func runReader(ctx context.Context, src source, q model.Query, opts ui.Options, verbose bool, quit func(model.Place), stdin io.Reader, stdout, stderr io.Writer) error {
	m := ui.New(sourceOptions(src, q, opts))
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(stdin), tea.WithOutput(stdout))
	final, err := p.Run()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("the reader stopped: %w", err)
	}
	if fm, ok := final.(ui.Model); ok {
		if quit != nil {
			quit(fm.Place())
		}
		if verbose {
			printProblems(stderr, fm.Problems())
		}
		if err := fm.LoadErr(); err != nil {
			return err
		}
	}
	return nil
}

// sourceOptions completes opts with what the source gives: loading,
// bodies, search, the first screen, editing.
func sourceOptions(src source, q model.Query, opts ui.Options) ui.Options {
	opts.Load, opts.Body, opts.Search = withBudget(src.loadIndexAndWatch), src.body, src.search()
	opts.First = src.first()
	opts.Query, opts.Name, opts.NoColor, opts.Notice, opts.OpenURL = q, src.name, noColor(), src.notice, openURL
	opts.Edit, opts.EditProblem = src.editor(), src.problemEditor()
	if src.lib != nil { // R's new files join the list without a walk
		opts.AddFiles = src.lib.ReadFiles
	}
	return opts
}

// withState gives the reader the read state of src's collection: its
// marks and, when restore, where the reader was left go into opts, and quit
// keeps where it is left. Without a state the reader runs without marks,
// and src's notice says so. closeState closes the state.
func withState(ctx context.Context, common *common, src *source, opts *ui.Options, restore bool, stderr io.Writer) (quit func(model.Place), closeState func()) {
	st, err := openState(common)
	if err != nil {
		src.notice = joinNotice(src.notice, "Running without read marks ("+err.Error()+")")
		return nil, func() {}
	}
	scope := state.Scope(src.paths...)
	opts.Marks = readerMarks{st: st, scope: scope}
	if restore {
		opts.Place = loadPlace(ctx, st, scope)
	}
	quit = func(p model.Place) {
		if err := st.SaveView(context.WithoutCancel(ctx), scope, p); err != nil {
			fmt.Fprintln(stderr, "newsline: where you left off was not kept: "+err.Error())
		}
	}
	return quit, func() { st.Close() }
}

func printProblems(w io.Writer, problems []model.Problem) {
	for _, p := range problems {
		fmt.Fprintln(w, "newsline: problem: "+p.String())
	}
}
