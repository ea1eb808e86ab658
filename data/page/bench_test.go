package page

import (
	"fmt"
	"strings"
	"testing"
)

// benchPage builds a news page of about size bytes from our own words: a
// head with metadata, navigation, an article of paragraphs with figures,
// and a footer of links.
func benchPage(size int) []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>River path stays open | Valley Post</title>
<meta property="og:site_name" content="Valley Post"><meta property="article:published_time" content="2024-11-27T09:30:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav><article><h1>River path stays open</h1>`)
	for i := 0; b.Len() < size-2000; i++ {
		fmt.Fprintf(&b, `<p>Paragraph %d. The council voted to keep the river path open through the winter, with <a href="/p/%d">lamps lit</a> between the bridges until midnight and gritting at the first frost.</p>`, i, i)
		if i%10 == 9 {
			fmt.Fprintf(&b, `<figure><img src="/img/%d.jpg" alt="The path, view %d"><figcaption>View %d of the path</figcaption></figure>`, i, i, i)
		}
	}
	b.WriteString(`</article><footer><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li></ul></footer></body></html>`)
	return []byte(b.String())
}

// BenchmarkExtract reads a typical 100 KB page and a 2 MB one; pages/s is
// the rate.
func BenchmarkExtract(b *testing.B) {
	for _, size := range []int{100 << 10, 2 << 20} {
		body := benchPage(size)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := Extract(body, "text/html; charset=utf-8", "https://valley.example/path"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
