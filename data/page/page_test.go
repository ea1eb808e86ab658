package page

import (
	"errors"
	"strings"
	"testing"
)

func TestExtractReadsAnArticle(t *testing.T) {
	body := `<html lang="en"><head><title>Harbour ferry returns | The Estuary Gazette</title>
<meta property="og:site_name" content="The Estuary Gazette"></head><body>
<article><h1>Harbour ferry returns</h1>
<p>` + strings.Repeat("The evening ferry crossed the estuary again after a winter in the yard, its new deck quieter than the old one. ", 6) + `</p>
<p>` + strings.Repeat("Passengers lined the rail to watch the lights of the far shore come closer while the crew checked the moorings. ", 6) + `</p>
</article></body></html>`
	a, err := Extract([]byte(body), "text/html; charset=utf-8", "https://gazette.example/ferry")
	if err != nil {
		t.Fatal(err)
	}
	if a.Site != "The Estuary Gazette" || a.Lang != "en" || !strings.Contains(a.Markdown, "evening ferry crossed") {
		t.Errorf("got %+v", a)
	}
}

func TestExtractRefusesAPageWithNoArticle(t *testing.T) {
	body := `<html><body><form><input name="user"><input type="password"></form></body></html>`
	if _, err := Extract([]byte(body), "", ""); !errors.Is(err, ErrNoArticle) {
		t.Fatalf("err = %v, want ErrNoArticle", err)
	}
}
