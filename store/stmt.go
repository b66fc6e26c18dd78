package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxStmts bounds the prepared-statement cache. The store's statements
// are a fixed set, but IN lists give one text per list length.
const maxStmts = 512

// stmtCache keeps prepared statements by SQL text, so that the hot
// statements of Put and of the story clusterer are parsed once per
// connection instead of once per call (parsing was a tenth of Put's CPU).
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st
	}
	if len(c.m) >= maxStmts {
		return nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the caller runs the query unprepared and gets the error
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// cq is a querier that runs statements prepared once, on the database or
// inside tx when tx is not nil. Statements use ? placeholders, rebound for
// PostgreSQL.
type cq struct {
	db *DB
	tx *sql.Tx
}

func (q cq) raw() querier {
	if q.tx != nil {
		return q.tx
	}
	return q.db.sql
}

func (q cq) stmt(ctx context.Context, query string) *sql.Stmt {
	st := q.db.stmts.get(ctx, q.db.sql, query)
	if st == nil {
		return nil
	}
	if q.tx != nil {
		return q.tx.StmtContext(ctx, st)
	}
	return st
}

func (q cq) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if q.db.pg {
		query = rebind(query)
	}
	if st := q.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return q.raw().ExecContext(ctx, query, args...)
}

func (q cq) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if q.db.pg {
		query = rebind(query)
	}
	if st := q.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return q.raw().QueryContext(ctx, query, args...)
}

func (q cq) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if q.db.pg {
		query = rebind(query)
	}
	if st := q.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return q.raw().QueryRowContext(ctx, query, args...)
}
