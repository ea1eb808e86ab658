package state

import (
	"context"
	"testing"
)

// TestWrites counts the write transactions committed, and only those: a
// transaction that fails and a read count nothing.
func TestWrites(t *testing.T) {
	s := open(t, t.TempDir())
	if n := s.Writes(); n != 0 {
		t.Errorf("a new Store counts %d writes", n)
	}
	if err := s.RecordFetch(ctx, feedURL, Fetch{At: t0}); err != nil {
		t.Fatal(err)
	}
	if err := s.ResetFeed(ctx, feedURL); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Feed(ctx, feedURL); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.ResetFeed(cancelled, feedURL); err == nil {
		t.Error("a cancelled transaction succeeded")
	}
	if n := s.Writes(); n != 2 {
		t.Errorf("Writes = %d, want 2", n)
	}
}
