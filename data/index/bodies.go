package index

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// StoredFile is what the index holds of a file whose bodies it stored
// (FileChange.Bodies): the file as it was when it was read, and its
// articles with those bodies.
type StoredFile struct {
	Stat FileStat
	// Articles are the file's articles that have a stored body, in the
	// order of their Index, as Articles gives them (no Path) but with
	// their Body.
	Articles []model.Article
}

// Stored returns the articles of the file rel that have a stored body,
// and the file's stat when they were stored, so that the caller can tell
// whether the file is still as it was; no articles when the index stored
// no body for it. It reads through statements prepared once, so that many
// goroutines may call it at once (the full-text pass does, a file each).
//
// It is a function rather than a method of Index, whose method set is
// kept small.
func Stored(ctx context.Context, ix *Index, rel string) (StoredFile, error) {
	var out StoredFile
	err := sqlitedb.Each(ctx, &ix.reads, `SELECT f.size, f.mtime, a.rec, b.body
		FROM files f JOIN articles a ON a.rel = f.rel JOIN bodies b ON b.rel = a.rel AND b.idx = a.idx
		WHERE f.rel = ? ORDER BY a.idx`, []any{rel},
		func(rows *sql.Rows) error {
			var rec sql.RawBytes
			var body string
			if err := rows.Scan(&out.Stat.Size, &out.Stat.ModTime, &rec, &body); err != nil {
				return err
			}
			a, _, err := decodeRecord(string(rec)) // a copy: rec is reused
			if err != nil {
				return fmt.Errorf("%w: %w", ErrCorrupt, err)
			}
			a.Body = body
			out.Articles = append(out.Articles, a)
			return nil
		})
	if err != nil {
		return StoredFile{}, wrap(ctx, "stored "+rel, err)
	}
	return out, nil
}
