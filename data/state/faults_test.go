package state

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testchild"
	"github.com/newsline/newsline/model"
)

// helperEnv names the state folder a child of TestKilledWriter writes;
// helperEnv+"_GEN" which generation of writes it makes.
const helperEnv = "NEWSLINE_STATE_FAULT_HELPER"

// batch is the number of articles one step marks, in one transaction: a
// step written half would show as a batch partly marked.
const batch = 25

// stepArticles are the articles step n of generation gen marks.
func stepArticles(gen, n int) []model.Article {
	arts := make([]model.Article, batch)
	for i := range arts {
		arts[i] = art(fmt.Sprintf("g%d/s%d.jsonl", gen, n), i, "T", "", "")
	}
	return arts
}

// TestKilledWriter kills a process writing marks (SIGKILL: no deferred
// function, no Close) at random moments, many times, and opens the state
// after each kill: it opens, holds every step the child reported
// committed, and at most the one after it, whole; never part of a step.
func TestKilledWriter(t *testing.T) {
	kills := 20
	if testing.Short() {
		kills = 8
	}
	dir := filepath.Join(t.TempDir(), "state")
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	committed := map[int]int{} // generation → steps it holds
	for gen := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperStateWriter$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), helperEnv+"="+dir, helperEnv+"_GEN="+strconv.Itoa(gen))
		got := testchild.KillAfter(t, fmt.Sprintf("generation %d", gen), cmd, rnd.IntN(5), time.Duration(rnd.IntN(10_000))*time.Microsecond)
		reported := 0
		for _, l := range got {
			if strings.HasPrefix(l, "error") || strings.Contains(l, "panic") || strings.Contains(l, "FAIL") {
				t.Fatalf("generation %d: the child failed:\n%s", gen, strings.Join(got, "\n"))
			}
			if rest, ok := strings.CutPrefix(l, "commit "); ok {
				n, _ := strconv.Atoi(rest)
				reported = max(reported, n+1)
			}
		}

		s, err := Open(dir)
		if err != nil {
			t.Fatalf("after kill %d (%d steps reported): Open: %v", gen, reported, err)
		}
		// Every step of every generation so far: whole or absent, and
		// present for every step reported.
		for g := 0; g <= gen; g++ {
			held := 0
			for n := 0; ; n++ {
				m, err := s.Marks(ctx, stepArticles(g, n))
				if err != nil {
					t.Fatalf("after kill %d: Marks: %v", gen, err)
				}
				if len(m) != 0 && len(m) != batch {
					t.Fatalf("after kill %d: generation %d step %d is written half: %d of %d marks", gen, g, n, len(m), batch)
				}
				if len(m) == 0 {
					break
				}
				held++
			}
			want := committed[g]
			if g == gen {
				want = reported
				if held == reported+1 { // committed before it could say so
					want = held
				}
				committed[g] = want
			}
			if held != want {
				t.Fatalf("after kill %d: generation %d holds %d steps, want %d", gen, g, held, want)
			}
		}
		// It still takes writes.
		if _, err := s.Set(ctx, model.Star, []model.Article{art("after.txt", gen, "T", "", "")}); err != nil {
			t.Fatalf("after kill %d: Set: %v", gen, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	total := 0
	for _, n := range committed {
		total += n
	}
	t.Logf("%d kills, %d steps committed in all", kills, total)
}

// TestHelperStateWriter is the child of TestKilledWriter: it marks batches
// of articles read, one transaction each, saying "commit N" after each,
// until it is killed.
func TestHelperStateWriter(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("only run by TestKilledWriter")
	}
	gen, _ := strconv.Atoi(os.Getenv(helperEnv + "_GEN"))
	s, err := Open(dir)
	if err != nil {
		fmt.Printf("error: open: %v\n", err)
		return
	}
	fmt.Println("open")
	for n := 0; ; n++ {
		if _, err := s.Set(ctx, model.MarkRead, stepArticles(gen, n)); err != nil {
			fmt.Printf("error: step %d: %v\n", n, err)
			return
		}
		fmt.Printf("commit %d\n", n)
	}
}
