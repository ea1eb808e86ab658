package index

import (
	"fmt"
	"slices"
	"testing"

	"github.com/newsline/newsline/model"
)

// TestDecodeRecordSharedLists decodes many records with shared tag lists,
// as Articles does, and checks each against decodeRecord alone, after
// appending to every list (an append must not reach the next list).
func TestDecodeRecordSharedLists(t *testing.T) {
	var recs []string
	for i := range 3 * listsBatch / 2 {
		a := sample()[i%len(sample())]
		a.Tags = nil
		for k := range i % 5 {
			a.Tags = append(a.Tags, fmt.Sprint("tag", k))
		}
		recs = append(recs, string(encodeRecord(nil, a.Rel, int64(i), &a)))
	}
	var lists []string
	var got []model.Article
	for _, rec := range recs {
		a, _, err := decodeRecordIn(rec, &lists)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a)
	}
	for i := range got {
		got[i].Tags = append(got[i].Tags, "appended")
		got[i].FolderTags = append(got[i].FolderTags, "appended")
	}
	for i, rec := range recs {
		want, _, _ := decodeRecord(rec)
		if g := got[i]; !slices.Equal(g.Tags[:len(g.Tags)-1], want.Tags) || !slices.Equal(g.FolderTags[:len(g.FolderTags)-1], want.FolderTags) {
			t.Fatalf("record %d: tags %q / %q, want %q / %q", i, g.Tags, g.FolderTags, want.Tags, want.FolderTags)
		}
	}
}
