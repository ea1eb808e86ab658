package glamourstyle

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name, in, err string
	}{
		{"a style", `{"h1": {"color": "#abcdef", "bold": true}, "link": {"underline": true}}`, ""},
		{"empty object", "{}", ""},
		{"byte order mark", "\uFEFF{}", ""},
		{"empty", " \n", "empty"},
		{"null", "null", "not a JSON object"},
		{"list", "[]", "not a JSON object"},
		{"TOML", "[h1]\ncolor = 1", "not a JSON object"},
		{"broken", `{"h1": {"color": }`, "invalid JSON at byte"},
		{"cut short", `{"h1": {"color": "#fff"`, "ends before the object is closed"},
		{"wrong type", `{"h1": {"color": 12}}`, "cannot unmarshal"},
		{"text after", `{} {}`, "text after the JSON object"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("error %v, want one with %q", err, tt.err)
			}
		})
	}
}
