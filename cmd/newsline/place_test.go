package main

import (
	"context"
	"reflect"
	"testing"

	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/model"
	"github.com/newsline/newsline/ui"
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
	want := ui.Place{
		Tags: []string{"sport"}, Exclude: []string{"weather"}, Search: "harbour", Sort: model.SortReads,
		Unread: true, Starred: true, Selected: model.NewID("a/b.md", 0), HasSel: true, Row: 4, ReaderY: 12, Reading: true,
	}
	if err := savePlace(ctx, st, "scope", want); err != nil {
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
	if err := savePlace(ctx, st, "scope", ui.Place{Sort: model.SortNewest}); err != nil {
		t.Fatal(err)
	}
	if got := loadPlace(ctx, st, "scope"); got == nil || got.HasSel || got.Sort != model.SortNewest {
		t.Errorf("no selection kept as %+v", got)
	}
}

func TestPlaceOfDropsWhatDoesNotRead(t *testing.T) {
	p := placeOf(state.View{Sort: "sideways", Selected: "not hex", Offset: 3})
	if p.Sort != model.SortNewest || p.HasSel || p.Row != 0 {
		t.Errorf("placeOf kept unreadable parts: %+v", p)
	}
}
