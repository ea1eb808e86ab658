// Package feed reads web feeds into plain Go values and turns their items
// into newsline's Markdown articles. Parse reads RSS 0.9x–2.0, RSS
// 1.0/RDF, Atom 0.3/1.0 and JSON Feed 1.0/1.1 (with
// github.com/mmcdole/gofeed), repairing what real feeds get wrong: an
// undeclared Latin-1 encoding, a charset only the HTTP header names, an
// Atom document that is one <entry>, a JSON Feed whose tags is a string.
// Markdown converts an item's HTML to Markdown, Article renders the whole
// article file (YAML front matter and body), Key and FileName give an
// item's identity and a safe file name, Discover finds the feeds a web
// page links to, and Sniff tells a feed from other XML or JSON.
//
// Everything here is a pure function of its input: no IO, no network.
// Every string it returns is sanitized for a terminal (model.OneLine for
// one-line fields, model.Sanitize for Markdown), but an item's raw HTML
// (Item.Content, Item.Summary), which only Markdown should read.
package feed
