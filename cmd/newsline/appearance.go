package main

import (
	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/ui"
)

// settingsOptions returns the reader's settings from the configuration:
// the keys, the marking rules, the tag match, the background fetch's
// interval and the appearance. The functions are added by the caller.
func settingsOptions(cfg config.Config, keys *ui.KeyMap) ui.Options {
	return ui.Options{
		Keys: keys, MarkOnOpen: cfg.MarkOnOpen, MarkOnScrollEnd: cfg.MarkOnScrollEnd,
		AnyTag: cfg.TagMatch == config.TagMatchAny, FetchInterval: cfg.FetchInterval,
		Appearance: uiAppearance(cfg),
	}
}

// uiAppearance returns the interface's look from the configuration: the
// theme, the date format and its width, the layout breakpoints and, when the theme is a
// style file, its contents, read and checked by config.Load (the interface
// then follows the terminal's background, as with auto).
func uiAppearance(cfg config.Config) ui.Appearance {
	a := ui.Appearance{
		Theme:      ui.ThemeAuto,
		DateFormat: cfg.DateFormat,
		DateWidth:  config.DateWidth(cfg.DateFormat),
		Wide:       cfg.Layout.Wide,
		Medium:     cfg.Layout.Medium,
		Sidebar:    cfg.Layout.Sidebar,
		ListMin:    cfg.Layout.ListMin,
	}
	switch cfg.Theme {
	case "", config.ThemeAuto:
	case config.ThemeDark:
		a.Theme = ui.ThemeDark
	case config.ThemeLight:
		a.Theme = ui.ThemeLight
	default:
		a.Style = cfg.Style
	}
	return a
}
