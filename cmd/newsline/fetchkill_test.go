package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/data/library"
	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/internal/testchild"
)

// fetchKillEnv names the library of a child of TestFetchKilled,
// fetchKillEnv+"_STATE" its state folder (its configuration comes from
// the XDG variable it inherits).
const fetchKillEnv = "NEWSLINE_FETCH_KILL_HELPER"

// killFeeds is how many feeds of 50 items each generation subscribes to.
const killFeeds = 8

// TestFetchKilled kills `fetch` (SIGKILL: no deferred function, no
// Close) at random moments, fetches again, and checks that every feed's
// folder holds each of its items exactly once and nothing else, and that
// the run after that leaves no intent.
func TestFetchKilled(t *testing.T) {
	kills := 6
	if testing.Short() {
		kills = 3
	}
	lib, stateDir := fetchEnv(t)
	srv := newFeedServer(t)
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	for gen := range kills {
		var feeds [][2]string
		for f := range killFeeds {
			feeds = append(feeds, [2]string{fmt.Sprintf("Feed %d-%d", gen, f), fmt.Sprintf("/many/%d-%d", gen, f)})
		}
		subscribe(t, srv, feeds...)
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperFetcher$", "-test.count=1", "-test.v")
		// cliEnv: TestMain keeps the folders; the state's is given, since an
		// init of the tests moves XDG_STATE_HOME.
		cmd.Env = append(os.Environ(), fetchKillEnv+"="+lib, fetchKillEnv+"_STATE="+stateDir, cliEnv+"=1")
		got := testchild.KillAfter(t, fmt.Sprintf("generation %d", gen), cmd, rnd.IntN(4), time.Duration(rnd.IntN(20000))*time.Microsecond)
		for _, l := range got {
			if strings.HasPrefix(l, "error") || strings.Contains(l, "panic") {
				t.Fatalf("generation %d: the child failed:\n%s", gen, strings.Join(got, "\n"))
			}
		}
		if code, _, errOut := runCLI(t, "fetch"); code != 0 {
			t.Fatalf("after kill %d: fetch: exit %d, %s", gen, code, errOut)
		}
		for _, f := range feeds {
			checkOnce(t, filepath.Join(lib, library.FeedsFolder, f[0]), strings.TrimPrefix(f[1], "/many/"))
		}
		st, err := state.Open(stateDir)
		if err != nil {
			t.Fatal(err)
		}
		// What the fetch put in place stays intended until the next
		// run's Reconcile (or the feed's next transaction) marks it saved.
		if _, _, err := library.Reconcile(context.Background(), st); err != nil {
			t.Fatalf("after kill %d: the next Reconcile: %v", gen, err)
		}
		if p, err := st.Pending(context.Background()); err != nil || len(p) != 0 {
			t.Fatalf("after kill %d: intents left: %v, %v", gen, p, err)
		}
		st.Close()
	}
}

// checkOnce checks that dir holds the 50 items of feed n, each once, and
// no other file.
func checkOnce(t *testing.T, dir, n string) {
	t.Helper()
	files := filesUnder(t, dir)
	seen := map[string]bool{}
	for name, content := range files {
		_, rest, _ := strings.Cut(content, "\nguid: ")
		guid, _, _ := strings.Cut(rest, "\n")
		if seen[guid] || !strings.HasPrefix(guid, n+"-") || !strings.HasSuffix(name, ".md") {
			t.Errorf("%s: %s is a copy or not an item (guid %q)", dir, name, guid)
		}
		seen[guid] = true
	}
	if len(seen) != 50 {
		t.Errorf("%s holds %d of the 50 items (%d files)", dir, len(seen), len(files))
	}
}

// TestHelperFetcher is the child of TestFetchKilled: it fetches every
// subscribed feed, saying "commit N" after each, until it is killed.
func TestHelperFetcher(t *testing.T) {
	lib := os.Getenv(fetchKillEnv)
	if lib == "" {
		t.Skip("only run by TestFetchKilled")
	}
	cfg := config.Default()
	cfg.Library = lib
	empty, stateDir := "", os.Getenv(fetchKillEnv+"_STATE")
	common := &common{config: &empty, stateDir: &stateDir, cfg: &cfg}
	fmt.Println("open")
	sum, err := fetchFeeds(context.Background(), common, nil, "", func(done, _, _ int) { fmt.Printf("commit %d\n", done) })
	if err != nil || sum.Failed > 0 {
		fmt.Printf("error: %v %v\n", err, sum.Problems)
		return
	}
	time.Sleep(time.Minute) // ended by the kill
}
