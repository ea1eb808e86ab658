package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
	"github.com/newsline/newsline/ui"
)

// goodStyle is a small Glamour JSON style.
const goodStyle = `{
  "document": {"color": "#123456"},
  "h1": {"color": "#ABCDEF", "bold": true},
  "link": {"underline": true}
}`

func TestUIAppearance(t *testing.T) {
	with := func(f func(*config.Config)) config.Config {
		c := config.Default()
		f(&c)
		return c
	}
	defaults := ui.Appearance{Theme: ui.ThemeAuto, DateFormat: "2006-01-02", DateWidth: 10, Wide: 120, Medium: 80, Sidebar: 32, ListMin: 52}
	tests := []struct {
		name string
		cfg  config.Config
		want ui.Appearance
	}{
		{"defaults", config.Default(), defaults},
		{"auto", with(func(c *config.Config) { c.Theme = config.ThemeAuto }), defaults},
		{"empty theme is auto", with(func(c *config.Config) { c.Theme = "" }), defaults},
		{"dark", with(func(c *config.Config) { c.Theme = config.ThemeDark }),
			ui.Appearance{Theme: ui.ThemeDark, DateFormat: "2006-01-02", DateWidth: 10, Wide: 120, Medium: 80, Sidebar: 32, ListMin: 52}},
		{"light", with(func(c *config.Config) { c.Theme = config.ThemeLight }),
			ui.Appearance{Theme: ui.ThemeLight, DateFormat: "2006-01-02", DateWidth: 10, Wide: 120, Medium: 80, Sidebar: 32, ListMin: 52}},
		{"style file", with(func(c *config.Config) { c.Theme, c.Style = "/s/good.json", []byte(goodStyle) }),
			ui.Appearance{Theme: ui.ThemeAuto, Style: []byte(goodStyle), DateFormat: "2006-01-02", DateWidth: 10, Wide: 120, Medium: 80, Sidebar: 32, ListMin: 52}},
		{"date format and layout", with(func(c *config.Config) {
			c.DateFormat, c.Layout = "2 Jan 2006", config.Layout{Wide: 150, Medium: 90, Sidebar: 24, ListMin: 60}
		}), ui.Appearance{Theme: ui.ThemeAuto, DateFormat: "2 Jan 2006", DateWidth: 11, Wide: 150, Medium: 90, Sidebar: 24, ListMin: 60}},
	}
	for _, tt := range tests {
		if got := uiAppearance(tt.cfg); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

// TestStyleFileErrors: a style file that cannot be used stops the reader
// before anything is loaded, with one line naming the configuration file,
// the style file and what to do, and exit status 2.
func TestStyleFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"broken.json": `{"h1": {"color": "#fff",}`, "style.toml": "[h1]\ncolor = 1\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, theme := range []string{"broken.json", "style.toml", "missing.json"} {
		path := testfs.WriteFile(t, filepath.Join(dir, "config.toml"), "theme = \""+theme+"\"\n")
		code, _, stderr := runCLI(t, "--config", path, dir)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, path) || !strings.Contains(stderr, theme) {
			t.Errorf("theme %s: exit %d, stderr %q", theme, code, stderr)
		}
	}
}

func TestUIAppearanceFromFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.json"), []byte(goodStyle), 0o644); err != nil {
		t.Fatal(err)
	}
	path := testfs.WriteFile(t, filepath.Join(dir, "config.toml"),
		"theme = \"mine.json\"\ndate_format = \"short\"\n[layout]\nwide = 150\nmedium = 100\nlist_min = 44\n")
	cfg, _, err := config.Load(path, true)
	if err != nil {
		t.Fatal(err)
	}
	want := ui.Appearance{Theme: ui.ThemeAuto, Style: []byte(goodStyle), DateFormat: "2 Jan 2006", DateWidth: 11, Wide: 150, Medium: 100, Sidebar: 32, ListMin: 44}
	if got := uiAppearance(cfg); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// TestShowFollowsTheTheme: show on a terminal renders with the configured
// theme: the style file, else dark or light.
func TestShowFollowsTheTheme(t *testing.T) {
	r := ui.NewRenderer()
	if got, _ := articleStyle(r, ui.Appearance{Theme: ui.ThemeDark}); got != ui.StyleDark {
		t.Errorf("dark: %v", got)
	}
	if got, _ := articleStyle(r, ui.Appearance{Theme: ui.ThemeLight}); got != ui.StyleLight {
		t.Errorf("light: %v", got)
	}
	if got, err := articleStyle(r, ui.Appearance{Theme: ui.ThemeAuto, Style: []byte(goodStyle)}); got != ui.StyleCustom || err != nil {
		t.Errorf("style file: %v", got)
	}
	out, err := r.Render(ui.Document{Article: model.Article{Title: "Harbour news"}, Body: "Text."}, 60, ui.StyleCustom)
	if err != nil || !strings.Contains(out, "38;2;171;205;239") { // #ABCDEF, the style's h1
		t.Errorf("custom render %q (%v)", out, err)
	}
}

// TestSettingsOptions: the reader gets the configuration's settings, the
// background fetch's interval among them.
func TestSettingsOptions(t *testing.T) {
	cfg := config.Default()
	cfg.FetchInterval, cfg.MarkOnOpen, cfg.MarkOnScrollEnd, cfg.TagMatch = 30*time.Minute, false, true, config.TagMatchAny
	keys := ui.DefaultKeyMap()
	opts := settingsOptions(cfg, &keys)
	if opts.FetchInterval != 30*time.Minute || opts.MarkOnOpen || !opts.MarkOnScrollEnd || !opts.AnyTag || opts.Keys != &keys {
		t.Errorf("options %+v", opts)
	}
	if !reflect.DeepEqual(opts.Appearance, uiAppearance(cfg)) {
		t.Errorf("appearance %+v", opts.Appearance)
	}
	if settingsOptions(config.Default(), &keys).FetchInterval != 0 {
		t.Error("the default configuration fetches in the background")
	}
}
