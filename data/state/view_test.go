package state

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsline/newsline/internal/testchild"
	"github.com/newsline/newsline/model"
)

// fullView has every field set, within bounds.
var fullView = model.Place{
	Tags:     []string{"science", "space"},
	Exclude:  []string{"sport"},
	Search:   "harbour «reopens» 港",
	Sort:     model.SortOldest,
	Unread:   true,
	Starred:  true,
	Selected: model.NewID("news/1.md", 0),
	HasSel:   true,
	Row:      7,
	ReaderY:  120,
	Reading:  true,
}

func saveView(t testing.TB, s *Store, scope string, v model.Place) {
	t.Helper()
	if err := s.SaveView(ctx, scope, v); err != nil {
		t.Fatal(err)
	}
}

func loadView(t testing.TB, s *Store, scope string) (model.Place, bool) {
	t.Helper()
	v, ok, err := s.LoadView(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	return v, ok
}

// putRawView stores text as the view of scope, as no SaveView would.
func putRawView(t testing.TB, s *Store, scope, text string) {
	t.Helper()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO views (scope, view, saved) VALUES (?, ?, 0)
		ON CONFLICT (scope) DO UPDATE SET view = excluded.view`, scope, text); err != nil {
		t.Fatal(err)
	}
}

func TestViewRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	if v, ok := loadView(t, s, "/news"); ok || !reflect.DeepEqual(v, model.Place{}) {
		t.Errorf("nothing saved: LoadView = %+v, %v", v, ok)
	}
	before := time.Now().Unix()
	saveView(t, s, "/news", fullView)
	if v, ok := loadView(t, s, "/news"); !ok || !reflect.DeepEqual(v, fullView) {
		t.Errorf("LoadView = %+v, %v; want %+v", v, ok, fullView)
	}
	var saved int64
	if err := s.db.QueryRow(`SELECT saved FROM views WHERE scope = '/news'`).Scan(&saved); err != nil || saved < before || saved > time.Now().Unix() {
		t.Errorf("saved = %d (%v), want the time of the save", saved, err)
	}
	// The zero Place is a view too.
	saveView(t, s, "demo", model.Place{})
	if v, ok := loadView(t, s, "demo"); !ok || !reflect.DeepEqual(v, model.Place{}) {
		t.Errorf("the zero Place: LoadView = %+v, %v", v, ok)
	}
	// It is in the file: another Store, and the next start, see it.
	s.Close()
	s = open(t, dir)
	if v, ok := loadView(t, s, "/news"); !ok || !reflect.DeepEqual(v, fullView) {
		t.Errorf("reopened: LoadView = %+v, %v", v, ok)
	}
}

// TestViewScopes: each collection has its own view; a save replaces the
// scope's view only; ForgetView deletes it.
func TestViewScopes(t *testing.T) {
	s := open(t, t.TempDir())
	a, b := Scope("/news/a"), Scope("/news/b", "/news/c")
	other := model.Place{Tags: []string{"world"}, Sort: model.SortTitle, Selected: model.ID(1), HasSel: true, Row: 1}
	saveView(t, s, a, fullView)
	saveView(t, s, b, other)
	check := func(step, scope string, want model.Place, wantOK bool) {
		t.Helper()
		if v, ok := loadView(t, s, scope); ok != wantOK || !reflect.DeepEqual(v, want) {
			t.Errorf("%s: LoadView(%q) = %+v, %v; want %+v, %v", step, scope, v, ok, want, wantOK)
		}
	}
	check("two scopes", a, fullView, true)
	check("two scopes", b, other, true)
	check("two scopes", "/news", model.Place{}, false)

	next := fullView
	next.Tags = nil
	next.Search = ""
	next.Selected = model.NewID("world/harbour.txt", 0)
	next.Reading = false
	saveView(t, s, a, next)
	check("overwritten", a, next, true)
	check("overwritten", b, other, true)
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM views`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d rows (%v), want 2", n, err)
	}

	if err := s.ForgetView(ctx, a); err != nil {
		t.Fatal(err)
	}
	check("forgotten", a, model.Place{}, false)
	check("forgotten", b, other, true)
	if err := s.ForgetView(ctx, a); err != nil {
		t.Errorf("forgetting a view not saved: %v", err)
	}
}

// TestViewDamaged: a stored view that does not decode is no view, and no
// error: the reader starts afresh, and the next save replaces it.
func TestViewDamaged(t *testing.T) {
	s := open(t, t.TempDir())
	for _, tc := range []struct{ name, text string }{
		{"empty", ""},
		{"cut", `{"tags":["science"],"sea`},
		{"garbage", "\x00\xff\xfe not json"},
		{"null", "null"},
		{"an array", `["science"]`},
		{"a string", `"view"`},
		{"a number", `12`},
		{"two objects", `{}{}`},
		{"tags of the wrong type", `{"tags":"science"}`},
		{"a tag of the wrong type", `{"tags":["a",1]}`},
		{"offset of the wrong type", `{"offset":"7"}`},
		{"a fraction", `{"reader_y":1.5}`},
		{"out of range of int", `{"offset":1e30}`},
		{"out of range of int64", `{"reader_y":-99999999999999999999}`},
		{"too long", `{"search":"` + strings.Repeat("a", maxViewJSON) + `"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			putRawView(t, s, "/news", tc.text)
			v, ok, err := s.LoadView(ctx, "/news")
			if err != nil || ok || !reflect.DeepEqual(v, model.Place{}) {
				t.Errorf("LoadView = %+v, %v, %v; want none and no error", v, ok, err)
			}
			saveView(t, s, "/news", fullView)
			if v, ok := loadView(t, s, "/news"); !ok || !reflect.DeepEqual(v, fullView) {
				t.Errorf("after a save: LoadView = %+v, %v", v, ok)
			}
		})
	}
	// A row of the wrong type, as only another program would write it.
	if _, err := s.db.Exec(`UPDATE views SET view = x'7b7d00ff' WHERE scope = '/news'`); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := s.LoadView(ctx, "/news"); err != nil || ok {
		t.Errorf("a blob: LoadView = %+v, %v, %v", v, ok, err)
	}

	// What a newer newsline may write: fields this one does not know.
	putRawView(t, s, "/news", `{"search":"harbour","columns":{"width":30},"sort":"reads","pinned":["a"]}`)
	if v, ok := loadView(t, s, "/news"); !ok || !reflect.DeepEqual(v, model.Place{Search: "harbour", Sort: model.SortReads}) {
		t.Errorf("unknown fields: LoadView = %+v, %v", v, ok)
	}
	putRawView(t, s, "/news", `{}`)
	if v, ok := loadView(t, s, "/news"); !ok || !reflect.DeepEqual(v, model.Place{}) {
		t.Errorf("{}: LoadView = %+v, %v", v, ok)
	}
}

// TestViewClamped: values out of bounds, stored by another program or
// given to SaveView, never come out of LoadView.
func TestViewClamped(t *testing.T) {
	long := strings.Repeat("x", maxViewString+1)
	edge := strings.Repeat("é", maxViewString/2) // exactly the limit, in bytes
	many := make([]string, 150)
	for i := range many {
		many[i] = "t" + strconv.Itoa(i)
	}
	hostile := storedView{
		Tags:     append([]string{"", "a", long, "a\x1b[31m", "A", "a", edge, "tab\tkey", "bad\xffutf8", "\u009bcsi"}, many...),
		Exclude:  many,
		Search:   "\x1b]0;title\x07",
		Sort:     "random",
		Selected: long,
		Offset:   -3,
		ReaderY:  math.MaxInt,
	}
	want := storedView{
		Tags:    append([]string{"a", "A", edge}, many[:maxViewTags-3]...),
		Exclude: many[:maxViewTags],
		Offset:  0,
		ReaderY: maxViewLine,
	}
	if got := clean(hostile); !reflect.DeepEqual(got, want) {
		t.Errorf("clean =\n%+v\nwant\n%+v", got, want)
	}

	// The same, given to SaveView: the selection stays, its row is held
	// to bounds, an unknown sort is the default.
	s := open(t, t.TempDir())
	given := model.Place{Tags: hostile.Tags, Exclude: hostile.Exclude, Search: hostile.Search,
		Sort: model.Sort(200), Selected: model.ID(1), HasSel: true, Row: -3, ReaderY: math.MaxInt}
	wantGiven := model.Place{Tags: want.Tags, Exclude: want.Exclude, Selected: model.ID(1), HasSel: true, ReaderY: maxViewLine}
	tagsBefore := slices.Clone(given.Tags)
	saveView(t, s, "saved", given)
	if !slices.Equal(given.Tags, tagsBefore) {
		t.Error("SaveView changed the caller's slice")
	}
	if v, ok := loadView(t, s, "saved"); !ok || !reflect.DeepEqual(v, wantGiven) {
		t.Errorf("saved: LoadView =\n%+v\nwant\n%+v", v, wantGiven)
	}
	// The same, stored by another program (in JSON, a string is UTF-8).
	raw := hostile
	raw.Tags = slices.DeleteFunc(slices.Clone(raw.Tags), func(k string) bool { return !utf8.ValidString(k) })
	b, err := jsonOf(raw)
	if err != nil {
		t.Fatal(err)
	}
	putRawView(t, s, "raw", b)
	if v, ok := loadView(t, s, "raw"); !ok || !reflect.DeepEqual(v, want.place()) {
		t.Errorf("stored raw: LoadView =\n%+v\nwant\n%+v", v, want.place())
	}

	for _, tc := range []struct {
		in   storedView
		want storedView
	}{
		{storedView{Sort: "OLDEST"}, storedView{Sort: "oldest"}},
		{storedView{Sort: "newest"}, storedView{Sort: "newest"}},
		{storedView{Sort: " title"}, storedView{}},
		{storedView{Offset: math.MinInt, ReaderY: -1}, storedView{}},
		{storedView{Offset: maxViewLine, ReaderY: maxViewLine + 1}, storedView{Offset: maxViewLine, ReaderY: maxViewLine}},
		{storedView{Selected: "path:0:odd\nname.txt"}, storedView{Selected: "path:0:odd\nname.txt"}}, // only compared, never shown
		{storedView{Selected: "path:0:bad\xff.txt"}, storedView{}},
		{storedView{Tags: []string{}, Exclude: []string{""}}, storedView{}},
		{storedView{Search: long[:maxViewString]}, storedView{Search: long[:maxViewString]}},
	} {
		if got := clean(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("clean(%+v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// TestViewStoredForm: the JSON a place is stored as, field by field, stays
// what earlier newslines wrote and read.
func TestViewStoredForm(t *testing.T) {
	s := open(t, t.TempDir())
	for _, tc := range []struct {
		p    model.Place
		want string
	}{
		{model.Place{
			Tags: []string{"science", "space"}, Exclude: []string{"sport"}, Search: "harbour «reopens» 港",
			Sort: model.SortOldest, Unread: true, Starred: true,
			Selected: model.ID(0x00c0ffee00000001), HasSel: true, Row: 7, ReaderY: 120, Reading: true,
		}, `{"tags":["science","space"],"exclude":["sport"],"search":"harbour «reopens» 港","sort":"oldest",` +
			`"unread":true,"starred":true,"selected":"00c0ffee00000001","offset":7,"reader_y":120,"reading":true}`},
		{model.Place{}, `{"sort":"newest"}`},
		{model.Place{Sort: model.SortTitle, Row: 3, ReaderY: 9}, `{"sort":"title","reader_y":9}`}, // no selection, no row
	} {
		saveView(t, s, "/news", tc.p)
		var got string
		if err := s.db.QueryRow(`SELECT view FROM views WHERE scope = '/news'`).Scan(&got); err != nil || got != tc.want {
			t.Errorf("stored %+v as %s (%v), want %s", tc.p, got, err, tc.want)
		}
	}
}

// TestViewReadsWhatReads: the parts of a stored view that do not read —
// an unknown sort, a selection that is not an ID in hex — are left out,
// and the row with the selection.
func TestViewReadsWhatReads(t *testing.T) {
	p := storedView{Sort: "sideways", Selected: "not hex", Offset: 3}.place()
	if p.Sort != model.SortNewest || p.HasSel || p.Row != 0 {
		t.Errorf("place() kept unreadable parts: %+v", p)
	}
	for _, sel := range []string{"c0ffee", "00c0ffee000000012", "0x0c0ffee0000001", "00C0FFEE00000001"} {
		p := storedView{Selected: sel, Offset: 3}.place()
		if want := sel == "00C0FFEE00000001"; p.HasSel != want || want && (p.Selected != 0x00c0ffee00000001 || p.Row != 3) {
			t.Errorf("selected %q read as %+v", sel, p)
		}
	}
}

// jsonOf is v as SaveView would store it, without clean.
func jsonOf(v storedView) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	err := enc.Encode(v)
	return b.String(), err
}

// checkBounds fails when v is not within a view's bounds, checked one by
// one (not by clean, which it checks).
func checkBounds(t testing.TB, v storedView) {
	t.Helper()
	shown := func(what, s string) {
		t.Helper()
		if len(s) > maxViewString || !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
			t.Errorf("%s %q is out of bounds", what, s)
		}
	}
	for _, keys := range [][]string{v.Tags, v.Exclude} {
		if len(keys) > maxViewTags {
			t.Errorf("%d tag keys", len(keys))
		}
		seen := map[string]bool{}
		for _, k := range keys {
			shown("tag key", k)
			if k == "" || seen[k] {
				t.Errorf("tag key %q empty or repeated", k)
			}
			seen[k] = true
		}
	}
	shown("search", v.Search)
	if s, err := model.ParseSort(v.Sort); v.Sort != "" && (err != nil || s.String() != v.Sort) {
		t.Errorf("sort %q", v.Sort)
	}
	if len(v.Selected) > maxViewString || !utf8.ValidString(v.Selected) {
		t.Errorf("selected %q", v.Selected)
	}
	if v.Offset < 0 || v.Offset > maxViewLine || v.ReaderY < 0 || v.ReaderY > maxViewLine {
		t.Errorf("offset %d, reader line %d", v.Offset, v.ReaderY)
	}
}

// schemaV1 is the schema of version 1, as newsline wrote it before views
// (frozen here: schema changes, old files do not).
var schemaV1 = []string{
	`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	) WITHOUT ROWID`,
	`CREATE TABLE marks (
		key     TEXT PRIMARY KEY,   -- Key(article)
		read    INTEGER NOT NULL,   -- 0 or 1
		starred INTEGER NOT NULL,   -- 0 or 1
		title   TEXT NOT NULL,      -- as last seen
		date    TEXT NOT NULL,      -- RFC 3339, '' when unknown
		scope   TEXT NOT NULL,      -- Scope of the collection it was last seen in
		changed INTEGER NOT NULL    -- Unix milliseconds of the last change
	) WITHOUT ROWID`,
}

// writeV1 makes dir/state.db a state database of schema 1, as newsline
// left it, with a read and b starred (in scope /news), and extra run after.
func writeV1(t *testing.T, dir string, a, b model.Article, extra ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := append([]string{"PRAGMA journal_mode = WAL"}, schemaV1...)
	stmts = append(stmts,
		"PRAGMA application_id = "+strconv.Itoa(applicationID),
		"PRAGMA user_version = 1",
		`INSERT INTO meta (key, value) VALUES ('application', 'newsline state'), ('created', '2026-01-02T03:04:05Z')`)
	stmts = append(stmts, extra...)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []struct {
		a             model.Article
		read, starred bool
	}{{a, true, false}, {b, false, true}} {
		if _, err := db.Exec(`INSERT INTO marks VALUES (?, ?, ?, ?, ?, '/news', 1767225600000)`,
			Key(&m.a), m.read, m.starred, m.a.Title, dateOf(&m.a)); err != nil {
			t.Fatal(err)
		}
	}
}

// schemaOf describes the database's tables, with their statements'
// spacing made one.
func schemaOf(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.db.Query(`SELECT type, name, sql FROM sqlite_schema ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name string
		var text sql.NullString
		if err := rows.Scan(&typ, &name, &text); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s: %s\n", typ, name, strings.Join(strings.Fields(text.String), " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestMigrateFromSchema1: a database of schema 1 (before views) with
// marks is brought to the current schema, keeps its marks, and is then
// the same as a new one.
func TestMigrateFromSchema1(t *testing.T) {
	a := art("world/harbour.txt", 0, "Harbour reopens", "2026-03-12", "")
	b := art("b.md", 0, "B", "", "https://example.org/b")
	dir := t.TempDir()
	writeV1(t, dir, a, b)

	s := open(t, dir)
	m := marks(t, s, a, b)
	if len(m) != 2 || m[a.ID] != (model.Mark{Read: true}) || m[b.ID] != (model.Mark{Starred: true}) {
		t.Errorf("after the migration: marks %v", m)
	}
	var version int
	var created string
	if err := s.db.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT value FROM meta WHERE key = 'created')`).Scan(&version, &created); err != nil {
		t.Fatal(err)
	}
	if version != schemaVersion || schemaVersion != 4 || created != "2026-01-02T03:04:05Z" {
		t.Errorf("schema %d (this newsline knows %d), created %q", version, schemaVersion, created)
	}
	if got, want := schemaOf(t, s), schemaOf(t, open(t, t.TempDir())); got != want {
		t.Errorf("migrated:\n%s\nnew:\n%s", got, want)
	}
	// Both kinds of state work in it, and it stays as it is when reopened.
	saveView(t, s, "/news", fullView)
	if _, err := s.Reconcile(ctx, "/news", []model.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	set(t, s, model.Star, a)
	s.Close()
	s = open(t, dir)
	if v, ok := loadView(t, s, "/news"); !ok || !reflect.DeepEqual(v, fullView) {
		t.Errorf("after reopening: LoadView = %+v, %v", v, ok)
	}
	if m := marks(t, s, a, b); m[a.ID] != (model.Mark{Read: true, Starred: true}) || m[b.ID] != (model.Mark{Starred: true}) {
		t.Errorf("after reopening: marks %v", m)
	}
}

// TestMigrateTogether: newsline processes starting at once on an old
// database migrate it once, and all open it.
func TestMigrateTogether(t *testing.T) {
	a := art("a.txt", 0, "A", "", "")
	b := art("b.txt", 0, "B", "", "")
	dir := t.TempDir()
	writeV1(t, dir, a, b)
	var wg sync.WaitGroup
	stores := make([]*Store, 4)
	errs := make([]error, len(stores))
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(dir) })
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Errorf("Open %d: %v", i, errs[i])
			continue
		}
		if m := marks(t, s, a, b); len(m) != 2 {
			t.Errorf("store %d: marks %v", i, m)
		}
		s.Close()
	}
}

// TestMigrationFails: a migration that cannot be made (here: the old file
// holds a table of the new name) is an error naming the file, and leaves
// it as it was.
func TestMigrationFails(t *testing.T) {
	a := art("a.txt", 0, "A", "", "")
	b := art("b.txt", 0, "B", "", "")
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	writeV1(t, dir, a, b, "CREATE TABLE views (x)")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded")
	}
	if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "from schema 1") || !strings.Contains(msg, "unchanged") {
		t.Errorf("error %q: want one naming %s, the schema, and that the file is unchanged", msg, path)
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("the file was changed (%v)", err)
	}
}

// TestViewsTableMissing: a database of the current schema without its
// views table is damaged: the view methods say so, naming the file, and
// Open refuses it.
func TestViewsTableMissing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s := open(t, dir)
	if _, err := s.db.Exec(`DROP TABLE views`); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveView(ctx, "/news", fullView); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("SaveView: %v", err)
	}
	if _, _, err := s.LoadView(ctx, "/news"); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("LoadView: %v", err)
	}
	if err := s.ForgetView(ctx, "/news"); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("ForgetView: %v", err)
	}
	s.Close()
	if s, err := Open(dir); err == nil {
		s.Close()
		t.Error("Open accepted it")
	} else if !errors.Is(err, ErrUnusable) || !strings.Contains(err.Error(), "views table is missing") {
		t.Errorf("Open: %v", err)
	}
}

// TestViewClosedStore: a closed Store's error names the file.
func TestViewClosedStore(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	s.Close()
	path := filepath.Join(dir, FileName)
	if err := s.SaveView(ctx, "/news", fullView); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("SaveView: %v", err)
	}
	if _, ok, err := s.LoadView(ctx, "/news"); ok || err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("LoadView: %v, %v", ok, err)
	}
}

// TestViewReadOnly: a store SQLite opened read-only still loads, and its
// SaveView and ForgetView errors name the file and say what to do.
func TestViewReadOnly(t *testing.T) {
	dir := t.TempDir()
	open(t, dir).SaveView(ctx, "/news", fullView)
	path := filepath.Join(dir, FileName)
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{db: db, path: path}
	defer s.Close()
	if v, ok := loadView(t, s, "/news"); !ok || !reflect.DeepEqual(v, fullView) {
		t.Errorf("LoadView = %+v, %v", v, ok)
	}
	for name, err := range map[string]error{
		"SaveView":   s.SaveView(ctx, "/news", model.Place{}),
		"ForgetView": s.ForgetView(ctx, "/news"),
	} {
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "--state-dir") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestViewNotWritable runs a newsline that may read but not write the
// state folder and the database in it: as uid 65534 when the tests run as
// root (for whom permissions do not count), by chmod otherwise. Open or
// SaveView fails with an error naming the file and saying what to do, and
// the file is left as it was.
func TestViewNotWritable(t *testing.T) {
	top := testchild.ReachableDir(t)
	dir := filepath.Join(top, "state")
	s := open(t, dir)
	a := art("a.txt", 0, "A", "", "")
	set(t, s, model.Star, a)
	saveView(t, s, "/news", fullView)
	s.Close()
	path := filepath.Join(dir, FileName)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bin, cred := testchild.AsNobody(t, top)
	if cred == nil {
		testchild.ReadOnly(t, dir, path)
	}
	cmd := exec.Command(bin, "-test.run=^TestHelperViewWriter$", "-test.count=1", "-test.v")
	cmd.Dir = top
	cmd.Env = append(os.Environ(), viewHelperEnv+"="+dir, viewHelperEnv+"_MODE=readonly", "HOME="+top)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	out, err := cmd.CombinedOutput()
	if err != nil && cred != nil && testchild.Refused(err) {
		t.Skipf("the kernel does not let this process (uid %d) start one as uid 65534: %v", os.Geteuid(), err)
	}
	text := string(out)
	if err != nil {
		t.Fatalf("the child failed (%v):\n%s", err, text)
	}
	failed := false
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "saved") {
			t.Errorf("the child saved a view in a database it may not write:\n%s", text)
		}
		if strings.Contains(l, " failed: ") {
			failed = true
			t.Log(l)
			if !strings.Contains(l, path) || !strings.Contains(l, "--state-dir") {
				t.Errorf("want an error naming %s and saying what to do: %s", path, l)
			}
		}
	}
	if !failed {
		t.Errorf("neither Open nor SaveView failed:\n%s", text)
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("the file changed (%v)", err)
	}
	if cred == nil {
		os.Chmod(dir, 0o755)
		os.Chmod(path, 0o644)
	}
	s = open(t, dir)
	if v, ok := loadView(t, s, "/news"); !ok || !reflect.DeepEqual(v, fullView) {
		t.Errorf("the owner's view: %+v, %v", v, ok)
	}
	if !marks(t, s, a)[a.ID].Starred {
		t.Error("the owner's star is gone")
	}
}

// TestViewConcurrent: goroutines of one Store, and another Store (as
// another process would), save views at once; a view read meanwhile is
// always one that was saved, whole.
func TestViewConcurrent(t *testing.T) {
	dir := t.TempDir()
	s1, s2 := open(t, dir), open(t, dir)
	const saves = 30
	writers := []*Store{s1, s1, s2}
	var wg sync.WaitGroup
	for w, s := range writers {
		wg.Go(func() {
			for n := range saves {
				v := viewStep(w, n)
				if err := s.SaveView(ctx, "shared", v); err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				if err := s.SaveView(ctx, "own"+strconv.Itoa(w), v); err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
			}
		})
	}
	done := make(chan struct{})
	var reads sync.WaitGroup
	reads.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			v, ok, err := s2.LoadView(ctx, "shared")
			if err != nil {
				t.Errorf("LoadView: %v", err)
				return
			}
			if ok && !isStep(v) {
				t.Errorf("read a view never saved: %s", describe(v))
				return
			}
		}
	})
	wg.Wait()
	close(done)
	reads.Wait()
	var last []model.Place
	for w := range writers {
		last = append(last, viewStep(w, saves-1))
		if v, ok := loadView(t, s1, "own"+strconv.Itoa(w)); !ok || !reflect.DeepEqual(v, viewStep(w, saves-1)) {
			t.Errorf("writer %d's own view: %s", w, describe(v))
		}
	}
	if v, ok := loadView(t, s2, "shared"); !ok || !slices.ContainsFunc(last, func(l model.Place) bool { return reflect.DeepEqual(v, l) }) {
		t.Errorf("the shared view: %s, want one writer's last", describe(v))
	}
}

// viewStep is the view step n of generation gen (or writer) saves: every
// field tells gen and n, and it is longer than a page of the database, so
// that a view written half would show.
func viewStep(gen, n int) model.Place {
	tags := make([]string, maxViewTags)
	for i := range tags {
		tags[i] = fmt.Sprintf("tag %d.%d.%d", gen, n, i)
	}
	return model.Place{
		Tags:     tags,
		Exclude:  []string{fmt.Sprintf("not %d.%d", gen, n)},
		Search:   strings.Repeat(fmt.Sprintf("%d.%d ", gen, n), maxViewString)[:maxViewString-100],
		Sort:     model.Sorts[n%len(model.Sorts)],
		Unread:   n%2 == 0,
		Starred:  n%3 == 0,
		Selected: model.ID(uint64(gen)<<32 | uint64(n)),
		HasSel:   true,
		Row:      n % 40,
		ReaderY:  n * 3,
		Reading:  n%2 == 1,
	}
}

// isStep reports whether v is a whole viewStep.
func isStep(v model.Place) bool {
	gen, n := int(v.Selected>>32), int(uint32(v.Selected))
	return v.HasSel && reflect.DeepEqual(v, viewStep(gen, n))
}

// describe names a view in a failure: the step it says it is.
func describe(v model.Place) string {
	return fmt.Sprintf("{selected %s, %d tags, search of %d bytes, row %d, line %d}", v.Selected.Hex(), len(v.Tags), len(v.Search), v.Row, v.ReaderY)
}

func TestViewStepIsClean(t *testing.T) {
	for _, v := range []model.Place{viewStep(0, 0), viewStep(12, 345), fullView} {
		stored := storedOf(v)
		if !reflect.DeepEqual(clean(stored), stored) {
			t.Errorf("%s is changed by clean", describe(v))
		}
		checkBounds(t, stored)
		if back := stored.place(); !reflect.DeepEqual(back, v) {
			t.Errorf("%s is read back as %s", describe(v), describe(back))
		}
	}
	if !isStep(viewStep(3, 4)) || isStep(fullView) {
		t.Error("isStep is wrong")
	}
}

// viewHelperEnv names the state folder a child of TestKilledViewWriter or
// TestViewNotWritable uses; viewHelperEnv+"_MODE" what it does ("kill" or
// "readonly"), viewHelperEnv+"_GEN" which generation of writes it makes.
const viewHelperEnv = "NEWSLINE_STATE_VIEW_HELPER"

// TestKilledViewWriter kills a process saving views (SIGKILL: no deferred
// function, no Close) at random moments, many times, and opens the state
// after each kill: it opens; the view is the last one the child reported
// saved or the one after it, whole; and the marks every child made before
// are all there.
func TestKilledViewWriter(t *testing.T) {
	kills := 12
	if testing.Short() {
		kills = 5
	}
	dir := filepath.Join(t.TempDir(), "state")
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	marked := map[int]bool{} // generation → its marks are there
	var last *model.Place    // the shared view after the last kill
	for gen := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperViewWriter$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), viewHelperEnv+"="+dir, viewHelperEnv+"_MODE=kill", viewHelperEnv+"_GEN="+strconv.Itoa(gen))
		got := testchild.KillAfter(t, fmt.Sprintf("generation %d", gen), cmd, rnd.IntN(5), time.Duration(rnd.IntN(5_000))*time.Microsecond)
		reported, reportedMarks := 0, false
		for _, l := range got {
			if strings.HasPrefix(l, "error") || strings.Contains(l, "panic") || strings.Contains(l, "FAIL") {
				t.Fatalf("generation %d: the child failed:\n%s", gen, strings.Join(got, "\n"))
			}
			if rest, ok := strings.CutPrefix(l, "commit "); ok {
				n, _ := strconv.Atoi(rest)
				reported = max(reported, n+1)
			}
			reportedMarks = reportedMarks || l == "marked"
		}

		s, err := Open(dir)
		if err != nil {
			t.Fatalf("after kill %d (%d saves reported): Open: %v", gen, reported, err)
		}
		v, ok, err := s.LoadView(ctx, "shared")
		if err != nil {
			t.Fatalf("after kill %d: LoadView: %v", gen, err)
		}
		var want []*model.Place // the views it may hold: nil for none
		if reported == 0 {
			next := viewStep(gen, 0)
			want = []*model.Place{last, &next}
		} else {
			prev, next := viewStep(gen, reported-1), viewStep(gen, reported)
			want = []*model.Place{&prev, &next}
		}
		if !slices.ContainsFunc(want, func(w *model.Place) bool { return w == nil && !ok || w != nil && ok && reflect.DeepEqual(*w, v) }) {
			t.Fatalf("after kill %d (%d saves reported): the view is %s (saved: %v)", gen, reported, describe(v), ok)
		}
		if ok {
			last = &v
		}
		for g := 0; g <= gen; g++ {
			m, err := s.Marks(ctx, stepArticles(g, 0))
			if err != nil {
				t.Fatalf("after kill %d: Marks: %v", gen, err)
			}
			if len(m) != 0 && len(m) != batch {
				t.Fatalf("after kill %d: generation %d's marks are written half: %d of %d", gen, g, len(m), batch)
			}
			if g == gen {
				marked[g] = reportedMarks || len(m) == batch
			}
			if (len(m) == batch) != marked[g] {
				t.Fatalf("after kill %d: generation %d has %d marks, want them (%v)", gen, g, len(m), marked[g])
			}
		}
		// It still takes a save.
		if err := s.SaveView(ctx, "after", viewStep(gen, 0)); err != nil {
			t.Fatalf("after kill %d: SaveView: %v", gen, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if last != nil {
		t.Logf("%d kills; the view at the end: %s", kills, describe(*last))
	}
}

// TestHelperViewWriter is the child of TestKilledViewWriter (mode kill):
// it marks its generation's articles read, saying "marked", then saves
// views in a loop, saying "commit N" after each, until it is killed. The
// child of TestViewNotWritable (mode readonly) tries once and says what
// failed.
func TestHelperViewWriter(t *testing.T) {
	dir := os.Getenv(viewHelperEnv)
	if dir == "" {
		t.Skip("only run by TestKilledViewWriter and TestViewNotWritable")
	}
	gen, _ := strconv.Atoi(os.Getenv(viewHelperEnv + "_GEN"))
	s, err := Open(dir)
	if os.Getenv(viewHelperEnv+"_MODE") == "readonly" {
		if err != nil {
			fmt.Printf("open failed: %v\n", err)
			return
		}
		if v, ok, err := s.LoadView(ctx, "/news"); err != nil {
			fmt.Printf("load failed: %v\n", err)
		} else {
			fmt.Printf("loaded %v %s\n", ok, describe(v))
		}
		if err := s.SaveView(ctx, "/news", model.Place{Search: "nobody"}); err != nil {
			fmt.Printf("save failed: %v\n", err)
			return
		}
		fmt.Println("saved")
		return
	}
	if err != nil {
		fmt.Printf("error: open: %v\n", err)
		return
	}
	fmt.Println("open")
	if _, err := s.Set(ctx, model.MarkRead, stepArticles(gen, 0)); err != nil {
		fmt.Printf("error: marks: %v\n", err)
		return
	}
	fmt.Println("marked")
	for n := 0; ; n++ {
		if err := s.SaveView(ctx, "shared", viewStep(gen, n)); err != nil {
			fmt.Printf("error: save %d: %v\n", n, err)
			return
		}
		fmt.Printf("commit %d\n", n)
	}
}

// FuzzLoadView stores arbitrary bytes as a saved view: LoadView never
// panics nor fails, returns either no view or one within bounds, and a
// view it returns saves and loads back the same.
func FuzzLoadView(f *testing.F) {
	for _, seed := range []string{
		"", "{}", "null", "[]", `{"tags":["a","b"],"search":"x","sort":"oldest","offset":3,"reader_y":9,"reading":true}`,
		`{"tags":["a","a",""],"offset":-5,"reader_y":1e9,"sort":"RANDOM","selected":"path:0:a"}`,
		`{"search":"\u001b[2J","exclude":["\u009b"],"future":{"x":[1,2]}}`,
		`{"offset":1e30}`, `{"tags":"x"}`, "{\"search\":\"\xff\"}", `{"tags":[` + strings.Repeat(`"t",`, 200) + `"t"]}`,
	} {
		f.Add([]byte(seed))
	}
	s := open(f, f.TempDir())
	f.Fuzz(func(t *testing.T, data []byte) {
		putRawView(t, s, "fuzz", string(data))
		v, ok, err := s.LoadView(ctx, "fuzz")
		if err != nil {
			t.Fatalf("LoadView: %v", err)
		}
		if dv, dok := decodeView(data); len(data) <= maxViewJSON && (dok != ok || !reflect.DeepEqual(dv, v)) {
			t.Fatalf("the database changed the bytes: decodeView = %+v, %v; LoadView = %+v, %v", dv, dok, v, ok)
		}
		if !ok {
			if !reflect.DeepEqual(v, model.Place{}) {
				t.Fatalf("no view, but %+v", v)
			}
			return
		}
		checkBounds(t, storedOf(v))
		if !reflect.DeepEqual(clean(storedOf(v)), storedOf(v)) {
			t.Fatalf("clean changes a loaded view: %+v", v)
		}
		saveView(t, s, "again", v)
		if again, ok := loadView(t, s, "again"); !ok || !reflect.DeepEqual(again, v) {
			t.Fatalf("saved and loaded: %+v, %v; want %+v", again, ok, v)
		}
	})
}
