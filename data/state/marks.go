package state

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// columnOf is the column a change sets, and value what it sets it to.
func columnOf(c model.MarkChange) (column string, value bool) {
	switch c {
	case model.MarkRead, model.MarkUnread:
		return "read", c == model.MarkRead
	}
	return "starred", c == model.Star
}

// Undo is what a Set (or an Undo) replaced: the earlier values of the
// articles it changed. Give it to Store.Undo to put them back. The zero
// Undo changes nothing.
type Undo struct {
	column string
	items  []item
}

// Len is the number of articles whose mark the change changed (0 when it
// changed nothing: they were all marked so already).
func (u Undo) Len() int { return len(u.items) }

// item is one article's value of a column, with what a row needs.
type item struct {
	key, title, date string
	value            bool
}

// Marks returns the state of the articles that have one (read or
// starred), by ID; an article missing from the map has the zero
// model.Mark.
// Articles that share a Key (copies of one URL) share their state. It is
// one query, whatever the number of articles. The stored marks are read
// first and the articles looked up in them: there are far fewer marks
// than articles in a large collection, and a map of every article's key
// would be most of the memory a start of 100,000 articles peaks at.
func (s *Store) Marks(ctx context.Context, arts []model.Article) (map[model.ID]model.Mark, error) {
	stored, err := sqlitedb.Map(ctx, s.db, `SELECT key, read, starred FROM marks`, nil,
		func(rows *sql.Rows) (k string, m model.Mark, err error) {
			err = rows.Scan(&k, &m.Read, &m.Starred)
			return k, m, err
		})
	if err != nil {
		return nil, wrap(ctx, "read marks", err)
	}
	marks := map[model.ID]model.Mark{}
	if len(stored) == 0 {
		return marks, nil
	}
	for i := range arts {
		if m, ok := stored[Key(&arts[i])]; ok {
			marks[arts[i].ID] = m
		}
	}
	return marks, nil
}

// ReconcileMarks is Reconcile, then Marks: the marks of a collection just
// read, moves and renames taken into account.
func (s *Store) ReconcileMarks(ctx context.Context, scope string, arts []model.Article) (map[model.ID]model.Mark, error) {
	if _, err := s.Reconcile(ctx, scope, arts); err != nil {
		return nil, err
	}
	return s.Marks(ctx, arts)
}

// Set makes the change to the articles, in one transaction, and returns
// what it replaced. Articles already marked so are left alone (and are not
// in the Undo).
func (s *Store) Set(ctx context.Context, c model.MarkChange, arts []model.Article) (Undo, error) {
	column, value := columnOf(c)
	items := make([]item, 0, len(arts))
	eachKey(arts, func(k string, a *model.Article) {
		items = append(items, item{key: k, title: a.Title, date: dateOf(a), value: value})
	})
	return s.apply(ctx, column, items)
}

// eachKey calls fn with each Key of the articles once, in order, with the
// first article that has it, and returns the keys it saw.
func eachKey(arts []model.Article, fn func(key string, a *model.Article)) map[string]bool {
	seen := make(map[string]bool, len(arts))
	for i := range arts {
		a := &arts[i]
		k := Key(a)
		if seen[k] {
			continue
		}
		seen[k] = true
		fn(k, a)
	}
	return seen
}

// Undo puts back what u replaced, in one transaction, and returns what
// this replaced in turn (to redo). Only the mark the change was about is
// put back: undoing a star leaves the read mark as it is now.
func (s *Store) Undo(ctx context.Context, u Undo) (Undo, error) {
	if len(u.items) == 0 {
		return Undo{}, nil
	}
	return s.apply(ctx, u.column, u.items)
}

// apply sets column to each item's value, and returns the earlier values of
// those it changed.
func (s *Store) apply(ctx context.Context, column string, items []item) (Undo, error) {
	if column != "read" && column != "starred" {
		return Undo{}, fmt.Errorf("state: no column %q", column)
	}
	s.mu.Lock()
	scope := s.scope
	s.mu.Unlock()
	undo := Undo{column: column}
	err := s.transact(ctx, func(tx *sql.Tx) error {
		get, err := tx.PrepareContext(ctx, `SELECT `+column+`, title, date, scope FROM marks WHERE key = ?`)
		if err != nil {
			return wrap(ctx, "prepare", err)
		}
		defer get.Close()
		put, err := tx.PrepareContext(ctx, `INSERT INTO marks (key, read, starred, title, date, scope, changed)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
			ON CONFLICT (key) DO UPDATE SET `+column+` = excluded.`+column+`, changed = excluded.changed`)
		if err != nil {
			return wrap(ctx, "prepare", err)
		}
		defer put.Close()
		drop, err := tx.PrepareContext(ctx, `DELETE FROM marks WHERE key = ? AND read = 0 AND starred = 0`)
		if err != nil {
			return wrap(ctx, "prepare", err)
		}
		defer drop.Close()
		now := time.Now().UnixMilli()
		for _, it := range items {
			var was bool
			var title, date, rowScope string
			switch err := get.QueryRowContext(ctx, it.key).Scan(&was, &title, &date, &rowScope); err {
			case nil:
			case sql.ErrNoRows:
				title, date, rowScope = it.title, it.date, scope
			default:
				return wrap(ctx, "read "+it.key, err)
			}
			if was == it.value {
				continue
			}
			read, starred := it.value && column == "read", it.value && column == "starred"
			if _, err := put.ExecContext(ctx, it.key, read, starred, title, date, rowScope, now); err != nil {
				return wrap(ctx, "write "+it.key, err)
			}
			if !it.value {
				if _, err := drop.ExecContext(ctx, it.key); err != nil {
					return wrap(ctx, "write "+it.key, err)
				}
			}
			undo.items = append(undo.items, item{key: it.key, title: title, date: date, value: was})
		}
		return nil
	})
	if err != nil {
		return Undo{}, err
	}
	return undo, nil
}

// transact runs fn in one transaction, holding s.write, and commits it
// when fn succeeds (see sqlitedb.Errors.Write). fn wraps its own errors.
func (s *Store) transact(ctx context.Context, fn func(*sql.Tx) error) error {
	err := errs.Write(ctx, s.db, &s.write, "begin", "commit", fn)
	if err == nil {
		s.writes.Add(1)
	}
	return err
}

// Writes returns how many write transactions this Store has committed,
// for tests and measurements (data/library keeps a fetch to one per
// feed).
func (s *Store) Writes() int64 { return s.writes.Load() }

// dateOf is the article's date as stored: RFC 3339 in UTC, or "".
func dateOf(a *model.Article) string {
	if !a.HasDate() {
		return ""
	}
	return a.Date.UTC().Format(time.RFC3339Nano)
}

// String describes the undo, for tests and logs.
func (u Undo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "undo %s:", u.column)
	for _, it := range u.items {
		fmt.Fprintf(&b, " %s=%v", it.key, it.value)
	}
	return b.String()
}
