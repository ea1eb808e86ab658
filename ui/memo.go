package ui

import "github.com/newsline/newsline/model"

// rowMemo keeps the list rows drawn without the cursor, which View would
// otherwise rebuild on every frame. Bubble Tea calls View on the event
// loop right after Update, never concurrently with it, so the copies of a
// list pane share one memo through a pointer. Rows are keyed by article
// and width and dropped when the theme changes or when what they show
// changes (listPane.forgetRows: articles, marks, the smart view).
type rowMemo struct {
	rows  map[rowKey]string
	theme *Theme // the theme the rows were drawn with
}

// rowKey identifies a list row drawn without the cursor on it.
type rowKey struct {
	id    model.ID
	width int
}

// maxMemoRows bounds the memo: a few screens of rows.
const maxMemoRows = 2048

func newRowMemo() *rowMemo { return &rowMemo{rows: map[rowKey]string{}} }

// row returns the memoized row, if it was drawn with theme th.
func (v *rowMemo) row(k rowKey, th *Theme) (string, bool) {
	if v == nil || v.theme != th {
		return "", false
	}
	s, ok := v.rows[k]
	return s, ok
}

func (v *rowMemo) put(k rowKey, th *Theme, s string) {
	if v == nil {
		return
	}
	if v.theme != th || len(v.rows) >= maxMemoRows {
		clear(v.rows)
		v.theme = th
	}
	v.rows[k] = s
}

// clear drops every row.
func (v *rowMemo) clear() {
	if v != nil {
		clear(v.rows)
	}
}
