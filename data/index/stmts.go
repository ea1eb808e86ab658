package index

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache runs queries through statements prepared once on the
// database, for a query run once per file from many goroutines
// (FileText.Prepare): parsing its SQL on every call took half of its time.
// A *sql.Stmt is safe for concurrent use.
type stmtCache struct {
	mu    sync.Mutex
	db    *sql.DB
	stmts map[string]*sql.Stmt
}

// QueryContext runs query with args through its prepared statement.
func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.mu.Lock()
	s, ok := c.stmts[query]
	if !ok {
		var err error
		if s, err = c.db.PrepareContext(ctx, query); err != nil {
			c.mu.Unlock()
			return nil, err
		}
		if c.stmts == nil {
			c.stmts = map[string]*sql.Stmt{}
		}
		c.stmts[query] = s
	}
	c.mu.Unlock()
	return s.QueryContext(ctx, args...)
}

// reset closes the statements and has new ones prepared on db.
func (c *stmtCache) reset(db *sql.DB) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.stmts {
		s.Close()
	}
	c.db, c.stmts = db, nil
}
