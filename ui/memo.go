package ui

import "github.com/newsline/newsline/model"

// viewMemo keeps strings that View would otherwise rebuild on every frame:
// list rows and the help bar. Bubble Tea calls View on the event loop right
// after Update, never concurrently with it, so the model's copies can share
// one memo through a pointer. Every entry is keyed by what it depends on or
// dropped when that changes (rows on every batch and theme change).
type viewMemo struct {
	helpBar map[string]string
	rows    map[rowKey]string
	theme   *Theme // the theme the rows were drawn with
}

// rowKey identifies a list row drawn without the cursor on it.
type rowKey struct {
	id    model.ID
	width int
}

// maxMemoRows bounds the memo: a few screens of rows.
const maxMemoRows = 2048

func newViewMemo() *viewMemo {
	return &viewMemo{helpBar: map[string]string{}, rows: map[rowKey]string{}}
}

// row returns the memoized row, if it was drawn with theme th.
func (v *viewMemo) row(k rowKey, th *Theme) (string, bool) {
	if v == nil || v.theme != th {
		return "", false
	}
	s, ok := v.rows[k]
	return s, ok
}

func (v *viewMemo) putRow(k rowKey, th *Theme, s string) {
	if v == nil {
		return
	}
	if v.theme != th || len(v.rows) >= maxMemoRows {
		clear(v.rows)
		v.theme = th
	}
	v.rows[k] = s
}

// clearRows drops every row (the collection changed).
func (v *viewMemo) clearRows() { clear(v.rows) }
