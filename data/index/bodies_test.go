package index

import (
	"context"
	"testing"

	"github.com/newsline/newsline/model"
)

// pageChange is a file of one article whose body is stored, as data does
// for a saved web page.
func pageChange(rel string, size int64, title, body string) FileChange {
	a := model.Article{ID: model.NewID(rel, 0), Rel: rel, Title: title, Reads: model.NoReads, Format: model.FormatMarkdown}
	return FileChange{Rel: rel, Size: size, ModTime: 1_700_000_000_000_000_000,
		Articles: []model.Article{a}, Bodies: map[int]string{0: body}, TextLater: true}
}

func TestStoredFollowsTheFile(t *testing.T) {
	ix, _ := openTemp(t)
	ctx := context.Background()
	plain := FileChange{Rel: "notes.md", Size: 5, Articles: []model.Article{{ID: 9, Rel: "notes.md", Title: "Notes", Body: "kept nowhere"}}}
	apply(t, ix, []FileChange{pageChange("tide.html", 4096, "Tide tables", "The spring tide comes at dawn."), plain})
	steps := []struct {
		name    string
		changes []FileChange
		rel     string
		want    string // the stored body, "" for none
		size    int64
	}{
		{"stored with its file", nil, "tide.html", "The spring tide comes at dawn.", 4096},
		{"a file without bodies has none", nil, "notes.md", "", 0},
		{"an unknown file has none", nil, "gone.html", "", 0},
		{"a change replaces it", []FileChange{pageChange("tide.html", 5000, "Tide tables", "The neap tide comes at noon.")}, "tide.html", "The neap tide comes at noon.", 5000},
		{"a change without bodies drops it", []FileChange{{Rel: "tide.html", Size: 6, Articles: []model.Article{{ID: 3, Rel: "tide.html", Title: "T"}}}}, "tide.html", "", 0},
		{"stored again", []FileChange{pageChange("tide.html", 7000, "Tide tables", "Again.")}, "tide.html", "Again.", 7000},
		{"a deleted file has none", []FileChange{{Rel: "tide.html", Deleted: true}}, "tide.html", "", 0},
	}
	for _, step := range steps {
		apply(t, ix, step.changes)
		got, err := Stored(ctx, ix, step.rel)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		switch {
		case step.want == "" && len(got.Articles) != 0:
			t.Errorf("%s: stored %+v, want none", step.name, got.Articles)
		case step.want == "":
		case len(got.Articles) != 1 || got.Articles[0].Body != step.want || got.Articles[0].Title != "Tide tables":
			t.Errorf("%s: stored %+v, want the body %q", step.name, got.Articles, step.want)
		case got.Stat != (FileStat{Size: step.size, ModTime: 1_700_000_000_000_000_000}):
			t.Errorf("%s: stat %+v, want size %d", step.name, got.Stat, step.size)
		}
	}
	// A stored body is no part of the warm start's records.
	for _, a := range all(t, ix) {
		if a.Body != "" {
			t.Errorf("%s has a body in its record", a.Rel)
		}
	}
}
