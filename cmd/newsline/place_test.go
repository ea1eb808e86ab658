package main

import (
	"context"
	"reflect"
	"testing"

	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
)

func TestPlaceKeptInTheState(t *testing.T) {
	st, err := state.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if p := loadPlace(ctx, st, "scope"); p != nil {
		t.Fatalf("nothing kept, got %+v", p)
	}
	want := model.Place{
		Tags: []string{"sport"}, Exclude: []string{"weather"}, Search: "harbour", Sort: model.SortReads,
		Unread: true, Starred: true, Selected: model.NewID("a/b.md", 0), HasSel: true, Row: 4, ReaderY: 12, Reading: true,
	}
	if err := st.SaveView(ctx, "scope", want); err != nil {
		t.Fatal(err)
	}
	got := loadPlace(ctx, st, "scope")
	if got == nil || !reflect.DeepEqual(*got, want) {
		t.Fatalf("kept %+v, want %+v", got, want)
	}
	// Another collection has its own place.
	if p := loadPlace(ctx, st, "other"); p != nil {
		t.Errorf("other scope: %+v", p)
	}
	// No selection: none comes back.
	if err := st.SaveView(ctx, "scope", model.Place{Sort: model.SortNewest}); err != nil {
		t.Fatal(err)
	}
	if got := loadPlace(ctx, st, "scope"); got == nil || got.HasSel || got.Sort != model.SortNewest {
		t.Errorf("no selection kept as %+v", got)
	}
}
