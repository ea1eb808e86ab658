package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	_ "github.com/charmbracelet/x/exp/golden" // registers -update

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/model"
	"github.com/newsline/newsline/ui"
)

// screenshotMarker comes just before the README's screenshot block.
const screenshotMarker = "<!-- screenshot: the demo at 120x28, third article open; go test ./cmd/newsline -run TestReadmeScreenshot -update rewrites it -->\n```\n"

// TestReadmeScreenshot keeps the README's screenshot true: the real
// reader's model on the embedded demo, first start (every article
// unread), j j and enter. With -update it rewrites the README's block.
func TestReadmeScreenshot(t *testing.T) {
	t.Setenv("NEWSLINE_DIR", "")
	t.Setenv("NO_COLOR", "")
	stateDir := t.TempDir()
	keys, cfg := ui.DefaultKeyMap(), config.Default()
	common := &common{stateDir: &stateDir}
	src, err := resolveSource(context.Background(), nil, cacheFlags{noCache: true})
	if err != nil {
		t.Fatal(err)
	}
	opts := ui.Options{Keys: &keys, MarkOnOpen: cfg.MarkOnOpen, Appearance: uiAppearance(cfg)}
	_, closeState := withState(context.Background(), common, &src, &opts, false, os.Stderr)
	defer closeState()
	d := newScreenDriver(t, sourceOptions(src, model.Query{}, opts), 120, 28)
	d.press("j", "j", "enter")
	screen := strings.TrimRight(ansi.Strip(d.screen()), "\n") + "\n"

	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(readme, []byte(screenshotMarker))
	if start < 0 {
		t.Fatal("README.md has no screenshot marker")
	}
	start += len(screenshotMarker)
	end := bytes.Index(readme[start:], []byte("```"))
	if end < 0 {
		t.Fatal("README.md's screenshot block is not closed")
	}
	if got := string(readme[start : start+end]); got != screen {
		if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
			out := append(append(append([]byte{}, readme[:start]...), screen...), readme[start+end:]...)
			if err := os.WriteFile("../../README.md", out, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's screenshot is not the demo's screen; rerun with -update and read the diff.\nscreen:\n%s", screen)
	}
}
