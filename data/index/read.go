package index

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/newsline/newsline/model"
)

// Files returns what the index knows of every file, by Rel, so that the
// caller can compare it with a listing of the folder: a file not in the
// map is new, one with another size or modification time changed, and one
// in the map but not on disk deleted.
func (ix *Index) Files(ctx context.Context) (map[string]FileStat, error) {
	rows, err := ix.db.QueryContext(ctx, `SELECT rel, size, mtime FROM files`)
	if err != nil {
		return nil, wrap(ctx, "files", err)
	}
	defer rows.Close()
	files := map[string]FileStat{}
	for rows.Next() {
		var rel string
		var st FileStat
		if err := rows.Scan(&rel, &st.Size, &st.ModTime); err != nil {
			return nil, wrap(ctx, "files", err)
		}
		files[rel] = st
	}
	return files, wrap(ctx, "files", rows.Err())
}

// Articles calls fn with every indexed article, in collection order (Rel,
// then Index), and stops at fn's first error, which it returns. This is the
// warm start: it reads the index only, never a collection file.
//
// Articles carry everything Apply stored — ID, Rel, Index, Title, Date,
// Reads, Tags, FolderTags, Source, URL, Author, Format — but no Body (read
// it from the file) and no Path: the index does not know how the user
// named the root this time, so the caller sets Path (the root as given
// joined with Rel, as data's loader does). fn may keep the article. fn
// runs on the calling goroutine while another reads ahead, so a slow fn
// costs little; 100,000 articles take some 80 ms on two cores.
//
// Reading the articles also teaches the Index the full-text rowids of
// their IDs, which Search needs: a Search before any Articles loads them
// first (some 35 ms for 100,000 articles).
func (ix *Index) Articles(ctx context.Context, fn func(model.Article) error) error {
	// Reading rows and decoding them share the work between two cores:
	// one goroutine steps through the rows, this one decodes them and
	// calls fn.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []string, 4)
	var readErr error
	go func() {
		defer close(batches)
		readErr = ix.records(ctx, batches)
	}()
	var err error
	var seen []idOf
	maxN := int64(-1)
	for batch := range batches {
		seen = seen[:0]
		for _, rec := range batch {
			if err != nil {
				break // drain: the reader stops at the cancellation
			}
			var a model.Article
			var n int64
			if a, n, err = decodeRecord(rec); err != nil {
				err = fmt.Errorf("index: articles: %w: %w", ErrCorrupt, err)
			} else {
				seen = append(seen, idOf{n, a.ID})
				maxN = max(maxN, n)
				err = fn(a)
			}
			if err != nil {
				cancel()
			}
		}
		ix.ids.learn(seen)
	}
	if err == nil && readErr == nil {
		ix.ids.knownBelow(maxN + 1) // the scan saw every article
	}
	if err != nil {
		return err
	}
	return readErr // set before batches was closed
}

// records sends every article's record, in collection order, in batches.
func (ix *Index) records(ctx context.Context, batches chan<- []string) error {
	// The table is clustered by (rel, idx): the scan is collection order.
	// The record holds the keys too, so that each row is one column.
	rows, err := ix.db.QueryContext(ctx, `SELECT rec FROM articles`)
	if err != nil {
		return wrap(ctx, "articles", err)
	}
	defer rows.Close()
	const size = 512
	batch := make([]string, 0, size)
	send := func() bool {
		select {
		case batches <- batch:
			batch = make([]string, 0, size)
			return true
		case <-ctx.Done():
			return false
		}
	}
	var rec sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&rec); err != nil {
			return wrap(ctx, "articles", err)
		}
		if batch = append(batch, string(rec)); len(batch) == size && !send() {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return wrap(ctx, "articles", err)
	}
	if len(batch) > 0 {
		send()
	}
	return wrap(ctx, "articles", ctx.Err())
}

// Problems returns the problems stored with the files, in the order of
// their files' Rel and then as they were found. Their Path is the one the
// problem had when it was found.
func (ix *Index) Problems(ctx context.Context) ([]model.Problem, error) {
	rows, err := ix.db.QueryContext(ctx, `SELECT path, reason, loaded FROM problems ORDER BY rel, seq`)
	if err != nil {
		return nil, wrap(ctx, "problems", err)
	}
	defer rows.Close()
	var out []model.Problem
	for rows.Next() {
		var p model.Problem
		if err := rows.Scan(&p.Path, &p.Reason, &p.Loaded); err != nil {
			return nil, wrap(ctx, "problems", err)
		}
		out = append(out, p)
	}
	return out, wrap(ctx, "problems", rows.Err())
}

// FileIDs returns the IDs of the articles stored for the file, in the
// order of their Index: what a change to the file may take away.
func (ix *Index) FileIDs(ctx context.Context, rel string) ([]model.ID, error) {
	rows, err := ix.db.QueryContext(ctx, `SELECT id FROM articles WHERE rel = ? ORDER BY idx`, rel)
	if err != nil {
		return nil, wrap(ctx, "file ids", err)
	}
	defer rows.Close()
	var ids []model.ID
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrap(ctx, "file ids", err)
		}
		ids = append(ids, model.ID(uint64(id)))
	}
	return ids, wrap(ctx, "file ids", rows.Err())
}
