package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// The one place newsline starts other programs (see SECURITY.md): with an
// argument list, never through a shell; the browser only for web
// addresses, the editor only on a file of the collection.

// openURL opens an http or https address in the user's browser and does
// not wait for it. The browser's output is discarded: it must not write
// over the reader.
func openURL(u string) error {
	if !model.IsWebURL(u) {
		return errors.New("not an http or https address")
	}
	argv := browserCommand(os.Getenv("BROWSER"), runtime.GOOS, u)
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it
	return nil
}

// browserCommand is the argument list that opens u: $BROWSER when set —
// the first of its colon-separated commands, split into words (no shell:
// quotes are not special), with "%s" replaced by u or else u appended —
// or else the platform's opener.
func browserCommand(browser, goos, u string) []string {
	first, _, _ := strings.Cut(browser, ":")
	if words := strings.Fields(first); len(words) > 0 {
		replaced := false
		for i, w := range words {
			if strings.Contains(w, "%s") {
				words[i], replaced = strings.ReplaceAll(w, "%s", u), true
			}
		}
		if !replaced {
			words = append(words, u)
		}
		return words
	}
	switch goos {
	case "darwin":
		return []string{"open", u}
	case "windows":
		return []string{"rundll32", "url.dll,FileProtocolHandler", u}
	}
	return []string{"xdg-open", u}
}

// editCommand is the command that opens file in the user's editor and
// waits for it: $VISUAL, else $EDITOR, else vi, split into words without a
// shell (so "code --wait" works, and quotes are not special), with the file
// as the last argument — after "+LINE" for a line (from 1) with the
// editors known to take it (lineEditors); 0 is none. A file named like an
// option ("-x", "+cmd") is given as "./-x", so that no editor takes it for one.
func editCommand(visual, editor, file string, line int) *exec.Cmd {
	words := strings.Fields(visual)
	if len(words) == 0 {
		words = strings.Fields(editor)
	}
	if len(words) == 0 {
		words = []string{"vi"}
	}
	if strings.HasPrefix(file, "-") || strings.HasPrefix(file, "+") {
		file = "." + string(filepath.Separator) + file
	}
	args := words[1:]
	if line > 0 && lineEditors[strings.TrimSuffix(filepath.Base(words[0]), ".exe")] {
		args = append(args, "+"+strconv.Itoa(line))
	}
	return exec.Command(words[0], append(args, file)...)
}

// lineEditors are the editors that open a file at a line with "+LINE FILE".
var lineEditors = map[string]bool{
	"vi": true, "vim": true, "nvim": true, "nano": true, "emacs": true,
	"micro": true, "helix": true, "hx": true, "kak": true,
}

// editor returns the reader's Options.Edit: the file an article came from,
// opened in the user's editor. The demo has no files to edit.
func (s source) editor() func(a model.Article) (tea.ExecCommand, error) {
	if s.paths == nil {
		return nil
	}
	return func(a model.Article) (tea.ExecCommand, error) {
		file, err := s.file(a)
		if err != nil {
			return nil, err
		}
		return execCommand{editCommand(os.Getenv("VISUAL"), os.Getenv("EDITOR"), file, 0)}, nil
	}
}

// problemEditor returns the reader's Options.EditProblem: the file a
// problem names, opened in the user's editor at the problem's line. A
// problem names a file of the collection as it was found (a folder that
// could not be listed is no file to edit).
func (s source) problemEditor() func(p model.Problem) (tea.ExecCommand, error) {
	if s.paths == nil {
		return nil
	}
	return func(p model.Problem) (tea.ExecCommand, error) {
		if fi, err := os.Stat(p.Path); err != nil || !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("cannot find the file %s", p.Path)
		}
		return execCommand{editCommand(os.Getenv("VISUAL"), os.Getenv("EDITOR"), p.Path, p.Line)}, nil
	}
}

// execCommand lets Bubble Tea run an exec.Cmd in the terminal (tea.Exec).
type execCommand struct{ *exec.Cmd }

func (c execCommand) SetStdin(r io.Reader)  { c.Stdin = r }
func (c execCommand) SetStdout(w io.Writer) { c.Stdout = w }
func (c execCommand) SetStderr(w io.Writer) { c.Stderr = w }
