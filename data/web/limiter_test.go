package web

import (
	"context"
	"sync"
	"testing"
)

// TestLimiter starts many fetches to a few hosts, each waiting until all
// that may run at once have started, and counts the most at once.
func TestLimiter(t *testing.T) {
	l := NewLimiter(3, 2)
	var mu sync.Mutex
	running, most := map[string]int{}, map[string]int{}
	total, mostTotal := 0, 0
	var wg sync.WaitGroup
	for i := range 30 {
		host := []string{"a.example", "b.example", "c.example"}[i%3]
		wg.Go(func() {
			release, err := l.Acquire(context.Background(), host)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			running[host]++
			total++
			most[host] = max(most[host], running[host])
			mostTotal = max(mostTotal, total)
			mu.Unlock()
			mu.Lock()
			running[host]--
			total--
			mu.Unlock()
			release()
			release() // twice is once
		})
	}
	wg.Wait()
	if mostTotal > 3 {
		t.Errorf("%d at once, want at most 3", mostTotal)
	}
	for h, n := range most {
		if n > 2 {
			t.Errorf("%s: %d at once, want at most 2", h, n)
		}
	}
	if len(l.hosts) != 0 {
		t.Errorf("hosts left: %v", l.hosts)
	}
}

func TestLimiterBlocksAndCancels(t *testing.T) {
	l := NewLimiter(3, 2)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	r1, _ := l.Acquire(context.Background(), "h")
	r2, _ := l.Acquire(context.Background(), "h")
	if _, err := l.Acquire(cancelled, "h"); err == nil {
		t.Error("a third slot for one host was given")
	}
	r3, err := l.Acquire(context.Background(), "other")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Acquire(cancelled, "third"); err == nil {
		t.Error("a fourth slot in all was given")
	}
	r1()
	r4, err := l.Acquire(context.Background(), "h")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []func(){r2, r3, r4} {
		r()
	}
	if len(l.hosts) != 0 || len(l.all) != 0 {
		t.Errorf("slots left: %v, %d", l.hosts, len(l.all))
	}
}
