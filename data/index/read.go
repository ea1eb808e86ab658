package index

import (
	"context"
	"database/sql"
	"strings"
	"time"

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
// joined with Rel, as data's loader does). fn may keep the article.
func (ix *Index) Articles(ctx context.Context, fn func(model.Article) error) error {
	// The plan walks files in rel order (its unique index) and each
	// file's articles in idx order (articles_file): no sorting.
	rows, err := ix.db.QueryContext(ctx, `SELECT f.rel, a.id, a.idx, a.title, a.date, a.date_ns, a.reads,
		a.tags, a.folder_tags, a.source, a.url, a.author, a.format
		FROM files f JOIN articles a ON a.file = f.id
		ORDER BY f.rel, a.idx`)
	if err != nil {
		return wrap(ctx, "articles", err)
	}
	defer rows.Close()
	var (
		rel, title, source, url, author string
		id, index, dateNS, format       int64
		date, reads                     sql.NullInt64
		tags, folderTags                sql.NullString
	)
	for rows.Next() {
		if err := rows.Scan(&rel, &id, &index, &title, &date, &dateNS, &reads,
			&tags, &folderTags, &source, &url, &author, &format); err != nil {
			return wrap(ctx, "articles", err)
		}
		a := model.Article{
			ID:         model.ID(uint64(id)),
			Rel:        rel,
			Index:      int(index),
			Title:      title,
			Reads:      model.NoReads,
			Tags:       splitTags(tags),
			FolderTags: splitTags(folderTags),
			Source:     source,
			URL:        url,
			Author:     author,
			Format:     model.Format(format),
		}
		if date.Valid {
			a.Date = time.Unix(date.Int64, dateNS).UTC()
		}
		if reads.Valid {
			a.Reads = int(reads.Int64)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return wrap(ctx, "articles", rows.Err())
}

func splitTags(s sql.NullString) []string {
	if !s.Valid {
		return nil
	}
	return strings.Split(s.String, tagSep)
}

// Problems returns the problems stored with the files, in the order of
// their files' Rel and then as they were found. Their Path is the one the
// problem had when it was found.
func (ix *Index) Problems(ctx context.Context) ([]model.Problem, error) {
	rows, err := ix.db.QueryContext(ctx, `SELECT p.path, p.reason, p.loaded
		FROM files f JOIN problems p ON p.file = f.id
		ORDER BY f.rel, p.seq`)
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
