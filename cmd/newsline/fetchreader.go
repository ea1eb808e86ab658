package main

import (
	"context"
	"errors"

	"github.com/newsline/newsline/ui"
)

// readerFetch is the reader's R (ui.Options.Fetch): every subscribed feed
// into the library, through fetchFeeds, with its progress. The result says
// whether the reader shows the library (src's paths hold it), so that the
// new files are added to the list at once, or where they went.
func readerFetch(common *common, src source) ui.FetchFunc {
	return func(ctx context.Context, progress func(ui.FetchProgress)) (ui.FetchResult, error) {
		sum, err := fetchFeeds(ctx, common, nil, "", func(done, total, newItems int) {
			progress(ui.FetchProgress{Done: done, Total: total, New: newItems})
		})
		if errors.Is(err, errNoSubs) {
			return ui.FetchResult{}, ui.ErrNoFeeds
		}
		return ui.FetchResult{
			Feeds: sum.Feeds, New: sum.New, Failed: sum.Failed, Kept: sum.Kept, Paths: sum.Paths, Into: sum.Into,
			Shown: sum.Into != "" && insideAny(sum.Into, src.paths),
		}, err
	}
}
