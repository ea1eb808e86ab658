package state

import (
	"fmt"
	"testing"

	"github.com/newsline/newsline/model"
)

// many returns n articles: a third with URLs, the rest in folders, some
// of them records of JSON Lines files.
func many(n int) []model.Article {
	arts := make([]model.Article, n)
	for i := range arts {
		url := ""
		if i%3 == 0 {
			url = fmt.Sprintf("https://news.example.org/2026/%06d-some-headline", i)
		}
		arts[i] = art(fmt.Sprintf("section%d/%06d.txt", i%40, i/7), i%7, fmt.Sprintf("Headline %d", i), "2026-01-02", url)
	}
	return arts
}

// BenchmarkMarks100k loads the state of 100,000 articles, of which half
// are read and a tenth starred, in one call.
func BenchmarkMarks100k(b *testing.B) {
	arts := many(100_000)
	s := open(b, b.TempDir())
	if _, err := s.Reconcile(ctx, "bench", arts); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Set(ctx, model.MarkRead, arts[:50_000]); err != nil {
		b.Fatal(err)
	}
	var starred []model.Article
	for i := 0; i < len(arts); i += 10 {
		starred = append(starred, arts[i])
	}
	if _, err := s.Set(ctx, model.Star, starred); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		m, err := s.Marks(ctx, arts)
		if err != nil {
			b.Fatal(err)
		}
		if len(m) != 55_000 {
			b.Fatalf("%d marks", len(m))
		}
	}
}

// BenchmarkReconcile100k is the Reconcile after a load of 100,000
// articles with 55,000 marked, nothing moved (every start pays it).
func BenchmarkReconcile100k(b *testing.B) {
	arts := many(100_000)
	s := open(b, b.TempDir())
	s.Reconcile(ctx, "bench", arts)
	s.Set(ctx, model.MarkRead, arts[:55_000])
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Reconcile(ctx, "bench", arts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSet1000 marks 1,000 articles read, then unread: two
// transactions.
func BenchmarkSet1000(b *testing.B) {
	arts := many(1000)
	s := open(b, b.TempDir())
	for b.Loop() {
		s.Set(ctx, model.MarkRead, arts)
		s.Set(ctx, model.MarkUnread, arts)
	}
}
