package library

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testchild"
)

// killEnv names the library of a child of TestKilledFetch (the state is
// in its "state" folder); killEnv+"_GEN" which generation of feeds it
// saves.
const killEnv = "NEWSLINE_LIBRARY_KILL_HELPER"

// killFeed is the URL and folder of feed f of generation gen, and its
// items.
func killFeed(gen, f int) (url, folder string, its []Item) {
	url = fmt.Sprintf("https://feed%d-%d.example.org/rss", gen, f)
	for i := range 10 {
		its = append(its, Item{
			Key:     fmt.Sprintf("%s#%d", url, i),
			Name:    fmt.Sprintf("2026-03-12-item-%d.md", i%7), // names collide in the folder
			Content: fmt.Appendf(nil, "---\nfeed: %s\nguid: %d\n---\n\n%s\n", url, i, strings.Repeat("text ", 200)),
		})
	}
	return url, fmt.Sprintf("Feed %d-%d", gen, f), its
}

// TestKilledFetch kills a process saving feeds (SIGKILL: no deferred
// function, no Close) at random moments, then does what the next fetch
// does — Reconcile, and SaveItems of the same feeds — and checks that
// every feed's folder holds each of its items exactly once, and nothing
// else: nothing lost, nothing duplicated, no temporary file left; and
// that the run after that leaves no intent.
func TestKilledFetch(t *testing.T) {
	kills := 12
	if testing.Short() {
		kills = 5
	}
	lib := t.TempDir()
	stateDir := filepath.Join(lib, "state")
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	recovered, removed := 0, 0
	for gen := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSaver$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), killEnv+"="+lib, killEnv+"_GEN="+strconv.Itoa(gen))
		got := testchild.KillAfter(t, fmt.Sprintf("generation %d", gen), cmd, rnd.IntN(3), time.Duration(rnd.IntN(8000))*time.Microsecond)
		started := 0
		for _, l := range got {
			if strings.HasPrefix(l, "error") || strings.Contains(l, "panic") || strings.Contains(l, "FAIL") {
				t.Fatalf("generation %d: the child failed:\n%s", gen, strings.Join(got, "\n"))
			}
			if rest, ok := strings.CutPrefix(l, "commit "); ok {
				n, _ := strconv.Atoi(rest)
				started = max(started, n+2) // the one after may have begun
			}
		}
		st := openState(t, stateDir)
		r, n, err := Reconcile(ctx, st)
		if err != nil {
			t.Fatalf("after kill %d: Reconcile: %v", gen, err)
		}
		recovered, removed = recovered+len(r), removed+n
		for f := range max(started, 1) {
			url, folder, its := killFeed(gen, f)
			if _, err := SaveItems(ctx, st, lib, url, folder, its, nil); err != nil {
				t.Fatalf("after kill %d: SaveItems: %v", gen, err)
			}
			if got, want := contents(t, filepath.Join(lib, FeedsFolder, folder)), wantContents(its); !reflect.DeepEqual(got, want) {
				t.Fatalf("after kill %d: feed %d holds %d files, want each of its %d items once", gen, f, len(got), len(want))
			}
		}
		// What the last SaveItems put in place stays intended until the
		// next run's Reconcile marks it saved.
		if _, _, err := Reconcile(ctx, st); err != nil {
			t.Fatalf("after kill %d: the next Reconcile: %v", gen, err)
		}
		if p, err := st.Pending(ctx); err != nil || len(p) != 0 {
			t.Fatalf("after kill %d: intents left: %v, %v", gen, p, err)
		}
		st.Close()
	}
	t.Logf("%d kills: %d files found in place and %d temporary files removed by Reconcile", kills, recovered, removed)
}

// TestHelperSaver is the child of TestKilledFetch: it saves the feeds of
// its generation one after another, saying "commit N" after each, until
// it is killed.
func TestHelperSaver(t *testing.T) {
	lib := os.Getenv(killEnv)
	if lib == "" {
		t.Skip("only run by TestKilledFetch")
	}
	gen, _ := strconv.Atoi(os.Getenv(killEnv + "_GEN"))
	st := openState(t, filepath.Join(lib, "state"))
	fmt.Println("open")
	for f := 0; ; f++ {
		url, folder, its := killFeed(gen, f)
		if _, err := SaveItems(ctx, st, lib, url, folder, its, nil); err != nil {
			fmt.Printf("error: feed %d: %v\n", f, err)
			return
		}
		fmt.Printf("commit %d\n", f)
	}
}
