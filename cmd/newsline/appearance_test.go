package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsline/newsline/config"
	"github.com/newsline/newsline/ui"
)

// goodStyle is a small Glamour JSON style.
const goodStyle = `{
  "document": {"color": "#123456"},
  "h1": {"color": "#ABCDEF", "bold": true},
  "link": {"underline": true}
}`

func TestUIAppearance(t *testing.T) {
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := file("good.json", []byte(goodStyle))
	broken := file("broken.json", []byte(`{"h1": {"color": "#fff",}`))
	toml := file("style.toml", []byte("[h1]\ncolor = \"#fff\"\n"))
	wrongType := file("wrong.json", []byte(`{"h1": {"bold": "yes"}}`))
	empty := file("empty.json", nil)
	oversized := file("big.json", append(append([]byte(`{"h1": {"prefix": "`), bytes.Repeat([]byte("x"), maxStyleFile)...), `"}}`...))
	folder := filepath.Join(dir, "folder.json")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")

	def := config.Default()
	with := func(f func(*config.Config)) config.Config {
		c := config.Default()
		c.File = "/home/u/.config/newsline/config.toml"
		f(&c)
		return c
	}
	defaults := ui.Appearance{Theme: ui.ThemeAuto, DateFormat: "2006-01-02", Wide: 120, Medium: 80}
	tests := []struct {
		name string
		cfg  config.Config
		want ui.Appearance
		err  []string // in the error's message; nil: no error
	}{
		{"defaults", def, defaults, nil},
		{"auto", with(func(c *config.Config) { c.Theme = config.ThemeAuto }), defaults, nil},
		{"empty theme is auto", with(func(c *config.Config) { c.Theme = "" }), defaults, nil},
		{"dark", with(func(c *config.Config) { c.Theme = config.ThemeDark }),
			ui.Appearance{Theme: ui.ThemeDark, DateFormat: "2006-01-02", Wide: 120, Medium: 80}, nil},
		{"light", with(func(c *config.Config) { c.Theme = config.ThemeLight }),
			ui.Appearance{Theme: ui.ThemeLight, DateFormat: "2006-01-02", Wide: 120, Medium: 80}, nil},
		{"style file", with(func(c *config.Config) { c.Theme = good }),
			ui.Appearance{Theme: ui.ThemeAuto, Style: []byte(goodStyle), DateFormat: "2006-01-02", Wide: 120, Medium: 80}, nil},
		{"date format and layout", with(func(c *config.Config) {
			c.DateFormat, c.Layout = "2 Jan 2006", config.Layout{Wide: 150, Medium: 90}
		}), ui.Appearance{Theme: ui.ThemeAuto, DateFormat: "2 Jan 2006", Wide: 150, Medium: 90}, nil},
		{"missing file", with(func(c *config.Config) { c.Theme = missing }), ui.Appearance{},
			[]string{"theme", "there is no style file " + missing, "check the path"}},
		{"broken JSON", with(func(c *config.Config) { c.Theme = broken }), ui.Appearance{},
			[]string{"style file " + broken + " is not a Glamour style", "invalid JSON at byte", "fix the file"}},
		{"not JSON", with(func(c *config.Config) { c.Theme = toml }), ui.Appearance{},
			[]string{"style file " + toml + " is not a Glamour style: not a JSON object"}},
		{"not a style", with(func(c *config.Config) { c.Theme = wrongType }), ui.Appearance{},
			[]string{"style file " + wrongType + " is not a Glamour style", "bool"}},
		{"empty file", with(func(c *config.Config) { c.Theme = empty }), ui.Appearance{},
			[]string{"style file " + empty + " is not a Glamour style: the file is empty"}},
		{"oversized file", with(func(c *config.Config) { c.Theme = oversized }), ui.Appearance{},
			[]string{"style file " + oversized + " is over 1024 KiB", "give the path of a Glamour JSON style file"}},
		{"folder", with(func(c *config.Config) { c.Theme = folder }), ui.Appearance{},
			[]string{"style file " + folder + " is a folder, not a file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := uiAppearance(tt.cfg)
			if tt.err == nil {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("got %+v\nwant %+v", got, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, got %+v", got)
			}
			var ue usageError
			if !errors.As(err, &ue) {
				t.Errorf("%T is not a usage error (exit status 2)", err)
			}
			var ce *config.Error
			if !errors.As(err, &ce) || ce.Key != "theme" {
				t.Errorf("not a config error on theme: %v", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "config "+tt.cfg.File+": theme: ") {
				t.Errorf("message %q does not name the configuration and the key", msg)
			}
			for _, want := range append(tt.err, "or set theme to auto, dark or light") {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			if strings.ContainsAny(msg, "\n\r") {
				t.Errorf("message is not one line: %q", msg)
			}
		})
	}
}

// TestUIAppearanceFromFile reads a configuration file naming a style file
// next to it, as newsline does.
func TestUIAppearanceFromFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.json"), []byte(goodStyle), 0o644); err != nil {
		t.Fatal(err)
	}
	path := writeConfig(t, filepath.Join(dir, "config.toml"),
		"theme = \"mine.json\"\ndate_format = \"short\"\n[layout]\nwide = 150\nmedium = 100\n")
	cfg, _, err := config.Load(path, true)
	if err != nil {
		t.Fatal(err)
	}
	a, err := uiAppearance(cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := ui.Appearance{Theme: ui.ThemeAuto, Style: []byte(goodStyle), DateFormat: "2 Jan 2006", Wide: 150, Medium: 100}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("got %+v\nwant %+v", a, want)
	}

	// The file changed after the configuration was read: still one line
	// naming both files, exit status 2.
	if err := os.WriteFile(filepath.Join(dir, "mine.json"), []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = uiAppearance(cfg)
	var ue usageError
	if err == nil || !errors.As(err, &ue) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "mine.json is not a Glamour style") {
		t.Errorf("error %v", err)
	}
}
