package config

import (
	"strings"
	"testing"
	"time"
)

func TestLoadFetchInterval(t *testing.T) {
	tests := []struct {
		text string
		want time.Duration
	}{
		{"", 0},
		{`fetch_interval = "30m"`, 30 * time.Minute},
		{`fetch_interval = "1m"`, time.Minute},
		{`fetch_interval = "1h30m"`, 90 * time.Minute},
		{`fetch_interval = " 2h "`, 2 * time.Hour},
		{`fetch_interval = "0"`, 0},
		{`fetch_interval = "off"`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "config.toml", tt.text)
			cfg, src, err := Load(p, true)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.FetchInterval != tt.want {
				t.Errorf("FetchInterval = %v, want %v", cfg.FetchInterval, tt.want)
			}
			if from := src.Of("fetch_interval"); (tt.text == "") != (from == SourceDefault) {
				t.Errorf("source %q", from)
			}
		})
	}
}

func TestLoadFetchIntervalInvalid(t *testing.T) {
	const hint = ` (use a duration of at least 1m such as "30m" or "2h", or "0" for never)`
	tests := []struct{ text, want string }{
		{"\nfetch_interval = \"30\"", `config FILE:2: fetch_interval: "30" is not a duration` + hint},
		{`fetch_interval = "half an hour"`, `config FILE:1: fetch_interval: "half an hour" is not a duration` + hint},
		{`fetch_interval = "30s"`, `config FILE:1: fetch_interval: "30s" is less than a minute` + hint},
		{`fetch_interval = "-1h"`, `config FILE:1: fetch_interval: "-1h" is less than a minute` + hint},
		{`fetch_interval = 30`, `config FILE:1: fetch_interval: wrong type: want a string, got integer (write fetch_interval = "30m")`},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "config.toml", tt.text)
			_, _, err := Load(p, true)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			if want := strings.ReplaceAll(tt.want, "FILE", p); err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
		})
	}
}

func TestFormatFetchInterval(t *testing.T) {
	for _, d := range []time.Duration{0, time.Minute, 30 * time.Minute, time.Hour, 90 * time.Minute, 25 * time.Hour, time.Minute + 30*time.Second} {
		dir := t.TempDir()
		cfg := Default()
		cfg.FetchInterval = d
		out := Format(cfg, Sources{})
		if !strings.Contains(out, "fetch_interval = ") {
			t.Fatalf("no fetch_interval:\n%s", out)
		}
		again, _, err := Load(writeFile(t, dir, "config.toml", out), true)
		if err != nil {
			t.Fatalf("%v: the output does not load: %v\n%s", d, err, out)
		}
		if again.FetchInterval != d {
			t.Errorf("%v: read back as %v", d, again.FetchInterval)
		}
	}
	for d, want := range map[time.Duration]string{0: "0", 30 * time.Minute: "30m", time.Hour: "1h", 90 * time.Minute: "1h30m", 61 * time.Second: "1m1s"} {
		if got := formatInterval(d); got != want {
			t.Errorf("formatInterval(%v) = %q, want %q", d, got, want)
		}
	}
	if out := Format(Default(), Sources{}); !strings.Contains(out, "fetch_interval = \"0\"  # default\n") {
		t.Errorf("defaults:\n%s", out)
	}
}
