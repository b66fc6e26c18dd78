package store

import (
	"context"
	"fmt"
	"os"
)

// CheckpointBytes is the write-ahead log size above which
// CheckpointIfLarge checkpoints (64 MiB). SQLite's automatic checkpoints
// copy the log back into the file but never shrink it, and a checkpoint
// never completes while readers keep using old snapshots: the log of a
// busy store grows without bound.
const CheckpointBytes = 64 << 20

// Checkpoint copies the write-ahead log into the store file and truncates
// the log to zero bytes (PRAGMA wal_checkpoint(TRUNCATE)). It waits for
// writers (up to BusyTimeout) and returns an error when readers still hold
// old snapshots, leaving the log for a later checkpoint. Call it after
// large writes (a batch ingest). Cost: writes the log's pages into the file
// and syncs it.
//
// PostgreSQL manages its own log: there Checkpoint does nothing.
func (d *DB) Checkpoint(ctx context.Context) error {
	if d.pg {
		return nil
	}
	var busy, logPages, done int
	if err := d.sql.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logPages, &done); err != nil {
		return fmt.Errorf("store %s: checkpoint: %w", d.path, err)
	}
	if busy != 0 {
		return fmt.Errorf("store %s: checkpoint: readers still use the log (%d of %d pages copied); it is kept for a later checkpoint", d.path, done, logPages)
	}
	return nil
}

// WALBytes is the size of the store's write-ahead log file (0 when there
// is none).
func (d *DB) WALBytes() int64 {
	if d.pg {
		return 0
	}
	fi, err := os.Stat(d.path + "-wal")
	if err != nil {
		return 0
	}
	return fi.Size()
}

// CheckpointIfLarge checkpoints (Checkpoint) when the write-ahead log is
// over CheckpointBytes, and reports whether it did.
func (d *DB) CheckpointIfLarge(ctx context.Context) (bool, error) {
	if d.WALBytes() <= CheckpointBytes {
		return false, nil
	}
	return true, d.Checkpoint(ctx)
}
