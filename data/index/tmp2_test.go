package index

import (
	"context"
	"testing"
)

func BenchmarkTmpQuery(b *testing.B) {
	ix := benchIndex(b, 100000, 50, 200, "")
	for _, q := range []struct{ name, sql string }{
		{"join2", `SELECT f.rel, a.title FROM files f JOIN articles a ON a.file = f.id ORDER BY f.rel, a.idx`},
		{"join13", `SELECT f.rel, a.id, a.idx, a.title, a.date, a.date_ns, a.reads, a.tags, a.folder_tags, a.source, a.url, a.author, a.format FROM files f JOIN articles a ON a.file = f.id ORDER BY f.rel, a.idx`},
		{"scan2", `SELECT file, title FROM articles`},
		{"scan13", `SELECT file, id, idx, title, date, date_ns, reads, tags, folder_tags, source, url, author, format FROM articles`},
		{"files", `SELECT id, rel FROM files`},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := ix.db.QueryContext(context.Background(), q.sql)
				if err != nil {
					b.Fatal(err)
				}
				cols, _ := rows.Columns()
				dest := make([]any, len(cols))
				vals := make([]any, len(cols))
				for i := range dest {
					dest[i] = &vals[i]
				}
				for rows.Next() {
					rows.Scan(dest...)
				}
				rows.Close()
			}
		})
	}
}
