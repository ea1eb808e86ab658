package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/newsline/newsline/config"
	"github.com/newsline/newsline/ui"
)

// maxStyleFile is the largest Glamour style file read: a style is a few
// kilobytes.
const maxStyleFile = 1 << 20

// uiAppearance returns the interface's look from the configuration: the
// theme, the date format, the layout breakpoints and, when the theme is a
// style file, its contents (the interface then follows the terminal's
// background, as with auto).
//
// The style file is read and checked here, never when an article is
// rendered: one that cannot be read or is not a Glamour JSON style is a
// usage error (exit status 2) whose message is one line naming the
// configuration file, the style file and what to do.
func uiAppearance(cfg config.Config) (ui.Appearance, error) {
	a := ui.Appearance{
		Theme:      ui.ThemeAuto,
		DateFormat: cfg.DateFormat,
		Wide:       cfg.Layout.Wide,
		Medium:     cfg.Layout.Medium,
	}
	switch t := strings.ToLower(cfg.Theme); t {
	case "", config.ThemeAuto:
	case config.ThemeDark:
		a.Theme = ui.ThemeDark
	case config.ThemeLight:
		a.Theme = ui.ThemeLight
	default:
		data, err := readStyleFile(cfg.Theme)
		if err != nil {
			return ui.Appearance{}, styleError(cfg, err)
		}
		if _, err := ui.ParseStyle(data); err != nil {
			return ui.Appearance{}, styleError(cfg, &styleParseError{err})
		}
		a.Style = data
	}
	return a, nil
}

var (
	errStyleTooLarge   = fmt.Errorf("is over %d KiB", maxStyleFile>>10)
	errStyleFolder     = errors.New("is a folder, not a file")
	errStyleNotRegular = errors.New("is not a regular file")
)

// styleParseError is a style file that is not a Glamour style.
type styleParseError struct{ err error }

func (e *styleParseError) Error() string { return e.err.Error() }
func (e *styleParseError) Unwrap() error { return e.err }

// readStyleFile reads a regular file of at most maxStyleFile bytes. A FIFO
// or a device is never opened (opening a FIFO blocks).
func readStyleFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regularFile(st); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regularFile(st); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxStyleFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxStyleFile {
		return nil, errStyleTooLarge
	}
	return data, nil
}

func regularFile(st fs.FileInfo) error {
	switch {
	case st.IsDir():
		return errStyleFolder
	case !st.Mode().IsRegular():
		return errStyleNotRegular
	}
	return nil
}

// styleError is the usage error for a style file that cannot be used:
// "config FILE: theme: style file PATH is not a Glamour style: … (what to
// do)".
func styleError(cfg config.Config, err error) error {
	path := cfg.Theme
	const otherwise = "or set theme to auto, dark or light"
	e := &config.Error{File: cfg.File, Key: "theme", Err: err}
	if e.File == "" {
		e.File = "(defaults)"
	}
	var pe *fs.PathError
	var parse *styleParseError
	switch {
	case errors.As(err, &parse):
		e.Msg = fmt.Sprintf("style file %s is not a Glamour style: %v", path, parse.err)
		e.Hint = "fix the file: it must be a Glamour JSON style, " + otherwise
	case errors.Is(err, fs.ErrNotExist):
		e.Msg = fmt.Sprintf("there is no style file %s", path)
		e.Hint = "check the path, " + otherwise
	case errors.Is(err, errStyleTooLarge), errors.Is(err, errStyleFolder), errors.Is(err, errStyleNotRegular):
		e.Msg = fmt.Sprintf("style file %s %v", path, err)
		e.Hint = "give the path of a Glamour JSON style file, " + otherwise
	case errors.As(err, &pe):
		e.Msg = fmt.Sprintf("cannot read style file %s: %v", path, pe.Err)
		e.Hint = "check the file's permissions, " + otherwise
	default:
		e.Msg = fmt.Sprintf("cannot read style file %s: %v", path, err)
		e.Hint = "check the file, " + otherwise
	}
	return usageError{e}
}
