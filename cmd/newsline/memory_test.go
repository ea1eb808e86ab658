package main

import (
	"testing"

	"github.com/newsline/newsline/model"
)

func TestBudget(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name string
		p    model.Progress
		want int64
	}{
		{"start", model.Progress{}, 80 * mib},
		{"small collection", model.Progress{Articles: 5000, Done: true}, 80 * mib},
		{"100k, warm", model.Progress{Articles: 100000, Done: true}, 80 * mib}, // 60.6 MiB by articles
		{"100k, indexing text", model.Progress{Articles: 100000, Done: true, Indexed: 10, ToIndex: 100000}, 96 * mib},
		{"200k, warm", model.Progress{Articles: 200000, Done: true}, 200000*300 + 32*mib},
		{"1M", model.Progress{Articles: 1000000, Done: true}, 1000000*300 + 32*mib},
	}
	for _, tc := range tests {
		if got := budget(tc.p); got != tc.want {
			t.Errorf("%s: budget %d MiB, want %d MiB", tc.name, got/mib, tc.want/mib)
		}
	}
}
