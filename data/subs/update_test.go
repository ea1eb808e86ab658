package subs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestUpdateSerializes: changes made at once (as by two feed commands)
// all land, none written over another's.
func TestUpdateSerializes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conf", FileName)
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			err := Update(context.Background(), path, func(l *List) (bool, error) {
				l.Add(Sub{Name: fmt.Sprintf("Feed %d", i), URL: fmt.Sprintf("https://feeds.example/%d", i)})
				return true, nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	l, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Subs) != 12 {
		t.Errorf("%d subscriptions after 12 changes at once: %+v", len(l.Subs), l.Subs)
	}
}

// TestUpdateWritesOnlyWhenAsked: change's answer decides the write; its
// error stops it; an unreadable file is a *ReadError and stays as it was.
func TestUpdateWritesOnlyWhenAsked(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	add := func(l *List) (bool, error) {
		l.Add(Sub{Name: "Gazette", URL: "https://gazette.example/rss"})
		return false, nil
	}
	if err := Update(context.Background(), path, add); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("written though change said not to: %v", err)
	}
	stop := errors.New("stop")
	if err := Update(context.Background(), path, func(l *List) (bool, error) { return true, stop }); !errors.Is(err, stop) {
		t.Errorf("change's error: %v", err)
	}
	broken := []byte("<opml><body><outline")
	os.WriteFile(path, broken, 0o644)
	var re *ReadError
	if err := Update(context.Background(), path, add); !errors.As(err, &re) {
		t.Errorf("an unreadable file: %v, want *ReadError", err)
	}
	if b, _ := os.ReadFile(path); string(b) != string(broken) {
		t.Errorf("the unreadable file changed: %q", b)
	}
}
