package ui

import (
	"cmp"
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// SaveResult is what saving a page did (Options.SavePage).
type SaveResult struct {
	// Title is the article's title ("" when the page was saved before).
	Title string
	// Path is the article's file; Shown is the file as the status line
	// names it (saved/2026-03-12-ferry-returns.md, relative to the
	// library).
	Path, Shown string
	// Already says the page was saved before and its file is still
	// there: nothing was written.
	Already bool
	// InCollection says the file is inside the collection the reader
	// shows: it is handed to Options.AddFiles, to join the list at once.
	InCollection bool
}

// SavePageFunc saves the page at an http(s) address as an article in the
// library (ctrl+s in the link picker). Its error is one line saying why
// not and what to do.
type SavePageFunc func(ctx context.Context, url string) (SaveResult, error)

// savedMsg is the end of a page's save.
type savedMsg struct {
	url string
	res SaveResult
	err error
}

// savePage starts saving the page at u in the background, or says why it
// does not. Several saves may run at once: each ends with its savedMsg.
func (f *fetchState) savePage(ctx context.Context, u string) (_ tea.Cmd, why string) {
	switch {
	case u == "":
		return nil, "No link to save: the filter shows none (esc clears it)"
	case !model.IsWebURL(u):
		return nil, "Only web pages (http, https) can be saved: " + u
	case f.save == nil:
		return nil, "Saving pages is not available here"
	}
	f.saving++
	save := f.save
	return func() tea.Msg {
		res, err := save(ctx, u)
		return savedMsg{url: u, res: res, err: err}
	}, ""
}

// saved takes the end of a save: says in *flash what it did, and hands a
// new file shown by the reader to AddFiles.
func (f *fetchState) saved(ctx context.Context, msg savedMsg, flash *string) tea.Cmd {
	f.saving = max(f.saving-1, 0)
	if ctx.Err() != nil {
		return nil // quitting
	}
	*flash = saveSummary(msg)
	if msg.err == nil && !msg.res.Already && msg.res.InCollection && f.add != nil {
		return addFilesCmd(ctx, f.add, []string{msg.res.Path})
	}
	return nil
}

// saveSummary is the status line's sentence for the end of a save:
// "Saved: TITLE → saved/….md", "Already saved: saved/….md", or why not.
// The header sanitizes it (model.OneLine).
func saveSummary(msg savedMsg) string {
	switch {
	case errors.Is(msg.err, context.Canceled):
		return "Not saved: stopped"
	case msg.err != nil:
		return "Not saved: " + msg.err.Error()
	case msg.res.Already:
		return "Already saved: " + msg.res.Shown
	}
	return "Saved: " + cmp.Or(msg.res.Title, msg.url) + " → " + msg.res.Shown
}

// saveStatus is the header's note while pages are being saved.
func (f *fetchState) saveStatus() string {
	switch {
	case f.saving == 0:
		return ""
	case f.saving == 1:
		return "Saving a page…"
	}
	return "Saving " + countText(f.saving) + " pages…"
}

// joinStatus joins the parts that are not empty with " · ".
func joinStatus(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " · ")
}
