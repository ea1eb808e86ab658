package index

import (
	"context"
	"testing"
	"unsafe"

	"github.com/newsline/newsline/model"
)

// TestAddTextFolded checks that AddText takes the words folded ahead
// (FileText.Folded) of an article whose title and tags are what the index
// holds, and folds the others itself, from the stored title and tags and
// the body in Bodies.
func TestAddTextFolded(t *testing.T) {
	ix, _ := openTemp(t)
	same := art("a.txt", 0, "harbour", "", "sport")
	renamed := art("a.txt", 1, "council", "", "sport")
	changes := files([]model.Article{same, renamed})
	changes[0].TextLater = true
	apply(t, ix, changes)

	sameNow, renamedNow := same, renamed
	sameNow.Body, renamedNow.Body = "ahead", "ahead"
	renamedNow.Title = "museum" // the file changed between the passes
	text := FileText{
		Rel:    "a.txt",
		Bodies: map[int]string{0: "bodies", 1: "bodies"},
		Folded: map[int]Folded{0: Fold(&sameNow), 1: Fold(&renamedNow)},
	}
	if n, err := ix.AddText(context.Background(), []FileText{text}); err != nil || n != 2 {
		t.Fatalf("AddText = %d, %v; want 2", n, err)
	}
	for q, want := range map[string][]model.ID{
		"ahead":   {same.ID},
		"bodies":  {renamed.ID},
		"harbour": {same.ID},
		"council": {renamed.ID},
		"museum":  nil,
		"sport":   {same.ID, renamed.ID},
	} {
		got := search(t, ix, q)
		if len(got) != len(want) {
			t.Errorf("Search(%q) = %v, want %v", q, got, want)
			continue
		}
		for _, id := range want {
			if _, ok := got[id]; !ok {
				t.Errorf("Search(%q) = %v, want %v", q, got, want)
			}
		}
	}
}

// TestBulkText checks that a bulk run stops FTS5's merges, that its end
// merges and restores them, and that ending without a start does nothing.
func TestBulkText(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	automerge := func() (v int) {
		t.Helper()
		err := ix.db.QueryRowContext(ctx, `SELECT coalesce((SELECT v FROM words_config WHERE k = 'automerge'), -1)`).Scan(&v)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := ix.EndBulkText(ctx); err != nil || automerge() != -1 {
		t.Fatalf("EndBulkText without a start: %v, automerge %d", err, automerge())
	}
	if err := ix.StartBulkText(ctx); err != nil || automerge() != 0 {
		t.Fatalf("StartBulkText: %v, automerge %d", err, automerge())
	}
	a := art("a.txt", 0, "harbour", "council")
	apply(t, ix, files([]model.Article{a}))
	if err := ix.EndBulkText(ctx); err != nil || automerge() != 4 {
		t.Fatalf("EndBulkText: %v, automerge %d", err, automerge())
	}
	if got := search(t, ix, "counc"); len(got) != 1 {
		t.Errorf("Search after EndBulkText = %v, want %v", got, a.ID)
	}
}

func TestFoldKeepsNoPartOfTheFile(t *testing.T) {
	// Parsers give titles and tags that are parts of the file's text: the
	// words waiting to be written must not keep the whole file alive.
	file := "Title of it\n\n#one #two\n\nThe body."
	a := model.Article{Title: file[:11], Tags: []string{file[14:17], file[19:22]}, FolderTags: []string{file[:5]}, Body: file[24:]}
	f := Fold(&a)
	if !f.matches(&a) {
		t.Fatalf("Fold(a) does not match a")
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(file)))
	for _, s := range append([]string{f.title}, append(f.tags, f.folderTags...)...) {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= start && p < start+uintptr(len(file)) {
			t.Errorf("Folded keeps %q, a part of the file's text", s)
		}
	}
}

// TestAddTextPrepared checks that a file Prepared on a worker is written as
// one that is not, and that an article rewritten between Prepare and
// AddText keeps waiting: its words are of the version before.
func TestAddTextPrepared(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	old := []model.Article{art("a.txt", 0, "harbour", "quay"), art("b.txt", 0, "council", "vote")}
	changes := files(old)
	for i := range changes {
		changes[i].TextLater = true
	}
	apply(t, ix, changes)
	texts := []FileText{
		{Rel: "a.txt", Folded: map[int]Folded{0: Fold(&old[0])}},
		{Rel: "b.txt", Folded: map[int]Folded{0: Fold(&old[1])}},
	}
	for k := range texts {
		if err := texts[k].Prepare(ctx, ix); err != nil {
			t.Fatal(err)
		}
	}
	// b.txt changes before the writer gets to it.
	rewritten := files([]model.Article{art("b.txt", 0, "museum", "opening")})
	rewritten[0].TextLater = true
	apply(t, ix, rewritten)
	if n, err := ix.AddText(ctx, texts); err != nil || n != 1 {
		t.Fatalf("AddText = %d, %v; want 1 (a.txt)", n, err)
	}
	if files, n, err := ix.Pending(ctx); err != nil || n != 1 || files[0].Rel != "b.txt" {
		t.Fatalf("pending after AddText: %+v, %d (%v); want b.txt's article", files, n, err)
	}
	for q, n := range map[string]int{"quay": 1, "vote": 0, "council": 0} {
		if got := len(search(t, ix, q)); got != n {
			t.Errorf("Search(%q) finds %d, want %d", q, got, n)
		}
	}
	b := rewritten[0].Articles[0]
	b.Body = "opening"
	again := FileText{Rel: "b.txt", Folded: map[int]Folded{0: Fold(&b)}}
	if n, err := ix.AddText(ctx, []FileText{again}); err != nil || n != 1 {
		t.Fatalf("AddText of b.txt again = %d, %v; want 1", n, err)
	}
	if got := len(search(t, ix, "opening")); got != 1 {
		t.Errorf("the new b.txt is found %d times by its words, want 1", got)
	}
}
