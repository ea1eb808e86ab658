package errtext

import (
	"strings"
	"testing"
)

func TestNearest(t *testing.T) {
	names := []string{"paths", "theme", "sort", "tag_match", "date_format", "quit", "quite"}
	for in, want := range map[string]string{
		"them":  "theme", // a typo
		"quitt": "quit",  // the first of two at the same distance
		"date":  "date_format",
		"xyz":   "", // nothing close, and no name starts with it
		"so":    "", // too short to guess from
		"":      "",
	} {
		if got := Nearest(in, names); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	if got := Clip("short"); got != "short" {
		t.Errorf("Clip(short) = %q", got)
	}
	long := strings.Repeat("a", 99) + "é" + "tail" // é straddles byte 100
	if got := Clip(long); got != strings.Repeat("a", 99)+"…" {
		t.Errorf("Clip cut inside a character: %q", got)
	}
	if got := Clip(strings.Repeat("b", 100)); len(got) != 100 {
		t.Errorf("Clip of exactly 100 bytes changed it: %q", got)
	}
}
