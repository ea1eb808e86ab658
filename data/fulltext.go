package data

import (
	"cmp"
	"context"
	"errors"

	"github.com/newsline/newsline/data/index"
	"github.com/newsline/newsline/model"
)

// The second pass of indexing: Load stores new and changed articles
// without their words (the list must not wait for the full-text index,
// which costs several times more than parsing), and IndexText reads their
// files again for the words. Until it is done, Search scans those files.

// textBatch is how many files' words go into one transaction: the more,
// the fewer full-text segments FTS5 writes and merges (see schema.go).
const textBatch = 2048

// bulkText is how many waiting articles make IndexText a bulk run (see
// index.StartBulkText): its full-text segments are merged once, at the end
// (100,000 articles: 30 → 26 s), which costs a later run of a few files
// too much.
const bulkText = 10_000

// pendingFile is a file whose articles wait for their words, with its root.
type pendingFile struct {
	lr   *libRoot
	r    *root
	file index.PendingFile
}

// pendingText is the words of a pendingFile, for its index.
type pendingText struct {
	lr   *libRoot
	text index.FileText
}

// IndexText completes the full-text index after Load: it reads the files
// of the articles Load stored without their words (all of them on a first
// indexing, the changed ones on later starts) on every core, and adds
// their words to the index in large transactions. It sends batches with
// progress only (Progress.Indexed of ToIndex), the last one when it is
// done, or nothing when nothing waits.
func (l *Library) IndexText(ctx context.Context, send func(model.Batch)) error {
	if l.unwritable { // Load said so; search scans what waits
		p := l.progress
		p.Indexed, p.ToIndex = 0, 0
		send(model.Batch{Progress: p})
		return nil
	}
	files, total, err := l.pendingFiles(ctx)
	if err != nil || total == 0 {
		return cmp.Or(err, l.endBulkText(ctx))
	}
	if total >= bulkText {
		for _, lr := range l.libs {
			if err := lr.ix.StartBulkText(ctx); err != nil {
				return err
			}
		}
	}
	progress := l.progress
	progress.Indexed, progress.ToIndex = 0, total
	send(model.Batch{Progress: progress})
	read := func(f pendingFile) pendingText { return readText(ctx, f) }
	err = parallel(ctx, files, read, func(ctx context.Context, results <-chan pendingText) error {
		return addTexts(ctx, results, progress, send, textBatch)
	})
	if errors.Is(err, errStopped) {
		return nil
	}
	if err != nil {
		return err
	}
	return l.endBulkText(ctx)
}

// endBulkText ends the bulk run of every index (see index.EndBulkText):
// the one IndexText started, or one that an earlier start left when it
// quit. The words are all in and searchable before: the last merge runs
// after the last progress.
func (l *Library) endBulkText(ctx context.Context) error {
	for _, lr := range l.libs {
		if err := lr.ix.EndBulkText(ctx); err != nil {
			return err
		}
	}
	return nil
}

// pendingFiles lists the files of every root whose articles wait for their
// words, and how many articles wait.
func (l *Library) pendingFiles(ctx context.Context) ([]pendingFile, int, error) {
	var files []pendingFile
	total := 0
	for i, lr := range l.libs {
		pending, n, err := lr.ix.Pending(ctx)
		if err != nil {
			return nil, 0, err
		}
		for _, f := range pending {
			files = append(files, pendingFile{lr: lr, r: &l.roots[i], file: f})
		}
		total += n
	}
	return files, total, nil
}

// readText reads a pending file again and folds the words of its articles
// that wait (none when it can no longer be read, see index.FileText), and
// prepares them (index.FileText.Prepare), here on the workers rather than
// in AddText, so that this work on the next files overlaps writing the last
// ones. A file the index could not prepare is prepared by AddText, which
// says why if it fails again. Bodies are not kept: an article folded from
// another title or tags than the index holds (the file changed since Load)
// is indexed by those alone, and the next check of the file, which finds it
// changed, indexes it again.
func readText(ctx context.Context, f pendingFile) pendingText {
	t := index.FileText{Rel: f.file.Rel, Folded: foldFile(ctx, f)}
	_ = t.Prepare(ctx, f.lr.ix) // see above
	return pendingText{f.lr, t}
}

// foldFile reads a pending file again and folds the articles that wait,
// by their Index; nil when the file can no longer be read.
func foldFile(ctx context.Context, f pendingFile) map[int]index.Folded {
	arts, ok := reread(ctx, f.r, f.file.Rel)
	if !ok {
		return nil
	}
	waits := make(map[int]bool, len(f.file.Articles))
	for _, p := range f.file.Articles {
		waits[p.Index] = true
	}
	folded := make(map[int]index.Folded, len(f.file.Articles))
	for k := range arts {
		if a := &arts[k]; waits[a.Index] {
			folded[a.Index] = index.Fold(a)
		}
	}
	return folded
}

// addTexts adds the words of results to their indexes, setSize files a
// transaction, and sends the progress after each. A writer goroutine
// writes each set while the workers fold the next: written in the loop
// that gathers them, a set's transaction left the workers idle (the
// results channel full) and then the writer idle while they folded the
// next set. When an index cannot be written it says so and returns
// errStopped.
func addTexts(ctx context.Context, results <-chan pendingText, progress model.Progress, send func(model.Batch), setSize int) error {
	writes := make(chan textSet, 1)
	written := make(chan error, 1)
	go func() { written <- writeTexts(ctx, writes, progress, send) }()
	// give hands a set to the writer, unless it stopped (then its error;
	// writes is left as it is, no one reading it any more).
	give := func(set textSet) error {
		select {
		case writes <- set:
			return nil
		case err := <-written: // the workers end with ctx
			return err
		}
	}
	set := textSet{files: map[*libRoot][]index.FileText{}}
	for t := range results {
		set.files[t.lr] = append(set.files[t.lr], t.text)
		if set.size++; set.size >= setSize {
			if err := give(set); err != nil {
				return err
			}
			set = textSet{files: map[*libRoot][]index.FileText{}}
		}
	}
	if ctx.Err() == nil {
		set.last = true // even empty: it completes the progress
		if err := give(set); err != nil {
			return err
		}
	}
	close(writes)
	return cmp.Or(<-written, ctx.Err())
}

// textSet is the words of some files, one transaction per index.
type textSet struct {
	files map[*libRoot][]index.FileText
	size  int  // files
	last  bool // no set follows
}

// writeTexts adds each set to its indexes and sends the progress after
// each, until writes is closed or an index fails (it then says so and
// returns errStopped).
func writeTexts(ctx context.Context, writes <-chan textSet, progress model.Progress, send func(model.Batch)) error {
	for set := range writes {
		for lr, texts := range set.files {
			n, err := lr.ix.AddText(ctx, texts)
			if err != nil && ctx.Err() == nil {
				// A full disk, a busy index: search keeps scanning
				// what waits, and the next start tries again.
				stopped := progress
				stopped.Indexed, stopped.ToIndex = 0, 0
				send(model.Batch{Progress: stopped, Notice: notWritten(err)})
				return errStopped
			}
			if err != nil {
				return err
			}
			progress.Indexed += n
		}
		if set.last {
			progress.Indexed = progress.ToIndex // articles gone meanwhile count as done
		}
		send(model.Batch{Progress: progress})
	}
	return nil
}

// errStopped ends IndexText early, after it said why.
var errStopped = errors.New("indexing stopped")

// Search returns the articles matching query (see model.ParseSearch) in
// any root: Find, with every candidate confirmed.
func (l *Library) Search(ctx context.Context, query string) (map[model.ID]struct{}, error) {
	found, err := l.Find(ctx, query)
	if err != nil {
		return nil, err
	}
	out := make(map[model.ID]struct{}, len(found.IDs)+len(found.Check))
	for _, id := range found.IDs {
		out[id] = struct{}{}
	}
	if found.Confirm != nil {
		matched, _, err := found.Confirm(ctx, found.Check, 0)
		if err != nil {
			return nil, err
		}
		for _, id := range matched {
			out[id] = struct{}{}
		}
	}
	return out, nil
}

// Find returns the articles matching query (see model.ParseSearch) in any
// root, from the full-text index, and as candidates to confirm against
// their files (model.Found.Confirm) those it cannot decide (phrases: see
// index.Candidates) and those whose words are not in it yet (see
// IndexText): only the ones the caller asks about are read.
func (l *Library) Find(ctx context.Context, query string) (model.Found, error) {
	q := model.ParseSearch(query)
	var found model.Found
	for _, lr := range l.libs {
		// Pending first: an article whose words come in between is then
		// found twice rather than missed.
		var pending []index.PendingFile
		if !q.Empty() { // else Candidates has every article
			var err error
			if pending, _, err = lr.ix.Pending(ctx); err != nil {
				return model.Found{}, err
			}
		}
		c, err := lr.ix.Candidates(ctx, q)
		if err != nil {
			return model.Found{}, err
		}
		found.IDs = append(found.IDs, c.IDs...)
		found.Check = append(found.Check, c.Check...)
		for _, f := range pending {
			for _, p := range f.Articles {
				found.Check = append(found.Check, p.ID)
			}
		}
	}
	if len(found.Check) > 0 {
		m := model.MatcherOf(q)
		found.Confirm = func(ctx context.Context, candidates []model.ID, want int) ([]model.ID, int, error) {
			return l.confirm(ctx, m, candidates, want)
		}
	}
	return found, nil
}

// firstConfirm is how many candidates confirm reads first; each round
// then reads twice as many, until it has what it wants.
const firstConfirm = 64

// confirm reads the candidates' files in rounds, in the order given,
// until want of them match (want ≤ 0: all): see model.Found.Confirm.
func (l *Library) confirm(ctx context.Context, m model.Matcher, candidates []model.ID, want int) ([]model.ID, int, error) {
	var matched []model.ID
	decided := 0
	step := max(firstConfirm, 2*want)
	for decided < len(candidates) && (want <= 0 || len(matched) < want) {
		round := candidates[decided:min(len(candidates), decided+step)]
		ok := make(map[model.ID]struct{}, len(round))
		for i, lr := range l.libs {
			files, err := lr.ix.FilesOf(ctx, round)
			if err != nil {
				return nil, 0, err
			}
			if err := scan(ctx, &l.roots[i], files, m, ok); err != nil {
				return nil, 0, err
			}
		}
		for _, id := range round {
			if _, yes := ok[id]; yes {
				matched = append(matched, id)
			}
		}
		decided += len(round)
		step *= 2
	}
	return matched, decided, nil
}

// reread reads and parses a file of the root again, by its rel, with its
// folder tags; false when it can no longer be read or parsed (the next
// check of the folder will say why). A web page unchanged since its index
// stored its bodies is not extracted again (see storedPage).
func reread(ctx context.Context, r *root, rel string) ([]model.Article, bool) {
	if arts, ok := storedPage(ctx, r, rel); ok {
		return arts, true
	}
	res := read(r.jobOf(rel))
	return res.arts, len(res.arts) > 0
}

// scan adds to found the listed articles of the files that match: the
// search for the articles whose words are not in the index yet, and the
// confirmation of those the index cannot decide alone.
func scan(ctx context.Context, r *root, files []index.PendingFile, m model.Matcher, found map[model.ID]struct{}) error {
	if m.Empty() { // every article matches: no need to read them
		for _, f := range files {
			for _, p := range f.Articles {
				found[p.ID] = struct{}{}
			}
		}
		return nil
	}
	work := func(f index.PendingFile) []model.ID {
		arts, _ := reread(ctx, r, f.Rel)
		want := make(map[int]model.ID, len(f.Articles)) // pending: by position in the file
		for _, p := range f.Articles {
			want[p.Index] = p.ID
		}
		var ids []model.ID
		for k := range arts {
			if id, ok := want[arts[k].Index]; ok && m.Match(&arts[k]) {
				ids = append(ids, id)
			}
		}
		return ids
	}
	return parallel(ctx, files, work, func(ctx context.Context, results <-chan []model.ID) error {
		for ids := range results {
			for _, id := range ids {
				found[id] = struct{}{}
			}
		}
		return ctx.Err()
	})
}
