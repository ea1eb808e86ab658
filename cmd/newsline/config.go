package main

import (
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
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
			paths, from := config.ResolvePaths(args, os.Getenv("NEWSLINE_DIR"), cfg)
			cfg.Paths = paths
			src["paths"] = from
			_, err := fmt.Fprint(cmd.OutOrStdout(), config.Format(cfg, src))
			return err
		},
	}
}

// loadConfig reads the configuration file: --config if given (it must
// exist), else the default file if there is one. An invalid file is a
// usage error (exit status 2) whose message is one line naming the file,
// the line and the key.
func loadConfig(common *common) (config.Config, config.Sources, error) {
	path := *common.config
	cfg, src, err := config.Load(path, path != "")
	if err != nil {
		return cfg, src, usageError{err}
	}
	return cfg, src, nil
}

// uiKeyMap returns ui.DefaultKeyMap with the keys of cfg: each binding of
// ui.KeyMap is the action named as its field in snake_case (NextPane is
// next_pane, OpenURL open_url). A remapped binding's help shows its keys
// as the default help does ("h/←"); an action with no keys is switched off.
func uiKeyMap(cfg config.Config) ui.KeyMap {
	km := ui.DefaultKeyMap()
	v := reflect.ValueOf(&km).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		b, ok := v.Field(i).Addr().Interface().(*key.Binding)
		if !ok || !f.IsExported() {
			continue
		}
		keys, ok := cfg.Keys[snakeCase(f.Name)]
		if !ok || slices.Equal(keys, b.Keys()) {
			continue
		}
		if len(keys) == 0 {
			b.SetKeys() // no keys: never matches, never shown
			continue
		}
		b.SetKeys(keys...)
		b.SetHelp(helpKeys(keys), b.Help().Desc)
	}
	return km
}

// snakeCase turns a Go field name into an action name: NextPane is
// next_pane, OpenURL is open_url.
func snakeCase(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 &&
			(unicode.IsLower(r[i-1]) || (i+1 < len(r) && unicode.IsLower(r[i+1]) && unicode.IsUpper(r[i-1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// helpKeys writes keys as the help bar shows them: "h/←", "g/home", "pgdn".
func helpKeys(keys []string) string {
	pretty := map[string]string{"left": "←", "right": "→", "up": "↑", "down": "↓", "pgdown": "pgdn"}
	out := make([]string, len(keys))
	for i, k := range keys {
		if p, ok := pretty[k]; ok {
			k = p
		}
		out[i] = k
	}
	return strings.Join(out, "/")
}
