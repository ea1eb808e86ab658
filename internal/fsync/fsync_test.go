package fsync

import (
	"path/filepath"
	"testing"
)

func TestDir(t *testing.T) {
	if err := Dir(t.TempDir()); err != nil {
		t.Errorf("a folder: %v", err)
	}
	if err := Dir(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing folder synced without an error")
	}
}
