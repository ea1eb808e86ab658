package index

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// Files returns what the index knows of every file, by Rel, so that the
// caller can compare it with a listing of the folder: a file not in the
// map is new, one with another size or modification time changed, and one
// in the map but not on disk deleted.
func (ix *Index) Files(ctx context.Context) (map[string]FileStat, error) {
	// Sized first: growing a map of 100,000 files step by step costs more
	// than counting them.
	var n int
	if err := ix.db.QueryRowContext(ctx, `SELECT count(*) FROM files`).Scan(&n); err != nil {
		return nil, wrap(ctx, "files", err)
	}
	// The keys are cut from one string: one allocation, not one per file.
	var rels []byte
	ends := make([]int, 0, n)
	stats := make([]FileStat, 0, n)
	var rel sql.RawBytes
	err := sqlitedb.Each(ctx, ix.db, `SELECT rel, size, mtime FROM files`, nil, func(rows *sql.Rows) error {
		var st FileStat
		if err := rows.Scan(&rel, &st.Size, &st.ModTime); err != nil {
			return err
		}
		rels = append(rels, rel...)
		ends, stats = append(ends, len(rels)), append(stats, st)
		return nil
	})
	if err != nil {
		return nil, wrap(ctx, "files", err)
	}
	all := string(rels)
	files := make(map[string]FileStat, len(stats))
	start := 0
	for i, end := range ends {
		files[all[start:end]], start = stats[i], end
	}
	return files, nil
}

// Articles calls fn with every indexed article, in collection order (Rel,
// then Index), and stops at fn's first error, which it returns. This is the
// warm start: it reads the index only, never a collection file.
//
// Articles carry everything Apply stored — ID, Rel, Index, Title, Date,
// Reads, Tags, FolderTags, Source, URL, Author, Format — but no Body (read
// it from the file) and no Path: the index does not know how the user
// named the root this time, so the caller sets Path (the root as given
// joined with Rel, as data's loader does). fn may keep the article; its
// strings share memory with some 500 other records, so what is kept long
// is better copied (model.Collection does). fn
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
	var lists []string // the articles' tag lists, cut from few allocations
	maxN := int64(-1)
	for batch := range batches {
		seen = seen[:0]
		for _, rec := range batch {
			if err != nil {
				break // drain: the reader stops at the cancellation
			}
			var a model.Article
			var n int64
			if a, n, err = decodeRecordIn(rec, &lists); err != nil {
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
// A batch's records are cut from one string: one allocation, not one per
// article.
func (ix *Index) records(ctx context.Context, batches chan<- []string) error {
	// The table is clustered by (rel, idx): the scan is collection order.
	// The record holds the keys too, so that each row is one column.
	const size = 512
	var buf []byte
	ends := make([]int, 0, size)
	send := func() bool {
		all := string(buf)
		batch := make([]string, len(ends))
		start := 0
		for i, end := range ends {
			batch[i], start = all[start:end], end
		}
		buf, ends = buf[:0], ends[:0]
		select {
		case batches <- batch:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var rec sql.RawBytes
	err := sqlitedb.Each(ctx, ix.db, `SELECT rec FROM articles`, nil, func(rows *sql.Rows) error {
		if err := rows.Scan(&rec); err != nil {
			return err
		}
		buf = append(buf, rec...)
		if ends = append(ends, len(buf)); len(ends) == size && !send() {
			return ctx.Err() // the caller stopped reading
		}
		return nil
	})
	if err != nil {
		return wrap(ctx, "articles", err)
	}
	if len(ends) > 0 {
		send()
	}
	return wrap(ctx, "articles", ctx.Err())
}

// Problems returns the problems stored with the files, in the order of
// their files' Rel and then as they were found. Their Path is the one the
// problem had when it was found.
func (ix *Index) Problems(ctx context.Context) ([]model.Problem, error) {
	out, err := sqlitedb.All(ctx, ix.db, `SELECT path, reason, loaded, line FROM problems ORDER BY rel, seq`, nil,
		func(rows *sql.Rows) (p model.Problem, err error) {
			err = rows.Scan(&p.Path, &p.Reason, &p.Loaded, &p.Line)
			return p, err
		})
	return out, wrap(ctx, "problems", err)
}

// FileIDs returns the IDs of the articles stored for the file, in the
// order of their Index: what a change to the file may take away.
func (ix *Index) FileIDs(ctx context.Context, rel string) ([]model.ID, error) {
	ids, err := sqlitedb.All(ctx, ix.db, `SELECT id FROM articles WHERE rel = ? ORDER BY idx`, []any{rel},
		func(rows *sql.Rows) (model.ID, error) {
			var id int64
			err := rows.Scan(&id)
			return model.ID(uint64(id)), err
		})
	return ids, wrap(ctx, "file ids", err)
}

// Count returns how many articles the index holds.
func (ix *Index) Count(ctx context.Context) (int, error) {
	var n int
	if err := ix.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, wrap(ctx, "count", err)
	}
	return n, nil
}
