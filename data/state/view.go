package state

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// The bounds of a view (see storedView).
const (
	maxViewString = 4096    // bytes of Search, Sort, Selected and each tag key
	maxViewTags   = 100     // keys of Tags, and of Exclude
	maxViewLine   = 1 << 24 // Offset and ReaderY
	// A stored view longer than this is not read at all (as if none were
	// saved): a view within bounds is far shorter.
	maxViewJSON = 4 << 20
)

// storedView is a saved place (model.Place) as the state keeps it per
// collection, in JSON with names of its own, so that the names stored stay
// whatever model.Place's fields are called.
//
// A view from LoadView (and what SaveView stores) is held to bounds, so
// that a damaged or hostile database hands the interface nothing it could
// choke on or print: a string of more than 4096 bytes, or not UTF-8, is
// dropped (made ""), and so is a Search or tag key holding a control
// character; empty and repeated tag keys are dropped, and a tag list keeps
// its first 100 keys; a Sort that model.ParseSort does not know becomes ""
// (the default), a known one is written as model.Sort.String does;
// Offset and ReaderY are held between 0 and 1<<24. A Selected that is not
// an ID in hex is no selection.
type storedView struct {
	Tags     []string `json:"tags,omitempty"`    // selected tag keys, in order
	Exclude  []string `json:"exclude,omitempty"` // excluded tag keys
	Search   string   `json:"search,omitempty"`
	Sort     string   `json:"sort,omitempty"`     // model.Sort.String, as model.ParseSort reads it; "" the default
	Unread   bool     `json:"unread,omitempty"`   // the Unread smart entry is on
	Starred  bool     `json:"starred,omitempty"`  // the Starred smart entry is on
	Selected string   `json:"selected,omitempty"` // the selected article's ID in hex (model.ID.Hex); "" none
	Offset   int      `json:"offset,omitempty"`   // the selected article's row on screen (model.Place.Row)
	ReaderY  int      `json:"reader_y,omitempty"` // the reader's scroll line
	Reading  bool     `json:"reading,omitempty"`  // an article was open in the reader
}

// storedOf is a place as stored: the selected article by its ID in hex
// (IDs derive from the file's place in the collection, the same at every
// start), with its row only when there is one.
func storedOf(p model.Place) storedView {
	v := storedView{
		Tags: p.Tags, Exclude: p.Exclude, Search: p.Search, Sort: p.Sort.String(),
		Unread: p.Unread, Starred: p.Starred, ReaderY: p.ReaderY, Reading: p.Reading,
	}
	if p.HasSel {
		v.Selected, v.Offset = p.Selected.Hex(), p.Row
	}
	return v
}

// place reads a stored view back; a part that does not read is left out.
func (v storedView) place() model.Place {
	p := model.Place{
		Tags: v.Tags, Exclude: v.Exclude, Search: v.Search,
		Unread: v.Unread, Starred: v.Starred, ReaderY: v.ReaderY, Reading: v.Reading,
	}
	if s, err := model.ParseSort(v.Sort); err == nil && v.Sort != "" {
		p.Sort = s
	}
	if id, err := strconv.ParseUint(v.Selected, 16, 64); err == nil && len(v.Selected) == 16 {
		p.Selected, p.HasSel, p.Row = model.ID(id), true, v.Offset
	}
	return p
}

// SaveView stores p, held to a view's bounds, as the view of the
// collection scope (Scope), in place of the one saved before. It is one
// statement, hence one transaction: a crash leaves the old view or the new
// one.
func (s *Store) SaveView(ctx context.Context, scope string, p model.Place) error {
	b, err := json.Marshal(clean(storedOf(p)))
	if err != nil {
		return fmt.Errorf("state: save the view: %w", err)
	}
	s.write.Lock()
	defer s.write.Unlock()
	_, err = s.db.ExecContext(ctx, `INSERT INTO views (scope, view, saved) VALUES (?, ?, ?)
		ON CONFLICT (scope) DO UPDATE SET view = excluded.view, saved = excluded.saved`,
		scope, string(b), time.Now().Unix())
	return s.viewErr(ctx, "save the view in", err)
}

// LoadView returns the place saved for the collection scope, held to a
// view's bounds; false when none is. A saved view that does not decode —
// damaged, not a JSON object, a field of the wrong type, a number out of
// range of int, longer than 4 MiB — is not an error either: false, and the
// reader starts afresh (the next SaveView replaces it). Fields it does not
// know (saved by a newer newsline) are ignored.
func (s *Store) LoadView(ctx context.Context, scope string) (model.Place, bool, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT CAST(view AS BLOB) FROM views
		WHERE scope = ? AND length(CAST(view AS BLOB)) <= ?`, scope, maxViewJSON).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Place{}, false, nil
	}
	if err != nil {
		return model.Place{}, false, s.viewErr(ctx, "read the view in", err)
	}
	v, ok := decodeView(b)
	return v, ok, nil
}

// ForgetView deletes the view saved for the collection scope, if any.
func (s *Store) ForgetView(ctx context.Context, scope string) error {
	s.write.Lock()
	defer s.write.Unlock()
	_, err := s.db.ExecContext(ctx, `DELETE FROM views WHERE scope = ?`, scope)
	return s.viewErr(ctx, "forget the view in", err)
}

// decodeView reads a stored view, held to its bounds; false when it does
// not decode. JSON null decodes, to nothing: it is not a view either.
func decodeView(b []byte) (model.Place, bool) {
	var sv *storedView
	if err := json.Unmarshal(b, &sv); err != nil || sv == nil {
		return model.Place{}, false
	}
	return clean(*sv).place(), true
}

// clean holds v to a view's bounds. The slices it returns are its own (nil
// when empty).
func clean(v storedView) storedView {
	v.Tags = cleanKeys(v.Tags)
	v.Exclude = cleanKeys(v.Exclude)
	v.Search = cleanText(v.Search)
	if s, err := model.ParseSort(v.Sort); err == nil {
		v.Sort = s.String()
	} else {
		v.Sort = ""
	}
	// Selected is only compared with keys, never shown: a file name may
	// hold any character but '/' and NUL.
	if len(v.Selected) > maxViewString || !utf8.ValidString(v.Selected) {
		v.Selected = ""
	}
	v.Offset = min(max(v.Offset, 0), maxViewLine)
	v.ReaderY = min(max(v.ReaderY, 0), maxViewLine)
	return v
}

// cleanText returns s when it may be shown as it is (model.Filter leaves
// valid UTF-8 with only printable characters unchanged), else "".
func cleanText(s string) string {
	if len(s) > maxViewString || model.Filter(s, 0, -1) != s {
		return ""
	}
	return s
}

// cleanKeys returns the first maxViewTags tag keys that may be shown, each
// once, in order.
func cleanKeys(keys []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range keys {
		if len(out) == maxViewTags {
			break
		}
		if k = cleanText(k); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// viewErr is the error of a view operation (op ends in a preposition
// before the file): it names the file, and when the file may not be
// written says what to do.
func (s *Store) viewErr(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	if sqlitedb.IsUnwritable(err) && ctx.Err() == nil {
		return fmt.Errorf("state: %s %s: %w: %s", op, s.path, err, writeAdvice)
	}
	return wrap(ctx, op+" "+s.path, err)
}
