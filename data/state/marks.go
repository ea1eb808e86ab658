package state

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/newsline/newsline/model"
)

// Mark is an article's state. The zero Mark — unread, not starred — is
// what an article without stored state has.
type Mark struct {
	Read    bool
	Starred bool
}

// Change is one of the changes Set makes.
type Change uint8

// The changes.
const (
	MarkRead Change = iota
	MarkUnread
	Star
	Unstar
)

// Changes are the changes by their names, as the CLI takes them.
var Changes = []Change{MarkRead, MarkUnread, Star, Unstar}

// String names the change: read, unread, star, unstar.
func (c Change) String() string {
	switch c {
	case MarkRead:
		return "read"
	case MarkUnread:
		return "unread"
	case Star:
		return "star"
	case Unstar:
		return "unstar"
	}
	return "change(" + fmt.Sprint(uint8(c)) + ")"
}

// ParseChange returns the change named s (read, unread, star, unstar).
func ParseChange(s string) (Change, error) {
	for _, c := range Changes {
		if c.String() == s {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown mark %q: use read, unread, star or unstar", s)
}

// column is the column a change sets, and value what it sets it to.
func (c Change) column() (column string, value bool) {
	switch c {
	case MarkRead, MarkUnread:
		return "read", c == MarkRead
	}
	return "starred", c == Star
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
// starred), by ID; an article missing from the map has the zero Mark.
// Articles that share a Key (copies of one URL) share their state. It is
// one query, whatever the number of articles.
func (s *Store) Marks(ctx context.Context, arts []model.Article) (map[model.ID]Mark, error) {
	byKey := make(map[string][]model.ID, len(arts))
	for i := range arts {
		k := Key(&arts[i])
		byKey[k] = append(byKey[k], arts[i].ID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT key, read, starred FROM marks`)
	if err != nil {
		return nil, wrap(ctx, "read marks", err)
	}
	defer rows.Close()
	marks := map[model.ID]Mark{}
	var key string
	var m Mark
	for rows.Next() {
		if err := rows.Scan(&key, &m.Read, &m.Starred); err != nil {
			return nil, wrap(ctx, "read marks", err)
		}
		for _, id := range byKey[key] {
			marks[id] = m
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(ctx, "read marks", err)
	}
	return marks, nil
}

// ReconcileMarks is Reconcile, then Marks: the marks of a collection just
// read, moves and renames taken into account.
func (s *Store) ReconcileMarks(ctx context.Context, scope string, arts []model.Article) (map[model.ID]Mark, error) {
	if _, err := s.Reconcile(ctx, scope, arts); err != nil {
		return nil, err
	}
	return s.Marks(ctx, arts)
}

// Set makes the change to the articles, in one transaction, and returns
// what it replaced. Articles already marked so are left alone (and are not
// in the Undo).
func (s *Store) Set(ctx context.Context, c Change, arts []model.Article) (Undo, error) {
	column, value := c.column()
	items := make([]item, 0, len(arts))
	seen := make(map[string]bool, len(arts))
	for i := range arts {
		a := &arts[i]
		k := Key(a)
		if seen[k] {
			continue
		}
		seen[k] = true
		items = append(items, item{key: k, title: a.Title, date: dateOf(a), value: value})
	}
	return s.apply(ctx, column, items)
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
	s.write.Lock()
	defer s.write.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Undo{}, wrap(ctx, "begin", err)
	}
	defer tx.Rollback()
	get, err := tx.PrepareContext(ctx, `SELECT `+column+`, title, date, scope FROM marks WHERE key = ?`)
	if err != nil {
		return Undo{}, wrap(ctx, "prepare", err)
	}
	defer get.Close()
	put, err := tx.PrepareContext(ctx, `INSERT INTO marks (key, read, starred, title, date, scope, changed)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
		ON CONFLICT (key) DO UPDATE SET `+column+` = excluded.`+column+`, changed = excluded.changed`)
	if err != nil {
		return Undo{}, wrap(ctx, "prepare", err)
	}
	defer put.Close()
	drop, err := tx.PrepareContext(ctx, `DELETE FROM marks WHERE key = ? AND read = 0 AND starred = 0`)
	if err != nil {
		return Undo{}, wrap(ctx, "prepare", err)
	}
	defer drop.Close()
	now := time.Now().UnixMilli()
	undo := Undo{column: column}
	for _, it := range items {
		var was bool
		var title, date, rowScope string
		switch err := get.QueryRowContext(ctx, it.key).Scan(&was, &title, &date, &rowScope); err {
		case nil:
		case sql.ErrNoRows:
			title, date, rowScope = it.title, it.date, scope
		default:
			return Undo{}, wrap(ctx, "read "+it.key, err)
		}
		if was == it.value {
			continue
		}
		read, starred := it.value && column == "read", it.value && column == "starred"
		if _, err := put.ExecContext(ctx, it.key, read, starred, title, date, rowScope, now); err != nil {
			return Undo{}, wrap(ctx, "write "+it.key, err)
		}
		if !it.value {
			if _, err := drop.ExecContext(ctx, it.key); err != nil {
				return Undo{}, wrap(ctx, "write "+it.key, err)
			}
		}
		undo.items = append(undo.items, item{key: it.key, title: title, date: date, value: was})
	}
	if err := tx.Commit(); err != nil {
		return Undo{}, wrap(ctx, "commit", err)
	}
	return undo, nil
}

// Reconcile brings the stored state up to date with a collection just
// loaded — all its articles, under its scope (see Scope) — in one
// transaction, and returns how many articles' state moved:
//
//   - an article with state has its title, date and scope recorded as they
//     are now (so an article edited in place keeps its state, and is
//     recognised by its new title after a later move);
//   - state last seen in this scope whose key is gone (a file moved or
//     renamed, a URL edited) moves to the article of the same title and
//     date that has no state, when there is exactly one such article and
//     exactly one such gone state; an ambiguous match moves nothing.
//
// State last seen in another scope is never moved (another collection may
// still hold its article). Reconcile also makes scope the one Set stamps
// on new rows.
func (s *Store) Reconcile(ctx context.Context, scope string, arts []model.Article) (moved int, err error) {
	s.mu.Lock()
	s.scope = scope
	s.mu.Unlock()

	type row struct{ title, date, scope string }
	rows, err := s.db.QueryContext(ctx, `SELECT key, title, date, scope FROM marks`)
	if err != nil {
		return 0, wrap(ctx, "read marks", err)
	}
	stored := map[string]row{}
	for rows.Next() {
		var k string
		var r row
		if err := rows.Scan(&k, &r.title, &r.date, &r.scope); err != nil {
			rows.Close()
			return 0, wrap(ctx, "read marks", err)
		}
		stored[k] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, wrap(ctx, "read marks", err)
	}

	type refresh struct{ key, title, date string }
	var refreshes []refresh
	present := make(map[string]bool, len(arts))
	targets := map[string][]refresh{} // title+date → articles without state
	for i := range arts {
		a := &arts[i]
		k := Key(a)
		if present[k] {
			continue
		}
		present[k] = true
		date := dateOf(a)
		r, ok := stored[k]
		switch {
		case !ok:
			if a.Title != "" {
				targets[a.Title+"\x00"+date] = append(targets[a.Title+"\x00"+date], refresh{k, a.Title, date})
			}
		case r.title != a.Title || r.date != date || r.scope != scope:
			refreshes = append(refreshes, refresh{k, a.Title, date})
		}
	}
	gone := map[string][]string{} // title+date → keys
	for k, r := range stored {
		if !present[k] && r.scope == scope && r.title != "" {
			gone[r.title+"\x00"+r.date] = append(gone[r.title+"\x00"+r.date], k)
		}
	}
	type move struct {
		from string
		to   refresh
	}
	var moves []move
	for td, keys := range gone {
		if t := targets[td]; len(keys) == 1 && len(t) == 1 {
			moves = append(moves, move{keys[0], t[0]})
		}
	}
	if len(refreshes) == 0 && len(moves) == 0 {
		return 0, nil
	}

	s.write.Lock()
	defer s.write.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, wrap(ctx, "begin", err)
	}
	defer tx.Rollback()
	for _, r := range refreshes {
		if _, err := tx.ExecContext(ctx, `UPDATE marks SET title = ?, date = ?, scope = ? WHERE key = ?`,
			r.title, r.date, scope, r.key); err != nil {
			return 0, wrap(ctx, "update "+r.key, err)
		}
	}
	for _, m := range moves {
		// Another process may have marked the target meanwhile: then its
		// own state stays, and the gone one too.
		res, err := tx.ExecContext(ctx, `UPDATE OR IGNORE marks SET key = ?, title = ?, date = ?, scope = ?
			WHERE key = ? AND scope = ?`, m.to.key, m.to.title, m.to.date, scope, m.from, scope)
		if err != nil {
			return 0, wrap(ctx, "move "+m.from, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			moved++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, wrap(ctx, "commit", err)
	}
	return moved, nil
}

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
