package index

import (
	"errors"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

func TestRecordRoundTrip(t *testing.T) {
	arts := append(sample(), model.Article{
		ID: ^model.ID(0), Rel: "x", Index: 1 << 40, Reads: 1 << 50, Format: model.FormatMarkdown,
		Date: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), Tags: []string{"", "a"},
	}, model.Article{Rel: "y", Reads: model.NoReads, Date: time.Date(-500, 3, 1, 12, 0, 0, 999_999_999, time.UTC)})
	for i, a := range arts {
		rec := encodeRecord(nil, a.Rel, int64(i)*1000, &a)
		got, n, err := decodeRecord(string(rec))
		if err != nil || n != int64(i)*1000 {
			t.Fatalf("article %d: n %d, error %v", i, n, err)
		}
		want := a
		want.Body, want.Path = "", ""
		if !equalArticle(got, want) || !got.Date.Equal(want.Date) {
			t.Errorf("article %d:\n got %#v\nwant %#v", i, got, want)
		}
	}
}

func TestRecordDamaged(t *testing.T) {
	a := sample()[1]
	rec := string(encodeRecord(nil, a.Rel, 7, &a))
	for i := range len(rec) {
		if _, _, err := decodeRecord(rec[:i]); !errors.Is(err, errRecord) {
			t.Errorf("record cut at %d: %v", i, err)
		}
	}
	if _, _, err := decodeRecord(rec + "x"); !errors.Is(err, errRecord) {
		t.Errorf("record with a byte more: %v", err)
	}
}

// FuzzDecodeRecord checks that any bytes decode without a panic, and
// that what decodes encodes to a record that decodes the same.
func FuzzDecodeRecord(f *testing.F) {
	for i, a := range sample() {
		f.Add(encodeRecord(nil, a.Rel, int64(i), &a))
	}
	f.Fuzz(func(t *testing.T, rec []byte) {
		a, n, err := decodeRecord(string(rec))
		if err != nil {
			return
		}
		b, m, err := decodeRecord(string(encodeRecord(nil, a.Rel, n, &a)))
		if err != nil || m != n || !equalArticle(a, b) || !a.Date.Equal(b.Date) {
			t.Fatalf("decoded %#v (%d), re-encoded %#v (%d), %v", a, n, b, m, err)
		}
	})
}
