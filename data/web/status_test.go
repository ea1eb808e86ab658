package web

import (
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"0", now, true},
		{" 90 ", now.Add(90 * time.Second), true},
		{"99999999999", now.Add(366 * 24 * time.Hour), true},
		{"Sun, 06 Dec 2026 13:00:00 GMT", now.Add(time.Hour), true},
		{"Sunday, 06-Dec-26 13:00:00 GMT", now.Add(time.Hour), true},
		{"-5", time.Time{}, false},
		{"", time.Time{}, false},
		{"tomorrow", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "Sun, 06 Dec 2026 13:00:00 GMT", "-1", "x"} {
		f.Add(s)
	}
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := retryAfter(s, now); ok && got.IsZero() {
			t.Errorf("retryAfter(%q) = zero time, ok", s)
		}
	})
}
