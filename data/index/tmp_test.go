package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

func TestTmpBuild(t *testing.T) {
	if os.Getenv("TMPB") == "" {
		t.Skip()
	}
	arts := benchArticles(20000, 1000, 10000)
	batch, _ := strconv.Atoi(os.Getenv("BATCH"))
	for _, pragma := range []string{""} {
		path := filepath.Join(t.TempDir(), "b.db")
		ix, _, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		ix.db.SetMaxOpenConns(1)
		switch pragma {
		case "cache_size=-32000":
			ix.db.Exec("PRAGMA cache_size=-32000")
		case "automerge8":
			ix.db.Exec("INSERT INTO words(words, rank) VALUES ('automerge', 8)")
		case "automerge8 cache":
			ix.db.Exec("PRAGMA cache_size=-32000")
			ix.db.Exec("INSERT INTO words(words, rank) VALUES ('automerge', 8)")
		}
		start := time.Now()
		for chunk := range slices.Chunk(files(arts), batch) {
			if err := ix.Apply(context.Background(), chunk); err != nil {
				t.Fatal(err)
			}
		}
		d := time.Since(start)
		ix.Close()
		fmt.Printf("batch %d %-20s %.2fs %.1fMB\n", batch, pragma, d.Seconds(), fileSize(path))
	}
}
