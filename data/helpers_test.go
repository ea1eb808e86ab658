package data

import (
	"reflect"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

func mustDate(t testing.TB, s string) time.Time {
	t.Helper()
	d, ok := parseDate(s)
	if !ok {
		t.Fatalf("bad date %q", s)
	}
	return d
}

func equalArticles(a, b model.Article) bool { return reflect.DeepEqual(a, b) }

func equalProblems(a, b []model.Problem) bool {
	return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b)
}
