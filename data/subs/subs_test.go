package subs

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func sample() List {
	return List{Subs: []Sub{
		{Name: "Harbour Gazette", URL: "https://gazette.example/feed.xml", Tags: []string{"News"}},
		{Name: "Comets", URL: "https://comets.example/atom"},
	}}
}

func TestFindAndRemove(t *testing.T) {
	tests := []struct {
		key  string
		want int
	}{
		{"Harbour Gazette", 0},
		{"harbour gazette", 0},
		{"  Comets ", 1},
		{"https://comets.example/atom", 1},
		{"HTTPS://COMETS.example/atom#x", 1},
		{"https://comets.example/atom/", -1},
		{"Gazette", -1},
		{"", -1},
	}
	for _, tt := range tests {
		l := sample()
		if got := l.Find(tt.key); got != tt.want {
			t.Errorf("Find(%q) = %d, want %d", tt.key, got, tt.want)
		}
		removed, ok := l.Remove(tt.key)
		if ok != (tt.want >= 0) || ok && (len(l.Subs) != 1 || removed.Name != sample().Subs[tt.want].Name) {
			t.Errorf("Remove(%q) = %+v, %v; left %+v", tt.key, removed, ok, l.Subs)
		}
	}
}

func TestAdd(t *testing.T) {
	tests := []struct {
		name  string
		add   Sub
		want  Sub
		added bool
		count int
	}{
		{"new", Sub{Name: "Tides", URL: "https://tides.example/rss", Tags: []string{"#Sea", "sea"}},
			Sub{Name: "Tides", URL: "https://tides.example/rss", Tags: []string{"Sea"}}, true, 3},
		{"name taken, any case", Sub{Name: "comets", URL: "https://other.example/comets"},
			Sub{Name: "comets (2)", URL: "https://other.example/comets"}, true, 3},
		{"no name: the host", Sub{URL: "https://plain.example/f"},
			Sub{Name: "plain.example", URL: "https://plain.example/f"}, true, 3},
		{"already there: tags and site merged", Sub{Name: "Other name", URL: "https://GAZETTE.example/feed.xml", Site: "https://gazette.example/", Tags: []string{"news", "Ports"}},
			Sub{Name: "Harbour Gazette", URL: "https://gazette.example/feed.xml", Site: "https://gazette.example/", Tags: []string{"News", "Ports"}}, false, 2},
		{"already there: full text turned on", Sub{URL: "https://comets.example/atom", FullText: true},
			Sub{Name: "Comets", URL: "https://comets.example/atom", FullText: true}, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := sample()
			got, added := l.Add(tt.add)
			if !reflect.DeepEqual(got, tt.want) || added != tt.added || len(l.Subs) != tt.count {
				t.Errorf("got %+v, %v (%d subs), want %+v, %v (%d)", got, added, len(l.Subs), tt.want, tt.added, tt.count)
			}
		})
	}
	l := sample()
	l.Add(Sub{Name: "Comets", URL: "https://a.example/"})
	if got, _ := l.Add(Sub{Name: "Comets", URL: "https://b.example/"}); got.Name != "Comets (3)" {
		t.Errorf("third Comets named %q", got.Name)
	}
	if added, existing := l.Merge(sample().Subs); added != 0 || existing != 2 {
		t.Errorf("Merge of the same: %d added, %d existing", added, existing)
	}
	// A list without full text does not turn it off (an import of an
	// older export, say).
	l.Subs[1].FullText = true
	if got, _ := l.Add(Sub{URL: l.Subs[1].URL}); !got.FullText {
		t.Errorf("Add without full text turned it off: %+v", got)
	}
}

func TestReadWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", FileName)
	if l, err := Read(p); err != nil || len(l.Subs) != 0 {
		t.Fatalf("missing file: %+v, %v", l, err)
	}
	if err := Write(p, sample()); err != nil {
		t.Fatal(err)
	}
	l, err := Read(p)
	if err != nil || len(l.Subs) != 2 || l.Subs[1].Name != "Harbour Gazette" {
		t.Fatalf("read back: %+v, %v", l, err)
	}
	// The file's mode is kept; no temporary file is left.
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, l); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(p)); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only %s", len(entries), FileName)
	}
	// A symbolic link stays a link; its target is written.
	target := filepath.Join(dir, "real.opml")
	link := filepath.Join(dir, "link.opml")
	if err := os.WriteFile(target, []byte("<opml><body/></opml>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, sample()); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); !bytes.Contains(b, []byte("Comets")) {
		t.Errorf("the target was not written: %s", b)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte("<opml>\n<body>\n<outline text=\"a\"\n</body></opml>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(p); err == nil || !strings.HasPrefix(err.Error(), p+":4: not well-formed XML") {
		t.Errorf("got %v", err)
	}
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: got %v", err)
	}
}

func TestPathBeside(t *testing.T) {
	if got := PathBeside(filepath.Join("a", "b", "my.toml")); got != filepath.Join("a", "b", FileName) {
		t.Errorf("got %s", got)
	}
}
