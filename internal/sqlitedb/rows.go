package sqlitedb

import (
	"context"
	"database/sql"
	"sync"
)

// Querier runs a query: *sql.DB, *sql.Conn and *sql.Tx are Queriers.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Each runs the query with its args and calls row with each row it returns,
// to scan it; it stops at row's first error and returns it, else the
// query's own error. The rows are closed when Each returns. Errors are
// returned as they are, for the caller to wrap.
func Each(ctx context.Context, q Querier, query string, args []any, row func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// All runs the query with its args and returns what scan makes of each
// row, in order; on an error (scan's first, or the query's), nil and the
// error as it is, for the caller to wrap.
func All[T any](ctx context.Context, q Querier, query string, args []any, scan func(*sql.Rows) (T, error)) ([]T, error) {
	var out []T
	err := Each(ctx, q, query, args, func(rows *sql.Rows) error {
		v, err := scan(rows)
		out = append(out, v)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Map runs the query with its args and returns what scan makes of each
// row, by the key scan gives it (a later row with the same key wins); an
// empty map when there are no rows. On an error (scan's first, or the
// query's): nil and the error as it is, for the caller to wrap.
func Map[K comparable, V any](ctx context.Context, q Querier, query string, args []any, scan func(*sql.Rows) (K, V, error)) (map[K]V, error) {
	out := map[K]V{}
	err := Each(ctx, q, query, args, func(rows *sql.Rows) error {
		k, v, err := scan(rows)
		out[k] = v
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Write runs fn in one transaction of db (IMMEDIATE, see DSN: it takes
// SQLite's write lock when it begins) and commits it when fn returns
// nil; otherwise the transaction is rolled back and fn's error returned as
// it is. It holds mu throughout, so that this process's writers queue on
// it rather than time out on SQLite's lock. An error of beginning the
// transaction is wrapped (Wrap) with the operation begin, one of
// committing it with commit.
func (e Errors) Write(ctx context.Context, db *sql.DB, mu *sync.Mutex, begin, commit string, fn func(*sql.Tx) error) error {
	mu.Lock()
	defer mu.Unlock()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return e.Wrap(ctx, begin, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return e.Wrap(ctx, commit, tx.Commit())
}
