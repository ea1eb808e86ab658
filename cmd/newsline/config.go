package main

import (
	"errors"
	"fmt"
	"maps"
	"os"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/ui"
)

// newConfigCmd is `newsline config [PATH...]`: the effective configuration
// as TOML, each value with a comment saying where it came from.
func newConfigCmd(common *common) *cobra.Command {
	return &cobra.Command{
		Use:   "config [PATH...]",
		Short: "Print the effective configuration and where each value came from",
		Long: `config prints the effective configuration as a TOML file, each value followed
by a comment saying where it came from: default, the file and line, $NEWSLINE_DIR
or the command line (PATH arguments, which win over $NEWSLINE_DIR, which wins
over the file's paths).

The file is $XDG_CONFIG_HOME/newsline/config.toml unless --config names another.
An invalid file is an error naming the file, the line and the key (exit status 2).`,
		Example: `  newsline config
  newsline config --config ./newsline.toml > my.toml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// Read once, before every command (root.go).
			cfg, src := *common.cfg, maps.Clone(*common.src)
			cfg.Keys = keyEntries(*common.keys)
			paths, from := config.ResolvePaths(args, os.Getenv("NEWSLINE_DIR"), cfg)
			cfg.Paths = paths
			src["paths"] = from
			_, err := fmt.Fprint(cmd.OutOrStdout(), config.Format(cfg, src))
			return err
		},
	}
}

// loadConfig reads the configuration file — --config if given (it must
// exist), else the default file if there is one — and applies its keys to
// the key map. An invalid file is a usage error (exit status 2) whose
// message is one line naming the file, the line and the key: the first
// error in the file, the key map's included.
func loadConfig(common *common) (config.Config, config.Sources, ui.KeyMap, error) {
	path := *common.config
	cfg, src, err := config.Load(path, path != "")
	overrides := keyOverrides(cfg.Keys)
	if err != nil {
		// The keys that name no action or no key count among the file's
		// errors; what they make together is checked in a valid file only.
		if kerr := keyError(cfg.File, ui.CheckKeyOverrides(overrides)); kerr != nil && firstInFile(kerr, err) {
			err = kerr
		}
		return cfg, src, ui.DefaultKeyMap(), usageError{err}
	}
	km, err := ui.NewKeyMap(overrides)
	if err != nil {
		return cfg, src, km, usageError{keyError(cfg.File, err)}
	}
	return cfg, src, km, nil
}

// keyOverrides turns the file's [keys] entries into the key map's
// overrides.
func keyOverrides(entries []config.KeyEntry) []ui.KeyOverride {
	out := make([]ui.KeyOverride, len(entries))
	for i, e := range entries {
		out[i] = ui.KeyOverride{Action: e.Action, Keys: e.Keys, Line: e.Line}
	}
	return out
}

// keyError makes the key map's *ui.KeyError an error of the configuration
// file (a *config.Error); nil stays nil.
func keyError(file string, err error) error {
	var ke *ui.KeyError
	if !errors.As(err, &ke) {
		return err
	}
	return &config.Error{File: file, Line: ke.Line, Key: "keys." + ke.Action, Msg: ke.Msg, Hint: ke.Hint, Err: err}
}

// firstInFile reports whether a comes before b in the file: a line before
// b's, where an error with no line comes last.
func firstInFile(a, b error) bool {
	var ca, cb *config.Error
	if !errors.As(a, &ca) || !errors.As(b, &cb) || ca.Line == 0 {
		return false
	}
	return cb.Line == 0 || ca.Line < cb.Line
}

// keyEntries are every action of the key map with its keys, in its order:
// the [keys] table `newsline config` prints.
func keyEntries(km ui.KeyMap) []config.KeyEntry {
	names := ui.Actions()
	out := make([]config.KeyEntry, len(names))
	for i, name := range names {
		keys, _ := km.KeysOf(name)
		out[i] = config.KeyEntry{Action: name, Keys: keys}
	}
	return out
}
