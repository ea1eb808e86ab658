package state

import (
	"context"
	"database/sql"
	"slices"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

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
	stored, err := s.lastSeen(ctx)
	if err != nil {
		return 0, err
	}
	p := planReconcile(stored, scope, arts)
	if len(p.refreshes) == 0 && len(p.moves) == 0 {
		return 0, nil
	}
	return s.reconcile(ctx, scope, p)
}

// seen is where the article of a stored state was last seen.
type seen struct{ title, date, scope string }

// sighting is an article of the collection: its Key, title and date.
type sighting struct{ key, title, date string }

// move takes the state stored under the key from to the article to.
type move struct {
	from string
	to   sighting
}

// reconcilePlan is what Reconcile writes: the articles whose title, date
// or scope changed, and the states that move.
type reconcilePlan struct {
	refreshes []sighting
	moves     []move
}

// lastSeen reads where every stored state's article was last seen, by key.
func (s *Store) lastSeen(ctx context.Context) (map[string]seen, error) {
	stored, err := sqlitedb.Map(ctx, s.db, `SELECT key, title, date, scope FROM marks`, nil,
		func(rows *sql.Rows) (k string, r seen, err error) {
			err = rows.Scan(&k, &r.title, &r.date, &r.scope)
			return k, r, err
		})
	return stored, wrap(ctx, "read marks", err)
}

// planReconcile compares the stored states with the collection's articles
// (see Reconcile). It keeps no map as large as the collection: the states
// are few beside the articles of a large collection, and the articles
// without state are only looked at for the titles and dates of states
// gone, usually none.
func planReconcile(stored map[string]seen, scope string, arts []model.Article) reconcilePlan {
	var p reconcilePlan
	present := make(map[string]bool, len(stored)) // the stored keys an article has
	for i := range arts {
		a := &arts[i]
		k := Key(a)
		r, ok := stored[k]
		if !ok || present[k] {
			continue // no state, or its first article was seen
		}
		present[k] = true
		if date := dateOf(a); r.title != a.Title || r.date != date || r.scope != scope {
			p.refreshes = append(p.refreshes, sighting{k, a.Title, date})
		}
	}
	gone := map[string][]string{} // title+date → keys
	for k, r := range stored {
		if !present[k] && r.scope == scope && r.title != "" {
			gone[r.title+"\x00"+r.date] = append(gone[r.title+"\x00"+r.date], k)
		}
	}
	if len(gone) == 0 {
		return p
	}
	targets := map[string][]sighting{} // title+date of a state gone → articles without state
	for i := range arts {
		a := &arts[i]
		if a.Title == "" {
			continue
		}
		date := dateOf(a)
		td := a.Title + "\x00" + date
		if _, ok := gone[td]; !ok {
			continue
		}
		k := Key(a)
		if _, ok := stored[k]; ok || slices.ContainsFunc(targets[td], func(s sighting) bool { return s.key == k }) {
			continue // has a state, or is a copy of an article seen (one Key)
		}
		targets[td] = append(targets[td], sighting{k, a.Title, date})
	}
	for td, keys := range gone {
		if t := targets[td]; len(keys) == 1 && len(t) == 1 {
			p.moves = append(p.moves, move{keys[0], t[0]})
		}
	}
	return p
}

// reconcile writes the plan in one transaction and returns how many
// states moved.
func (s *Store) reconcile(ctx context.Context, scope string, p reconcilePlan) (moved int, err error) {
	err = s.transact(ctx, func(tx *sql.Tx) error {
		for _, r := range p.refreshes {
			if _, err := tx.ExecContext(ctx, `UPDATE marks SET title = ?, date = ?, scope = ? WHERE key = ?`,
				r.title, r.date, scope, r.key); err != nil {
				return wrap(ctx, "update "+r.key, err)
			}
		}
		for _, m := range p.moves {
			// Another process may have marked the target meanwhile: then
			// its own state stays, and the gone one too.
			res, err := tx.ExecContext(ctx, `UPDATE OR IGNORE marks SET key = ?, title = ?, date = ?, scope = ?
				WHERE key = ? AND scope = ?`, m.to.key, m.to.title, m.to.date, scope, m.from, scope)
			if err != nil {
				return wrap(ctx, "move "+m.from, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				moved++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return moved, nil
}
