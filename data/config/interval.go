package config

import (
	"strings"
	"time"
)

// MinFetchInterval is the shortest fetch_interval: feeds are not fetched
// in the background more often than this.
const MinFetchInterval = time.Minute

const intervalHint = `use a duration of at least 1m such as "30m" or "2h", or "0" for never`

// fetchInterval checks fetch_interval: a Go duration ("30m", "1h30m") of
// at least MinFetchInterval, or "0" (and "off") for no background fetch.
func (l *loader) fetchInterval(v string) {
	s := strings.TrimSpace(v)
	if s == "0" || strings.EqualFold(s, "off") {
		l.cfg.FetchInterval = 0
		return
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		l.fail("fetch_interval", intervalHint, "%q is not a duration", v)
	case d < MinFetchInterval:
		l.fail("fetch_interval", intervalHint, "%q is less than a minute", v)
	default:
		l.cfg.FetchInterval = d
	}
}

// formatInterval writes an interval as fetch_interval reads it: "30m",
// "1h", "1h30m", "0" for none.
func formatInterval(d time.Duration) string {
	if d <= 0 {
		return "0"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
